"""Writes to the store inside the caller's transaction (see ``Store.writer``)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update

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


class Writer:
    audit: AuditLog | None = None  # set by Store.writer, with the actor its entries name
    actor: str = "unknown"

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.audited: list[AuditEntry] = []  # entries appended in this transaction

    def add_document(self, doc: Document) -> bool:
        """Store a document unless its id is known; True if it was new."""
        if self.conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc.id)).first():
            return False
        now = dt.datetime.now(dt.UTC)
        self.conn.execute(
            insert(t.documents).values(
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
        doc.ingested_at = now.isoformat()
        return True

    def add_analysis(self, analysis: Analysis) -> None:
        """Replace whatever was extracted from this document before with ``analysis``.

        Incident ids hash the document, the type and the trigger's span, so re-analysis keeps
        the id of an incident it finds again. An analyst's review of an incident that is gone
        is re-attached to the one new incident that covers its spans (``_reattach``), or left
        as it was, orphaned (``View.iter_orphaned_reviews``): never applied to another."""
        doc_id = analysis.document.id
        reviewed = self._reviewed_incidents(doc_id)
        self._clear(doc_id)
        self.conn.execute(
            insert(t.analyses).values(
                document_id=doc_id,
                extractor=analysis.extractor,
                analysed_at=dt.datetime.now(dt.UTC),
                record=analysis.to_record(),
            )
        )
        spans: list[dict[str, Any]] = []

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
            self.conn.execute(
                insert(t.incidents).values(
                    id=fid,
                    document_id=doc_id,
                    seq=seq,
                    type=inc.type,
                    summary=inc.summary,
                    date_start=date.start if date else None,
                    date_end=date.end if date else None,
                    place_name=place.name if place else None,
                    country=place.country if place else None,
                    admin1=place.admin1 if place else None,
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    precision=place.precision if place else None,
                    victim_category=inc.victim_category,
                    count_low=count.low if count else None,
                    count_best=count.best if count else None,
                    count_high=count.high if count else None,
                    certainty=inc.certainty,
                    perpetrators=[p.to_record() for p in inc.perpetrators],
                    perpetrator_names="|" + "|".join(p.name for p in inc.perpetrators) + "|",
                    evidence=list(inc.evidence),
                    attribution=list(inc.attribution),
                    case_id=inc.case,
                    confidence=inc.confidence,
                )
            )
            keep("incidents", fid, inc.spans)
        self._reattach(reviewed, new_spans)
        for seq, st in enumerate(analysis.statistics):
            fid = fact_id(doc_id, "statistics", seq, f"{st.value}{st.counted}")
            self.conn.execute(
                insert(t.statistics).values(
                    id=fid,
                    document_id=doc_id,
                    seq=seq,
                    value=st.value,
                    counted=st.counted,
                    category=st.category,
                    period_start=st.period.start if st.period else None,
                    period_end=st.period.end if st.period else None,
                    as_of=st.as_of,
                    by=st.by,
                )
            )
            keep("statistics", fid, st.spans)
        for unit in analysis.units:
            self._add_unit(unit.name, doc_id)
            chain = [unit.name, *unit.parents]
            for child, parent in pairwise(chain):
                self._add_unit(parent, doc_id)
                fid = fact_id(doc_id, "unit_relations", 0, f"{child}->{parent}")
                if not self.conn.execute(
                    select(t.unit_relations.c.id).where(t.unit_relations.c.id == fid)
                ).first():
                    self.conn.execute(
                        insert(t.unit_relations).values(
                            id=fid,
                            child=child,
                            parent=parent,
                            document_id=doc_id,
                            source=analysis.document.ref,
                        )
                    )
                    keep("unit_relations", fid, unit.spans)
        for seq, sm in enumerate(analysis.statements):
            fid = fact_id(doc_id, "statements", seq, f"{sm.kind}{sm.speaker}")
            self.conn.execute(
                insert(t.statements).values(
                    id=fid,
                    document_id=doc_id,
                    seq=seq,
                    kind=sm.kind,
                    speaker=sm.speaker,
                    target=sm.target,
                    date_start=sm.date.start if sm.date else None,
                    date_end=sm.date.end if sm.date else None,
                )
            )
            keep("statements", fid, sm.spans)
        for seq, person in enumerate(analysis.persons):
            fid = fact_id(doc_id, "persons", seq, person.name)
            self.conn.execute(
                insert(t.persons).values(
                    id=fid,
                    document_id=doc_id,
                    seq=seq,
                    name=person.name,
                    title=person.title,
                    affiliation=person.affiliation,
                )
            )
            keep("persons", fid, person.spans)
        if spans:
            self.conn.execute(insert(t.spans), spans)

    def _add_unit(self, name: str, doc_id: str) -> None:
        if not self.conn.execute(select(t.units.c.name).where(t.units.c.name == name)).first():
            self.conn.execute(insert(t.units).values(name=name, first_seen=doc_id))

    def _reviewed_incidents(self, doc_id: str) -> dict[str, tuple[str, list[Span]]]:
        """The document's incidents that analysts have reviewed: id -> (type, spans)."""
        i, r, s = t.incidents, t.reviews, t.spans
        rows = self.conn.execute(
            select(i.c.id, i.c.type, s.c.start, s.c.end)
            .join(r, and_(r.c.target_type == "incident", r.c.target_id == i.c.id))
            .join(s, and_(s.c.fact_table == "incidents", s.c.fact_id == i.c.id), isouter=True)
            .where(i.c.document_id == doc_id)
        )
        out: dict[str, tuple[str, list[Span]]] = {}
        for fid, kind, a, b in rows:
            out.setdefault(fid, (kind, []))
            if a is not None:
                out[fid][1].append((a, b))
        return out

    def _reattach(
        self,
        reviewed: dict[str, tuple[str, list[Span]]],
        new: dict[str, tuple[str, list[Span]]],
    ) -> None:
        """Move the review (and its judgements) of each reviewed incident that re-analysis
        did not find again to the one new incident of its type that overlaps its spans most;
        where there is none, or two as good, or that one has a review of its own, the review
        stays behind, orphaned."""
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
            if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
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
                self.add_audit(
                    AuditEvent("incident.reattach", "incident", target, before=old_id, after=target,
                               reason="re-analysis: the review follows the incident at its spans")
                )

    def _clear(self, doc_id: str) -> None:
        self.conn.execute(delete(t.spans).where(t.spans.c.document_id == doc_id))
        for table in t.FACT_TABLES:
            self.conn.execute(delete(table).where(table.c.document_id == doc_id))
        self.conn.execute(delete(t.analyses).where(t.analyses.c.document_id == doc_id))

    # -- serve (#5): the audit log, users and their log-ins, analysts' reviews

    def add_audit(self, event: AuditEvent) -> AuditEntry:
        """Append ``event`` to the audit log, in this transaction, as made by ``self.actor``."""
        if self.audit is None:
            raise AuditError("this writer has no audit log; open it with Store.writer()")
        entry = self.audit.append(self.conn, self.actor, event)
        self.audited.append(entry)
        return entry

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
    ) -> None:
        """Change a user's role, password or whether they may log in; ending their sessions
        when they are disabled or their password changes."""
        values: dict[str, Any] = {}
        if role is not None:
            values["role"] = role
        if password_hash is not None:
            values["password_hash"] = password_hash
        if disabled is not None:
            values["disabled_at"] = dt.datetime.now(dt.UTC) if disabled else None
        if values:
            self.conn.execute(update(t.users).where(t.users.c.name == name).values(**values))
        if disabled or password_hash is not None:
            self.conn.execute(delete(t.sessions).where(t.sessions.c.user_name == name))

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
