"""Counts in Ukrainian and Russian: digits, words, their case forms, compounds, bounds."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("code", "phrase", "value"),
    [
        ("uk", "дев'ятьох", 9),
        ("uk", "дев’ятьох", 9),  # a typographic apostrophe
        ("uk", "двадцять", 20),
        ("uk", "трьох", 3),
        ("uk", "двоє", 2),
        ("uk", "п'ятеро", 5),
        ("uk", "двадцять п'ять", 25),
        ("uk", "сто сорок два", 142),
        ("uk", "три тисячі", 3000),
        ("ru", "девять", 9),
        ("ru", "трёх", 3),
        ("ru", "девятерых", 9),
        ("ru", "двадцати пяти", 25),
        ("ru", "тысяча двести", 1200),
        ("uk", "півсотні", 50),  # half a hundred
        ("ru", "полсотни", 50),
        ("en", "twelve", 12),
    ],
)
def test_number_words_in_their_case_forms(code: str, phrase: str, value: int) -> None:
    assert get_pack(code).number(phrase) == value


def test_counts_in_running_text_with_bounds_and_digit_endings() -> None:
    text = "Загинули щонайменше семеро людей, ще 12-ти поранено, близько 1 200 евакуйовано"
    found = [(c.text, c.value, c.bound) for c in get_pack("uk").counts(text)]
    assert found == [
        ("щонайменше семеро", 7, "at_least"),
        ("12-ти", 12, ""),
        ("близько 1 200", 1200, "about"),
    ]


def test_a_comma_ends_a_number() -> None:
    found = [c.value for c in get_pack("ru").counts("погибли двое, трое ранены")]
    assert found == [2, 3]


def test_a_word_that_is_not_a_number() -> None:
    assert get_pack("uk").number("люди") is None
    assert get_pack("uk").counts("обстріл міста") == []


def test_victim_counts_with_their_roles() -> None:
    text = "Загинули троє людей, ще п'ятьох поранено; серед загиблих 67-річний чоловік."
    found = [(c.text, c.count.best, c.role) for c in get_pack("uk").victim_counts(text)]
    assert found == [("троє", 3, "killed"), ("п'ятьох", 5, "injured")]  # not the age


def test_victim_counts_skip_references_and_a_pronoun_one() -> None:
    text = "Затримали чотирьох цивільних на одній із вулиць (ч. 2 ст. 438 ККУ)."
    found = [(c.count.best, c.role) for c in get_pack("uk").victim_counts(text)]
    assert found == [(4, "victims")]


def test_russian_victim_counts_with_a_bound() -> None:
    found = get_pack("ru").victim_counts("Погибли по меньшей мере девять мирных жителей")
    assert [(c.count.low, c.count.best, c.role) for c in found] == [(9, 9, "killed")]


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        (
            "uk",
            "Під час обстрілу загинула жінка, поранено чоловіка.",
            [("жінка", 1, "killed"), ("чоловіка", 1, "injured")],
        ),
        ("uk", "Загинув 70-річний пенсіонер.", [("пенсіонер", 1, "killed")]),
        ("ru", "В селе погиб мужчина.", [("мужчина", 1, "killed")]),
        (
            "ru",
            "Ранен мужчина, погибли двое детей.",
            [("мужчина", 1, "injured"), ("двое", 2, "killed")],
        ),
        # one person joined to a count by "та": one figure, their sum (as English "a
        # woman and her two children")
        ("uk", "Загинули жінка та двоє дітей.", [("жінка та двоє", 3, "killed")]),
        ("ru", "Погибли женщина и ее трое детей.", [("женщина и ее трое", 4, "killed")]),
        ("uk", "Загинули 5 чоловік.", [("5", 5, "killed")]),
        # plural, or no role word beside it
        ("uk", "Жінки загинули під завалами.", []),
        ("ru", "Мужчина рассказал о взрыве в соседнем дворе.", []),
    ],
)
def test_one_person_told_without_a_number_counts_one(
    code: str, text: str, found: list[tuple[str, int, str]]
) -> None:
    got = [(v.text, v.count.best, v.role) for v in get_pack(code).victim_counts(text)]
    assert got == found


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        # a preposition before a count of places is no count of people ...
        ("uk", "У 3 областях загинули 5 людей.", [(5, "killed")]),
        ("ru", "В 3 областях погибли 5 человек.", [(5, "killed")]),
        # ... but before people it is: "shot at four unarmed men"
        ("ru", "Солдат стрелял в четырех безоружных пленных.", [(4, "victims")]),
        ("uk", "Окупант вистрілив у двох цивільних чоловіків.", [(2, "victims")]),
    ],
)
def test_a_preposition_before_a_count(code: str, text: str, found: list[tuple[int, str]]) -> None:
    assert [(c.count.best, c.role) for c in get_pack(code).victim_counts(text)] == found


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("ru", "Они организовали принудительную депортацию трех местных жительниц.", 3),
        ("uk", "Окупанти вивезли до Росії трьох мешканок села.", 3),
        ("uk", "Під обстріл потрапили четверо студенток.", 4),
    ],
)
def test_women_and_other_people_nouns_count(code: str, text: str, value: int) -> None:
    assert [c.count.best for c in get_pack(code).victim_counts(text)] == [value]


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        ("uk", "Під завалами загинула одна людина.", [(1, "killed")]),  # "людина": its lemma
        ("ru", "Один человек погиб на месте.", [(1, "killed")]),
        ("uk", "Внаслідок удару загинули чоловік і жінка.", [(2, "killed")]),
        ("uk", "Поранено пенсіонерку та її сина.", [(2, "injured")]),
        ("ru", "В машине погибли отец и дочь.", [(2, "killed")]),
    ],
)
def test_one_person_and_two_joined_by_and(
    code: str, text: str, found: list[tuple[int, str]]
) -> None:
    assert [(c.count.best, c.role) for c in get_pack(code).victim_counts(text)] == found


def test_the_legal_formula_of_a_death_counts_no_one() -> None:
    text = "Розпочато провадження за фактом воєнного злочину, що спричинив загибель людини."
    assert get_pack("uk").victim_counts(text) == []


def test_an_ordinal_number_counts_no_one() -> None:
    text = "Командир роти 64-ї бригади наказав розстріляти 3-х цивільних."
    assert [(c.count.best, c.role) for c in get_pack("uk").victim_counts(text)] == [(3, "killed")]


def test_the_role_word_right_before_a_count_is_its_role() -> None:
    text = "Вони поранили 4 цивільних та 9 – розстріляли."
    found = [(c.count.best, c.role) for c in get_pack("uk").victim_counts(text)]
    assert found == [(4, "injured"), (9, "killed")]


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        ("uk", "розшукують понад 17,5 тис. зниклих", [(17500, "at_least")]),
        ("uk", "загинули 2,4 тисячі цивільних", [(2400, "")]),
        ("ru", "около 1,25 млн переселенцев", [(1250000, "about")]),
        ("ru", "в 3,5 км от села погибли 2 человека", [(2, "")]),  # a measure is no count
        ("uk", "о 14.30 загинули 4 людини", [(4, "")]),  # nor a time of day
    ],
)
def test_a_decimal_counts_with_its_scale_word(
    code: str, text: str, found: list[tuple[int, str]]
) -> None:
    assert [(c.value, c.bound) for c in get_pack(code).counts(text)] == found


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        ("ru", "погибли трое взрослых и ребенок", [(4, "killed")]),
        ("uk", "поранено двох жінок та підлітка", [(3, "injured")]),
        # one with a role of its own is no part of the count before
        ("uk", "загинули двоє людей і поранена дитина", [(2, "killed")]),
    ],
)
def test_one_person_joined_after_a_count_adds_one(
    code: str, text: str, found: list[tuple[int, str]]
) -> None:
    assert [(v.count.best, v.role) for v in get_pack(code).victim_counts(text)] == found


def test_a_civilian_is_one_and_the_civilian_population_many() -> None:
    uk = get_pack("uk")
    assert [v.count.best for v in uk.victim_counts("загинула цивільна, ще двоє поранені")] == [1, 2]
    assert uk.victim_counts("постраждало цивільне населення") == []


@pytest.mark.parametrize(
    ("code", "text"),
    [("uk", "загинуло літнє подружжя"), ("ru", "погибли пожилые супруги")],
)
def test_a_married_couple_is_two(code: str, text: str) -> None:
    assert [v.count.best for v in get_pack(code).victim_counts(text)] == [2]
