"""Sentence boundaries: paragraphs split on blank or single newlines, then spaCy's
rule-based sentencizer (its tokenizer knows "Feb." and "U.N." are not ends)."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from .. import registry
from ..model import Analysis, Sentence
from .base import BaseStage

_LINE = re.compile(r"[^\n]+")
# Above this length a paragraph is cut at whitespace before sentencizing, so that one
# huge line cannot exhaust memory in the tokenizer.
_MAX_CHUNK = 100_000


@lru_cache(maxsize=1)
def sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = _MAX_CHUNK + 1000
    return nlp


def split_sentences(text: str) -> list[Sentence]:
    chunks = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
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
    """Split the text into sentences with their offsets."""

    name = "casefile.sentences.v1"
    assigns = ("sentences",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.sentences = split_sentences(analysis.text)
