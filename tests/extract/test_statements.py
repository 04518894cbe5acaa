"""Statements: who says what, read from the parse, on sentences written for these tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Document


@pytest.fixture(scope="module")
def statements():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> list[tuple[str, str]]:
        a = pipeline(Document.from_text(text, name="t", published="2024-03-10"))
        return sorted((s.kind, s.speaker) for s in a.statements)

    return run


def test_each_speaker_of_a_call_is_a_statement(statements) -> None:
    got = statements(
        "Two officials, Ivan Petrenko and Oleg Sidorov, have called for the killing of "
        "captured soldiers."
    )
    assert got == [("incitement", "Ivan Petrenko"), ("incitement", "Oleg Sidorov")]


def test_a_denial_quoted_before_its_speaker(statements) -> None:
    got = statements('"These reports are lies," said ministry spokesman Pavel Orlov.')
    assert got == [("denial", "Pavel Orlov")]


def test_the_convicted_is_the_one_who_ordered(statements) -> None:
    got = statements(
        "Company commander Pavel Orlov was convicted for ordering his men to shoot at civilians."
    )
    assert got == [("order", "Pavel Orlov")]


def test_two_bodies_denying_are_two_statements(statements) -> None:
    got = statements(
        "Pavel Orlov denied that his soldiers fired on the town. "
        "Ivan Petrenko also denied the accusations."
    )
    assert got == [("denial", "Ivan Petrenko"), ("denial", "Pavel Orlov")]


def test_a_leader_telling_his_own_men_to_spare_no_one_gives_an_order() -> None:
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    pipeline = Pipeline.from_settings()
    a = pipeline(
        Document.from_text(
            "General Ivan Petrov told his soldiers not to take prisoners, a recording shows.",
            name="t",
            published="2024-03-10",
        )
    )
    assert [s.kind for s in a.statements] == ["order"]
    b = pipeline(
        Document.from_text("Senator John Smith said the Ukrainians should all be killed.", name="t")
    )
    assert [s.kind for s in b.statements] == ["incitement"]  # a call, not a denial besides


def test_a_group_that_denies_is_the_armed_group_named_before(statements) -> None:
    got = statements(
        "M23 rebels killed at least 40 civilians in the village last month. The group "
        "denied being behind the massacre."
    )
    assert got == [("denial", "M23")]


def test_the_army_that_denies_is_the_home_countrys_not_the_one_it_fights(statements) -> None:
    got = statements(
        "A drone strike hit a market in El Fasher. The army, which has been fighting the "
        "Rapid Support Forces since 2023, did not confirm the strike but denied targeting "
        "civilians."
    )
    assert got == [("denial", "Sudanese Armed Forces")]


def test_an_order_told_as_on_the_orders_of_is_the_givers(statements) -> None:
    got = statements(
        "The two captives were shot on the orders of the Russian military command, the "
        "investigators believe."
    )
    assert got == [("order", "Russian military command")]
    # the one who carried it out is no speaker; a giver told only as "his commander" is
    # no one the text names
    assert statements("Private Ivan Petrov fired at the car on the orders of his commander.") == []


def test_a_leader_ordering_his_commanders_to_spare_no_one_gives_one_order(statements) -> None:
    got = statements(
        "Pavel Orlov said he had ordered all of his commanders at the front to take no "
        "prisoners and to kill all who surrender."
    )
    assert got == [("order", "Pavel Orlov")]


def test_saying_the_accusers_are_lying_is_a_denial(statements) -> None:
    got = statements(
        "Ambassador Ivan Petrenko told the assembly that the foreign governments were lying about "
        "the deportations."
    )
    assert got == [("denial", "Ivan Petrenko")]


def test_a_claim_called_a_provocation_is_denied_by_who_writes_not_by_the_claim(
    statements,
) -> None:
    got = statements(
        'Adviser Ivan Petrenko wrote on Telegram: "The tale of a raid on a village in '
        'Russia is an obvious deliberate provocation."'
    )
    assert got == [("denial", "Ivan Petrenko")]


def test_the_most_specific_speaker_of_a_denial(statements) -> None:
    got = statements(
        "Shelling hit the market on Sunday and Kyiv denied any part in it. Later Kyiv denied "
        "blame again, with its Southern Press Office saying no unit fired there."
    )
    assert got == [("denial", "Southern Press Office")]


def test_people_named_in_apposition_past_a_clause_are_the_speakers(statements) -> None:
    got = statements(
        "Several figures who hold office in Russia, namely Ivan Petrenko and Oleg Sidorov, "
        "have called for the execution of captured soldiers."
    )
    assert got == [("incitement", "Ivan Petrenko"), ("incitement", "Oleg Sidorov")]


def test_it_that_denies_is_the_state_named_before(statements) -> None:
    got = statements(
        "Russia did not comment on the attack on the town. It has struck many towns since "
        "the invasion began, though it denies targeting civilians."
    )
    assert got == [("denial", "Russia")]
    got = statements("Moscow said the shop was closed and it had hit a nearby weapons depot.")
    assert got == [("denial", "Russia")]


def test_a_ministry_that_denies_keeps_its_name(statements) -> None:
    got = statements(
        "The Russian Defense Ministry said on Monday that its troops were not targeting cities."
    )
    assert got == [("denial", "Russian Defense Ministry")]


def test_blaming_the_other_side_is_a_denial_only_from_a_state(statements) -> None:
    assert statements("President Pavel Orlov said Ukraine had fired long missiles overnight.") == []
    assert statements("Governor Ivan Petrov said the Ukrainians had shot and killed a man.") == []


def test_the_giver_of_an_order_in_a_pack_language_follows_on_the_orders_of() -> None:
    pipeline = Pipeline.from_settings()

    def run(text: str) -> list[tuple[str, str]]:
        doc = Document.from_text(text, name="t", published="2024-03-10", language="ru")
        return [(s.kind, s.speaker) for s in pipeline(doc).statements]

    assert run("Боец Иван Петров застрелил пленных по приказу своего командира.") == []
    assert run("Боец Иван Петров застрелил пленных по приказу командира Олега Сидорова.") == [
        ("order", "Oleg Sidorov")
    ]


def test_an_order_to_do_no_harm_is_no_statement(statements) -> None:
    got = statements(
        "Fighting went on near Djibo in Burkina Faso. The residents were ordered by the "
        "military to dig trenches around the town."
    )
    assert got == []
    got = statements("The ambassador returned home for talks by order of the State Department.")
    assert got == []
    got = statements("Major Ivan Petrov was convicted for ordering his men to open fire on cars.")
    assert got == [("order", "Ivan Petrov")]


def test_an_upper_case_text_gives_no_capitalised_words_as_a_speaker(statements) -> None:
    assert statements("THEY HAVE NOW SEEN THAT THIS STORY IS ENTIRELY FALSE.") == []


def test_a_denial_told_according_to_its_source(statements) -> None:
    got = statements("According to Ivan Petrenko, the report by the United Nations is a fake.")
    assert got == [("denial", "Ivan Petrenko")]


def test_accusations_rejected_in_the_passive(statements) -> None:
    assert statements("The accusations were flatly rejected by the Kremlin on Tuesday.") == [
        ("denial", "Russia")
    ]


def test_he_who_denies_is_the_person_named_before(statements) -> None:
    got = statements(
        "Ivan Petrenko, the regional governor, met reporters on Monday. He denied that his "
        "police had beaten anyone."
    )
    assert got == [("denial", "Ivan Petrenko")]


def test_footage_rejected_as_made_up_or_said_to_have_been_staged(statements) -> None:
    assert statements("Ivan Petrenko rejected the footage as a fabrication.") == [
        ("denial", "Ivan Petrenko")
    ]
    assert statements("Ivan Petrenko said the video had been staged.") == [
        ("denial", "Ivan Petrenko")
    ]


def test_a_state_force_that_denies_takes_its_canonical_name(statements) -> None:
    got = statements(
        "An air strike hit a market in El Fasher, North Darfur, killing 30 civilians, "
        "witnesses said. The army denied targeting civilians."
    )
    assert got == [("denial", "Sudanese Armed Forces")]
