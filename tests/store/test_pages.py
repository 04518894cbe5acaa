"""Keyset pagination of the incident and case lists: walking the pages by their cursors gives
the whole list, in order, in every sort, with the undated, unplaced and uncounted last."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place
from casefile.store import Store
from casefile.store.view import SORTS, IncidentQuery

# (type, date, place, count): ties on every key but the id, and NULLs in each nullable key
ROWS = [
    ("torture", "2022-03", "Bucha", None),
    ("torture", "2022-03", "Bucha", 3),
    ("execution_of_pows", "2024-10-01", "Pokrovsk", 6),
    ("execution_of_pows", None, "Pokrovsk", 6),
    ("attack_on_civilians", "2023-10-05", None, 59),
    ("attack_on_civilians", None, None, None),
    ("killing_of_civilians", "2022-03", "Bucha", 3),
    ("execution_of_pows", "2024-10-13", "Kursk Oblast", 9),
    ("torture", "2023-01-02", "Izium", 2),
]


@pytest.fixture
def listed(fresh_store: Store) -> Store:
    with fresh_store.writer() as w:
        for n, (kind, date, place, count) in enumerate(ROWS):
            doc = Document.from_text(
                f"Report {n} of one act.", name=f"r{n}", published="2025-01-01"
            )
            w.add_document(doc)
            found = Incident(
                type=kind,
                summary=f"Act {n}.",
                date=DateRange(date, date) if date else None,
                place=Place(place, "UA", "Oblast", 48.0, 37.0) if place else None,
                perpetrators=[Actor("Russian forces", "force")],
                victim_category="civilian",
                count=Count(best=count) if count else None,
                spans=[(0, 6)],
            )
            w.add_analysis(Analysis(doc, incidents=[found], extractor="test"))
    return fresh_store


def _walk(store: Store, q: IncidentQuery) -> list[str]:
    ids: list[str] = []
    for _ in range(len(ROWS) + 2):
        page = store.view.page_incidents(q)
        assert page.total == len(ROWS)
        ids += [i.id for i in page.items]
        if page.next is None:
            return ids
        q = replace(q, after=page.next)
    raise AssertionError("the pages never end")


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("size", [1, 2, 4])
def test_pages_by_cursor_give_the_whole_list_in_order(listed: Store, sort: str, size: int) -> None:
    whole = [i.id for i in listed.view.page_incidents(IncidentQuery(sort=sort, limit=None)).items]
    assert len(whole) == len(set(whole)) == len(ROWS)
    assert _walk(listed, IncidentQuery(sort=sort, limit=size)) == whole


@pytest.mark.parametrize(
    ("sort", "last"),
    [("date", "date"), ("-date", "date"), ("place", "place"), ("count", "count")],
)
def test_sorts_put_what_lacks_the_key_last(listed: Store, sort: str, last: str) -> None:
    items = listed.view.page_incidents(IncidentQuery(sort=sort, limit=None)).items
    present = [getattr(i.incident, last) is not None for i in items]
    assert present == sorted(present, reverse=True)
    if sort == "-date":
        dates = [i.incident.date.start for i in items if i.incident.date]
        assert dates == sorted(dates, reverse=True)


def test_pages_by_cursor_keep_the_filters(listed: Store) -> None:
    q = IncidentQuery(type="torture", limit=1)
    assert [i.incident.type for i in listed.view.page_incidents(q).items] == ["torture"]
    page = listed.view.page_incidents(q)
    seen = []
    while True:
        seen += [i.incident.summary for i in page.items]
        if page.next is None:
            break
        page = listed.view.page_incidents(replace(q, after=page.next))
        assert page.total == 3
    assert seen == ["Act 0.", "Act 1.", "Act 8."] or seen == ["Act 1.", "Act 0.", "Act 8."]


def test_case_pages_by_cursor_give_every_case_once(listed: Store) -> None:
    whole = [c.id for c in listed.view.page_cases(IncidentQuery(limit=None)).items]
    q, ids = IncidentQuery(limit=2), []
    while True:
        page = listed.view.page_cases(q)
        assert page.total == len(ROWS)
        ids += [c.id for c in page.items]
        if page.next is None:
            break
        q = replace(q, after=page.next)
    assert ids == whole and len(set(ids)) == len(ROWS)


@pytest.mark.parametrize("cursor", ["not-a-cursor", "WzEsMiwzXQ", "e30"])  # [1,2,3], {}
def test_a_cursor_of_another_list_is_refused(listed: Store, cursor: str) -> None:
    with pytest.raises(ValueError, match="after:"):
        listed.view.page_incidents(IncidentQuery(after=cursor))


def test_list_indexes_exist(fresh_store: Store) -> None:
    from sqlalchemy import text

    catalog = {  # (SQLAlchemy's reflection skips indexes on expressions, with a warning)
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = 'incidents'",
    }[fresh_store.engine.dialect.name]
    with fresh_store.engine.connect() as c:
        names = set(c.execute(text(catalog)).scalars())
    assert {
        "ix_incidents_date_last",
        "ix_incidents_date_first",
        "ix_incidents_type_date_last",
        "ix_incidents_admin1_date_last",
        "ix_incidents_type_admin1_date_last",  # 0009
        "ix_incidents_count_date_last",
        "ix_incidents_count_desc_date_last",
        "ix_incidents_place_date_last",
        "ix_incidents_interval_reach",
        "ix_incidents_lat_lon",  # 0011_day
        "ix_incidents_type_count_desc_date_last",
    } <= names
    reviews = {  # 0012_scale: the reviews that moved a date, by that date
        "sqlite": "SELECT sql FROM sqlite_master WHERE name = :n",
        "postgresql": "SELECT indexdef FROM pg_indexes WHERE indexname = :n",
    }[fresh_store.engine.dialect.name]
    with fresh_store.engine.connect() as c:
        made = c.execute(text(reviews), {"n": "ix_reviews_incident_date"}).scalar_one()
    assert "date_start" in made and "target_id" in made and "IS NOT NULL" in made, made
    if fresh_store.engine.dialect.name == "postgresql":
        with fresh_store.engine.connect() as c:
            stats = "SELECT 1 FROM pg_statistic_ext WHERE stxname = 'st_incidents_interval'"
            interval = (
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_incidents_interval_reach'"
            )
            if c.execute(text(stats)).first():  # (PostgreSQL 14 and later)
                assert "IS TRUE" in c.execute(text(interval)).scalar_one()
            trgm = "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
            if c.execute(text(trgm)).first():  # Debian's server has it: substrings by index
                assert {"ix_incidents_perpetrators_trgm", "ix_incidents_place_trgm"} <= names


@pytest.mark.parametrize(
    ("q", "index"),
    [
        (IncidentQuery(), "ix_incidents_date_last"),
        (IncidentQuery(type="torture"), "ix_incidents_type_date_last"),
        (IncidentQuery(admin1="Oblast", after="WyIyMDIyLTAzIiwgImEiXQ"), "ix_incidents_admin1"),
        (IncidentQuery(type="torture", sort="-count"), "ix_incidents_type_count_desc_date_last"),
    ],
)
def test_a_page_is_read_from_an_index_in_order(tmp_path, q: IncidentQuery, index: str) -> None:
    """SQLite reads the first page (and the page after a cursor) from the index that holds
    the list's order: no sort of every match (bench/list_queries.py measures it at size)."""
    plan = _plans(tmp_path, q)[0]
    first = next(line for line in plan if "incidents" in line)
    assert index in first, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in " ".join(plan[: plan.index(first) + 1]), plan


def _plans(tmp_path, q: IncidentQuery) -> list[list[str]]:
    """SQLite's plan of each statement of ``page_incidents(q)`` (an empty store: SQLite
    keeps no statistics, so the plans are those of any size), the page's first, then (where
    ``q`` has an offset, so that the page does not hold the whole list) the count's."""
    from sqlalchemy import event

    with Store(str(tmp_path / "plan.db")) as store:
        seen: list[tuple[str, object]] = []
        event.listen(
            store.engine, "before_cursor_execute", lambda c, cur, st, p, *a: seen.append((st, p))
        )
        store.view.page_incidents(replace(q, count_limit=10_000))
        statements = [x for x in seen if "min(rowid)" not in x[0]]  # (the estimate's look)
        assert not q.offset or statements[1][0].startswith("SELECT count(*)")
        with store.engine.connect() as c:
            return [
                [row[3] for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + st, params)]
                for st, params in statements
            ]


def test_the_intervals_before_a_day_come_from_their_partial_index(tmp_path) -> None:
    """A list from a day on reads the intervals that start before the day from the partial
    index of intervals, in the page and in the count: never every incident before the day by
    the index of starts or ends (a third of the incidents for a year's list;
    bench/api_load.py)."""
    q = IncidentQuery(type="torture", since="2023-01-01", until="2023-12-31", offset=1)
    plans = _plans(tmp_path, q)
    for plan in plans[:2]:  # the page, the count
        reads = [line for line in plan if line.startswith(("SCAN incidents", "SEARCH incidents"))]
        assert "SCAN incidents USING INDEX ix_incidents_interval_reach" in reads, plan
        assert not any("ix_incidents_date_last (<expr><" in line for line in reads), plan
        assert not any("ix_incidents_date_reach" in line for line in reads), plan


def test_a_bounding_box_is_counted_from_its_index_alone(tmp_path) -> None:
    """The map's box (with a day, as the map sends it) is counted from the index of
    latitudes and longitudes, which holds the dates and the id: no incident's row is read."""
    q = IncidentQuery(bbox=(35.0, 48.0, 37.0, 50.0), since="2023-01-01", offset=1)
    count = _plans(tmp_path, q)[1]
    first = next(line for line in count if "incidents" in line and "USING" in line)
    assert "COVERING INDEX ix_incidents_lat_lon (lat>? AND lat<?)" in first, count


def test_pages_follow_the_values_an_analyst_set(listed: Store) -> None:
    """A review that only confirms leaves an incident where it was; one that moves its date
    moves it in every sort, by cursor too; a status filter sees both reviews."""
    whole = listed.view.page_incidents(IncidentQuery(limit=None)).items
    confirmed, moved = whole[3], whole[5]
    with listed.writer() as w:
        w.put_review("incident", confirmed.id, "ana", {"status": "confirmed"})
        w.put_review(
            "incident",
            moved.id,
            "ana",
            {"status": "edited", "date_start": "2021-01-01", "date_end": "2021-01-01"},
        )
    for sort in SORTS:
        order = [
            i.id for i in listed.view.page_incidents(IncidentQuery(sort=sort, limit=None)).items
        ]
        assert _walk(listed, IncidentQuery(sort=sort, limit=2)) == order
    by_date = [i.id for i in listed.view.page_incidents(IncidentQuery(limit=None)).items]
    assert by_date[0] == moved.id
    assert by_date.index(confirmed.id) == 4  # after the moved one, where it stood before
    first = listed.view.page_incidents(IncidentQuery(until="2021-12-31"))
    assert [i.id for i in first.items] == [moved.id]
    statuses = IncidentQuery(status=["confirmed", "edited"], limit=None)
    assert {i.id for i in listed.view.page_incidents(statuses).items} == {confirmed.id, moved.id}


def test_since_finds_what_started_before_and_reaches_it(listed: Store) -> None:
    """`since` keeps an incident whose interval started before the day and ends after it,
    first in date order; `until` keeps what started by the day."""
    doc = Document.from_text("A siege report.", name="siege", published="2025-01-01")
    with listed.writer() as w:
        w.add_document(doc)
        siege = Incident(
            type="attack_on_civilians",
            summary="A month of shelling.",
            date=DateRange("2023-09-20", "2023-10-20"),
            place=None,
            perpetrators=[],
            victim_category="civilian",
            spans=[(0, 6)],
        )
        w.add_analysis(Analysis(doc, incidents=[siege], extractor="test"))
    q = IncidentQuery(since="2023-10-01", until="2024-12-31", limit=1)
    page = listed.view.page_incidents(q)
    assert [i.incident.summary for i in page.items] == ["A month of shelling."]
    later = listed.view.page_incidents(replace(q, after=page.next))
    assert [i.incident.summary for i in later.items] == ["Act 4."]  # 2023-10-05
    assert page.total == later.total == 4  # and 2024-10-01, 2024-10-13
    assert listed.view.page_incidents(IncidentQuery(until="2023-09-19")).total == 4


@pytest.mark.parametrize(("cap", "total", "exact"), [(None, 9, True), (9, 9, True), (4, 4, False)])
def test_a_count_limit_bounds_the_total(listed: Store, cap, total: int, exact: bool) -> None:
    page = listed.view.page_incidents(IncidentQuery(limit=2, count_limit=cap))
    assert (page.total, page.total_exact, len(page.items)) == (total, exact, 2)


def test_a_list_on_one_page_is_counted_whatever_the_limit(listed: Store) -> None:
    page = listed.view.page_incidents(IncidentQuery(limit=50, count_limit=4))
    assert (page.total, page.total_exact, len(page.items)) == (9, True, 9)


@pytest.mark.parametrize("cap", [2, 50])
@pytest.mark.parametrize(
    "q",
    [
        IncidentQuery(),
        IncidentQuery(since="2022-03-01"),
        IncidentQuery(until="2023-12"),
        IncidentQuery(unit="russian", since="2022-03-01", until="2024-10"),  # dates loosened
    ],
)
def test_pages_counted_as_far_as_a_limit_are_the_same_pages(
    listed: Store, q: IncidentQuery, cap: int
) -> None:
    """A page counted as far as a limit (on PostgreSQL the page and the count come from one
    read where no part of the list passes the limit, and from the ordered read where one
    does) is the page of the list counted to the end, by cursor and by offset, in sorts
    with NULLs last and with four keys; a review that moved a date is read from the
    reviews' index by date; a substring's dates are no bound of an index in the read of the
    page and count together."""
    whole = listed.view.page_incidents(replace(q, limit=None)).items
    with listed.writer() as w:  # moved within the list, to its first day
        w.put_review(
            "incident",
            whole[-1].id,
            "ana",
            {"status": "edited", "date_start": "2022-03-05", "date_end": "2022-03-05"},
        )
    for sort in ("date", "-date", "place", "-count", "queue"):  # (NULLs last, 4 keys)
        listed_q = replace(q, sort=sort)
        expected = [i.id for i in listed.view.page_incidents(replace(listed_q, limit=None)).items]
        n = len(expected)
        by_cursor, by_offset = [], []
        page_q = replace(listed_q, limit=3, count_limit=cap)
        for k in range(n // 3 + 2):
            page = listed.view.page_incidents(page_q)
            by_cursor += [i.id for i in page.items]
            on_one = k == 0 and n < 3  # (a list on one page is counted whatever the limit)
            assert (page.total, page.total_exact) == (
                (n, True) if n <= cap or on_one else (cap, False)
            )
            offset = listed.view.page_incidents(
                replace(listed_q, limit=3, offset=3 * k, count_limit=cap)
            )
            by_offset += [i.id for i in offset.items]
            if page.next is None:
                break
            page_q = replace(page_q, after=page.next)
        assert by_cursor == expected, sort
        assert by_offset == expected, sort


def test_every_list_of_a_date_range_answers(listed: Store) -> None:
    """The cases, the map, the timeline and the facets read the same parts as the list."""
    q = IncidentQuery(since="2023-01-01", until="2024-12-31", type="execution_of_pows")
    assert listed.view.page_cases(q).total == 2
    assert listed.view.incident_points(q)[0] == 2
    assert sum(m["incidents"] for m in listed.view.incident_histogram(q)["months"]) == 2
    assert listed.view.count_incidents_by_field("type", q) == {"execution_of_pows": 2}


@pytest.fixture
def fused(listed: Store) -> Store:
    """ROWS grouped into cases of one to three incidents whose dates lie apart (and one that
    an analyst moved to another case), as fusion and review leave them."""
    ids = [i.id for i in listed.view.page_incidents(IncidentQuery(limit=None)).items]
    # by date: 0-2 are 2022-03, 3 2023-01-02, 4 2023-10-05, 5-6 2024-10, 7-8 undated
    groups = {"case-a": [ids[0], ids[4], ids[7]], "case-b": [ids[1], ids[5]], "case-c": [ids[3]]}
    assignment = {fid: case for case, members in groups.items() for fid in members}
    with listed.writer() as w:
        w.put_cases(assignment, [], [])
        w.put_review("incident", ids[6], "ana", {"status": "edited", "case_id": "case-c"})
    return listed


@pytest.mark.parametrize("size", [1, 2, 3])
@pytest.mark.parametrize(
    "q",
    [IncidentQuery(), IncidentQuery(since="2023-01-01"), IncidentQuery(type="torture")],
)
@pytest.mark.parametrize("walk", [200, 1])  # 1: the walk reads 2 incidents at a time, then more
def test_case_pages_of_fused_cases_follow_their_earliest_match(
    fused: Store, q: IncidentQuery, size: int, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case stands at its earliest matching incident, once, whatever page its later ones
    fall on; walking the pages by cursor gives the list grouped at once (limit None)."""
    from casefile.store import view

    monkeypatch.setattr(view, "CASE_WALK", walk)
    monkeypatch.setattr(view, "CASE_WALK_DAYS", walk)  # (PostgreSQL's reads of whole days)
    whole = fused.view.page_cases(replace(q, limit=None))
    expected = [c.id for c in whole.items]
    assert len(expected) == len(set(expected)) == whole.total
    page, ids = fused.view.page_cases(replace(q, limit=size)), []
    while True:
        assert page.total == whole.total and page.total_exact
        ids += [c.id for c in page.items]
        if page.next is None:
            break
        page = fused.view.page_cases(replace(q, limit=size, after=page.next))
    assert ids == expected
    offset = fused.view.page_cases(replace(q, limit=size, offset=1))
    assert [c.id for c in offset.items] == expected[1 : 1 + size]


def test_a_case_s_members_and_a_list_of_ids_follow_the_reviews(fused: Store) -> None:
    """A case's members are those fusion put there and those an analyst moved there (less
    those moved out), each with its values in force; a list of ids finds reviewed and
    unreviewed incidents alike (View._narrowed: only the reviews of those can count)."""
    ids = [i.id for i in fused.view.page_incidents(IncidentQuery(limit=None)).items]
    with fused.writer() as w:  # moved out of case-a; case-b's first gets another date
        w.put_review("incident", ids[4], "ana", {"status": "edited", "case_id": "case-b"})
        w.put_review(
            "incident",
            ids[1],
            "ana",
            {"status": "edited", "date_start": "2021-05-05", "date_end": "2021-05-05"},
        )

    def members(*cases: str) -> set[str]:
        q = IncidentQuery(cases=list(cases), limit=None)
        return {i.id for i in fused.view.page_incidents(q).items}

    assert members("case-a") == {ids[0], ids[7]}
    assert members("case-b") == {ids[1], ids[4], ids[5]}
    assert members("case-c") == {ids[3], ids[6]}
    assert members("case-b", "case-c") == {ids[1], ids[3], ids[4], ids[5], ids[6]}
    assert members(ids[2]) == {ids[2]}  # unfused: its own case
    found = fused.view.page_incidents(IncidentQuery(ids=[ids[1], ids[2]], limit=None)).items
    assert [i.id for i in found] == [ids[1], ids[2]]  # the moved date first
    assert found[0].incident.date is not None and found[0].incident.date.start == "2021-05-05"


def test_postgresql_sessions_compile_no_plan(fresh_store: Store) -> None:
    """No JIT on the store's PostgreSQL sessions: a list's page reads a few hundred rows, and
    compiling its plan cost more than running it (bench/list_queries.py)."""
    from sqlalchemy import text

    if fresh_store.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with fresh_store.engine.connect() as c:
        assert c.execute(text("SHOW jit")).scalar_one() == "off"


def test_case_list_counts_as_far_as_asked(fused: Store) -> None:
    everything = fused.view.page_cases(IncidentQuery(limit=2))
    assert (everything.total, everything.total_exact) == (5, True)  # a, b, c and two alone
    capped = fused.view.page_cases(IncidentQuery(limit=2, count_limit=3))
    assert (capped.total, capped.total_exact) == (3, False)
    # the cases of the first count_limit + 1 incidents: a floor where there were more
    floor = fused.view.page_cases(IncidentQuery(limit=2, count_limit=5))
    assert floor.total_exact is False and 3 <= floor.total <= 5  # (which ones: the plan's)
    enough = fused.view.page_cases(IncidentQuery(limit=2, count_limit=8))
    assert (enough.total, enough.total_exact) == (5, True)
    # a list of dates counts each part's first in the list's order: the same totals
    dated = IncidentQuery(since="2022-01-01", until="2030")
    assert fused.view.page_cases(replace(dated, limit=None)).total == 4  # a, b, c and one alone
    assert (fused.view.page_cases(replace(dated, limit=2, count_limit=2)).total_exact) is False
    counted = fused.view.page_cases(replace(dated, limit=2, count_limit=8))
    assert (counted.total, counted.total_exact) == (4, True)


def test_a_long_list_gives_postgresql_s_estimate(listed: Store) -> None:
    """Past the count limit, PostgreSQL's estimate (from the statistics ANALYZE keeps) stands
    for the total, and says so; SQLite, whose sample of 9 incidents is too small to tell
    (View._sampled_estimate), counts to the limit."""
    from sqlalchemy import text

    postgres = listed.engine.dialect.name == "postgresql"
    if postgres:
        with listed.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("ANALYZE incidents"))
    for q in (IncidentQuery(), IncidentQuery(since="2022-03-05", until="2030")):
        page = listed.view.page_incidents(replace(q, limit=2, count_limit=2))
        assert len(page.items) == 2 and page.total_exact is False
        if postgres:  # 9 rows (8 since March 2022), estimated
            assert page.total_estimated and page.total >= 2
        else:
            assert not page.total_estimated and page.total == 2
    # a list estimated short of the limit is counted
    near = listed.view.page_incidents(IncidentQuery(limit=2, count_limit=20))
    assert (near.total, near.total_exact, near.total_estimated) == (9, True, False)


@pytest.fixture
def many(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A SQLite store of 600 incidents: 300 of torture in 2023 (their summaries saying
    "beaten"), 290 attacks in 2022, 10 executions in 2024; the sample of the estimate 200."""
    import casefile.store.view as view

    monkeypatch.setattr(view, "SAMPLE_SIZE", 200)
    monkeypatch.setattr(view, "SAMPLE_HITS", 20)
    kinds = [("torture", "2023-05-01", "Detainee beaten.")] * 300
    kinds += [("attack_on_civilians", "2022-07-01", "House shelled.")] * 290
    kinds += [("execution_of_pows", "2024-02-01", "Prisoner shot.")] * 10
    store = Store(str(tmp_path / "many.db"))
    with store.writer() as w:
        for batch in range(0, len(kinds), 100):
            doc = Document.from_text(f"Report {batch}.", name=f"m{batch}", published="2025-01-01")
            w.add_document(doc)
            made = [
                Incident(
                    type=kind,
                    summary=f"{summary} {n}",
                    date=DateRange(day, day),
                    place=None,
                    perpetrators=[],
                    victim_category="civilian",
                    spans=[(0, 6)],
                )
                for n, (kind, day, summary) in enumerate(kinds[batch : batch + 100])
            ]
            w.add_analysis(Analysis(doc, incidents=made, extractor="test"))
    return store


@pytest.mark.parametrize(
    ("q", "near"),
    [
        (IncidentQuery(), 600),
        (IncidentQuery(type="torture"), 300),
        (IncidentQuery(since="2023-01-01"), 310),
        (IncidentQuery(search="beaten"), 300),
        (IncidentQuery(search="beaten", until="2023-12-31"), 300),
    ],
)
def test_sqlite_estimates_a_list_far_past_the_limit(many: Store, q: IncidentQuery, near) -> None:
    """SQLite keeps no statistics: a list that a sample of the incidents puts far past the
    count limit (1.5 times it) is not counted, its total the sample's estimate, and says so."""
    page = many.view.page_incidents(replace(q, limit=10, count_limit=100))
    assert page.total_estimated and not page.total_exact, page.total
    assert 0.6 * near <= page.total <= 1.4 * near  # 200 of 600 sampled: within a few sd
    assert len(page.items) == 10 and page.next is not None


@pytest.mark.parametrize(
    ("q", "total", "exact"),
    [
        (IncidentQuery(type="execution_of_pows"), 10, True),  # few: counted
        (IncidentQuery(type="torture"), 250, False),  # past the limit, not 1.5 times: a floor
        (IncidentQuery(search="shot"), 10, True),  # the index says few hold the word
        (IncidentQuery(status=["unreviewed"]), 250, False),  # a status: counted, not sampled
    ],
)
def test_sqlite_counts_a_list_its_sample_does_not_put_far_past(
    many: Store, q: IncidentQuery, total: int, exact: bool
) -> None:
    page = many.view.page_incidents(replace(q, limit=5, count_limit=250))
    assert (page.total, page.total_exact, page.total_estimated) == (total, exact, False)


def test_text_finds_the_summary_in_force_or_the_document(listed: Store) -> None:
    """`text` matches an incident's summary (an analyst's, where one was written) or its
    document's text, literally and without case."""
    whole = listed.view.page_incidents(IncidentQuery(limit=None)).items
    by_summary = {i.incident.summary: i.id for i in whole}
    assert [i.id for i in listed.view.page_incidents(IncidentQuery(text="act 4.")).items] == [
        by_summary["Act 4."]
    ]
    assert len(listed.view.page_incidents(IncidentQuery(text="REPORT 7 OF")).items) == 1
    with listed.writer() as w:
        w.put_review("incident", by_summary["Act 2."], "ana", {"summary": "A rewritten line."})
    found = listed.view.page_incidents(IncidentQuery(text="rewritten")).items
    assert [i.id for i in found] == [by_summary["Act 2."]]
    assert listed.view.page_incidents(IncidentQuery(text="act 2.")).items == []
    # a reviewed incident is still found by its document's text (PostgreSQL: as an array)
    told = listed.view.page_incidents(IncidentQuery(text="report 2 of")).items
    assert [i.id for i in told] == [by_summary["Act 2."]]


def test_a_case_page_reads_twice_its_cases_where_reads_end_with_a_whole_day(
    fused: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's reads of the case walk end with a whole day (a month-only date comes
    whole whatever the read's length): the first reads twice the page (CASE_WALK_DAYS, at
    least), not CASE_WALK, which SQLite reads so as to pass such a day in one go."""
    from casefile.store import view

    asked: list[int] = []
    keys = view.View._keys

    def counted(self: view.View, q: IncidentQuery, day, past, n: int, *extra, **kw):
        asked.append(n)
        return keys(self, q, day, past, n, *extra, **kw)

    monkeypatch.setattr(view.View, "_keys", counted)
    page = fused.view.page_cases(IncidentQuery(limit=2))
    assert len(page.items) == 2
    sqlite = fused.engine.dialect.name == "sqlite"
    assert asked[0] == (view.CASE_WALK if sqlite else view.CASE_WALK_DAYS)


@pytest.mark.parametrize(("cap", "total", "exact"), [(2, 2, False), (3, 3, False), (5, 4, True)])
def test_a_case_count_reads_the_reviewed_where_the_unreviewed_leave_it_open(
    fused: Store, cap: int, total: int, exact: bool
) -> None:
    """The cases of a list counted as far as a limit: the first part's cases (the unreviewed
    from the list's first day on) first; where those alone pass the limit, the total is the
    limit (the other parts are not read), else the cases the others bring count too (here
    one only a review makes)."""
    ids = [i.id for i in fused.view.page_incidents(IncidentQuery(limit=None)).items]
    with fused.writer() as w:  # ids[2] (alone before) put in a case of its own making
        w.put_review("incident", ids[2], "ana", {"status": "edited", "case_id": "case-d"})
    # dated 0-6: a (0, 4), b (1, 5), c (3; 6 by review), d (2, by review): 3 cases unreviewed
    q = IncidentQuery(since="2022-01-01", until="2030", limit=2, count_limit=cap)
    whole = fused.view.page_cases(replace(q, limit=None, count_limit=None))
    assert sorted(c.id for c in whole.items) == ["case-a", "case-b", "case-c", "case-d"]
    page = fused.view.page_cases(q)
    assert (page.total, page.total_exact) == (total, exact)


def test_a_case_count_past_the_limit_leaves_the_reviewed_unread(fused: Store) -> None:
    """PostgreSQL counts the first part's cases first, once, and runs none of the other
    parts where those are past the limit (a list of 2023 at a million looked up each of the
    2,023 incidents whose review moved a date into it: bench/list_queries.py)."""
    from sqlalchemy import event

    if fused.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL plan")
    seen: list[tuple[str, object]] = []
    keep = lambda c, cur, st, p, *a: seen.append((st, p))  # noqa: E731
    q = IncidentQuery(since="2022-01-01", until="2030", limit=2, count_limit=2)
    event.listen(fused.engine, "before_cursor_execute", keep)
    try:
        assert fused.view.page_cases(q).total == 2
    finally:
        event.remove(fused.engine, "before_cursor_execute", keep)
    statement, params = next((st, p) for st, p in seen if st.startswith("WITH lead"))
    with fused.engine.connect() as c:
        explain = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement
        plan = [row[0] for row in c.exec_driver_sql(explain, params)]
    gates = [n for n, line in enumerate(plan) if "One-Time Filter" in line]
    # from the day on (3 cases past the limit of 2), then before it on a partial date, the
    # intervals, the reviews that moved a date and the others
    assert len(gates) == 4, plan
    read = [line for line in plan[gates[0] :] if "on reviews" in line or "Limit" in line]
    assert read and all("never executed" in line for line in read), plan


def _statements(store: Store, call) -> list[str]:
    from sqlalchemy import event

    seen: list[str] = []
    keep = lambda c, cur, st, p, *a: seen.append(st)  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    return seen


def test_the_case_walk_is_planned_for_its_values(fused: Store) -> None:
    """PostgreSQL plans the case walk for the values at hand on every call: psycopg prepares
    a statement run five times, and the plan PostgreSQL then kept for any values read the
    reviews that moved a date in no order, every one of them (bench/list_queries.py)."""
    if fused.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    seen = _statements(fused, lambda: fused.view.page_cases(IncidentQuery(limit=2)))
    walk = next(n for n, st in enumerate(seen) if st.startswith("SELECT matching.date_last"))
    assert seen[walk - 1] == "SET LOCAL plan_cache_mode = force_custom_plan"
    with fused.engine.connect() as c:  # (the transaction's own: the session keeps its plans)
        assert c.exec_driver_sql("SHOW plan_cache_mode").scalar_one() == "auto"


def test_a_page_s_rows_join_only_their_own_reviews(listed: Store) -> None:
    """A page's rows are read with the reviews of those ids alone, found by the reviews' own
    index (PostgreSQL joined a page to every review, a scan of the table)."""
    seen = _statements(listed, lambda: listed.view.page_incidents(IncidentQuery(limit=3)))
    rows = next(st for st in seen if st.startswith("SELECT incidents.id, incidents.document_id"))
    reviews = rows[rows.index("(SELECT reviews.") :].split(") AS r", 1)[0]
    assert "reviews.target_id" in reviews and ("ANY" in reviews or " IN " in reviews), rows
