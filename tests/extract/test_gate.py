"""The prefix gate never keeps a pattern from a text it matches in."""

from __future__ import annotations

import re

import pytest

from casefile.extract import lexicon as lx
from casefile.extract.entities import _FORCE, STATEMENT_CUE
from casefile.extract.gate import may_match, prefixes
from casefile.extract.statements import CUES
from casefile.extract.types import compile_entries

WORDS = re.compile(r"\b(?:kill(?:ed|ing)?|sh[eo]t|(?:mass )?graves?|burn\w*)\b", re.I)


def test_the_prefixes_of_a_word_list() -> None:
    # "burn\w*": the class comes after the third letter, which is all the gate reads
    assert prefixes(WORDS) == {"kil", "she", "sho", "mas", "gra", "bur"}
    # a pattern that heeds case, or whose matches may begin with any word: no gate
    assert prefixes(re.compile(r"\bkilled\b")) is None
    assert prefixes(re.compile(r"\w+ killed", re.I)) is None
    assert prefixes(re.compile(r"(?:a|an) attack", re.I)) == {"a a", "an "}  # read on
    assert prefixes(re.compile(r"\b(?:a|an)\b", re.I)) is None  # a match may be one letter


@pytest.mark.parametrize(
    "text",
    [
        "Troops SHOT two men and dug a mass grave.",
        "The talks resumed on Monday.",
        "Prosecutors said the ca\u017fe was staged.",  # a long s: ignoring case, an "s"
        "The \u212aILLING was filmed by a drone.",  # the Kelvin sign: ignoring case, a "k"
        "“Guards” status was conferred on the brigade, which was praised by the minister.",
        "They denied it and called the footage a provocation.",
        "Pro-Russian fighters and the armed forces of the Russian Federation shelled it.",
    ],
)
def test_a_gated_pattern_finds_what_it_finds_alone(text: str) -> None:
    patterns = [
        *CUES.values(),
        *lx.EVIDENCE_CUES.values(),
        *lx.HEDGE_CUES.values(),
        STATEMENT_CUE,
        _FORCE,
        compile_entries(["kill*", "shot", "mass grave*", "set fire to"]),
    ]
    for rx in patterns:
        assert rx is not None
        if rx.search(text):
            assert may_match(rx, text), rx.pattern


def test_a_text_without_the_words_is_not_searched() -> None:
    rx = compile_entries(["kill*", "shot"])
    assert rx is not None and prefixes(rx) == {"kil", "sho"}
    assert not may_match(rx, "The talks resumed on Monday.")
    assert may_match(rx, "Troops shot two men.")
    assert may_match(rx, "Ein Mann wurde erschossen, sagte der Bürgermeister.")  # ü: searched


def test_a_text_asked_of_many_patterns_is_read_once() -> None:
    # the statement cues have over 16 prefixes each: the text's windows are looked up, and
    # they and its lower case are worked out once for all the patterns asked of it
    from casefile.extract import gate

    text = "Officials said the claims were baseless and dismissed the report as staged."
    patterns = list(CUES.values())
    assert all(len(prefixes(rx) or ()) > 16 for rx in patterns)
    gate._lowered.cache_clear()
    gate._windows.cache_clear()
    first = [may_match(rx, text) for rx in patterns]
    assert gate._lowered.cache_info().misses == 1
    assert gate._windows.cache_info().misses == 1
    low = text.lower()
    windows = {low[i : i + 3] for i in range(len(low) - 2)}
    assert first == [not (prefixes(rx) or set()).isdisjoint(windows) for rx in patterns]
    assert [may_match(rx, text) for rx in patterns] == first  # from the caches: the same
    assert any(first) and not all(first)
