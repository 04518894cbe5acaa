"""casefile.batch.dask on a real LocalCluster of 2 worker processes, started once per module:
the store it leaves is the store a single-process ``analyze`` leaves, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from casefile.analyze import analyze
from casefile.batch import dask as batch
from casefile.model import Document
from casefile.store import Store
from casefile.store import tables as t
from casefile.store.view import IncidentQuery

pytestmark = [pytest.mark.dask, pytest.mark.slow]

# Short reports written for these tests: each is one act, a place, a day and sometimes a unit.
ACTS = [
    "Soldiers of the 155th Naval Infantry Brigade (14th Army Corps) shelled a school in {p}, "
    "wounding three teachers,",
    "A drone hit a bus stop in {p}, killing two civilians,",
    "Five captured Ukrainian soldiers were executed near {p}",
    "Russian soldiers tortured four detainees in a police station basement in {p}",
    "A glide bomb destroyed a block of flats in {p}, killing 19 people,",
]
PLACES = ["Kherson", "Kharkiv", "Izium", "Robotyne", "Vuhledar", "Sumy"]
DAYS = ["3 March 2023", "12 August 2024", "25 May 2024", "9 June 2022", "30 January 2025"]


def _documents(n: int = 14) -> list[Document]:
    docs = []
    for k in range(n):
        act = ACTS[k % len(ACTS)].format(p=PLACES[k % len(PLACES)])
        text = f"{act} on {DAYS[k % len(DAYS)]}, officials said. Report number {k} follows."
        docs.append(Document.from_text(text, name=f"report-{k:02d}", published="2025-02-01"))
    # one that holds nothing to extract, so that empty analyses are stored alike
    docs.append(Document.from_text("The market in Lviv opened early.", name="report-quiet"))
    return docs


def _fill(store: Store) -> list[Document]:
    docs = _documents()
    with store.writer() as w:
        for doc in docs:
            w.add_document(doc)
    return docs


def _contents(store: Store) -> dict[str, Any]:
    """What analysis left in ``store``, with nothing that depends on when it ran."""
    view = store.view
    with store.engine.connect() as c:
        units = sorted(tuple(r) for r in c.execute(select(t.units.c.name, t.units.c.first_seen)))
        analyses = sorted((r.document_id, r.extractor) for r in c.execute(select(t.analyses)).all())
    return {
        "records": {d.id: view.get_record(d.id) for d in view.iter_documents()},
        "incidents": [i.to_record() for i in view.page_incidents(IncidentQuery(limit=None)).items],
        "units": units,
        "analyses": analyses,
    }


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with batch.dask_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a single-process ``analyze`` leaves, on SQLite: the reference."""
    with Store(str(tmp_path_factory.mktemp("single") / "single.db")) as store:
        _fill(store)
        report = analyze(store)
        assert report.analysed == len(_documents()) and not report.failed
        assert report.incidents >= 10  # the reports are read as incidents
        return _contents(store)


def test_dask_analyze_stores_what_a_single_process_stores(
    fresh_store: Store, client: Any, single_process: dict[str, Any]
) -> None:
    _fill(fresh_store)
    seen: list[str] = []
    report = batch.analyze_on_dask(
        fresh_store, client, partition_size=3, on_item=lambda d, a: seen.append(d.name)
    )
    assert report.analysed == len(_documents()) and not report.failed
    assert _contents(fresh_store) == single_process
    # progress names every document once, in ingest order (partitions are written in order)
    assert seen == [d.name for d in _documents()]
    # nothing is left to do: a second run analyses nothing
    assert batch.analyze_on_dask(fresh_store, client).analysed == 0


def test_dask_analyze_after_an_interruption_a_rerun_completes(
    tmp_path: Path, client: Any, single_process: dict[str, Any]
) -> None:
    with Store(str(tmp_path / "stopped.db")) as store:
        _fill(store)
        stored: list[str] = []

        def ctrl_c(doc: Document, analysis: object) -> None:
            stored.append(doc.name)
            if len(stored) == 4:  # in the second partition of three
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            batch.analyze_on_dask(store, client, partition_size=3, on_item=ctrl_c)
        # progress is shown after a partition is stored: the first two are, whole
        assert store.view.count_analyses() == 6
        rest = batch.analyze_on_dask(store, client, partition_size=3)
        assert rest.analysed == len(_documents()) - 6
        assert _contents(store) == single_process


def test_dask_analyze_reports_a_failing_document_and_goes_on(
    tmp_path: Path, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(str(tmp_path / "failing.db")) as store:
        docs = _fill(store)
        broken = Document.from_text("A text that will not be one.", name="report-broken")
        broken.text = None  # type: ignore[assignment]  # the pipeline fails on it (TypeError)
        todo = [*docs[:4], broken, *docs[4:]]
        monkeypatch.setattr(batch, "documents_to_analyse", lambda *a, **k: todo)
        report = batch.analyze_on_dask(store, client, partition_size=2, retries=1)
    failed = dict(report.failed)
    # the pipeline isolates a stage's failure to its document (a StageError, #9), so the
    # partition itself succeeds: the broken document alone is reported, the rest analysed
    assert sorted(failed) == ["report-broken"]
    assert "TypeError" in failed["report-broken"]
    assert report.analysed == len(docs)


def test_dask_client_refuses_zero_workers() -> None:
    from casefile.errors import CasefileError

    with pytest.raises(CasefileError, match="--workers"), batch.dask_client(workers=0):
        pass


def test_dask_client_joins_an_existing_scheduler(
    tmp_path: Path, client: Any, single_process: dict[str, Any]
) -> None:
    """``--scheduler tcp://HOST:PORT``: the module's cluster, reached by its address."""
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    with Store(str(tmp_path / "joined.db")) as store, batch.dask_client(scheduler=address) as c:
        _fill(store)
        assert batch.analyze_on_dask(store, c).analysed == len(_documents())
        assert _contents(store) == single_process
