// The map (Web Mercator on a canvas: outlines, optional tiles, points and clusters)
// and the timeline (stacked bars per day by type). No libraries, no external requests.

export const TYPE_COLOURS = {
  "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd", "Protests": "#2ca02c", "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const TILE = 256;
const MAX_LAT = 85.0511;
const MIN_ZOOM = 0.5, MAX_ZOOM = 16;

function worldX(lon) { return (lon + 180) / 360 * TILE; }
function worldY(lat) {
  const s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE;
}
function lonOf(x) { return x / TILE * 360 - 180; }
function latOf(y) {
  const n = Math.PI - 2 * Math.PI * y / TILE;
  return 180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
}

export class MapView {
  constructor(canvas, { onView, onPick, tileUrl }) {
    this.canvas = canvas; this.ctx = canvas.getContext("2d");
    this.onView = onView; this.onPick = onPick; this.tileUrl = tileUrl || "";
    this.center = { x: worldX(0), y: worldY(20) }; this.zoom = 1.3;
    this.rings = []; this.features = []; this.tiles = new Map(); this.frame = 0;
    this._bind(); this.resize();
    new ResizeObserver(() => this.resize()).observe(canvas);
  }
  setOutlines(geojson) {
    this.rings = [];
    for (const f of geojson.features) {
      const g = f.geometry; if (!g) continue;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      for (const poly of polys) for (const ring of poly) {
        const a = new Float32Array(ring.length * 2);
        ring.forEach(([lon, lat], i) => { a[2 * i] = worldX(lon); a[2 * i + 1] = worldY(lat); });
        this.rings.push(a);
      }
    }
    this.canvas.dataset.outlines = String(geojson.features.length);  // for tests and tools
    this.draw();
  }
  setFeatures(fc) {
    this.features = fc.features || [];
    this.canvas.dataset.features = String(this.features.length);
    this.draw();
  }
  scale() { return 2 ** this.zoom; }
  size() { return { w: this.canvas.clientWidth, h: this.canvas.clientHeight }; }
  toScreen(wx, wy) {
    const s = this.scale(), { w, h } = this.size();
    return [(wx - this.center.x) * s + w / 2, (wy - this.center.y) * s + h / 2];
  }
  toWorld(sx, sy) {
    const s = this.scale(), { w, h } = this.size();
    return [(sx - w / 2) / s + this.center.x, (sy - h / 2) / s + this.center.y];
  }
  bbox() {
    const { w, h } = this.size();
    const [x0, y0] = this.toWorld(0, 0), [x1, y1] = this.toWorld(w, h);
    let west = lonOf(x0), east = lonOf(x1);
    if (x1 - x0 >= TILE) { west = -180; east = 180; }
    else {
      west = ((west + 540) % 360) - 180; east = ((east + 540) % 360) - 180;
    }
    const south = Math.max(-90, latOf(Math.min(TILE, y1))), north = Math.min(90, latOf(Math.max(0, y0)));
    const r = (v) => Math.round(v * 1e4) / 1e4;
    return [r(west), r(south), r(east), r(north)];
  }
  view() { return { bbox: this.bbox(), zoom: Math.max(0, Math.min(18, Math.round(this.zoom))) }; }
  resize() {
    const dpr = window.devicePixelRatio || 1, { w, h } = this.size();
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(h * dpr));
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.draw(); this._changed();
  }
  panBy(dx, dy) {
    const s = this.scale();
    this.center.x -= dx / s; this.center.y -= dy / s;
    this.center.y = Math.max(0, Math.min(TILE, this.center.y));
    this.draw(); this._changed();
  }
  zoomBy(dz, sx, sy) {
    const { w, h } = this.size();
    sx = sx ?? w / 2; sy = sy ?? h / 2;
    const before = this.toWorld(sx, sy);
    this.zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, this.zoom + dz));
    const after = this.toWorld(sx, sy);
    this.center.x += before[0] - after[0]; this.center.y += before[1] - after[1];
    this.draw(); this._changed();
  }
  centerOn(lon, lat, zoom) {
    this.center = { x: worldX(lon), y: worldY(lat) };
    if (zoom !== undefined) this.zoom = zoom;
    this.draw(); this._changed();
  }
  _changed() {
    clearTimeout(this._t);
    this._t = setTimeout(() => this.onView && this.onView(this.view()), 150);
  }
  _bind() {
    const c = this.canvas;
    let drag = null, moved = false;
    c.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY }; moved = false; c.setPointerCapture(e.pointerId); c.style.cursor = "grabbing"; });
    c.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      drag = { x: e.clientX, y: e.clientY };
      if (moved) this.panBy(dx, dy);
    });
    c.addEventListener("pointerup", (e) => {
      c.style.cursor = "grab";
      if (drag && !moved) this._click(e);
      drag = null;
    });
    c.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = c.getBoundingClientRect();
      this.zoomBy(e.deltaY < 0 ? 0.5 : -0.5, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    c.addEventListener("keydown", (e) => {
      const step = 80, keys = {
        ArrowLeft: () => this.panBy(step, 0), ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step), ArrowDown: () => this.panBy(0, -step),
        "+": () => this.zoomBy(1), "=": () => this.zoomBy(1), "-": () => this.zoomBy(-1),
      };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
  }
  _hit(sx, sy) {
    let best = null, bestD = Infinity;
    for (const f of this.features) {
      const [lon, lat] = f.geometry.coordinates;
      const [x, y] = this.toScreen(worldX(lon), worldY(lat));
      const r = this._radius(f.properties) + 3, d = Math.hypot(x - sx, y - sy);
      if (d <= r && d < bestD) { best = f; bestD = d; }
    }
    return best;
  }
  _click(e) {
    const r = this.canvas.getBoundingClientRect();
    const f = this._hit(e.clientX - r.left, e.clientY - r.top);
    if (!f) return;
    if (f.properties.cluster) {
      const [lon, lat] = f.geometry.coordinates;
      this.centerOn(lon, lat, Math.min(MAX_ZOOM, this.zoom + 2));
    } else if (this.onPick) this.onPick(f);
  }
  _radius(p) {
    if (p.cluster) return Math.min(16, 7 + 1.5 * Math.log2(p.count));  // a cell is ~32 px
    return Math.min(20, 4 + 2 * Math.sqrt(p.fatalities || 0));
  }
  draw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this._draw(); });
  }
  _drawTiles() {
    const z = Math.max(0, Math.min(19, Math.round(this.zoom))), n = 2 ** z;
    const s = this.scale() / n, { w, h } = this.size();
    const [x0, y0] = this.toWorld(0, 0), [x1, y1] = this.toWorld(w, h);
    for (let ty = Math.max(0, Math.floor(y0 / TILE * n)); ty <= Math.min(n - 1, Math.floor(y1 / TILE * n)); ty++) {
      for (let tx = Math.floor(x0 / TILE * n); tx <= Math.floor(x1 / TILE * n); tx++) {
        const wrapped = ((tx % n) + n) % n, key = `${z}/${wrapped}/${ty}`;
        let img = this.tiles.get(key);
        if (!img) {
          img = new Image(); img.onload = () => this.draw();
          img.src = this.tileUrl.replace("{z}", z).replace("{x}", wrapped).replace("{y}", ty);
          this.tiles.set(key, img);
        }
        if (img.complete && img.naturalWidth) {
          const [sx, sy] = this.toScreen(tx * TILE / n, ty * TILE / n);
          this.ctx.drawImage(img, sx, sy, TILE * s + 0.5, TILE * s + 0.5);
        }
      }
    }
  }
  _draw() {
    const ctx = this.ctx, { w, h } = this.size(), s = this.scale();
    ctx.fillStyle = "#dfe9f3"; ctx.fillRect(0, 0, w, h);
    if (this.tileUrl) this._drawTiles();
    const [wx0] = this.toWorld(0, 0), [wx1] = this.toWorld(w, h);
    const copies = [];
    for (let k = Math.floor(wx0 / TILE); k <= Math.floor(wx1 / TILE); k++) copies.push(k * TILE);
    ctx.lineWidth = 0.7; ctx.strokeStyle = "#8a96a8";
    ctx.fillStyle = this.tileUrl ? "rgba(255,255,255,0.05)" : "#f4f1ea";
    for (const off of copies) {
      ctx.beginPath();
      for (const a of this.rings) {
        for (let i = 0; i < a.length; i += 2) {
          const x = (a[i] + off - this.center.x) * s + w / 2, y = (a[i + 1] - this.center.y) * s + h / 2;
          if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
        }
        ctx.closePath();
      }
      ctx.fill("evenodd"); ctx.stroke();
    }
    for (const f of this.features) {
      const p = f.properties, [lon, lat] = f.geometry.coordinates;
      const r = this._radius(p);
      for (const off of copies) {
        const [x, y] = this.toScreen(worldX(lon) + off, worldY(lat));
        if (x < -r || y < -r || x > w + r || y > h + r) continue;
        if (p.cluster) {
          // A pie of the cluster's event types.
          let a0 = -Math.PI / 2;
          for (const [t, n] of Object.entries(p.types || {})) {
            const a1 = a0 + 2 * Math.PI * n / p.count;
            ctx.beginPath(); ctx.moveTo(x, y); ctx.arc(x, y, r, a0, a1); ctx.closePath();
            ctx.fillStyle = (TYPE_COLOURS[t] || "#555") + "dd"; ctx.fill(); a0 = a1;
          }
          ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.lineWidth = 1.5; ctx.strokeStyle = "#fff"; ctx.stroke();
          ctx.beginPath(); ctx.arc(x, y, r * 0.55, 0, 2 * Math.PI);
          ctx.fillStyle = "rgba(29,36,51,0.75)"; ctx.fill();
        } else {
          ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.fillStyle = (TYPE_COLOURS[p.event_type] || "#555") + "b3";
          ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = "#fff"; ctx.stroke();
        }
        if (p.cluster) {
          ctx.fillStyle = "#fff"; ctx.font = "bold 10px system-ui, sans-serif";
          ctx.textAlign = "center"; ctx.textBaseline = "middle";
          ctx.fillText(p.count > 9999 ? Math.round(p.count / 1000) + "k" : String(p.count), x, y);
        }
      }
    }
  }
}

// Timeline: stacked bars of events per day (bucketed when days outnumber pixels);
// drag or click to pick a date range; the picked range is shaded.
export class Timeline {
  constructor(svg, { onRange }) {
    this.svg = svg; this.onRange = onRange; this.days = []; this.range = null;
    new ResizeObserver(() => this.draw()).observe(svg);
    let start = null;
    const dayAt = (e) => {
      const r = svg.getBoundingClientRect();
      const t = (e.clientX - r.left - this.pad) / Math.max(1, r.width - 2 * this.pad);
      return this.t0 + Math.round(Math.max(0, Math.min(1, t)) * (this.t1 - this.t0));
    };
    svg.addEventListener("pointerdown", (e) => { if (!this.days.length) return; start = dayAt(e); svg.setPointerCapture(e.pointerId); });
    svg.addEventListener("pointermove", (e) => { if (start === null) return; this.range = [start, dayAt(e)].sort((a, b) => a - b); this.draw(); });
    svg.addEventListener("pointerup", (e) => {
      if (start === null) return;
      const end = dayAt(e); const [a, b] = [start, end].sort((x, y) => x - y); start = null;
      const iso = (d) => new Date(d * 864e5).toISOString().slice(0, 10);
      this.onRange && this.onRange(iso(a), iso(Math.max(a, b)));
    });
  }
  set(days, range) { this.days = days; this.range = range; this.draw(); }
  draw() {
    const svg = this.svg, W = svg.clientWidth || 600, H = svg.clientHeight || 130;
    this.pad = 30;
    const ns = "http://www.w3.org/2000/svg";
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const el = (tag, attrs, text) => {
      const n = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      if (text !== undefined) n.textContent = text; svg.appendChild(n); return n;
    };
    if (!this.days.length) { el("text", { x: 10, y: H / 2, fill: "#666" }, "No dated events for these filters"); return; }
    const toDay = (s) => Math.round(Date.parse(s + "T00:00:00Z") / 864e5);
    this.t0 = toDay(this.days[0].day); this.t1 = Math.max(this.t0 + 1, toDay(this.days[this.days.length - 1].day));
    const span = this.t1 - this.t0 + 1, usable = W - 2 * this.pad;
    const bucket = Math.max(1, Math.ceil(span / Math.max(1, usable / 3)));
    const buckets = new Map();
    for (const d of this.days) {
      const b = Math.floor((toDay(d.day) - this.t0) / bucket);
      const m = buckets.get(b) || {}; for (const [t, n] of Object.entries(d.counts)) m[t] = (m[t] || 0) + n;
      buckets.set(b, m);
    }
    let max = 1; for (const m of buckets.values()) max = Math.max(max, Object.values(m).reduce((a, b) => a + b, 0));
    const x = (day) => this.pad + (day - this.t0) / (this.t1 - this.t0) * usable;
    const bw = Math.max(1, usable / Math.ceil(span / bucket) - 1), base = H - 20;
    if (this.range) {
      const [a, b] = this.range;
      el("rect", { x: x(a) - 1, y: 4, width: Math.max(2, x(b) - x(a) + bw), height: base - 4, fill: "#ffe9a8" });
    }
    for (const [b, m] of buckets) {
      let y = base; const day0 = this.t0 + b * bucket;
      for (const [t, n] of Object.entries(m)) {
        const hgt = n / max * (base - 10);
        const r = el("rect", { x: x(day0), y: y - hgt, width: bw, height: hgt, fill: TYPE_COLOURS[t] || "#555" });
        const title = document.createElementNS(ns, "title");
        title.textContent = `${new Date(day0 * 864e5).toISOString().slice(0, 10)}${bucket > 1 ? ` (+${bucket - 1} days)` : ""}: ${n} ${t}`;
        r.appendChild(title); y -= hgt;
      }
    }
    el("line", { x1: this.pad, x2: W - this.pad, y1: base, y2: base, stroke: "#999" });
    const iso = (d) => new Date(d * 864e5).toISOString().slice(0, 10);
    el("text", { x: this.pad, y: H - 5, "font-size": 11, fill: "#444" }, iso(this.t0));
    el("text", { x: W - this.pad, y: H - 5, "font-size": 11, fill: "#444", "text-anchor": "end" }, iso(this.t1));
    el("text", { x: 4, y: 14, "font-size": 11, fill: "#444" }, String(max));
  }
}
