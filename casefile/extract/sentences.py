"""Sentence boundaries: paragraphs (line breaks, except inside hard-wrapped text), then
spaCy's rule-based sentencizer (its tokenizer knows "Feb." and "U.N." are not ends)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from .. import registry
from ..errors import CasefileError
from ..lang import get_pack, pack_codes, sentence_language
from ..model import Analysis, Sentence
from .base import BaseStage
from .truecase import shouting

_LINE = re.compile(r"[^\n]+")
# A line break is a paragraph break unless the text is hard-wrapped: a long line that
# does not end a sentence, followed by a line that does not start a new item.
_ENDS = re.compile(r"[.!?:;\"”’)\]]\s*$")
_STARTS_ITEM = re.compile(r"^\s|^[-–—•*▪]|^\d{1,2}[.)]\s")
_WRAP_WIDTH = 55
# Above this length a paragraph is cut at whitespace before sentencizing, so that one
# huge line cannot exhaust memory in the tokenizer.
_MAX_CHUNK = 100_000
# A run of this many characters without whitespace is no word: it is cut into pieces of
# this length before sentencizing (spaCy's tokenizer strips prefixes such as "(" one at a
# time, copying the rest each time: quadratic on 40,000 brackets).
_MAX_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{_MAX_WORD + 1},}}")


@lru_cache(maxsize=4)
def sentencizer(model: str | None = None) -> Language:
    """spaCy's rule-based sentencizer after an English tokenizer. With ``model`` (the name of
    the spaCy model the entities stage runs), the model's own tokenizer and vocabulary where
    its rules are English's (the same splits): each word is then made a lexeme once, not once
    here and once for the model, and the sentences the model reads later are tokenized from
    the tokenizer's cache."""
    nlp = spacy.blank("en")
    shared = _model_tokenizer(model, nlp.tokenizer) if model else None
    if shared is not None:
        nlp = spacy.blank("en", vocab=shared.vocab)
        nlp.tokenizer = shared
    nlp.add_pipe("sentencizer")
    nlp.max_length = _MAX_CHUNK + 1000
    return nlp


def _model_tokenizer(model: str, english: Tokenizer) -> Tokenizer | None:
    """The tokenizer of the NER model ``model`` if it splits as ``english`` does (None if not,
    or if the model is not installed: the entities stage says so)."""
    from .entities import ner_model

    try:
        tokenizer = ner_model(model).tokenizer
    except (CasefileError, OSError):
        return None
    if not isinstance(tokenizer, Tokenizer) or _rules(tokenizer) != _rules(english):
        return None
    return tokenizer


def _rules(t: Tokenizer) -> tuple[Any, ...]:
    """What a tokenizer splits by: its special cases and its patterns."""
    patterns = (t.prefix_search, t.suffix_search, t.infix_finditer, t.token_match, t.url_match)
    return (
        t.rules,
        t.faster_heuristics,
        *(getattr(getattr(f, "__self__", None), "pattern", f) for f in patterns),
    )


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph; hard-wrapped lines are joined (the newline kept)."""
    out: list[tuple[int, str]] = []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text)]
    # upper-case text is wire copy, wrapped at a width even where it has few lines
    wrapped = shouting(text) or _hard_wrapped([line for _, line in lines])
    start, end = -1, -1
    for k, (at, line) in enumerate(lines):
        if not line.strip():
            continue
        if start < 0:
            start = at
        end = at + len(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        soft = (
            nxt is not None
            and nxt[0] == end + 1
            and nxt[1].strip()
            and not _ENDS.search(line)
            and not _STARTS_ITEM.match(nxt[1])
            and (nxt[1][:1].islower() or (wrapped and len(line) >= _WRAP_WIDTH))
        )
        if not soft:
            out.append((start, text[start:end]))
            start = -1
    return out


def unwrapped(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs (``paragraphs``: hard-wrapped
    lines) read as spaces: the same length, so offsets into it are offsets into ``text``."""
    if "\n" not in text:
        return text
    out = list(text)
    for start, chunk in paragraphs(text):
        for k, c in enumerate(chunk):
            if c in "\r\n":
                out[start + k] = " "
    return "".join(out)


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines end near one width (a wire service's 70-80 columns): the text is wrapped,
    and a line break there is not a paragraph break."""
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lengths) < 4:
        return False
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - 20 <= n <= width)
    return width <= 100 and near >= 0.6 * len(lengths)


def split_sentences(
    text: str,
    max_chars: int = 0,
    check: Callable[[], None] | None = None,
    model: str | None = None,
) -> list[Sentence]:
    """Sentences of ``text`` with their offsets. A sentence longer than ``max_chars`` (0: no
    limit) is split at the last whitespace before the limit (or at the limit where there is
    none), so no later stage ever sees an unbounded sentence. ``check`` is called per
    paragraph piece (the document's budget). ``model``: the spaCy model that reads the
    sentences later, whose tokenizer is used where it splits the same (``sentencizer``)."""
    pieces: list[tuple[int, str]] = []
    for start, chunk in paragraphs(text):
        while len(chunk) > _MAX_CHUNK:
            cut = chunk.rfind(" ", 0, _MAX_CHUNK)
            cut = cut if cut > 0 else _MAX_CHUNK
            pieces += _cut_long_words(start, chunk[:cut])
            start, chunk = start + cut, chunk[cut:]
        pieces += _cut_long_words(start, chunk)
    out: list[Sentence] = []
    nlp = sentencizer(model)
    for (start, chunk), doc in zip(pieces, nlp.pipe(c for _, c in pieces), strict=True):
        if check is not None:
            check()
        for sent in doc.sents:
            for a, b in bounded(chunk, sent.start_char, sent.end_char, max_chars):
                # trim whitespace so spans point at words
                while a < b and chunk[a].isspace():
                    a += 1
                while b > a and chunk[b - 1].isspace():
                    b -= 1
                if b > a:
                    out.append(Sentence(start + a, start + b, chunk[a:b]))
    return out


def _cut_long_words(start: int, chunk: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of ``chunk``, cut inside every run of over ``_MAX_WORD``
    characters without whitespace (one piece for ordinary text)."""
    cuts = [
        at
        for m in _LONG_WORD.finditer(chunk)
        for at in range(m.start() + _MAX_WORD, m.end(), _MAX_WORD)
    ]
    if not cuts:
        return [(start, chunk)]
    bounds = [0, *cuts, len(chunk)]
    return [(start + a, chunk[a:b]) for a, b in pairwise(bounds)]


def bounded(chunk: str, a: int, b: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """``chunk[a:b]`` in spans of at most ``max_chars``, cut at whitespace where there is."""
    while max_chars and b - a > max_chars:
        cut = chunk.rfind(" ", a + max_chars // 2, a + max_chars)
        cut = cut if cut > a else a + max_chars
        yield a, cut
        a = cut
    yield a, b


@registry.stages.register("casefile.sentences.v3")
class Sentences(BaseStage):
    """Split the text into sentences with their offsets, by the document's language pack."""

    name = "casefile.sentences.v3"
    assigns = ("sentences", "reading")

    def __call__(self, analysis: Analysis) -> None:
        # a hard-wrapped paragraph (a PDF's or a wire's lines) is read as one line: its line
        # breaks are spaces to every stage after (names and phrases run across them)
        reading = unwrapped(analysis.document.text)
        analysis.reading = reading if reading != analysis.document.text else None
        # the splitter of the document's language (English: split_sentences above), each
        # sentence at most max_sentence_chars long, the budget checked as the text is read
        text = analysis.text
        pack = get_pack(analysis.document.language)
        spans = pack.sentences(
            text, self.settings.max_sentence_chars, analysis.check_budget, self.settings.model
        )
        # a sentence in another language than the document's (a quoted post) says so, and
        # the stages read it with that language's pack (Analysis.language_of)
        known = pack_codes()
        analysis.sentences = [
            Sentence(
                a, b, text[a:b], sentence_language(text[a:b], analysis.document.language, known)
            )
            for a, b in spans
        ]
