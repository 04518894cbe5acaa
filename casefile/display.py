"""How an incident's values read as text, in one place for every shell: the CLI's table, the
web pages and the audit log's change per field (#10). A date range, a place with its region,
a count with its range, names joined; never a Python repr, and "–" for nothing."""

from __future__ import annotations

from typing import Any

from .model import DateRange, Incident, Place

NOTHING = "–"


def readable(value: object) -> str:
    """A field's value in its record form (``to_record``, the API's) as a person reads it."""
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, dict):
        if "start" in value or "end" in value:
            start, end = value.get("start"), value.get("end")
            return str(start or "…") + (f"..{end}" if end and end != start else "")
        if "name" in value:
            where = value.get("admin1")
            return str(value["name"]) + (f", {where}" if where and where != value["name"] else "")
        if "best" in value or "low" in value:
            best, low, high = value.get("best"), value.get("low"), value.get("high")
            span = (
                f" ({low}–{high})" if low is not None and high is not None and low != high else ""
            )
            return (str(best) if best is not None else NOTHING) + span
        return "; ".join(f"{k}: {readable(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value)
    return str(value)


def total_text(total: int, exact: bool | None = True, estimated: bool | None = False) -> str:
    """A list's total as a person reads it: ``8,169``; ``10,000+`` where counting stopped at
    the count limit (``exact`` false: a floor); ``about 61,000`` where it is the database's
    estimate (``estimated``), rounded to the two figures an estimate is good for."""
    if estimated:
        return f"about {_two_figures(total):,}"
    return f"{total:,}" if exact or exact is None else f"{total:,}+"


def _two_figures(n: int) -> int:
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return round(n / scale) * scale


def date_text(date: DateRange | None) -> str:
    """``2024-03``, ``2024-03-05..2024-03-07``, or – where undated."""
    return readable(date.to_record() if date and (date.start or date.end) else None)


def place_text(place: Place | None) -> str:
    """``Izium, Kharkiv Oblast``; the name alone where it is the region."""
    return readable(place.to_record() if place else None)


def perpetrators_text(incident: Incident) -> str:
    return readable([p.name for p in incident.perpetrators])


def victims_text(incident: Incident, labels: Any = None) -> str:
    """The victims' category (its label where ``labels``, a vocabulary, is given) and count:
    ``civilian: 59 (50–60)``."""
    category = labels.label(incident.victim_category) if labels else incident.victim_category
    count = incident.count.to_record() if incident.count else None
    if not count or count.get("best") is None:
        return str(category)
    return f"{category}: {readable(count)}"
