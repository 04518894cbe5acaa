"""The analyze flow: run the pipeline over stored documents and store the results.

The steps are shared with ``casefile.batch.dask``, which runs the same flow on a Dask cluster:
:func:`documents_to_analyse`, :func:`extract_documents` and :func:`store_analyses`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .config import Settings
from .errors import CasefileError
from .extract.pipeline import BATCH_SIZE, Pipeline
from .lang import unsupported_note
from .model import TESTIMONY, Analysis, Document
from .store import Store
from .store.audit import analysed
from .units import load_orbat

# What one document may raise while it is analysed: recorded against it, the others go on.
DOCUMENT_ERRORS = (CasefileError, ValueError, RecursionError)


@dataclass
class AnalyzeReport:
    analysed: int = 0
    incidents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, error)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document, why)


def analyze(
    store: Store,
    pipeline: Pipeline | None = None,
    again: bool = False,
    on_item: Callable[[Document, Analysis | None], None] | None = None,
) -> AnalyzeReport:
    """Analyse every stored document not yet analysed by this pipeline (all with ``again``).
    Without a ``pipeline``, the default one with the store's order of battle."""
    pipeline = pipeline or store_pipeline(store)
    report = AnalyzeReport()
    # 1. the documents to do, a batch at a time (memory holds one batch, whatever the size)
    for batch in batched(documents_to_analyse(store, pipeline.name, again), BATCH_SIZE):
        # 2. a language casefile has no pack for is skipped, and said so (kept in the store)
        notes = [unsupported(doc) for doc in batch]
        # 3. extract the batch (each document alone in its results); an error in one
        #    document is recorded and the others go on
        results = iter(
            extract_documents(pipeline, [d for d, n in zip(batch, notes, strict=True) if not n])
        )
        for doc, note in zip(batch, notes, strict=True):
            if note:
                report.skipped.append((doc.ref, note))
                if on_item:
                    on_item(doc, None)
                continue
            result = next(results)
            if isinstance(result, str):
                report.failed.append((doc.ref, result))
                if on_item:
                    on_item(doc, None)
                continue
            # 4. store the analysis in one transaction, replacing an older one
            store_analyses(store, [result])
            report.analysed += 1
            report.incidents += len(result.incidents)
            if on_item:
                on_item(doc, result)
    return report


def documents_to_analyse(store: Store, extractor: str, again: bool = False) -> Iterator[Document]:
    """The stored documents ``extractor`` has not analysed (all with ``again``), in ingest
    order, streamed from the store a batch at a time (``View.iter_documents``: each batch
    after the last one's place in that order, so a document is listed once, and memory holds
    one batch); never testimony an analyst entered, which holds their incidents, not the
    machine's."""
    unanalysed_by = None if again else extractor
    for doc in store.view.iter_documents(unanalysed_by):
        if doc.media_type != TESTIMONY:
            yield doc


def unsupported(doc: Document) -> str | None:
    """Why ``doc`` cannot be analysed (its language has no pack), or None."""
    return unsupported_note(doc.language) if doc.language else None


def extract_document(pipeline: Pipeline, doc: Document) -> Analysis | str:
    """The analysis of ``doc``, or what went wrong with it (a message)."""
    try:
        return pipeline(doc)
    except DOCUMENT_ERRORS as e:
        return str(e)


def extract_documents(pipeline: Pipeline, docs: list[Document]) -> list[Analysis | str]:
    """The analysis of each of ``docs``, or what went wrong with it (a message), the stages
    run over them as a batch (``Pipeline.outcomes``)."""
    if not docs:
        return []
    return [
        result if isinstance(result, Analysis) else str(result)
        for result in pipeline.outcomes(docs, batch_size=len(docs), settle=True)
    ]


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``items`` in lists of ``size`` (the last may be shorter), read as they are needed."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def store_analyses(store: Store, analyses: Iterable[Analysis]) -> None:
    """Store ``analyses`` in one transaction, each replacing the document's older one, each
    with its audit entry: all of them or none."""
    with store.writer() as w:
        w.lock()  # another process analysing the same documents waits, then replaces
        w.add_analyses(list(analyses), audit=analysed)  # a few statements for all


def store_pipeline(store: Store, settings: Settings | None = None) -> Pipeline:
    """The pipeline of ``settings`` with the store's order of battle: the built-in units and
    the user unit files loaded into the store (``casefile units load``), in load order."""
    return Pipeline.from_settings(settings, orbat=load_orbat(store))
