// The console: a page over the admin API. It keeps the login for this tab only (sessionStorage), sends it as HTTP
// Basic with each call, and builds every element with textContent: nothing a row holds is ever read as HTML.
"use strict";

const LOGIN_KEY = "pinconv.login";
const ROLE_RANK = { viewer: 1, operator: 2, admin: 3 };
const RUNS_PAGE = 20;
// the service's root, under a context path if it has one: the page is at <root>console/
const ROOT = (location.pathname.slice(0, location.pathname.lastIndexOf("/console/") + 1) || "/").replace(/^\/+/, "/");

// gen counts the pages shown: an answer that comes back after the user moved on is dropped, not drawn
const state = { me: null, timer: null, gen: 0, plot: null, chartSeq: 0 };

// ---------- talking to the API ----------

function basic(name, password) {
  const bytes = new TextEncoder().encode(name + ":" + password);
  let binary = "";
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return "Basic " + btoa(binary);
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, options = {}) {
  const login = sessionStorage.getItem(LOGIN_KEY);
  const headers = { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" };
  if (login) headers.Authorization = login;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  // from location.origin: a page opened as http://user:pw@host/ would put those in a URL made relative to it
  const response = await fetch(location.origin + ROOT + path.replace(/^\//, ""), {
    method: options.method || "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "omit",
    cache: "no-store",
  });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (response.status === 401) {
    sessionStorage.removeItem(LOGIN_KEY);
    showLogin(body && body.error ? body.error : null);
    throw new ApiError(401, "log in");
  }
  if (!response.ok) {
    const why = body && body.error ? body.error : response.status === 403 ? "your login's role may not do this" : "HTTP " + response.status;
    throw new ApiError(response.status, why);
  }
  return body;
}

const can = (role) => state.me && ROLE_RANK[state.me.role] >= ROLE_RANK[role];
const enc = encodeURIComponent;

// ---------- building the page ----------

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function table(columns, rows, attrs = {}) {
  const head = el("tr", {}, columns.map((c) => el("th", { class: c.num ? "num" : null, text: c.label })));
  const body = rows.map((r) => {
    const tr = el("tr", r.attrs || {});
    columns.forEach((c, i) => {
      const v = r.cells[i];
      tr.append(el("td", { class: c.num ? "num" : null, "data-label": c.label }, v === null || v === undefined ? "–" : v));
    });
    return tr;
  });
  return el("div", { class: "table-wrap" }, el("table", { class: "stack", ...attrs }, el("thead", {}, head), el("tbody", {}, body)));
}

const number = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
const percent = (part, whole) => (whole ? Math.round((100 * part) / whole) + " %" : "–");

function ago(iso) {
  if (!iso) return "–";
  const t = new Date(iso);
  const s = Math.round((Date.now() - t.getTime()) / 1000);
  const future = s < 0;
  const a = Math.abs(s);
  const words = a < 60 ? a + " s" : a < 3600 ? Math.round(a / 60) + " min" : a < 86400 ? Math.round(a / 3600) + " h" : Math.round(a / 86400) + " d";
  return el("time", { datetime: t.toISOString(), title: t.toLocaleString() }, future ? "in " + words : words + " ago");
}

function duration(run) {
  if (!run.startedAt || !run.finishedAt) return "–";
  const s = (new Date(run.finishedAt) - new Date(run.startedAt)) / 1000;
  return s < 60 ? s.toFixed(1) + " s" : Math.round(s / 60) + " min";
}

const HEALTH = {
  active: ["running", "ok"],
  failing: ["failing", "bad"],
  paused: ["paused", "warn"],
  misconfigured: ["misconfigured", "bad"],
  "waiting-for-source": ["waiting for its source", "warn"],
};

function healthBadge(stateName) {
  const [word, tone] = HEALTH[stateName] || [stateName, "muted"];
  return el("span", { class: "badge health " + tone, "data-state": stateName }, word);
}

function statusBadge(run) {
  const tone = run.status === "succeeded" ? "ok" : run.status === "failed" ? "bad" : "info";
  return el("span", {},
    el("span", { class: "badge " + tone }, run.status),
    run.dryRun ? el("span", { class: "badge muted", title: "nothing was sent" }, " dry run") : null,
    run.testMode ? el("span", { class: "badge muted", title: "Pinterest validated, recorded nothing" }, " test") : null);
}

function notice(message, tone = "") {
  const n = document.getElementById("notice");
  n.className = "notice " + tone;
  n.textContent = message;
  n.hidden = !message;
}

// shows a page unless the user has moved on (or logged out) since it was asked for
function page(gen, ...children) {
  if (gen !== state.gen || !state.me) return false;
  const p = document.getElementById("page");
  p.replaceChildren(...children.flat().filter(Boolean));
  p.hidden = false;
  return true;
}

function currentNav(name) {
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("current", a.dataset.page === name));
}

// ---------- logging in ----------

function showLogin(message) {
  clearInterval(state.timer);
  state.gen++;
  state.me = null;
  document.querySelectorAll("dialog").forEach((d) => d.remove());
  document.getElementById("nav").hidden = true;
  document.getElementById("who").hidden = true;
  document.getElementById("page").hidden = true;
  document.getElementById("login").hidden = false;
  const err = document.getElementById("login-error");
  err.textContent = message || "";
  err.hidden = !message;
  notice("");
}

async function logIn(event) {
  event.preventDefault();
  const name = document.getElementById("login-name").value;
  const password = document.getElementById("login-password").value;
  sessionStorage.setItem(LOGIN_KEY, basic(name, password));
  try {
    await start();
  } catch (e) {
    if (e.status === 401) showLogin("That name and password are not a login of this service.");
    else showLogin(e.message);
  }
}

async function start() {
  state.me = await api("/api/me");
  document.getElementById("login").hidden = true;
  document.getElementById("login-password").value = "";
  document.getElementById("nav").hidden = false;
  document.getElementById("who").hidden = false;
  document.getElementById("who-name").textContent = state.me.name;
  document.getElementById("who-role").textContent = state.me.role;
  await route();
}

// ---------- pages ----------

async function route() {
  clearInterval(state.timer);
  notice("");
  if (state.plot) state.plot.destroy();
  state.plot = null;
  if (!state.me) return;
  const gen = ++state.gen;
  try {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (parts[0] === "activations" && parts[1]) await activationPage(gen, parts[1]);
    else if (parts[0] === "destinations") await destinationsPage(gen);
    else if (parts[0] === "alerts") await alertsPage(gen);
    else {
      await activationsPage(gen);
      // the overview follows the runs as they happen, while it is shown
      if (gen === state.gen) state.timer = setInterval(() => activationsPage(gen).catch(() => {}), 15000);
    }
  } catch (e) {
    if (e.status !== 401) notice(e.message, "bad");
  }
}

async function activationsPage(gen) {
  currentNav("activations");
  const list = await api("/api/activations");
  const rows = list.map((a) => {
    const last = a.lastRun;
    const day = a.lastDay || {};
    const week = a.lastWeek || {};
    const problems = (a.problems || []).concat((a.alerts || []).map((x) => x.message));
    return {
      attrs: { "data-activation": a.id },
      cells: [
        el("span", {}, el("a", { href: "#/activations/" + enc(a.id) }, a.id), el("div", { class: "muted" }, [a.eventType, a.segment].filter(Boolean).join(" · "))),
        el("span", {}, healthBadge(a.state), problems.length ? el("ul", { class: "problems" }, problems.map((p) => el("li", {}, p))) : null),
        last ? el("span", {}, ago(last.startedAt), el("div", {}, statusBadge(last))) : "never",
        a.nextFiring ? ago(a.nextFiring) : "–",
        figures(day, false, last && last.dryRun),
        figures(week, true, last && last.dryRun),
        a.alerts ? (a.alerts.length ? el("span", { class: "badge bad" }, a.alerts.length + " in force") : el("span", { class: "badge ok" }, "quiet")) : "–",
      ],
    };
  });
  page(
    gen,
    el("h1", {}, "Activations"),
    list.length ? null : el("p", { class: "muted" }, "No activation is configured."),
    table(
      [
        { label: "Activation" },
        { label: "Health" },
        { label: "Last run" },
        { label: "Next run" },
        { label: "Last 24 h" },
        { label: "Last 7 days" },
        { label: "Monitors" },
      ],
      rows,
      { id: "activations" }
    ),
    el("p", { class: "muted" }, "Newly held back: rows held back for the first time (a row held back again at each run counts once). Fields dropped: values events were sent without, because they could not be normalised. Refreshed every 15 s.")
  );
}

// what a period's runs did, one figure a line; the e-mail share is the main match signal Pinterest gets
// dry: the activation's destination is a dry run, whose events are written to a file, never sent
function figures(t, withMatch, dry) {
  if (!t || t.runs === undefined) return "–";
  return el("div", { class: "figures" },
    el("div", {}, el("strong", {}, number(t.delivered)), dry ? " would have been sent (dry run)" : " delivered"),
    el("div", { class: t.heldBack ? "warn" : "muted" }, number(t.heldBack) + " newly held back"),
    t.fieldsDropped ? el("div", { class: "muted" }, number(t.fieldsDropped) + " fields dropped") : null,
    t.failedRuns ? el("div", { class: "error" }, number(t.failedRuns) + " of " + number(t.runs) + " runs failed") : null,
    withMatch && t.delivered ? el("div", { class: "muted" }, percent(t.withEmail, t.delivered) + " with e-mail") : null);
}

async function activationPage(gen, id) {
  currentNav("activations");
  const all = await api("/api/activations");
  const a = all.find((x) => x.id === id);
  if (!a) throw new ApiError(404, "no activation '" + id + "'");
  const problems = (a.problems || []).concat((a.alerts || []).map((x) => x.message));
  const chartBox = el("div", { class: "chart", id: "runs-chart" });
  const runsBox = el("div", { id: "runs-box" });
  const heldBox = el("div", { id: "held-back" });
  const warnBox = el("div", { id: "field-warnings" });
  const previewBox = el("div", { id: "preview" });
  const ready = !!a.destination;
  const shown = page(
    gen,
    el("p", {}, el("a", { href: "#/" }, "← Activations")),
    el("h1", { id: "activation-title" }, a.id, " ", healthBadge(a.state)),
    el("p", { class: "muted" }, [a.eventType, a.segment, a.destination && "to " + a.destination, a.schedule].filter(Boolean).join(" · ")),
    problems.length ? el("ul", { class: "problems" }, problems.map((p) => el("li", {}, p))) : null,
    ready ? actions(a) : null,
    ready
      ? el("div", { class: "cards" },
          el("div", { class: "card" }, el("div", { class: "muted" }, "Last 24 h"), figures(a.lastDay, false, a.lastRun && a.lastRun.dryRun)),
          el("div", { class: "card" }, el("div", { class: "muted" }, "Last 7 days"), figures(a.lastWeek, true, a.lastRun && a.lastRun.dryRun)),
          el("div", { class: "card" }, el("div", { class: "muted" }, "Last run"), a.lastRun ? el("div", {}, ago(a.lastRun.startedAt), " ", statusBadge(a.lastRun)) : "never",
            el("div", { class: "muted" }, "next ", a.nextFiring ? ago(a.nextFiring) : "not scheduled")))
      : null,
    ready ? el("h2", {}, "Runs over time") : null,
    ready ? chartControls(a.id, chartBox) : null,
    ready ? chartBox : null,
    ready ? el("h2", {}, "Runs") : null,
    runsBox,
    ready ? el("h2", {}, "Held back") : null,
    heldBox,
    ready ? el("h2", {}, "Sent without a field") : null,
    warnBox,
    ready ? el("h2", {}, "Next rows, as they would be sent") : null,
    ready ? previewBox : null
  );
  if (!ready || !shown) return;
  await Promise.all([drawChart(a.id, chartBox, 1000), showRuns(a.id, runsBox, null), showHeldBack(a.id, heldBox), showWarnings(a.id, warnBox)]);
  previewBox.replaceChildren(el("button", { type: "button", "data-action": "preview", onclick: () => showPreview(a.id, previewBox) }, "Preview the next 10 rows"),
    el("p", { class: "muted" }, "Reads the segment and maps it; sends and records nothing. Personal data shows hashed, as Pinterest gets it."));
}

function actions(a) {
  if (!can("operator")) return el("p", { class: "muted", id: "read-only" }, "Your login is a viewer: you can look, not act.");
  const box = el("div", { class: "actions" });
  const run = el("button", { type: "button", class: "primary", "data-action": "run" }, "Run now");
  run.onclick = () => act(run, "Running…", async () => {
    const r = await api("/api/activations/" + enc(a.id) + "/runs", { method: "POST" });
    return "Run " + r.id + " " + r.status + ": " + number(r.delivered) + (r.dryRun ? " would be sent" : " delivered") + ", " + number(r.rejected) + " held back.";
  });
  const paused = a.state === "paused";
  const toggle = el("button", { type: "button", "data-action": paused ? "resume" : "pause" }, paused ? "Resume" : "Pause");
  toggle.onclick = () =>
    paused
      ? act(toggle, "Resuming…", async () => (await api("/api/activations/" + enc(a.id) + "/resume", { method: "POST" }), "Resumed: it runs on its schedule again."))
      : ask("Pause " + a.id, "Why? (kept in the log, shown here)", false, async (reason) => {
          await api("/api/activations/" + enc(a.id) + "/pause?reason=" + enc(reason), { method: "POST" });
          return "Paused: it will not run until resumed.";
        });
  const replay = el("button", { type: "button", "data-action": "replay" }, "Replay…");
  replay.onclick = () =>
    ask("Replay events of " + a.id, "Event ids to send again, one a line (the next run sends them)", true, async (text) => {
      const ids = text.split(/[\s,]+/).filter(Boolean);
      const r = await api("/api/activations/" + enc(a.id) + "/replay", { method: "POST", body: { eventIds: ids, reason: "replayed from the console" } });
      return number(r.toResend) + " event(s) will be sent again by the next run.";
    });
  box.append(run, toggle, replay);
  return box;
}

async function act(button, busy, work) {
  const label = button.textContent;
  notice("");
  button.disabled = true;
  button.textContent = busy;
  try {
    const message = await work();
    await route();
    notice(message, "ok");
  } catch (e) {
    if (e.status !== 401) notice(e.message, "bad");
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function ask(title, label, multiline, work) {
  const input = multiline ? el("textarea", { required: true }) : el("input", { required: true, maxlength: "200" });
  const error = el("p", { class: "error" });
  const ok = el("button", { type: "button", class: "primary", "data-action": "confirm" }, "OK");
  const dialog = el("dialog", { id: "ask" },
    el("h2", {}, title), el("label", {}, label, input), error,
    el("div", { class: "actions" }, ok, el("button", { type: "button", onclick: () => dialog.close() }, "Cancel")));
  ok.onclick = async () => {
    if (!input.value.trim() || ok.disabled) return;
    ok.disabled = true;
    try {
      const message = await work(input.value.trim());
      dialog.close();
      await route();
      notice(message, "ok");
    } catch (e) {
      error.textContent = e.message;
    } finally {
      ok.disabled = false;
    }
  };
  // closed by OK, Cancel or Escape: gone, so the next one is the only #ask
  dialog.addEventListener("close", () => dialog.remove());
  document.querySelectorAll("dialog").forEach((d) => d.remove());
  document.body.append(dialog);
  dialog.showModal();
}

function chartControls(id, box) {
  const select = el("select", { "aria-label": "runs in the chart" }, [100, 1000, 5000].map((n) => el("option", { value: n, selected: n === 1000 }, "last " + number(n) + " runs")));
  select.onchange = () => drawChart(id, box, Number(select.value)).catch((e) => notice(e.message, "bad"));
  return el("p", {}, select);
}

async function drawChart(id, box, limit) {
  const seq = ++state.chartSeq;
  const points = await api("/api/activations/" + enc(id) + "/runs/chart?limit=" + limit);
  if (seq !== state.chartSeq) return;
  if (state.plot) state.plot.destroy();
  state.plot = null;
  box.replaceChildren();
  if (!points.length) {
    box.append(el("p", { class: "muted" }, "No run yet."));
    return;
  }
  const data = [[], [], [], [], []];
  const times = points.map((p) => new Date(p.startedAt).getTime() / 1000);
  // a pause far longer than the usual interval (the service down, the activation paused) is drawn as a gap,
  // not as a line across it
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const usual = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
  points.forEach((p, i) => {
    if (i > 0 && usual > 0 && times[i] - times[i - 1] > 10 * usual) {
      data[0].push((times[i] + times[i - 1]) / 2);
      for (let k = 1; k < 5; k++) data[k].push(null);
    }
    data[0].push(times[i]);
    data[1].push(p.delivered);
    data[2].push(p.heldBack);
    data[3].push(p.fieldsDropped);
    data[4].push(p.seconds);
  });
  state.plot = new uPlot(
    {
      width: chartWidth(box),
      height: 260,
      scales: { x: { time: true }, s: { auto: true } },
      series: [
        {},
        { label: "delivered", stroke: "#1a7f37", width: 2 },
        { label: "held back", stroke: "#cf222e", width: 2 },
        { label: "fields dropped", stroke: "#9a6700", width: 1.5 },
        { label: "duration (s)", stroke: "#0969da", width: 1, dash: [4, 4], scale: "s" },
      ],
      axes: [{}, { label: "rows" }, { side: 1, scale: "s", label: "seconds", grid: { show: false } }],
    },
    data,
    box
  );
}

function chartWidth(box) {
  return Math.max(280, box.clientWidth - 16);
}

// status: only the runs with it ("failed"...), or all when empty; before: the page after that run
async function showRuns(id, box, before, status = "") {
  const runs = await api("/api/activations/" + enc(id) + "/runs?limit=" + RUNS_PAGE + (before ? "&before=" + before : "") + (status ? "&status=" + enc(status) : ""));
  const rows = runs.map((r) => ({
    attrs: { "data-run": r.id, class: "run", title: "Open run " + r.id },
    cells: [
      el("button", { type: "button", class: "link", "aria-expanded": "false" }, "#" + r.id),
      ago(r.startedAt),
      statusBadge(r),
      number(r.read),
      number(r.delivered),
      number(r.rejected),
      number(Object.values(r.fieldsDropped || {}).reduce((s, n) => s + n, 0)),
      duration(r),
    ],
  }));
  const t = table(
    [{ label: "Run" }, { label: "Started" }, { label: "Status" }, { label: "Read", num: true }, { label: "Delivered", num: true },
      { label: "Held back", num: true }, { label: "Fields dropped", num: true }, { label: "Duration", num: true }],
    rows,
    { id: "runs" }
  );
  t.querySelectorAll("tr.run").forEach((tr, i) => tr.addEventListener("click", () => toggleRun(id, tr, runs[i])));
  const filter = el("select", { id: "runs-status", "aria-label": "which runs" },
    [["", "all runs"], ["failed", "failed runs"], ["abandoned", "runs cut short"], ["succeeded", "succeeded runs"], ["running", "running now"]]
      .map(([v, label]) => el("option", { value: v, selected: v === status }, label)));
  filter.onchange = () => showRuns(id, box, null, filter.value).catch((e) => notice(e.message, "bad"));
  const pager = el("div", { class: "actions" });
  if (before) pager.append(el("button", { type: "button", onclick: () => showRuns(id, box, null, status) }, "Newest"));
  if (runs.length === RUNS_PAGE) pager.append(el("button", { type: "button", "data-action": "older", onclick: () => showRuns(id, box, runs[runs.length - 1].id, status) }, "Older runs"));
  const none = before ? "No older run." : status ? "No such run." : "No run yet.";
  box.replaceChildren(el("p", {}, filter), runs.length ? t : el("p", { class: "muted" }, none), pager);
}

async function toggleRun(id, tr, run) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains("run-detail")) {
    next.remove();
    tr.classList.remove("open");
    return;
  }
  tr.classList.add("open");
  const cell = el("td", { colspan: tr.children.length, class: "detail" }, "…");
  tr.after(el("tr", { class: "run-detail", "data-run": run.id }, cell));
  const reasons = Object.entries(run.rejectedByReason || {});
  const examples = await Promise.all(
    reasons.map(([reason]) => api("/api/activations/" + enc(id) + "/rejections?size=3&reason=" + enc(reason)).then((p) => p.rejections).catch(() => []))
  );
  const dropped = Object.entries(run.fieldsDropped || {});
  const monitors = (run.monitors || []).filter((m) => m.firing);
  cell.replaceChildren(el("div", {},
    el("dl", {},
      el("dt", {}, "Started"), el("dd", {}, new Date(run.startedAt).toLocaleString()),
      run.failure ? [el("dt", {}, "Failure"), el("dd", { class: "error" }, run.failure)] : null,
      el("dt", {}, "Requests"), el("dd", {}, Object.entries(run.requestsByStatus || {}).map(([s, n]) => s + ": " + n).join(", ") || "none"),
      el("dt", {}, "Pending, to retry"), el("dd", {}, number(run.pending)),
      run.duplicateIds ? [el("dt", {}, "Duplicate ids"), el("dd", {}, number(run.duplicateIds) + " rows skipped: another row of the run had their id")] : null,
      monitors.length ? [el("dt", {}, "Monitors firing"), el("dd", {}, monitors.map((m) => m.message || m.monitor).join("; "))] : null
    ),
    el("h3", {}, "Held back by this run, by reason"),
    reasons.length ? el("p", { class: "muted" }, "Examples: the latest rows held back for each reason.") : null,
    reasons.length
      ? el("ul", { class: "rejections-by-reason" },
          reasons.map(([reason, n], i) =>
            el("li", { "data-reason": reason },
              el("strong", {}, reason), ": " + number(n),
              el("ul", {}, examples[i].map((x) => el("li", { class: "muted" }, x.eventId + (x.field ? " · " + x.field : "") + " — " + x.message))))))
      : el("p", { class: "muted" }, "None."),
    dropped.length ? [el("h3", {}, "Sent without"), el("ul", {}, dropped.map(([f, n]) => el("li", {}, f + ": " + number(n))))] : null
  ));
}

function grouped(rows, key) {
  const groups = new Map();
  rows.forEach((r) => {
    const k = r[key];
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  });
  return groups;
}

async function showHeldBack(id, box) {
  const p = await api("/api/activations/" + enc(id) + "/rejections?size=200");
  if (!p.total) {
    box.replaceChildren(el("p", { class: "muted" }, "No row is held back."));
    return;
  }
  const rows = [...grouped(p.rejections, "reason")].map(([reason, rs]) => ({
    attrs: { "data-reason": reason },
    cells: [reason, number(rs.length), el("span", {}, rs.slice(0, 3).map((x) => el("div", {}, el("code", {}, x.eventId), " ", x.field ? x.field + ": " : "", x.message)))],
  }));
  box.replaceChildren(
    el("p", { class: "muted" }, number(p.total) + " rows held back; the latest " + p.rejections.length + " by reason. They are not sent: the reason says what to change in the segment."),
    table([{ label: "Reason" }, { label: "Rows", num: true }, { label: "Examples (event id, field, why)" }], rows, { id: "held-back-table" })
  );
}

async function showWarnings(id, box) {
  const p = await api("/api/activations/" + enc(id) + "/warnings?size=200");
  if (!p.total) {
    box.replaceChildren(el("p", { class: "muted" }, "Every field was sent."));
    return;
  }
  const rows = [...grouped(p.warnings, "field")].map(([field, ws]) => ({
    cells: [field, number(ws.length), el("span", {}, ws.slice(0, 3).map((w) => el("div", {}, el("code", {}, w.eventId), " ", w.message)))],
  }));
  box.replaceChildren(
    el("p", { class: "muted" }, number(p.total) + " events were sent without a field; the latest " + p.warnings.length + " by field."),
    table([{ label: "Field" }, { label: "Events", num: true }, { label: "Examples (event id, why)" }], rows, { id: "warnings-table" })
  );
}

async function showPreview(id, box) {
  box.replaceChildren(el("p", { class: "muted" }, "Reading…"));
  try {
    const p = await api("/api/activations/" + enc(id) + "/preview?rows=10", { method: "POST" });
    const rows = p.verdicts.map((v) => ({ cells: [v.eventId, v.verdict, [v.reason, v.field, v.message].filter(Boolean).join(" · ")] }));
    let request = p.request;
    try {
      request = JSON.stringify(JSON.parse(p.request), null, 2);
    } catch (e) {
      /* shown as it came */
    }
    box.replaceChildren(
      table([{ label: "Event id" }, { label: "Verdict" }, { label: "Why" }], rows, { id: "preview-table" }),
      request ? el("details", {}, el("summary", {}, "The request body (personal data hashed)"), el("pre", {}, request)) : el("p", { class: "muted" }, "No row would be sent.")
    );
  } catch (e) {
    box.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

async function destinationsPage(gen) {
  currentNav("destinations");
  const list = await api("/api/destinations");
  const tone = { sending: "ok", paused: "warn", failing: "bad" };
  const rows = list.map((d) => {
    const q = d.quality || {};
    const buttons = can("operator")
      ? el("span", { class: "actions" },
          el("button", { type: "button", "data-action": "test", onclick: (e) => act(e.target, "Testing…", async () => {
            const r = await api("/api/destinations/" + enc(d.id) + "/test", { method: "POST" });
            return "Connection test of " + d.id + ": " + (r.connection || r.result || "done") + (r.message ? " — " + r.message : "");
          }) }, "Test connection"),
          d.state === "paused"
            ? el("button", { type: "button", "data-action": "resume-destination", onclick: (e) => act(e.target, "Resuming…", async () => {
                await api("/api/destinations/" + enc(d.id) + "/resume", { method: "POST" });
                return d.id + " sends again.";
              }) }, "Resume")
            : null)
      : null;
    return {
      attrs: { "data-destination": d.id },
      cells: [
        el("span", {}, d.id, el("div", { class: "muted" }, "ad account " + d.adAccountId)),
        d.mode,
        el("span", {}, el("span", { class: "badge " + (tone[d.state] || "muted") }, d.state), d.pausedBecause ? el("div", { class: "problems" }, d.pausedBecause, " (since ", ago(d.pausedSince), ")") : null),
        d.circuitBreaker,
        number(d.requestsPerMinute) + " / min",
        d.connection ? el("span", {}, d.connection.result, el("div", { class: "muted" }, d.connection.message || ""), ago(d.connection.testedAt)) : "not tested",
        qualityCell(q),
        (d.alerts || []).length ? el("ul", { class: "problems" }, d.alerts.map((x) => el("li", {}, x.message))) : el("span", { class: "badge ok" }, "quiet"),
        buttons,
      ],
    };
  });
  page(
    gen,
    el("h1", {}, "Destinations"),
    table(
      [{ label: "Destination" }, { label: "Mode" }, { label: "State" }, { label: "Breaker" }, { label: "Rate limit" }, { label: "Connection" },
        { label: "Pinterest quality" }, { label: "Alerts" }, { label: can("operator") ? "Actions" : "" }],
      rows,
      { id: "destinations" }
    )
  );
}

function qualityCell(q) {
  if (!q) return "–";
  const latest = q.latest || [];
  if (!latest.length) {
    const why = q.lastError ? "not read: " + q.lastError : q.readable ? "not read yet" : "not read: set the destination's oauth-token (ads:read)";
    return el("span", { class: "muted" }, why);
  }
  return el("span", {}, latest.map((s) => el("div", {}, [s.lookbackPeriod, s.sourcePlatform].filter(Boolean).join(" ") + ": " + s.overallStatus)),
    el("div", { class: "muted" }, "read ", ago(q.lastFetchedAt)));
}

async function alertsPage(gen) {
  currentNav("alerts");
  const list = await api("/api/alerts");
  const rows = list.map((x) => ({ cells: [x.scope + " " + x.ownerId, x.kind + (x.subject ? " (" + x.subject + ")" : ""), ago(x.raisedAt), x.message] }));
  page(
    gen,
    el("h1", {}, "Alerts in force"),
    list.length ? table([{ label: "About" }, { label: "Alert" }, { label: "Since" }, { label: "What" }], rows, { id: "alerts" }) : el("p", { class: "muted", id: "alerts" }, "None: every monitor is quiet.")
  );
}

// ---------- wiring ----------

document.getElementById("login-form").addEventListener("submit", logIn);
document.getElementById("logout").addEventListener("click", () => {
  sessionStorage.removeItem(LOGIN_KEY);
  showLogin("Logged out.");
});
window.addEventListener("hashchange", () => route());
// one listener for the page's life: the chart drawn last follows the window's width
window.addEventListener("resize", () => {
  if (state.plot) state.plot.setSize({ width: chartWidth(state.plot.root.parentElement), height: 260 });
}, { passive: true });

if (sessionStorage.getItem(LOGIN_KEY)) {
  start().catch((e) => (e.status === 401 ? null : showLogin(e.message)));
} else {
  showLogin(null);
}
