// The event page (record, evidence highlighted per field, sources, history, review and
// the correction form) and the article page.
import { api, h, state, canEdit, toast, fmt, route, setKeyHandler } from "/static/app.js";
import { TYPE_COLOURS } from "/static/map.js";

export const FIELD_LABELS = {
  event_type: "Type", event_date: "Date", location: "Place", actor1: "Actor 1 (perpetrator)",
  actor2: "Actor 2 (target)", fatalities: "Fatalities", injuries: "Injuries", detained: "Detained",
  weapons: "Weapons", claimed_by: "Claimed by",
};

// Text with spans highlighted: each piece of text is coloured by the shortest span over it
// (sentence spans are underlined instead), and says which fields cover it.
export function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h("div", { class: "text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1], piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    const fields = over.filter((s) => s.field !== "sentence").sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const inSentence = over.some((s) => s.field === "sentence");
    if (!fields.length && !inSentence) { out.append(piece); continue; }
    if (!fields.length) { out.append(h("span", { class: "sentence" }, piece)); continue; }
    const names = [...new Set(fields.map((s) => s.field))];
    out.append(h("mark", { class: `ev ev-${names[0]}${inSentence ? " sentence" : ""}`, "data-field": names.join(" "),
      title: names.map((n) => FIELD_LABELS[n] || n).join(", "), style: `background: var(--ev-${names[0]}, #eee)` }, piece));
  }
  return out;
}

function legend(fields) {
  return h("div", { class: "legend", "aria-label": "Evidence colours" },
    fields.map((f) => h("span", {}, h("span", { class: "sw", style: `background: var(--ev-${f}, #eee)` }, ""), FIELD_LABELS[f] || f)),
    h("span", {}, h("span", { class: "sentence" }, "underlined"), ": the event's sentences"));
}

function fieldRows(rec, overrides) {
  const loc = rec.location || {};
  const rows = [
    ["event_type", `${rec.event_type} / ${rec.sub_event_type}`, ["event_type", "sub_event_type"]],
    ["event_date", `${rec.event_date || "?"}${rec.time_precision > 1 ? ` (precision ${rec.time_precision})` : ""}`, ["event_date", "time_precision"]],
    ["location", fmt(loc), ["location"]],
    ["actor1", fmt(rec.actor1), ["actor1"]], ["actor2", fmt(rec.actor2), ["actor2"]],
    ["fatalities", fmt(rec.fatalities), ["fatalities"]], ["injuries", fmt(rec.injuries), ["injuries"]],
    ["detained", fmt(rec.detained), ["detained"]], ["weapons", (rec.weapons || []).join(", ") || "—", ["weapons"]],
    ["claimed_by", rec.claimed_by || "—", ["claimed_by"]],
    ["certainty", rec.certainty || "—", ["certainty"]],
    ["background", rec.background_only ? "background only" : "current", ["is_background"]],
  ];
  return h("table", { class: "fields" }, h("tbody", {}, rows.map(([f, v, keys]) => h("tr", { "data-field": f },
    h("th", { scope: "row" }, h("span", { class: "sw", style: `background: var(--ev-${f}, transparent)` }), FIELD_LABELS[f] || f),
    h("td", { class: "value" }, v, keys.some((k) => overrides.includes(k)) ? h("span", { class: "badge corrected", title: "set by a person; kept through re-extraction" }, " corrected") : null)))));
}

function correctionForm(ev, onDone) {
  const rec = ev.record, loc = rec.location || {}, f = rec.fatalities || {};
  const subs = state.facets?.sub_event_types || {};
  const typeSel = h("select", { name: "event_type" }, Object.keys(subs).map((t) => h("option", { value: t, selected: t === rec.event_type }, t)));
  const subSel = h("select", { name: "sub_event_type" });
  const fillSubs = () => { subSel.replaceChildren(...(subs[typeSel.value] || []).map((s) => h("option", { value: s, selected: s === rec.sub_event_type }, s))); };
  typeSel.addEventListener("change", fillSubs); fillSubs();
  const num = (name, value, attrs = {}) => h("input", { name, type: "number", value: value ?? "", ...attrs });
  const msg = h("p", { role: "alert" });
  const form = h("form", { class: "correct card", id: "correct", "aria-label": "Correct this event" },
    h("label", {}, "Type", typeSel), h("label", {}, "Sub-type", subSel),
    h("label", {}, "Date", h("input", { name: "event_date", type: "date", value: rec.event_date || "" })),
    h("label", {}, "Place", h("input", { name: "loc_name", value: loc.name || "" })),
    h("label", {}, "Admin1", h("input", { name: "loc_admin1", value: loc.admin1 || "" })),
    h("label", {}, "Country", h("input", { name: "loc_country", value: loc.country || "" })),
    h("label", {}, "Latitude", num("loc_lat", loc.latitude, { step: "any", min: -90, max: 90 })),
    h("label", {}, "Longitude", num("loc_lon", loc.longitude, { step: "any", min: -180, max: 180 })),
    h("label", {}, "Actor 1", h("input", { name: "actor1", value: rec.actor1?.name || "" })),
    h("label", {}, "Actor 2", h("input", { name: "actor2", value: rec.actor2?.name || "" })),
    h("label", {}, "Deaths (best)", num("f_best", f.best, { min: 0 })),
    h("label", {}, "Deaths (low)", num("f_low", f.low, { min: 0 })),
    h("label", {}, "Deaths (high)", num("f_high", f.high, { min: 0 })),
    h("label", {}, "Background only", h("input", { name: "is_background", type: "checkbox", checked: !!rec.background_only })),
    h("label", { class: "wide" }, "Comment (why)", h("input", { name: "comment", maxlength: 2000 })),
    h("div", { class: "wide" }, h("button", { class: "primary", type: "submit" }, "Save correction"), msg));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const changes = {}, v = (n) => form.elements[n].value.trim(), n = (x) => (x === "" ? null : Number(x));
    if (v("event_type") !== rec.event_type || v("sub_event_type") !== rec.sub_event_type) { changes.event_type = v("event_type"); changes.sub_event_type = v("sub_event_type"); }
    if (v("event_date") !== (rec.event_date || "")) changes.event_date = v("event_date") || null;
    const newLoc = { name: v("loc_name"), admin1: v("loc_admin1") || null, country: v("loc_country") || null, latitude: n(v("loc_lat")), longitude: n(v("loc_lon")) };
    if (newLoc.name !== (loc.name || "") || newLoc.admin1 !== (loc.admin1 || null) || newLoc.country !== (loc.country || null) || newLoc.latitude !== (loc.latitude ?? null) || newLoc.longitude !== (loc.longitude ?? null)) changes.location = newLoc;
    for (const a of ["actor1", "actor2"]) if (v(a) !== (rec[a]?.name || "")) changes[a] = v(a) ? { name: v(a), inter: rec[a]?.inter ?? null } : null;
    const nf = { best: n(v("f_best")), low: n(v("f_low")), high: n(v("f_high")) };
    if (nf.best !== (f.best ?? null) || nf.low !== (f.low ?? null) || nf.high !== (f.high ?? null)) changes.fatalities = nf;
    if (form.elements.is_background.checked !== !!rec.background_only) changes.is_background = form.elements.is_background.checked;
    if (!Object.keys(changes).length) { msg.textContent = "Nothing changed."; return; }
    try {
      await api(`/events/${encodeURIComponent(ev.id)}/corrections`, { method: "POST", body: { version: ev.version, changes, comment: v("comment") } });
      toast("Correction saved"); onDone();
    } catch (err) {
      msg.className = "error";
      msg.textContent = err.status === 409 ? `Someone changed this event meanwhile (now version ${err.body.current_version}); reload to see it.` : err.message;
    }
  });
  return form;
}

// Merge another event into this one, or split ticked reports off into a new event.
function membership(ev) {
  const msg = h("p", { role: "alert" });
  const other = h("input", { name: "other", placeholder: "evt-0000123", size: 14, "aria-label": "Id of the event to merge into this one" });
  const fail = (err) => { msg.className = "error"; msg.textContent = err.status === 409 ? `Changed meanwhile (now version ${err.body.current_version}); reload.` : err.message; };
  const merge = h("form", { class: "actions", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const o = await api("/events/" + encodeURIComponent(other.value.trim()));
      await api(`/events/${encodeURIComponent(ev.id)}/merge`, { method: "POST", body: { other_id: o.id, version: ev.version, other_version: o.version, comment: "merged in the event page" } });
      toast(`${o.id} merged into ${ev.id}`); route();
    } catch (err) { fail(err); }
  } }, h("label", {}, "Merge event ", other, " into this one "), h("button", { type: "submit" }, "Merge"));
  const split = ev.sources.length > 1 ? h("button", { type: "button", onclick: async () => {
    const ids = [...document.querySelectorAll("#sources input:checked")].map((c) => c.value);
    if (!ids.length) { msg.textContent = "Tick the reports to split off first."; return; }
    try {
      const r = await api(`/events/${encodeURIComponent(ev.id)}/split`, { method: "POST", body: { version: ev.version, report_ids: ids, comment: "split in the event page" } });
      toast(`New event ${r.new_id}`); location.hash = "#/event/" + encodeURIComponent(r.new_id);
    } catch (err) { fail(err); }
  } }, "Split the ticked reports into a new event") : null;
  return h("div", {}, merge, split, msg);
}

async function nextInQueue(current) {
  const q = await api("/review/queue?limit=2");
  const next = q.items.find((e) => e.id !== current);
  if (next) location.hash = "#/event/" + encodeURIComponent(next.id); else toast("The review queue is empty");
}

export async function eventPage(id) {
  const ev = await api("/events/" + encodeURIComponent(id));
  if (!state.facets) state.facets = await api("/facets");
  const rec = ev.record, rv = ev.review, main = document.getElementById("main");
  const reload = () => route();
  const decide = async (action) => {
    try { await api(`/events/${encodeURIComponent(id)}/review`, { method: "POST", body: { action, version: ev.version, comment: "" } }); toast(`${action}ed`); reload(); }
    catch (err) { toast(err.status === 409 ? `Changed meanwhile (now version ${err.body.current_version}); reloading` : err.message); if (err.status === 409) reload(); }
  };
  const editor = canEdit();
  const form = editor ? correctionForm(ev, reload) : null;
  const actions = editor ? h("div", { class: "actions" },
    h("button", { type: "button", class: "primary", id: "accept", onclick: () => decide("accept") }, "Accept ", h("kbd", {}, "a")),
    h("button", { type: "button", class: "danger", id: "reject", onclick: () => decide("reject") }, "Reject (not an event) ", h("kbd", {}, "r")),
    h("button", { type: "button", id: "edit", onclick: () => form.querySelector("select, input").focus() }, "Edit ", h("kbd", {}, "e")),
    h("button", { type: "button", id: "next", onclick: () => nextInQueue(id) }, "Next in queue ", h("kbd", {}, "n"))) : null;
  setKeyHandler((e) => {
    if (e.key === "n") nextInQueue(id);
    else if (editor && e.key === "a") decide("accept");
    else if (editor && e.key === "r") decide("reject");
    else if (editor && e.key === "e") { e.preventDefault(); form.querySelector("select, input").focus(); }
  });
  const flags = (rv.flags || []).filter((f) => !f.resolved);
  const sources = h("section", { "aria-label": "Sources" }, h("h2", {}, `Sources (${ev.sources.length})`));
  const texts = h("section", { "aria-label": "Evidence" }, h("h2", {}, "Evidence in the articles"));
  const usedFields = new Set();
  for (const s of ev.sources) for (const sp of s.evidence) if (sp.field !== "sentence") usedFields.add(sp.field);
  texts.append(legend([...usedFields]));
  sources.append(h("ul", { id: "sources" }, ev.sources.map((s) => h("li", {},
    editor && ev.sources.length > 1 ? h("input", { type: "checkbox", value: s.report_id, "aria-label": `select report ${s.report_id}` }) : null, " ",
    s.article_id ? h("a", { href: "#/article/" + s.article_id }, s.title || `article ${s.article_id}`) : s.report_id,
    ` — ${s.outlet || "unknown outlet"}, ${s.published || "undated"}`, s.is_background ? " (background mention)" : "",
    s.syndicated_copy_of ? ` (copy of ${s.syndicated_copy_of})` : ""))));
  if (editor) sources.append(membership(ev));
  for (const s of ev.sources) {
    if (!s.article_id) continue;
    const art = await api("/articles/" + s.article_id);
    texts.append(h("h3", {}, s.title || `Article ${s.article_id}`), highlighted(art.text, s.evidence));
  }
  const corr = ev.history.corrections;
  const history = h("section", { "aria-label": "History" }, h("h2", {}, "History"),
    corr.length ? h("div", { class: "scroll" }, h("table", { id: "corrections" }, h("thead", {}, h("tr", {}, ["When (UTC)", "Who", "Action", "Field", "Old", "New", "Comment"].map((x) => h("th", {}, x)))),
      h("tbody", {}, corr.map((c) => h("tr", {}, h("td", {}, c.at.replace("T", " ").slice(0, 19)), h("td", {}, c.user), h("td", {}, c.action), h("td", {}, c.field || ""), h("td", {}, fmt(c.old)), h("td", {}, fmt(c.new)), h("td", {}, c.comment)))))) : h("p", { class: "muted" }, "No human changes yet."),
    h("h3", {}, "What each report said"),
    h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, ["Field", "Value", "Outlet", "Published"].map((x) => h("th", {}, x)))),
      h("tbody", {}, Object.entries(ev.history.machine).flatMap(([field, items]) => items.map((it) => h("tr", {}, h("td", {}, FIELD_LABELS[field] || field), h("td", {}, fmt(it.value)), h("td", {}, it.outlet || ""), h("td", {}, it.published || ""))))))),
    ev.history.revisions.length ? h("p", {}, "Toll revisions: ", ev.history.revisions.map((r) => `${r.from} → ${r.to} (${r.published || "?"})`).join("; ")) : null,
    ev.history.conflicts.length ? h("p", {}, "Reports disagree on: ", ev.history.conflicts.map((c) => `${c.field} (${c.values.map((v) => v.value).join(" / ")})`).join("; ")) : null);
  main.replaceChildren(...[
    h("div", { class: "event-head" }, h("h1", {}, h("span", { class: "sw", style: `background:${TYPE_COLOURS[rec.event_type] || "#555"}` }), `${rec.sub_event_type} — ${(rec.location || {}).name || "unknown place"}, ${rec.event_date || "undated"}`),
      h("span", { class: "badge " + rv.state, id: "state" }, rv.state), h("span", { class: "muted" }, `${id} · version ${ev.version} · confidence ${rv.confidence.toFixed(2)}`)),
    flags.length ? h("div", { class: "card", role: "alert" }, h("strong", {}, "Flagged: "), flags.map((f) => `a later report says ${f.field} = ${fmt(f.machine)}, a person set ${fmt(f.human)}`).join("; ")) : null,
    actions,
    h("div", { class: "grid2" }, h("div", {}, h("h2", {}, "The event"), fieldRows(rec, rv.overrides), sources, editor ? h("h2", {}, "Correct") : null, form, history), texts),
  ].filter(Boolean));
}

export async function articlePage(id) {
  const a = await api("/articles/" + id);
  const main = document.getElementById("main");
  const spans = a.events.flatMap((e) => e.evidence);
  const fields = [...new Set(spans.map((s) => s.field).filter((f) => f !== "sentence"))];
  main.replaceChildren(h("h1", {}, a.title || `Article ${a.id}`),
    h("p", { class: "muted" }, [a.source, a.published, a.status, a.url].filter(Boolean).join(" · ")),
    h("ul", {}, a.events.map((e) => h("li", {}, `${e.sub_event_type}${e.is_background ? " (background)" : ""} `,
      e.fused_event_id ? h("a", { href: "#/event/" + e.fused_event_id }, e.fused_event_id) : ""))),
    legend(fields), highlighted(a.text, spans));
}
