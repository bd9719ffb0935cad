// A DaemonSet: its verdict, its rollout (live), the node map, the rollout's timeline, the full analysis and its remediations.
import { h, age, human, getJson, getText, table, progressBar, describeStep, showError, outcomeOf, duration, watchConnection } from "./common.js";

const [, , ns, name] = location.pathname.split("/").map(decodeURIComponent);
const base = `/api/daemonsets/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
const target = `${ns}/${name}`;
document.title = `${target} · OpenFero DaemonSet`;
document.getElementById("title").textContent = `DaemonSet ${target}`;

const STATES = {
  updatedAvailable: "updated",
  old: "old",
  pending: "pending",
  failing: "failing",
  notEligible: "not eligible",
  misscheduled: "misscheduled",
};

function renderRollout(view) {
  const since = (at) => (view.startedAt && at ? `+${human(Date.parse(at) - Date.parse(view.startedAt))}` : "-");
  const last = view.steps.at(-1);
  document.getElementById("rollout").replaceChildren(
    h("p", {}, h("span", { class: `state ${view.state}` }, view.state), " ", view.reason),
    h("p", {}, progressBar(view.updated, view.available, view.desired)),
    h("p", { class: "quiet" }, `Revision ${view.revision ?? "-"}, ${view.strategy}; started ${view.startedAt ? `${age(view.startedAt)} ago` : "-"}; last step: ${last ? `${describeStep(last)}, ${age(last.at)} ago` : "none"}`));
  document.getElementById("timeline").replaceChildren(
    view.nodes.length === 0
      ? h("p", { class: "quiet" }, "No node has been reached by this rollout yet.")
      : table("Rollout timeline by node", ["NODE", "OLD POD DELETED", "NEW POD CREATED", "READY", "AVAILABLE", "WITHOUT READY POD"], view.nodes.map((row) =>
          h("tr", {}, h("td", {}, row.node), h("td", {}, since(row.oldPodDeleted)), h("td", {}, since(row.newPodCreated)),
            h("td", {}, since(row.newPodReady)), h("td", {}, since(row.newPodAvailable)), h("td", {}, row.withoutReadyPod ?? "-")))),
    view.nodesWaiting.length === 0 ? "" : h("p", {}, `Not reached yet: ${view.nodesWaiting.join(", ")}`),
    view.longestGap ? h("p", { class: "quiet" }, `Longest wait: ${view.longestGap.length} after ${view.longestGap.after}`) : "");
}

async function renderNodes() {
  const container = document.getElementById("nodes");
  try {
    const map = await getJson(`${base}/nodes`);
    const legend = h("ul", { class: "legend", "aria-label": "Node states" },
      Object.entries(STATES).map(([state, label]) => h("li", {}, h("span", { class: `swatch ${state}`, "aria-hidden": "true" }), `${label} (${map.counts[state] ?? 0})`)));
    const cells = h("ul", { class: "node-map", "aria-label": "Node map" }, map.nodes.map((cell) =>
      h("li", { class: `node ${cell.state}`, "data-node": cell.node, "data-state": cell.state, title: cell.reason, "aria-label": `${cell.node}: ${STATES[cell.state]}, ${cell.reason}` },
        h("span", { class: "name" }, cell.node), h("span", { class: "label" }, STATES[cell.state]))));
    const unusual = map.nodes.filter((cell) => cell.state !== "updatedAvailable");
    container.replaceChildren(legend, cells, unusual.length === 0 ? "" :
      table("Nodes not updated, and why", ["NODE", "STATE", "POD", "WHY"], unusual.map((cell) =>
        h("tr", {}, h("td", {}, cell.node), h("td", {}, STATES[cell.state]), h("td", {}, cell.pod ?? "-"), h("td", { class: "wrap" }, cell.reason)))));
  } catch (error) {
    showError(container, "The nodes could not be read", error);
  }
}

async function renderAnalysis() {
  try {
    const report = await getJson(`${base}/analysis`);
    const verdict = document.getElementById("verdict");
    verdict.replaceChildren(h("strong", {}, "Verdict: "), report.verdict.summary, " ", h("span", { class: "quiet" }, `[${report.verdict.cause}]`));
    const text = await getText(`${base}/analysis?format=text`);
    document.getElementById("analysis").replaceChildren(
      h("pre", { class: "report", tabindex: "0", "aria-label": "The full analysis" }, text));
  } catch (error) {
    showError(document.getElementById("analysis"), "The analysis could not be read", error);
  }
}

async function renderRemediations() {
  const container = document.getElementById("remediations");
  try {
    const records = await getJson(`/api/remediations?daemonset=${encodeURIComponent(target)}`);
    container.replaceChildren(records.length === 0
      ? h("p", { class: "quiet" }, "No remediation of this DaemonSet is recorded.")
      : table("Remediations of this DaemonSet", ["JOB", "OUTCOME", "VERDICT", "AGE", "DURATION", "LOG"], records.map((r) =>
          h("tr", {}, h("td", {}, r.job), h("td", {}, h("span", { class: `state ${outcomeOf(r)}` }, outcomeOf(r))), h("td", { class: "wrap" }, r.verdict ?? "-"),
            h("td", {}, age(r.created)), h("td", {}, duration(r)),
            h("td", {}, h("a", { href: `/api/remediations/${encodeURIComponent(r.job)}/log` }, "log"))))));
  } catch (error) {
    showError(container, "The remediations could not be read", error);
  }
}

// The rollout stream drives the page: each change redraws the rollout; a move also re-reads the node map and the analysis a second later.
let refreshing = null;
function refreshSoon() {
  if (refreshing) return;
  refreshing = setTimeout(async () => { await Promise.all([renderNodes(), renderAnalysis()]); refreshing = null; }, 1000);
}

async function followRollout() {
  try {
    renderRollout(await getJson(`${base}/rollout`));
  } catch (error) {
    showError(document.getElementById("rollout"), "The rollout is not followed", error);
    document.getElementById("timeline").replaceChildren(h("p", { class: "quiet" }, "No timeline without the rollout monitor."));
    return;
  }
  const source = new EventSource(`${base}/rollout/stream`);
  watchConnection(source);
  let last = "";
  source.addEventListener("rollout", (event) => {
    const view = JSON.parse(event.data);
    renderRollout(view);
    const moved = JSON.stringify([view.updated, view.available, view.steps.length, view.state]);
    if (moved !== last) { last = moved; refreshSoon(); }
  });
}

renderNodes();
renderAnalysis();
renderRemediations();
followRollout();
setInterval(renderRemediations, 15000);
