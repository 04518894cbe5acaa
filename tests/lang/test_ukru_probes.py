"""Ukrainian and Russian posts in the styles of prosecutors', regional administrations' and
news sites' reports (issue #12): each phrase written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


@pytest.mark.parametrize(
    ("code", "sentence", "at_word", "told"),
    [
        # an arrest right before the date: the date is the arrest's
        ("uk", "СБУ затримала 18 березня навідника, який скерував удар", "18", True),
        ("ru", "Полиция задержала в среду мужчину, который навел удар", "в среду", True),
        # a step of a case a few words before the date: the date is the act's
        ("ru", "Возбуждено дело после обстрела Херсона 19 сентября", "19", False),
        ("uk", "Затримано навідника, який 3 лютого скерував удар", "3", False),
    ],
)
def test_a_date_right_after_a_step_of_a_case_is_the_steps(
    code: str, sentence: str, at_word: str, told: bool
) -> None:
    assert get_pack(code).told_on(sentence, sentence.index(at_word)) is told


@pytest.mark.parametrize(
    ("code", "text", "names"),
    [
        ("uk", "Слідчі встановили окупанта з позивним «Грім», який катував полонених.", ["Hrim"]),
        ("uk", "Двоє військових з позивними «Сокіл» і «Вовк» стратили бранця.", ["Sokil", "Vovk"]),
        ("ru", "По словам пленного, приказ отдал ротный «Кедр».", ["Kedr"]),
        # quotes after another word name no one ("бригада «Північ»")
        ("uk", "Удар завдали з території, яку контролює угруповання «Північ».", []),
    ],
)
def test_a_call_sign_in_quotes_names_a_person(code: str, text: str, names: list[str]) -> None:
    found = [p.name for _, _, p in get_pack(code).persons(text)]
    assert found == names


@pytest.mark.parametrize(
    ("code", "between", "relative"),
    [
        ("uk", ", який у квітні 2023 року ", True),
        ("uk", " з 30-ї бригади, яка минулого тижня ", True),
        ("ru", ", которые затем ", True),
        ("uk", ", що ", False),
        ("uk", ". Він ", False),
        ("ru", ", который, по данным следствия, ", False),
    ],
)
def test_a_relative_clause_after_a_name(code: str, between: str, relative: bool) -> None:
    assert get_pack(code).relative_clause(between) is relative


def test_a_name_the_dictionary_reads_in_the_accusative_before_a_notice_is_the_suspect() -> None:
    pack = get_pack("uk")
    sentence = "Генерал-майору Олександру Чайку заочно повідомлено про підозру."
    assert pack.name_case("Олександру Чайку") == "accs"
    a = sentence.index("Олександру")
    b = sentence.index(" заочно")
    assert not pack.reports_about(sentence, a, b)


@pytest.mark.parametrize(
    ("code", "kind", "dated"),
    [
        ("uk", "attack_on_civilians", True),
        ("ru", "attack_on_civilians", True),
        ("uk", "torture", False),
        ("en", "attack_on_civilians", False),
    ],
)
def test_which_undated_acts_a_pack_dates_by_publication(code: str, kind: str, dated: bool) -> None:
    assert get_pack(code).dated_on_publication(kind) is dated


# -- whole posts through the pipeline ------------------------------------------------


def _one(extract, text: str, code: str, published: str):
    (inc,) = extract(text, code, published).incidents
    return inc


def _dates(inc) -> tuple[str | None, str | None] | None:
    return (inc.date.start, inc.date.end) if inc.date else None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "place"),
    [
        ("uk", "Вранці ворог завдав авіаудару по Лиману. Загинув чоловік 70 років.", "Lyman"),
        ("ru", "Российская авиация нанесла авиаудар по Изюму, погибла пенсионерка.", "Izium"),
        ("uk", "Артобстріл Марганця: загинула жінка, ще двоє людей поранені.", "Marhanets"),
    ],
)
def test_an_air_strike_or_shelling_is_a_strike(extract, code: str, text: str, place: str) -> None:
    inc = _one(extract, text, code, "2025-02-10")
    assert inc.type == "attack_on_civilians"
    assert inc.place is not None and inc.place.name == place


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "day"),
    [
        # no date at all: the post's day
        ("uk", "Окупанти скинули КАБ на Куп'янськ. Загинула 60-річна жінка.", "2025-02-10"),
        ("ru", "Беспилотник атаковал маршрутку в Белгороде, погиб водитель.", "2025-02-10"),
        # only the day it was told: that day
        (
            "uk",
            "Ворог вдарив дроном по Херсону. Про це 9 лютого повідомили в ОВА. Загинув чоловік.",
            "2025-02-09",
        ),
    ],
)
def test_an_undated_strike_is_of_the_day_it_was_told(
    extract, code: str, text: str, day: str
) -> None:
    assert _dates(_one(extract, text, code, "2025-02-10")) == (day, day)


@pytest.mark.slow
def test_an_undated_torture_stays_undated(extract) -> None:
    inc = _one(extract, "Окупанти катували у підвалі в Ізюмі трьох чоловіків.", "uk", "2025-02-10")
    assert inc.type == "torture" and inc.date is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "uk",
            "Правоохоронці затримали 8 лютого агента, який 2 січня 2025 року навів ракетний "
            "удар на Кривий Ріг. Тоді загинули семеро людей.",
        ),
        (
            "ru",
            "Полиция задержала 8 февраля агента, который 2 января 2025 года навел ракетный "
            "удар на Кривой Рог. Тогда погибли семь человек.",
        ),
    ],
)
def test_the_day_of_an_arrest_does_not_date_the_act(extract, code: str, text: str) -> None:
    inc = _one(extract, text, code, "2025-02-10")
    assert _dates(inc) == ("2025-01-02", "2025-01-02")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "count"),
    [
        (
            "uk",
            "Росіяни 9 лютого обстріляли Костянтинівку. Про це повідомив начальник МВА. "
            "Загинули двоє жителів.",
            2,
        ),
        (
            "ru",
            "Армия РФ 9 февраля обстреляла Краматорск. Об этом сообщил глава города. "
            "Погибли три человека.",
            3,
        ),
    ],
)
def test_a_source_line_between_a_strike_and_its_toll(
    extract, code: str, text: str, count: int
) -> None:
    inc = _one(extract, text, code, "2025-02-10")
    assert inc.type == "attack_on_civilians"
    assert inc.count is not None and inc.count.best == count
    assert _dates(inc) == ("2025-02-09", "2025-02-09")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "perpetrators"),
    [
        ("ru", "Военнослужащий РФ застрелил пенсионера в Гостомеле.", ["Russian forces"]),
        (
            "ru",
            "Следствие установило российского солдата Петра Орлова из 25-й мотострелковой "
            "бригады, который в мае 2024 года расстрелял двоих пленных.",
            ["Pyotr Orlov", "25th Motorized Rifle Brigade"],
        ),
        (
            "uk",
            "Ідентифіковано двох окупантів з позивними «Сокіл» і «Вовк», які восени 2024 "
            "року стратили полоненого бійця ЗСУ.",
            ["Sokil", "Vovk"],
        ),
    ],
)
def test_who_did_it(extract, code: str, text: str, perpetrators: list[str]) -> None:
    inc = _one(extract, text, code, "2025-02-10")
    assert [p.name for p in inc.perpetrators] == perpetrators


@pytest.mark.slow
def test_a_spokesman_who_calls_a_strike_a_provocation_did_not_strike(extract) -> None:
    text = "Песков назвал провокацией обвинения в ударе по Сумам, где погибли 30 человек."
    inc = _one(extract, text, "ru", "2025-02-10")
    assert "Dmitry Peskov" not in [p.name for p in inc.perpetrators]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "perpetrators"),
    [
        (
            "uk",
            "Командир роти Павло Гуров наказав підлеглим Артему Сорокіну та Івану Козлову "
            "розстріляти полоненого. Ті виконали наказ.",
            ["Pavlo Hurov", "Artem Sorokin", "Ivan Kozlov"],
        ),
        (
            "ru",
            "Командир взвода Олег Гуров приказал подчиненным Сергею Сорокину и Ивану Козлову "
            "расстрелять пленного. Подчиненные выполнили приказ.",
            ["Oleg Gurov", "Sergey Sorokin", "Ivan Kozlov"],
        ),
    ],
)
def test_an_order_carried_out_was_done_by_its_giver_and_those_told(
    extract, code: str, text: str, perpetrators: list[str]
) -> None:
    inc = _one(extract, text, code, "2025-02-10")
    assert inc.type == "execution_of_pows"
    assert [p.name for p in inc.perpetrators] == perpetrators
