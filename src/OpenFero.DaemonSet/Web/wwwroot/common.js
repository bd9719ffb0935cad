// Shared by the pages: building elements without innerHTML, kubectl's ages, JSON reads, the page frame.

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A duration as kubectl prints ages: 45s, 3m10s, 20m, 5h12m, 3d. */
export function human(milliseconds) {
  const s = Math.floor(milliseconds / 1000);
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const hours = Math.floor(m / 60);
  if (hours < 8) return m % 60 === 0 ? `${hours}h` : `${hours}h${m % 60}m`;
  if (hours < 48) return `${hours}h`;
  const d = Math.floor(hours / 24);
  if (hours < 192) return hours % 24 === 0 ? `${d}d` : `${d}d${hours % 24}h`;
  if (d < 730) return `${d}d`;
  const y = Math.floor(d / 365);
  return d % 365 === 0 || y >= 8 ? `${y}y` : `${y}y${d % 365}d`;
}

/** How long ago an ISO time was, as an age; "-" when there is none. */
export function age(iso, now = Date.now()) {
  return iso ? human(now - Date.parse(iso)) : "-";
}

/** The JSON at a path of this server; throws with the problem's detail on an error answer. */
export async function getJson(path) {
  const answer = await fetch(path, { headers: { Accept: "application/json" } });
  if (!answer.ok) throw new Error(await problem(answer));
  return answer.json();
}

export async function getText(path) {
  const answer = await fetch(path);
  if (!answer.ok) throw new Error(await problem(answer));
  return answer.text();
}

async function problem(answer) {
  try {
    const body = await answer.json();
    return body.detail || body.title || `${answer.status}`;
  } catch {
    return `${answer.status} ${answer.statusText}`;
  }
}

/** "monitoring/node-exporter" as a link to its DaemonSet page. */
export function daemonSetLink(target) {
  if (!target) return "-";
  const [ns, name] = target.split("/");
  return h("a", { href: `/daemonsets/${encodeURIComponent(ns)}/${encodeURIComponent(name)}` }, target);
}

/** A table with column headers, in a scrollable region so a phone scrolls it sideways rather than the page. */
export function table(label, columns, rows) {
  return h("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": label },
    h("table", {},
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows)));
}

/** Updated and available out of desired, as a bar with the same in words beside it. */
export function progressBar(updated, available, desired) {
  const percent = (n) => (desired > 0 ? Math.round((100 * n) / desired) : 0);
  const words = `${updated}/${desired} updated, ${available}/${desired} available`;
  return h("span", { class: "progress" },
    h("span", { class: "bar", role: "img", "aria-label": words },
      h("span", { class: "available", style: `width:${percent(available)}%` }),
      h("span", { class: "updated", style: `width:${percent(updated)}%` })),
    h("span", { class: "counts" }, words));
}

/** A step of a rollout in a few words, as the server's text says it. */
export function describeStep(step) {
  switch (step.kind) {
    case "rolloutStarted": return "rollout started";
    case "rolloutComplete": return "rollout complete";
    case "oldPodDeleted": return `old pod ${step.pod} deleted on ${step.node}`;
    case "newPodCreated": return `new pod ${step.pod} created on ${step.node}`;
    case "newPodReady": return `new pod ${step.pod} ready on ${step.node}`;
    case "newPodAvailable": return `new pod ${step.pod} available on ${step.node}`;
    default: return step.kind;
  }
}

/** Says on the page (politely, for screen readers too) that a part could not be read, and why. */
export function showError(container, what, error) {
  container.replaceChildren(h("p", { class: "error", role: "status" }, `${what}: ${error.message}`));
}

/** The state of a remediation in one word: its outcome once it ended, else the Job's state. */
export function outcomeOf(record) {
  return record.outcome ?? record.state;
}

/** How long a remediation ran (or has run so far). */
export function duration(record, now = Date.now()) {
  const start = record.started ?? record.created;
  if (!start) return "-";
  const end = record.completed ? Date.parse(record.completed) : now;
  return human(end - Date.parse(start));
}

/**
 * The remediation records, live: the stream sends the current set, then each change; EventSource reconnects by
 * itself and sends the last event id, so the server sends only what changed since. Calls onChange with all records.
 */
export function followRemediations(onChange) {
  const records = new Map();
  const source = new EventSource("/api/remediations/stream");
  const changed = () => onChange([...records.values()].sort((a, b) => Date.parse(b.created ?? 0) - Date.parse(a.created ?? 0)));
  source.addEventListener("remediation", (event) => {
    const record = JSON.parse(event.data);
    records.set(record.job, record);
    changed();
  });
  // A Job gone from the history (deleted after it ended, by its TTL): its record goes from the page too.
  source.addEventListener("removed", (event) => {
    records.delete(JSON.parse(event.data).job);
    changed();
  });
  watchConnection(source);
  return source;
}

/** Shows in the header whether a stream is live or reconnecting. */
export function watchConnection(source) {
  const live = document.getElementById("live");
  if (!live) return;
  source.addEventListener("open", () => { live.textContent = "live"; live.dataset.state = "live"; });
  source.addEventListener("error", () => { live.textContent = "reconnecting"; live.dataset.state = "down"; });
}
