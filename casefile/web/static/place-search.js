// The place field of the review: search the gazetteer (/api/v1/places) by the name typed,
// list what it may denote, and fill the form with the place chosen (its coordinates
// included, so the incident stays on the map). Without a choice the server geocodes the name.
(function () {
  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  async function search(form) {
    const name = form.querySelector(".place-name").value.trim();
    const list = form.querySelector(".place-results");
    list.replaceChildren();
    if (!name) return;
    const r = await fetch("/api/v1/places?q=" + encodeURIComponent(name), {
      headers: { Accept: "application/json" },
    });
    const body = await r.json();
    if (!r.ok || !body.items.length) {
      list.append(el("li", r.ok ? "nothing found: the name is kept as written" : body.error));
      return;
    }
    for (const p of body.items) {
      const where = [p.admin1, p.country].filter(Boolean).join(", ");
      const b = el("button", `${p.name}${where ? ", " + where : ""} (${p.lat.toFixed(3)}, ${p.lon.toFixed(3)})`, {
        type: "button", class: "place-choice",
      });
      b.addEventListener("click", () => {
        form.querySelector(".place-name").value = p.name;
        for (const k of ["admin1", "country", "lat", "lon"]) {
          form.querySelector(`input[name=${k}]`).value = p[k] === null ? "" : String(p[k]);
        }
        form.querySelector(".place-chosen").textContent = "chosen: " + b.textContent;
        list.replaceChildren();
      });
      const li = el("li");
      li.append(b);
      list.append(li);
    }
  }

  document.addEventListener("click", (e) => {
    const button = e.target.closest ? e.target.closest(".place-search") : null;
    if (button) search(button.form);
  });
  document.addEventListener("input", (e) => {
    if (e.target.classList && e.target.classList.contains("place-name")) {
      const form = e.target.form;
      for (const k of ["admin1", "country", "lat", "lon"]) form.querySelector(`input[name=${k}]`).value = "";
      form.querySelector(".place-chosen").textContent = "a name alone is geocoded on saving";
    }
  });
})();
