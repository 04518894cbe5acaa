"""Analysts' review: judgements keep the machine's value beside theirs, and are audited."""

from __future__ import annotations

import json

import pytest

from casefile.analyze import analyze
from casefile.errors import NotFoundError, ReviewError
from casefile.extract.pipeline import Pipeline
from casefile.review import create_incident, judge, merge_cases, parse_text_value, split_case
from casefile.store import Store
from casefile.store.audit import iter_entries
from casefile.store.view import IncidentQuery

Stocked = tuple[Store, dict[str, str]]
POKROVSK = "Six POWs shot near Pokrovsk."
HROZA = "Missile strike on a cafe in Hroza."


def test_confirm_keeps_a_judgement_and_an_audit_entry(stocked: Stocked) -> None:
    store, ids = stocked
    got = judge(store, "ana", "incident", ids[POKROVSK], "confirm", "Checked the video.")
    assert got.status == "confirmed" and got.reviewed_by == "ana"
    [j] = store.view.iter_judgements("incident", [ids[POKROVSK]])
    assert (j.action, j.before, j.after, j.reason) == (
        "confirm",
        "unreviewed",
        "confirmed",
        "Checked the video.",
    )
    last = list(iter_entries(store.engine))[-1]
    assert (last.actor, last.action, last.object_id) == ("ana", "incident.confirm", ids[POKROVSK])
    assert json.loads(last.after) == {"status": "confirmed"}
    assert store.audit.verify(store.engine).ok


def test_an_edit_wins_and_the_machine_value_stays(stocked: Stocked) -> None:
    store, ids = stocked
    place = {
        "name": "Selydove",
        "admin1": "Donetsk Oblast",
        "country": "UA",
        "lat": 48.15,
        "lon": 37.30,
    }
    got = judge(store, "ana", "incident", ids[POKROVSK], "edit", "Geolocated.", "place", place)
    assert got.incident.place is not None and got.incident.place.name == "Selydove"
    assert got.machine.place is not None and got.machine.place.name == "Pokrovsk"
    rec = got.to_record()
    assert rec["edited"] == ["place"] and rec["machine"]["place"]["name"] == "Pokrovsk"
    # filters and sorting use the value in force
    assert store.view.page_incidents(IncidentQuery(place="selydove")).total == 1
    assert store.view.page_incidents(IncidentQuery(place="pokrovsk")).total == 0
    [j] = store.view.iter_judgements("incident", [ids[POKROVSK]])
    assert j.machine["name"] == "Pokrovsk" and j.after["name"] == "Selydove"


@pytest.mark.parametrize(
    ("field", "value", "check"),
    [
        ("type", "torture", lambda i: i.type == "torture"),
        (
            "date",
            {"start": "2024-09-30", "end": "2024-10-01"},
            lambda i: (i.date.start, i.date.end) == ("2024-09-30", "2024-10-01"),
        ),
        (
            "count",
            {"low": 5, "best": 6, "high": 7},
            lambda i: (i.count.low, i.count.high) == (5, 7),
        ),
        (
            "perpetrators",
            ["155th Naval Infantry Brigade"],
            lambda i: [p.name for p in i.perpetrators] == ["155th Naval Infantry Brigade"],
        ),
        ("certainty", "confirmed", lambda i: i.certainty == "confirmed"),
        ("summary", "Six POWs executed.", lambda i: i.summary == "Six POWs executed."),
        ("victim_category", "civilian", lambda i: i.victim_category == "civilian"),
    ],
)
def test_each_field_can_be_edited(stocked: Stocked, field: str, value: object, check) -> None:
    store, ids = stocked
    got = judge(store, "ana", "incident", ids[POKROVSK], "edit", "Corrected.", field, value)
    assert check(got.incident), got.incident
    assert got.edited == [field]


@pytest.mark.parametrize(
    ("action", "field", "value", "reason", "error"),
    [
        ("confirm", None, None, "  ", "reason: required"),
        ("approve", None, None, "x", "action 'approve'"),
        ("edit", "colour", "red", "x", "field 'colour' cannot be edited"),
        ("edit", "type", "war", "x", "type: 'war' is not one of"),
        ("edit", "date", {"start": "yesterday"}, "x", "not an ISO date"),
        ("edit", "date", {"start": "2024-10-02", "end": "2024-10-01"}, "x", "before start"),
        ("edit", "place", {"name": "X", "lat": 200, "lon": 0}, "x", "place.lat"),
        ("edit", "count", {"best": -1}, "x", "count.best"),
        ("edit", "perpetrators", ["a|b"], "x", "no '|'"),
        ("confirm", "type", None, "x", "confirm takes no field"),
    ],
)
def test_bad_judgements_say_what_is_wrong_and_change_nothing(
    stocked: Stocked, action: str, field: str | None, value: object, reason: str, error: str
) -> None:
    store, ids = stocked
    before = len(list(iter_entries(store.engine)))
    with pytest.raises(ReviewError, match=error):
        judge(store, "ana", "incident", ids[POKROVSK], action, reason, field, value)
    assert len(list(iter_entries(store.engine))) == before
    assert list(store.view.iter_judgements("incident", [ids[POKROVSK]])) == []


def test_unknown_targets_are_not_found(stocked: Stocked) -> None:
    store, _ = stocked
    with pytest.raises(NotFoundError, match="no incident nope"):
        judge(store, "ana", "incident", "nope", "confirm", "x")
    with pytest.raises(NotFoundError, match="no case nope"):
        merge_cases(store, "ana", "nope", ["x"], "x")


def test_reject_then_filter_by_status(stocked: Stocked) -> None:
    store, ids = stocked
    judge(store, "ana", "incident", ids[HROZA], "reject", "Not an incident: a commentary.")
    assert store.view.page_incidents(IncidentQuery(status=["rejected"])).total == 1
    assert store.view.page_incidents(IncidentQuery(status=["unreviewed"])).total == 4
    assert store.view.count_incidents_by_field("status") == {"unreviewed": 4, "rejected": 1}


def test_merge_then_split_cases(stocked: Stocked) -> None:
    store, ids = stocked
    a, b = ids["Detainees beaten in Bucha."], ids["Civilians shot in Bucha."]
    assert store.view.get_case(a) is not None and len(store.view.get_case(a).members) == 1
    merged = merge_cases(store, "ana", a, [b], "Same event, two reports.")
    assert {m.id for m in merged.members} == {a, b}
    assert store.view.get_case(b) is None
    assert store.view.page_cases(IncidentQuery(place="bucha")).total == 1
    record = merged.to_record()
    assert sorted(c["value"] for c in record["claims"]["type"]) == [
        "killing_of_civilians",
        "torture",
    ]
    split = split_case(store, "ana", a, [b], "Different events after all.")
    assert [m.id for m in split.members] == [b] and split.id not in (a, b)
    assert [m.id for m in store.view.get_case(a).members] == [a]
    with pytest.raises(ReviewError, match="not none or all"):
        split_case(store, "ana", a, [a], "x")
    # each decision is followed by fusion of the cases it touched (audited as cases.fuse)
    actions = [e.action for e in iter_entries(store.engine)]
    assert actions[-4:] == ["case.merge", "cases.fuse", "case.split", "cases.fuse"]


def test_a_case_can_be_judged_too(stocked: Stocked) -> None:
    store, ids = stocked
    case = judge(store, "ana", "case", ids[HROZA], "edit", "Official toll.", "count", 59)
    assert case.to_record()["count"] == {"low": 59, "best": 59, "high": 59}
    assert judge(store, "ana", "case", ids[HROZA], "confirm", "Two sources agree.").status == (
        "confirmed"
    )


def test_an_analyst_enters_testimony_and_analyze_leaves_it(stocked: Stocked) -> None:
    store, _ = stocked
    record = {
        "type": "torture",
        "summary": "A former detainee describes beatings in Kherson.",
        "date": {"start": "2022-09", "end": "2022-10"},
        "place": {
            "name": "Kherson",
            "admin1": "Kherson Oblast",
            "country": "UA",
            "lat": 46.64,
            "lon": 32.61,
        },
        "perpetrators": ["Russian forces"],
        "victims": {"category": "civilian", "count": 1},
        "evidence": ["testimony"],
        "certainty": "reported",
    }
    source = {
        "text": "I was held in the basement from September to October and beaten daily.",
        "title": "Interview 17",
        "taken_by": "Team B",
        "date": "2023-02-01",
    }
    got = create_incident(store, "ana", record, source, "Interview by the team.")
    assert got.incident.place is not None and got.incident.place.admin1 == "Kherson Oblast"
    assert got.incident.spans == [(0, len(source["text"]))]
    doc = store.view.get_document(got.document_id)
    assert (
        doc is not None
        and doc.media_type == "text/x-casefile-testimony"
        and doc.publisher == "Team B"
    )
    second = create_incident(
        store, "ana", {**record, "type": "unlawful_detention"}, source, "Same."
    )
    assert second.document_id == got.document_id and second.id != got.id
    assert store.view.page_incidents(IncidentQuery(document=got.document_id)).total == 2

    analyze(store, Pipeline([]), again=True)  # a pipeline that finds no incident in anything
    assert store.view.page_incidents(IncidentQuery(document=got.document_id)).total == 2
    actions = [e.action for e in iter_entries(store.engine)]
    assert actions.count("incident.create") == 2 and "document.import" in actions


def test_testimony_needs_text_and_a_valid_incident(stocked: Stocked) -> None:
    store, _ = stocked
    with pytest.raises(ReviewError, match=r"source\.text"):
        create_incident(store, "ana", {"type": "torture"}, {"text": " "}, "x")
    with pytest.raises(ReviewError, match="type: required"):
        create_incident(store, "ana", {}, {"text": "Said."}, "x")
    with pytest.raises(ReviewError, match=r"source\.spans"):
        create_incident(
            store, "ana", {"type": "torture"}, {"text": "Said.", "spans": [[0, 99]]}, "x"
        )


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("date", "2024-10-01", {"start": "2024-10-01", "end": "2024-10-01"}),
        ("date", "2024-10-01..2024-10-03", {"start": "2024-10-01", "end": "2024-10-03"}),
        (
            "place",
            "Hroza; Kharkiv Oblast; 49.65, 37.75",
            {
                "name": "Hroza",
                "admin1": "Kharkiv Oblast",
                "lat": 49.65,
                "lon": 37.75,
                "precision": "settlement",
            },
        ),
        ("count", "5-7", {"low": 5, "best": 5, "high": 7}),
        ("perpetrators", "A; B", ["A", "B"]),
        ("type", " torture ", "torture"),
    ],
)
def test_form_values_parse(field: str, text: str, value: object) -> None:
    assert parse_text_value(field, text) == value


def test_map_timeline_and_lists_on_both_backends(stocked: Stocked) -> None:
    store, ids = stocked
    judge(store, "ana", "incident", ids[HROZA], "edit", "Moved.", "date", "2023-11-05")
    kyiv = IncidentQuery(admin1="Kyiv Oblast")
    total, points = store.view.incident_points(kyiv)
    assert total == 2 and {p["place"] for p in points} == {"Bucha"}
    assert store.view.incident_points(IncidentQuery(), limit=1)[0] == 5
    months = store.view.incident_histogram(IncidentQuery())["months"]
    assert {"month": "2023-11", "incidents": 1, "cases": 1} in months
    assert store.view.count_incidents_by_field("admin1")["Kyiv Oblast"] == 2
    page = store.view.page_incidents(IncidentQuery(sort="-date", limit=2, offset=1))
    assert page.total == 5 and page.items[0].id == ids[POKROVSK]
    assert store.view.page_incidents(IncidentQuery(limit=2, offset=10)).total == 5
    total_docs, docs = store.view.page_documents("hroza")
    assert total_docs == 1 and docs[0].incidents == 1
    assert store.view.page_cases(IncidentQuery(type="torture")).total == 1
