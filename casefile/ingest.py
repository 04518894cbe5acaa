"""The ingest flow: paths -> Documents -> the store, idempotently, in transactions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import InputError
from .model import Document
from .sources import DEFAULT_MAX_BYTES, Meta, read_path
from .store import Store
from .store.audit import imported

BATCH = 50  # documents per transaction: a kill loses at most one batch, never half a document


@dataclass
class IngestReport:
    new: list[Document] = field(default_factory=list)
    known: list[Document] = field(default_factory=list)
    rejected: list[InputError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) in a folder

    @property
    def summary(self) -> str:
        text = (
            f"{len(self.new)} new, {len(self.known)} already known, {len(self.rejected)} rejected"
        )
        if self.skipped:
            text += f", {len(self.skipped)} skipped (not reports)"
        return text


def ingest(
    store: Store,
    paths: Iterable[str],
    meta: Meta | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[Document | InputError, bool], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Store every readable document under ``paths``; report what was new, known, rejected,
    and which files of a folder were skipped as no reports (README, hidden files ...)."""
    report = IngestReport()

    def skip(path: str, why: str) -> None:
        report.skipped.append((path, why))
        if on_skip:
            on_skip(path, why)

    batch: list[Document] = []

    def flush() -> None:
        # 3. one transaction per batch; ids already stored are skipped, so a rerun is safe
        with store.writer() as w:
            for doc in batch:
                is_new = w.add_document(doc)
                if is_new:
                    w.add_audit(imported(doc))
                (report.new if is_new else report.known).append(doc)
                if on_item:
                    on_item(doc, is_new)
        batch.clear()

    seen: set[str] = set()
    for path in paths:
        # 1. read: each item is a Document or the reason it was rejected
        for item in read_path(path, meta, max_bytes, on_skip=skip):
            if isinstance(item, InputError):
                report.rejected.append(item)
                if on_item:
                    on_item(item, False)
                continue
            # 2. the same bytes twice in one run count once
            if item.id in seen:
                report.known.append(item)
                continue
            seen.add(item.id)
            batch.append(item)
            if len(batch) >= BATCH:
                flush()
    if batch:
        flush()
    return report
