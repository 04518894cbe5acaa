"""Fusion without a store: reports of one act join, look-alikes stay apart, grades and
reconciled values, and the order of input does not matter. Example texts are our own."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from casefile.fuse import fuse_records
from casefile.fuse.cluster import cluster
from casefile.resolve.geocode import geocode


def place(name: str) -> dict[str, Any]:
    found = geocode(name, country_hint="UA")
    assert found is not None, name
    rec = found.to_record()
    rec["precision"] = found.precision
    return rec


def record(
    doc_id: str,
    text: str,
    published: str,
    *,
    where: str,
    date: str | None = None,
    type_: str = "attack_on_civilians",
    category: str = "civilian",
    count: int | None = None,
    perpetrators: tuple[str, ...] = ("Russian forces",),
    attribution: tuple[str, ...] = (),
    certainty: str = "reported",
    publisher: str | None = None,
    language: str = "en",
    statements: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "text": text,
        "published": published,
        "publisher": publisher or doc_id,
        "language": language,
        "incidents": [
            {
                "type": type_,
                "summary": "",
                "date": {"start": date, "end": date} if date else None,
                "place": place(where),
                "perpetrators": [
                    {"name": p, "kind": "force" if p.endswith("forces") else "unit"}
                    for p in perpetrators
                ],
                "victims": {
                    "category": category,
                    "count": {"low": None, "best": count, "high": None},
                },
                "evidence": [],
                "certainty": certainty,
                "attribution": list(attribution),
                "spans": [[0, len(text)]],
            }
        ],
        "statements": statements or [],
    }


def cases_of(records: list[dict[str, Any]]) -> dict[str, str]:
    out, _ = fuse_records(records)
    return {r["doc_id"]: r["incidents"][0]["case"] for r in out}


TOLL = [
    record(
        "toll-1",
        "A missile hit a shopping centre in Izium; ten people were killed.",
        "2024-03-10",
        where="Izium",
        date="2024-03-10",
        count=10,
    ),
    record(
        "toll-2",
        "The toll of the missile strike on the Izium shopping centre rose to 18.",
        "2024-03-11",
        where="Izium",
        count=18,
    ),
    record(
        "toll-3",
        "Rescuers ended the search in Izium: 21 people died in the strike on the "
        "shopping centre on 10 March.",
        "2024-03-14",
        where="Izium",
        date="2024-03-10",
        count=21,
    ),
]


def test_three_reports_of_one_strike_with_a_growing_toll_join() -> None:
    assert len(set(cases_of(TOLL).values())) == 1
    _, [case] = fuse_records(TOLL)
    count = case.reconciled.count
    assert count is not None and (count.low, count.best, count.high) == (10, 21, 21)
    assert case.reconciled.date is not None and case.reconciled.date.start == "2024-03-10"
    assert case.links and all("date" in link.comparison.contributions for link in case.links)


def test_two_executions_in_one_oblast_a_month_apart_do_not_join() -> None:
    a = record(
        "exec-1",
        "Prosecutors said soldiers shot two captured men in Zaporizhzhia Oblast.",
        "2024-02-06",
        where="Zaporizhzhia Oblast",
        date="2024-02-04",
        type_="execution_of_pows",
        category="pow",
        count=2,
    )
    b = record(
        "exec-2",
        "Prosecutors opened a case over two captives shot in Zaporizhzhia Oblast.",
        "2024-03-07",
        where="Zaporizhzhia Oblast",
        date="2024-03-05",
        type_="execution_of_pows",
        category="pow",
        count=2,
    )
    cases = cases_of([a, b])
    assert cases["exec-1"] != cases["exec-2"]


def test_a_ukrainian_and_an_english_report_of_one_act_join() -> None:
    en = record(
        "en-kharkiv",
        "A guided bomb struck a printing house in Kharkiv on 23 May, "
        "killing seven workers, Governor Oleh Syniehubov said.",
        "2024-05-23",
        where="Kharkiv",
        date="2024-05-23",
        count=7,
        attribution=("Oleh Syniehubov",),
    )
    uk = record(
        "uk-kharkiv",
        "Керована авіабомба влучила в друкарню в Харкові 23 травня, "
        "загинули семеро працівників, повідомив Олег Синєгубов.",
        "2024-05-23",
        where="Харків",
        date="2024-05-23",
        count=7,
        attribution=("Олег Синєгубов",),
        language="uk",
    )
    lookalike = record(
        "en-kharkiv-later",
        "Another strike hit a warehouse in Kharkiv, killing two.",
        "2024-06-02",
        where="Kharkiv",
        date="2024-06-01",
        count=2,
    )
    cases = cases_of([en, uk, lookalike])
    assert cases["en-kharkiv"] == cases["uk-kharkiv"] != cases["en-kharkiv-later"]


def test_a_citing_chain_counts_as_one_origin() -> None:
    chain = [
        record(
            "paper",
            "A paper, citing CNN, which cited Ukrainian intelligence, said ...",
            "2024-03-11",
            where="Izium",
            date="2024-03-10",
            count=10,
            attribution=("CNN", "Ukrainian intelligence"),
        ),
        record(
            "cnn",
            "CNN, citing Ukrainian intelligence, said ...",
            "2024-03-10",
            where="Izium",
            date="2024-03-10",
            count=10,
            attribution=("Ukrainian intelligence",),
            publisher="CNN",
        ),
        record(
            "hur",
            "Ukrainian intelligence said ...",
            "2024-03-10",
            where="Izium",
            date="2024-03-10",
            count=10,
            publisher="Ukrainian intelligence",
        ),
    ]
    _, [case] = fuse_records(chain)
    assert len(case.corroboration.origins) == 1
    assert case.corroboration.grade == "weak"
    independent = [
        *chain[:2],
        record(
            "police",
            "Police said ...",
            "2024-03-10",
            where="Izium",
            date="2024-03-10",
            count=10,
            attribution=("Police",),
        ),
    ]
    _, [case] = fuse_records(independent)
    assert len(case.corroboration.origins) == 2 and case.corroboration.grade == "fair"


def test_a_denial_makes_a_case_contested() -> None:
    denied = record(
        "denied",
        "Moscow denied striking the shopping centre.",
        "2024-03-11",
        where="Izium",
        date="2024-03-10",
        count=10,
        certainty="disputed",
    )
    _, [case] = fuse_records([TOLL[0], denied])
    assert case.corroboration.grade == "contested"
    assert any("denied" in reason for reason in case.corroboration.reasons)
    # a denial the document carries as a statement contests too
    spokesman = record(
        "ministry",
        "The ministry called the report of the strike a fabrication.",
        "2024-03-11",
        where="Izium",
        date="2024-03-10",
        count=10,
        statements=[
            {"kind": "denial", "speaker": "Ministry of Defence", "target": None, "date": None}
        ],
    )
    _, [case] = fuse_records([TOLL[0], spokesman])
    assert case.corroboration.grade == "contested"


def test_shuffled_input_gives_the_same_cases() -> None:
    extra = [
        record(
            "other-town",
            "A drone hit a bus in Orikhiv, killing four.",
            "2024-03-10",
            where="Orikhiv",
            date="2024-03-10",
            count=4,
        ),
        record(
            "other-day",
            "A missile hit a school in Izium; nobody was hurt.",
            "2024-04-20",
            where="Izium",
            date="2024-04-20",
        ),
    ]
    records = TOLL + extra
    expected = cases_of(records)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = records[:]
        rng.shuffle(shuffled)
        assert cases_of(shuffled) == expected


def test_clustering_does_not_chain_through_a_conflict() -> None:
    # A-B and B-C agree, A and C conflict: B joins one of them, never both
    pairs = np.array([[0, 1], [1, 2], [0, 2]])
    scores = np.array([2.0, 1.9, -1.0])
    conflicts = np.array([False, False, True])
    roots, _ = cluster(["a", "b", "c"], ["d1", "d2", "d3"], pairs, scores, conflicts)
    assert roots[0] == roots[1] != roots[2]


def test_analysts_cases_are_kept_and_never_joined() -> None:
    pairs = np.array([[0, 1]])
    roots, _ = cluster(
        ["a", "b"], ["d1", "d2"], pairs, np.array([5.0]), np.array([False]), ["x", "y"]
    )
    assert roots[0] != roots[1]


def test_array_scores_equal_the_reference_features() -> None:
    from casefile.compare import compare
    from casefile.fuse import reports_of_record
    from casefile.fuse.score import score_one_by_one as reference
    from casefile.fuse.vector import score_pairs, table

    rng = random.Random(5)
    towns = ["Izium", "Orikhiv", "Kharkiv", "Zaporizhzhia Oblast"]
    records = []
    for k in range(40):
        date = rng.choice([None, "2024-03-10", "2024-03-11", "2024-03", "2024"])
        records.append(
            record(
                f"d{k}",
                rng.choice(
                    [
                        "A strike hit a school.",
                        "Another strike hit a market.",
                        "Shelling of a bus stop killed people.",
                    ]
                ),
                rng.choice(["2024-03-10", "2024-03-12", "2024-03-20", None]),
                where=rng.choice(towns),
                date=date,
                type_=rng.choice(["attack_on_civilians", "killing_of_civilians", "torture"]),
                category=rng.choice(["civilian", "unknown", "pow"]),
                count=rng.choice([None, 3, 10, 21]),
                perpetrators=rng.choice(
                    [
                        ("Russian forces",),
                        ("Oleksandr Kovalenko",),
                        ("Олександр Коваленко",),
                        ("Petro Shevchuk",),
                    ]
                ),
            )
        )
    reports = [r for rec in records for r in reports_of_record(rec)]
    pairs = np.array([(a, b) for a in range(len(reports)) for b in range(a + 1, len(reports))])
    want, want_conflicts = reference(reports, pairs)
    got, got_conflicts = score_pairs(table(reports), pairs)
    assert np.allclose(got, want, atol=1e-3)
    assert (got_conflicts == want_conflicts).all()
    assert compare(reports[0].side, reports[1].side).score == pytest.approx(got[0], abs=1e-3)
