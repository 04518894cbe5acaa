"""Armed groups by the names reports use (knowledge/data/armed_groups.yaml)."""

from __future__ import annotations

import pytest

from casefile.errors import KnowledgeError
from casefile.knowledge import groups
from casefile.knowledge.gazetteer import Gazetteer
from casefile.knowledge.groups import canonical_force, find_groups
from casefile.model import Actor


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


def test_a_states_forces_named_by_its_demonym_take_the_tables_name() -> None:
    assert canonical_force("Israeli soldiers") == Actor("Israel Defense Forces", "force")
    assert canonical_force("the Sudanese military") == Actor("Sudanese Armed Forces", "force")
    assert canonical_force("Nigeria's army") == Actor("Nigerian Army", "force")
    assert canonical_force("Russian forces") is None  # no entry: the name stays
    assert canonical_force("Syrian military intelligence") is None  # another body
    [(_, _, actor)] = find_groups("Assad forces shelled the town.")
    assert actor == Actor("Syrian military", "force")


def test_a_state_force_is_found_by_its_aliases_not_its_descriptive_name() -> None:
    found = find_groups("Tatmadaw jets bombed the village; the Myanmar military denied it.")
    assert [(a, b, actor.name) for a, b, actor in found] == [(0, 8, "Myanmar military")]


def test_groups_of_iraq_afghanistan_the_congo_and_haiti_are_known() -> None:
    found = find_groups("PMF units, ISIS-K cells, FDLR rebels and Gran Grif gangsters.")
    assert [actor.name for _, _, actor in found] == [
        "Popular Mobilization Forces",
        "Islamic State Khorasan Province",
        "Democratic Forces for the Liberation of Rwanda",
        "Gran Grif",
    ]


def test_a_state_force_of_a_country_without_a_demonym_is_a_clear_error(
    tmp_path, monkeypatch
) -> None:
    bad = tmp_path / "armed_groups.yaml"
    bad.write_text("- name: Army of Nowhere\n  kind: force\n  country: Nowhereland\n")
    monkeypatch.setattr(groups, "DATA", bad)
    for cached in (groups._rows, groups._table, groups.state_forces):
        cached.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="no demonym for country 'Nowhereland'"):
            groups.state_forces()
    finally:
        for cached in (groups._rows, groups._table, groups.state_forces):
            cached.cache_clear()
