"""Export formats over a stocked store: ACLED-style CSV, GeoJSON (RFC 7946), followthemoney
entities, per-document analysis records; analysts' values and the audit entry."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from casefile.errors import CasefileError
from casefile.export import export, formats
from casefile.export.acled import ACLED_COLUMNS, mapping, time_precision
from casefile.export.base import Item
from casefile.export.ftm import validate
from casefile.model import Analysis, Incident, Person, sha256
from casefile.review import judge
from casefile.store import Store
from casefile.store.audit import iter_entries
from casefile.store.view import IncidentQuery
from casefile.vocab import INCIDENT_TYPES, PRECISIONS


@pytest.fixture
def store(stocked_sqlite: tuple[Store, dict[str, str]]) -> tuple[Store, dict[str, str]]:
    return stocked_sqlite


def everything() -> IncidentQuery:
    return IncidentQuery(limit=None)


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_every_format_is_registered_by_name() -> None:
    assert {f.name for f in formats()} >= {"csv", "geojson", "ftm", "jsonl", "records"}


def test_csv_has_acleds_header_then_casefiles_columns(store) -> None:
    s, _ = store
    data = export(s, "ana", "csv", everything()).data
    header = data.decode().splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[:31][-1] == "timestamp" and len(ACLED_COLUMNS) == 31
    assert "case_id" in header[31:] and "review_status" in header[31:]
    assert len(rows(data)) == 5


def test_csv_maps_types_precisions_and_dates(store) -> None:
    s, _ = store
    by_note = {r["notes"]: r for r in rows(export(s, "ana", "csv", everything()).data)}
    pokrovsk = by_note["Six POWs shot near Pokrovsk."]
    assert (pokrovsk["event_type"], pokrovsk["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )
    assert pokrovsk["event_date"] == "2024-10-01" and pokrovsk["time_precision"] == "1"
    assert (pokrovsk["iso"], pokrovsk["country"], pokrovsk["region"]) == (
        "804",
        "Ukraine",
        "Europe",
    )
    assert pokrovsk["event_id_cnty"].startswith("UKR")
    assert (pokrovsk["actor1"], pokrovsk["inter1"], pokrovsk["actor2"]) == (
        "30th Motorized Rifle Brigade",
        "1",
        "Prisoners of war",
    )
    assert (pokrovsk["fatalities"], pokrovsk["victims_best"]) == ("6", "6")
    assert (pokrovsk["latitude"], pokrovsk["longitude"]) == ("48.28", "37.18")
    hroza = by_note["Missile strike on a cafe in Hroza."]
    assert hroza["event_type"] == "Explosions/Remote violence"
    assert (hroza["civilian_targeting"], hroza["interaction"]) == ("Civilian targeting", "17")
    torture = by_note["Detainees beaten in Bucha."]
    # a month: its first day, and ACLED's "a month or more"
    assert (torture["event_date"], torture["time_precision"]) == ("2022-03-01", "3")
    assert torture["date_start"] == "2022-03" and torture["fatalities"] == "0"
    kursk = by_note["Nine POWs shot in Kursk Oblast."]
    assert kursk["iso"] == "643" and kursk["event_id_cnty"].startswith("RUS")


def test_every_type_and_precision_has_a_documented_mapping() -> None:
    m = mapping()
    assert set(m["types"]) == set(INCIDENT_TYPES.values)
    assert set(m["geo_precision"]) == set(PRECISIONS.values)
    docs = (Path(__file__).parents[2] / "docs" / "exports.md").read_text()
    for value in [*INCIDENT_TYPES.values, *PRECISIONS.values]:
        assert f"`{value}`" in docs, value


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ("2024-10-01", "2024-10-01", "1"),
        ("2024-10-01", "2024-10-06", "2"),
        ("2024-10-01", "2024-10-30", "3"),
        ("2024-10", "2024-10", "3"),
        ("2024", None, "3"),
        (None, None, ""),
    ],
)
def test_time_precision(start, end, code) -> None:
    assert time_precision(start, end) == code


def test_exports_carry_the_analysts_values_and_say_what_changed(store) -> None:
    s, ids = store
    pokrovsk = ids["Six POWs shot near Pokrovsk."]
    judge(s, "ana", "incident", pokrovsk, "edit", "seven in the video", "count", {"best": 7})
    row = next(
        r for r in rows(export(s, "ana", "csv", everything()).data) if r["casefile_id"] == pokrovsk
    )
    assert (row["victims_best"], row["fatalities"], row["edited"]) == ("7", "7", "count")
    assert json.loads(row["machine_values"]) == {"count": {"low": None, "best": 6, "high": None}}
    geo = json.loads(export(s, "ana", "geojson", everything()).data)
    props = next(f["properties"] for f in geo["features"] if f["id"] == pokrovsk)
    assert props["victims_best"] == 7 and props["edited"] == ["count"]
    assert props["machine"]["count"]["best"] == 6


def test_an_export_is_audited_with_its_checksum(store) -> None:
    s, _ = store
    q = IncidentQuery(type="execution_of_pows", limit=None)
    result = export(s, "ana", "geojson", q)
    last = list(iter_entries(s.engine))[-1]
    after = json.loads(last.after)
    assert (last.action, last.actor, last.object_id) == ("export", "ana", "geojson")
    assert after["sha256"] == sha256(result.data) == result.sha256
    assert after["records"] == 2 and after["filters"] == {"type": "execution_of_pows"}


def check_rfc7946(doc: Any) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of Points."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc  # RFC 7946 section 4: no crs member; WGS 84 always
    for f in doc["features"]:
        assert f["type"] == "Feature"
        assert isinstance(f.get("id"), str | int)
        assert "properties" in f and (f["properties"] is None or isinstance(f["properties"], dict))
        g = f["geometry"]
        if g is None:
            continue
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_is_an_rfc_7946_feature_collection(store) -> None:
    s, _ = store
    doc = json.loads(export(s, "ana", "geojson", everything()).data)
    check_rfc7946(doc)
    pokrovsk = next(f for f in doc["features"] if f["properties"]["place"] == "Pokrovsk")
    assert pokrovsk["geometry"]["coordinates"] == [37.18, 48.28]  # longitude first


def test_geojson_of_cases(store) -> None:
    s, _ = store
    result = export(s, "ana", "geojson", everything(), cases=True)
    doc = json.loads(result.data)
    check_rfc7946(doc)
    assert {f["properties"]["kind"] for f in doc["features"]} == {"case"}
    assert result.filename == "cases.geojson" and result.count == 5


def ftm_entities(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_ftm_entities_pass_followthemoneys_validation(store) -> None:
    s, _ = store
    entities = ftm_entities(export(s, "ana", "ftm", everything()).data)
    for e in entities:
        validate(e)  # raises on an invalid entity
        proxy = model.get_proxy(e)  # followthemoney reads it back
        assert proxy.id == e["id"]
    schemata = {e["schema"] for e in entities}
    assert {"Event", "Organization", "Document", "Documentation", "Mention"} <= schemata
    events = [e for e in entities if e["schema"] == "Event"]
    assert len(events) == 5
    by_id = {e["id"]: e for e in entities}
    pokrovsk = next(e for e in events if e["properties"]["location"] == ["Pokrovsk"])
    (unit,) = pokrovsk["properties"]["involved"]
    assert by_id[unit]["properties"]["name"] == ["30th Motorized Rifle Brigade"]
    (proof,) = pokrovsk["properties"]["proof"]
    assert by_id[proof]["properties"]["fileName"] == ["news-2024-10-02-pokrovsk"]


def test_ftm_gives_a_units_chain_of_command_as_memberships(store) -> None:
    s, _ = store
    entities = ftm_entities(export(s, "ana", "ftm", everything()).data)
    by_id = {e["id"]: e for e in entities}
    chain = {
        (
            by_id[m["properties"]["member"][0]]["properties"]["name"][0],
            by_id[m["properties"]["organization"][0]]["properties"]["name"][0],
        )
        for m in entities
        if m["schema"] == "Membership"
    }
    # the built-in order of battle places the 30th brigade under the 2nd Combined Arms Army
    assert ("30th Motorized Rifle Brigade", "2nd Combined Arms Army") in chain


def test_ftm_validation_rejects_a_bad_entity() -> None:
    with pytest.raises(CasefileError, match="startDate"):
        validate(
            {"id": "x", "schema": "Event", "properties": {"name": ["a"], "startDate": ["soon"]}}
        )
    with pytest.raises(CasefileError, match="member"):
        validate({"id": "y", "schema": "Membership", "properties": {"organization": ["o"]}})


def test_jsonl_gives_one_analysis_record_per_document(store) -> None:
    s, _ = store
    lines = [json.loads(x) for x in export(s, "ana", "jsonl", everything()).data.splitlines()]
    assert [r["doc_id"] for r in lines] == [
        "news-2024-10-02-pokrovsk",
        "news-2023-10-05-hroza",
        "report-2022-04-bucha",
        "pgo-2024-10-13-kursk",
    ]
    bucha = lines[2]
    assert [i["type"] for i in bucha["incidents"]] == ["torture", "killing_of_civilians"]
    assert all(i["case"] == i["id"] for i in bucha["incidents"])  # no fusion yet: own case
    assert bucha["casefile"]["format"] == "casefile.analysis" and bucha["text"].startswith("Det")
    for key in ("statistics", "units", "statements", "persons"):
        assert key in bucha


def test_jsonl_with_a_filter_keeps_the_matching_incidents_only(store) -> None:
    s, _ = store
    q = IncidentQuery(type="torture", limit=None)
    lines = [json.loads(x) for x in export(s, "ana", "jsonl", q).data.splitlines()]
    assert [(r["doc_id"], [i["type"] for i in r["incidents"]]) for r in lines] == [
        ("report-2022-04-bucha", ["torture"])
    ]


def test_jsonl_has_no_cases_form(store) -> None:
    s, _ = store
    with pytest.raises(CasefileError, match="incidents only"):
        export(s, "ana", "jsonl", everything(), cases=True)


def test_an_unknown_format_names_the_known_ones(store) -> None:
    s, _ = store
    with pytest.raises(CasefileError, match="known: csv, ftm, geojson, jsonl, records"):
        export(s, "ana", "xlsx", everything())


@pytest.mark.parametrize("fmt", ["csv", "geojson", "ftm", "jsonl"])
def test_both_backends_export_the_same(stocked, stock_into, fmt, tmp_path) -> None:
    """SQLite and PostgreSQL (``stocked`` runs on both) give what a SQLite store gives; in
    the CSV, but for the time each store ingested the documents."""
    s, _ = stocked
    with Store(str(tmp_path / "reference.db")) as reference:
        stock_into(reference)
        got, want = (export(x, "ana", fmt, everything()).data for x in (s, reference))
    if fmt == "csv":
        got_rows, want_rows = rows(got), rows(want)
        for r in [*got_rows, *want_rows]:
            r.pop("timestamp")
        assert got_rows == want_rows
    else:
        assert got == want


def test_ftm_gives_the_persons_a_source_names_with_their_mentions(store) -> None:
    s, _ = store
    doc = s.view.get_document("news-2024-10-02-pokrovsk")
    assert doc is not None
    record = s.view.get_record(doc.id) or {}
    analysis = Analysis(
        doc,
        incidents=[Incident.from_record(i) for i in record["incidents"]],
        persons=[Person("Ivan Example", "brigade commander", "30th Motorized Rifle Brigade")],
        extractor="test",
    )
    with s.writer() as w:
        w.add_analysis(analysis)
    entities = ftm_entities(export(s, "ana", "ftm", everything()).data)
    (person,) = [e for e in entities if e["schema"] == "Person"]
    assert person["properties"]["position"] == ["brigade commander"]
    mentions = [e for e in entities if e["schema"] == "Mention"]
    assert any(m["properties"]["resolved"] == [person["id"]] for m in mentions)
    for e in entities:
        validate(e)


def test_a_fused_cases_grade_is_exported(store) -> None:
    """Fusion keeps a case's corroboration in StoredCase.fusion; the grade column reads it,
    and stays empty for a case fusion did not grade."""
    s, ids = store
    case = s.view.get_case(ids["Six POWs shot near Pokrovsk."])
    assert case is not None
    assert Item.of_case(case).grade is None
    setattr(case, "fusion", {"corroboration": {"grade": "corroborated", "origins": [["a"], ["b"]]}})  # noqa: B010 - the field fusion adds
    assert Item.of_case(case).grade == "corroborated"


def test_followthemoneys_own_validate_tool_reads_the_export_unchanged(store, tmp_path) -> None:
    """``ftm validate`` re-parses every entity as Aleph's loaders do; nothing is dropped or
    changed."""
    s, _ = store
    given = tmp_path / "out.ftm.json"
    given.write_bytes(export(s, "ana", "ftm", everything()).data)
    checked = tmp_path / "validated.json"
    ftm = Path(sys.executable).with_name("ftm")
    done = subprocess.run(
        [str(ftm), "validate", "-i", str(given), "-o", str(checked)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr

    def entities(path: Path) -> dict[str, dict[str, list[str]]]:
        found = {}
        for line in path.read_text().splitlines():
            e = json.loads(line)
            found[e["id"]] = {k: sorted(v) for k, v in e["properties"].items()}
        return found

    assert entities(checked) == entities(given)
