"""The analyze flow: run the pipeline over stored documents and store the results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .config import Settings
from .errors import CasefileError
from .extract.pipeline import Pipeline
from .lang import unsupported_note
from .model import TESTIMONY, Analysis, Document
from .store import Store
from .store.audit import analysed
from .units import load_orbat


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
    # 1. the documents to do (listed first, so writing does not disturb the read)
    #    (testimony an analyst entered holds their incidents, never the machine's)
    todo = [
        d
        for d in store.view.iter_documents(unanalysed_by=None if again else pipeline.name)
        if d.media_type != TESTIMONY
    ]
    for doc in todo:
        # 2. a language casefile has no pack for is skipped, and said so (kept in the store)
        note = unsupported_note(doc.language) if doc.language else None
        if note:
            report.skipped.append((doc.ref, note))
            if on_item:
                on_item(doc, None)
            continue
        # 3. extract; an error in one document is recorded and the others go on
        try:
            analysis = pipeline(doc)
        except (CasefileError, ValueError, RecursionError) as e:
            report.failed.append((doc.ref, str(e)))
            if on_item:
                on_item(doc, None)
            continue
        # 4. store the analysis in one transaction, replacing an older one
        with store.writer() as w:
            w.lock()  # another process analysing the same document waits, then replaces
            w.add_analysis(analysis)
            w.add_audit(analysed(analysis))
        report.analysed += 1
        report.incidents += len(analysis.incidents)
        if on_item:
            on_item(doc, analysis)
    return report


def store_pipeline(store: Store, settings: Settings | None = None) -> Pipeline:
    """The pipeline of ``settings`` with the store's order of battle: the built-in units and
    the user unit files loaded into the store (``casefile units load``), in load order."""
    return Pipeline.from_settings(settings, orbat=load_orbat(store))
