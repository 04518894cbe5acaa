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


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(
    ("code", "text", "name", "source"),
    [
        # a long title between the verb and the name
        (
            "uk",
            "Про обстріл повідомив голова Сумської обласної ради Іван Петренко.",
            "Іван Петренко",
            True,
        ),
        # the verb after the name, a date between them
        ("ru", "Губернатор Иван Петров утром в среду сообщил о новых ударах.", "Иван Петров", True),
        # a clause that opens after a comma ("що") is about something else
        ("uk", "Мер повідомив, що на місці працювали фахівці ДСНС.", "ДСНС", False),
        # a notice of suspicion names the suspect after it, not a source
        (
            "uk",
            "Прокурори повідомили про підозру командиру Петру Сидоренку.",
            "Петру Сидоренку",
            False,
        ),
        # ... and the body before it gives the notice
        ("ru", "Прокуратура области сообщила о подозрении офицеру.", "Прокуратура области", True),
        # a name with no cue of attribution in its clause
        ("uk", "Тіло знайшли поліцейські Харкова.", "Харкова", False),
    ],
)
def test_a_cue_of_attribution_in_the_names_clause(
    code: str, text: str, name: str, source: bool
) -> None:
    assert get_pack(code).reports_about(text, *_span(text, name)) is source


def test_english_sources_keep_the_reach_of_thirty_characters() -> None:
    en = get_pack("en")
    near = "Police said five people died."
    far = "Police in the southern city of Mykolaiv on Monday said five people died."
    assert en.reports_about(near, 0, 6)
    assert not en.reports_about(far, 0, 6)
    assert en.source_line("About this, police said nothing.") is None  # no such lines in English


@pytest.mark.parametrize(
    ("code", "line", "kind"),
    [
        ("uk", "Джерело: пресслужба обласної прокуратури.", "header"),
        ("uk", "Про це повідомили у Національній поліції.", "back"),
        ("ru", "Об этом сообщил губернатор области.", "back"),
        ("ru", "Об этом районе известно немного.", None),  # points back, reports nothing
        ("uk", "Поліція повідомила про вибух.", None),
    ],
)
def test_lines_that_name_the_reports_source(code: str, line: str, kind: str | None) -> None:
    assert get_pack(code).source_line(line) == kind


def test_a_body_right_before_a_persons_name_is_the_title() -> None:
    text = "Про це повідомив начальник Сумської ОВА Олег Гриценко, а також СБУ."
    names = [n for _, _, n in get_pack("uk").organizations(text)]
    assert names == ["Security Service of Ukraine"]


def test_a_bare_numbered_division_is_the_one_of_its_number_a_brigade_is_not() -> None:
    uk = get_pack("uk")
    assert [n for _, _, n in uk.units("десантники 76-ї дивізії")] == ["76th Air Assault Division"]
    assert uk.units("бійці 80-ї бригади") == []  # Ukraine's brigades share numbers with Russia's


def test_long_range_aviation_of_the_aerospace_forces() -> None:
    found = get_pack("ru").units("удар нанесли самолеты дальней авиации ВКС России")
    assert [n for _, _, n in found] == ["Long-Range Aviation", "Russian Aerospace Forces"]


def test_the_cyrillic_share_of_a_sentence_without_cyrillic_is_nothing() -> None:
    from casefile.lang.detect import _cyrillic_share

    assert _cyrillic_share("Shelling in the Kharkiv region, 3 killed.") == 0.0
    assert _cyrillic_share("1, 2, 3") == 0.0
    assert _cyrillic_share("Обстріл Харкова") == 1.0
    assert _cyrillic_share("Kyiv (Київ)") == 0.5


def test_a_pack_that_lists_no_as_of_cues_reads_none_without_building_its_matcher() -> None:
    from casefile import registry

    en = registry.languages.get("en")()  # a fresh pack: nothing cached yet
    assert en.as_of("the toll as of ") is False
    assert "_cues" not in en.__dict__  # the cue matcher (and its lemmatiser) never built
    uk = get_pack("uk")
    assert uk.as_of("станом на ")
