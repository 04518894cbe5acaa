"""The analyze flow on a Dask cluster: the same Pipeline, on partitions of the documents.

The client (the process that runs ``casefile analyze --workers N``) owns the store; the
workers only extract:

1. the client reads the documents to do from the store as ``casefile.analyze`` does, a
   batch at a time (it never lists the whole store), and cuts them into partitions of
   ``partition_size`` documents, in ingest order;
2. every worker builds the Pipeline once (:class:`PipelinePlugin`, a worker plugin), from
   the settings and the store's order of battle that the client hands it;
3. partitions go to the workers, at most ``in_flight`` at a time, so that memory stays bounded
   however many documents there are; each worker returns the Analyses of its partition, or
   each failed document's error, as ``casefile.analyze`` records them;
4. the client writes each partition in one transaction (``store_analyses``), in the order of
   the partitions, whatever order they finish in: the store ends as a single-process run
   leaves it (even which document first named a unit);
5. a partition whose task fails (a worker killed, out of memory ...) is retried ``retries``
   times, then each of its documents is reported as failed with the error.

A partition is stored whole or not at all, and analysed documents are not analysed again:
after Ctrl-C (or a crash) a rerun does what is left.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from distributed import Client, LocalCluster, Worker, WorkerPlugin, as_completed, get_worker

from ..analyze import (
    AnalyzeReport,
    documents_to_analyse,
    extract_documents,
    store_analyses,
    unsupported,
)
from ..config import Settings
from ..errors import CasefileError
from ..extract.pipeline import Pipeline
from ..knowledge.orbat import Orbat
from ..model import Analysis, Document
from ..store import Store
from ..units import load_orbat

PARTITION_SIZE = 32  # documents per task: large enough to hide a task's overhead (~1 ms)
RETRIES = 2  # a failed partition is tried this many times more before it is reported


class PipelinePlugin(WorkerPlugin):
    """Builds the Pipeline once on each worker, from the client's settings and order of
    battle; tasks find it by the plugin's name (one per run, so runs never mix)."""

    def __init__(self, settings: Settings, orbat: Orbat) -> None:
        self.settings, self.orbat = settings, orbat
        self.name = f"casefile-pipeline-{uuid.uuid4().hex}"
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Worker) -> None:
        self.pipeline = Pipeline.from_settings(self.settings, orbat=self.orbat)


@dataclass
class Outcome:
    """What a worker made of one document: its Analysis, or the error that stopped it."""

    document_id: str
    analysis: Analysis | None
    error: str | None = None


def extract_partition(plugin: str, documents: Sequence[Document]) -> list[Outcome]:
    """On a worker: the outcome of each document, with the worker's Pipeline."""
    pipeline = _worker_pipeline(plugin)
    out = []
    # the partition as one batch: the stages' spaCy calls read all its documents' sentences
    for doc, result in zip(documents, extract_documents(pipeline, list(documents)), strict=True):
        if isinstance(result, str):
            out.append(Outcome(doc.id, None, result))
        else:
            out.append(Outcome(doc.id, compact(result)))
    return out


def compact(analysis: Analysis) -> Analysis:
    """What the client stores of an analysis, and no more: its facts and extractor, with the
    document reduced to its id (the client has it). The pipeline's working state (sentences,
    mentions, parses) and the text would otherwise travel back to the client and be
    unpickled there, a cost the client pays for every document while the workers wait."""
    return Analysis(
        document=Document(id=analysis.document.id, text=""),
        incidents=analysis.incidents,
        statistics=analysis.statistics,
        units=analysis.units,
        statements=analysis.statements,
        persons=analysis.persons,
        extractor=analysis.extractor,
    )


def pipeline_name(plugin: str) -> str:
    """On a worker: the name of the Pipeline its plugin built (which extractor it is)."""
    return _worker_pipeline(plugin).name


def _worker_pipeline(plugin: str) -> Pipeline:
    found = get_worker().plugins.get(plugin)
    if not isinstance(found, PipelinePlugin) or found.pipeline is None:
        raise RuntimeError(f"this worker has no pipeline {plugin}")
    return found.pipeline


def analyze_on_dask(
    store: Store,
    client: Client,
    settings: Settings | None = None,
    again: bool = False,
    on_item: Callable[[Document, Analysis | None], None] | None = None,
    partition_size: int = PARTITION_SIZE,
    retries: int = RETRIES,
) -> AnalyzeReport:
    """``casefile.analyze`` on the workers of ``client``: the same documents analysed, the
    same records stored, the same report (see the module's docstring for the steps)."""
    report = AnalyzeReport()
    # 2. the pipeline on every worker (its settings, the store's order of battle)
    plugin = PipelinePlugin(settings or Settings(), load_orbat(store))
    client.register_plugin(plugin)
    try:
        extractor = client.submit(pipeline_name, plugin.name, pure=False).result()
        # 1. the documents to do, streamed from the store in partitions
        parts = _partitions(store, extractor, again, partition_size, report, on_item)
        # 3-5. extract on the workers, store here, in partition order
        for docs, outcomes in _extract(client, plugin.name, parts, retries):
            _store_partition(store, docs, outcomes, report, on_item)
    finally:
        client.unregister_worker_plugin(plugin.name)
    return report


def _partitions(
    store: Store,
    extractor: str,
    again: bool,
    size: int,
    report: AnalyzeReport,
    on_item: Callable[[Document, Analysis | None], None] | None,
) -> Iterator[list[Document]]:
    """The documents to do in partitions of ``size``, read from the store as they are asked
    for (a batch at a time: the client never lists the whole store); a document in a
    language with no pack is skipped, and said so."""
    part: list[Document] = []
    for doc in documents_to_analyse(store, extractor, again):
        note = unsupported(doc)
        if note:
            report.skipped.append((doc.ref, note))
            if on_item:
                on_item(doc, None)
            continue
        part.append(doc)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def _extract(
    client: Client, plugin: str, parts: Iterator[list[Document]], retries: int
) -> Iterator[tuple[list[Document], list[Outcome] | str]]:
    """Each partition with its outcomes (or the error of its last try), in partition order,
    with at most ``in_flight`` partitions taken from ``parts`` and not yet handed on."""
    in_flight = max(2, 2 * sum(client.nthreads().values()))
    futures: dict[Any, int] = {}  # future -> partition number
    taken: dict[int, list[Document]] = {}  # partitions submitted, not yet handed on
    done: dict[int, list[Outcome] | str] = {}
    pending = as_completed()
    submitted = next_out = 0
    more = True

    def submit() -> None:
        nonlocal submitted, more
        while more and submitted - next_out < in_flight:
            docs = next(parts, None)
            if docs is None:
                more = False
                return
            f = client.submit(extract_partition, plugin, docs, retries=retries, pure=False)
            futures[f] = submitted
            taken[submitted] = docs
            pending.add(f)
            submitted += 1

    try:
        submit()
        for future in pending:
            n = futures.pop(future)
            if future.status == "finished":
                done[n] = future.result()
            else:
                done[n] = f"partition failed after {retries} retries: {_reason(future)}"
            future.release()
            while next_out in done:
                yield taken.pop(next_out), done.pop(next_out)  # then stored: let them go
                next_out += 1
            submit()
    finally:
        if futures:  # stopped early (Ctrl-C, a store error): nothing more to compute
            client.cancel(list(futures))


def _reason(future: Any) -> str:
    error = future.exception()
    return f"{type(error).__name__}: {error}" if error else future.status


def _store_partition(
    store: Store,
    docs: list[Document],
    outcomes: list[Outcome] | str,
    report: AnalyzeReport,
    on_item: Callable[[Document, Analysis | None], None] | None,
) -> None:
    """Write one partition in one transaction; count and report each document."""
    if isinstance(outcomes, str):
        found: dict[str, Outcome] = {d.id: Outcome(d.id, None, outcomes) for d in docs}
    else:
        found = {o.document_id: o for o in outcomes}
    analyses = []
    for doc in docs:
        analysis = found[doc.id].analysis
        if analysis is not None:
            analysis.document = doc  # the client's copy: the same, without a second one kept
            analyses.append(analysis)
    store_analyses(store, analyses)
    for doc in docs:
        outcome = found[doc.id]
        if outcome.analysis is None:
            report.failed.append((doc.ref, outcome.error or "failed"))
        else:
            report.analysed += 1
            report.incidents += len(outcome.analysis.incidents)
        if on_item:
            on_item(doc, outcome.analysis)


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (``tcp://HOST:PORT``), or of a local cluster
    of ``workers`` processes of one thread each on 127.0.0.1, closed on the way out."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise CasefileError(
                f"{scheduler}: cannot reach a Dask scheduler ({e}); start one with "
                "`dask scheduler` or use --workers N for a local cluster"
            ) from None
        with client:
            yield client
        return
    if not workers or workers < 1:
        raise CasefileError(f"--workers must be 1 or more, not {workers}")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # extraction holds the GIL: one process per core
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,  # no web dashboard (it would need bokeh and a port)
        silence_logs=50,  # logging.CRITICAL: worker chatter (and heartbeats lost while closing)
        # would break the progress bar; a task's own error comes back with its future
    )
    with cluster, Client(cluster) as client:
        yield client
