"""Armed groups by the names reports use (knowledge/data/armed_groups.yaml)."""

from __future__ import annotations

from casefile.knowledge.gazetteer import Gazetteer
from casefile.knowledge.groups import find_groups


def test_a_group_is_found_by_its_name_or_initials_as_written() -> None:
    found = find_groups("RSF fighters and al-Shabab militants; the rsf word is nothing.")
    assert [(a, b, actor.name) for a, b, actor in found] == [
        (0, 3, "Rapid Support Forces"),
        (17, 26, "al-Shabaab"),
    ]


def test_a_state_force_in_the_table_is_a_force() -> None:
    [(_, _, actor)] = find_groups("The SAF bombed the market.")
    assert (actor.name, actor.kind) == ("Sudanese Armed Forces", "force")


def test_a_groups_name_is_never_found_as_a_place() -> None:
    found = Gazetteer.default().find("Hamas fighters crossed near Kharkiv.")
    assert [text for _, _, text in found] == ["Kharkiv"]
