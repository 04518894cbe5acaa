"""Every read query of casefile lives here; CLI, API and exports call these methods."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import heapq
import itertools
import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Engine,
    Select,
    String,
    and_,
    any_,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    true,
    tuple_,
    union_all,
)
from sqlalchemy import column as sql_column
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import ARRAY as PG_ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement, UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.sql.visitors import InternalTraversal

from ..model import Actor, Count, DateRange, Document, Incident, Person, Place, Statement, Statistic
from ..vocab import CERTAINTY
from . import tables as t


@dataclass
class StoredRelation:
    """A stored subordination: from a document (``document_id`` set) or the knowledge base."""

    child: str
    parent: str
    source: str  # the document's name, or the knowledge base's reference
    document_id: str | None = None
    document_name: str | None = None
    published: str | None = None  # the document's publication date
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass
class StoredStatement:
    id: str
    document_id: str
    document_name: str
    published: str | None
    statement: Statement


@dataclass
class StoredPerson:
    id: str
    document_id: str
    document_name: str
    person: Person


# A partial ISO date, as the spec writes the ends of a DateRange: 2024, 2024-08 or 2024-08-17.
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def is_partial_date(value: str) -> bool:
    """Whether ``value`` is a real partial ISO date (2024, 2024-08, 2024-08-17)."""
    if not re.match(PARTIAL_DATE, value):
        return False
    try:
        dt.date.fromisoformat(first_day(value))
    except ValueError:  # 2024-13, 2024-02-30
        return False
    return True


def first_day(date: str) -> str:
    """The first day a partial ISO date may mean: ``2024`` -> ``2024-01-01``."""
    date = date[:10]
    return date + "-01-01" if len(date) == 4 else date + "-01" if len(date) == 7 else date


def last_day(date: str) -> str:
    """The last day a partial ISO date may mean, as a string that sorts right:
    ``2024`` -> ``2024-12-31``, ``2024-02`` -> ``2024-02-31`` (no real day sorts after it)."""
    date = date[:10]
    return date + "-12-31" if len(date) == 4 else date + "-31" if len(date) == 7 else date


def _last_day(column: Any) -> Any:
    """``last_day`` in SQL, for a column of partial ISO dates."""
    n = func.length(column)
    return case((n == 4, column.concat("-12-31")), (n == 7, column.concat("-31")), else_=column)


def _months(rows: Any) -> tuple[dict[str, int], int, int]:
    """Counts by start month, and the counts of those dated to a year only and undated."""
    months: dict[str, int] = {}
    imprecise = undated = 0
    for found, n in rows:
        if found is None:
            undated += int(n)
        elif len(found) < 7:
            imprecise += int(n)
        else:
            months[str(found)] = int(n)
    return months, imprecise, undated


class _ArrayOf(ColumnElement[Any]):
    """``ARRAY(SELECT ...)`` (PostgreSQL): a one-column subquery's rows as an array, which
    the planner computes once, before the query, as an InitPlan."""

    inherit_cache = True
    _traverse_internals = [("query", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, query: Select[Any]) -> None:
        self.query = query.scalar_subquery()
        self.type = PG_ARRAY(String())


@compiles(_ArrayOf)
def _compile_array_of(element: _ArrayOf, compiler: Any, **kw: Any) -> str:
    return "ARRAY" + compiler.process(element.query, **kw)


class _Explain(Executable, ClauseElement):
    """``EXPLAIN (FORMAT JSON)`` of a SELECT (PostgreSQL), compiled once per shape of query
    like any statement (compiling a list's union anew took several ms a call)."""

    inherit_cache = True
    _traverse_internals = [("statement", InternalTraversal.dp_clauseelement)]  # noqa: RUF012 (SQLAlchemy reads it so)

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement

    @property
    def _all_selected_columns(self) -> Any:  # the plan, one column, as the one selected
        return self.statement._all_selected_columns


@compiles(_Explain)
def _compile_explain(element: _Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (FORMAT JSON) " + compiler.process(element.statement, **kw)


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` literally anywhere (wildcards escaped)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


# Past this many incidents matching a search, SQLite walks the list's order to find a page
# rather than sorting every match (View._searched).
MANY_MATCHES = 2000
# The API's and the web's lists count their matches as far as this (IncidentQuery.count_limit):
# beyond, `total` is this and `total_exact` false, a floor, shown as "10,000+" (or an
# estimate, `total_estimated`, shown as "about N": View._estimate). Counting a million matches
# costs what reading them does; the pages go on by cursor.
COUNT_LIMIT = 10_000
# The case list counts as far as this: a case's count reads its incidents (no index holds the
# case beside the lists' order), so ten times fewer than incidents, for the same cost.
CASE_COUNT_LIMIT = 1_000


class View:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fts_counts: dict[str, int] = {}  # FTS5 query -> incidents matched (a hint)

    # -- documents
    def count_documents(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def get_document(self, key: str) -> Document | None:
        """By id (or an id prefix of 12+ characters) or by name."""
        d = t.documents
        cond = or_(d.c.id == key, d.c.name == key)
        if len(key) >= 12:
            cond = or_(cond, d.c.id.like(key + "%"))
        with self.engine.connect() as c:
            row = c.execute(select(d).where(cond).limit(1)).mappings().first()
        return _document(row) if row else None

    def iter_documents(
        self, unanalysed_by: str | None = None, batch: int = 200
    ) -> Iterator[Document]:
        """All documents in ingest order; with ``unanalysed_by``, only those not yet analysed
        by that extractor. Read ``batch`` at a time, each batch after the last one's
        (ingested_at, id) by index (ix_documents_ingested): memory holds one batch however
        large the store, no read stays open between batches (the caller may write), and a
        document analysed meanwhile is not listed again."""
        d, a = t.documents, t.analyses
        q = select(d).order_by(d.c.ingested_at, d.c.id).limit(batch)
        if unanalysed_by is not None:
            done = exists().where(and_(a.c.document_id == d.c.id, a.c.extractor == unanalysed_by))
            q = q.where(~done)
        after: tuple[Any, str] | None = None
        while True:
            s = q
            if after is not None:
                at = literal(after[0], type_=d.c.ingested_at.type)
                s = q.where(tuple_(d.c.ingested_at, d.c.id) > tuple_(at, literal(after[1])))
            with self.engine.connect() as c:
                rows = c.execute(s).mappings().all()
            for row in rows:
                yield _document(row)
            if len(rows) < batch:
                return
            after = (rows[-1]["ingested_at"], rows[-1]["id"])

    def count_analyses(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(t.analyses)).scalar_one())

    def get_record(self, document_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            rec = c.execute(
                select(t.analyses.c.record).where(t.analyses.c.document_id == document_id)
            ).scalar()
        return dict(rec) if rec else None

    def get_extractor(self, document_id: str) -> str | None:
        """The name of the extractor whose analysis of the document is stored, or None."""
        with self.engine.connect() as c:
            found = c.execute(
                select(t.analyses.c.extractor).where(t.analyses.c.document_id == document_id)
            ).scalar()
        return str(found) if found is not None else None

    # -- units, statements, persons
    def get_unit(self, name: str) -> str | None:
        """The canonical name of a unit some document names, exactly as stored, or None."""
        with self.engine.connect() as c:
            found = c.execute(select(t.units.c.name).where(t.units.c.name == name)).scalar()
        return str(found) if found is not None else None

    def iter_unit_relations(
        self, children: list[str] | None = None, parents: list[str] | None = None
    ) -> Iterator[StoredRelation]:
        """Stored relations whose child is one of ``children`` or whose parent is one of
        ``parents`` (every relation where both are None), oldest document first."""
        r, d = t.unit_relations, t.documents
        q = select(r, d.c.name.label("document_name"), d.c.published).outerjoin(
            d, d.c.id == r.c.document_id
        )
        if children is not None or parents is not None:
            q = q.where(or_(false(), r.c.child.in_(children or []), r.c.parent.in_(parents or [])))
        q = q.order_by(r.c.child, d.c.published.is_(None), d.c.published, d.c.name, r.c.parent)
        with self.engine.connect() as c:
            for row in c.execute(q).mappings():
                yield StoredRelation(
                    child=row["child"],
                    parent=row["parent"],
                    source=row["source"],
                    document_id=row["document_id"],
                    document_name=row["document_name"],
                    published=row["published"],
                    valid_from=row["valid_from"],
                    valid_to=row["valid_to"],
                )

    def iter_statements(
        self, kinds: list[str] | None = None, targets: list[str] | None = None
    ) -> Iterator[StoredStatement]:
        """Statements of the given kinds, about one of ``targets`` (compared without case)."""
        s, d = t.statements, t.documents
        q = select(s, d.c.name.label("document_name"), d.c.published).join(
            d, d.c.id == s.c.document_id
        )
        if kinds is not None:
            q = q.where(s.c.kind.in_(kinds))
        if targets is not None:
            q = q.where(func.lower(s.c.target).in_([x.lower() for x in targets]))
        q = q.order_by(d.c.published.is_(None), d.c.published, d.c.name, s.c.seq)
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
            spans = self._spans(c, "statements", [r["id"] for r in rows])
        for r in rows:
            start, end = r["date_start"], r["date_end"]
            date = DateRange(start, end) if start or end else None
            statement = Statement(
                r["kind"], r["speaker"], r["target"], date, spans.get(r["id"], [])
            )
            yield StoredStatement(
                r["id"], r["document_id"], r["document_name"], r["published"], statement
            )

    def iter_persons(self, title_contains: list[str] | None = None) -> Iterator[StoredPerson]:
        """Persons as each document names them; with ``title_contains``, only those whose
        title contains one of the strings (without case)."""
        p, d = t.persons, t.documents
        q = select(p, d.c.name.label("document_name")).join(d, d.c.id == p.c.document_id)
        if title_contains is not None:
            title = func.lower(p.c.title)
            q = q.where(or_(false(), *(title.like(_like(x), escape="\\") for x in title_contains)))
        q = q.order_by(d.c.name, p.c.seq)
        with self.engine.connect() as c:
            for r in c.execute(q).mappings():
                person = Person(r["name"], r["title"], r["affiliation"])
                yield StoredPerson(r["id"], r["document_id"], r["document_name"], person)

    def _spans(self, c: Any, table: str, ids: list[str]) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        s = t.spans
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            rows = c.execute(
                select(s.c.fact_id, s.c.start, s.c.end)
                .where(s.c.fact_table == table, _among(s.c.fact_id, part, self._sqlite))
                .order_by(s.c.id)
            ).all()
            for fid, a, b in rows:
                out.setdefault(fid, []).append((a, b))
        return out

    # -- serve (#5): incidents as analysts left them, cases, documents, users, log-ins
    # An analyst's value (table `reviews`) wins over the machine's; filters, sorting and
    # counts all use the values in force. The machine's values stay in `incidents`.

    def _matching(
        self,
        q: IncidentQuery,
        *names: str,
        each: Callable[[Select[Any]], Select[Any]] | None = None,
        ordered: bool = False,
        machine_only: bool = False,
        loose: bool = False,
        built: tuple[list[Select[Any]], list[Select[Any]]] | None = None,
    ) -> Select[Any] | CompoundSelect:
        """The union of View._parts (which see; ``built``: those, built already for these
        arguments), each changed by ``each``."""
        machine, reviewed = built or self._parts(
            q, *names, ordered=ordered, machine_only=machine_only, loose=loose
        )
        parts = machine + reviewed
        if each is not None:
            parts = [each(part) for part in parts]
        return union_all(*parts)

    def _parts(
        self,
        q: IncidentQuery,
        *names: str,
        ordered: bool = False,
        machine_only: bool = False,
        loose: bool = False,
    ) -> tuple[list[Select[Any]], list[Select[Any]]]:
        """The incidents ``q`` matches, as the named columns of their values in force
        (``id``, an incidents column, ``status``, ``case``, or a sort key of _SORT_KEYS), in
        disjoint parts: those no analyst reviewed, and the reviewed (each a list of parts);
        ``ordered``: each part is read in the list's order as far as a page (see _searched).

        The incidents come in two parts, on both backends, so that the indexes of
        ``incidents`` serve filters and order (a join to ``reviews`` would hide them behind
        the values in force):
        1. those no analyst reviewed (most), on their own columns, by index where one fits
           (the reviewed ids are read once, then looked up per incident);
        2. reviewed ones, from ``reviews`` to ``incidents``, on the values in force: those
           whose review changed a value ``q`` reads; where ``q`` reads the date (every
           sort does), in two: a. those whose review moved the date, on the review's own
           dates, read in the list's order from the index of reviews by date
           (``ix_reviews_incident_date``) as far as the page, a date range only its own
           range of them; b. the others, each looked up by id.

        With ``machine_only``, every incident on the machine's values, reviews left aside
        (View._estimate: the planners cannot estimate the exclusion of the reviewed); with
        ``loose``, the unreviewed incidents' dates are no bound of an index (see
        View._page_counted)."""
        i, r = t.incidents, t.reviews
        # Only a review that changed a value q reads (or any, where q reads the status) can
        # move an incident in or out of the list or along it: the others (most reviews only
        # confirm) leave the incident in part 1, where an index finds it.
        read = _columns_read(q, names)
        edited = and_(r.c.target_type == "incident", _edited(read))
        reviewed = None if machine_only else select(r.c.target_id).where(edited)
        machine = self._filtered(q, _machine, i, names, ordered, loose=loose)
        if reviewed is not None:
            machine = machine.where(i.c.id.not_in(reviewed))
        parts = [machine]
        if q.since:
            parts = self._since_parts(q, names, reviewed, ordered, loose)
        unreviewed = len(parts)
        if reviewed is not None:
            narrowed = _narrowed(q, self._sqlite)
            if "date_start" in read:  # 2a. (a date edit sets the group's key, date_start)
                moved = and_(r.c.target_type == "incident", r.c.date_start.is_not(None))
                on = and_(moved, narrowed, r.c.target_id == i.c.id)
                parts.append(self._filtered(q, _redated, r.join(i, on), names, ordered))
                edited = and_(edited, r.c.date_start.is_(None))  # 2b.
            joined = and_(edited, narrowed, r.c.target_id == i.c.id)
            parts.append(self._filtered(q, _effective, r.join(i, joined), names, ordered))
        return parts[:unreviewed], parts[unreviewed:]

    def _since_parts(
        self,
        q: IncidentQuery,
        names: tuple[str, ...],
        reviewed: Select[Any] | None,
        ordered: bool = False,
        loose: bool = False,
    ) -> list[Select[Any]]:
        """The unreviewed incidents ``q`` matches (``q.since`` set) in three disjoint parts
        that indexes serve, so that no planner walks the list's order back from the day
        (``first_day(q.since)``), or scans the ends of every interval, to find the few that
        start before it and reach it:

        1. those that start on or after the day: a range of the lists' order;
        2. those that start before it on a partial date the day falls in (``2024`` or
           ``2024-03`` for 2024-03-05): two values of the lists' order;
        3. the other intervals that start before it (a start and a different end) and end on
           or after it: read first from the partial index of intervals by their end
           (``ix_incidents_interval_reach``), in a subquery of their own, then filtered (the
           planners guess that most incidents are intervals, and with the other filters
           beside it would rather walk another index through every match).

        An incident with one date, or none at the end, that starts before the day and reaches
        it is one of 2 (its start is its end, and a full date before the day ends before it).
        Part 2 is fenced (OFFSET 0, SQLite takes it only in a subquery) so that a planner
        takes it by its own index."""
        i = t.incidents
        day = first_day(q.since or "")
        machine = self._filtered(q, _machine, i, names, ordered, loose=loose)
        later = self._filtered(q, _machine, i, names, ordered, from_day=True, loose=loose)
        if reviewed is not None:  # (None: View._matching's machine_only)
            machine = machine.where(i.c.id.not_in(reviewed))
            later = later.where(i.c.id.not_in(reviewed))
        start = _sort_key("date_last", _machine)
        prefixes = [day[:4], day[:7]]
        reach = func.coalesce(i.c.date_end, i.c.date_start)
        # SQLite, without statistics, would read the start's or the reach's full index (every
        # incident before the day: 33,000 of 100,000 in bench/api_load.py's lists of a year)
        # rather than the partial index that holds only the intervals: those terms are kept
        # from its indexes (``+``), and it scans the partial index.
        early, reaching = self._unindexed(start), self._unindexed(reach)
        interval = i.c.date_end != i.c.date_start
        if not self._sqlite:
            # as the partial index's predicate reads since migration 0012_scale: a form that
            # statistics estimate (the bare comparison passes for true of nearly every
            # incident, and PostgreSQL read a whole index of a million rather than this one)
            interval = and_(interval, interval.is_(True))
        intervals = (
            select(i)
            .where(
                interval,
                early < day,
                early.not_in(prefixes),
                or_(reaching >= day, reaching.in_(prefixes)),
            )
            .offset(0)
            .subquery("intervals")
        )
        e = _machine_on(intervals)
        spanning = self._filtered(q, e, intervals, names, ordered, by_id=True, loose=loose)
        if reviewed is not None:
            spanning = spanning.where(e("id").not_in(reviewed))
        on_day = select(*machine.where(start.in_(prefixes)).offset(0).subquery().c)
        return [later.where((_loosened(start) if loose else start) >= day), on_day, spanning]

    def _filtered(
        self,
        q: IncidentQuery,
        e: Callable[[str], Any],
        src: Any,
        names: tuple[str, ...],
        ordered: bool = False,
        by_id: bool = False,
        from_day: bool = False,
        loose: bool = False,
    ) -> Select[Any]:
        """``names`` of the incidents of ``src`` that ``q`` matches, valued by ``e``
        (``by_id``: ``src`` is a subquery of incidents, which a search finds by id;
        ``from_day``: the caller keeps those that start on or after ``q.since``'s day)."""
        d = t.documents
        s = select(*(_sort_key(n, e).label(n) for n in names)).select_from(src)
        if q.ids is not None:
            s = s.where(_among(e("id"), q.ids, self._sqlite))
        if q.document:
            s = s.where(e("document_id") == q.document)
        if q.type:
            s = s.where(e("type") == q.type)
        if q.since:  # may end on or after: a partial date runs to the end of its year or month
            last = _last_day(func.coalesce(e("date_end"), e("date_start")))
            reaches = last >= first_day(q.since)
            if from_day and not self._sqlite:
                # Of those that start on or after the day, every dated one that is not an
                # interval reaches it: said so, in a form PostgreSQL's statistics estimate
                # (migration 0012_scale), the condition passes for what it is, true of nearly
                # all; PostgreSQL took it for true of a third (a comparison of an expression
                # it knows nothing of), and beside the cursor's comparison (also taken for
                # independent of the dates) reckoned a case walk's read of 4,000 to hold
                # fewer: it read a three months' range whole and sorted it (46,000 rows,
                # 300 ms) rather than the first 4,000 in order by index
                single = (e("date_end") != e("date_start")).isnot(True)
                reaches = or_(and_(e("date_start").is_not(None), single), reaches)
            s = s.where(reaches)
        if q.until and (q.since or not self._sqlite):  # may start on or before: "2024-03" ...
            # the same bound on the lists' order (the undated, '9999', fail it as NULL
            # does): a range of its indexes. SQLite takes it only beside ``since``, whose
            # start already bounds that range (from one side only, it would read a wide range
            # by index rather than scan; with both, a year's list of one region reads its
            # months alone: 20 to 15 ms, a type's quarter 27 to 11; bench/api_load.py)
            bound = _sort_key("date_last", e)
            if loose and e not in _IN_FORCE:  # (the reviews' dates: their own small index)
                bound = _loosened(bound)
            s = s.where(bound <= last_day(q.until))
        elif q.until:
            s = s.where(self._unindexed(e("date_start")) <= last_day(q.until))
        if q.place:
            pat = _like(q.place)
            s = s.where(
                or_(
                    func.lower(e("place_name")).like(pat, escape="\\"),
                    func.lower(e("admin1")).like(pat, escape="\\"),
                )
            )
        if q.admin1:
            s = s.where(e("admin1") == q.admin1)
        if q.unit:
            s = s.where(func.lower(e("perpetrator_names")).like(_like(q.unit), escape="\\"))
        if q.units is not None:
            perpetrators = func.lower(e("perpetrator_names"))
            wanted = [perpetrators.like(_like(f"|{u}|"), escape="\\") for u in q.units]
            s = s.where(or_(false(), *wanted))
        if q.text:
            # the summary, or the document's text: each by its own index (trigrams, on
            # PostgreSQL), the incidents of either found by id; the values in force (an
            # analyst's summary) where ``e`` reads reviews
            pat = _like(q.text)
            in_text = select(d.c.id).where(func.lower(d.c.text).like(pat, escape="\\"))
            if e in _IN_FORCE:
                # PostgreSQL: the documents as an array, computed once (an InitPlan): a
                # subquery beside the OR (a hashed SubPlan) keeps the planner from reading
                # the reviewed incidents by id, and it joined every incident instead
                # (300 ms at a million)
                told = (
                    e("document_id").in_(in_text)
                    if self._sqlite
                    else e("document_id") == any_(_ArrayOf(in_text))
                )
                found = or_(func.lower(e("summary")).like(pat, escape="\\"), told)
            else:
                i = t.incidents
                summary = select(i.c.id).where(func.lower(i.c.summary).like(pat, escape="\\"))
                told = summary.union(select(i.c.id).where(i.c.document_id.in_(in_text)))
                found = e("id").in_(told)
            s = s.where(found)
        if q.search is not None:
            searched = self._searched(q.search, ordered and not by_id)
            if by_id:  # the index names the incidents table's rows: found by their ids
                searched = e("id").in_(select(t.incidents.c.id).where(searched))
            s = s.where(searched)
        if q.language:
            languages = select(d.c.id).where(d.c.language == q.language)
            s = s.where(e("document_id").in_(languages))
        if q.certainty:
            s = s.where(e("certainty").in_(q.certainty))
        if q.status:
            s = s.where(e("status").in_(q.status))
        if q.bbox:
            west, south, east, north = q.bbox
            s = s.where(e("lat") >= south, e("lat") <= north, e("lon") >= west, e("lon") <= east)
        if q.cases is not None and e not in _IN_FORCE:  # by the case's index, or the id's
            s = s.where(
                or_(
                    _among(e("case_id"), q.cases, self._sqlite),
                    and_(e("case_id").is_(None), _among(e("id"), q.cases, self._sqlite)),
                )
            )
        elif q.cases is not None:
            s = s.where(_among(e("case"), q.cases, self._sqlite))
        if q.corroboration is not None:
            graded = select(t.cases.c.id).where(t.cases.c.corroboration.in_(q.corroboration))
            s = s.where(e("case").in_(graded))
        if q.min_confidence is not None:
            s = s.where(e("confidence") >= q.min_confidence)
        return s

    def _searched(self, text: str, ordered: bool = False) -> Any:
        """Incidents whose texts in force (summary, place, perpetrators, type) hold every
        word of ``text``, stemmed: the full-text index of migration 0009_day, which holds the
        analysts' values, so one condition serves reviewed and unreviewed incidents alike.
        ``ordered``: the incidents are read in the list's order as far as a page."""
        if not self._sqlite:
            query = func.websearch_to_tsquery("english", text)
            return literal_column("incidents.search").op("@@")(query)
        match = _fts_match(text)
        if match is None:
            return false()
        # by rowid, the incident's own (migration 0009_day): FTS5 reads rowids from its index
        # alone, and SQLite finds a row by rowid without another index (the id column would
        # cost a read of the FTS table's content and a lookup of the id, per match)
        fts = table("incidents_fts", sql_column("rowid"))
        found = select(fts.c.rowid).where(literal_column("incidents_fts").op("MATCH")(match))
        rowid: Any = literal_column("incidents.rowid")
        if ordered and self._fts_count(match) > MANY_MATCHES:
            # Many match: a page is found sooner by walking the list's order (an index) and
            # keeping the matches than by sorting them all (SQLite would start from the
            # matches, knowing no better; bench/api_load.py). Counts, maps and facets read
            # every match: from the matches.
            rowid = self._unindexed(rowid)
        return rowid.in_(found)

    def _fts_count(self, match: str) -> int:
        """How many incidents an FTS5 query matches (from its index alone: a few ms), kept a
        while: only the choice of plan hangs on it."""
        if match not in self._fts_counts:
            if len(self._fts_counts) > 256:
                self._fts_counts.clear()
            with self.engine.connect() as c:
                self._fts_counts[match] = int(
                    c.execute(
                        sql("SELECT count(*) FROM incidents_fts WHERE incidents_fts MATCH :q"),
                        {"q": match},
                    ).scalar_one()
                )
        return self._fts_counts[match]

    def search_hits(self, text: str, ids: list[str]) -> dict[str, list[tuple[str, bool]]]:
        """The summaries in force of incidents ``ids`` with the words of ``text`` marked, as
        (text, is a hit) pieces; those where no word holds are left out."""
        out: dict[str, list[tuple[str, bool]]] = {}
        if not ids:
            return out
        names = ", ".join(f":id{k}" for k in range(len(ids)))
        params: dict[str, Any] = {f"id{k}": x for k, x in enumerate(ids)}
        if self._sqlite:
            match = _fts_match(text)
            if match is None:
                return out
            query = sql(
                f"SELECT id, highlight(incidents_fts, 1, '{HIT[0]}', '{HIT[1]}') AS hit "
                "FROM incidents_fts WHERE incidents_fts MATCH :q "
                f"AND rowid IN (SELECT rowid FROM incidents WHERE id IN ({names}))"
            )
            params["q"] = match
        else:
            query = sql(
                "SELECT i.id, ts_headline('english', coalesce(r.summary, i.summary), "
                f"websearch_to_tsquery('english', :q), 'StartSel={HIT[0]}, StopSel={HIT[1]}, "
                "HighlightAll=true') AS hit FROM incidents i LEFT JOIN reviews r "
                f"ON r.target_type = 'incident' AND r.target_id = i.id WHERE i.id IN ({names})"
            )
            params["q"] = text
        with self.engine.connect() as c:
            for row in c.execute(query, params).mappings():
                pieces = _pieces(row["hit"])
                if any(hit for _, hit in pieces):
                    out[row["id"]] = pieces
        return out

    def _unindexed(self, column: Any) -> Any:
        """``column`` as SQLite's planner will not read it by index (``+column``): without
        statistics it takes any date range for selective, and reading half the incidents by
        the date index costs several times a plain scan (bench/api_load.py)."""
        if not self._sqlite:
            return column
        return UnaryExpression(column, operator=custom_op("+"), type_=column.type)

    @property
    def _sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def page_incidents(self, q: IncidentQuery) -> IncidentPage:
        """One page of incidents with their values in force, the machine's and the total.

        1. the page's ids: the matching incidents in order, from after ``q.after`` (a
           cursor of the previous page: keyset pagination, by index where one fits, as fast
           on page 1000 as on page 1) or from ``q.offset``, as far as the page;
        2. the total, counted apart (so that the page need not gather every match first);
        3. their rows (with their reviews and document names) and spans, by id;
        4. the cursor of the next page, from the last item's sort key."""
        i, r, d = t.incidents, t.reviews, t.documents
        keys = _SORT_KEYS[q.sort]
        names = dict.fromkeys(["id", *(k for k, _ in keys)])  # each once
        after = decode_cursor(q.after, len(keys)) if q.after else None
        depth = None if q.limit is None else q.limit + q.offset

        def top(part: Select[Any]) -> Select[Any]:
            """The first ``depth`` of one part, after the cursor: an index holds them in
            order where one fits, so the page never sorts every match (the planners would
            not merge the parts' orders through the union)."""
            p = part.subquery()
            s = select(*p.c).order_by(*_order(q.sort, p.c)).limit(depth)
            if after:
                s = s.where(_after(keys, p.c, after))
            return select(*s.subquery().c)  # SQLite takes a LIMIT in a union only so

        m = self._matching(q, *names, each=top, ordered=True).subquery("matching").c
        s = select(m.id, *(m[k] for k, _ in keys)).order_by(*_order(q.sort, m))
        if q.limit is not None:
            s = s.limit(q.limit)
        if q.offset:
            s = s.offset(q.offset)

        cap = q.count_limit

        def count(part: Select[Any]) -> Select[Any]:
            """Each part counted on its own (the planners read indexes), as far as ``cap``."""
            return select(func.count()).select_from(
                (part if cap is None else part.limit(cap + 1)).subquery()
            )

        def by_id(chunk: list[str]) -> Select[Any]:
            """The rows of these incidents, with their reviews and document names. The
            reviews are those of the ids, by their own index: PostgreSQL joined a page of 50
            to every review (a scan of the table: 10,000 at a million incidents, 1 ms)."""
            rv = select(r).where(
                r.c.target_type == "incident", _among(r.c.target_id, chunk, self._sqlite)
            )
            rs = rv.subquery("r")
            rc = rs.c
            cols = [*i.c, *(c.label("r_" + c.name) for c in rc), d.c.name.label("document_name")]
            src = i.outerjoin(rs, rc.target_id == i.c.id).outerjoin(d, d.c.id == i.c.document_id)
            return select(*cols).select_from(src).where(_among(i.c.id, chunk, self._sqlite))

        with self.engine.connect() as c:
            estimate, counted = None, None
            found: Sequence[Any]
            if cap is not None and q.limit is not None and not self._sqlite:
                # PostgreSQL: the estimate first; a list it puts well short of the cap is
                # read once for its page and its count together (View._page_counted)
                planned = self._planned(c, q, cap)
                if planned is not None and planned >= ESTIMATE_PAST * cap:
                    estimate = planned
                elif planned is None or planned * ONE_READ_UNDER <= cap:
                    counted = self._page_counted(c, q, names, after, cap)
            if counted is not None and counted[1] <= (cap or 0):  # every part read whole
                found, total = counted[0], counted[2]
            else:
                found = c.execute(s).all()
                if counted is not None:
                    total = counted[2]
            ids = [str(row[0]) for row in found]
            whole = not (q.limit is not None and (q.offset or q.after or len(found) == q.limit))
            if whole:  # the whole list is on this page
                total, estimate = len(found), None
            elif counted is None:
                if estimate is None and cap is not None and self._sqlite:
                    estimate = self._estimate(c, q)
                if estimate is None:  # (built only here: a union of parts costs a few ms)
                    parts = self._matching(q, "id", each=count)
                    total = sum(int(n) for n in c.execute(parts).scalars())
                else:  # far past the cap: not counted
                    total = estimate
            rows: dict[str, Any] = {}
            for chunk in _chunks(ids, 500):
                got = c.execute(by_id(chunk))
                rows.update({row["id"]: row for row in got.mappings()})
            spans = self._spans(c, "incidents", ids)
        items = [_reviewed_incident(rows[x], spans.get(x, [])) for x in ids if x in rows]
        more = q.limit is not None and len(found) == q.limit
        nxt = encode_cursor(list(found[-1][1:])) if more and found else None
        if q.search:
            hits = self.search_hits(q.search, [x.id for x in items])
            for x in items:
                x.hit = hits.get(x.id)
        if estimate is not None:
            return IncidentPage(estimate, q.limit, q.offset, items, nxt, False, True)
        exact = cap is None or total <= cap or whole  # (a list on one page is all there)
        return IncidentPage(total if exact else cap or 0, q.limit, q.offset, items, nxt, exact)

    def _page_counted(
        self, c: Any, q: IncidentQuery, names: dict[str, None], after: list[Any] | None, cap: int
    ) -> tuple[list[Any], int, int]:
        """The page of ``q`` (rows of id and sort keys) among the first ``cap`` + 1 matches of
        each part of the list, how many the longest part had, and how many all had, from one
        read (PostgreSQL keeps the matches read, a CTE named twice, for both): where no part
        had more than ``cap``, the page is exact and so is the count. A list of a rare
        substring within a year read its matches twice before, for the page and for the
        count (a bitmap of the year's 190,000 index entries each time, at a million)."""
        keys = _SORT_KEYS[q.sort]
        numbered = itertools.count()

        def first(part: Select[Any]) -> Select[Any]:  # the part's first cap + 1, in no order
            head = part.limit(cap + 1).subquery()
            return select(*head.c, literal(next(numbered)).label("part"))

        # A substring (a trigram index) within a span of dates: the planner, reckoning the
        # substring's matches at their share of the year, ANDed the substring's few thousand
        # with the span's index entries (190,000 for a year at a million, 20 ms) where
        # reading the substring's matches alone costs half: the dates are no bound of an
        # index here (the page of a long list, read in order, keeps them)
        loose = bool(q.unit or q.units or q.place or q.text)
        m = self._matching(q, *names, each=first, loose=loose).cte("matches")
        per_part = select(func.count().label("n")).select_from(m).group_by(m.c.part).subquery()
        n = per_part.c.n
        counts = select(
            func.coalesce(func.max(n), 0).label("longest"),
            func.coalesce(func.sum(n), 0).label("total"),
        ).subquery()
        page = select(m.c.id, *(m.c[k] for k, _ in keys)).order_by(*_order(q.sort, m.c))
        if after:
            page = page.where(_after(keys, m.c, after))
        p = page.limit(q.limit).offset(q.offset).subquery()
        s = (
            select(counts.c.longest, counts.c.total, p.c.id, *(p.c[k] for k, _ in keys))
            .select_from(counts.outerjoin(p, true()))
            .order_by(*_order(q.sort, p.c))
        )
        rows = c.execute(s).all()
        found = [tuple(row[2:]) for row in rows if row[2] is not None]
        return found, int(rows[0][0]), int(rows[0][1])

    def _estimate(self, c: Any, q: IncidentQuery) -> int | None:
        """PostgreSQL's estimate of how many incidents ``q`` matches, where it is at least
        ESTIMATE_PAST times ``q.count_limit``, else None (count them). Counting stops at the
        cap anyway, but reaching it costs reading that many matches (10,000 index entries,
        or ten times that many rows where a substring filter keeps one in ten): the
        estimate costs a plan (a millisecond), from the statistics ANALYZE keeps (where the
        table, as last analysed, holds no more rows than the cap: None). SQLite keeps none:
        there, View._sampled_estimate."""
        if q.count_limit is None:
            return None
        if self._sqlite:
            return self._sampled_estimate(c, q)
        found = self._planned(c, q, q.count_limit)
        return found if found is not None and found >= ESTIMATE_PAST * q.count_limit else None

    def _planned(self, c: Any, q: IncidentQuery, cap: int) -> int | None:
        """PostgreSQL's estimate of how many incidents ``q`` matches (the planner's rows); None
        where the table, as last analysed, holds no more than ``cap`` rows."""
        # A table of no more rows than the cap is counted (cheap), and so is one never
        # analysed (-1): the statistics of a table that grew since are no estimate
        rows = "SELECT reltuples FROM pg_class WHERE oid = 'incidents'::regclass"
        if (c.execute(sql(rows)).scalar() or 0) <= cap:
            return None
        matching = self._matching(q, "id", machine_only=True).subquery()
        plan = c.execute(_Explain(select(matching.c.id))).scalar_one()
        return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])

    def _sampled_estimate(self, c: Any, q: IncidentQuery) -> int | None:
        """SQLite's estimate of how many incidents ``q`` matches, where it is surely past
        ``q.count_limit`` (SAMPLE_PAST times it, from SAMPLE_HITS matches or more), else None
        (count them). SQLite keeps no statistics, so the filters are tried on a fixed sample
        of SAMPLE_SIZE incidents, read by rowid (the rowids of the whole range, taken at
        random once: a few ms, where counting 10,000 matches of a word and a year reads some
        30,000 rows; bench/api_load.py). A search is tried only where its words alone (the
        full-text index counts them) are past it. The machine's values, as PostgreSQL's; not
        where the review status is a filter (the machine's values know none)."""
        cap = q.count_limit or 0
        if q.status is not None:
            return None
        ends = "SELECT (SELECT min(rowid) FROM incidents), (SELECT max(rowid) FROM incidents)"
        lo, hi = c.execute(sql(ends)).one()  # (each from the table's b-tree: one read)
        if lo is None or hi - lo + 1 < SAMPLE_PAST * cap:
            return None  # too few incidents to be past it
        match = _fts_match(q.search) if q.search is not None else None
        if q.search is not None and (match is None or self._fts_count(match) < SAMPLE_PAST * cap):
            return None  # the words alone are not past it (the index counts them): count
        i = t.incidents
        rowid: Any = literal_column("incidents.rowid")
        picked: Any = select(literal_column("value")).select_from(func.json_each(_sample(lo, hi)))
        read = {"case_id" if n == "case" else n for n in _columns_read(q, ())} - {"status"}
        cols = [i.c[n] for n in sorted(read | {"id", "document_id", "case_id"})]
        sampled = select(*cols, rowid.label("row_key")).where(rowid.in_(picked))
        probe = sampled.offset(0).subquery("sampled")  # read first, by rowid (OFFSET 0)
        s = self._filtered(replace(q, search=None), _machine_on(probe), probe, ("id",))
        if match is not None:
            fts = table("incidents_fts", sql_column("rowid"))
            words = literal_column("incidents_fts").op("MATCH")(match)
            s = s.where(probe.c.row_key.in_(select(fts.c.rowid).where(words)))
        hits = int(c.execute(select(func.count()).select_from(s.subquery())).scalar_one())
        found = round(hits * (hi - lo + 1) / min(SAMPLE_SIZE, hi - lo + 1))
        return found if hits >= SAMPLE_HITS and found >= SAMPLE_PAST * cap else None

    def get_reviewed_incident(self, incident_id: str) -> ReviewedIncident | None:
        page = self.page_incidents(IncidentQuery(ids=[incident_id], limit=1))
        return page.items[0] if page.items else None

    def iter_reviewed_incidents(
        self, q: IncidentQuery, chunk: int = 1000
    ) -> Iterator[ReviewedIncident]:
        """Every incident ``q`` matches (its limit and offset ignored), in pages of ``chunk``."""
        offset = 0
        while True:
            page = self.page_incidents(replace(q, limit=chunk, offset=offset))
            yield from page.items
            if len(page.items) < chunk:
                return
            offset += chunk

    def count_incidents(self, q: IncidentQuery | None = None) -> int:
        """How many incidents ``q`` matches (its limit and offset ignored)."""
        matching = self._matching(q or IncidentQuery(), "id").subquery()
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(matching)).scalar_one())

    def incident_points(
        self, q: IncidentQuery, limit: int = 5000
    ) -> tuple[int, list[dict[str, Any]]]:
        """Incidents with coordinates, for a map: how many there are, and the first ``limit``."""
        names = (
            "id",
            "lat",
            "lon",
            "type",
            "date_start",
            "place_name",
            "status",
            "case",
            "date_last",
        )
        matching = self._matching(q, *names).subquery()
        m = matching.c
        cols = [
            m.id,
            m.lat,
            m.lon,
            m.type,
            m.date_start.label("date"),
            m.place_name.label("place"),
            m.status,
            m.case,
        ]
        located = and_(m.lat.is_not(None), m.lon.is_not(None))
        s = select(*cols).where(located).order_by(*_order("date", m)).limit(limit)
        with self.engine.connect() as c:
            rows = [dict(row) for row in c.execute(s).mappings()]
            total = len(rows)
            if total >= limit:
                counted = select(func.count()).select_from(matching).where(located)
                total = int(c.execute(counted).scalar_one())
        return total, rows

    def incident_histogram(self, q: IncidentQuery) -> dict[str, Any]:
        """Incidents per month of their start, and cases per month of their earliest matching
        incident's (the reports of one act counted once); those dated to a year only, and
        undated ones, of each."""
        m = self._matching(q, "date_start", "case").subquery().c
        month = func.substr(m.date_start, 1, 7)
        s = select(month.label("month"), func.count().label("n")).group_by(month)
        first = select(func.min(m.date_start).label("start")).group_by(m.case).subquery().c
        case_month = func.substr(first.start, 1, 7)
        by_case = select(case_month, func.count()).group_by(case_month)
        with self.engine.connect() as c:
            incidents = _months(c.execute(s).all())
            cases = _months(c.execute(by_case).all())
        return {
            "months": [
                {"month": x, "incidents": incidents[0].get(x, 0), "cases": cases[0].get(x, 0)}
                for x in sorted(set(incidents[0]) | set(cases[0]))
            ],
            "year_only": incidents[1],
            "undated": incidents[2],
            "cases_year_only": cases[1],
            "cases_undated": cases[2],
        }

    def count_cases_by_field(self, name: str, q: IncidentQuery | None = None) -> dict[str, int]:
        """Cases per value in force of a column of their matching incidents (a case whose
        reports differ, say in type, counts once under each)."""
        m = self._matching(q or IncidentQuery(), name, "case").subquery().c
        s = select(m[name], func.count(m.case.distinct())).group_by(m[name])
        with self.engine.connect() as c:
            rows = c.execute(s).all()
        return {str(v): int(n) for v, n in sorted(rows, key=lambda x: (-x[1], str(x[0]))) if v}

    def count_incidents_by_field(self, name: str, q: IncidentQuery | None = None) -> dict[str, int]:
        """Incidents per value in force of a column (type, admin1, certainty, status ...)."""
        col = self._matching(q or IncidentQuery(), name).subquery().c[name]
        s = select(col, func.count()).group_by(col)
        with self.engine.connect() as c:
            rows = c.execute(s).all()
        return {str(v): int(n) for v, n in sorted(rows, key=lambda x: (-x[1], str(x[0]))) if v}

    def count_case_grades(self, q: IncidentQuery | None = None) -> dict[str, int]:
        """Cases with a matching incident per corroboration grade (``not fused``: cases fusion
        has not graded yet)."""
        m = self._matching(q or IncidentQuery(), "case").subquery().c
        cs = t.cases.c
        grade = func.coalesce(cs.corroboration, literal("not fused"))
        s = (
            select(grade, func.count(m.case.distinct()))
            .select_from(m.case.table.outerjoin(t.cases, cs.id == m.case))
            .group_by(grade)
        )
        with self.engine.connect() as c:
            rows = c.execute(s).all()
        return {str(v): int(n) for v, n in sorted(rows, key=lambda x: (-x[1], str(x[0])))}

    def page_cases(self, q: IncidentQuery) -> CasePage:
        """Cases with at least one incident ``q`` matches, earliest first (the undated last),
        with all their incidents; from after ``q.after`` (the previous page's cursor) or
        ``q.offset``. Until fusion fills ``incidents.case_id``, an incident is its own case.

        A case starts at its earliest matching incident. A page is found without grouping
        every match: 1. the matching incidents are read in the list's order (by index, from
        the cursor's day), each new case noted at its first incident, until the page's cases
        are all settled (the walk is past their start); 2. their true starts are looked up
        (by the cases' index): one that has an incident before the cursor's day was on an
        earlier page; 3. the total is counted as far as ``q.count_limit``."""
        if q.limit is None:
            return self._all_cases(q)
        after = decode_cursor(q.after, len(_CASE_KEYS)) if q.after else None
        want = q.offset + q.limit
        # the list's parts, built once for the walk's reads and the count (SQLAlchemy's
        # building of a union of five parts is a third of what this process spends on a page)
        built = self._parts(q, *_WALK_NAMES)
        found = self._walk_cases(q, after, want, built)
        page = found[q.offset : want]
        total, exact = self._count_cases(q, built)
        ids = [case_id for case_id, _ in page]
        cases = self._cases(ids)
        more = len(found) >= want
        nxt = encode_cursor([page[-1][1], page[-1][0]]) if more and page else None
        items = [cases[i] for i in ids if i in cases]
        return CasePage(total, q.limit, q.offset, items, nxt, exact)

    def _walk_cases(
        self,
        q: IncidentQuery,
        after: list[Any] | None,
        want: int,
        built: tuple[list[Select[Any]], list[Select[Any]]] | None = None,
    ) -> list[tuple[str, str]]:
        """The first ``want`` (case id, start) after the cursor ``after``, in the case list's
        order (see page_cases; ``built``: the parts of ``q``'s list, View._parts of
        _WALK_NAMES).

        On PostgreSQL each read ends with a whole day (``FETCH ... WITH TIES``): every case
        seen is settled, and the next read starts after that day. A month-only date (1,700
        incidents on ``2024-03`` at a million) is read once, in full, where a read of 1,000
        ended inside it and settled nothing; so the first read need not be longer than twice
        the page (CASE_WALK_DAYS). SQLite has no WITH TIES: a case is settled
        once the walk is past its day, and the next read starts on the last one's last day
        (read again, a bound on the day alone)."""
        walk = replace(q, sort="date", after=None, offset=0, count_limit=None)
        ties = not self._sqlite
        chunk = max(CASE_WALK_DAYS if ties else CASE_WALK, 2 * want)
        day, past = (after[0] if after else None), False  # every incident from the cursor's day
        seen: dict[str, str] = {}  # case -> start, as first seen in the walk
        while True:
            rows = self._keys(walk, day, past, chunk, "case", ties=ties, built=built)
            for start, case_id in rows:
                seen.setdefault(str(case_id), str(start))
            done = len(rows) < chunk
            edge = None if done else str(rows[-1][0])
            settled = {
                c: v for c, v in seen.items() if done or v < str(edge) or (ties and v == edge)
            }
            if after:  # 2. a case with an incident before the cursor's day came earlier
                starts = self._case_starts(q, list(settled))
                settled = {c: v for c, v in settled.items() if starts.get(c) == v}
                cut = (str(after[0]), str(after[1]))
                settled = {c: v for c, v in settled.items() if (v, c) > cut}
            if done or len(settled) >= want:
                first = heapq.nsmallest(want, ((v, c) for c, v in settled.items()))
                return [(c, v) for v, c in first]  # (thousands settled past a long day)
            # many incidents on one day (a month-only date, on SQLite), or too few cases
            # settled: longer reads, from the last one's last day on (a bound on the day
            # alone, which the planners weigh with the list's own dates, where a cursor's
            # comparison of (day, id) is taken for independent of them and the read for
            # shorter than it is; see _since_parts)
            day, past, chunk = edge, ties, chunk * 4

    def _keys(
        self,
        q: IncidentQuery,
        day: str | None,
        past: bool,
        n: int,
        *extra: str,
        ties: bool = False,
        built: tuple[list[Select[Any]], list[Select[Any]]] | None = None,
    ) -> list[tuple[Any, ...]]:
        """(date_last, ``extra`` columns...) of the first ``n`` incidents ``q`` matches
        (``q.sort``: "date") that start on or after ``day`` (a start as date_last holds it;
        ``past``: after it), in the list's order; with ``ties``, and those that start on the
        last one's day (PostgreSQL). Each part read by index from the day where one fits (see
        page_incidents). Only what the walk reads comes back (thousands of rows: the ids
        would double what this process decodes)."""
        keys = _SORT_KEYS[q.sort]
        names = dict.fromkeys(["id", *(k for k, _ in keys), *extra])

        def first(s: Select[Any], cols: Any) -> Select[Any]:
            if ties:  # (a part's days whole: the union's are then whole too)
                return s.order_by(cols.date_last).fetch(n, with_ties=True)
            return s.order_by(*_order(q.sort, cols)).limit(n)

        def top(part: Select[Any]) -> Select[Any]:
            p = part.subquery()
            s = select(*p.c)
            if day is not None:
                s = s.where(p.c.date_last > day if past else p.c.date_last >= day)
            return select(*first(s, p.c).subquery().c)

        m = self._matching(q, *names, each=top, built=built).subquery("matching").c
        s = first(select(m.date_last, *(m[x] for x in extra)), m)
        with self.engine.connect() as c:  # (rows as they come: Row is a tuple already)
            if not self._sqlite:
                # planned for the values at hand on each call (the transaction's setting):
                # psycopg prepares a statement run five times, and PostgreSQL then took a
                # plan for any values, which read the reviews that moved a date in no order
                # and sorted them (each of 2,023 incidents looked up for a list of 2023,
                # 7 ms of server time) where one for the values reads them in order as far
                # as the walk (3 ms; bench/list_queries.py)
                c.execute(sql("SET LOCAL plan_cache_mode = force_custom_plan"))
            return list(c.execute(s).all())

    def _case_starts(self, q: IncidentQuery, case_ids: list[str]) -> dict[str, str]:
        """The start (earliest matching incident) of each of these cases, by the cases' index."""
        out: dict[str, str] = {}
        for chunk in _chunks(case_ids, 500):
            m = self._matching(replace(q, cases=chunk), "case", "date_last").subquery().c
            s = select(m.case, func.min(m.date_last)).group_by(m.case)
            with self.engine.connect() as c:
                out.update({str(k): str(v) for k, v in c.execute(s).all()})
        return out

    def _count_cases(
        self, q: IncidentQuery, built: tuple[list[Select[Any]], list[Select[Any]]] | None = None
    ) -> tuple[int, bool]:
        """How many cases ``q`` matches, and whether that is all of them: with
        ``q.count_limit``, the cases of the first ``count_limit`` + 1 matching incidents of
        each part (a floor where a part had more; ``built``: the parts, View._parts of
        _WALK_NAMES)."""
        cap = q.count_limit
        if cap is None:
            m = self._matching(q, "case").subquery().c
            s = select(func.count()).select_from(select(m.case).distinct().subquery())
            with self.engine.connect() as c:
                return int(c.execute(s).scalar_one()), True
        parts = itertools.count()
        # A list of dates reads them anyway: each part's first in the list's order, by
        # index, rather than a bitmap of the whole range (PostgreSQL, which reckons the few it
        # needs a large share of the matches: 40 ms for 1,001 of a three-month range)
        dated = bool(q.since or q.until)

        def first(part: Select[Any]) -> Select[Any]:  # the part's first cap + 1, numbered
            if dated:
                part = part.order_by(*_order("date", part.selected_columns))
            head = part.limit(cap + 1).subquery()
            return select(head.c.case, literal(next(parts)).label("part"))

        names = ("case", "date_last", "id") if dated else ("case",)
        unreviewed, reviewed = built or self._parts(q, *names)
        lead, *others = unreviewed + reviewed
        # The first part read first (kept, a CTE named twice): where its cases alone are past
        # the cap, the total is the cap whatever the others add, and those are not read (a
        # condition of no row, which the planners test once, first). It is the longest as a
        # rule (the unreviewed from the list's first day on): a list of 2023 looked up each
        # of the 2,023 incidents whose review moved a date into it, to read its type and
        # region (5 ms of a 13 ms count at a million), and a three months' range read the
        # 1,719 incidents of its first month, dated to the month only, by a bitmap and a sort
        # (4 ms; bench/list_queries.py)
        led = first(lead).cte("lead")
        # (counted once, a CTE of one row, which each part's condition reads)
        gate = select((func.count(led.c.case.distinct()) > cap).label("past")).cte("gate")
        settled = select(gate.c.past).scalar_subquery()
        gated = [first(part).where(~settled) for part in others]
        m = union_all(select(led.c.case, led.c.part), *gated).subquery().c
        # counted by the database (the rows stay there): the cases, and the longest part
        per_part = func.count().over(partition_by=m.part).label("n")
        w = select(m.case, per_part).subquery().c
        counted = select(func.count(w.case.distinct()), func.max(w.n))
        with self.engine.connect() as c:
            found, longest = c.execute(counted).one()
        distinct = int(found)
        if distinct > cap or int(longest or 0) > cap:
            return min(distinct, cap), False
        return distinct, True

    def _all_cases(self, q: IncidentQuery) -> CasePage:
        """Every case ``q`` matches, grouped at once (no page: the whole list is wanted)."""
        m = self._matching(q, "case", "date_last").subquery().c
        start = func.min(m.date_last)
        grouped = select(m.case.label("case_id"), start.label("start")).group_by(m.case)
        g = grouped.subquery("grouped").c
        s = select(g.case_id, g.start).order_by(g.start, g.case_id)
        if q.after:
            s = s.where(_after(_CASE_KEYS, g, decode_cursor(q.after, len(_CASE_KEYS))))
        if q.offset:
            s = s.offset(q.offset)
        with self.engine.connect() as c:
            found = c.execute(s).all()
        ids = [str(row[0]) for row in found]
        cases = self._cases(ids)
        total, exact = self._count_cases(q)
        items = [cases[i] for i in ids if i in cases]
        return CasePage(total, q.limit, q.offset, items, None, exact)

    def get_case(self, case_id: str) -> StoredCase | None:
        return self._cases([case_id]).get(case_id)

    def _cases(self, ids: list[str]) -> dict[str, StoredCase]:
        if not ids:
            return {}
        members = self.page_incidents(IncidentQuery(cases=ids, limit=None)).items
        r = t.reviews
        with self.engine.connect() as c:
            reviews = {
                row["target_id"]: dict(row)
                for row in c.execute(
                    select(r).where(r.c.target_type == "case", r.c.target_id.in_(ids))
                ).mappings()
            }
        fusion = self.get_fusion(ids)
        out: dict[str, StoredCase] = {}
        for m in members:
            found = out.setdefault(
                m.case_id,
                StoredCase(m.case_id, reviews.get(m.case_id), fusion=fusion.get(m.case_id)),
            )
            found.members.append(m)
        return out

    # -- fuse (#11)

    def get_fusion(self, case_ids: list[str]) -> dict[str, dict[str, Any]]:
        """What fusion says of these cases (reconciled values, corroboration, the features that
        joined them), by case id; a case fusion did not make has none."""
        if not case_ids:
            return {}
        with self.engine.connect() as c:
            return {
                row.id: dict(row.record)
                for row in c.execute(
                    select(t.cases.c.id, t.cases.c.record).where(t.cases.c.id.in_(case_ids))
                )
            }

    def iter_fusion_documents(
        self, ids: list[str] | None = None, text: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Documents as fusion reads them: id, name, published, publisher, language, whether
        their analysis holds a denial, and (with ``text``) their text. All, or those of ``ids``."""
        d = t.documents
        cols = [d.c.id, d.c.name, d.c.published, d.c.publisher, d.c.language]
        if text:
            cols.append(d.c.text)
        denials = select(t.statements.c.document_id).where(t.statements.c.kind == "denial")
        q = select(*cols, d.c.id.in_(denials).label("denied"))
        with self.engine.connect() as c:
            chunks = (
                [ids[k : k + 500] for k in range(0, len(ids), 500)] if ids is not None else [None]
            )
            for chunk in chunks:
                sel = q if chunk is None else q.where(d.c.id.in_(chunk))
                for row in c.execute(sel).mappings():
                    yield dict(row)

    def unfused_incident_ids(self) -> list[str]:
        """Ids of the incidents fusion has not placed yet (new, or their document analysed
        again), by index."""
        i = t.incidents
        with self.engine.connect() as c:
            return [
                str(x) for x in c.execute(select(i.c.id).where(i.c.case_id.is_(None))).scalars()
            ]

    def fusion_candidate_ids(self, windows: list[FusionWindow]) -> set[str]:
        """Ids of the incidents any of ``windows`` may hold, on the machine's values (more than
        fusion's blocking keeps, never fewer), and of every incident whose type, date or place
        an analyst changed (fusion reads their values in force itself). One query a window:
        the type, date and place indexes answer it without reading the other incidents."""
        i, d, r = t.incidents, t.documents, t.reviews
        edited = select(r.c.target_id).where(
            r.c.target_type == "incident", _edited({"type", "date_start", "place_name"})
        )
        with self.engine.connect() as c:
            found = {str(x) for x in c.execute(edited).scalars()}
            for w in windows:
                q = select(i.c.id).select_from(i.join(d, d.c.id == i.c.document_id))
                q = q.where(i.c.type.in_(w.types), _window_place(w), _window_time(w))
                found.update(str(x) for x in c.execute(q).scalars())
        return found

    def iter_judgements(self, target_type: str, target_ids: list[str]) -> Iterator[StoredJudgement]:
        """Analysts' judgements of these incidents or cases, oldest first."""
        j = t.judgements
        q = (
            select(j)
            .where(j.c.target_type == target_type, j.c.target_id.in_(target_ids))
            .order_by(j.c.at, j.c.id)
        )
        with self.engine.connect() as c:
            for row in c.execute(q).mappings():
                yield StoredJudgement(**{**dict(row), "at": _iso(row["at"])})

    def iter_orphaned_reviews(self) -> Iterator[dict[str, Any]]:
        """Reviews of incidents that re-analysis no longer finds and could not re-attach:
        shown to analysts to review again, never applied to another incident."""
        r, i = t.reviews, t.incidents
        q = (
            select(r)
            .join(i, i.c.id == r.c.target_id, isouter=True)
            .where(r.c.target_type == "incident", i.c.id.is_(None))
            .order_by(r.c.updated_at)
        )
        with self.engine.connect() as c:
            for row in c.execute(q):
                yield dict(row._mapping)

    def get_review(self, target_type: str, target_id: str) -> dict[str, Any] | None:
        r = t.reviews
        with self.engine.connect() as c:
            row = (
                c.execute(
                    select(r).where(r.c.target_type == target_type, r.c.target_id == target_id)
                )
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def page_documents(
        self, text: str | None = None, limit: int | None = 50, offset: int = 0
    ) -> tuple[int, list[DocumentSummary]]:
        """Documents, newest publication first; ``text`` in the name, title, publisher or text."""
        d, i = t.documents, t.incidents
        counts = (
            select(i.c.document_id, func.count().label("n")).group_by(i.c.document_id).subquery()
        )
        cols = [
            d.c.id,
            d.c.name,
            d.c.title,
            d.c.publisher,
            d.c.url,
            d.c.published,
            d.c.media_type,
            d.c.ingested_at,
            d.c.sha256,
            func.coalesce(counts.c.n, 0).label("incidents"),
        ]
        s = select(*cols).select_from(d.outerjoin(counts, counts.c.document_id == d.c.id))
        if text:
            pat = _like(text)
            s = s.where(
                or_(
                    *(
                        func.lower(col).like(pat, escape="\\")
                        for col in (d.c.name, d.c.title, d.c.publisher, d.c.text)
                    )
                )
            )
        total_q = select(func.count()).select_from(s.subquery())
        s = s.order_by(d.c.published.is_(None), d.c.published.desc(), d.c.name).offset(offset)
        if limit is not None:
            s = s.limit(limit)
        with self.engine.connect() as c:
            total = int(c.execute(total_q).scalar_one())
            rows = c.execute(s).mappings().all()
        return total, [
            DocumentSummary(**{**dict(row), "ingested_at": _iso(row["ingested_at"])})
            for row in rows
        ]

    def search_documents(
        self, text: str, limit: int | None = 20, offset: int = 0
    ) -> tuple[int, list[DocumentHit]]:
        """Documents whose name, title or text hold every word of ``text`` (stemmed: "shelled"
        finds "shelling"), best first, each with a snippet of its hits; and how many match.
        SQLite's FTS5 table or PostgreSQL's tsvector column (migration 0006)."""
        if self._sqlite:
            match = _fts_match(text)
            if match is None:
                return 0, []
            where = "documents_fts MATCH :q"
            src = "documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            snippet = f"snippet(documents_fts, 2, '{HIT[0]}', '{HIT[1]}', ' … ', 24)"
            order = "bm25(documents_fts), d.name"
            params: dict[str, Any] = {"q": match}
        else:
            where = "d.search @@ websearch_to_tsquery('english', :q)"
            src = "documents d"
            snippet = (
                "ts_headline('english', left(d.text, 1000000), "
                "websearch_to_tsquery('english', :q), :options)"
            )
            order = "ts_rank(d.search, websearch_to_tsquery('english', :q)) DESC, d.name"
            params = {
                "q": text,
                "options": f"StartSel={HIT[0]}, StopSel={HIT[1]}, MaxWords=24, MinWords=8, "
                'MaxFragments=2, FragmentDelimiter=" … "',
            }
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        page += f" OFFSET {int(offset)}" if offset else ""
        cols = "d.id, d.name, d.title, d.publisher, d.published"
        with self.engine.connect() as c:
            total = int(
                c.execute(sql(f"SELECT count(*) FROM {src} WHERE {where}"), params).scalar_one()
            )
            rows = (
                c.execute(
                    sql(
                        f"SELECT {cols}, {snippet} AS snippet FROM {src} "
                        f"WHERE {where} ORDER BY {order}{page}"
                    ),
                    params,
                )
                .mappings()
                .all()
            )
        return total, [
            DocumentHit(
                r["id"],
                r["name"],
                r["title"],
                r["publisher"],
                r["published"],
                _pieces(r["snippet"]),
            )
            for r in rows
        ]

    def iter_statistics(self) -> Iterator[StoredStatistic]:
        """Every stored figure with its document, oldest publication first."""
        s, d = t.statistics, t.documents
        q = (
            select(s, d.c.name.label("document_name"), d.c.published)
            .join(d, d.c.id == s.c.document_id)
            .order_by(d.c.published.is_(None), d.c.published, d.c.name, s.c.seq)
        )
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
            spans = self._spans(c, "statistics", [row["id"] for row in rows])
        for row in rows:
            period = None
            if row["period_start"] or row["period_end"]:
                period = DateRange(row["period_start"], row["period_end"])
            figure = Statistic(
                row["value"],
                row["counted"],
                row["category"],
                period,
                row["as_of"],
                row["by"],
                spans.get(row["id"], []),
            )
            yield StoredStatistic(
                row["id"], row["document_id"], row["document_name"], row["published"], figure
            )

    def iter_spans(self, document_id: str) -> Iterator[tuple[str, str, int, int]]:
        """(fact table, fact id, start, end) of every span in one document."""
        s = t.spans
        q = (
            select(s.c.fact_table, s.c.fact_id, s.c.start, s.c.end)
            .where(s.c.document_id == document_id)
            .order_by(s.c.start, s.c.id)
        )
        with self.engine.connect() as c:
            for row in c.execute(q).all():
                yield str(row[0]), str(row[1]), int(row[2]), int(row[3])

    # -- users and their log-ins
    def get_user(self, name: str) -> StoredUser | None:
        with self.engine.connect() as c:
            row = c.execute(select(t.users).where(t.users.c.name == name)).mappings().first()
        return _user(row) if row else None

    def iter_users(self) -> Iterator[StoredUser]:
        with self.engine.connect() as c:
            for row in c.execute(select(t.users).order_by(t.users.c.name)).mappings():
                yield _user(row)

    def count_users(self, active: bool = True) -> int:
        u = t.users
        q = select(func.count()).select_from(u)
        if active:
            q = q.where(u.c.disabled_at.is_(None))
        with self.engine.connect() as c:
            return int(c.execute(q).scalar_one())

    def get_session(self, session_id: str) -> StoredLogin | None:
        """The log-in session with this id (the hash of its cookie), expired ones included."""
        s, u = t.sessions, t.users
        q = select(s, *(c.label("u_" + c.name) for c in u.c)).join(u, u.c.name == s.c.user_name)
        with self.engine.connect() as c:
            row = c.execute(q.where(s.c.id == session_id)).mappings().first()
        if row is None:
            return None
        user = _user({k[2:]: v for k, v in row.items() if k.startswith("u_")})
        return StoredLogin(row["id"], user, row["csrf"], _utc(row["expires_at"]), False)

    def get_token(self, token_id: str) -> StoredLogin | None:
        """The API token with this id (the hash of the token), expired or revoked included."""
        a, u = t.api_tokens, t.users
        q = select(a, *(c.label("u_" + c.name) for c in u.c)).join(u, u.c.name == a.c.user_name)
        with self.engine.connect() as c:
            row = c.execute(q.where(a.c.id == token_id)).mappings().first()
        if row is None:
            return None
        user = _user({k[2:]: v for k, v in row.items() if k.startswith("u_")})
        expires = _utc(row["expires_at"]) if row["expires_at"] is not None else None
        return StoredLogin(row["id"], user, None, expires, row["revoked_at"] is not None)

    def iter_tokens(self, user_name: str | None = None) -> Iterator[StoredToken]:
        """API tokens (their ids, never the tokens), newest first; of one user on request."""
        a = t.api_tokens
        q = select(a).order_by(a.c.created_at.desc(), a.c.id)
        if user_name is not None:
            q = q.where(a.c.user_name == user_name)
        with self.engine.connect() as c:
            for row in c.execute(q).mappings():
                yield StoredToken(
                    row["id"],
                    row["user_name"],
                    row["label"],
                    *(
                        None if row[k] is None else _iso(row[k])
                        for k in ("created_at", "expires_at", "revoked_at")
                    ),
                )

    # -- user unit files (#4)
    def iter_unit_files(self) -> Iterator[StoredUnitFile]:
        """The user unit files loaded into the store, in load order."""
        u = t.unit_files
        with self.engine.connect() as c:
            for row in c.execute(select(u).order_by(u.c.seq)).mappings():
                yield StoredUnitFile(
                    row["seq"],
                    row["name"],
                    row["sha256"],
                    row["content"],
                    _iso(row["loaded_at"]),
                    row["loaded_by"],
                )


def _document(row: Any) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        name=row["name"],
        publisher=row["publisher"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        media_type=row["media_type"],
        original=row["original"],
        source_path=row["source_path"],
        ingested_at=_timestamp(row["ingested_at"]),
        notes=list(row["notes"] or []),
    )


def _timestamp(value: dt.datetime) -> str:
    """A stored UTC time as SQLite returns it: naive, ``2024-10-01 12:00:00.123456``.
    PostgreSQL returns it aware, in the session's time zone."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value)


def _incident(r: Any, spans: list[tuple[int, int]]) -> Incident:
    place = None
    if r["place_name"]:
        place = Place(
            r["place_name"], r["country"], r["admin1"], r["lat"], r["lon"], r["precision"]
        )
    count = None
    if any(r[k] is not None for k in ("count_low", "count_best", "count_high")):
        count = Count(r["count_low"], r["count_best"], r["count_high"])
    date = DateRange(r["date_start"], r["date_end"]) if r["date_start"] or r["date_end"] else None
    return Incident(
        type=r["type"],
        summary=r["summary"],
        date=date,
        place=place,
        perpetrators=[Actor(p["name"], p.get("kind", "force")) for p in r["perpetrators"]],
        victim_category=r["victim_category"],
        count=count,
        evidence=list(r["evidence"]),
        certainty=r["certainty"],
        attribution=list(r["attribution"]),
        spans=spans,
        case=r["case_id"],
        confidence=r.get("confidence"),
    )


# -- serve (#5) -------------------------------------------------------------------------------

# Columns an analyst edits together, by the name the API uses for the field. A group counts
# as edited where its first column is set in `reviews`; then all its columns come from there.
EDIT_GROUPS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "summary": ("summary",),
    "date": ("date_start", "date_end"),
    "place": ("place_name", "country", "admin1", "lat", "lon", "precision"),
    "perpetrators": ("perpetrator_names", "perpetrators"),
    "victim_category": ("victim_category",),
    "count": ("count_best", "count_low", "count_high"),
    "certainty": ("certainty",),
    "case": ("case_id",),
}
_GROUP_KEY = {col: cols[0] for cols in EDIT_GROUPS.values() for col in cols}

# The facets counted beside the incidents' filters (View.count_incidents_by_field), labelled.
FACETS = {
    "type": "Type",
    "admin1": "Oblast / region",
    "year": "Year",
    "status": "Review",
    "certainty": "Certainty",
    "language": "Language",
}

SORTS = ("date", "-date", "type", "place", "count", "-count", "confidence", "-confidence", "queue")


@dataclass
class IncidentQuery:
    """Filters, order and page of incidents, on the values in force (an analyst's edit wins).
    Every given filter must hold (AND); text filters match literally, without case."""

    type: str | None = None
    since: str | None = None  # partial ISO date: the interval may end on or after it
    until: str | None = None  # partial ISO date: the interval may start on or before it
    place: str | None = None  # substring of the place name or region
    admin1: str | None = None  # the region exactly, e.g. "Donetsk Oblast"
    unit: str | None = None  # substring of a perpetrator's name
    units: list[str] | None = None  # exact perpetrator names (a unit and its subordinates)
    text: str | None = None  # substring of the summary or of the document's text
    search: str | None = None  # words (stemmed) of the summary, place, perpetrators, type
    language: str | None = None  # the document's language, e.g. "en"
    certainty: list[str] | None = None
    status: list[str] | None = None  # vocab.REVIEW_STATUS values
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    cases: list[str] | None = None
    corroboration: list[str] | None = None  # their case's grade (vocab.CORROBORATION), as fused
    document: str | None = None
    ids: list[str] | None = None
    min_confidence: float | None = None  # the machine's confidence at least this
    sort: str = "date"  # one of SORTS
    limit: int | None = 50
    offset: int = 0
    after: str | None = None  # the page after the one whose ``next`` cursor this is
    # Count the matches as far as this, no further (the count of a long list costs what
    # reading it does); IncidentPage.total_exact says whether the total is all of them.
    count_limit: int | None = None


@dataclass(frozen=True)
class FusionWindow:
    """Where and when the incidents one incident could be fused with lie (fusion's blocking
    says which: casefile.fuse.block.windows): of ``types``; dated within ``first``..``last``
    (ISO days: the act ends on or after ``first``, starts on or before ``last``), or undated
    with their document published within ``published``, or (``published`` None) undated and
    unpublished; and placed within ``bbox`` (west, south, east, north), or of ``country`` in
    the oblast ``area`` (its region or its name), or of ``country`` placed no finer than the
    country (``coarse``), or of ``country`` at all (``country_all``)."""

    types: tuple[str, ...]
    first: str
    last: str
    published: tuple[str, str] | None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    area: str | None = None
    coarse: bool = False
    country_all: bool = False


def _window_place(w: FusionWindow) -> Any:
    i = t.incidents
    country = i.c.country.is_(None) if w.country is None else i.c.country == w.country
    parts = []
    if w.bbox is not None:
        west, south, east, north = w.bbox
        parts.append(and_(i.c.lat.between(south, north), i.c.lon.between(west, east)))
    if w.area is not None:
        parts.append(and_(country, or_(i.c.admin1 == w.area, i.c.place_name == w.area)))
    if w.coarse:
        unplaced = or_(i.c.precision == "country", i.c.lat.is_(None), i.c.lon.is_(None))
        parts.append(and_(country, unplaced))
    if w.country_all:
        parts.append(country)
    return or_(false(), *parts)


def _window_time(w: FusionWindow) -> Any:
    i, d = t.incidents, t.documents
    start = func.coalesce(i.c.date_start, i.c.date_end)
    undated = and_(i.c.date_start.is_(None), i.c.date_end.is_(None))
    dated = and_(start <= w.last, _last_day(func.coalesce(i.c.date_end, i.c.date_start)) >= w.first)
    if w.published is None:
        return or_(dated, and_(undated, d.c.published.is_(None)))
    first, last = w.published
    published = and_(d.c.published <= last, _last_day(d.c.published) >= first)
    return or_(dated, and_(undated, published))


@dataclass
class ReviewedIncident:
    """An incident with the values in force (``incident``) and the machine's (``machine``)."""

    id: str
    document_id: str
    document_name: str
    case_id: str
    status: str
    incident: Incident
    machine: Incident
    edited: list[str]  # EDIT_GROUPS names an analyst changed
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    hit: list[tuple[str, bool]] | None = None  # the summary, searched words marked

    def to_record(self) -> dict[str, Any]:
        rec = self.incident.to_record()
        rec.pop("case", None)
        return {
            "id": self.id,
            "document": {"id": self.document_id, "name": self.document_name},
            "case": self.case_id,
            "status": self.status,
            **rec,
            "edited": list(self.edited),
            "machine": {g: field_value(self.machine, g) for g in self.edited},
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            **({} if self.hit is None else {"hit": [{"text": x, "hit": h} for x, h in self.hit]}),
        }


def field_value(incident: Incident, group: str) -> Any:
    """The value of one editable field, in the form the API reads and writes it."""
    values: dict[str, Any] = {
        "type": incident.type,
        "summary": incident.summary,
        "date": incident.date.to_record() if incident.date else None,
        "place": incident.place.to_record() if incident.place else None,
        "perpetrators": [p.to_record() for p in incident.perpetrators],
        "victim_category": incident.victim_category,
        "count": incident.count.to_record() if incident.count else None,
        "certainty": incident.certainty,
        "case": incident.case,
    }
    return values[group]


@dataclass
class IncidentPage:
    total: int
    limit: int | None
    offset: int
    items: list[ReviewedIncident]
    next: str | None = None  # the cursor of the page after this one (IncidentQuery.after)
    total_exact: bool = True  # False: there are more than ``total`` (IncidentQuery.count_limit)
    # True: ``total`` is PostgreSQL's estimate, given where it is far past the count limit
    total_estimated: bool = False


# A list whose estimate is this many times the count limit (or more) is not counted: its total
# is the estimate (View._estimate).
ESTIMATE_PAST = 1
# PostgreSQL reads a list whose estimate is under the count limit divided by this once for
# its page and its count (View._page_counted); one nearer the limit, which may pass it, is
# read for its page in order, then counted (were it read once, a list past the limit would
# be read a second time for its page in order: 10,001 rows kept, then the page)
ONE_READ_UNDER = 4
# SQLite's estimate (View._sampled_estimate): the filters tried on this many incidents (about
# 2 ms at 100,000, on every list whose page is full), the estimate taken where this many
# matched (a relative error of 14% or less) and it is this many times the count limit (a list
# of the limit's size would be estimated so five standard deviations off or more); else counted.
SAMPLE_SIZE = 1000
SAMPLE_HITS = 50
SAMPLE_PAST = 1.5


@functools.lru_cache(maxsize=4)
def _sample(lo: int, hi: int) -> str:
    """SAMPLE_SIZE rowids of ``lo``..``hi`` (all, where there are fewer), always the same
    ones for the same range, as a JSON list (for SQLite's json_each)."""
    size = min(SAMPLE_SIZE, hi - lo + 1)
    return json.dumps(sorted(random.Random(lo * 1_000_003 + hi).sample(range(lo, hi + 1), size)))


@dataclass
class StoredCase:
    """A case: incidents that report one act, as fusion and analysts grouped them (an incident
    not fused yet is a case of its own, case id = incident id)."""

    id: str
    review: dict[str, Any] | None = None  # the case's row in `reviews`
    members: list[ReviewedIncident] = field(default_factory=list)
    fusion: dict[str, Any] | None = None  # fuse.Case.to_record() where fusion made the case

    @property
    def status(self) -> str:
        """The case's own review; a case of one incident stands as its incident does."""
        if self.review:
            return str(self.review["status"])
        return self.members[0].status if len(self.members) == 1 else "unreviewed"

    def claims(self, group: str) -> list[dict[str, Any]]:
        """Each member's value of a field: what each source claims."""
        return [
            {"value": field_value(m.incident, group), "incident": m.id, "document": m.document_name}
            for m in self.members
        ]

    def value(self, group: str) -> Any:
        """The case's value of a field: the analyst's where set, else the earliest member's
        (dates span all members; perpetrators are all named)."""
        r = self.review
        if r and r.get(EDIT_GROUPS[group][0]) is not None:
            merged = {k: v if r.get(k) is None else r[k] for k, v in _NO_INCIDENT.items()}
            return field_value(_incident(merged, []), group)
        values = [field_value(m.incident, group) for m in self.members]
        if group == "date":
            starts = [v["start"] for v in values if v and v["start"]]
            ends = [v["end"] or v["start"] for v in values if v and (v["end"] or v["start"])]
            return {"start": min(starts), "end": max(ends)} if starts else None
        if group == "perpetrators":
            seen: dict[str, dict[str, str]] = {}
            for v in values:
                for p in v:
                    seen.setdefault(p["name"], p)
            return list(seen.values())
        return next((v for v in values if v is not None), None)

    def to_record(self) -> dict[str, Any]:
        groups = [g for g in EDIT_GROUPS if g != "case"]
        r = self.review or {}
        edited = [g for g in groups if r.get(EDIT_GROUPS[g][0]) is not None]
        return {
            "id": self.id,
            "status": self.status,
            **{g: self.value(g) for g in groups},
            "edited": edited,
            "claims": {g: self.claims(g) for g in groups},
            "incidents": [m.to_record() for m in self.members],
            "corroboration": (self.fusion or {}).get("corroboration"),
            "reconciled": _reconciled(self.fusion),
            "links": (self.fusion or {}).get("links", []),
        }


def _reconciled(fusion: dict[str, Any] | None) -> dict[str, Any] | None:
    if not fusion:
        return None
    keys = ("date", "place", "victims", "perpetrators", "conflicts")
    return {k: fusion.get(k) for k in keys}


@dataclass
class CasePage:
    total: int
    limit: int | None
    offset: int
    items: list[StoredCase]
    next: str | None = None  # the cursor of the page after this one (IncidentQuery.after)
    total_exact: bool = True  # False: there are more than ``total`` (IncidentQuery.count_limit)


@dataclass
class StoredJudgement:
    id: str
    target_type: str
    target_id: str
    action: str
    field: str | None
    machine: Any
    before: Any
    after: Any
    reason: str
    user_name: str
    at: str

    def to_record(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class DocumentSummary:
    id: str
    name: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    media_type: str
    ingested_at: str
    sha256: str
    incidents: int

    def to_record(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# Where a search snippet's hit starts and ends: private-use characters no report holds.
HIT = ("\ue000", "\ue001")


@dataclass
class DocumentHit:
    """A document found by full-text search, with a snippet: (text, is a hit) pieces."""

    id: str
    name: str
    title: str | None
    publisher: str | None
    published: str | None
    snippet: list[tuple[str, bool]]

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "snippet": [{"text": t, "hit": hit} for t, hit in self.snippet],
        }


def _fts_match(text: str) -> str | None:
    """``text`` as an FTS5 query that every word must match, each word quoted (never read
    as FTS5 syntax); None where it has no word."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _pieces(snippet: str | None) -> list[tuple[str, bool]]:
    """A snippet cut at its hit markers into (text, is a hit) pieces."""
    pieces: list[tuple[str, bool]] = []
    for part in re.split(f"({HIT[0]}.*?{HIT[1]})", snippet or "", flags=re.DOTALL):
        if part.startswith(HIT[0]):
            pieces.append((part[1:-1], True))
        elif part:
            pieces.append((part, False))
    return pieces


@dataclass
class StoredStatistic:
    id: str
    document_id: str
    document_name: str
    published: str | None
    statistic: Statistic


@dataclass
class StoredToken:
    """An API token as kept: the hash of the token (its id), whose it is, and its dates."""

    id: str
    user_name: str
    label: str
    created_at: str | None
    expires_at: str | None
    revoked_at: str | None

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id[:12],
            "user": self.user_name,
            "label": self.label,
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "revoked_at": self.revoked_at,
            "live": self.revoked_at is None
            and (self.expires_at is None or self.expires_at > dt.datetime.now(dt.UTC).isoformat()),
        }


@dataclass
class StoredUser:
    name: str
    role: str
    password_hash: str
    created_at: str
    disabled: bool

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "created_at": self.created_at,
            "disabled": self.disabled,
        }


@dataclass
class StoredLogin:
    """A session (``csrf`` set) or an API token (``csrf`` None) and whose it is."""

    id: str
    user: StoredUser
    csrf: str | None
    expires_at: dt.datetime | None
    revoked: bool


_NO_INCIDENT: dict[str, Any] = {
    "type": "",
    "summary": "",
    "date_start": None,
    "date_end": None,
    "place_name": None,
    "country": None,
    "admin1": None,
    "lat": None,
    "lon": None,
    "precision": None,
    "victim_category": "unknown",
    "count_low": None,
    "count_best": None,
    "count_high": None,
    "certainty": "",
    "perpetrators": [],
    "evidence": [],
    "attribution": [],
    "case_id": None,
    "confidence": None,
}


def _effective(col: str) -> Any:
    """The value in force of an incidents column (or ``status``, ``case``) of an incident
    joined to its review: the analyst's where its group was edited."""
    i, r = t.incidents, t.reviews
    if col == "status":
        return func.coalesce(r.c.status, literal("unreviewed"))
    if col == "case":
        return func.coalesce(r.c.case_id, i.c.case_id, i.c.id)
    key = _GROUP_KEY.get(col)
    if key is None:  # not editable: id, document_id, seq ...
        return i.c[col]
    if key == col:
        return func.coalesce(r.c[col], i.c[col])
    return case((r.c[key].is_not(None), r.c[col]), else_=i.c[col])


def _loosened(column: Any) -> Any:
    """``column`` (a date) as no index of PostgreSQL holds it, and no statistics: the
    planner leaves it out of the indexes it reads (View._page_counted)."""
    return column.op("||")(literal_column("''"))


def _redated(col: str) -> Any:
    """``_effective`` of an incident whose review moved its date (View._matching's part 2a):
    the dates are the review's own, so that the reviews' index by date serves the list's
    order and its date range."""
    if col in ("date_start", "date_end"):
        return t.reviews.c[col]
    return _effective(col)


# The values in force of a reviewed incident (the parts of View._matching that join reviews)
_IN_FORCE = (_effective, _redated)


def _machine_on(src: Any) -> Callable[[str], Any]:
    """``_machine`` over ``src``: the incidents table or a subquery of its rows."""

    def machine(col: str) -> Any:
        if col == "status":
            return literal("unreviewed")
        if col == "case":
            return func.coalesce(src.c.case_id, src.c.id)
        return src.c[col]

    return machine


# The value in force of an incidents column (or ``status``, ``case``) of an incident without
# a review: the machine's.
_machine = _machine_on(t.incidents)


# Sort keys that View._matching can select besides the incidents' columns: the start date
# with the undated last (or first), as an index on the same expression holds it (migration
# 0008): a literal, not a bound parameter, so that the planners match the index.
_DATE_KEYS = {"date_last": "9999", "date_first": "0000"}


def _sort_key(name: str, e: Callable[[str], Any]) -> Any:
    """The column ``name`` of View._matching, valued by ``e`` (_machine or _effective)."""
    if name in _DATE_KEYS and e is _redated:  # set there: as ix_reviews_incident_date holds it
        return t.reviews.c.date_start
    if name in _DATE_KEYS:
        return func.coalesce(e("date_start"), literal_column(f"'{_DATE_KEYS[name]}'"))
    if name == "certainty_rank":  # the certainty vocabulary's order: confirmed first
        return case(QUEUE_ORDER, value=e("certainty"), else_=len(QUEUE_ORDER))
    if name == "year":  # of the start (a facet)
        return func.substr(e("date_start"), 1, 4)
    if name == "language":  # of the document (a facet)
        d = t.documents
        return select(d.c.language).where(d.c.id == e("document_id")).scalar_subquery()
    return e(name)


# The keys each sort orders by, in order: (column of View._matching, descending). Every list
# ends with the id, so the order is total and a cursor (the last item's keys) is exact. The
# undated come last in every sort, on both backends.
_SORT_KEYS: dict[str, list[tuple[str, bool]]] = {
    "date": [("date_last", False), ("id", False)],
    "-date": [("date_first", True), ("id", True)],
    "type": [("type", False), ("date_last", False), ("id", False)],
    "place": [("place_name", False), ("date_last", False), ("id", False)],
    "count": [("count_best", False), ("date_last", False), ("id", False)],
    "-count": [("count_best", True), ("date_last", False), ("id", False)],
    "confidence": [("confidence", False), ("date_last", False), ("id", False)],
    "-confidence": [("confidence", True), ("date_last", False), ("id", False)],
    # the review queue: the extractor's surest first, then the text's most certain, then
    # the earliest
    "queue": [
        ("confidence", True),
        ("certainty_rank", False),
        ("date_last", False),
        ("id", False),
    ],
}
_CASE_KEYS = [("start", False), ("case_id", False)]
# Incidents the case list reads at first, in one go (View._walk_cases): enough for a page of
# cases past a day of a few hundred incidents (a month-only date), the common case, in one read
CASE_WALK = 1000
# ... where a read ends with a whole day (PostgreSQL: a month-only date comes whole whatever
# the read's length), twice the page's cases at least: a read of 1,000 for a page of 50 read
# 800 incidents more than it needed, in every part of the list
CASE_WALK_DAYS = 100
# The columns of View._matching that the case walk reads (View._keys: the date order's keys
# and the case), which the case count reads too
_WALK_NAMES = ("id", "date_last", "case")
_NULLABLE = {"place_name", "count_best", "confidence"}  # sort keys that can be NULL: they come last


# The review queue's order of certainty: as the vocabulary lists it, from "confirmed" (an
# analyst checks it fastest) to "disputed".
QUEUE_ORDER = {value: rank for rank, value in enumerate(CERTAINTY.values)}


def _order(sort: str, m: Any) -> list[Any]:
    """ORDER BY for ``sort`` over View._matching's columns (id and the keys of _SORT_KEYS)."""
    out = []
    for name, desc in _SORT_KEYS[sort]:
        col = m[name]
        if name in _NULLABLE:
            out.append(col.is_(None))  # last, on both backends
        out.append(col.desc() if desc else col)
    return out


def _after(keys: list[tuple[str, bool]], m: Any, values: list[Any]) -> Any:
    """The rows that come after the row whose keys are ``values``, in the order of ``keys``.

    Where no key can be NULL and all go one way, a row-value comparison: the planners read it
    as a range of the index on the same keys. Else keys compared one after the other, the
    NULLs last."""
    if not any(n in _NULLABLE for n, _ in keys) and len({d for _, d in keys}) == 1:
        row, cursor = tuple_(*(m[n] for n, _ in keys)), tuple_(*(literal(v) for v in values))
        return row < cursor if keys[0][1] else row > cursor
    later = []
    for k, (name, desc) in enumerate(keys):
        col, v = m[name], values[k]
        same = [
            m[n].is_(None) if x is None else m[n] == x
            for (n, _), x in zip(keys[:k], values[:k], strict=True)
        ]
        if v is None:
            continue  # nothing comes after NULL among the NULLs but by a later key
        beyond = col < v if desc else col > v
        if name in _NULLABLE:
            beyond = or_(beyond, col.is_(None))
        later.append(and_(*same, beyond))
    return or_(false(), *later)


def encode_cursor(values: list[Any]) -> str:
    """An opaque cursor of a page's last sort keys (URL-safe)."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The keys in ``cursor``; ValueError if it is not a cursor of a list of this sort."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise ValueError(f"after: {cursor!r} is not the cursor of a page of this list and sort")
    if not all(v is None or isinstance(v, str | int | float) for v in values):
        raise ValueError(f"after: {cursor!r} is not the cursor of a page of this list and sort")
    return values


# The incidents columns each filter of IncidentQuery reads (besides the columns selected).
_FILTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "since": ("date_start", "date_end"),
    "until": ("date_start",),
    "place": ("place_name", "admin1"),
    "admin1": ("admin1",),
    "unit": ("perpetrator_names",),
    "units": ("perpetrator_names",),
    "text": ("summary",),
    "certainty": ("certainty",),
    "status": ("status",),
    "bbox": ("lat", "lon"),
    "cases": ("case",),
    "corroboration": ("case",),
    "min_confidence": ("confidence",),
    "language": ("document_id",),
}
# Names of View._matching that read another column: the facets by year and language.
_READS = {"year": "date_start", "language": "document_id", "certainty_rank": "certainty"}


def _columns_read(q: IncidentQuery, names: tuple[str, ...]) -> set[str]:
    """The columns (values in force) that the filters of ``q`` and the ``names`` read."""
    cols = {"date_start" if n in _DATE_KEYS else _READS.get(n, n) for n in names}
    for name, read in _FILTER_COLUMNS.items():
        if getattr(q, name) is not None:
            cols.update(read)
    return cols


def _edited(cols: set[str]) -> Any:
    """Reviews that changed a value of ``cols``: each edited group sets its first column
    (EDIT_GROUPS); every review sets the status."""
    if "status" in cols:
        return true()
    found = (_GROUP_KEY.get("case_id" if c == "case" else c) for c in cols)
    keys = sorted({k for k in found if k})  # id, document_id ... no analyst changes
    return or_(false(), *(t.reviews.c[k].is_not(None) for k in keys))


def _narrowed(q: IncidentQuery, sqlite: bool) -> Any:
    """Reviews of incidents that ``q`` could match, where an index finds them without the
    incidents' values in force: those of ``q.ids``, or those that put an incident in a case of
    ``q.cases`` or review one that fusion put there (a case's members: an index of reviews by
    target and of incidents by case, where the list's second part would otherwise look up
    every reviewed incident; the values in force are filtered after, as for any list).
    On PostgreSQL the members by case as an array (an InitPlan), which the index of reviews
    takes beside the one of their cases (a subquery would have it scan every review)."""
    r, i = t.reviews, t.incidents
    found: list[Any] = []
    if q.ids is not None:
        found.append(_among(r.c.target_id, q.ids, sqlite))
    if q.cases is not None:
        cases = q.cases
        fused = or_(
            _among(i.c.case_id, cases, sqlite),
            and_(i.c.case_id.is_(None), _among(i.c.id, cases, sqlite)),
        )
        members = select(i.c.id).where(fused)
        by_member = (
            r.c.target_id.in_(members) if sqlite else r.c.target_id == any_(_ArrayOf(members))
        )
        found.append(or_(_among(r.c.case_id, cases, sqlite), by_member))
    return and_(true(), *found)


def _among(column: Any, values: list[str], sqlite: bool) -> Any:
    """``column IN values``; on PostgreSQL ``= ANY`` of one array parameter, so that the
    statement's text is the same whatever the number of values (an IN list is written out
    anew on each call, and psycopg reads a statement past 4 KB again each time: a case page's
    members, 50 cases in five parts, came to 352 parameters and 15 KB)."""
    if sqlite:
        return column.in_(values)
    return column == any_(literal(list(values), PG_ARRAY(String)))


def _reviewed_incident(row: Any, spans: list[tuple[int, int]]) -> ReviewedIncident:
    machine = _incident(row, spans)
    values = {k: row[k] for k in _NO_INCIDENT}
    edited = []
    for group, cols in EDIT_GROUPS.items():
        if row["r_" + cols[0]] is not None:
            edited.append(group)
            values.update({col: row["r_" + col] for col in cols})
    case_id = str(values["case_id"] or row["id"])
    values["case_id"] = case_id
    incident = _incident(values, spans)
    return ReviewedIncident(
        id=row["id"],
        document_id=row["document_id"],
        document_name=row["document_name"] or "",
        case_id=case_id,
        status=row["r_status"] or "unreviewed",
        incident=incident,
        machine=machine,
        edited=edited,
        reviewed_by=row["r_updated_by"],
        reviewed_at=_iso(row["r_updated_at"]) if row["r_updated_at"] else None,
    )


def _user(row: Any) -> StoredUser:
    return StoredUser(
        row["name"],
        row["role"],
        row["password_hash"],
        _iso(row["created_at"]),
        row["disabled_at"] is not None,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC datetime (SQLite returns it naive, in UTC)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _iso(value: dt.datetime) -> str:
    return _utc(value).isoformat(timespec="seconds")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class StoredUnitFile:
    """A user unit file as loaded (``casefile units load``): its text, in its place."""

    seq: int  # place in the load order, from 1
    name: str  # the file's name, e.g. mine.yaml
    sha256: str  # of the file's bytes
    content: str  # the YAML text
    loaded_at: str  # ISO 8601 UTC
    loaded_by: str
