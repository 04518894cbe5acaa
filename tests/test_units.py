"""Chains of command over the order of battle and the store (casefile/units.py).

A small order of battle of made-up units keeps these tests independent of the built-in data;
tests/knowledge/test_orbat.py pins the built-in chain of the 30th Motorized Rifle Brigade.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from casefile.analyze import analyze
from casefile.errors import CasefileError, KnowledgeError
from casefile.extract.pipeline import Pipeline
from casefile.extract.units import Units
from casefile.knowledge.orbat import Orbat
from casefile.model import Actor, Analysis, DateRange, Document, Incident, Person, Statement
from casefile.model import UnitLink as Link
from casefile.store import IncidentQuery, Store
from casefile.store.audit import iter_entries
from casefile.units import (
    Hierarchy,
    load_orbat,
    load_unit_file,
    unit_report,
    unit_to_record,
)

SOURCE = "Example Times, 2024-01-01"
FILE = "user file"  # these units come from a file of ours, as a user's would
UNITS = f"""
- {{name: Test Military District, type: headquarters, echelon: district, affiliation: Russia}}
- {{name: Other Military District, type: headquarters, echelon: district, affiliation: Russia}}
- name: 1st Test Army
  aliases: [1st TA]
  type: combined_arms
  echelon: army
  affiliation: Russia
  parents: [{{name: Test Military District, source: "{SOURCE}"}}]
- name: 2nd Test Army
  type: combined_arms
  echelon: army
  affiliation: Russia
  parents: [{{name: Test Military District}}]
- name: 10th Test Brigade
  aliases: [10th TB]
  type: motorized_rifle
  echelon: brigade
  affiliation: Russia
  parents: [{{name: 1st Test Army, source: "{SOURCE}"}}]
- name: 20th Test Brigade
  type: motorized_rifle
  echelon: brigade
  affiliation: Russia
  parents:
    - {{name: 1st Test Army, end: 2022}}
    - {{name: 2nd Test Army, start: 2023}}
"""


@pytest.fixture
def orbat(tmp_path: Path) -> Orbat:
    path = tmp_path / "test-units.yaml"
    path.write_text(UNITS, encoding="utf-8")
    kb = Orbat()
    kb.load(path)
    return kb


@pytest.fixture
def stated(fresh_store: Store, make_document: Callable[..., Document]):
    """Store a document that states ``links`` (and has ``incidents``, ``statements``...)."""

    def add(name: str, published: str | None, *links: Link, **facts: list) -> None:
        analysis = Analysis(document=make_document(f"Text of {name}.", published, name=name))
        analysis.units.extend(links)
        for field, values in facts.items():
            getattr(analysis, field).extend(values)
        with fresh_store.writer() as w:
            w.add_document(analysis.document)
            w.add_analysis(analysis)

    return add


def chain(store: Store, orbat: Orbat, unit: str, on: str | None = None) -> list[tuple[str, str]]:
    return [(c.parent, c.basis) for c in Hierarchy(orbat, store.view, on).chain(unit)]


# -- which parent counts ---------------------------------------------------------------------


def test_chain_from_the_knowledge_base_names_the_documents_that_agree(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated("isw-a", "2024-02-20", Link("10th Test Brigade", ["1st Test Army"]))
    links = Hierarchy(orbat, fresh_store.view).chain("10th Test Brigade")
    assert [(c.parent, c.basis, c.verified) for c in links] == [
        ("1st Test Army", FILE, True),
        ("Test Military District", FILE, True),
    ]
    assert links[0].documents == ("isw-a",) and links[0].source == SOURCE


def test_a_document_outranks_an_unverified_relation(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated("isw-b", "2024-03-01", Link("2nd Test Army", ["Other Military District"]))
    link = Hierarchy(orbat, fresh_store.view).link("2nd Test Army")
    assert link is not None
    assert (link.parent, link.basis, link.overrides) == (
        "Other Military District",
        "documents",
        "Test Military District",
    )
    assert link.documents == ("isw-b",)


def test_a_verified_relation_outranks_a_document_which_is_flagged(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated("isw-c", "2024-03-01", Link("10th Test Brigade", ["2nd Test Army"]))
    assert chain(fresh_store, orbat, "10th Test Brigade")[0] == ("1st Test Army", FILE)
    report = unit_report(fresh_store, "10th TB", orbat=orbat)
    assert [(r.document, r.contradicts) for r in report.contradictions] == [
        ("isw-c", "1st Test Army")
    ]


def test_a_document_older_than_the_relation_does_not_outrank_it(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    # 20th Test Brigade moved to the 2nd Test Army in 2023; a 2021 report of the old parent
    # is history, not a contradiction.
    stated("old", "2021-05-01", Link("20th Test Brigade", ["1st Test Army"]))
    assert chain(fresh_store, orbat, "20th Test Brigade")[0] == ("2nd Test Army", FILE)
    report = unit_report(fresh_store, "20th Test Brigade", orbat=orbat)
    assert report.contradictions == []


def test_naming_a_higher_ancestor_agrees(fresh_store: Store, orbat: Orbat, stated) -> None:
    stated("isw-d", "2024-03-01", Link("10th Test Brigade", ["Test Military District"]))
    assert chain(fresh_store, orbat, "10th Test Brigade")[0] == ("1st Test Army", FILE)
    assert unit_report(fresh_store, "10th Test Brigade", orbat=orbat).contradictions == []


def test_on_a_date_before_a_document_it_does_not_count(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated("isw-b", "2024-03-01", Link("2nd Test Army", ["Other Military District"]))
    assert chain(fresh_store, orbat, "2nd Test Army", on="2023-06-01") == [
        ("Test Military District", FILE)
    ]
    assert chain(fresh_store, orbat, "20th Test Brigade", on="2022-06") == [
        ("1st Test Army", FILE),
        ("Test Military District", FILE),
    ]


def test_units_only_documents_know_join_the_hierarchy(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated("isw-e", "2024-03-01", Link("3rd Test Battalion", ["10th Test Brigade"]))
    hierarchy = Hierarchy(orbat, fresh_store.view)
    assert [c.unit for c in hierarchy.children("10th Test Brigade")] == ["3rd Test Battalion"]
    assert hierarchy.descendants("1st Test Army") == ["10th Test Brigade", "3rd Test Battalion"]
    assert [c.parent for c in hierarchy.chain("3rd Test Battalion")] == [
        "10th Test Brigade",
        "1st Test Army",
        "Test Military District",
    ]


def test_a_bad_date_is_one_clear_error(orbat: Orbat) -> None:
    with pytest.raises(CasefileError, match="not a date: '2024-13-01'"):
        Hierarchy(orbat, None, "2024-13-01")


# -- the report -------------------------------------------------------------------------------


def test_report_counts_incidents_of_the_unit_and_its_subordinates(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    def shot(unit: str, kind: str = "execution_of_pows") -> Incident:
        return Incident(
            kind, "Six POWs shot.", DateRange("2024-02", "2024-02"), perpetrators=[Actor(unit)]
        )

    stated(
        "pgo",
        "2024-05-01",
        incidents=[shot("10th Test Brigade"), shot("1st Test Army", "torture"), shot("Wagner")],
    )
    report = unit_report(fresh_store, "1st TA", orbat=orbat)
    assert report.name == "1st Test Army" and report.descendants == ["10th Test Brigade"]
    assert report.incident_count == 2
    assert report.incidents_by_type == {"execution_of_pows": 1, "torture": 1}
    brigade = unit_report(fresh_store, "10th Test Brigade", orbat=orbat)
    assert brigade.incident_count == 1
    assert brigade.to_record()["incidents"]["list"][0]["units"] == ["10th Test Brigade"]


def test_report_finds_honours_and_incitement_by_the_chain(
    fresh_store: Store, orbat: Orbat, stated
) -> None:
    stated(
        "kremlin",
        "2024-04-01",
        statements=[Statement("honour", "Vladimir Putin", "10th Test Brigade")],
    )
    stated(
        "profile",
        "2024-04-02",
        persons=[Person("Oleksandr Testenko", "commander of the 1st Test Army")],
    )
    stated(
        "intercept",
        "2024-04-03",
        statements=[
            Statement("incitement", "Aleksandr Testenko", "Ukrainian POWs"),  # another spelling
            Statement("incitement", "Someone Else", "Ukrainian POWs"),
        ],
    )
    report = unit_report(fresh_store, "10th Test Brigade", orbat=orbat)
    assert [s.statement.kind for s in report.statements_about] == ["honour"]
    assert [p.person.name for p in report.chain_people] == ["Oleksandr Testenko"]
    assert [s.statement.speaker for s in report.chain_statements] == ["Aleksandr Testenko"]
    # the 2nd Test Army is another chain: its report has neither
    assert unit_report(fresh_store, "2nd Test Army", orbat=orbat).chain_statements == []


def test_report_of_a_unit_nobody_knows_is_an_error(fresh_store: Store, orbat: Orbat) -> None:
    with pytest.raises(CasefileError, match="unknown unit '99th Test Brigade'"):
        unit_report(fresh_store, "99th Test Brigade", orbat=orbat)


def test_report_resolves_the_30th_mrb_in_russian(fresh_store: Store) -> None:
    report = unit_report(fresh_store, "30-я мотострелковая бригада")
    assert report.name == "30th Motorized Rifle Brigade"
    assert [c.parent for c in report.chain] == [
        "2nd Combined Arms Army",
        "Central Military District",
    ]
    assert report.to_record()["chain"][0]["verified"] is False  # the built-in says unverified


def test_unit_to_record_has_the_listed_fields(orbat: Orbat) -> None:
    record = unit_to_record(orbat.get("20th Test Brigade"))  # type: ignore[arg-type]
    assert record["parents"][1] == {
        "name": "2nd Test Army",
        "source": "unverified",
        "start": "2023",
        "end": None,
        "verified": False,
    }
    assert {"name", "aliases", "type", "echelon", "affiliation", "parents"} <= set(record)


# -- user unit files: kept in the store, on SQLite and PostgreSQL alike -----------------------

MINE = """- name: 1st Test Battalion
  aliases: [Testers, Kestrel Battalion]
  type: motorized_rifle
  echelon: battalion
  affiliation: Russia
  parents: [{name: 30th Motorized Rifle Brigade, source: "Example Times, 2024-05-01"}]
"""
# A report written for this test: only the user's file knows the Kestrel Battalion.
KESTREL = (
    "Russian soldiers of the Kestrel Battalion shot six Ukrainian prisoners of war near "
    "Pokrovsk on 1 October 2024."
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_loaded_file_is_kept_in_the_store(fresh_store: Store, tmp_path: Path) -> None:
    loaded = load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    assert (loaded.name, loaded.seq, loaded.units, loaded.replaced) == ("mine.yaml", 1, 1, False)
    [kept] = fresh_store.view.iter_unit_files()
    assert (kept.name, kept.content, kept.loaded_by) == ("mine.yaml", MINE, fresh_store.actor)
    assert kept.sha256 == loaded.sha256 == hashlib.sha256(MINE.encode()).hexdigest()
    unit = load_orbat(fresh_store).resolve("Testers")
    assert unit is not None and unit.parent_on(None).parent == "30th Motorized Rifle Brigade"  # type: ignore[union-attr]
    assert unit_to_record(unit)["file"] == "mine.yaml"
    assert not (tmp_path / "test.units").exists()  # no folder beside the database


def test_a_load_is_audited(fresh_store: Store, tmp_path: Path) -> None:
    load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    [entry] = iter_entries(fresh_store.engine, object_type="unit_file")
    assert (entry.action, entry.object_id) == ("unit_file.load", "mine.yaml")
    assert json.loads(entry.after)["sha256"] == hashlib.sha256(MINE.encode()).hexdigest()
    assert fresh_store.audit.verify(fresh_store.engine).ok


def test_a_malformed_file_changes_nothing(fresh_store: Store, tmp_path: Path) -> None:
    load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    bad = write(tmp_path, "bad.yaml", MINE.replace("1st", "2nd").replace("battalion", "platoon"))
    with pytest.raises(KnowledgeError, match=r"bad.yaml: record 1 .* field 'echelon'"):
        load_unit_file(fresh_store, bad)
    assert [f.name for f in fresh_store.view.iter_unit_files()] == ["mine.yaml"]
    assert "1st Test Battalion" in load_orbat(fresh_store)
    assert len(list(iter_entries(fresh_store.engine, object_type="unit_file"))) == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"- name: [unclosed\n", "not valid YAML"),
        (b"\xff\xfe- name: x\n", "not UTF-8 text"),
        (b"name: 1st Test Battalion\n", "a unit file is a YAML list of records"),
    ],
)
def test_an_unreadable_file_is_one_clear_line(
    fresh_store: Store, tmp_path: Path, content: bytes, problem: str
) -> None:
    (tmp_path / "odd.yaml").write_bytes(content)
    with pytest.raises(KnowledgeError, match=problem) as e:
        load_unit_file(fresh_store, tmp_path / "odd.yaml")
    assert "\n" not in str(e.value) and "odd.yaml" in str(e.value)
    assert list(fresh_store.view.iter_unit_files()) == []


def test_loading_a_file_of_the_same_name_replaces_it_in_its_place(
    fresh_store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "mine.yaml", MINE)
    load_unit_file(fresh_store, path)
    more = "- {name: 2nd Test Battalion, type: tank, echelon: battalion, affiliation: Russia}"
    load_unit_file(fresh_store, write(tmp_path, "more.yaml", more))
    path.write_text(MINE.replace("Testers", "Checkers"), encoding="utf-8")
    again = load_unit_file(fresh_store, path)
    assert again.replaced and again.seq == 1
    assert [(f.seq, f.name) for f in fresh_store.view.iter_unit_files()] == [
        (1, "mine.yaml"),
        (2, "more.yaml"),
    ]
    orbat = load_orbat(fresh_store)
    assert orbat.resolve("Checkers") is not None and orbat.resolve("Testers", fuzzy=False) is None


def test_a_file_that_a_later_one_needs_cannot_drop_a_unit(
    fresh_store: Store, tmp_path: Path
) -> None:
    load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    child = MINE.replace("1st Test Battalion", "1st Test Company").replace("Testers", "Co")
    child = child.replace("Kestrel Battalion", "Kestrel Company")
    more = child.replace("30th Motorized Rifle Brigade", "1st Test Battalion")
    load_unit_file(fresh_store, write(tmp_path, "more.yaml", more))
    with pytest.raises(KnowledgeError, match=r"more\.yaml: .*unknown parent '1st Test Battalion'"):
        load_unit_file(fresh_store, write(tmp_path, "mine.yaml", "[]"))
    assert "1st Test Company" in load_orbat(fresh_store)
    assert [f.content for f in fresh_store.view.iter_unit_files()] == [MINE, more]


def test_load_orbat_merges_files_after_the_stores(fresh_store: Store, tmp_path: Path) -> None:
    load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    extra = write(tmp_path, "extra.yaml", MINE.replace("Testers", "Extras"))
    orbat = load_orbat(fresh_store, files=[extra])
    assert orbat.get("1st Test Battalion").aliases == ("Extras", "Kestrel Battalion")  # type: ignore[union-attr]
    assert "1st Test Battalion" in load_orbat(files=[extra])  # without a store: extract --units
    assert "1st Test Battalion" not in load_orbat()


# -- the order of battle reaches the units stage ----------------------------------------------


def test_the_units_stage_finds_user_units_only_when_handed_them(
    make_analysis: Callable[..., Analysis], tmp_path: Path
) -> None:
    orbat = load_orbat(files=[write(tmp_path, "mine.yaml", MINE)])
    built_in = make_analysis(KESTREL)
    Units()(built_in)
    assert [m.text for m in built_in.mentions if m.kind == "unit"] == []
    handed = make_analysis(KESTREL)
    Units(orbat=orbat)(handed)
    assert [(m.text, m.value.name) for m in handed.mentions if m.kind == "unit"] == [
        ("Kestrel Battalion", "1st Test Battalion")
    ]


def units_stage(pipeline: Pipeline) -> Units:
    [stage] = [s for s in pipeline.stages if s.name == Units.name]
    assert isinstance(stage, Units)
    return stage


def test_the_pipeline_hands_its_orbat_to_the_stages_that_take_one(tmp_path: Path) -> None:
    orbat = load_orbat(files=[write(tmp_path, "mine.yaml", MINE)])
    assert units_stage(Pipeline.from_settings(orbat=orbat)).orbat is orbat
    assert "1st Test Battalion" not in units_stage(Pipeline.from_settings()).orbat


def test_analyze_attributes_incidents_to_a_loaded_unit(
    fresh_store: Store, tmp_path: Path, make_document: Callable[..., Document]
) -> None:
    load_unit_file(fresh_store, write(tmp_path, "mine.yaml", MINE))
    with fresh_store.writer() as w:
        w.add_document(make_document(KESTREL, "2024-10-02", name="kestrel"))
    assert analyze(fresh_store).analysed == 1
    [row] = fresh_store.view.iter_reviewed_incidents(IncidentQuery(unit="1st Test Battalion"))
    assert [p.name for p in row.incident.perpetrators] == ["1st Test Battalion"]
