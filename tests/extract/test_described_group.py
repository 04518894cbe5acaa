"""An act's agent described as members of an armed group ("the rebels") is the one
non-state armed group the document names (assemble.Assembler.armed_group)."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str) -> Analysis:
        return pipeline(Document.from_text(text, name="t", language="en"))

    return run


def perpetrators(a: Analysis) -> list[list[str]]:
    return [[p.name for p in i.perpetrators] for i in a.incidents]


def test_the_rebels_are_the_group_named_by_its_initials(extract) -> None:
    a = extract(
        "The People's Liberation Front (PLF) said on Monday it would keep fighting. "
        "On Sunday night the rebels attacked a bus station in Tarvia, killing four passengers."
    )
    assert perpetrators(a) == [["PLF"]]


def test_initials_followed_by_a_members_noun_name_an_armed_group(extract) -> None:
    a = extract(
        "On Sunday night the rebels attacked a bus station in Tarvia, killing four "
        "passengers. PRV guerrillas were seen in the area a week before."
    )
    assert perpetrators(a) == [["PRV"]]


def test_no_group_when_the_document_names_two_or_none(extract) -> None:
    two = extract(
        "On Sunday night the rebels attacked a bus station in Tarvia, killing four "
        "passengers. The Popular Revolutionary Movement and the Red Star Front traded blame."
    )
    assert perpetrators(two) == [[]]
    none = extract(
        "On Sunday night the rebels attacked a bus station in Tarvia, killing four "
        "passengers. The Ministry of Transport closed the station."
    )
    assert perpetrators(none) == [[]]


def test_gunmen_are_not_a_named_group_s_members(extract) -> None:
    a = extract(
        "On Sunday night gunmen attacked a bus station in Tarvia, killing four passengers. "
        "The Popular Revolutionary Movement denied any part in it."
    )
    assert perpetrators(a) == [[]]


def test_the_agent_in_a_gloss_of_a_named_group_is_the_group(extract) -> None:
    # upper-case wire copy glosses initials in brackets; the parse takes a word of the gloss
    a = extract(
        "LOCAL RADIO SAID THE MARXIST ELN [ARMY FOR NATIONAL LIBERATION], WHICH KIDNAPPED TWO "
        "ENGINEERS IN TARVIA, WANTS A RANSOM."
    )
    assert perpetrators(a) == [["ELN"]]  # a group of knowledge/data/armed_groups.yaml
