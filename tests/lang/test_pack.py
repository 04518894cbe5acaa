"""The pack registry, detection, lemmas, sentences and cue lists."""

from __future__ import annotations

import pytest

from casefile.errors import ConfigError
from casefile.lang import (
    detect_language,
    get_pack,
    pack_codes,
    sentence_language,
    unsupported_note,
)


def test_packs_are_registered_by_code() -> None:
    assert {"en", "uk", "ru"} <= set(pack_codes())
    assert get_pack("uk").code == "uk"
    assert get_pack("UK") is get_pack("uk")


def test_a_language_without_a_pack_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="cannot analyse language 'de'"):
        get_pack("de")
    assert unsupported_note("uk") is None
    note = unsupported_note("de")
    assert note is not None and "'de'" in note and "cannot analyse" in note


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Окупанти обстріляли житловий квартал, є загиблі серед мирних мешканців.", "uk"),
        ("Оккупанты обстреляли жилой квартал, есть погибшие среди мирных жителей.", "ru"),
        ("Russian forces shelled a residential block, killing several civilians.", "en"),
        ("Russische Truppen haben ein Wohnviertel beschossen, es gibt Tote.", "de"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_short_to_tell() -> None:
    assert detect_language("ok 12") is None


def test_lemmas_of_inflected_words() -> None:
    uk = get_pack("uk")
    assert uk.lemma("загинули") == "загинути"
    assert [lem for _, _, lem in uk.lemmas("Окупанти розстріляли полонених")] == [
        "окупант",
        "розстріляти",
        "полонений",
    ]
    assert get_pack("ru").lemma("погибли") == "погибнуть"


def test_sentences_skip_abbreviations_and_initials() -> None:
    text = "Удар по м. Суми. Загинули двоє! Про це повідомив О. Іваненко."
    spans = get_pack("uk").sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Удар по м. Суми.",
        "Загинули двоє!",
        "Про це повідомив О. Іваненко.",
    ]


def test_cues_by_lemma_in_any_form() -> None:
    text = "Як повідомили у пресслужбі, росіяни ймовірно заперечують обстріл."
    found = [(c.text, c.kind) for c in get_pack("uk").cues(text)]
    assert found == [
        ("повідомили", "attribution"),
        ("у пресслужбі", "attribution"),
        ("ймовірно", "hedge"),
        ("заперечують", "denial"),
    ]
    ru = [(c.text, c.kind) for c in get_pack("ru").cues("По данным источника, это фейк", ["hedge"])]
    assert ru == [("По данным", "hedge")]


def test_a_matcher_for_other_phrase_lists() -> None:
    matcher = get_pack("uk").matcher({"trigger": ["розстріляти", "стратити"]})
    assert [c.text for c in matcher.find("полонених розстріляли, інших стратили")] == [
        "розстріляли",
        "стратили",
    ]


def test_the_english_pack_keeps_the_english_engines() -> None:
    en = get_pack("en")
    text = "Russian forces shelled Kharkiv on Monday. At least twelve people were killed."
    assert [text[a:b] for a, b in en.sentences(text)] == [
        "Russian forces shelled Kharkiv on Monday.",
        "At least twelve people were killed.",
    ]
    assert [p.name for p in en.places(text)] == ["Kharkiv"]
    assert [c.value for c in en.counts(text)] == [12]
    assert en.lemma("killed") == "kill"


@pytest.mark.parametrize(
    ("text", "document", "expected"),
    [
        ("«Окупанти обстріляли житловий квартал у Херсоні».", "en", "uk"),
        ("Russian troops shelled a block in Херсон, officials said.", "en", None),  # a name
        ("Окупанти обстріляли житловий квартал.", "uk", None),
        ("Russian troops shelled a residential block, officials said.", "ru", "en"),
        ("Ein Wohnblock wurde von russischen Truppen beschossen.", "en", None),  # no pack
    ],
)
def test_a_sentence_in_another_script_tells_its_language(
    text: str, document: str, expected: str | None
) -> None:
    assert sentence_language(text, document, pack_codes()) == expected
