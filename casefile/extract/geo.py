"""Distances and precision order between Places (used when grouping and choosing places)."""

from __future__ import annotations

import math
from functools import lru_cache

from ..knowledge.gazetteer import Gazetteer
from ..model import Place

RANK = {"settlement": 0, "district": 1, "admin1": 2, "country": 3, None: 4}


def km(a: Place, b: Place) -> float:
    """Great-circle distance; infinite when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def more_precise(a: Place, b: Place) -> bool:
    return RANK.get(a.precision, 4) < RANK.get(b.precision, 4)


def lacked(place: Place) -> bool:
    """A place the gazetteer lacks, put at the district or province the text names it in
    ("<name> market in <province>": the area's coordinates, which the gazetteer does not
    give that name): named as finely as a settlement, though its coordinates are the area's."""
    if place.precision not in ("district", "admin1") or place.lat is None:
        return False
    return not _known_at(place.name, place.lat, place.lon)


@lru_cache(maxsize=4096)
def _known_at(name: str, lat: float, lon: float | None) -> bool:
    """The gazetteer knows ``name`` at these coordinates (an area by its own name)."""
    return any(
        c.place.lat == lat and c.place.lon == lon for c in Gazetteer.default().candidates(name)
    )
