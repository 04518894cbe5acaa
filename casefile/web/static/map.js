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

  // 1. the map: tiles when configured, else a graticule so it still reads as a map
  const map = L.map(mapEl, { preferCanvas: false }).setView([48.6, 33.5], 5);
  if (mapEl.dataset.tiles) {
    L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: mapEl.dataset.attribution || "" }).addTo(map);
  } else {
    for (let lat = 40; lat <= 60; lat += 2) {
      L.polyline([[lat, 20], [lat, 50]], { color: "#c5ccd6", weight: 1, interactive: false }).addTo(map);
    }
    for (let lon = 20; lon <= 50; lon += 2) {
      L.polyline([[40, lon], [60, lon]], { color: "#c5ccd6", weight: 1, interactive: false }).addTo(map);
    }
    map.attributionControl.addAttribution("no map tiles configured (casefile serve --tiles URL)");
  }
  const markers = L.featureGroup().addTo(map);

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
      L.circleMarker([p.lat, p.lon], { radius: 6, color: colour(p.type), weight: 2, fillOpacity: 0.6, className: "incident-marker" })
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
    const counts = new Map(data.months.map((m) => [m.month, m.incidents]));
    const all = data.months.length ? months(data.months[0].month, data.months[data.months.length - 1].month) : [];
    const width = svg.clientWidth || 600, height = 140, base = 120;
    const most = Math.max(1, ...counts.values());
    const w = all.length ? Math.min(48, width / all.length) : width;
    all.forEach((month, i) => {
      const n = counts.get(month) || 0;
      const h = Math.round((n / most) * (base - 10));
      const bar = document.createElementNS(SVGNS, "rect");
      bar.setAttribute("x", String(i * w + 1));
      bar.setAttribute("y", String(base - h));
      bar.setAttribute("width", String(Math.max(1, w - 2)));
      bar.setAttribute("height", String(h));
      bar.setAttribute("data-month", month);
      bar.setAttribute("data-count", String(n));
      const title = document.createElementNS(SVGNS, "title");
      title.textContent = `${month}: ${n}`;
      bar.appendChild(title);
      svg.appendChild(bar);
      if (month.endsWith("-01") || i === 0) {
        const label = document.createElementNS(SVGNS, "text");
        label.setAttribute("x", String(i * w + 1));
        label.setAttribute("y", String(base + 14));
        label.textContent = month.slice(0, 4);
        svg.appendChild(label);
      }
    });
    const total = data.months.reduce((s, m) => s + m.incidents, 0);
    document.getElementById("timeline-note").textContent =
      `${total} incidents in ${data.months.length} months` +
      (data.year_only ? `; ${data.year_only} dated to a year only` : "") +
      (data.undated ? `; ${data.undated} undated` : "");
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

  async function refresh() {
    const params = query();
    const qs = params.toString();
    const problem = document.getElementById("problem");
    try {
      const [points, histogram, page] = await Promise.all([
        getJSON("/api/v1/incidents/points?" + qs),
        getJSON("/api/v1/incidents/histogram?" + qs),
        getJSON("/api/v1/incidents?" + qs),
      ]);
      problem.hidden = true;
      drawPoints(points);
      drawTimeline(histogram);
      drawTable(page);
      history.replaceState(null, "", qs ? "/?" + qs : "/");
      const twin = document.getElementById("json-twin");
      if (twin) twin.href = "/api/v1/incidents" + (qs ? "?" + qs : "");
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
