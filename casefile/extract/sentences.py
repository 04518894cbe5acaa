"""Sentence boundaries: paragraphs (line breaks, except inside hard-wrapped text), then
spaCy's rule-based sentencizer (its tokenizer knows "Feb." and "U.N." are not ends)."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from .. import registry
from ..lang import get_pack
from ..model import Analysis, Sentence
from .base import BaseStage

_LINE = re.compile(r"[^\n]+")
# A line break is a paragraph break unless the text is hard-wrapped: a long line that
# does not end a sentence, followed by a line that does not start a new item.
_ENDS = re.compile(r"[.!?:;\"”’)\]]\s*$")
_STARTS_ITEM = re.compile(r"^\s|^[-–—•*▪]|^\d{1,2}[.)]\s")
_WRAP_WIDTH = 55
# Above this length a paragraph is cut at whitespace before sentencizing, so that one
# huge line cannot exhaust memory in the tokenizer.
_MAX_CHUNK = 100_000


@lru_cache(maxsize=1)
def sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = _MAX_CHUNK + 1000
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph; hard-wrapped lines are joined (the newline kept)."""
    out: list[tuple[int, str]] = []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text)]
    wrapped = _hard_wrapped([line for _, line in lines])
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


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines end near one width (a wire service's 70-80 columns): the text is wrapped,
    and a line break there is not a paragraph break."""
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lengths) < 4:
        return False
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - 20 <= n <= width)
    return width <= 100 and near >= 0.6 * len(lengths)


def split_sentences(text: str) -> list[Sentence]:
    chunks = paragraphs(text)
    pieces: list[tuple[int, str]] = []
    for start, chunk in chunks:
        while len(chunk) > _MAX_CHUNK:
            cut = chunk.rfind(" ", 0, _MAX_CHUNK)
            cut = cut if cut > 0 else _MAX_CHUNK
            pieces.append((start, chunk[:cut]))
            start, chunk = start + cut, chunk[cut:]
        pieces.append((start, chunk))
    out: list[Sentence] = []
    nlp = sentencizer()
    for (start, chunk), doc in zip(pieces, nlp.pipe(c for _, c in pieces), strict=True):
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            # trim whitespace so spans point at words
            while a < b and chunk[a].isspace():
                a += 1
            while b > a and chunk[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Sentence(start + a, start + b, chunk[a:b]))
    return out


@registry.stages.register("casefile.sentences.v1")
class Sentences(BaseStage):
    """Split the text into sentences with their offsets, by the document's language pack."""

    name = "casefile.sentences.v1"
    assigns = ("sentences",)

    def __call__(self, analysis: Analysis) -> None:
        # the splitter of the document's language (English: split_sentences above)
        text = analysis.text
        spans = get_pack(analysis.document.language).sentences(text)
        analysis.sentences = [Sentence(a, b, text[a:b]) for a, b in spans]
