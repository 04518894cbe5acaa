// The map page: the filter form drives the map, the timeline and the table through the
// JSON API (the same answers as the page's JSON twin). Data goes into the DOM as text only.
"use strict";

(function () {
  const form = document.getElementById("filters");
  const mapEl = document.getElementById("map");
  const svg = document.getElementById("timeline");
  const SVGNS = "http://www.w3.org/2000/svg";
  const COLOURS = ["#8a1c1c", "#1f4fa3", "#7a4b00", "#6b2fa3", "#17672c", "#a3561f", "#2f7f8a", "#555"];
  const types = JSON.parse(mapEl.dataset.labels || "[]");
  const colour = (t) => COLOURS[Math.max(0, types.indexOf(t)) % COLOURS.length];

  // 1. the map: tiles when configured, else the country outlines shipped with casefile
  // (Natural Earth via world-atlas, vendored) so it stands alone with no tile server
  const map = L.map(mapEl, { preferCanvas: false, maxZoom: 18 }).setView([48.6, 33.5], 5);
  if (mapEl.dataset.tiles) {
    L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: mapEl.dataset.attribution || "" }).addTo(map);
  } else {
    map.createPane("basemap").style.zIndex = "200";
    fetch("/static/vendor/world-atlas-2.0.2/countries-50m.json")
      .then((r) => r.json())
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          pane: "basemap",
          interactive: false,
          style: { color: "#8a94a6", weight: 1, fillColor: "#eef1f5", fillOpacity: 1, className: "country" },
        }).addTo(map);
        mapEl.dataset.basemap = String(countries.features.length);
      });
    map.attributionControl.addAttribution("Country outlines: Natural Earth (world-atlas)");
  }
  // first-level areas: no package ships oblast outlines under an open licence, so their
  // names are written at a point inside each (the gazetteer's, /api/v1/places/regions)
  map.createPane("regions").style.zIndex = "350";
  map.getPane("regions").style.pointerEvents = "none";
  const regionLabels = L.layerGroup();
  fetch("/api/v1/places/regions", { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((r) => r.json())
    .then((body) => {
      for (const r of body.items) {
        const icon = L.divIcon({ className: "region-label", html: "", iconSize: null });
        const m = L.marker([r.lat, r.lon], { icon, pane: "regions", interactive: false, keyboard: false });
        m.on("add", () => { m.getElement().replaceChildren(el("span", r.name.replace(/ Oblast$/, ""))); });
        regionLabels.addLayer(m);
      }
      const shown = () => {  // names at the zoom where they help, not over a whole continent
        if (map.getZoom() >= 5 && map.getZoom() <= 9) regionLabels.addTo(map);
        else regionLabels.remove();
      };
      map.on("zoomend", shown);
      shown();
      mapEl.dataset.regions = String(body.items.length);
    });
  // stacked incidents gather into a cluster that opens on a click
  // and lists them (incidents at one place stay stacked at any zoom, so zooming in would not
  // part them)
  const markers = L.markerClusterGroup({
    maxClusterRadius: 30, zoomToBoundsOnClick: false, showCoverageOnHover: false,
  }).addTo(map);
  markers.on("clusterclick", (e) => {
    const list = el("ul", null, { class: "cluster-list" });
    for (const m of e.layer.getAllChildMarkers()) {
      const li = el("li");
      li.append(incidentLink(m.options.incident));
      list.append(li);
    }
    L.popup().setLatLng(e.layer.getLatLng()).setContent(list).openOn(map);
  });

  // the legend: a colour per incident type
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = L.DomUtil.create("div", "legend");
    box.id = "legend";
    const labels = JSON.parse(mapEl.dataset.typeLabels || "{}");
    for (const t of types) {
      const row = el("div", null, { class: "legend-row" });
      const swatch = el("span", null, { class: "swatch", "data-colour": colour(t) });
      swatch.style.backgroundColor = colour(t);
      row.append(swatch, el("span", labels[t] || t.replace(/_/g, " ")));
      box.append(row);
    }
    return box;
  };
  legend.addTo(map);

  function query() {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (v !== "") params.append(k, v);
    }
    return params;
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  // a list's total as casefile.display.total_text writes it: "10,000+" where counting
  // stopped at the limit, "about 61,000" where it is the database's estimate
  function totalText(page) {
    const n = page.total;
    if (page.total_estimated) {
      const scale = n < 100 ? 1 : 10 ** (String(n).length - 2);
      return "about " + (Math.round(n / scale) * scale).toLocaleString("en");
    }
    return n.toLocaleString("en") + (page.total_exact === false ? "+" : "");
  }

  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  function incidentLink(p) {
    const text = `${p.type.replace(/_/g, " ")}, ${p.place || ""}, ${p.date || "undated"}`;
    return el("a", text, { href: `/cases/${encodeURIComponent(p.case)}#incident-${p.id}` });
  }

  function drawPoints(data) {
    // one marker per case: the reports of one act are counted once (#11)
    markers.clearLayers();
    const cases = new Map();
    for (const p of data.points) {
      if (!cases.has(p.case)) cases.set(p.case, []);
      cases.get(p.case).push(p);
    }
    for (const [caseId, reports] of cases) {
      const p = reports[0];
      const popup = el("div");
      const link = el("a", `${p.type.replace(/_/g, " ")}, ${p.place || ""}`, { href: `/cases/${encodeURIComponent(caseId)}#incident-${p.id}` });
      const told = reports.length > 1 ? ` · ${reports.length} reports` : "";
      popup.append(link, el("div", `${p.date || "undated"} · ${p.status}${told}`));
      L.circleMarker([p.lat, p.lon], { radius: 6, color: colour(p.type), weight: 2, fillOpacity: 0.6, className: "incident-marker", incident: p })
        .bindPopup(popup).addTo(markers);
    }
    const shown = cases.size;
    document.getElementById("map-count").textContent =
      `${shown} cases on the map (${data.points.length} reports)` +
      (data.truncated ? ` (the first ${data.points.length} reports of ${data.total})` : "");
    mapEl.dataset.markers = String(shown);
    if (shown) map.fitBounds(markers.getBounds(), { maxZoom: 9, padding: [20, 20] });
  }

  function months(first, last) {
    const out = [];
    let [y, m] = first.split("-").map(Number);
    const [ly, lm] = last.split("-").map(Number);
    while (y < ly || (y === ly && m <= lm)) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
      if (out.length > 1200) break;
    }
    return out;
  }

  // the timeline's scale, kept for the brush: the months drawn, the left edge, a bar's width
  const scale = { all: [], left: 44, w: 1 };

  function drawTimeline(data) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    // cases, not reports: the reports of one act count once (#11)
    const counts = new Map(data.months.map((m) => [m.month, m.cases ?? m.incidents]));
    const all = data.months.length ? months(data.months[0].month, data.months[data.months.length - 1].month) : [];
    const width = svg.clientWidth || 600, base = 120, left = 44;
    const most = Math.max(1, ...counts.values());
    const w = all.length ? Math.min(48, (width - left) / all.length) : width - left;
    Object.assign(scale, { all, left, w });
    const line = (x1, y1, x2, y2, cls) => {
      const l = document.createElementNS(SVGNS, "line");
      for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) l.setAttribute(k, String(v));
      l.setAttribute("class", cls);
      svg.appendChild(l);
    };
    const text = (x, y, t, cls) => {
      const label = document.createElementNS(SVGNS, "text");
      label.setAttribute("x", String(x));
      label.setAttribute("y", String(y));
      label.setAttribute("class", cls);
      label.textContent = t;
      svg.appendChild(label);
    };
    // the axes, titled: cases up the side (0, half, most), years along the bottom
    text(0, 0, "cases", "axis-title y-title");
    svg.lastChild.setAttribute("transform", `translate(10 ${(base + 10) / 2}) rotate(-90)`);
    text(left, base + 34, "month the act began (years marked)", "axis-title x-title");
    line(left, 10, left, base, "axis");
    line(left, base, left + all.length * w, base, "axis");
    for (const v of [...new Set([0, Math.round(most / 2), most])]) {
      const y = base - Math.round((v / most) * (base - 10));
      line(left - 4, y, left, y, "axis");
      text(left - 6, y + 4, String(v), "axis-label y-label");
    }
    all.forEach((month, i) => {
      const n = counts.get(month) || 0;
      const h = Math.round((n / most) * (base - 10));
      const bar = document.createElementNS(SVGNS, "rect");
      bar.setAttribute("x", String(left + i * w + 1));
      bar.setAttribute("y", String(base - h));
      bar.setAttribute("width", String(Math.max(1, w - 2)));
      bar.setAttribute("height", String(h));
      bar.setAttribute("data-month", month);
      bar.setAttribute("data-count", String(n));
      bar.setAttribute("class", "bar");
      const title = document.createElementNS(SVGNS, "title");
      title.textContent = `${month}: ${n} — click for this month, drag for a range`;
      bar.appendChild(title);
      svg.appendChild(bar);
      if (month.endsWith("-01") || i === 0) {
        line(left + i * w, base, left + i * w, base + 4, "axis");
        text(left + i * w + 1, base + 16, month.slice(0, 4), "axis-label");
      }
    });
    const total = data.months.reduce((s, m) => s + (m.cases ?? m.incidents), 0);
    const reports = data.months.reduce((s, m) => s + m.incidents, 0);
    const yearOnly = data.cases_year_only ?? data.year_only;
    const undated = data.cases_undated ?? data.undated;
    document.getElementById("timeline-note").textContent =
      `${total} cases in ${data.months.length} months (${reports} reports)` +
      (yearOnly ? `; ${yearOnly} dated to a year only` : "") +
      (undated ? `; ${undated} undated` : "");
    svg.dataset.bars = String(data.months.length);
  }

  function drawTable(page) {
    const body = document.querySelector("#incidents tbody");
    body.replaceChildren();
    for (const i of page.items) {
      const d = i.date ? i.date.start + (i.date.end && i.date.end !== i.date.start ? ".." + i.date.end : "") : "–";
      const place = i.place ? i.place.name + (i.place.admin1 && i.place.admin1 !== i.place.name ? ", " + i.place.admin1 : "") : "–";
      const count = i.victims.count && i.victims.count.best !== null ? ": " + i.victims.count.best : "";
      const tr = el("tr");
      const table = document.getElementById("incidents");
      if (table.dataset.bulk) {  // an analyst: a box to choose it for bulk review
        const box = el("td");
        box.append(el("input", null, { type: "checkbox", name: "incidents", value: i.id, form: "bulk", "aria-label": "choose" }));
        tr.append(box);
      }
      const link = el("td");
      link.append(el("a", "case", { href: `/cases/${encodeURIComponent(i.case)}#incident-${i.id}` }));
      const summary = el("td", null, { class: "summary" });
      for (const piece of i.hit || [{ text: i.summary, hit: false }]) {
        summary.append(piece.hit ? el("mark", piece.text) : document.createTextNode(piece.text));
      }
      tr.append(el("td", d), el("td", i.type.replace(/_/g, " ")), el("td", place), summary,
        el("td", i.perpetrators.map((p) => p.name).join(", ") || "–"),
        el("td", i.victims.category + count), el("td", i.certainty),
        el("td", i.status, { class: "status-" + i.status }), link);
      body.append(tr);
    }
    document.getElementById("count").textContent = totalText(page);
  }

  // facet counts beside the filters (as Datasette shows them): how many of the matching
  // incidents have each value; a value, clicked, becomes the filter
  const typeLabels = JSON.parse(mapEl.dataset.typeLabels || "{}");
  const FACET_FIELD = { type: "type", admin1: "admin1", status: "status", certainty: "certainty", language: "language" };

  function chooseFacet(name, value) {
    if (name === "year") {
      filterMonths(`${value}-01`, `${value}-12`);
      return;
    }
    const field = form.elements[FACET_FIELD[name]];
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", value, { value }));
    }
    field.value = value;
    refresh();
  }

  function drawFacets(facets) {
    for (const section of document.querySelectorAll("#facets .facet")) {
      const name = section.dataset.facet;
      const list = section.querySelector("ul");
      list.replaceChildren();
      const values = Object.entries(facets[name] || {});
      if (name === "year") values.sort((a, b) => a[0].localeCompare(b[0]));
      for (const [value, n] of values.slice(0, 12)) {
        const li = el("li");
        const label = name === "type" ? (typeLabels[value] || value) : value;
        const b = el("button", label, { type: "button", class: "facet-value", "data-value": value });
        b.addEventListener("click", () => chooseFacet(name, value));
        li.append(b, el("span", ` ${n}`, { class: "facet-count" }));
        list.append(li);
      }
      if (!values.length) list.append(el("li", "none", { class: "muted" }));
    }
    for (const name of ["type", "certainty", "status", "admin1"]) {
      const select = form.elements[name];
      if (!select) continue;
      for (const option of select.options) {
        if (!option.value) continue;
        if (!option.dataset.label) option.dataset.label = option.textContent;
        const n = (facets[name] || {})[option.value] || 0;
        option.textContent = `${option.dataset.label} (${n})`;
      }
    }
  }

  // a click on a column's head sorts the list by it; a second click reverses dates and counts
  for (const th of document.querySelectorAll("#incidents th[data-sort]")) {
    th.addEventListener("click", () => {
      const sort = form.elements.sort;
      const key = th.dataset.sort;
      sort.value = sort.value === key && (key === "date" || key === "count") ? "-" + key : key;
      refresh();
    });
  }

  // a click on a bar, or a range dragged across the bars (a brush), filters the map, the
  // timeline and the list to those months
  function filterMonths(first, last) {
    const [y, m] = last.split("-").map(Number);
    const end = new Date(Date.UTC(y, m, 0)).getUTCDate();
    form.elements.since.value = `${first}-01`;
    form.elements.until.value = `${last}-${String(end).padStart(2, "0")}`;
    refresh();
  }

  function monthAt(clientX) {
    const box = svg.getBoundingClientRect();
    const i = Math.floor((clientX - box.left - scale.left) / scale.w);
    return scale.all.length ? scale.all[Math.max(0, Math.min(scale.all.length - 1, i))] : null;
  }

  let brush = null;  // {x0, rect} while a range is dragged
  svg.addEventListener("pointerdown", (e) => {
    if (!scale.all.length || e.button !== 0) return;
    const x0 = e.clientX - svg.getBoundingClientRect().left;
    const rect = document.createElementNS(SVGNS, "rect");
    rect.setAttribute("class", "brush");
    for (const [k, v] of Object.entries({ x: x0, y: 6, width: 0, height: 116 })) rect.setAttribute(k, String(v));
    svg.appendChild(rect);
    // the bar pressed, if any (once the pointer is captured, events name the svg instead)
    const month = e.target.getAttribute && e.target.getAttribute("data-month");
    brush = { x0, start: e.clientX, rect, month };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!brush) return;
    const x = e.clientX - svg.getBoundingClientRect().left;
    brush.rect.setAttribute("x", String(Math.min(x, brush.x0)));
    brush.rect.setAttribute("width", String(Math.abs(x - brush.x0)));
  });
  svg.addEventListener("pointerup", (e) => {
    if (!brush) return;
    const { start, rect, month } = brush;
    brush = null;
    rect.remove();
    if (Math.abs(e.clientX - start) < 4) {  // a click: the bar pressed, if any
      if (month) filterMonths(month, month);
      return;
    }
    const [a, b] = [monthAt(Math.min(start, e.clientX)), monthAt(Math.max(start, e.clientX))];
    if (a && b) filterMonths(a, b);
  });

  // Enter in a field fires both "change" and "submit": the same filters are fetched once
  let shown = null;

  async function refresh() {
    const params = query();
    const qs = params.toString();
    if (qs === shown) return;
    shown = qs;
    const problem = document.getElementById("problem");
    try {
      const [points, histogram, page, facets] = await Promise.all([
        getJSON("/api/v1/incidents/points?" + qs),
        getJSON("/api/v1/incidents/histogram?" + qs),
        getJSON("/api/v1/incidents?" + qs),
        getJSON("/api/v1/incidents/facets?" + qs),
      ]);
      problem.hidden = true;
      drawPoints(points);
      drawTimeline(histogram);
      drawTable(page);
      drawFacets(facets);
      history.replaceState(null, "", qs ? "/?" + qs : "/");
      const twin = document.getElementById("json-twin");
      if (twin) twin.href = "/api/v1/incidents" + (qs ? "?" + qs : "");
      const brief = document.getElementById("brief-link");
      if (brief) brief.href = "/brief" + (qs ? "?" + qs : "");
      const review = document.getElementById("review-link");
      if (review) review.href = "/review" + (qs ? "?" + qs : "");
      for (const a of document.querySelectorAll("a.export-link")) {
        // the Export menu follows the filters on screen
        const cases = a.dataset.cases === "true" ? "&cases=true" : "";
        a.href = "/api/v1/export?format=" + a.dataset.format + cases + (qs ? "&" + qs : "");
      }
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    } catch (e) {
      shown = null;  // the same filters may be tried again
      problem.textContent = e.message;
      problem.hidden = false;
    }
  }

  form.addEventListener("change", refresh);
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  refresh();
})();
