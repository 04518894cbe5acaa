"""The ingest flow: paths -> Documents -> the store, idempotently, in transactions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import IngestError, InputError, StoreError
from .extract.dates import resolve_published
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
    if meta and meta.published and resolve_published(meta.published) is None:
        raise InputError("published", f"{meta.published!r} is not a date (use 2024-10-01)")
    report = IngestReport()

    def skip(path: str, why: str) -> None:
        report.skipped.append((path, why))
        if on_skip:
            on_skip(path, why)

    batch: list[Document] = []

    def flush() -> None:
        # 3. one transaction per batch; ids already stored are skipped (insert-or-ignore, so
        #    another process storing the same document at once is no error) and a rerun is safe
        try:
            done = _store_batch(store, batch)
        except StoreError:
            # 4. a batch the database refused: store its documents one by one, so only the
            #    document it cannot hold is rejected, named
            done = []
            for doc in batch:
                try:
                    done += _store_batch(store, [doc])
                except StoreError as e:
                    problem = IngestError(doc.source_path or doc.ref, f"not stored: {e}")
                    report.rejected.append(problem)
                    if on_item:
                        on_item(problem, False)
        for doc, is_new in done:
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


def _store_batch(store: Store, docs: list[Document]) -> list[tuple[Document, bool]]:
    """Store ``docs`` in one transaction; (document, whether it was new) for each."""
    done = []
    with store.writer() as w:
        w.lock()  # after any other process's batch, not interleaved with it
        for doc in docs:
            is_new = w.add_document(doc)
            if is_new:
                w.add_audit(imported(doc))
            done.append((doc, is_new))
    return done
