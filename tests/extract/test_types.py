"""Incident types as data: word lists compile to patterns; type files are checked."""

from __future__ import annotations

import pytest

from casefile.errors import ConfigError
from casefile.extract.types import Concepts, compile_entries, concepts, first_words, type_specs
from casefile.vocab import INCIDENT_TYPES


@pytest.mark.parametrize(
    ("entries", "text", "found"),
    [
        (["kill*"], "soldiers killed two", ["killed"]),
        (["kill*"], "a skillful pilot", []),
        (["prisoner* of war"], "three prisoners  of war were shot", ["prisoners  of war"]),
        (["found * bod*"], "they found the bodies", ["found the bodies"]),
        (["вбил*"], "окупанти вбили чоловіка", ["вбили"]),
        (["вбив*"], "окупанти вбили чоловіка", []),
    ],
)
def test_entries_match_words_and_their_endings(entries, text, found) -> None:
    rx = compile_entries(entries)
    assert rx is not None
    assert [m.group() for m in rx.finditer(text)] == found


def test_every_type_file_names_a_type_of_the_vocabulary() -> None:
    specs = type_specs()
    assert {s.type for s in specs} <= set(INCIDENT_TYPES.values)
    assert all(s.rules for s in specs)


def test_a_language_without_a_list_falls_back_to_english() -> None:
    words = Concepts({"harm": {"en": ["kill*"]}})
    assert words.find("harm", "fr", "they killed") == [(5, 11)]


def test_an_unknown_concept_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="unknown concept 'nothing'"):
        Concepts({}).pattern("nothing", "en")


def test_shipped_concepts_cover_ukrainian_and_russian() -> None:
    words = concepts()
    assert words.find("civilian", "uk", "загинули двоє мирних жителів")
    assert words.find("weapon", "ru", "ракетный удар по городу")


def test_a_concepts_words_inside_a_phrase_it_is_unless_do_not_count() -> None:
    from casefile.extract.types import concepts

    words = concepts()
    assert words.find("pow", "en", "The guards shot the prisoners in the yard.")
    assert not words.find("pow", "en", "A bomb hit the office of a group of political prisoners.")


def test_first_words_are_what_every_match_begins_with() -> None:
    # a stem for "word*", the first word of a phrase; any word may begin "* x" or "ab"
    assert first_words(["Kill*", "set fire to", "shelled"]) == {"kill", "set", "shelled"}
    assert first_words(["* bodies", "shelled"]) is None
    assert first_words(["ab*", "shelled"]) is None


def test_every_match_begins_with_a_first_word() -> None:
    entries = ["kill*", "set fire to", "found * bod*", "вбил*"]
    rx, starts = compile_entries(entries), first_words(entries)
    assert rx is not None and starts is not None
    text = "Troops KILLED two; they set  fire to it and found the bodies; окупанти вбили"
    for m in rx.finditer(text):
        assert any(m.group().lower().startswith(w) for w in starts)
