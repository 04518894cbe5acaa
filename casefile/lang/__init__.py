"""Language packs: what each stage needs to know about a language, chosen by its code.

``get_pack(document.language)`` gives a :class:`LanguagePack` (see ``pack.py``);
``detect_language(text)`` the code of a text's language; ``unsupported_note(code)`` the
message a document in a language casefile cannot analyse carries.
"""

from __future__ import annotations

from .counts import CountMatch
from .cues import CueMatch
from .dates import DateMatch
from .detect import detect_language, sentence_language
from .pack import LanguagePack, PersonName, get_pack, pack_codes
from .places import PlaceMatch

__all__ = [
    "CountMatch",
    "CueMatch",
    "DateMatch",
    "LanguagePack",
    "PersonName",
    "PlaceMatch",
    "detect_language",
    "get_pack",
    "pack_codes",
    "sentence_language",
    "unsupported_note",
]


def unsupported_note(code: str | None) -> str | None:
    """The note of a document whose language casefile cannot analyse, or None if it can."""
    if code in pack_codes():
        return None
    what = f"language {code!r}" if code else "an unrecognised language"
    return (
        f"written in {what}, which casefile cannot analyse (it can: {', '.join(pack_codes())}); "
        "stored, but analyze will skip it (set the language with ingest --language if it is wrong)"
    )
