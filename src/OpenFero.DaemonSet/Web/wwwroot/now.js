// Now: the remediations waiting for approval, those running (with their DaemonSet's rollout, live), those waiting out a cooldown, the latest finished.
import { h, age, human, getJson, daemonSetLink, table, progressBar, describeStep, showError, outcomeOf, duration, followRemediations } from "./common.js";
import { renderApprovals } from "./approvals.js";

const approvals = document.getElementById("approvals");
const approvalStatus = document.getElementById("approval-status");
const running = document.getElementById("running");
const waiting = document.getElementById("waiting");
const recent = document.getElementById("recent");
const rollouts = new Map(); // target → { source, view }
let latest = [];

function isRunning(record) {
  return record.state === "pending" || record.state === "running";
}

/** Follows the rollout of each DaemonSet being remediated; stops following the others. */
function followRollouts(targets) {
  for (const [target, followed] of rollouts) {
    if (!targets.has(target)) { followed.source.close(); rollouts.delete(target); }
  }
  for (const target of targets) {
    if (rollouts.has(target)) continue;
    const [ns, name] = target.split("/");
    const followed = { source: new EventSource(`/api/daemonsets/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/rollout/stream`), view: null };
    followed.source.addEventListener("rollout", (event) => { followed.view = JSON.parse(event.data); render(); });
    rollouts.set(target, followed);
  }
}

function rolloutCells(target) {
  const view = rollouts.get(target)?.view;
  if (!view) return [h("td", {}, "-"), h("td", {}, "-")];
  const last = view.steps.at(-1);
  return [
    h("td", {}, progressBar(view.updated, view.available, view.desired)),
    h("td", { class: "wrap" }, last ? `${describeStep(last)} (${age(last.at)} ago)` : view.reason),
  ];
}

function render() {
  const now = Date.now();
  const active = latest.filter(isRunning);
  followRollouts(new Set(active.map((r) => r.target).filter(Boolean)));
  running.replaceChildren(active.length === 0
    ? h("p", { class: "quiet" }, "No remediation is running.")
    : table("Running remediations", ["JOB AND ALERT", "DAEMONSET", "STATE", "AGE", "ROLLOUT", "STEP"], active.map((r) =>
        h("tr", { "data-job": r.job },
          h("td", {}, r.job, h("span", { class: "sub" }, r.alert ?? "-")), h("td", {}, daemonSetLink(r.target)),
          h("td", {}, h("span", { class: `state ${r.state}` }, r.state)), h("td", {}, age(r.created, now)),
          ...rolloutCells(r.target)))));
  renderApprovals(approvals, approvalStatus, latest, now);
  const finished = latest.filter((r) => !isRunning(r) && r.state !== "awaitingApproval").slice(0, 5);
  recent.replaceChildren(finished.length === 0
    ? h("p", { class: "quiet" }, "No remediation has finished yet.")
    : table("Remediations just finished", ["JOB", "DAEMONSET", "OUTCOME", "VERDICT", "AGE", "DURATION"], finished.map((r) =>
        h("tr", { "data-job": r.job },
          h("td", {}, r.job), h("td", {}, daemonSetLink(r.target)),
          h("td", {}, h("span", { class: `state ${outcomeOf(r)}` }, outcomeOf(r))), h("td", {}, r.verdict ?? "-"),
          h("td", {}, age(r.created, now)), h("td", {}, duration(r, now))))));
}

async function renderCooldowns() {
  try {
    // A DaemonSet whose remediation waits or still runs is listed there; its cooldown shows once it ended.
    const cooldowns = (await getJson("/api/remediations/cooldowns"))
      .filter((c) => !latest.some((r) => r.job === c.job && (isRunning(r) || r.state === "awaitingApproval")));
    const now = Date.now();
    waiting.replaceChildren(cooldowns.length === 0
      ? h("p", { class: "quiet" }, "No DaemonSet is waiting out a cooldown.")
      : table("DaemonSets in their cooldown", ["DAEMONSET", "WAITING FOR", "AFTER JOB", "ENDS IN"], cooldowns.map((c) =>
          h("tr", {}, h("td", {}, daemonSetLink(c.target)), h("td", {}, "cooldown"), h("td", {}, c.job), h("td", {}, human(Date.parse(c.until) - now))))));
  } catch (error) {
    showError(waiting, "The cooldowns could not be read", error);
  }
}

followRemediations((records) => { latest = records; render(); renderCooldowns(); });
renderCooldowns();
setInterval(() => { render(); renderCooldowns(); }, 10000);
