"""The brief's two images, rendered offline with matplotlib (Agg, no display, no network):
a timeline of incidents per month, and the takeaways' places as points on a longitude/
latitude frame. No country outlines: no packaged dataset of them is installed, and fetching
one at run time would break the offline rule. PNG bytes, the same for the same data."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from .build import Brief

DPI = 100
_PNG = {"Software": None}  # no version stamp: the same data gives the same bytes


def timeline_png(brief: Brief) -> bytes:
    """Incidents per month, as bars; an empty frame says so where none is dated."""
    fig = Figure(figsize=(8, 2.6), dpi=DPI)
    ax = fig.add_subplot()
    months = [m for m, _ in brief.months]
    counts = [n for _, n in brief.months]
    if months:
        ax.bar(range(len(months)), counts, color="#8b1e1e")
        step = max(1, len(months) // 12)
        ax.set_xticks(range(0, len(months), step), months[::step], rotation=45, ha="right")
        ax.set_ylabel("incidents")
    else:
        ax.text(0.5, 0.5, "no incident dated to a month", ha="center", va="center")
        ax.set_xticks([])
    ax.set_yticks(sorted({0, *counts}))
    ax.set_title("Incidents per month")
    fig.tight_layout()
    return _png(fig)


def map_png(brief: Brief) -> bytes:
    """The takeaways' places: a point each, labelled, on a longitude/latitude frame."""
    fig = Figure(figsize=(6, 4.5), dpi=DPI)
    ax = fig.add_subplot()
    places: dict[tuple[float, float], tuple[list[str], str]] = {}
    for n, t in enumerate(brief.takeaways, 1):
        if t.lat is not None and t.lon is not None:
            numbers, _ = places.setdefault((t.lon, t.lat), ([], t.place or ""))
            numbers.append(str(n))  # takeaways at one place share a point and a label
    if places:
        lons = [lon for lon, _ in places]
        lats = [lat for _, lat in places]
        ax.scatter(lons, lats, s=40, color="#8b1e1e", zorder=3)
        for (lon, lat), (numbers, name) in places.items():
            label = f"{', '.join(numbers)} {name}"
            ax.annotate(label, (lon, lat), xytext=(4, 4), textcoords="offset points", fontsize=8)
        pad = 1.0
        ax.set_xlim(min(lons) - pad, max(lons) + pad)
        ax.set_ylim(min(lats) - pad, max(lats) + pad)
        ax.set_aspect(1 / max(0.2, _cos_mid(lats)))  # degrees of longitude shrink northwards
    else:
        ax.text(0.5, 0.5, "no takeaway has coordinates", ha="center", va="center")
    ax.grid(True, linewidth=0.4, color="#bbbbbb")
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_title("Where: the key takeaways (points; no country outlines)")
    fig.tight_layout()
    return _png(fig)


def _cos_mid(lats: list[float]) -> float:
    import math

    return math.cos(math.radians((min(lats) + max(lats)) / 2))


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata=_PNG)
    return buf.getvalue()
