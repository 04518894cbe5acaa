"""The packaged gazetteer: name keys, candidates and the running-text scan."""

from __future__ import annotations

import gzip

import pytest

from casefile.errors import KnowledgeError
from casefile.knowledge.gazetteer import (
    Gazetteer,
    candidates,
    find,
    name_key,
    romanize,
    skeleton,
    split_admin_suffix,
)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Zaporizhzhia", "Zaporizhia"),
        ("Zaporizhzhia", "Zaporizhzhya"),
        ("Kupiansk", "Kupyansk"),
        ("Odesa", "Odessa"),
        ("Kurs'k", "Kursk"),
        ("St. Louis", "Saint Louis"),
        ("Запоріжжя", "Zaporizhzhia"),
    ],
)
def test_name_key_merges_transliteration_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "cyrillic, latin",
    [("Запоріжжя", "Zaporizhzhia"), ("Київ", "Kyiv"), ("Роботине", "Robotyne"),
     ("Згурівка", "Zghurivka"), ("Яготин", "Yahotyn"), ("Харків", "Kharkiv")],
)  # fmt: skip
def test_romanize_follows_the_national_system(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic) == latin


def test_skeleton_joins_russian_and_ukrainian_forms() -> None:
    assert skeleton(name_key("Zaporozhye")) == skeleton(name_key("Zaporizhzhia"))
    assert skeleton(name_key("Lugansk")) == skeleton(name_key("Luhansk"))


@pytest.mark.parametrize(
    "key, expected",
    [("kursk oblast", ("kursk", "admin1")), ("rapides parish", ("rapides", "admin2")),
     ("kharkiv region", ("kharkiv", "admin")), ("kursk", ("kursk", None))],
)  # fmt: skip
def test_split_admin_suffix(key: str, expected: tuple[str, str | None]) -> None:
    assert split_admin_suffix(key) == expected


@pytest.mark.parametrize(
    "spelling", ["Zaporizhzhia", "Zaporizhia", "Zaporizhzhya", "Zaporozhye", "Запоріжжя"]
)
def test_zaporizhzhia_spellings_find_the_city(spelling: str) -> None:
    cities = [
        c
        for c in candidates(spelling)
        if c.country == "UA" and c.feature_class == "P" and c.population > 500_000
    ]
    assert [c.place.name for c in cities] == ["Zaporizhzhia"]
    assert cities[0].admin1 == "Zaporizhzhia Oblast"


def test_kursk_alone_is_the_city_first() -> None:
    first = candidates("Kursk")[0]
    assert (first.feature_code, first.place.precision) == ("PPL", "settlement")


@pytest.mark.parametrize("name", ["Kursk Oblast", "Kursk region", "Kurskaya oblast"])
def test_kursk_with_a_suffix_is_the_oblast(name: str) -> None:
    first = candidates(name)[0]
    assert (first.place.name, first.feature_code, first.country) == ("Kursk Oblast", "ADM1", "RU")


def test_robotyne_is_a_katottg_village_placed_at_its_raion() -> None:
    (village,) = candidates("Robotyne")
    assert village.feature_code == "PPLV"
    assert village.admin1 == "Zaporizhzhia Oblast"
    assert village.admin2 == "Polohivskyi Raion"
    assert village.place.precision == "district"


@pytest.mark.parametrize("name", ["Polohy district", "Polohivskyi Raion", "Polohy Raion"])
def test_raions_answer_to_their_centre_and_adjective(name: str) -> None:
    assert candidates(name)[0].place.name == "Polohivskyi Raion"


def test_russian_form_falls_back_to_the_skeleton() -> None:
    names = {c.place.name for c in candidates("Rabotino") if c.match == "skeleton"}
    assert "Robotyne" in names


@pytest.mark.parametrize("name", ["Rabotino", "Работино"])
def test_of_names_sharing_a_skeleton_the_one_with_the_nearest_vowels_comes_first(name) -> None:
    # Russian "a" for Ukrainian "o": Robotyne, not the larger Rybotyn of the same consonants
    assert candidates(name)[0].place.name == "Robotyne"


def test_skeleton_fallback_can_be_turned_off() -> None:
    assert candidates("Rabotino") and not Gazetteer.default().candidates(
        "Rabotino", skeletons=False
    )


@pytest.mark.parametrize("name, cc", [("U.S.", "US"), ("UK", "GB"), ("Holy See", "VA")])
def test_country_aliases(name: str, cc: str) -> None:
    assert ("PCLI", cc) in {(c.feature_code, c.country) for c in candidates(name)}


def test_find_reports_toponyms_longest_first() -> None:
    text = "Shelling hit Zaporizhzhia and Robotyne in Zaporizhzhia Oblast, officials in Kyiv said."
    assert [s for _, _, s in find(text)] == [
        "Zaporizhzhia",
        "Robotyne",
        "Zaporizhzhia Oblast",
        "Kyiv",
    ]


def test_find_spans_are_offsets_into_the_text() -> None:
    text = "Ukraine's forces left Sudzha in the U.S. account."
    found = find(text)
    assert all(text[a:b] == s for a, b, s in found)
    assert [s for _, _, s in found] == ["Ukraine", "Sudzha", "U.S."]


@pytest.mark.parametrize(
    "text",
    ["Police said nothing.", "On Monday it rained.", "Mobile phones were seized.",
     "Sale of the house.", "Deal or no deal.", "Male and female.", "Of course."],
)  # fmt: skip
def test_find_skips_common_words(text: str) -> None:
    assert find(text) == []


def test_police_and_monday_are_stoplisted() -> None:
    gaz = Gazetteer.default()
    assert gaz.is_stoplisted("Police") and gaz.is_stoplisted("Monday")
    assert not gaz.is_stoplisted("Kyiv")


def test_a_stale_data_file_is_refused(tmp_path) -> None:
    path = tmp_path / "gazetteer.tsv.gz"
    path.write_bytes(gzip.compress(b"casefile-gazetteer/1\t0\tstale\n"))
    with pytest.raises(KnowledgeError, match="build_gazetteer"):
        Gazetteer.load(path)
