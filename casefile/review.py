"""Analysts' review: confirm, reject or edit an incident or case, merge and split cases, enter
an incident that no document holds. The machine's values are never overwritten.

Each act is one transaction that writes three things: the judgement (who, when, what, the
machine's value, the value before and after, the reason; never changed), the review (the
analyst's value now in force, in ``reviews``), and an audit entry.

The API and the web pages call these functions; so will a ``casefile review`` command.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .errors import ConflictError, NotFoundError, ReviewError
from .fuse.stored import fuse_store
from .model import (
    TESTIMONY,
    Actor,
    Analysis,
    Count,
    DateRange,
    Document,
    Incident,
    Place,
    sha256,
)
from .resolve.geocode import geocode
from .store import Store
from .store.audit import AuditEvent, canonical, imported
from .store.view import (
    EDIT_GROUPS,
    IncidentQuery,
    ReviewedIncident,
    StoredCase,
    field_value,
    is_partial_date,
)
from .store.writer import Writer, incident_id
from .vocab import (
    ACTOR_KINDS,
    CERTAINTY,
    EVIDENCE,
    INCIDENT_TYPES,
    PRECISIONS,
    VICTIM_CATEGORIES,
)

TESTIMONY_EXTRACTOR = "casefile.testimony.v1"  # the "extractor" of incidents analysts enter
ACTIONS = ("confirm", "reject", "reopen", "edit")
EDITABLE = tuple(g for g in EDIT_GROUPS if g != "case")  # cases move by merge and split
_STATUS_AFTER = {"confirm": "confirmed", "reject": "rejected", "reopen": "unreviewed"}
BULK_ACTIONS = tuple(_STATUS_AFTER)  # judge_many: one reason for several incidents
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_TEXT = 20_000


UNSEEN: Any = object()  # ``expected`` not given: the caller does not say what it saw


def etag(target: ReviewedIncident | StoredCase) -> str:
    """A short hash of everything a judgement can change on ``target`` (its status and each
    editable field): what an analyst saw, to send back with a judgement (``seen``)."""
    values = {"status": target.status, **{g: _value_of(target, g) for g in EDITABLE}}
    return sha256(canonical(values))[:16]


def judge(
    store: Store,
    actor: str,
    target_type: str,
    target_id: str,
    action: str,
    reason: str,
    field: str | None = None,
    value: Any = None,
    *,
    seen: str | None = None,
    expected: Any = UNSEEN,
) -> ReviewedIncident | StoredCase:
    """Confirm, reject, reopen or edit one field of an incident or a case; the updated target.

    ``seen`` (the target's ``etag``) or ``expected`` (the field's value, or the status for
    confirm, reject and reopen) say what the analyst saw; if it has changed since, nothing is
    written and ConflictError carries the target as it now stands.

    1. the target as it stands now, after any other writer; 2. what the act changes (checked
    before anything is written); 3. judgement, review and audit entry in one transaction."""
    reason = _reason(reason)
    with store.writer(actor) as w:
        w.lock()  # a judgement made at the same moment is either wholly before or after this
        target = _target(store, target_type, target_id)
        _check_seen(target, action, field, seen, expected)
        _apply(w, target, target_type, target_id, action, reason, field, value, actor)
    return _target(store, target_type, target_id)


def _check_seen(
    target: ReviewedIncident | StoredCase,
    action: str,
    field: str | None,
    seen: str | None,
    expected: Any,
) -> None:
    now = etag(target)
    if seen is not None and seen != now:
        changed = "it was changed"
    elif expected is not UNSEEN:
        current = _value_of(target, field) if action == "edit" and field in EDITABLE else None
        current = current if action == "edit" else target.status
        if canonical(expected) == canonical(current):
            return
        changed = f"its {field if action == 'edit' else 'status'} is now {canonical(current)}"
    else:
        return
    raise ConflictError(
        f"{type(target).__name__.removeprefix('Reviewed').removeprefix('Stored').lower()} "
        f"{target.id}: {changed} since you saw it (by another analyst): nothing was written; "
        "look at it again and redo your judgement if it still holds",
        {**target.to_record(), "etag": now},
    )


def _apply(
    w: Writer,
    target: ReviewedIncident | StoredCase,
    target_type: str,
    target_id: str,
    action: str,
    reason: str,
    field: str | None,
    value: Any,
    actor: str,
) -> None:
    """Write one judgement on ``target`` as it stands (read after the write lock)."""
    if action not in ACTIONS:
        raise ReviewError(f"action {action!r}: use one of {', '.join(ACTIONS)}")
    if action == "edit":
        if field not in EDITABLE:
            raise ReviewError(f"field {field!r} cannot be edited (editable: {', '.join(EDITABLE)})")
        columns = edit_columns(field, value)
        before, after = _value_of(target, field), _value_after(field, columns)
        machine = (
            field_value(target.machine, field) if isinstance(target, ReviewedIncident) else None
        )
    else:
        if field is not None:
            raise ReviewError(f"{action} takes no field (to change {field!r}, use edit)")
        columns = {"status": _STATUS_AFTER[action]}
        before, after, machine = target.status, columns["status"], None
    # 3. write
    at = dt.datetime.now(dt.UTC)
    w.add_judgement(
        _judgement(target_type, target_id, action, field, machine, before, after, reason, actor, at)
    )
    w.put_review(target_type, target_id, actor, columns)
    w.add_audit(
        AuditEvent(
            f"{target_type}.{action}",
            target_type,
            target_id,
            before={field or "status": before},
            after={field or "status": after},
            reason=reason,
        )
    )


def next_unreviewed(store: Store, q: IncidentQuery | None = None) -> ReviewedIncident | None:
    """The review queue's next incident among those ``q`` matches: unreviewed, the most
    certain first (an analyst confirms those fastest), then the earliest; None when done."""
    wanted = replace(q or IncidentQuery(), status=["unreviewed"], sort="queue", limit=1, offset=0)
    page = store.view.page_incidents(wanted)
    return page.items[0] if page.items else None


def judge_many(
    store: Store, actor: str, incident_ids: list[str], action: str, reason: str
) -> list[ReviewedIncident]:
    """Confirm, reject or reopen several incidents with one reason (bulk review). Every id is
    checked before anything is written; each judgement is then its own audited act."""
    if action not in BULK_ACTIONS:
        raise ReviewError(f"action {action!r}: in bulk, use one of {', '.join(BULK_ACTIONS)}")
    if not incident_ids:
        raise ReviewError("no incidents chosen")
    ids = list(dict.fromkeys(incident_ids))  # each once, in the order given
    for target in ids:
        _target(store, "incident", target)  # NotFoundError names a missing one
    _reason(reason)
    done = [judge(store, actor, "incident", i, action, reason) for i in ids]
    return [d for d in done if isinstance(d, ReviewedIncident)]


def create_incident(
    store: Store,
    actor: str,
    record: dict[str, Any],
    source: dict[str, Any],
    reason: str,
) -> ReviewedIncident:
    """Enter an incident that no stored document holds: testimony taken by the team.

    ``record`` is an incident in the analysis format (type, summary, date, place,
    perpetrators, victims, evidence, certainty); ``source`` the testimony: its ``text``
    (required), ``title``, ``taken_by``, ``date`` and ``spans`` (default: the whole text).
    The testimony becomes a Document (hashed, kept) and the incident points to it.

    1. check both; 2. store the document (once) and the incident with its earlier ones;
    3. judgement and audit entries, in the same transaction."""
    # 1. check
    reason = _reason(reason)
    incident = incident_from_record(record)
    text = source.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReviewError(
            "source.text: the testimony's text is required (what was said, or "
            "the team's note of it)"
        )
    if len(text) > MAX_TEXT * 10:
        raise ReviewError(f"source.text: longer than {MAX_TEXT * 10} characters")
    taken = _opt_date(source.get("date"), "source.date")
    incident.spans = _spans(source.get("spans"), len(text))
    doc = Document.from_text(
        text,
        name=_opt_str(source.get("name"), "source.name") or f"testimony-{sha256(text)[:12]}",
        title=_opt_str(source.get("title"), "source.title"),
        publisher=_opt_str(source.get("taken_by"), "source.taken_by") or actor,
        published=taken,
        media_type=TESTIMONY,
    )
    # 2. store
    existing = store.view.get_record(doc.id)
    known = store.view.get_document(doc.id)
    if known is not None and known.media_type != TESTIMONY:
        raise ReviewError(
            f"source.text: the same text is stored as document {known.ref}, "
            "not as testimony; its incidents come from analysis"
        )
    earlier = [Incident.from_record(r) for r in (existing or {}).get("incidents", [])]
    analysis = Analysis(doc, incidents=[*earlier, incident], extractor=TESTIMONY_EXTRACTOR)
    at = dt.datetime.now(dt.UTC)
    with store.writer(actor) as w:
        if w.add_document(doc):
            w.add_audit(imported(doc))
        w.add_analysis(analysis)
        given: set[str] = set()
        for inc in earlier:  # the ids the writer gave, in its order
            given.add(incident_id(doc.id, inc, given))
        new_id = incident_id(doc.id, incident, given)
        rec = incident.to_record()
        w.add_judgement(
            _judgement("incident", new_id, "create", None, None, None, rec, reason, actor, at)
        )
        w.add_audit(
            AuditEvent(
                "incident.create",
                "incident",
                new_id,
                after={**rec, "document": doc.id},
                reason=reason,
            )
        )
    created = store.view.get_reviewed_incident(new_id)
    assert created is not None  # written in the transaction above
    return created


def merge_cases(
    store: Store, actor: str, case_id: str, others: list[str], reason: str
) -> StoredCase:
    """Move every incident of the cases ``others`` into the case ``case_id``."""
    reason = _reason(reason)
    into = _case(store, case_id)
    if not others:
        raise ReviewError("name at least one case to merge into this one")
    moving = []
    for other in dict.fromkeys(others):
        if other == case_id:
            raise ReviewError(f"case {case_id}: a case cannot be merged into itself")
        moving.append(_case(store, other))
    return _move(
        store,
        actor,
        "merge",
        into.id,
        [m for c in moving for m in c.members],
        reason,
        before={c.id: [m.id for m in c.members] for c in moving},
        stay={into.id: into.members},
    )


def split_case(
    store: Store, actor: str, case_id: str, incident_ids: list[str], reason: str
) -> StoredCase:
    """Move the incidents ``incident_ids`` out of a case into a new case of their own; the new
    case's id is the hash of its incidents' ids. Returns the new case."""
    reason = _reason(reason)
    case = _case(store, case_id)
    members = {m.id: m for m in case.members}
    wanted = list(dict.fromkeys(incident_ids))
    strangers = [i for i in wanted if i not in members]
    if strangers:
        raise ReviewError(f"case {case_id} holds no incident {strangers[0]}")
    if not wanted or len(wanted) == len(members):
        raise ReviewError(
            f"case {case_id}: split off some of its {len(members)} incidents, not none or all"
        )
    new_id = sha256("case\x1f" + "\x1f".join(sorted(wanted)))
    return _move(
        store,
        actor,
        "split",
        new_id,
        [members[i] for i in wanted],
        reason,
        before={case_id: sorted(members)},
        stay={case_id: [m for i, m in members.items() if i not in wanted]},
    )


def not_same(store: Store, actor: str, case_id: str, other: str, reason: str) -> StoredCase:
    """Record that two cases are not the same act: fusion never joins them again (both are
    kept as the analyst left them). Returns the first case."""
    reason = _reason(reason)
    if other == case_id:
        raise ReviewError(f"case {case_id}: a case is the same as itself")
    a, b = _case(store, case_id), _case(store, other)
    return _move(
        store,
        actor,
        "distinguish",
        a.id,
        [],
        reason,
        before={a.id: [m.id for m in a.members], b.id: [m.id for m in b.members]},
        stay={a.id: a.members, b.id: b.members},
    )


def incident_from_record(rec: Any) -> Incident:
    """An Incident from an analysis-format record, every value checked; ReviewError names
    the field that is wrong."""
    if not isinstance(rec, dict):
        raise ReviewError("incident: expected an object in the analysis format")
    columns: dict[str, Any] = {}
    for group in ("type", "summary", "date", "place", "perpetrators", "certainty"):
        if rec.get(group) is not None:
            columns |= edit_columns(group, rec[group])
    if "type" not in columns:
        raise ReviewError(f"type: required (one of {', '.join(INCIDENT_TYPES.values)})")
    victims = rec.get("victims") or {}
    if not isinstance(victims, dict):
        raise ReviewError("victims: expected {category, count}")
    category = edit_columns("victim_category", victims.get("category") or "unknown")
    count = edit_columns("count", victims["count"]) if victims.get("count") is not None else {}
    evidence = rec.get("evidence") or []
    if not isinstance(evidence, list) or any(e not in EVIDENCE for e in evidence):
        raise ReviewError(f"evidence: a list of {', '.join(EVIDENCE.values)}")
    place = None
    if columns.get("place_name"):
        place = Place(
            columns["place_name"],
            columns.get("country"),
            columns.get("admin1"),
            columns.get("lat"),
            columns.get("lon"),
            columns.get("precision"),
        )
    return Incident(
        type=columns["type"],
        summary=columns.get("summary", ""),
        date=DateRange(columns["date_start"], columns["date_end"])
        if "date_start" in columns
        else None,
        place=place,
        perpetrators=[Actor(p["name"], p["kind"]) for p in columns.get("perpetrators", [])],
        victim_category=category["victim_category"],
        count=Count(count.get("count_low"), count.get("count_best"), count.get("count_high"))
        if count
        else None,
        evidence=list(evidence),
        certainty=columns.get("certainty", "reported"),
    )


def edit_columns(group: str, value: Any) -> dict[str, Any]:
    """The ``reviews`` columns that hold ``value`` for the field ``group``, checked."""
    if group == "type":
        return {"type": _choice(value, INCIDENT_TYPES, "type")}
    if group == "victim_category":
        return {"victim_category": _choice(value, VICTIM_CATEGORIES, "victim_category")}
    if group == "certainty":
        return {"certainty": _choice(value, CERTAINTY, "certainty")}
    if group == "summary":
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
            raise ReviewError(f"summary: a text of 1 to {MAX_TEXT} characters")
        return {"summary": value.strip()}
    if group == "date":
        if isinstance(value, str):
            value = {"start": value, "end": value}
        if not isinstance(value, dict) or not value.get("start"):
            raise ReviewError(
                "date: {start, end} as ISO dates (2024-10-01, 2024-10 or 2024); start is required"
            )
        start = _opt_date(value.get("start"), "date.start")
        end = _opt_date(value.get("end"), "date.end") or start
        if start and end and end < start:
            raise ReviewError(f"date: end {end} is before start {start}")
        return {"date_start": start, "date_end": end}
    if group == "place":
        return _place_columns(value)
    if group == "perpetrators":
        return _perpetrator_columns(value)
    if group == "count":
        return _count_columns(value)
    raise ReviewError(f"field {group!r} cannot be edited (editable: {', '.join(EDITABLE)})")


def parse_text_value(group: str, text: str) -> Any:
    """A field's value from one line of text, as the web form takes it:
    date ``2024-10-01`` or ``2024-10-01..2024-10-03``; place ``Name; Region; lat, lon``;
    count ``6`` or ``5-7``; perpetrators ``Unit A; Unit B``; others as written."""
    text = text.strip()
    if group == "date":
        start, _, end = text.partition("..")
        return {"start": start.strip(), "end": end.strip() or start.strip()}
    if group == "place":
        parts = [p.strip() for p in text.split(";")]
        place: dict[str, Any] = {"name": parts[0]}
        if len(parts) > 1 and parts[1]:
            place["admin1"] = parts[1]
        if len(parts) > 2 and parts[2]:
            try:
                lat, lon = (float(x) for x in parts[2].split(","))
            except ValueError:
                raise ReviewError(f"place: {parts[2]!r} is not 'lat, lon'") from None
            place |= {"lat": lat, "lon": lon, "precision": "settlement"}
        return place
    if group == "count":
        low, _, high = text.partition("-")
        try:
            if high:
                return {"low": int(low), "best": int(low), "high": int(high)}
            return {"best": int(text)}
        except ValueError:
            raise ReviewError(f"count: {text!r} is not a number or a range like 5-7") from None
    if group == "perpetrators":
        return [p.strip() for p in text.split(";") if p.strip()]
    return text


# A date's precision, as the edit form offers it: how much of an ISO date it keeps.
DATE_PRECISION = {"day": 10, "month": 7, "year": 4}


def form_value(group: str, fields: Mapping[str, str]) -> Any:
    """A field's value from the inputs of its own edit form (the web UI's form per field):
    date ``start`` and ``end`` (partial ISO; a date picker's full dates cut to ``precision``:
    day, month or year, so that a source's "March 2024" is never made a day); place ``name``
    with ``admin1``, ``country``, ``lat`` and ``lon`` as chosen from the place search (a
    name alone is geocoded); count ``low``, ``best``, ``high``; every other field
    ``value``, as ``parse_text_value`` reads it."""

    def get(key: str) -> str:
        return (fields.get(key) or "").strip()

    if group == "date":
        start, end = get("start"), get("end") or get("start")
        if get("precision"):
            if get("precision") not in DATE_PRECISION:
                raise ReviewError(
                    f"date: precision {get('precision')!r} is not one of "
                    + ", ".join(DATE_PRECISION)
                )
            size = DATE_PRECISION[get("precision")]
            start, end = start[:size], end[:size]
        return {"start": start, "end": end}
    if group == "place":
        place: dict[str, Any] = {"name": get("name")}
        place |= {k: get(k) for k in ("admin1", "country") if get(k)}
        if get("lat") or get("lon"):
            try:
                place |= {"lat": float(get("lat")), "lon": float(get("lon"))}
            except ValueError:
                raise ReviewError(
                    f"place: {get('lat')!r}, {get('lon')!r} is not lat, lon"
                ) from None
        return place
    if group == "count":
        try:
            return {k: int(get(k)) if get(k) else None for k in ("low", "best", "high")}
        except ValueError:
            raise ReviewError("count: low, best and high are whole numbers") from None
    return parse_text_value(group, get("value"))


# -- helpers


def _move(
    store: Store,
    actor: str,
    action: str,
    case_id: str,
    incidents: list[ReviewedIncident],
    reason: str,
    before: dict[str, list[str]],
    stay: dict[str, list[ReviewedIncident]] | None = None,
) -> StoredCase:
    """Move ``incidents`` into ``case_id``; the incidents of ``stay`` are kept in their case
    from now on too (an analyst's case is never joined or taken apart by fusion)."""
    at = dt.datetime.now(dt.UTC)
    with store.writer(actor) as w:
        for kept_in, kept in (stay or {}).items():
            for m in kept:
                if "case" not in m.edited:
                    w.put_review("incident", m.id, actor, {"case_id": kept_in})
        for m in incidents:
            w.add_judgement(
                _judgement(
                    "incident",
                    m.id,
                    action,
                    "case",
                    m.machine.case,
                    m.case_id,
                    case_id,
                    reason,
                    actor,
                    at,
                )
            )
            w.put_review("incident", m.id, actor, {"case_id": case_id})
        w.add_audit(
            AuditEvent(
                f"case.{action}",
                "case",
                case_id,
                before={"cases": before},
                after={"case": case_id, "moved": [m.id for m in incidents]},
                reason=reason,
            )
        )
    # the cases the analyst left, and those their incidents could join, fused again: their
    # reconciled values and grade follow the analyst's decision
    moved = [m.id for m in incidents] + [m.id for kept in (stay or {}).values() for m in kept]
    fuse_store(store, incidents=moved)
    return _case(store, case_id)


def _target(store: Store, target_type: str, target_id: str) -> ReviewedIncident | StoredCase:
    if target_type == "incident":
        found = store.view.get_reviewed_incident(target_id)
        if found is None:
            raise NotFoundError(f"no incident {target_id}")
        return found
    if target_type == "case":
        return _case(store, target_id)
    raise ReviewError(f"{target_type!r}: judge an incident or a case")


def _case(store: Store, case_id: str) -> StoredCase:
    case = store.view.get_case(case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    return case


def _value_of(target: ReviewedIncident | StoredCase, group: str) -> Any:
    if isinstance(target, ReviewedIncident):
        return field_value(target.incident, group)
    return target.value(group)


def _value_after(group: str, columns: dict[str, Any]) -> Any:
    if group == "date":
        return {"start": columns["date_start"], "end": columns["date_end"]}
    if group == "place":
        return {
            "name": columns["place_name"],
            **{k: columns.get(k) for k in ("country", "admin1", "lat", "lon", "precision")},
        }
    if group == "perpetrators":
        return columns["perpetrators"]
    if group == "count":
        return {
            "low": columns["count_low"],
            "best": columns["count_best"],
            "high": columns["count_high"],
        }
    return next(iter(columns.values()))


def _judgement(
    target_type: str,
    target_id: str,
    action: str,
    field: str | None,
    machine: Any,
    before: Any,
    after: Any,
    reason: str,
    actor: str,
    at: dt.datetime,
) -> dict[str, Any]:
    key = canonical([target_type, target_id, action, field, after, reason, actor, at.isoformat()])
    return {
        "id": sha256(key),
        "target_type": target_type,
        "target_id": target_id,
        "action": action,
        "field": field,
        "machine": machine,
        "before": before,
        "after": after,
        "reason": reason,
        "user_name": actor,
        "at": at,
    }


def _reason(reason: Any) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise ReviewError(
            "reason: required; say why (it is kept with the judgement and in the audit log)"
        )
    if len(reason) > MAX_TEXT:
        raise ReviewError(f"reason: longer than {MAX_TEXT} characters")
    return reason.strip()


def _choice(value: Any, vocab: Any, name: str) -> str:
    if value not in vocab:
        raise ReviewError(f"{name}: {value!r} is not one of {', '.join(vocab.values)}")
    return str(value)


def _opt_str(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 1000:
        raise ReviewError(f"{name}: a text of at most 1000 characters")
    return value.strip()


def _opt_date(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise ReviewError(f"{name}: {value!r} is not an ISO date (2024-10-01, 2024-10 or 2024)")
    if not is_partial_date(value):
        raise ReviewError(f"{name}: {value!r} is not a real date (no such month or day)")
    return value


def _number(value: Any, name: str, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ReviewError(f"{name}: a number from {low} to {high}")
    return float(value)


def _place_columns(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = {"name": value}
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("name"), str)
        or not value["name"].strip()
    ):
        raise ReviewError("place: {name, admin1, country, lat, lon}; name is required")
    country = _opt_str(value.get("country"), "place.country")
    if country is not None and not re.match(r"^[A-Z]{2}$", country):
        raise ReviewError(f"place.country: {country!r} is not a two-letter ISO code")
    lat = _number(value.get("lat"), "place.lat", -90, 90)
    lon = _number(value.get("lon"), "place.lon", -180, 180)
    if (lat is None) != (lon is None):
        raise ReviewError("place: give both lat and lon, or neither")
    name = value["name"].strip()[:1000]
    admin1 = _opt_str(value.get("admin1"), "place.admin1")
    precision = value.get("precision") or ("settlement" if lat is not None else None)
    if lat is None:  # a name only: geocode it as extraction would, so it stays on the map
        found = geocode(name, f"{name}, {admin1}" if admin1 else name)
        if found is not None and found.lat is not None:
            lat, lon, precision = found.lat, found.lon, found.precision
            country, admin1 = country or found.country, admin1 or found.admin1
    if precision is not None:
        precision = _choice(precision, PRECISIONS, "place.precision")
    return {
        "place_name": name,
        "country": country,
        "admin1": admin1,
        "lat": lat,
        "lon": lon,
        "precision": precision,
    }


def _perpetrator_columns(value: Any) -> dict[str, Any]:
    if not isinstance(value, list):
        raise ReviewError("perpetrators: a list of names or of {name, kind}")
    actors: list[dict[str, str]] = []
    for p in value:
        name, kind = (
            (p, "force")
            if isinstance(p, str)
            else (
                (p.get("name"), p.get("kind") or "force") if isinstance(p, dict) else (None, None)
            )
        )
        if not isinstance(name, str) or not name.strip() or "|" in name or len(name) > 300:
            raise ReviewError("perpetrators: each a name (no '|', at most 300 characters)")
        actors.append(
            {"name": name.strip(), "kind": _choice(kind, ACTOR_KINDS, "perpetrators.kind")}
        )
    names = "|" + "|".join(a["name"] for a in actors) + "|"
    return {"perpetrator_names": names, "perpetrators": actors}


def _count_columns(value: Any) -> dict[str, Any]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = {"best": value}
    if not isinstance(value, dict):
        raise ReviewError("count: a number, or {low, best, high}")
    got = {}
    for k in ("low", "best", "high"):
        v = value.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 10**7):
            raise ReviewError(f"count.{k}: a whole number from 0 to 10,000,000")
        got[k] = v
    if got["best"] is None:
        got["best"] = got["low"] if got["low"] is not None else got["high"]
    if got["best"] is None:
        raise ReviewError("count: give best (or low and high)")
    low = got["low"] if got["low"] is not None else got["best"]
    high = got["high"] if got["high"] is not None else got["best"]
    if not low <= got["best"] <= high:
        raise ReviewError(f"count: low {low} <= best {got['best']} <= high {high} does not hold")
    return {"count_best": got["best"], "count_low": low, "count_high": high}


def _spans(value: Any, length: int) -> list[tuple[int, int]]:
    if value is None:
        return [(0, length)]
    try:
        spans = [(int(a), int(b)) for a, b in value]
    except (TypeError, ValueError):
        raise ReviewError("source.spans: a list of [start, end] character offsets") from None
    for a, b in spans:
        if not 0 <= a < b <= length:
            raise ReviewError(f"source.spans: [{a}, {b}] is not within the text (0..{length})")
    return spans or [(0, length)]
