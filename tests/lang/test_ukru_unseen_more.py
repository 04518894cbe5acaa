"""Ukrainian and Russian reports of kinds the gold files hold few of (issue #12, sixth
pass): each phrase written for these tests."""

from __future__ import annotations

import pytest

from casefile.lang import get_pack


def _doers(analysis) -> list[list[str]]:
    return [[p.name for p in i.perpetrators] for i in analysis.incidents]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # a Russian-language report of a strike on a Ukrainian city that names no attacker
        (
            "Вечером беспилотники атаковали Запорожье. Погибли двое мирных жителей, "
            "сообщил глава области.",
            "Russian forces",
        ),
        # ... and of one on a Russian town
        (
            "Днем дрон атаковал автобус в Шебекино. Погиб пассажир, еще трое ранены, "
            "сообщил губернатор.",
            "Ukrainian forces",
        ),
    ],
)
def test_a_russian_report_of_a_strike_with_no_attacker_names_the_other_side(
    extract, text: str, doer: str
) -> None:
    analysis = extract(text, "ru", "2025-04-16")
    assert _doers(analysis) == [[doer]]


def test_the_default_doer_by_country_is_only_for_strikes() -> None:
    ru = get_pack("ru")
    assert ru.default_agent_for("UA", "attack_on_civilians") == "Russian forces"
    assert ru.default_agent_for("RU", "attack_on_civilians") == "Ukrainian forces"
    assert ru.default_agent_for(None, "attack_on_civilians") is None
    assert ru.default_agent_for("UA", "deportation") is None
    uk = get_pack("uk")
    assert uk.default_agent_for(None, "torture") == "Russian forces"
    assert uk.default_agent_for("RU", "attack_on_civilians") is None
