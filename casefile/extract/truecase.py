"""Case for spaCy: a mixed-case copy of an upper-case document, with the same offsets.

Wire texts of the 1980s and many telegram-style reports are written in capitals. spaCy's
tagger, parser and NER learnt from mixed-case text: on capitals every word looks like a
proper noun, so the parse (who did what) and the entities (who the group is) fall apart.
The stages that run spaCy (``entities``, ``events``) therefore give it a case-normalised
copy of a document that is mostly upper case, and keep every span pointing into the
original: each word is replaced by a word of the same length, so offsets do not move.

How a word is cased, in order:

1. a word of the English dictionary (the lemma index spaCy's English model ships, its
   stop words, inflected forms by the model's own suffix rules) is lower case;
2. a nationality or country word (``knowledge/data/demonyms.tsv``), a month or weekday, a
   word of a place the gazetteer found in the document, and every other word is
   capitalised ("Salvadoran", "Lima", "Oqueli") ...
3. ... except a short word outside the dictionary, which stays in capitals: an acronym
   ("FMLN", "ELN");
4. the first word of a sentence or paragraph is capitalised.

A word whose lower-case form has another length (a few non-Latin letters: "İ") is left as
written, so the copy always has the length of the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.lang.en.stop_words import STOP_WORDS

from ..knowledge.demonyms import demonyms

if TYPE_CHECKING:
    from ..model import Analysis

# Latin and Cyrillic letters: a Cyrillic text with a few Latin acronyms ("FPV") is no shouting
_UPPER = re.compile(r"[A-ZА-ЯЁІЇЄҐ]")
_LOWER = re.compile(r"[a-zа-яёіїєґ]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# where a sentence begins: the text's start, a blank line, the end of a sentence, an opening
# bracket tag of a wire service ("[TEXT]")
_OPENS = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*|\]\s+)$")
ACRONYM_MAX = 4  # a word outside the dictionary this short is written in capitals
SHOUTING_RATIO = 4  # upper-case letters per lower-case one for a text to count as shouting
# months and weekdays, not "may" and "march", which are verbs as often
_CALENDAR = frozenset(
    [
        *("january", "february", "april", "june", "july", "august", "september"),
        *("october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul"),
        *("aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    ]
)


def shouting(text: str, sample: int = 5000) -> bool:
    """Whether ``text`` is mostly upper case (judged on its first ``sample`` characters)."""
    return _shouting(text[:sample])


@lru_cache(maxsize=256)
def _shouting(head: str) -> bool:
    # the stages ask it of each document's text several times (a batch's documents in turn)
    upper, lower = len(_UPPER.findall(head)), len(_LOWER.findall(head))
    return upper > SHOUTING_RATIO * lower and upper > 0


@lru_cache(maxsize=2)
def _lexicon(model: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """English words (lower case) and suffix rules, from the model's lemmatizer tables (those
    of the parse model where it is loaded already, else of the lemmatizer loaded alone)."""
    from .events import loaded_parser

    nlp = loaded_parser(model) or spacy.load(model, exclude=["ner", "parser", "tagger", "tok2vec"])
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    words: set[str] = set(STOP_WORDS)
    index = lookups.get_table("lemma_index")
    for pos in index:
        words.update(w for w in index[pos] if w.isalpha())
    exc = lookups.get_table("lemma_exc")
    for pos in exc:
        words.update(w for w in exc[pos] if w.isalpha())
    rules = lookups.get_table("lemma_rules")
    suffixes = {(old, new) for pos in rules for old, new in rules[pos] if old}
    return frozenset(words), tuple(sorted(suffixes, key=lambda r: -len(r[0])))


@cache
def _proper_words() -> frozenset[str]:
    """Country names and nationality words, lower case, word by word (knowledge/demonyms.py)."""
    out: set[str] = set()
    for name in demonyms():
        out.update(w for w in name.split() if w not in STOP_WORDS)
    return frozenset(out)


def is_english_word(word: str, model: str) -> bool:
    """``word`` (lower case) or its lemma by a suffix rule is in the model's dictionary."""
    words, suffixes = _lexicon(model)
    if word in words:
        return True
    return any(
        word.endswith(old) and len(word) > len(old) + 1 and word[: -len(old)] + new in words
        for old, new in suffixes
    )


def normalise_case(text: str, model: str, names: Iterable[str] = ()) -> str:
    """A mixed-case copy of ``text`` of the same length (see the module's docstring);
    ``names``: words known to be names in this document (its places), any case."""
    proper = _proper_words() | {w.lower() for n in names for w in _WORD.findall(n)}
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        stem = re.split(r"['’]", low)[0]  # "today's": the word before the apostrophe
        if len(low) != len(word):
            continue  # the original stays
        if stem in proper or stem in _CALENDAR:
            new = low.capitalize()
        elif is_english_word(stem, model):
            new = low
        elif len(word) <= ACRONYM_MAX:
            new = word.upper()
        else:
            new = low.capitalize()
        if new.islower() and _OPENS.search(text[max(0, m.start() - 12) : m.start()]):
            new = new.capitalize()
        out.append(text[last : m.start()])
        out.append(new)
        last = m.end()
    out.append(text[last:])
    result = "".join(out)
    assert len(result) == len(text)
    return result


def sentence_texts(analysis: Analysis, indexes: Iterable[int], model: str) -> list[str]:
    """The texts of these sentences as spaCy should read them: as written, or from the
    case-normalised copy where the document shouts (offsets are the same either way)."""
    if not shouting(analysis.text):
        return [analysis.sentences[i].text for i in indexes]
    places = tuple(m.text for m in analysis.mentions if m.kind == "place")
    # the entities, events and statements stages each read a shouting document's copy: made
    # once per document (and set of places), kept with the document's working state
    key = ("truecase.normalised", model, places)
    text = analysis.memo.get(key)
    if text is None:
        text = analysis.memo[key] = normalise_case(analysis.text, model, places)
    return [text[analysis.sentences[i].start : analysis.sentences[i].end] for i in indexes]
