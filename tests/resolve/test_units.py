"""The unit canonicaliser: mentions to canonical names, and unit mentions in running text."""

from __future__ import annotations

import pytest

from casefile.knowledge.orbat import Orbat
from casefile.resolve.units import (
    ABBREVIATIONS,
    UNIT_PATTERN,
    canonical_unit,
    find_units,
    normalise_unit,
    ordinal,
)


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("30th Guards Motorized Rifle Brigade", "30th Motorized Rifle Brigade"),
        ("30th MRB", "30th Motorized Rifle Brigade"),
        ("30th Separate Motor Rifle Brigade", "30th Motorized Rifle Brigade"),
        ("30th Separate Guards Motorised Rifle Brigade", "30th Motorized Rifle Brigade"),
        ("the Russian 242nd Motorized Rifle Regiment", "242nd Motorized Rifle Regiment"),
        ("8th Combined Arms Army [CAA]", "8th Combined Arms Army"),
        ("8th CAA", "8th Combined Arms Army"),
        ("8th Guards CAA", "8th Combined Arms Army"),
        ("8th Army", "8th Combined Arms Army"),
        ("Southern Military District [SMD]", "Southern Military District"),
        ("SMD", "Southern Military District"),
        ("Southern MD", "Southern Military District"),
        ("76th VDV Division", "76th Air Assault Division"),
        ("76th Guards Air Assault Division", "76th Air Assault Division"),
        ("the 11th Separate Guards Air Assault (VDV) Brigade", "11th Air Assault Brigade"),
        ("20th Automated Rifle Division", "20th Motorized Rifle Division"),
        ("3rd Army Corps [AC]", "3rd Army Corps"),
        ("3rd Corps", "3rd Army Corps"),
        ("14th Separate Spetsnaz Brigade", "14th Spetsnaz Brigade"),
        ("16th GRU Brigade", "16th Spetsnaz Brigade"),
        ("1st GTA", "1st Tank Army"),
        ("64th SGMRB", "64th Motorized Rifle Brigade"),
        ("34th Separate Mountain Motor Rifle Brigade", "34th Motorized Rifle Brigade"),
        ("155th Marine Brigade", "155th Naval Infantry Brigade"),
        ("Yug Grouping of Forces", "Southern Grouping of Forces"),
        ("BARS 31 detachment", "BARS-31 Detachment"),
        ("Shtorm-Z", "Storm-Z"),
    ],
)
def test_normalises_english_mentions(mention: str, name: str) -> None:
    assert normalise_unit(mention) == name


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("30-я мотострелковая бригада", "30th Motorized Rifle Brigade"),
        ("30-й отдельной гвардейской мотострелковой бригады", "30th Motorized Rifle Brigade"),
        ("242-й мотострелковый полк", "242nd Motorized Rifle Regiment"),
        ("61-я отдельная бригада морской пехоты", "61st Naval Infantry Brigade"),
        ("8-я гвардейская общевойсковая армия", "8th Combined Arms Army"),
        ("3-й армейский корпус", "3rd Army Corps"),
        ("76-я десантно-штурмовая дивизия", "76th Air Assault Division"),
        ("64-та окрема мотострілецька бригада", "64th Motorized Rifle Brigade"),
        ("30 омсбр", "30th Motorized Rifle Brigade"),
        ("20 гв. мсд", "20th Motorized Rifle Division"),
    ],
)
def test_normalises_russian_and_ukrainian_mentions(mention: str, name: str) -> None:
    assert normalise_unit(mention) == name


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("First Guards Tank Army", "1st Tank Army"),
        ("Second Army Corps", "2nd Army Corps"),
        ("the Eighth Combined Arms Army", "8th Combined Arms Army"),
        ("Twenty-Second Army Corps", "22nd Army Corps"),
    ],
)
def test_armies_by_word(mention: str, name: str) -> None:
    assert normalise_unit(mention) == name


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_wrong_ordinal_suffix_is_fixed() -> None:
    assert normalise_unit("21th Motorized Rifle Brigade") == "21st Motorized Rifle Brigade"
    assert normalise_unit("1th Tank Regiment") == "1st Tank Regiment"


def test_never_1th() -> None:
    assert not [
        n
        for n in range(1, 1200)
        if ordinal(n).endswith(("1th", "2th", "3th")) and not 10 <= n % 100 <= 20
    ]


@pytest.mark.parametrize(
    "mention",
    [
        "Russian forces",
        "the brigade",
        "Motorized Rifle Brigade",
        "10th mass missile strike",
        "21st century",
        "the 5th time",
        "30th",
        "2022",
        "2022 Tank Brigade",
        "30th Motorized Rifle Brigades",
        "the first brigade",
        "64th Brigade",
        "8th Combined Arms Division",
        "",
    ],
)
def test_normalise_rejects_what_is_not_a_unit(mention: str) -> None:
    assert normalise_unit(mention) is None


# -- canonical_unit: the knowledge base first -------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Sever-Akhmat", "78th Motorized Rifle Regiment"),
        ('78th "Sever-Akhmat" Regiment', "78th Motorized Rifle Regiment"),
        ("Pskov Division", "76th Air Assault Division"),
        ("98th VDV Division", "98th Airborne Division"),
        ("217th Guards Airborne Regiment", "217th Parachute Regiment"),
        ('PMC "Wagner"', "Wagner Group"),
        ("Wagner", "Wagner Group"),
        ("Russian Combat Army Reserve (BARS)", "Russian Combat Army Reserve"),
        ("North Korean 11th Army Corps", "DPRK 11th Army Corps"),
        ("31st Motorized Rifle Brigade", "31st Motorized Rifle Brigade"),  # not in the KB
        ("47th Mechanized Brigade", "47th Mechanized Brigade"),  # a Ukrainian brigade
    ],
)
def test_canonical_unit(mention: str, name: str) -> None:
    assert canonical_unit(mention) == name


@pytest.mark.parametrize(
    "mention", ["Somalia", "the Somalia", "Akhmat", "Russian forces", "Wagner Grup"]
)
def test_canonical_unit_rejects(mention: str) -> None:
    assert canonical_unit(mention) is None


def test_canonical_unit_uses_the_given_orbat(tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {name: 1st Test Brigade, aliases: [Testers], type: test, echelon: brigade, "
        "affiliation: Russia}",
        encoding="utf-8",
    )
    kb = Orbat.default()
    kb.load(path)
    assert canonical_unit("Testers", kb) == "1st Test Brigade"
    assert canonical_unit("Testers") is None


@pytest.mark.parametrize(
    "abbreviation", ["MRB", "MRR", "MRD", "TD", "CAA", "AC", "TA", "AAD", "AAB", "NIB"]
)
def test_every_unit_abbreviation_expands(abbreviation: str) -> None:
    expected = ABBREVIATIONS[abbreviation].removeprefix("Guards ")
    assert normalise_unit(f"30th {abbreviation}") == f"30th {expected}"


# -- find_units: running text ------------------------------------------------------------------

ISW_STYLE = (
    "Order of Battle: Drone operators of the Russian 242nd Motorized Rifle Regiment "
    "(20th Motorized Rifle Division, 8th Combined Arms Army [CAA], Southern Military District "
    "[SMD]) and of the 30th MRB (2nd CAA, CMD) reportedly struck Ukrainian positions."
)


def test_finds_an_isw_style_chain() -> None:
    found = find_units(ISW_STYLE)
    assert [name for _, _, name in found] == [
        "242nd Motorized Rifle Regiment",
        "20th Motorized Rifle Division",
        "8th Combined Arms Army",
        "Southern Military District",
        "Southern Military District",
        "30th Motorized Rifle Brigade",
        "2nd Combined Arms Army",
        "Central Military District",
    ]
    start, end, _ = found[0]
    assert ISW_STYLE[start:end] == "242nd Motorized Rifle Regiment"
    assert [ISW_STYLE[s:e] for s, e, _ in found][2] == "8th Combined Arms Army [CAA]"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Fighters of PMC “Wagner” filmed it.", "Wagner", "Wagner Group"),
        (
            "the Chechen 78th Sever-Akhmat Motorized Rifle Regiment attacked",
            "78th Sever-Akhmat Motorized Rifle Regiment",
            "78th Motorized Rifle Regiment",
        ),
        ("a BARS-31 Detachment drone", "BARS-31 Detachment", "BARS-31 Detachment"),
        ("Storm-Z convicts", "Storm-Z", "Storm-Z"),
        (
            "North Korean 11th Army Corps troops in Kursk",
            "North Korean 11th Army Corps",
            "DPRK 11th Army Corps",
        ),
        (
            "soldiers of the 11th Separate Guards Air Assault (VDV) Brigade",
            "11th Separate Guards Air Assault (VDV) Brigade",
            "11th Air Assault Brigade",
        ),
        (
            "бойцы 30-й отдельной мотострелковой бригады",
            "30-й отдельной мотострелковой бригады",
            "30th Motorized Rifle Brigade",
        ),
        ("the Somalia Battalion", "Somalia Battalion", "Somalia Battalion"),
        (
            "Russian General Staff’s Main Directorate [GRU]",
            "Russian General Staff’s Main Directorate",
            "Main Directorate of the General Staff",
        ),
        ("under the First Guards Tank Army", "First Guards Tank Army", "1st Tank Army"),
    ],
)
def test_finds_units_in_text(text: str, mention: str, name: str) -> None:
    found = find_units(text)
    assert [(text[s:e], n) for s, e, n in found][:1] == [(mention, name)]


@pytest.mark.parametrize(
    "text",
    [
        "The building was hit during Russia’s 10th mass missile strike against Ukraine.",
        "On the 21st of May, 30 tanks crossed the river.",
        "Humanitarian aid to Somalia and Sparta in Greece.",
        "Akhmat Kadyrov Square in Grozny.",
        "about 30 motorized rifle brigades",
        "the first tank brigade to arrive",
        "Ukrainian Airborne Forces held the line.",
    ],
)
def test_find_units_rejects(text: str) -> None:
    assert find_units(text) == []


def test_unit_pattern_is_compiled() -> None:
    assert UNIT_PATTERN.search("the 30th MRB") is not None


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("4th Carpathian Motorized Rifle Brigade", "4th Motorized Rifle Brigade"),
        ("the 7th Guards Volzhskaya Tank Regiment", "7th Tank Regiment"),
        ("9-ї окремої Донської мотострілецької бригади", "9th Motorized Rifle Brigade"),
        ("9-й отдельной Донской мотострелковой бригады", "9th Motorized Rifle Brigade"),
    ],
)
def test_a_name_of_honour_between_ordinal_and_type_is_left_out(mention: str, name: str) -> None:
    # a capitalised word that is no type word names the unit's honour, not its kind
    assert normalise_unit(mention) == name


def test_a_name_of_honour_alone_is_no_type() -> None:
    assert normalise_unit("4th Carpathian Brigade") is None
    assert find_units("gunners of the 4th Carpathian Motorized Rifle Brigade fired") == [
        (15, 53, "4th Motorized Rifle Brigade")
    ]
