// The workbench web app: hash routes, one module per concern, no build step.
import { MapView, Timeline, TYPE_COLOURS } from "/static/map.js";
import { eventPage, articlePage } from "/static/event.js";

export const state = { me: { user: null }, config: {}, facets: null };
const main = document.getElementById("main");

export function h(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
    else if (k === "text") n.textContent = v;
    else if (k === "style") n.style.cssText = v;  // CSSOM: allowed by the CSP, unlike style=""
    else n.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false)
    n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
}

export async function api(path, opts = {}) {
  const headers = { Accept: "application/json" };
  const init = { method: opts.method || "GET", headers, credentials: "same-origin" };
  if (opts.body !== undefined) { headers["Content-Type"] = "application/json"; init.body = JSON.stringify(opts.body); }
  if (init.method !== "GET" && state.me.csrf) headers["X-CSRF-Token"] = state.me.csrf;
  const r = await fetch("/api" + path, init);
  let data = null;
  try { data = await r.json(); } catch { data = null; }
  if (!r.ok) {
    const e = new Error((data && data.detail && (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail))) || r.statusText);
    e.status = r.status; e.body = data; throw e;
  }
  return data;
}

export function toast(text) {
  const t = document.getElementById("toast");
  t.textContent = text; t.classList.add("show");
  clearTimeout(toast._t); toast._t = setTimeout(() => t.classList.remove("show"), 3500);
}

export const canEdit = () => ["editor", "admin"].includes(state.me.role);

function params(obj) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

function renderWho() {
  const who = document.getElementById("who");
  who.replaceChildren();
  document.getElementById("nav-ingest").hidden = !canEdit();
  if (!state.me.user) return;
  who.append(h("span", {}, `${state.me.user} (${state.me.role})`),
    h("button", { type: "button", onclick: async () => { await api("/auth/logout", { method: "POST" }); state.me = { user: null }; route(); } }, "Sign out"));
}

function loginView() {
  const msg = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "login card", onsubmit: async (e) => {
    e.preventDefault();
    try {
      state.me = await api("/auth/login", { method: "POST", body: { username: form.username.value, password: form.password.value } });
      renderWho(); route();
    } catch (err) { msg.textContent = err.message; }
  } },
  h("h1", {}, "Sign in"),
  h("label", {}, "User name", h("input", { name: "username", autocomplete: "username", required: true })),
  h("label", {}, "Password", h("input", { name: "password", type: "password", autocomplete: "current-password", required: true })),
  h("button", { class: "primary", type: "submit" }, "Sign in"), msg);
  main.replaceChildren(form);
  form.username.focus();
}

// ---- map page ------------------------------------------------------------------
const FILTERS = ["date_from", "date_to", "country", "admin1", "actor", "event_type", "sub_event_type",
  "min_fatalities", "background", "review_state", "min_confidence"];

function readFilters(query) {
  const f = {}; for (const k of FILTERS) f[k] = query.get(k) || ""; return f;
}

async function mapPage(query) {
  if (!state.facets) state.facets = await api("/facets");
  const f = readFilters(query);
  const csvLink = h("a", { id: "csv", href: "#", download: "events.csv" }, "CSV");
  const typeSel = h("select", { name: "event_type", id: "f-type" }, h("option", { value: "" }, "any type"),
    state.facets.event_types.map((t) => h("option", { value: t, selected: f.event_type === t }, t)));
  const subSel = h("select", { name: "sub_event_type", id: "f-sub" });
  const fillSubs = () => {
    const subs = typeSel.value ? state.facets.sub_event_types[typeSel.value] : Object.values(state.facets.sub_event_types).flat().sort();
    subSel.replaceChildren(h("option", { value: "" }, "any sub-type"), ...subs.map((t) => h("option", { value: t, selected: f.sub_event_type === t }, t)));
  };
  typeSel.addEventListener("change", fillSubs); fillSubs();
  const form = h("form", { class: "filters", "aria-label": "Filters", onsubmit: (e) => { e.preventDefault(); apply(); } },
    h("label", {}, "From", h("input", { type: "date", name: "date_from", value: f.date_from })),
    h("label", {}, "To", h("input", { type: "date", name: "date_to", value: f.date_to })),
    h("label", {}, "Type", typeSel),
    h("label", {}, "Sub-type", subSel),
    h("label", {}, "Country", h("input", { name: "country", value: f.country, list: "countries", size: 12 })),
    h("label", {}, "Admin1", h("input", { name: "admin1", value: f.admin1, size: 10 })),
    h("label", {}, "Actor", h("input", { name: "actor", value: f.actor, size: 12 })),
    h("label", {}, "Min. deaths", h("input", { type: "number", min: 0, name: "min_fatalities", value: f.min_fatalities, style: "width:6em" })),
    h("label", {}, "Min. confidence", h("input", { type: "number", min: 0, max: 1, step: 0.05, name: "min_confidence", value: f.min_confidence, style: "width:6em" })),
    h("label", {}, "Background", h("select", { name: "background" }, [["", "both"], ["false", "current only"], ["true", "background only"]].map(([v, t]) => h("option", { value: v, selected: f.background === v }, t)))),
    h("label", {}, "Review", h("select", { name: "review_state" }, [["", "all but rejected"], ["unreviewed", "unreviewed"], ["flagged", "flagged"], ["accepted", "accepted"], ["rejected", "rejected"]].map(([v, t]) => h("option", { value: v, selected: f.review_state === v }, t)))),
    h("button", { class: "primary", type: "submit" }, "Apply"),
    h("button", { type: "button", onclick: () => { location.hash = "#/"; } }, "Clear"),
    csvLink);
  const datalist = h("datalist", { id: "countries" }, state.facets.countries.map((c) => h("option", { value: c.name })));
  const canvas = h("canvas", { id: "map", tabindex: 0, role: "img", "aria-label": "Map of events. Arrow keys pan, plus and minus zoom; the list beside it has every event in view." });
  const info = h("div", { class: "mapinfo", "aria-live": "polite" });
  const zoom = h("div", { class: "zoom" }, h("button", { type: "button", "aria-label": "Zoom in", onclick: () => map.zoomBy(1) }, "+"),
    h("button", { type: "button", "aria-label": "Zoom out", onclick: () => map.zoomBy(-1) }, "−"));
  const legend = h("div", { class: "legend", "aria-label": "Event types" }, Object.entries(TYPE_COLOURS).map(([t, c]) =>
    h("span", {}, h("span", { class: "sw", style: `background:${c}` }), t)), h("span", { class: "muted" }, "size: deaths; numbers: clusters"));
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.id = "timeline"; svg.setAttribute("role", "img"); svg.setAttribute("aria-label", "Events per day by type; drag to pick dates");
  const tbody = h("tbody");
  const listInfo = h("p", { class: "muted", "aria-live": "polite" });
  const more = h("button", { type: "button", hidden: true }, "More");
  const list = h("section", { "aria-label": "Events in view" }, h("h2", {}, "Events in view"), listInfo,
    h("div", { class: "scroll" }, h("table", { id: "events" }, h("thead", {}, h("tr", {}, ["Date", "Type", "Place", "Deaths", "Review"].map((x) => h("th", {}, x)))), tbody)), more);
  main.replaceChildren(h("h1", {}, "Events"), form, datalist,
    h("div", { class: "layout" }, h("div", {}, h("div", { class: "mapwrap" }, canvas, info, zoom), legend,
      h("section", { class: "timeline", "aria-label": "Timeline" }, h("h2", {}, "Timeline"), svg)), list));

  function apply(extra = {}) {
    const q = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value !== "") q.set(el.name, el.value);
    for (const [k, v] of Object.entries(extra)) { if (v) q.set(k, v); else q.delete(k); }
    location.hash = "#/?" + q.toString();
  }
  const filt = {}; for (const k of FILTERS) if (f[k]) filt[k] = f[k];
  let lastView = null, cursor = null;
  async function refresh(view) {
    if (!canvas.isConnected) return;
    lastView = view;
    const bbox = view.bbox.join(",");
    csvLink.href = "/api/events.csv?" + params({ ...filt, bbox });
    try {
      const [geo, tl] = await Promise.all([
        api("/geo?" + params({ ...filt, bbox, zoom: view.zoom })),
        api("/timeline?" + params({ ...filt, date_from: "", date_to: "", bbox })),
      ]);
      if (view !== lastView) return;
      map.setFeatures(geo);
      info.textContent = `${geo.properties.total} events in view${geo.properties.clustered ? " (clustered)" : ""}`;
      const toDay = (s) => s ? Math.round(Date.parse(s + "T00:00:00Z") / 864e5) : null;
      const range = f.date_from || f.date_to ? [toDay(f.date_from || tl.days[0]?.day), toDay(f.date_to || tl.days[tl.days.length - 1]?.day)] : null;
      timeline.set(tl.days, range && range[0] !== null ? range : null);
      cursor = null; tbody.replaceChildren(); await page(view);
    } catch (err) { info.textContent = err.message; }
  }
  async function page(view) {
    const res = await api("/events?" + params({ ...filt, bbox: view.bbox.join(","), limit: 50, sort: "-date", cursor, with_total: cursor ? "" : "true" }));
    if (res.total !== undefined) listInfo.textContent = `${res.total} events match in this view`;
    for (const e of res.items) tbody.append(eventRow(e));
    cursor = res.next_cursor; more.hidden = !cursor;
  }
  more.addEventListener("click", () => page(lastView));
  const map = new MapView(canvas, { onView: refresh, onPick: (f) => { location.hash = "#/event/" + encodeURIComponent(f.id); }, tileUrl: state.config.tile_url });
  const timeline = new Timeline(svg, { onRange: (a, b) => apply({ date_from: a, date_to: b }) });
  api("/outlines").then((o) => map.setOutlines(o)).catch(() => toast("no country outlines"));
}

export function eventRow(e) {
  const loc = e.location || {};
  const place = [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ");
  return h("tr", { "data-id": e.id },
    h("td", {}, e.event_date || "?"),
    h("td", {}, h("span", { class: "sw", style: `background:${TYPE_COLOURS[e.event_type] || "#555"}` }), e.sub_event_type),
    h("td", {}, h("a", { href: "#/event/" + encodeURIComponent(e.id) }, place || e.id)),
    h("td", {}, e.fatalities?.best ?? ""),
    h("td", {}, h("span", { class: "badge " + e.review_state }, e.review_state), e.open_flags ? h("span", { class: "badge flagged" }, `${e.open_flags} flag`) : null));
}

// ---- review queue, activity, articles, ingest ------------------------------------
async function reviewPage() {
  const res = await api("/review/queue?limit=100");
  const tbody = h("tbody");
  res.items.forEach((e) => { const r = eventRow(e); r.append(h("td", {}, e.priority.toFixed(2))); tbody.append(r); });
  main.replaceChildren(h("h1", {}, `Review queue (${res.total})`),
    h("p", { class: "muted" }, "Most in need first: low confidence, many deaths, disagreements. ",
      h("kbd", {}, "j"), "/", h("kbd", {}, "k"), " move, ", h("kbd", {}, "Enter"), " opens; on an event ",
      h("kbd", {}, "a"), " accepts, ", h("kbd", {}, "r"), " rejects, ", h("kbd", {}, "e"), " edits, ", h("kbd", {}, "n"), " goes to the next."),
    h("div", { class: "scroll" }, h("table", { id: "queue" }, h("thead", {}, h("tr", {}, ["Date", "Type", "Place", "Deaths", "Review", "Priority"].map((x) => h("th", {}, x)))), tbody)));
  let sel = -1;
  const rows = [...tbody.children];
  const select = (i) => { rows.forEach((r) => r.classList.remove("sel")); sel = Math.max(0, Math.min(rows.length - 1, i)); rows[sel]?.classList.add("sel"); rows[sel]?.querySelector("a")?.focus(); };
  keyHandler = (e) => {
    if (e.key === "j") select(sel + 1); else if (e.key === "k") select(sel - 1);
    else if (e.key === "Enter" && sel >= 0) location.hash = "#/event/" + rows[sel].dataset.id;
  };
}

async function activityPage() {
  const tbody = h("tbody"), more = h("button", { type: "button", hidden: true }, "More");
  let before = null;
  async function load() {
    const res = await api("/activity?" + params({ limit: 100, before }));
    for (const c of res.items) tbody.append(h("tr", {}, h("td", {}, c.at.replace("T", " ").slice(0, 19)), h("td", {}, c.user),
      h("td", {}, c.action), h("td", {}, h("a", { href: "#/event/" + c.event_id }, c.event_id)), h("td", {}, c.field || ""),
      h("td", {}, fmt(c.old)), h("td", {}, fmt(c.new)), h("td", {}, c.comment)));
    before = res.next_before; more.hidden = !before;
  }
  more.addEventListener("click", load);
  main.replaceChildren(h("h1", {}, "Activity"), h("div", { class: "scroll" }, h("table", { id: "activity" }, h("thead", {}, h("tr", {},
    ["When (UTC)", "Who", "Action", "Event", "Field", "Old", "New", "Comment"].map((x) => h("th", {}, x)))), tbody)), more);
  await load();
}

export function fmt(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v !== "object") return String(v);
  if ("best" in v) return v.best === null ? "unknown" : `${v.best}${v.low !== v.best || v.high !== v.best ? ` (${v.low}–${v.high})` : ""}`;
  if ("name" in v && ("inter" in v || "latitude" in v || "admin1" in v)) return [v.name, v.admin1, v.country].filter(Boolean).join(", ") + (v.latitude != null ? ` @ ${(+v.latitude).toFixed(3)}, ${(+v.longitude).toFixed(3)}` : "");
  if (Array.isArray(v)) return v.map(fmt).join("; ");
  return JSON.stringify(v);
}

async function articlesPage() {
  const tbody = h("tbody"), more = h("button", { type: "button", hidden: true }, "More");
  let after = null;
  async function load() {
    const res = await api("/articles?" + params({ limit: 100, after }));
    for (const a of res.items) tbody.append(h("tr", {}, h("td", {}, a.id), h("td", {}, h("a", { href: "#/article/" + a.id }, a.title || "(untitled)")),
      h("td", {}, a.source || ""), h("td", {}, a.published || ""), h("td", {}, a.status), h("td", {}, a.n_events)));
    after = res.next_after; more.hidden = !after;
  }
  more.addEventListener("click", load);
  main.replaceChildren(h("h1", {}, "Articles"), h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {},
    ["#", "Title", "Source", "Published", "Status", "Events"].map((x) => h("th", {}, x)))), tbody)), more);
  await load();
}

function ingestPage() {
  const out = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card", onsubmit: async (e) => {
    e.preventDefault(); out.textContent = "Extracting…";
    const body = { title: form.title.value || null, published: form.published.value || null };
    if (form.url.value) body.url = form.url.value; else body.text = form.text.value;
    try {
      const a = await api("/ingest", { method: "POST", body });
      out.replaceChildren(h("p", {}, `Article ${a.id}: ${a.events.length} events. `, h("a", { href: "#/article/" + a.id }, "Open the article")),
        h("ul", {}, a.events.map((ev) => h("li", {}, `${ev.sub_event_type}${ev.is_background ? " (background)" : ""} → `,
          ev.fused_event_id ? h("a", { href: "#/event/" + ev.fused_event_id }, ev.fused_event_id) : "not fused"))));
    } catch (err) { out.replaceChildren(h("p", { class: "error", role: "alert" }, err.message)); }
  } },
  h("label", {}, "Text of a news report", h("textarea", { name: "text", rows: 10, style: "width:100%" })),
  h("label", {}, "or a URL ", state.config.allow_fetch ? "" : h("span", { class: "muted" }, "(fetching is off on this server)"),
    h("input", { name: "url", type: "url", disabled: !state.config.allow_fetch, style: "width:100%" })),
  h("label", {}, "Title ", h("input", { name: "title" })), " ",
  h("label", {}, "Published ", h("input", { name: "published", type: "date" })), " ",
  h("button", { class: "primary", type: "submit" }, "Extract"));
  main.replaceChildren(h("h1", {}, "Ingest a report"), form, out);
}

// ---- router ---------------------------------------------------------------------
export let keyHandler = null;
export function setKeyHandler(fn) { keyHandler = fn; }
document.addEventListener("keydown", (e) => {
  if (!keyHandler || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
  keyHandler(e);
});

export async function route() {
  keyHandler = null;
  const hash = location.hash.slice(1) || "/";
  const [path, qs] = hash.split("?");
  for (const a of document.querySelectorAll(".top nav a"))
    a.toggleAttribute("aria-current", a.getAttribute("href") === "#" + (path.startsWith("/event") ? "/" : path));
  document.querySelector(".top nav a[aria-current]")?.setAttribute("aria-current", "page");
  if (!state.me.user) { loginView(); return; }
  try {
    if (path === "/" || path === "") await mapPage(new URLSearchParams(qs || ""));
    else if (path.startsWith("/event/")) await eventPage(decodeURIComponent(path.slice(7)));
    else if (path.startsWith("/article/")) await articlePage(+path.slice(9));
    else if (path === "/review") await reviewPage();
    else if (path === "/activity") await activityPage();
    else if (path === "/articles") await articlesPage();
    else if (path === "/ingest") ingestPage();
    else main.replaceChildren(h("h1", {}, "Not found"));
  } catch (err) {
    if (err.status === 401) { state.me = { user: null }; renderWho(); loginView(); return; }
    main.replaceChildren(h("h1", {}, "Error"), h("p", { class: "error", role: "alert" }, err.message));
  }
}

async function start() {
  state.config = await api("/config");
  state.me = await api("/me");
  renderWho();
  window.addEventListener("hashchange", route);
  await route();
}
start();
