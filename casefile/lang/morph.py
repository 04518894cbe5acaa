"""Lemmas of words: pymorphy3 for Ukrainian and Russian, spaCy's model for English.

One analyser per language, built once per process (pymorphy3 reads its dictionary in
about 0.1 s); ``lemma`` is cached per word, since running text repeats its words, and
``lemmas`` splits a text into words with their spans and looks each up. Apostrophes
(’ ʼ ') are one letter to the dictionaries, so words keep them ("дев'ять").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = [
    "APOSTROPHES",
    "WORD",
    "lemmatizer",
    "nominatives",
    "normalise_apostrophes",
    "noun_word",
    "person_word",
    "tag_of",
    "unknown_word",
]

# A word: letters, with inner apostrophes and hyphens ("дев'ять", "пресс-служба").
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʼ](?=[^\W\d_])|-(?=[^\W\d_]))*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def normalise_apostrophes(text: str) -> str:
    """The same text with every apostrophe written ``'`` (one character for one)."""
    return text.translate(APOSTROPHES)


@lru_cache(maxsize=4)
def _analyzer(lang: str) -> Any:
    import pymorphy3  # loaded on first use: a dictionary per language

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=1)
def _english() -> Any:
    import spacy

    from ..config import Settings

    # The rule lemmatizer needs part-of-speech tags: keep the tagger, not the rest.
    return spacy.load(Settings().model, exclude=["parser", "ner", "senter"])


@lru_cache(maxsize=50_000)
def nominatives(lang: str, word: str) -> tuple[str, ...]:
    """The nominative singulars ``word`` may go back to, capitalised as written: a noun's,
    and an adjective's in each gender ("Новій" -> Нова, Новий, Нове), since the word of a
    name it agrees with decides ("Новій Каховці": Нова Каховка)."""
    out: list[str] = []
    # Ukrainian's tags leave the singular unmarked: each set is tried with and without it
    for p in _analyzer(lang).parse(normalise_apostrophes(word.lower())):
        if p.tag.POS in ("ADJF", "ADJS"):
            wanted = [{"nomn", "sing", g} for g in ("masc", "femn", "neut")] + [{"nomn", "plur"}]
        elif p.tag.POS == "NOUN":
            wanted = [{"nomn", "sing"}, {"nomn", "plur"}]
        else:
            continue
        for grammemes in wanted:
            form = p.inflect(grammemes) or p.inflect(grammemes - {"sing"})
            if form is not None:
                out.append(str(form.word))
    return tuple(dict.fromkeys(w[:1].upper() + w[1:] for w in out if w))


def lemmatizer(kind: str, lang: str) -> Callable[[str], str]:
    """A cached ``word -> lemma`` (lower case) for a pack's ``morphology`` setting."""
    if kind == "pymorphy3":
        analyzer = _analyzer(lang)

        @lru_cache(maxsize=200_000)
        def lemma(word: str) -> str:
            w = normalise_apostrophes(word.lower())
            parses = analyzer.parse(w)
            return str(parses[0].normal_form) if parses else w

        return lemma
    if kind == "spacy":

        @lru_cache(maxsize=200_000)
        def lemma_en(word: str) -> str:
            doc = _english()(word)
            return doc[0].lemma_.lower() if len(doc) == 1 else word.lower()

        return lemma_en
    raise ValueError(f"unknown morphology {kind!r} (pymorphy3 or spacy)")


def tag_of(lang: str, word: str) -> set[str]:
    """The grammemes of the most likely parse of ``word`` (pymorphy3 languages only)."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    return set(parses[0].tag.grammemes) if parses else set()


def noun_word(lang: str, word: str) -> bool:
    """Whether the most likely parse of ``word`` is a noun or an adjective (a word a
    possessive pronoun may stand before: "його будинок", "її старий дім")."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    return bool(parses) and parses[0].tag.POS in ("NOUN", "ADJF")


def singular_word(lang: str, word: str) -> bool:
    """Whether the most likely parse of ``word`` is singular (pymorphy3's Ukrainian tags
    leave the singular unmarked, so: not plural)."""
    return "plur" not in tag_of(lang, word)


_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def unknown_word(lang: str, word: str) -> bool:
    """Whether ``word`` may be a toponym the dictionary lacks: pymorphy3 does not know it,
    or reads it as a place name (Geox)."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    return any("Geox" in p.tag.grammemes for p in parses) or not any(p.is_known for p in parses)


# A word read first as one of these is a word of grammar, whatever name it may also spell.
_FUNCTION_GRAMMEMES = frozenset({"PREP", "CONJ", "PRCL"})


def person_word(lang: str, word: str) -> bool:
    """Whether pymorphy3's dictionary reads ``word`` as a person's name (not a guess), and
    not as a place."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    if any("Geox" in p.tag.grammemes for p in parses):
        return False
    if parses and _FUNCTION_GRAMMEMES & parses[0].tag.grammemes:
        return False  # "Из Покровска ...": a preposition opening a sentence, not "Иза"
    return any(_PERSON_GRAMMEMES & p.tag.grammemes for p in parses[:2] if p.is_known)


def given_name(lang: str, word: str) -> bool:
    """Whether pymorphy3's dictionary knows ``word`` as a given name in any reading
    ("Максима": also a village, yet a name before a surname)."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    return any("Name" in p.tag.grammemes for p in parses if p.is_known)


def common_word(lang: str, word: str) -> bool:
    """Whether pymorphy3's dictionary knows ``word`` as an ordinary word: not a name of a
    person or a place ("Джерело", "Українських" at a sentence's start), or an adjective in
    the plural ("Украинские" at a sentence's start)."""
    parses = _analyzer(lang).parse(normalise_apostrophes(word.lower()))
    if not parses or not parses[0].is_known:
        return False
    if {"ADJF", "plur"} <= set(parses[0].tag.grammemes):
        return True  # "Украинские беспилотники": Russian marks it Geox, yet no place
    return not any({"Geox", *_PERSON_GRAMMEMES} & p.tag.grammemes for p in parses[:2])
