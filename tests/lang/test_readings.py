"""What the uk/ru packs read for the later stages: moods, units in a row, statement and
statistic cues, ranks, named months, counts that are not people. Phrases written for
these tests."""

from __future__ import annotations

import re

import pytest

from casefile.lang import get_pack
from casefile.lang.romanize import KnownPersons


def _word(text: str, prefix: str) -> tuple[int, int]:
    m = re.search(rf"\b{prefix}\w*", text)
    assert m is not None
    return m.span()


@pytest.mark.parametrize(
    ("code", "text", "prefix", "unrealised"),
    [
        ("uk", "командир віддав наказ розстрілювати полонених", "розстр", True),
        ("uk", "«Розстрілюйте всіх», — кричав він", "Розстр", True),
        ("uk", "окупанти почали обстрілювати село", "обстр", False),  # a phase verb
        ("uk", "окупанти розстріляли полонених", "розстр", False),
        ("ru", "поступил приказ расстрелять пленных", "расстр", True),
        ("ru", "военные продолжали обстреливать город", "обстр", False),
        ("ru", "военные расстреляли пленных", "расстр", False),
        ("en", "they were ordered to shoot the prisoners", "shoot", False),  # English: parse
    ],
)
def test_an_infinitive_or_imperative_trigger_is_not_an_act_told_as_done(
    code: str, text: str, prefix: str, unrealised: bool
) -> None:
    assert get_pack(code).unrealised(text, *_word(text, prefix)) is unrealised


def test_units_in_a_row_in_the_genitive_state_a_chain_of_command() -> None:
    text = "бійці першого батальйону 237-го полку 76-ї десантно-штурмової дивізії"
    pack = get_pack("uk")
    found = pack.units(text)
    links = [(c, p) for c, p, _, _ in pack.unit_links(text, found)]
    assert links == [
        ("1st Battalion, 237th Air Assault Regiment", "237th Air Assault Regiment"),
        ("237th Air Assault Regiment", "76th Air Assault Division"),
    ]
    # a comma or a conjunction between two units is a list, not a chain
    listed = "бригади 155-ї окремої бригади морської піхоти та 76-ї десантно-штурмової дивізії"
    assert pack.unit_links(listed, pack.units(listed)) == []
    assert get_pack("en").unit_links(text, found) == []


@pytest.mark.parametrize(
    ("code", "text", "kind"),
    [
        ("uk", "Командир наказав розстріляти полонених.", "order"),
        ("uk", "Він закликав у полон не брати нікого.", "incitement"),
        ("ru", "По приказу командира их расстреляли.", "order"),
        ("ru", "Путин наградил бригаду почётным званием.", "honour"),
    ],
)
def test_statement_cues_by_lemma(code: str, text: str, kind: str) -> None:
    assert {c.kind for c in get_pack(code).statement_cues(text)} == {kind}


def test_ranks_with_the_side_an_adjective_names() -> None:
    uk = get_pack("uk").ranks("наказ одного з командирів; російські командири")
    assert [(r[2], r[3]) for r in uk] == [("commander", None), ("commander", "Russian")]
    ru = get_pack("ru").ranks("заместитель командира бригады")
    assert [(r[2], r[3]) for r in ru] == [("deputy commander", None)]


def test_counts_of_cases_and_words_that_spread_a_figure() -> None:
    uk = get_pack("uk")
    text = "З початку вторгнення відкрито 17 кримінальних проваджень і 240 тисяч справ."
    assert [c.value for c in uk.case_counts(text)] == [17, 240_000]
    assert uk.spread(text)
    assert not uk.spread("Загинули троє людей.")
    assert uk.as_of("Станом на ")
    ru = get_pack("ru")
    assert [c.value for c in ru.case_counts("возбуждено 12 уголовных дел")] == [12]
    assert ru.case_counts("погибли 12 человек") == []


@pytest.mark.parametrize(
    ("code", "text", "values"),
    [
        ("uk", "о 13:25 окупанти обстріляли село", []),  # a time of day
        ("uk", "80% випадків", []),  # a share
        ("uk", "понад 3 тис. осіб і 2 млн гривень", [3000, 2_000_000]),
        ("ru", "около 240 тысяч человек", [240_000]),
    ],
)
def test_what_is_and_is_not_a_count(code: str, text: str, values: list[int]) -> None:
    assert [c.value for c in get_pack(code).counts(text)] == values


def test_a_count_of_people_finds_its_verb_past_an_apposition() -> None:
    text = "У селі 12 людей, серед них дитина, загинули внаслідок удару."
    (c,) = get_pack("uk").victim_counts(text)
    assert (c.count.best, c.role) == (12, "killed")


def test_a_named_month_makes_a_date_explicit() -> None:
    found = {m.text: m.named for m in get_pack("uk").dates("5 жовтня, а сьогодні", "2023-10-10")}
    assert found == {"5 жовтня": True, "сьогодні": False}


def test_a_known_surname_does_not_take_another_given_name() -> None:
    kb = KnownPersons.default()
    known = kb.persons[0]
    surname = known.name.split()[-1]
    assert kb.get(known.name) is known
    assert kb.get(surname) is known
    assert kb.get(f"Zzyzx {surname}") is None


def test_a_bare_ordinal_word_and_a_unit_noun_is_no_unit_without_its_parent() -> None:
    assert get_pack("ru").units("ракета попала в третьем корпусе дома") == []
    assert get_pack("uk").units("бійці 3-го армійського корпусу") != []


@pytest.mark.parametrize(
    ("code", "verb", "phrase", "is_object"),
    [
        ("ru", "расстреляли", "украинских военнослужащих", True),
        ("ru", "обстреляли", "российские военные", False),  # a subject after its verb
        ("ru", "обстрел", "оккупантов", False),  # a noun's genitive is its agent
        ("uk", "розстріляли", "українських військових", True),
        ("uk", "розстріляні", "російськими військовими", False),  # the instrumental agent
        ("en", "shot", "Ukrainian soldiers", False),  # English: the parse decides
    ],
)
def test_a_phrase_after_a_verb_in_an_object_case_is_not_its_agent(
    code: str, verb: str, phrase: str, is_object: bool
) -> None:
    assert get_pack(code).object_of(verb, phrase) is is_object


def test_hedges_denials_and_evidence_by_lemma() -> None:
    uk = get_pack("uk")
    assert [v for *_, v in uk.hedges("Ймовірно, удар завдали дроном.")] == ["alleged"]
    assert [v for *_, v in uk.hedges("У Кремлі спростували цю інформацію.")] == ["disputed"]
    assert {v for *_, v in uk.evidence_cues("Слідчі мають відео та свідчення очевидців.")} == {
        "video",
        "testimony",
    }
    assert get_pack("ru").has_certainty_cues and not get_pack("en").has_certainty_cues


@pytest.mark.slow
def test_a_hedged_ukrainian_report_is_alleged() -> None:
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    text = "Ймовірно, окупанти розстріляли трьох полонених поблизу Покровська."
    a = Pipeline.from_settings()(Document.from_text(text, language="uk", published="2025-01-02"))
    (inc,) = a.incidents
    assert inc.certainty == "alleged"


def test_words_that_say_a_unit_is_part_of_another_and_modifiers_in_another_order() -> None:
    pack = get_pack("uk")
    text = (
        "льотчики 184 важкого бомбардувального авіаційного полку, який входить до складу "
        "22 важкої авіаційної бомбардувальної дивізії"
    )
    found = pack.units(text)
    assert [n for *_, n in found] == [
        "184th Heavy Bomber Aviation Regiment",
        "22nd Heavy Bomber Aviation Division",  # "Heavy Aviation Bomber" in the text
    ]
    assert [(c, p) for c, p, _, _ in pack.unit_links(text, found)] == [
        ("184th Heavy Bomber Aviation Regiment", "22nd Heavy Bomber Aviation Division")
    ]


def test_a_units_honorific_name_is_skipped() -> None:
    text = "бійці 5-ї окремої гвардійської танкової Тацинської ордена Суворова бригади"
    assert [n for *_, n in get_pack("uk").units(text)] == [
        get_pack("uk").units("бійці 5-ї окремої гвардійської танкової бригади")[0][2]
    ]


@pytest.mark.parametrize(
    ("text", "date", "told"),
    [
        ("окупанти вбили цивільного, повідомив прокурор 2 березня.", "2 березня", True),
        ("За даними слідства, 5 березня окупанти вбили цивільного.", "5 березня", False),
        ("Военные убили мужчину, сообщила прокуратура 3 марта.", "3 марта", True),
        ("Слідчі оприлюднили звіт 4 березня.", "4 березня", True),
        ("The governor said on Monday that two were killed.", "on Monday", True),
        ("The monitors' report, released on Monday, counts the dead.", "on Monday", True),
        ("According to officials, on Sunday a drone hit a bus.", "on Sunday", False),
        ("The strike came on Sunday evening.", "on Sunday", False),
        ("Witnesses say that on Sunday a drone hit a bus.", "on Sunday", False),
        ("The mayor told reporters how on 2 May shells fell.", "on 2 May", False),
        # the day it became known, not the day of the act; "as is known" is no telling
        ("Про побиття полоненого стало відомо 6 березня.", "6 березня", True),
        ("Як відомо, 6 березня окупанти обстріляли місто.", "6 березня", False),
        ("Военные убили мужчину, это стало известно 4 марта.", "4 марта", True),
    ],
)
def test_a_date_after_a_verb_of_reporting_says_when_it_was_told(
    text: str, date: str, told: bool
) -> None:
    code = "ru" if "Военные" in text else "en" if text.isascii() else "uk"
    assert get_pack(code).told_on(text, text.index(date)) is told
