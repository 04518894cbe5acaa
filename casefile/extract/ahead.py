"""spaCy over several documents' sentences in one call, for a batch of documents.

A call of a spaCy model has a fixed cost (about a millisecond) and its matrix products are
cheaper per row on many rows than on a few; one document hands the NER or the parse a few
sentences. ``Pipeline.outcomes`` runs each stage over a batch of documents; a stage that
calls spaCy first reads the sentences each document will ask for, all in one call
(``read_ahead``, from its ``prepare``), and each document's own run takes its Docs from
what was read (``docs_for``), reading only what it finds missing. The Docs are keyed by
sentence and text, so a document is only ever given the Doc of the very text it asks for;
spaCy's models give a text the same analysis whatever else is in its batch (tests check
it on the output), so the results are the ones the document gets alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Analysis

BATCH_SIZE = 64  # texts a spaCy minibatch holds (nlp.pipe's batch_size), alone or batched


def read_ahead(
    what: str,
    nlp: Language,
    analyses: Iterable[Analysis],
    wanted: Callable[[Analysis], Sequence[tuple[int, str]]],
) -> None:
    """Read with ``nlp`` in one call the (sentence index, text) pairs ``wanted`` gives for
    each analysis, and keep each Doc in the analysis's ``ahead`` under ``what``. A document
    whose ``wanted`` fails is left out (its own run reads, and reports, for itself); the time
    of the call is charged to the documents' budgets by their share of the text."""
    asked: list[tuple[Analysis, Sequence[tuple[int, str]]]] = []
    for analysis in analyses:
        try:
            pairs = wanted(analysis)
        except Exception:
            continue
        if pairs:
            asked.append((analysis, pairs))
    texts = [text for _, pairs in asked for _, text in pairs]
    if not texts:
        return
    t0 = time.perf_counter()
    docs = iter(list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
    spent = time.perf_counter() - t0
    total = sum(len(t) for t in texts) or 1
    for analysis, pairs in asked:
        for i, text in pairs:
            analysis.ahead[(what, i, text)] = next(docs)
        if analysis.budget is not None:
            analysis.budget.charge(spent * sum(len(t) for _, t in pairs) / total)


def docs_for(
    what: str, nlp: Language, analysis: Analysis, indexes: Sequence[int], texts: Sequence[str]
) -> list[Doc]:
    """The Docs of these sentences' texts: those read ahead, the others read now (in one
    call, as a document alone reads them all)."""
    found: list[Doc | None] = [
        analysis.ahead.pop((what, i, text), None) for i, text in zip(indexes, texts, strict=True)
    ]
    missing = [text for doc, text in zip(found, texts, strict=True) if doc is None]
    if missing:
        read = iter(nlp.pipe(missing, batch_size=BATCH_SIZE))
        found = [doc if doc is not None else next(read) for doc in found]
    return [doc for doc in found if doc is not None]
