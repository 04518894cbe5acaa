"""The language of a document's text, by lingua-language-detector.

The detector knows a handful of languages only (those casefile has a pack for, and the
ones it is most often confused with, or that reports on these wars are written in), which
keeps it fast; a text it cannot place, or too short to tell, gives None. Only the first
``SAMPLE`` characters are read: enough to tell, and bounded on a long report.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["DETECTABLE", "SAMPLE", "detect_language", "sentence_language"]

# ISO 639-1 codes the detector chooses among.
DETECTABLE = ("en", "uk", "ru", "be", "pl", "de", "fr", "es", "ar")
SAMPLE = 2000
_MIN_LETTERS = 12  # fewer letters than this: too short to tell


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in DETECTABLE]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if it cannot tell."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


_CYRILLIC = frozenset(range(0x0400, 0x0500))
_ANY_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _cyrillic_share(text: str) -> float:
    if not _ANY_CYRILLIC.search(text):
        return 0.0  # the common case, found without looking at each letter
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ord(ch) in _CYRILLIC for ch in letters) / len(letters)


def sentence_language(text: str, document: str | None, known: list[str]) -> str | None:
    """The language of a sentence written in another script than its document's (a
    Ukrainian post quoted in an English article, an English quote in a Russian one), if
    casefile ``known``s it; None where the sentence is in its document's language. Only a
    sentence mostly in the other script is asked of the detector, so that a Cyrillic name
    in an English sentence changes nothing."""
    doc = (document or "en").split("-")[0].lower()
    share = _cyrillic_share(text)
    cyrillic_doc = doc in ("uk", "ru", "be", "bg", "sr", "mk")
    if (share < 0.6) if not cyrillic_doc else (share > 0.4):
        return None
    found = detect_language(text)
    if found is None and not cyrillic_doc:
        return None
    found = found or "en"
    return found if found != doc and found in known else None
