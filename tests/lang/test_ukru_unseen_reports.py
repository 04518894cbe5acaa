"""Unseen first reports in Ukrainian and Russian (issue #12): counts of one person told by
"людина" / "человек", a day of a month before a person, "полтора десятка", a toll told in
the sentence after the strike, a village named with its raion and oblast. Each phrase was
written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


def _counts(code: str, text: str) -> list[tuple[int | None, str]]:
    return [(v.count.best, v.role) for v in get_pack(code).victim_counts(text)]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        # "людина" / "человек" in the singular with a role word: one person
        ("uk", "Загинула людина, ще четверо отримали поранення.", [(1, "killed"), (4, "injured")]),
        ("ru", "Погиб человек, еще двое ранены.", [(1, "killed"), (2, "injured")]),
        # the counted form after a number stays the number's
        ("ru", "Погибли 6 человек.", [(6, "killed")]),
    ],
)
def test_one_person_told_by_the_word_for_a_person(
    code: str, text: str, expected: list[tuple[int, str]]
) -> None:
    assert _counts(code, text) == expected


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "11 серпня в селищі під Ізюмом внаслідок удару загинула пенсіонерка"),
        ("ru", "3 апреля в селе Белгородской области после атаки дрона погиб мужчина"),
    ],
)
def test_a_day_of_the_month_is_no_count_beside_one_person(code: str, text: str) -> None:
    assert _counts(code, text) == [(1, "killed")]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("uk", "Під час атаки загинув водій 1971 р.н."),
        ("ru", "При обстреле погиб пенсионер 1949 г.р."),
    ],
)
def test_a_year_of_birth_is_no_count_beside_one_person(code: str, text: str) -> None:
    assert _counts(code, text) == [(1, "killed")]


@pytest.mark.parametrize(
    ("code", "text", "best"),
    [
        ("ru", "Ранения получили полтора десятка жителей.", 15),
        ("uk", "Поранення дістали півтора десятка мешканців.", 15),
        ("uk", "Загинули два десятки людей.", 20),
        ("ru", "Погиб десяток мирных жителей.", 10),
        ("uk", "Сім'я з п'яти осіб загинула під завалами.", 5),
        ("uk", "Загинули щонайменше сорока людей.", 40),
    ],
)
def test_tens_and_a_half_of_tens(code: str, text: str, best: int) -> None:
    assert [c for c, _ in _counts(code, text)] == [best]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ru", "Десятки человек погибли при обстреле."),
        ("uk", "Десятки людей загинули внаслідок удару."),
    ],
)
def test_tens_alone_name_no_number(code: str, text: str) -> None:
    assert _counts(code, text) == []


def test_a_toll_told_after_the_strike_keeps_the_act(extract) -> None:
    text = (
        "Вранці 3 листопада окупанти вдарили балістикою по Кривому Рогу. "
        "Снаряд влучив у дев'ятиповерховий житловий будинок. "
        "За уточненими даними, загинули 6 людей, 19 поранені."
    )
    analysis = extract(text, "uk", "2025-11-04")
    found = [
        (i.date.start if i.date else None, i.count.best if i.count else None)
        for i in analysis.incidents
    ]
    assert found == [("2025-11-03", 6)]


@pytest.mark.parametrize(
    ("code", "text", "admin1"),
    [
        # a village with namesakes in many oblasts, named with its raion and oblast
        (
            "uk",
            "Вчора окупанти скинули авіабомбу на с. Шевченкове Куп'янського району "
            "Харківської області. Загинула жінка.",
            "Kharkiv Oblast",
        ),
        # a village the gazetteer lacks in the oblast named: the oblast, not a namesake
        (
            "ru",
            "Вчера дрон атаковал машину в селе Ольховка Курской области, погиб водитель.",
            "Kursk Oblast",
        ),
    ],
)
def test_a_village_is_in_the_raion_and_oblast_named_with_it(
    extract, code: str, text: str, admin1: str
) -> None:
    analysis = extract(text, code, "2025-10-14")
    assert [i.place.admin1 for i in analysis.incidents if i.place] == [admin1]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        # a rank between the unit and the name: the person and his unit
        (
            "uk",
            "Навідник 44-ї окремої артилерійської бригади ЗС РФ молодший сержант Петро Коваль "
            "у травні 2023 року катував полоненого.",
            ["44th Artillery Brigade", "Petro Koval"],
        ),
        (
            "ru",
            "Стрелок 36-й отдельной мотострелковой бригады ВС РФ рядовой Олег Никитин "
            "в июне 2022 года пытал задержанного.",
            ["36th Motorized Rifle Brigade", "Oleg Nikitin"],
        ),
    ],
)
def test_a_rank_between_a_unit_and_a_name_keeps_the_unit(
    extract, code: str, text: str, expected: list[str]
) -> None:
    analysis = extract(text, code, "2025-10-14")
    found = {tuple(sorted(p.name for p in i.perpetrators)) for i in analysis.incidents}
    assert found == {tuple(expected)}


def test_the_law_formula_of_a_death_counts_no_one_beside_the_word_for_a_person() -> None:
    text = "Відкрито провадження за статтею про злочин, що спричинив загибель людини."
    assert _counts("uk", text) == []


@pytest.mark.parametrize(
    ("code", "sentence", "at_word", "told"),
    [
        # a date right before a court's step, only adverbs between: the verdict's day
        (
            "uk",
            "Районний суд Полтави 2 вересня 2025 року заочно засудив окупанта",
            "2 вересня",
            True,
        ),
        ("ru", "Суд Днепра 5 мая приговорил военного к 15 годам", "5 мая", True),
        # the act's verb between: the act's day
        ("uk", "5 травня окупанти затримали фермера, суд засудив їх", "5 травня", False),
    ],
)
def test_a_date_right_before_a_court_step_is_the_verdict_day(
    code: str, sentence: str, at_word: str, told: bool
) -> None:
    assert get_pack(code).told_on(sentence, sentence.index(at_word)) is told


def test_the_city_a_court_sits_in_is_not_the_act_place(extract) -> None:
    text = (
        "Апеляційний суд м. Полтави 2 вересня 2025 року заочно засудив російського "
        "військового, який під час окупації Сумщини катував цивільних. Суд встановив, що у "
        "березні 2022 року він утримував у підвалі с. Бездрик Сумського району шістьох "
        "чоловіків і бив їх."
    )
    analysis = extract(text, "uk", "2025-09-03")
    assert {(i.place.name if i.place else None) for i in analysis.incidents} == {"Bezdryk"}
    assert {(i.date.start if i.date else None) for i in analysis.incidents} == {"2022-03"}


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "uk",
            "Слідство встановило, що 3 липня 2024 року командир розрахунку Роман Жуков на "
            "прізвисько «Сова» та його навідник Ігор Бєлов розстріляли полоненого.",
            ["Ihor Bielov", "Roman Zhukov"],
        ),
        (
            "ru",
            "По данным следствия, 3 июля 2024 года командир расчета Роман Жуков с позывным "
            "«Сова» и его наводчик Игорь Белов расстреляли пленного.",
            ["Igor Belov", "Roman Zhukov"],
        ),
    ],
)
def test_a_call_sign_after_a_name_is_that_person(
    extract, code: str, text: str, expected: list[str]
) -> None:
    analysis = extract(text, code, "2025-10-14")
    found = {tuple(sorted(p.name for p in i.perpetrators)) for i in analysis.incidents}
    assert found == {tuple(expected)}


@pytest.mark.parametrize(
    ("code", "text", "day"),
    [
        ("uk", "Вночі 4 березня окупанти обстріляли село.", "2024-03-04"),
        ("ru", "Ночью 4 марта оккупанты обстреляли село.", "2024-03-04"),
        ("uk", "4 березня вночі окупанти обстріляли село.", "2024-03-04"),
    ],
)
def test_a_night_told_beside_its_day_is_that_day(code: str, text: str, day: str) -> None:
    found = [(d.range.start, d.range.end) for d in get_pack(code).dates(text, "2024-03-07")]
    assert found == [(day, day)]


def test_a_reminder_of_an_earlier_strike_is_another_act(extract) -> None:
    text = (
        "Уночі 2 квітня росіяни атакували Запоріжжя дронами. Один із дронів влучив у "
        "житловий будинок, загинули двоє людей. Нагадаємо, 20 березня внаслідок ракетного "
        "удару по Запоріжжю загинули 5 людей."
    )
    analysis = extract(text, "uk", "2024-04-04")
    found = sorted(
        (i.date.start if i.date else "", i.count.best if i.count else None)
        for i in analysis.incidents
    )
    assert found == [("2024-03-20", 5), ("2024-04-02", 2)]


def test_a_reminder_that_retells_the_act_on_its_day_joins_it(extract) -> None:
    text = (
        "Утром 5 апреля российская ракета попала в жилой дом в Сумах, погибли трое "
        "человек. Напомним, 5 апреля город был под атакой с 06:10, мэр сообщил о "
        "ракетном ударе по жилому кварталу."
    )
    analysis = extract(text, "ru", "2024-04-05")
    assert [(i.date.start if i.date else None) for i in analysis.incidents] == ["2024-04-05"]


def test_a_village_the_gazetteer_places_by_its_district_is_not_narrowed_to_a_town(extract) -> None:
    text = (
        "Протягом доби окупанти обстріляли 20 населених пунктів Херсонщини. У Херсоні "
        "через удар дрона загинув 48-річний чоловік. У Білозерці під мінометний обстріл "
        "потрапила жінка 66 років — вона загинула на місці."
    )
    analysis = extract(text, "uk", "2025-06-03")
    assert "Bilozerka" in {i.place.name for i in analysis.incidents if i.place}


@pytest.mark.parametrize(
    ("code", "text", "best"),
    [
        ("ru", "Жертвами обстрела рынка стали 9 человек.", 9),
        ("uk", "Кількість жертв удару по вокзалу зросла до 12.", 12),
    ],
)
def test_the_victims_of_a_strike_are_its_dead(code: str, text: str, best: int) -> None:
    assert _counts(code, text) == [(best, "killed")]
