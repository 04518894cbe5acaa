"""``geojson``: incidents (or cases) as an RFC 7946 FeatureCollection.

Each item is a Feature: a Point at the place's coordinates, ``[longitude, latitude]`` in
WGS 84 as the RFC orders them, or a null geometry where the place has no coordinates (the
RFC allows unlocated features). The properties hold the values in force, flattened for GIS
tools, with the review status, the fields an analyst changed and the machine's values.
"""

from __future__ import annotations

import json
from typing import Any

from ..registry import exporters
from .base import Exporter, Item, Selection


def render(sel: Selection) -> bytes:
    collection = {"type": "FeatureCollection", "features": [feature(i) for i in sel.items]}
    text = json.dumps(collection, ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def feature(item: Item) -> dict[str, Any]:
    """One item as a Feature, its id the incident's or case's id."""
    rec = item.record
    place, date = rec.get("place") or {}, rec.get("date") or {}
    victims = rec.get("victims") or {}
    count = victims.get("count") or {}
    geometry = None
    if place.get("lat") is not None and place.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
    return {
        "type": "Feature",
        "id": item.id,
        "geometry": geometry,
        "properties": {
            "kind": item.kind,
            "case": item.case_id,
            "corroboration": item.grade,
            "type": rec["type"],
            "summary": rec.get("summary"),
            "date_start": date.get("start"),
            "date_end": date.get("end"),
            "place": place.get("name"),
            "country": place.get("country"),
            "admin1": place.get("admin1"),
            "precision": place.get("precision"),
            "perpetrators": [p["name"] for p in rec.get("perpetrators") or []],
            "victim_category": victims.get("category"),
            "victims_low": count.get("low"),
            "victims_best": count.get("best"),
            "victims_high": count.get("high"),
            "evidence": rec.get("evidence") or [],
            "certainty": rec.get("certainty"),
            "attribution": rec.get("attribution") or [],
            "status": item.status,
            "edited": item.edited,
            "machine": item.machine,
            "documents": [name for _, name in item.documents],
            "incidents": item.incidents,
        },
    }


EXPORTER = exporters.register("geojson")(
    Exporter(
        "geojson",
        "application/geo+json",
        "geojson",
        "an RFC 7946 FeatureCollection, a Point (or null geometry) per incident or case",
        render,
    )
)
