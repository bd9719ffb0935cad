// The Now page's "Waiting for approval": each suspended remediation Job with its plan, an Approve button and the decline command.
import { h, age, human, daemonSetLink, table } from "./common.js";

/** Approves a Job through the API; answers the problem's detail, or null when it was approved. */
async function approve(job) {
  const answer = await fetch(`/api/remediations/${encodeURIComponent(job)}/approve`, {
    method: "POST",
    // A plain form on another site cannot send this header: the server refuses an approval without it.
    headers: { Accept: "application/json", "X-Requested-With": "openfero" },
  });
  if (answer.ok) return null;
  try {
    const body = await answer.json();
    return body.detail || body.title || `${answer.status}`;
  } catch {
    return `${answer.status} ${answer.statusText}`;
  }
}

function approveButton(record, status) {
  return h("button", {
    type: "button",
    class: "approve",
    "aria-label": `Approve ${record.job}`,
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      status.textContent = `Approving ${record.job}…`;
      const refused = await approve(record.job);
      status.textContent = refused ? `${record.job} was not approved: ${refused}` : `${record.job} approved: it runs now.`;
      status.className = refused ? "error" : "quiet";
    },
  }, "Approve");
}

/** Renders the records waiting for approval into container; status is where the Approve buttons report. */
export function renderApprovals(container, status, records, now = Date.now()) {
  const waiting = records.filter((r) => r.state === "awaitingApproval");
  container.replaceChildren(waiting.length === 0
    ? h("p", { class: "quiet" }, "No remediation waits for approval.")
    : table("Remediations waiting for approval", ["JOB AND ALERT", "DAEMONSET", "AGE", "EXPIRES IN", "PLAN", "APPROVE OR DECLINE"], waiting.map((r) =>
        h("tr", { "data-job": r.job },
          h("td", {}, r.job, h("span", { class: "sub" }, r.alert ?? "-")), h("td", {}, daemonSetLink(r.target)),
          h("td", {}, age(r.created, now)), h("td", {}, r.expires ? human(Date.parse(r.expires) - now) : "-"),
          h("td", { class: "wrap plan" }, r.plan ?? "-"),
          h("td", { class: "wrap" }, approveButton(r, status),
            h("span", { class: "sub" }, "decline: ", h("code", {}, `kubectl delete job ${r.job} -n ${r.jobNamespace ?? "openfero"}`)))))));
}
