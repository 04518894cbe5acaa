"""People's names across spellings, and the persons stage that merges mentions with them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from casefile.extract.persons import Persons
from casefile.model import Analysis, Mention
from casefile.resolve.names import cluster_names, name_tokens, same_person, transliterate


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bilousov", "Belyausov"),  # Ukrainian spelling and a misspelling
        ("Andrii Bilousov", "Andrei Belousov"),
        ("Skibitskyi", "Skibitsky"),
        ("Vadym Skibitskyi", "Skibitsky"),
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("Зеленський", "Zelensky"),  # Cyrillic to Latin
        ("Владимир Зеленский", "Volodymyr Zelenskyy"),  # Russian forms of both names
        ("Кирилл Буданов", "Kyrylo Budanov"),
        ("Белоусов", "Belousov"),
        ("Herasymov", "Gerasimov"),  # Ukrainian г is h
        ("Sergei Shoigu", "Serhiy Shoihu"),
        ("Prigozhin", "Prigojin"),
        ("A. Kostin", "Andrii Kostin"),
        ("Gen. Oleksandr Syrskyi", "Syrsky"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Andrii Kostin", "Sergei Kostin"),  # same surname, another first name
        ("Kostin", "Kostina"),  # masculine and feminine
        ("Ivanov", "Ivanova"),
        ("Putin", "Pushilin"),
        ("Belousov", "Balasov"),
        ("Belousov", "Budanov"),
        ("Medvedev", "Medvedchuk"),
        ("Shoigu", "Soigu"),
        ("Lavrov", "Lvova-Belova"),
        ("Vladimir Putin", "Volodymyr Zelensky"),
        ("", "Putin"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_transliterate_and_tokens() -> None:
    assert transliterate("Скібіцький") == "Skibitskiy"
    assert name_tokens("Gen. Oleksandr Syrskyi") == ("oleksandr", "syrskyi")


def test_cluster_names_maps_spellings_to_the_fullest_name() -> None:
    names = ["Zelensky", "Volodymyr Zelenskyy", "Zelenskyy", "Kostin", "Andrii Kostin"]
    names += ["Sergei Kostin", "Bilousov", "Belyausov", "Bilousov"]
    clusters = cluster_names(names)
    assert clusters["Zelensky"] == clusters["Zelenskyy"] == "Volodymyr Zelenskyy"
    assert clusters["Kostin"] == "Andrii Kostin"  # the first full name it matches, only that one
    assert clusters["Sergei Kostin"] == "Sergei Kostin"
    assert clusters["Belyausov"] == "Bilousov"  # the more frequent spelling


# -- the persons stage merges mentions with same_person -------------------------------------


@pytest.fixture
def persons_of(make_analysis: Callable[..., Analysis]) -> Callable[..., list[str]]:
    """The persons the stage finds in ``text`` where ``names`` are its person mentions."""

    def run(text: str, *names: str) -> list[str]:
        analysis = make_analysis(text)
        at = 0
        for name in names:
            start = text.index(name, at)
            at = start + len(name)
            analysis.mentions.append(Mention("person", start, at, name))
        Persons()(analysis)
        return [p.name for p in analysis.persons]

    return run


def test_persons_merges_spellings_of_one_name(persons_of: Callable[..., list[str]]) -> None:
    text = "Volodymyr Zelenskyy spoke. Zelensky said Bilousov met Belyausov's staff."
    names = ("Volodymyr Zelenskyy", "Zelensky", "Bilousov", "Belyausov")
    assert persons_of(text, *names) == ["Volodymyr Zelenskyy", "Bilousov"]


def test_persons_keeps_two_people_of_one_surname(persons_of: Callable[..., list[str]]) -> None:
    text = "Andrii Kostin spoke. Sergei Kostin said so. Kostin left."
    names = ("Andrii Kostin", "Sergei Kostin", "Kostin")
    assert persons_of(text, *names) == ["Andrii Kostin", "Sergei Kostin"]
