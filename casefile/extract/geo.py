"""Distances and precision order between Places (used when grouping and choosing places)."""

from __future__ import annotations

import math

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
