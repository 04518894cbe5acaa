"""Imports of what exports hand out: a casefile ``jsonl`` export restored without re-analysis
(``casefile ingest --records``), and an ACLED-style CSV entered as analysts' incidents
(``casefile ingest --acled``).

A records file is told apart by the command, never by guessing, and each line must carry the
``casefile`` marker of the jsonl format: a line without it is refused, naming the file and
line, before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from ..errors import CasefileError, InputError
from ..model import (
    Analysis,
    DateRange,
    Document,
    Incident,
    Person,
    Statement,
    Statistic,
    UnitLink,
)
from ..review import _judgement, create_incident, edit_columns
from ..store import Store
from ..store.audit import AuditEvent, imported
from ..store.view import field_value
from ..store.writer import incident_id
from ..vocab import EVIDENCE
from .acled import ACLED_COLUMNS, LIST_SEP, mapping
from .jsonl import FORMAT, VERSION

RESTORED = "casefile.records.v1"  # the extractor named where an export did not say


@dataclass
class ImportReport:
    documents: int = 0
    incidents: int = 0
    reviews: int = 0
    rejected: list[InputError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{self.documents} documents, {self.incidents} incidents, {self.reviews} reviews "
            f"restored, {len(self.rejected)} rejected"
        )


def restore_records(store: Store, actor: str, path: str) -> ImportReport:
    """Restore every analysis of a casefile jsonl export.

    1. read and check every line (nothing is written if one is not an export line);
    2. per line, in one transaction: the document (the stored one of the same id, else one
       made from the line's text), its analysis with the machine's values, then each
       analyst's values and review status over it, with a judgement and an audit entry."""
    # 1. read and check
    records = list(_read_records(path))
    report = ImportReport()
    at = dt.datetime.now(dt.UTC)
    for rec in records:
        meta = rec["casefile"]
        # 2. write
        doc = store.view.get_document(meta.get("document_id") or "") or Document.from_text(
            rec["text"],
            name=rec["doc_id"],
            publisher=rec.get("publisher"),
            published=rec.get("published"),
            title=rec.get("title"),
            url=rec.get("url"),
            language=rec.get("language"),
            media_type=meta.get("media_type") or "text/plain",
        )
        incidents = [_machine_incident(i) for i in rec.get("incidents", [])]
        analysis = Analysis(
            doc,
            incidents=incidents,
            statistics=[Statistic.from_record(s) for s in rec.get("statistics", [])],
            units=[UnitLink(u["name"], list(u.get("parents") or [])) for u in rec.get("units", [])],
            statements=[
                Statement(
                    s["kind"], s["speaker"], s.get("target"), DateRange.from_record(s.get("date"))
                )
                for s in rec.get("statements", [])
            ],
            persons=[
                Person(p["name"], p.get("title"), p.get("affiliation"))
                for p in rec.get("persons", [])
            ],
            extractor=meta.get("extractor") or RESTORED,
        )
        with store.writer(actor) as w:
            if w.add_document(doc):
                w.add_audit(imported(doc))
            w.add_analysis(analysis)
            taken: set[str] = set()
            for inc, machine in zip(rec.get("incidents", []), incidents, strict=True):
                target = incident_id(doc.id, machine, taken)  # the id the writer gave it
                taken.add(target)
                columns = _review_columns(inc)
                if not columns:
                    continue
                w.put_review("incident", target, inc.get("reviewed_by") or actor, columns)
                w.add_judgement(
                    _judgement(
                        "incident",
                        target,
                        "restore",
                        None,
                        None,
                        None,
                        columns,
                        f"restored from {Path(path).name}",
                        actor,
                        at,
                    )
                )
                report.reviews += 1
            w.add_audit(
                AuditEvent(
                    "records.import",
                    "document",
                    doc.id,
                    after={"file": Path(path).name, "incidents": len(incidents)},
                )
            )
        report.documents += 1
        report.incidents += len(incidents)
    return report


def _read_records(path: str) -> list[dict[str, Any]]:
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    found = []
    for n, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"not JSON ({e.msg})") from None
        meta = rec.get("casefile") if isinstance(rec, dict) else None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise InputError(
                where,
                "not a line of a casefile jsonl export (no casefile.format marker)",
                "documents to analyse are ingested without --records",
            )
        if meta.get("version") != VERSION:
            raise InputError(
                where, f"export version {meta.get('version')!r}; this casefile reads {VERSION}"
            )
        if not isinstance(rec.get("text"), str) or not rec.get("doc_id"):
            raise InputError(where, "doc_id and text are required")
        found.append(rec)
    return found


# Where each editable field sits in an incident record, to put the machine's value back.
def _set_group(rec: dict[str, Any], group: str, value: Any) -> None:
    if group == "victim_category":
        rec.setdefault("victims", {})["category"] = value
    elif group == "count":
        rec.setdefault("victims", {})["count"] = value
    else:
        rec[group] = value


def _machine_incident(inc: dict[str, Any]) -> Incident:
    """The incident as the machine left it: the record with the machine's value of every
    field an analyst edited; spans and case as given."""
    rec = json.loads(json.dumps(inc))  # a deep copy
    if isinstance(rec.get("victims"), dict):
        rec["victims"] = dict(rec["victims"])
    for group in inc.get("edited") or []:
        _set_group(rec, group, (inc.get("machine") or {}).get(group))
    return Incident.from_record(rec)


def _review_columns(inc: dict[str, Any]) -> dict[str, Any]:
    """The ``reviews`` columns of an analyst's values and review status, or {} if none."""
    columns: dict[str, Any] = {}
    in_force = Incident.from_record(inc)
    for group in inc.get("edited") or []:
        if group == "case":
            columns["case_id"] = inc.get("case")
        else:
            columns |= edit_columns(group, field_value(in_force, group))
    if inc.get("status", "unreviewed") != "unreviewed":
        columns["status"] = inc["status"]
    return columns


# -- ACLED-style CSV


def import_acled(store: Store, actor: str, path: str) -> tuple[list[str], list[InputError]]:
    """Enter each row of an ACLED-style CSV as an analyst's incident (as POST /incidents
    does): the row, as text, becomes its testimony document. casefile's own columns are read
    where present, else ACLED's are mapped back (acled.yaml's ``from_acled``). A bad row is
    reported, naming the file and row, and the others go on. Returns the new incident ids."""
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot be read as UTF-8 text ({e})") from None
    reader = csv.DictReader(text.splitlines())
    missing = [
        c for c in ("event_date", "event_type", "location") if c not in (reader.fieldnames or [])
    ]
    if missing:
        raise InputError(path, f"not an ACLED-style CSV: no column {', '.join(missing)}")
    created, rejected = [], []
    for n, row in enumerate(reader, 2):  # row 1 is the header
        where = f"{path}:{n}"
        try:
            record = acled_record(row)
            source = {
                "text": _row_text(row),
                "name": f"acled-{row.get('event_id_cnty') or n}",
                "title": f"ACLED-style row {row.get('event_id_cnty') or n} of {Path(path).name}",
                "taken_by": row.get("source") or None,
            }
            reason = f"imported from {Path(path).name}, row {n}"
            created.append(create_incident(store, actor, record, source, reason).id)
        except CasefileError as e:
            rejected.append(InputError(where, str(e)))
    return created, rejected


def acled_record(row: dict[str, str]) -> dict[str, Any]:
    """An incident record from a row: casefile's columns where present, else ACLED's."""
    own = bool(row.get("casefile_type"))
    country = _alpha2(row.get("iso"), row.get("country"))
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    if own:
        kind = row["casefile_type"]
        start, end = row.get("date_start") or None, row.get("date_end") or None
        precision = row.get("place_precision") or None
        perpetrators = json.loads(row.get("perpetrators") or "[]")
        category = row.get("victim_category") or "unknown"
        count = {k: _int(row.get(f"victims_{k}")) for k in ("low", "best", "high")}
        evidence = _split(row.get("evidence"))
        certainty = row.get("certainty") or "reported"
    else:
        kind = _type_of(row)
        start = end = row.get("event_date") or None
        geo = {str(v): k for k, v in reversed(mapping()["geo_precision"].items())}
        precision = geo.get(row.get("geo_precision") or "")
        inter = row.get("inter1") or ""
        names = [row.get("actor1") or "", *_split(row.get("assoc_actor_1"))]
        perpetrators = [
            {"name": x, "kind": "group" if inter == "8" else "force"} for x in names if x
        ]
        victims = {v["actor"]: k for k, v in mapping()["victims"].items() if v["actor"]}
        category = victims.get(row.get("actor2") or "") or (
            "civilian" if row.get("civilian_targeting") else "unknown"
        )
        fatalities = _int(row.get("fatalities"))
        count = {"low": None, "best": fatalities or None, "high": None}
        evidence = [t for t in _split(row.get("tags")) if t in EVIDENCE]
        certainty = "reported"
    for date in (start, end):
        _check_date(date)
    place = None
    if row.get("location"):
        place = {
            "name": row["location"],
            "country": country,
            "admin1": row.get("admin1") or None,
            "lat": lat,
            "lon": lon,
            "precision": precision,
        }
    return {
        "type": kind,
        "summary": row.get("notes") or f"{row.get('event_type')}: {row.get('sub_event_type')}",
        "date": {"start": start, "end": end} if start else None,
        "place": place,
        "perpetrators": perpetrators,
        "victims": {"category": category, "count": count if any(count.values()) else None},
        "evidence": evidence,
        "certainty": certainty,
    }


def _type_of(row: dict[str, str]) -> str:
    for rule in mapping()["from_acled"]:
        if all(
            not rule[k] or rule[k] == (row.get(k) or "")
            for k in ("event_type", "sub_event_type", "actor2")
        ):
            return str(rule["type"])
    return "other_violation"


def _row_text(row: dict[str, str]) -> str:
    """The row as the testimony's text: its ACLED columns, one per line."""
    return "\n".join(f"{c}: {row[c]}" for c in ACLED_COLUMNS if row.get(c))


def _check_date(value: str | None) -> None:
    """A partial ISO date that names a real day, month or year (2023-13-40 is none)."""
    if not value:
        return
    parts = value.split("-")
    try:
        if len(parts) > 3 or len(parts[0]) != 4:
            raise ValueError(value)
        dt.date(*(int(p) for p in parts), *([1] * (3 - len(parts))))
    except ValueError:
        raise CasefileError(f"date: {value!r} is no date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _alpha2(iso: str | None, name: str | None) -> str | None:
    found = None
    if iso and iso.isdigit():
        found = pycountry.countries.get(numeric=iso.zfill(3))
    if found is None and name:
        found = pycountry.countries.get(name=name)
    return found.alpha_2 if found else None


def _split(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(LIST_SEP.strip()) if x.strip()]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        raise CasefileError(f"not a whole number: {value!r}") from None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        raise CasefileError(f"not a number: {value!r}") from None


__all__ = ["ImportReport", "acled_record", "import_acled", "restore_records"]
