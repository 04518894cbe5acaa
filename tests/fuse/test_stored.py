"""``casefile fuse`` on the store: incremental, stable ids, analysts' decisions kept,
independent of the order documents came in."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from casefile.fuse.stored import fuse_store
from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place
from casefile.review import not_same, split_case
from casefile.store import Store
from casefile.store import tables as t
from casefile.store.view import IncidentQuery

IZIUM = Place("Izium", "UA", "Kharkiv Oblast", 49.20697, 37.27679, "settlement")
ORIKHIV = Place("Orikhiv", "UA", "Zaporizhzhia Oblast", 47.57613, 35.78333, "settlement")

# name, published, text, date, place, count
DOCS = [
    (
        "a",
        "2024-03-10",
        "A missile hit a shopping centre in Izium, killing ten.",
        "2024-03-10",
        IZIUM,
        10,
    ),
    ("b", "2024-03-11", "The Izium shopping centre toll rose to 18.", None, IZIUM, 18),
    (
        "c",
        "2024-03-14",
        "Twenty-one died in the Izium strike of 10 March.",
        "2024-03-10",
        IZIUM,
        21,
    ),
    ("d", "2024-03-10", "A drone hit a bus in Orikhiv, killing four.", "2024-03-10", ORIKHIV, 4),
    ("e", "2024-04-20", "A missile hit a school in Izium at night.", "2024-04-20", IZIUM, None),
    ("f", "2024-03-12", "Nineteen now dead after the Izium mall strike.", None, IZIUM, 19),
]


def analysis(name: str) -> Analysis:
    _, published, text, date, place, count = next(d for d in DOCS if d[0] == name)
    doc = Document.from_text(text, name=name, published=published, publisher=f"pub-{name}")
    inc = Incident(
        type="attack_on_civilians",
        date=DateRange(date, date) if date else None,
        place=place,
        perpetrators=[Actor("Russian forces", "force")],
        victim_category="civilian",
        count=Count(best=count) if count else None,
        spans=[(0, len(text))],
    )
    return Analysis(doc, incidents=[inc], extractor="test")


def add(store: Store, name: str) -> None:
    a = analysis(name)
    with store.writer() as w:
        w.add_document(a.document)
        w.add_analysis(a)


def partition(store: Store) -> dict[str, set[str]]:
    """{case id: the names of the documents of its incidents}."""
    out: dict[str, set[str]] = {}
    for m in store.view.iter_reviewed_incidents(IncidentQuery(limit=None)):
        out.setdefault(m.case_id, set()).add(m.document_name)
    return out


def test_fuse_joins_one_act_and_keeps_case_ids_while_members_stay(fresh_store: Store) -> None:
    for name in "abcde":
        add(fresh_store, name)
    report = fuse_store(fresh_store)
    assert report.incidents == 5 and report.cases == 3
    cases = partition(fresh_store)
    assert sorted(map(sorted, cases.values())) == [["a", "b", "c"], ["d"], ["e"]]
    [izium] = [cid for cid, names in cases.items() if names == {"a", "b", "c"}]
    case = fresh_store.view.get_case(izium)
    assert case is not None and case.fusion is not None
    record = case.to_record()
    assert record["reconciled"]["victims"]["count"] == {"low": 10, "best": 21, "high": 21}
    assert record["corroboration"]["grade"] == "strong" and record["links"]
    # nothing new: nothing is fused again; all again: the same ids
    assert fuse_store(fresh_store).incidents == 0
    assert fuse_store(fresh_store, again=True).moved == 0
    assert partition(fresh_store) == cases


def test_an_analysts_split_survives_reanalysis_and_refusion(fresh_store: Store) -> None:
    for name in "abc":
        add(fresh_store, name)
    fuse_store(fresh_store)
    [(case_id, _)] = partition(fresh_store).items()
    case = fresh_store.view.get_case(case_id)
    assert case is not None
    b = next(m.id for m in case.members if m.document_name == "b")
    split_case(fresh_store, "ana", case_id, [b], "The toll report is about another strike.")
    # re-analysis replaces every document's incidents (they are not fused any more) ...
    for name in "abc":
        add(fresh_store, name)
    assert all(
        m.machine.case is None
        for m in fresh_store.view.iter_reviewed_incidents(IncidentQuery(limit=None))
    )
    # ... and fusion, incremental or all again, keeps the analyst's split
    fuse_store(fresh_store)
    fuse_store(fresh_store, again=True)
    assert sorted(map(sorted, partition(fresh_store).values())) == [["a", "c"], ["b"]]


def test_not_the_same_keeps_two_cases_apart(fresh_store: Store) -> None:
    for name in "ab":
        add(fresh_store, name)
    ids = [m.case_id for m in fresh_store.view.iter_reviewed_incidents(IncidentQuery(limit=None))]
    not_same(fresh_store, "ana", ids[0], ids[1], "Two strikes on one day.")
    fuse_store(fresh_store)
    assert len(partition(fresh_store)) == 2


def test_ingest_order_does_not_change_the_cases(tmp_path: Path) -> None:
    results = []
    for k, order in enumerate(["abcde", "".join(random.Random(3).sample("abcde", 5)), "edcba"]):
        store = Store(f"sqlite:///{tmp_path / f'order{k}.db'}")
        try:
            for name in order:  # one document at a time, fused as it comes
                add(store, name)
                fuse_store(store)
            results.append(partition(store))
        finally:
            store.close()
    assert results[0] == results[1] == results[2]


def test_a_new_document_reads_and_rewrites_only_the_cases_around_it(fresh_store: Store) -> None:
    for name in "abcde":
        add(fresh_store, name)
    fuse_store(fresh_store)

    def fused() -> dict[str, object]:
        with fresh_store.engine.connect() as c:
            return dict(c.execute(select(t.cases.c.id, t.cases.c.fused_at)).all())  # type: ignore[arg-type]

    before = fused()
    add(fresh_store, "f")  # a later toll of the Izium strike of 10 March
    report = fuse_store(fresh_store)
    # read: the new incident and the Izium case of 10 March it could join, not the Orikhiv
    # strike (another place) nor the Izium school (another month)
    assert (report.read, report.incidents, report.cases) == (4, 4, 1)
    after = fused()
    cases = partition(fresh_store)
    assert sorted(map(sorted, cases.values())) == [["a", "b", "c", "f"], ["d"], ["e"]]
    untouched = [cid for cid, names in cases.items() if names in ({"d"}, {"e"})]
    assert len(untouched) == 2 and all(after[cid] == before[cid] for cid in untouched)


def test_cases_count_once_per_act_and_filter_by_grade(fresh_store: Store) -> None:
    from casefile.api.routes.statistics import statistics_record

    for name in "abcd":  # a, b, c: one strike in Izium; d: another in Orikhiv
        add(fresh_store, name)
    fuse_store(fresh_store)
    stats = statistics_record(fresh_store, IncidentQuery())
    assert (stats["cases"]["total"], stats["incidents"]["total"]) == (2, 4)
    assert stats["cases"]["by_type"] == {"attack_on_civilians": 2}
    assert stats["cases"]["by_region"] == {"Kharkiv Oblast": 1, "Zaporizhzhia Oblast": 1}
    assert stats["cases"]["by_corroboration"] == {"single-source": 1, "strong": 1}
    assert stats["cases"]["by_month"]["months"] == [
        {"month": "2024-03", "incidents": 3, "cases": 2}  # b is undated
    ]
    assert stats["cases"]["by_month"]["cases_undated"] == 0
    strong = fresh_store.view.page_cases(IncidentQuery(corroboration=["strong"]))
    assert [sorted(m.document_name for m in c.members) for c in strong.items] == [["a", "b", "c"]]
    single = fresh_store.view.page_incidents(IncidentQuery(corroboration=["single-source"]))
    assert [m.document_name for m in single.items] == ["d"]


def varied_analyses(n: int, seed: int) -> list[Analysis]:
    """Reports of strikes in and around Izium, some undated, some placed only in the oblast
    or the country, the coarse ones first."""
    oblast = Place("Kharkiv Oblast", "UA", "Kharkiv Oblast", 49.5, 36.5, "admin1")
    country = Place("Ukraine", "UA", None, None, None, "country")
    balakliia = Place("Balakliia", "UA", "Kharkiv Oblast", 49.4627, 36.8586, "settlement")
    rng = random.Random(seed)
    out = []
    for k in range(n):
        day = f"2024-03-{rng.choice([10, 11, 12, 20]):02d}"
        text = (
            rng.choice(
                ["A missile hit a market, killing {n}.", "Shelling hit a bus stop; {n} died."]
            ).format(n=rng.choice([3, 5, 9]))
            + f" (report {k})"
        )  # one document each
        doc = Document.from_text(text, name=f"r{k}", published=day, publisher=f"p{k}")
        inc = Incident(
            type=rng.choice(["attack_on_civilians", "attack_on_civilians", "torture"]),
            date=DateRange(day, day) if rng.random() < 0.7 else None,
            place=rng.choice([IZIUM, IZIUM, balakliia, oblast, country]),
            perpetrators=[Actor("Russian forces", "force")],
            victim_category="civilian",
            count=Count(best=rng.choice([3, 5, 9])),
            spans=[(0, len(text))],
        )
        out.append(Analysis(doc, incidents=[inc], extractor="test"))
    precise = lambda a: a.incidents[0].place.precision == "settlement"  # noqa: E731
    return sorted(out, key=precise)


def test_the_windows_a_store_answers_hold_every_candidate_pair(fresh_store: Store) -> None:
    from casefile.fuse.block import candidate_pairs, windows
    from casefile.fuse.stored import _Loaded
    from casefile.fuse.vector import table

    for a in varied_analyses(24, 5):
        with fresh_store.writer() as w:
            w.add_document(a.document)
            w.add_analysis(a)
    loaded = _Loaded(fresh_store)
    rows = loaded.everything()
    t = table(loaded._reports(rows))
    pairs = candidate_pairs(t).tolist()
    assert len(pairs) > 20
    for k, row in enumerate(rows):
        found = fresh_store.view.fusion_candidate_ids(windows(t, [k]))
        partners = {rows[j].id for i, j in pairs if i == k} | {
            rows[i].id for i, j in pairs if j == k
        }
        assert partners <= found, row.document_name
        assert len(found) < len(rows)  # a window, not the archive


def test_one_document_at_a_time_gives_what_fusing_all_at_once_gives(tmp_path: Path) -> None:
    analyses = varied_analyses(16, 11)
    results = []
    for k, one_by_one in enumerate([True, False]):
        store = Store(f"sqlite:///{tmp_path / f'all{k}.db'}")
        try:
            for a in analyses:
                with store.writer() as w:
                    w.add_document(a.document)
                    w.add_analysis(a)
                if one_by_one:
                    fuse_store(store)
            fuse_store(store)
            results.append(sorted(map(sorted, partition(store).values())))
        finally:
            store.close()
    assert results[0] == results[1]
    assert any(len(case) > 1 for case in results[0])


def test_too_many_windows_read_everything_once(fresh_store: Store, monkeypatch) -> None:
    import casefile.fuse.stored as stored

    for name in "abcde":
        add(fresh_store, name)
    monkeypatch.setattr(stored, "MAX_WINDOWS", 0)
    report = fuse_store(fresh_store)
    assert (report.read, report.incidents, report.cases) == (5, 5, 3)
    assert sorted(map(sorted, partition(fresh_store).values())) == [["a", "b", "c"], ["d"], ["e"]]
