// History: every remediation the cluster records, live, filtered by DaemonSet, outcome and time; details and the Job's log on demand.
import { h, age, getText, daemonSetLink, table, outcomeOf, duration, followRemediations } from "./common.js";

const container = document.getElementById("history");
const shown = document.getElementById("shown");
const filters = { daemonset: document.getElementById("daemonset"), outcome: document.getElementById("outcome"), since: document.getElementById("since") };
const params = new URLSearchParams(location.search);
let latest = [];
const openJobs = new Set(); // details kept open across re-renders

for (const [key, select] of Object.entries(filters)) {
  select.addEventListener("change", () => {
    const query = new URLSearchParams(location.search);
    if (select.value) query.set(key, select.value); else query.delete(key);
    history.replaceState(null, "", `${location.pathname}${query.size ? `?${query}` : ""}`);
    render();
  });
}

/** Keeps a select's options to the values seen, with the one asked for in the address kept even before it is seen. */
function offer(select, values, wanted) {
  const current = select.value || wanted || "";
  const all = [...new Set([...values, ...(current ? [current] : [])])].sort();
  select.replaceChildren(h("option", { value: "" }, "all"), ...all.map((v) => h("option", { value: v }, v)));
  select.value = current;
}

/** The row under a remediation: the alert, verdict, outcome summary and the Job's log (the plan and each step), shown on demand. */
function detailsRow(record, id) {
  const log = h("pre", { class: "log", tabindex: "0", "aria-label": `Log of ${record.job}` }, "Loading the log…");
  const row = h("tr", { id, class: "details", "data-details-for": record.job, hidden: !openJobs.has(record.job) },
    h("td", { colspan: "8" },
      h("dl", {},
        h("dt", {}, "Alert"), h("dd", {}, `${record.alert ?? "-"} (fingerprint ${record.fingerprint ?? "-"}, Operarius ${record.operarius ?? "-"})`),
        h("dt", {}, "Verdict"), h("dd", {}, record.verdict ?? "-"),
        h("dt", {}, "Outcome"), h("dd", {}, record.outcomeMessage ?? outcomeOf(record)),
        record.plan ? [h("dt", {}, "Plan waiting for approval"), h("dd", {}, record.plan)] : null,
        h("dt", {}, "Plan and steps"), h("dd", {}, log)),
      h("p", {}, h("a", { href: `/api/remediations/${encodeURIComponent(record.job)}/log` }, `Log of job ${record.job} as text`))));
  row.load = async () => {
    try { log.textContent = await getText(`/api/remediations/${encodeURIComponent(record.job)}/log`) || "(the log is empty)"; }
    catch (error) { log.textContent = `The log could not be read: ${error.message}`; }
  };
  if (!row.hidden) row.load();
  return row;
}

/** A remediation's row and its details row, opened and closed by the row's button. */
function rowsOf(record, now) {
  const id = `details-${record.job}`;
  const details = detailsRow(record, id);
  const button = h("button", { type: "button", class: "toggle", "aria-expanded": String(!details.hidden), "aria-controls": id }, "details");
  button.addEventListener("click", () => {
    details.hidden = !details.hidden;
    button.setAttribute("aria-expanded", String(!details.hidden));
    if (details.hidden) { openJobs.delete(record.job); return; }
    openJobs.add(record.job);
    details.load();
  });
  return [
    h("tr", { "data-job": record.job },
      h("td", {}, record.job), h("td", {}, daemonSetLink(record.target)), h("td", {}, record.alert ?? "-"),
      h("td", {}, h("span", { class: `state ${outcomeOf(record)}` }, outcomeOf(record))), h("td", { class: "wrap" }, record.verdict ?? "-"),
      h("td", {}, age(record.created, now)), h("td", {}, duration(record, now)), h("td", {}, button)),
    details,
  ];
}

function render() {
  offer(filters.daemonset, latest.map((r) => r.target).filter(Boolean), params.get("daemonset"));
  offer(filters.outcome, latest.map(outcomeOf), params.get("outcome"));
  if (params.get("since")) filters.since.value = params.get("since");
  params.delete("daemonset"); params.delete("outcome"); params.delete("since");
  const now = Date.now();
  const since = filters.since.value ? now - Number(filters.since.value) * 1000 : 0;
  const rows = latest.filter((r) =>
    (!filters.daemonset.value || r.target === filters.daemonset.value) &&
    (!filters.outcome.value || outcomeOf(r) === filters.outcome.value) &&
    (!since || Date.parse(r.created) >= since));
  shown.textContent = `${rows.length} of ${latest.length} remediations`;
  container.replaceChildren(rows.length === 0
    ? h("p", { class: "quiet" }, latest.length === 0 ? "No remediation recorded yet." : "No remediation matches the filters.")
    : table("Remediations", ["JOB", "DAEMONSET", "ALERT", "OUTCOME", "VERDICT", "AGE", "DURATION", "MORE"], rows.flatMap((r) => rowsOf(r, now))));
}

followRemediations((records) => { latest = records; render(); });
setInterval(render, 10000);
