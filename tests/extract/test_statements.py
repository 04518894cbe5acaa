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
    assert got == [("denial", "Sudanese army")]
