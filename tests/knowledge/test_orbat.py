"""The order of battle: the built-in data, lookups, dated hierarchy and user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import KnowledgeError
from casefile.knowledge.orbat import BUILTIN_UNITS, ECHELONS, Orbat, key
from casefile.resolve.units import normalise_unit

THIRTIETH = "30th Motorized Rifle Brigade"


@pytest.fixture
def kb() -> Orbat:
    return Orbat.default()


@pytest.fixture
def write(tmp_path: Path):
    def write(text: str, name: str = "mine.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# -- the built-in data ----------------------------------------------------------------


def test_builtin_has_at_least_200_units(kb: Orbat) -> None:
    assert len(kb) >= 200


def test_every_parent_named_exists(kb: Orbat) -> None:
    missing = [(u.name, r.parent) for u in kb for r in u.parents if kb.get(r.parent) is None]
    assert missing == []


def test_no_alias_means_two_units(kb: Orbat) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for unit in kb:
        for alias in (unit.name, *unit.aliases):
            if owner.setdefault(key(alias), unit.name) != unit.name:
                clashes.append((alias, owner[key(alias)], unit.name))
    assert clashes == []


def test_every_alias_canonicalises_to_its_own_unit(kb: Orbat) -> None:
    wrong = []
    for unit in kb:
        for alias in (unit.name, *unit.aliases):
            form = normalise_unit(alias)
            if form is not None and kb.resolve(form) is not unit:
                wrong.append((alias, form))
    assert wrong == []


def test_numbered_names_are_canonical(kb: Orbat) -> None:
    numbered = [u.name for u in kb if u.name[0].isdigit()]
    assert [n for n in numbered if normalise_unit(n) != n] == []


def test_records_use_the_closed_echelons(kb: Orbat) -> None:
    assert {u.echelon for u in kb} <= set(ECHELONS)


def test_builtin_loads() -> None:
    # how fast it loads is bench/orbat_load.py's to print (a timed assertion here failed
    # whenever the machine stalled for half a second)
    kb = Orbat()
    kb.load(BUILTIN_UNITS)
    assert kb.get("30th Motorized Rifle Brigade") is not None


def test_default_returns_independent_copies(kb: Orbat, write) -> None:
    kb.load(write("- {name: 1st Test Brigade, type: test, echelon: brigade, affiliation: Russia}"))
    assert kb.get("1st Test Brigade") is not None
    assert Orbat.default().get("1st Test Brigade") is None


# -- the 30th Motorized Rifle Brigade, the example of the brief ---------------------------


def test_30th_mrb_chain(kb: Orbat) -> None:
    chain = [u.name for u in kb.ancestors(THIRTIETH)]
    assert chain == ["2nd Combined Arms Army", "Central Military District"]


@pytest.mark.parametrize(
    "mention",
    [
        "30th MRB",
        "30th Guards Motorized Rifle Brigade",
        "30-я мотострелковая бригада",
        "30-я отдельная гвардейская мотострелковая бригада",
        "30th Separate Guards Motor Rifle Brigade",
        "the Russian 30th Motorized Rifle Brigade",
        "30 омсбр",
    ],
)
def test_resolves_30th_mrb(kb: Orbat, mention: str) -> None:
    unit = kb.resolve(mention)
    assert unit is not None and unit.name == THIRTIETH


# -- resolve ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Sever-Akhmat", "78th Motorized Rifle Regiment"),
        ("Pskov Division", "76th Air Assault Division"),
        ("76th VDV Division", "76th Air Assault Division"),
        ("98th VDV Division", "98th Airborne Division"),
        ("217th Guards Airborne Regiment", "217th Parachute Regiment"),
        ('PMC "Wagner"', "Wagner Group"),
        ("SMD", "Southern Military District"),
        ("Russian General Staff’s Main Directorate [GRU]", "Main Directorate of the General Staff"),
        ("BARS-31", "BARS-31 Detachment"),
        ("1st DNR AC", "1st Army Corps"),
        ("First Guards Tank Army", "1st Tank Army"),
        ("North Korean 11th Army Corps", "DPRK 11th Army Corps"),
        ("11th Army Corps", "11th Army Corps"),
        ("64-та окрема мотострілецька бригада", "64th Motorized Rifle Brigade"),
    ],
)
def test_resolves_aliases_and_spellings(kb: Orbat, mention: str, name: str) -> None:
    unit = kb.resolve(mention)
    assert unit is not None and unit.name == name


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Wagner Grup", "Wagner Group"),
        ("30th Motorised Rifel Brigade", THIRTIETH),
        ("Sever Akhmat Regimnt", "78th Motorized Rifle Regiment"),
    ],
)
def test_resolves_misspellings(kb: Orbat, mention: str, name: str) -> None:
    unit = kb.resolve(mention)
    assert unit is not None and unit.name == name


@pytest.mark.parametrize(
    "mention",
    [
        "31st Motorized Rifle Brigade",  # well formed, not in the knowledge base
        "30th Motorized Rifle Regiment",  # the 30th is a brigade
        "13th Motorised Rifel Brigade",  # a misspelling, but of another number
        "300th Motorized Rifle Brigade",
        "Russian forces",
        "the brigade",
        "Motorized Rifle Brigade",
        "",
    ],
)
def test_resolve_rejects(kb: Orbat, mention: str) -> None:
    assert kb.resolve(mention) is None


def test_misspelling_is_not_matched_without_fuzzy(kb: Orbat) -> None:
    assert kb.resolve("Wagner Grup", fuzzy=False) is None


# -- the dated hierarchy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "on", "parent"),
    [
        ("6th Combined Arms Army", "2023-05-01", "Western Military District"),
        ("6th Combined Arms Army", "2024-02-29", "Western Military District"),
        ("6th Combined Arms Army", "2024-03-01", "Leningrad Military District"),
        ("6th Combined Arms Army", None, "Leningrad Military District"),
        ("1st Tank Army", "2022-02-24", "Western Military District"),
        ("1st Tank Army", None, "Moscow Military District"),
        ("Sparta Battalion", "2022-03-01", "1st Army Corps"),
        ("Sparta Battalion", None, "51st Combined Arms Army"),
    ],
)
def test_parent_on_a_date(kb: Orbat, unit: str, on: str | None, parent: str) -> None:
    relation = kb.parent(unit, on=on)
    assert relation is not None and relation.parent == parent


def test_parent_says_whether_a_source_backs_it(kb: Orbat) -> None:
    backed = kb.parent("242nd MRR")
    assert backed is not None and backed.verified
    assert backed.source.startswith("ISW")
    unbacked = kb.parent(THIRTIETH)
    assert unbacked is not None and not unbacked.verified


def test_a_district_has_no_parent(kb: Orbat) -> None:
    assert kb.parent("Central Military District") is None


def test_unknown_unit_has_no_parent_or_ancestors(kb: Orbat) -> None:
    assert kb.parent("31st Motorized Rifle Brigade") is None
    assert kb.ancestors("31st Motorized Rifle Brigade") == []


def test_ancestors_innermost_first(kb: Orbat) -> None:
    chain = [u.name for u in kb.ancestors("242nd MRR")]
    assert chain == [
        "20th Motorized Rifle Division",
        "8th Combined Arms Army",
        "Southern Military District",
    ]


def test_children(kb: Orbat) -> None:
    assert THIRTIETH in [u.name for u in kb.children("2nd CAA")]


def test_descendants_follow_the_date(kb: Orbat) -> None:
    assert THIRTIETH in [u.name for u in kb.descendants("Central Military District")]
    assert kb.descendants("Western Military District") == []
    before = [u.name for u in kb.descendants("Western Military District", on="2022-02-24")]
    assert "4th Tank Division" in before


def test_bad_date_is_refused(kb: Orbat) -> None:
    with pytest.raises(ValueError, match="ISO date"):
        kb.parent(THIRTIETH, on="24 February 2022")


# -- user files -------------------------------------------------------------------------

GOOD = """
- name: 1st Test Motorized Rifle Brigade
  aliases: [1st TMRB, Testers]
  type: motorized_rifle
  echelon: brigade
  affiliation: Russia
  parents:
    - {name: 2nd Combined Arms Army, start: 2024-06, end: null, source: "Our notes, 2025-01-01"}
- name: 30th Motorized Rifle Brigade
  aliases: [30th MRB, Samara brigade]
  type: motorized_rifle
  echelon: brigade
  affiliation: Russia
  parents:
    - {name: 41st Combined Arms Army, start: 2025, end: null, source: unverified}
"""


def test_load_merges_a_user_file(kb: Orbat, write) -> None:
    before = len(kb)
    assert kb.load(write(GOOD)) == 2
    assert len(kb) == before + 1
    unit = kb.resolve("Testers")
    assert unit is not None and unit.name == "1st Test Motorized Rifle Brigade"
    relation = kb.parent("Testers")
    assert relation is not None and relation.verified


def test_user_record_overrides_by_canonical_name(kb: Orbat, write) -> None:
    kb.load(write(GOOD))
    by_alias = kb.resolve("Samara brigade")
    assert by_alias is not None and by_alias.name == THIRTIETH
    relation = kb.parent(THIRTIETH)
    assert relation is not None and relation.parent == "41st Combined Arms Army"
    by_abbreviation = kb.resolve("30th MRB")
    assert by_abbreviation is not None and by_abbreviation.source_file.endswith("mine.yaml")


GOOD_FIRST = """
- {name: 2nd Test Brigade, type: test, echelon: brigade, affiliation: Russia}
"""


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ("- {aliases: [x], type: test, echelon: brigade, affiliation: Russia}", "name"),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
            "parents: 2nd Combined Arms Army}",
            "parents",
        ),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
            "parents: [{name: 2nd Combined Arms Army, start: 2024-13-01}]}",
            "parents[1].start",
        ),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
            "parents: [{name: 2nd Combined Arms Army, start: 2024, end: 2023}]}",
            "parents[1].end",
        ),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
            "parents: [{name: 99th Imaginary Army}]}",
            "parents",
        ),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: platoon, affiliation: Russia}",
            "echelon",
        ),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Mars}",
            "affiliation",
        ),
        (
            "- {name: 3rd Test Brigade, type: Test Unit, echelon: brigade, affiliation: Russia}",
            "type",
        ),
        ("- {name: 3rd Test Brigade, typ: test, echelon: brigade, affiliation: Russia}", "typ"),
        (
            "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
            "aliases: 3TB}",
            "aliases",
        ),
    ],
)
def test_malformed_user_file_names_file_record_and_field(
    kb: Orbat, write, record: str, field: str
) -> None:
    path = write(GOOD_FIRST + record)
    before = [u.name for u in kb]
    with pytest.raises(KnowledgeError) as caught:
        kb.load(path)
    message = str(caught.value)
    assert str(path) in message
    assert "record 2" in message
    assert f"field '{field}'" in message
    # nothing already loaded is lost, and nothing of the bad file is merged
    assert [u.name for u in kb] == before
    thirtieth = kb.resolve("30th MRB")
    assert thirtieth is not None and thirtieth.name == THIRTIETH
    assert kb.get("2nd Test Brigade") is None


def test_malformed_record_names_the_unit(kb: Orbat, write) -> None:
    path = write(
        "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, parents: x}"
    )
    with pytest.raises(KnowledgeError, match=r"record 1 \('3rd Test Brigade'\)"):
        kb.load(path)


def test_unknown_parent_suggests_the_canonical_name(kb: Orbat, write) -> None:
    path = write(
        "- {name: 3rd Test Brigade, type: test, echelon: brigade, affiliation: Russia, "
        "parents: [{name: 2nd CAA}]}"
    )
    with pytest.raises(KnowledgeError, match="did you mean '2nd Combined Arms Army'"):
        kb.load(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: [unclosed", "not valid YAML"),
        ("name: 1st Test Brigade", "YAML list of records"),
        ("- just a string", "must be a mapping"),
    ],
)
def test_unreadable_user_file(kb: Orbat, write, text: str, problem: str) -> None:
    with pytest.raises(KnowledgeError, match=problem):
        kb.load(write(text))
    assert len(kb) == len(Orbat.default())


def test_missing_user_file(kb: Orbat, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        kb.load(tmp_path / "nowhere.yaml")
