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

  function drawTimeline(data) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    // cases, not reports: the reports of one act count once (#11)
    const counts = new Map(data.months.map((m) => [m.month, m.cases ?? m.incidents]));
    const all = data.months.length ? months(data.months[0].month, data.months[data.months.length - 1].month) : [];
    const width = svg.clientWidth || 600, base = 120, left = 32;
    const most = Math.max(1, ...counts.values());
    const w = all.length ? Math.min(48, (width - left) / all.length) : width - left;
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
    // the axes: cases up the side (0, half, most), years along the bottom
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
      title.textContent = `${month}: ${n} — click to show only this month`;
      bar.appendChild(title);
      bar.addEventListener("click", () => filterMonth(month));
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
      const count = i.victims.count && i.victims.count.best !== null ? " " + i.victims.count.best : "";
      const tr = el("tr");
      const table = document.getElementById("incidents");
      if (table.dataset.bulk) {  // an analyst: a box to choose it for bulk review
        const box = el("td");
        box.append(el("input", null, { type: "checkbox", name: "incidents", value: i.id, form: "bulk", "aria-label": "choose" }));
        tr.append(box);
      }
      const link = el("td");
      link.append(el("a", "case", { href: `/cases/${encodeURIComponent(i.case)}#incident-${i.id}` }));
      tr.append(el("td", d), el("td", i.type.replace(/_/g, " ")), el("td", place),
        el("td", i.perpetrators.map((p) => p.name).join(", ") || "–"),
        el("td", i.victims.category + count), el("td", i.certainty),
        el("td", i.status, { class: "status-" + i.status }), link);
      body.append(tr);
    }
    document.getElementById("count").textContent = String(page.total);
  }

  // facet counts beside the filters: how many of the matching incidents have each value
  function drawFacets(facets) {
    for (const name of ["type", "certainty", "status"]) {
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

  // a click on a bar filters the map, the timeline and the list to that month
  function filterMonth(month) {
    const [y, m] = month.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    form.elements.since.value = `${month}-01`;
    form.elements.until.value = `${month}-${String(last).padStart(2, "0")}`;
    refresh();
  }

  async function refresh() {
    const params = query();
    const qs = params.toString();
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
      for (const a of document.querySelectorAll("a.export-link")) {
        // the Export menu follows the filters on screen
        const cases = a.dataset.cases === "true" ? "&cases=true" : "";
        a.href = "/api/v1/export?format=" + a.dataset.format + cases + (qs ? "&" + qs : "");
      }
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
    }
  }

  form.addEventListener("change", refresh);
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  refresh();
})();
