"""Writes to the store inside the caller's transaction (see ``Store.writer``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, Insert, Table, and_, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..errors import AuditError
from ..model import Analysis, Document, Incident, Span, sha256
from . import tables as t
from .audit import AuditEntry, AuditEvent, AuditLog


def fact_id(document_id: str, table: str, seq: int, key: str) -> str:
    """Facts are identified by a hash of where they come from and what they say."""
    return sha256(f"{document_id}\x1f{table}\x1f{seq}\x1f{key}")


def incident_id(document_id: str, inc: Incident, taken: set[str]) -> str:
    """An incident's id: its document, type and trigger span (its first span where it has
    no trigger), so that finding the same act again gives the same id."""
    at = inc.trigger or (inc.spans[0] if inc.spans else (0, 0))
    key = f"{inc.type}@{at[0]}-{at[1]}"
    fid = fact_id(document_id, "incidents", 0, key)
    n = 1
    while fid in taken:  # two incidents told by one word: keep both, in order
        fid = fact_id(document_id, "incidents", n, key)
        n += 1
    return fid


def insert_or_ignore(conn: Connection, table: Table) -> Insert:
    """``INSERT`` that skips a row whose key is taken (SQLite and PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()  # type: ignore[return-value]
    if conn.dialect.name == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing()  # type: ignore[return-value]
    return insert(table)  # pragma: no cover - only SQLite and PostgreSQL are supported


# The tables add_analyses writes rows to, in the order it writes them.
_ROW_TABLES = (
    t.analyses,
    t.incidents,
    t.statistics,
    t.units,
    t.unit_relations,
    t.statements,
    t.persons,
    t.spans,
)


class Writer:
    audit: AuditLog | None = None  # set by Store.writer, with the actor its entries name
    actor: str = "unknown"

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.audited: list[AuditEntry] = []  # entries appended in this transaction
        self.refusal: AuditError | None = None  # why the log takes no entry (Store.writer)

    def lock(self) -> None:
        """Take the store's write lock now (the audit log's append lock), so that this
        transaction runs after any other writer's, never interleaved with it: two processes
        storing or analysing the same documents at once then neither deadlock nor collide."""
        lock = t.audit_lock
        self.conn.execute(update(lock).where(lock.c.id == 1).values(appends=lock.c.appends + 0))

    def add_document(self, doc: Document) -> bool:
        """Store a document unless its id is known; True if it was new. Insert-or-ignore: a
        document another process stores at the same moment is no error, just not new."""
        if self.conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc.id)).first():
            return False
        now = dt.datetime.now(dt.UTC)
        result = self.conn.execute(
            insert_or_ignore(self.conn, t.documents).values(
                id=doc.id,
                sha256=sha256(doc.original),
                name=doc.ref,
                title=doc.title,
                publisher=doc.publisher,
                url=doc.url,
                published=doc.published,
                language=doc.language,
                media_type=doc.media_type,
                source_path=doc.source_path,
                text=doc.text,
                original=doc.original,
                notes=list(doc.notes),
                ingested_at=now,
            )
        )
        if result.rowcount == 0:
            return False
        doc.ingested_at = now.isoformat()
        return True

    def add_analysis(self, analysis: Analysis) -> None:
        """Replace whatever was extracted from this document before with ``analysis``.

        Incident ids hash the document, the type and the trigger's span, so re-analysis keeps
        the id of an incident it finds again. An analyst's review of an incident that is gone
        is re-attached to the one new incident that covers its spans (``_reattach``), or left
        as it was, orphaned (``View.iter_orphaned_reviews``): never applied to another."""
        self.add_analyses([analysis])

    def add_analyses(
        self, analyses: list[Analysis], audit: Callable[[Analysis], AuditEvent] | None = None
    ) -> None:
        """``add_analysis`` of each, in order, with ``audit``'s entry of each after it (and
        after its re-attachments), in a few statements per table for all of them: the store
        ends as the calls one by one leave it, in a tenth of the round trips (a partition of
        ``analyze`` is one call, casefile/analyze.py).

        1. the reviewed incidents of every document, then every document's old facts cleared;
        2. each analysis made into rows (ids, spans), its reviews re-attached;
        3. the units no stored document named yet, first named by the first that names them;
        4. the rows of each table in one statement, then the audit entries in order."""
        if len({a.document.id for a in analyses}) < len(analyses):  # one document twice:
            for analysis in analyses:  # the later replaces the earlier, as one by one
                self.add_analyses([analysis], audit)
            return
        doc_ids = [a.document.id for a in analyses]
        reviewed = self._reviewed_incidents(doc_ids)
        self._clear(doc_ids)
        rows: dict[Table, list[dict[str, Any]]] = {table: [] for table in _ROW_TABLES}
        events: list[AuditEvent] = []
        units: dict[str, str] = {}  # unit -> the first document naming it, in order
        for analysis in analyses:
            doc_id = analysis.document.id
            new_spans = self._analysis_rows(analysis, rows, units)
            events += self._reattach(reviewed.get(doc_id, {}), new_spans)
            if audit is not None:
                events.append(audit(analysis))
        rows[t.units] = self._new_units(units)
        for table in _ROW_TABLES:
            if rows[table]:
                self.conn.execute(insert(table), rows[table])
        if events:
            self.add_audits(events)

    def _analysis_rows(
        self,
        analysis: Analysis,
        rows: dict[Table, list[dict[str, Any]]],
        units: dict[str, str],
    ) -> dict[str, tuple[str, list[Span]]]:
        """The rows of one analysis, added to ``rows`` by table (and the units it names to
        ``units``); its incidents' ids with their type and spans."""
        doc_id = analysis.document.id
        rows[t.analyses].append(
            {
                "document_id": doc_id,
                "extractor": analysis.extractor,
                "analysed_at": dt.datetime.now(dt.UTC),
                "record": analysis.to_record(),
            }
        )
        spans = rows[t.spans]

        def keep(table: str, fid: str, fact_spans: list[Span]) -> None:
            spans.extend(
                {"document_id": doc_id, "fact_table": table, "fact_id": fid, "start": a, "end": b}
                for a, b in fact_spans
            )

        ids: set[str] = set()
        new_spans: dict[str, tuple[str, list[Span]]] = {}
        for seq, inc in enumerate(analysis.incidents):
            fid = incident_id(doc_id, inc, ids)
            ids.add(fid)
            new_spans[fid] = (inc.type, list(inc.spans))
            place, count, date = inc.place, inc.count, inc.date
            rows[t.incidents].append(
                {
                    "id": fid,
                    "document_id": doc_id,
                    "seq": seq,
                    "type": inc.type,
                    "summary": inc.summary,
                    "date_start": date.start if date else None,
                    "date_end": date.end if date else None,
                    "place_name": place.name if place else None,
                    "country": place.country if place else None,
                    "admin1": place.admin1 if place else None,
                    "lat": place.lat if place else None,
                    "lon": place.lon if place else None,
                    "precision": place.precision if place else None,
                    "victim_category": inc.victim_category,
                    "count_low": count.low if count else None,
                    "count_best": count.best if count else None,
                    "count_high": count.high if count else None,
                    "certainty": inc.certainty,
                    "perpetrators": [p.to_record() for p in inc.perpetrators],
                    "perpetrator_names": "|" + "|".join(p.name for p in inc.perpetrators) + "|",
                    "evidence": list(inc.evidence),
                    "attribution": list(inc.attribution),
                    "case_id": inc.case,
                    "confidence": inc.confidence,
                }
            )
            keep("incidents", fid, inc.spans)
        for seq, st in enumerate(analysis.statistics):
            fid = fact_id(doc_id, "statistics", seq, f"{st.value}{st.counted}")
            rows[t.statistics].append(
                {
                    "id": fid,
                    "document_id": doc_id,
                    "seq": seq,
                    "value": st.value,
                    "counted": st.counted,
                    "category": st.category,
                    "period_start": st.period.start if st.period else None,
                    "period_end": st.period.end if st.period else None,
                    "as_of": st.as_of,
                    "by": st.by,
                }
            )
            keep("statistics", fid, st.spans)
        relations: set[str] = set()  # the document's, cleared above: only its own repeat
        for unit in analysis.units:
            chain = [unit.name, *unit.parents]
            for name in chain:
                units.setdefault(name, doc_id)
            for child, parent in pairwise(chain):
                fid = fact_id(doc_id, "unit_relations", 0, f"{child}->{parent}")
                if fid in relations:
                    continue
                relations.add(fid)
                rows[t.unit_relations].append(
                    {
                        "id": fid,
                        "child": child,
                        "parent": parent,
                        "document_id": doc_id,
                        "source": analysis.document.ref,
                        "valid_from": None,
                        "valid_to": None,
                    }
                )
                keep("unit_relations", fid, unit.spans)
        for seq, sm in enumerate(analysis.statements):
            fid = fact_id(doc_id, "statements", seq, f"{sm.kind}{sm.speaker}")
            rows[t.statements].append(
                {
                    "id": fid,
                    "document_id": doc_id,
                    "seq": seq,
                    "kind": sm.kind,
                    "speaker": sm.speaker,
                    "target": sm.target,
                    "date_start": sm.date.start if sm.date else None,
                    "date_end": sm.date.end if sm.date else None,
                }
            )
            keep("statements", fid, sm.spans)
        for seq, person in enumerate(analysis.persons):
            fid = fact_id(doc_id, "persons", seq, person.name)
            rows[t.persons].append(
                {
                    "id": fid,
                    "document_id": doc_id,
                    "seq": seq,
                    "name": person.name,
                    "title": person.title,
                    "affiliation": person.affiliation,
                }
            )
            keep("persons", fid, person.spans)
        return new_spans

    def _new_units(self, units: dict[str, str]) -> list[dict[str, Any]]:
        """Rows of the units of ``units`` (name -> first document) that are not stored yet."""
        names = list(units)
        known: set[str] = set()
        for k in range(0, len(names), 500):
            chunk = names[k : k + 500]
            known |= set(
                self.conn.execute(select(t.units.c.name).where(t.units.c.name.in_(chunk))).scalars()
            )
        return [{"name": n, "first_seen": d} for n, d in units.items() if n not in known]

    def _reviewed_incidents(
        self, doc_ids: list[str]
    ) -> dict[str, dict[str, tuple[str, list[Span]]]]:
        """The incidents of these documents that analysts have reviewed: document ->
        incident id -> (type, spans)."""
        i, r, s = t.incidents, t.reviews, t.spans
        out: dict[str, dict[str, tuple[str, list[Span]]]] = {}
        for k in range(0, len(doc_ids), 500):
            rows = self.conn.execute(
                select(i.c.document_id, i.c.id, i.c.type, s.c.start, s.c.end)
                .join(r, and_(r.c.target_type == "incident", r.c.target_id == i.c.id))
                .join(s, and_(s.c.fact_table == "incidents", s.c.fact_id == i.c.id), isouter=True)
                .where(i.c.document_id.in_(doc_ids[k : k + 500]))
            )
            for doc_id, fid, kind, a, b in rows:
                found = out.setdefault(doc_id, {}).setdefault(fid, (kind, []))
                if a is not None:
                    found[1].append((a, b))
        return out

    def _reattach(
        self,
        reviewed: dict[str, tuple[str, list[Span]]],
        new: dict[str, tuple[str, list[Span]]],
    ) -> list[AuditEvent]:
        """Move the review (and its judgements) of each reviewed incident that re-analysis
        did not find again to the one new incident of its type that overlaps its spans most;
        where there is none, or two as good, or that one has a review of its own, the review
        stays behind, orphaned. Returns the audit events of the moves (with an audit log)."""
        events: list[AuditEvent] = []
        taken = {fid for fid in new if fid in reviewed}
        for old_id, (kind, spans) in reviewed.items():
            if old_id in new:
                continue
            scored = sorted(
                (
                    (sum(max(0, min(b, d) - max(a, c)) for a, b in spans for c, d in theirs), fid)
                    for fid, (their_kind, theirs) in new.items()
                    if their_kind == kind and fid not in taken
                ),
                reverse=True,
            )
            if (
                not scored
                or scored[0][0] == 0
                or (len(scored) > 1 and scored[1][0] == scored[0][0])
            ):
                continue
            target = scored[0][1]
            taken.add(target)
            for table in (t.reviews, t.judgements):
                self.conn.execute(
                    update(table)
                    .where(and_(table.c.target_type == "incident", table.c.target_id == old_id))
                    .values(target_id=target)
                )
            if self.audit is not None:
                events.append(
                    AuditEvent(
                        "incident.reattach",
                        "incident",
                        target,
                        before=old_id,
                        after=target,
                        reason="re-analysis: the review follows the incident at its spans",
                    )
                )
        return events

    def _clear(self, doc_ids: list[str]) -> None:
        for k in range(0, len(doc_ids), 500):
            chunk = doc_ids[k : k + 500]
            for table in (t.spans, *t.FACT_TABLES, t.analyses):
                self.conn.execute(delete(table).where(table.c.document_id.in_(chunk)))

    # -- serve (#5): the audit log, users and their log-ins, analysts' reviews

    def add_audit(self, event: AuditEvent) -> AuditEntry:
        """Append ``event`` to the audit log, in this transaction, as made by ``self.actor``."""
        return self.add_audits([event])[0]

    def add_audits(self, events: list[AuditEvent]) -> list[AuditEntry]:
        """Append ``events`` to the audit log, in order, in this transaction (one round trip
        for all of them)."""
        if self.audit is None:
            raise AuditError("this writer has no audit log; open it with Store.writer()")
        if self.refusal is not None:
            raise self.refusal
        entries = self.audit.append_many(self.conn, self.actor, events)
        self.audited.extend(entries)
        return entries

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        self.conn.execute(
            insert(t.users).values(
                name=name,
                role=role,
                password_hash=password_hash,
                created_at=dt.datetime.now(dt.UTC),
                disabled_at=None,
            )
        )

    def set_user(
        self,
        name: str,
        *,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
        rehash: bool = False,
    ) -> None:
        """Change a user's role, password or whether they may log in; ending their sessions
        and revoking their API tokens when they are disabled or their password changes (not
        when the same password is only hashed again: ``rehash``)."""
        values: dict[str, Any] = {}
        if role is not None:
            values["role"] = role
        if password_hash is not None:
            values["password_hash"] = password_hash
        if disabled is not None:
            values["disabled_at"] = dt.datetime.now(dt.UTC) if disabled else None
        if values:
            self.conn.execute(update(t.users).where(t.users.c.name == name).values(**values))
        if (disabled or password_hash is not None) and not rehash:
            self.conn.execute(delete(t.sessions).where(t.sessions.c.user_name == name))
            self.revoke_tokens(user_name=name)

    def revoke_tokens(self, *, token_id: str | None = None, user_name: str | None = None) -> None:
        """Revoke one API token, or every live one of a user."""
        a = t.api_tokens
        q = update(a).where(a.c.revoked_at.is_(None))
        if token_id is not None:
            q = q.where(a.c.id == token_id)
        if user_name is not None:
            q = q.where(a.c.user_name == user_name)
        self.conn.execute(q.values(revoked_at=dt.datetime.now(dt.UTC)))

    def add_session(
        self, session_id: str, user_name: str, csrf: str, expires_at: dt.datetime
    ) -> None:
        now = dt.datetime.now(dt.UTC)
        self.conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now))
        self.conn.execute(
            insert(t.sessions).values(
                id=session_id,
                user_name=user_name,
                csrf=csrf,
                created_at=now,
                expires_at=expires_at,
            )
        )

    def delete_session(self, session_id: str) -> None:
        self.conn.execute(delete(t.sessions).where(t.sessions.c.id == session_id))

    def add_token(
        self, token_id: str, user_name: str, label: str, expires_at: dt.datetime | None
    ) -> None:
        self.conn.execute(
            insert(t.api_tokens).values(
                id=token_id,
                user_name=user_name,
                label=label,
                created_at=dt.datetime.now(dt.UTC),
                expires_at=expires_at,
                revoked_at=None,
            )
        )

    def add_judgement(self, values: dict[str, Any]) -> None:
        """Record one act of an analyst; judgements are never changed or deleted."""
        self.conn.execute(insert(t.judgements).values(**values))

    def put_review(self, target_type: str, target_id: str, by: str, values: dict[str, Any]) -> None:
        """Set an incident's or case's review columns (status, edited fields), creating its
        review where it has none."""
        r = t.reviews
        now = dt.datetime.now(dt.UTC)
        where = and_(r.c.target_type == target_type, r.c.target_id == target_id)
        if self.conn.execute(select(r.c.target_id).where(where)).first():
            changed = {"updated_at": now, "updated_by": by, **values}
            self.conn.execute(update(r).where(where).values(**changed))
        else:
            self.conn.execute(
                insert(r).values(
                    target_type=target_type,
                    target_id=target_id,
                    updated_at=now,
                    updated_by=by,
                    **{"status": "unreviewed", **values},
                )
            )

    # -- fuse (#11)

    def put_cases(
        self, assignment: dict[str, str], cases: list[dict[str, Any]], drop: list[str]
    ) -> int:
        """Set incidents' cases (``assignment``: incident id -> case id, written only where it
        changes), keep each case's fusion record (``cases``: id, corroboration, size, record)
        and forget the records of cases no longer made (``drop``). Returns incidents moved."""
        i = t.incidents
        ids = list(assignment)
        current: dict[str, str | None] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            current |= dict(
                self.conn.execute(select(i.c.id, i.c.case_id).where(i.c.id.in_(chunk))).all()
            )  # type: ignore[arg-type]
        moved = [fid for fid, cid in assignment.items() if current.get(fid, cid) != cid]
        for fid in moved:
            self.conn.execute(update(i).where(i.c.id == fid).values(case_id=assignment[fid]))
        gone = list(set(drop) | {c["id"] for c in cases})
        for k in range(0, len(gone), 500):
            self.conn.execute(delete(t.cases).where(t.cases.c.id.in_(gone[k : k + 500])))
        now = dt.datetime.now(dt.UTC)
        if cases:
            self.conn.execute(insert(t.cases), [{**c, "fused_at": now} for c in cases])
        return len(moved)

    # -- user unit files (#4)

    def add_unit_file(self, name: str, content: str) -> int:
        """Keep a user unit file (its UTF-8 text) and return its place in the load order (seq);
        one of the same ``name`` is replaced and keeps its place."""
        u = t.unit_files
        values = {
            "sha256": sha256(content),  # the file's bytes: its text encodes back to them
            "content": content,
            "loaded_at": dt.datetime.now(dt.UTC),
            "loaded_by": self.actor,
        }
        earlier = self.conn.execute(select(u.c.seq).where(u.c.name == name)).scalar()
        if earlier is not None:
            self.conn.execute(update(u).where(u.c.seq == earlier).values(**values))
            return int(earlier)
        seq = (self.conn.execute(select(func.max(u.c.seq))).scalar() or 0) + 1
        self.conn.execute(insert(u).values(seq=seq, name=name, **values))
        return int(seq)
