"""Extraction end to end, one behaviour per test, on reports written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str | None = "2024-10-14") -> Analysis:
        return pipeline(Document.from_text(text, name="t", published=published))

    return run


def test_one_act_told_over_several_sentences_is_one_incident(extract) -> None:
    a = extract(
        "A Russian missile struck a cafe in the village of Hroza, Kharkiv Oblast, "
        "on October 5, 2023. "
        "At least 51 people were killed, the regional governor said. "
        "Later the death toll rose to 52 people."
    )
    assert len(a.incidents) == 1
    inc = a.incidents[0]
    assert inc.type == "attack_on_civilians"
    assert inc.place is not None and inc.place.name == "Hroza"
    assert inc.date is not None and inc.date.start == "2023-10-05"
    assert inc.count is not None and inc.count.best == 52 and inc.count.low == 51
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]
    assert all(a.text[s:e] for s, e in inc.spans)


def test_two_dates_and_two_places_are_two_incidents(extract) -> None:
    a = extract(
        "Russian troops executed nine Ukrainian POWs near Zeleny Shlyakh in the Kursk region "
        "on October 10, 2024. "
        "Separately, Russian troops executed 16 Ukrainian soldiers near Pokrovsk "
        "on October 1, 2024."
    )
    assert [(i.type, i.date.start if i.date else None) for i in a.incidents] == [
        ("execution_of_pows", "2024-10-10"),
        ("execution_of_pows", "2024-10-01"),
    ]
    assert [i.count.best for i in a.incidents if i.count] == [9, 16]


def test_aggregate_figures_are_statistics_not_incidents(extract) -> None:
    a = extract(
        "Prosecutors are investigating 75 cases involving the execution of 268 prisoners of war "
        "(57 in 2022, 11 in 2023, 149 in 2024, 51 so far in 2025), "
        "the Prosecutor General's Office said.",
        published="2025-05-20",
    )
    assert a.incidents == []
    got = {(s.value, s.counted, s.period.start if s.period else None) for s in a.statistics}
    assert {
        (75, "cases", None),
        (268, "victims", None),
        (57, "victims", "2022"),
        (149, "victims", "2024"),
        (51, "victims", "2025"),
    } <= got
    assert all(s.category == "pow" for s in a.statistics)


def test_combat_and_diplomacy_make_no_incident(extract) -> None:
    a = extract(
        "Russian forces attacked near Kostyantynivka and advanced west of Pleshchiivka. "
        "Drone operators struck a Ukrainian ammunition depot. "
        "Diplomats met in Geneva to discuss a ceasefire at the nuclear plant."
    )
    assert a.incidents == []


def test_victims_are_not_perpetrators(extract) -> None:
    a = extract(
        "Russian soldiers shot six unarmed Ukrainian soldiers near Robotyne, Zaporizhzhia Oblast."
    )
    inc = a.incidents[0]
    assert [p.name for p in inc.perpetrators] == ["Russian forces"]
    assert inc.victim_category == "pow" and inc.count is not None and inc.count.best == 6


def test_unit_perpetrator_and_stated_hierarchy(extract) -> None:
    a = extract(
        "Footage shows a soldier of the 30th Guards Motorized Rifle Brigade "
        "(2nd Combined Arms Army [CAA], Central Military District [CMD]) "
        "shooting six unarmed POWs near Pokrovsk."
    )
    assert [p.name for p in a.incidents[0].perpetrators] == ["30th Motorized Rifle Brigade"]
    chains = {u.name: u.parents for u in a.units}
    assert chains["30th Motorized Rifle Brigade"] == [
        "2nd Combined Arms Army",
        "Central Military District",
    ]
    assert chains["2nd Combined Arms Army"] == ["Central Military District"]
    assert "video" in a.incidents[0].evidence


def test_a_units_former_name_in_brackets_is_no_parent(extract) -> None:
    a = extract(
        "Soldiers of the 51st Combined Arms Army (formerly the 1st Army Corps) advanced near "
        "Avdiivka."
    )
    assert a.units == []


def test_hierarchy_from_possessive_and_part_of(extract) -> None:
    a = extract(
        "The 64th Separate Guards Motor Rifle Brigade is based near Khabarovsk. "
        "It's part of the Eastern Military District's 35th Army."
    )
    chains = {u.name: u.parents for u in a.units}
    assert chains["64th Motorized Rifle Brigade"] == ["35th Combined Arms Army"]
    assert chains["35th Combined Arms Army"] == ["Eastern Military District"]


def test_hierarchy_from_a_unit_of_a_larger_one(extract) -> None:
    a = extract(
        "The sergeant served in the 64th Motor Rifle Brigade, part of the 35th Army of "
        "Russia's Eastern Military District. He was seen near the 1st Guards Tank Army "
        "of the 27th Motor Rifle Brigade's positions."
    )
    chains = {u.name: u.parents for u in a.units}
    assert chains["64th Motorized Rifle Brigade"] == ["35th Combined Arms Army"]
    assert chains["35th Combined Arms Army"] == ["Eastern Military District"]
    # a larger unit "of" a smaller one is no chain of command
    assert "1st Guards Tank Army" not in chains


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "uk",
            "Військові 64-ї окремої мотострілецької бригади, яка входить до складу 35-ї "
            "загальновійськової армії, катували цивільних.",
        ),
        (
            "ru",
            "Военные 64-й отдельной мотострелковой бригады, входящей в состав 35-й "
            "общевойсковой армии, пытали мирных жителей.",
        ),
    ],
)
def test_hierarchy_stated_in_ukrainian_and_russian(language: str, text: str) -> None:
    pipeline = Pipeline.from_settings()
    a = pipeline(Document.from_text(text, name="t", published="2024-01-01", language=language))
    chains = {u.name: u.parents for u in a.units}
    assert chains["64th Motorized Rifle Brigade"] == ["35th Combined Arms Army"]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Russian troops reportedly shot three POWs near Avdiivka.", "alleged"),
        ("The UN verified that Russian troops shot three POWs near Avdiivka.", "confirmed"),
        ("Russian troops shot three POWs near Avdiivka, Ukrainian prosecutors said.", "reported"),
        (
            "Russian troops shot three POWs near Avdiivka, prosecutors said. Russia denied it.",
            "disputed",
        ),
        ("Russian troops shot three POWs near Avdiivka; Moscow denied the killings.", "disputed"),
        ("Moscow said the video of the shooting of three POWs was staged.", "disputed"),
        (
            "Russian troops shot three POWs near Avdiivka after they staged a mock trial, "
            "prosecutors said.",
            "reported",
        ),
    ],
)
def test_certainty(extract, text: str, certainty: str) -> None:
    assert extract(text).incidents[0].certainty == certainty


def test_attribution_names_the_source(extract) -> None:
    a = extract(
        "According to Human Rights Watch, "
        "Russian troops shot three surrendering soldiers near Avdiivka."
    )
    assert "Human Rights Watch" in a.incidents[0].attribution


def test_statements_honour_incitement_denial(extract) -> None:
    a = extract(
        "The 64th Separate Motorized Rifle Brigade was awarded an honorary Guards title "
        "by President Vladimir Putin. "
        "Dmitry Medvedev wrote on Telegram that Ukrainian soldiers should be exterminated. "
        "The Russian Defense Ministry denied that its troops had killed civilians in Bucha."
    )
    kinds = {(s.kind, s.speaker) for s in a.statements}
    assert ("honour", "Vladimir Putin") in kinds
    assert ("incitement", "Dmitry Medvedev") in kinds
    assert ("denial", "Russian Defense Ministry") in kinds  # the most specific speaker
    honour = next(s for s in a.statements if s.kind == "honour")
    assert honour.target == "64th Motorized Rifle Brigade"


def test_relative_dates_resolve_against_publication(extract) -> None:
    a = extract(
        "On Saturday, a Russian missile hit an apartment building in Dnipro, killing 12 people.",
        published="2023-01-16",
    )
    assert a.incidents[0].date is not None and a.incidents[0].date.start == "2023-01-14"


def test_persons_merge_surnames(extract) -> None:
    a = extract(
        "Prosecutor General Andrii Kostin said Russian troops shot 16 POWs near Pokrovsk. "
        "Kostin called it the largest known execution."
    )
    assert [(p.name, p.title) for p in a.persons] == [("Andrii Kostin", "Prosecutor General")]


@pytest.mark.parametrize(("seat", "state"), [("Kremlin", "Russia"), ("Bankova", "Ukraine")])
def test_a_seat_of_government_in_a_title_is_its_state(extract, seat, state) -> None:
    a = extract(f"A {seat} spokesman, Ivan Petrenko, said the shelling killed four people.")
    assert [(p.name, p.affiliation) for p in a.persons] == [("Ivan Petrenko", state)]


def test_an_intent_is_not_an_act(extract) -> None:
    a = extract(
        'The governor said the invaders "want to take as many civilians hostage as possible."'
    )
    assert a.incidents == []


def test_the_date_of_a_protest_does_not_date_the_killing(extract) -> None:
    a = extract(
        "Protesters in Kyiv on Thursday demanded sanctions after Russian forces killed Ukrainian "
        "prisoners of war held in Olenivka.",
        published="2022-08-08",
    )
    assert len(a.incidents) == 1 and a.incidents[0].date is None
    assert a.incidents[0].place is not None and a.incidents[0].place.name == "Olenivka"


def test_a_given_name_is_not_a_town(extract) -> None:
    a = extract("President Volodymyr Zelensky said a Russian missile killed 12 people in Dnipro.")
    assert [m.text for m in a.mentions if m.kind == "place"] == ["Dnipro"]


def test_a_figure_a_counting_body_gives_is_a_statistic(extract) -> None:
    a = extract("Prosecutors are investigating the execution of 40 prisoners of war in the region.")
    assert [(s.value, s.counted) for s in a.statistics] == [(40, "victims")]
    small = extract("Police are investigating the shooting of two men near a checkpoint.")
    assert small.statistics == []


def test_a_days_toll_of_a_few_is_no_statistic_in_a_pack_language() -> None:
    pipeline = Pipeline.from_settings()

    def stats(text: str) -> list[tuple[int, str]]:
        doc = Document.from_text(text, name="t", published="2024-01-02", language="uk")
        return [(s.value, s.counted) for s in pipeline(doc).statistics]

    assert stats("За минулу добу в області внаслідок обстрілів загинули 3 цивільних.") == []
    assert (150, "victims") in stats(
        "З початку року в області внаслідок обстрілів загинули 150 цивільних."
    )
