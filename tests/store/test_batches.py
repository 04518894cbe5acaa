"""Writing and reading at archive size (#14): a batch of analyses written at once leaves the
store as writing them one by one does, and the documents to analyse are streamed from the
store a batch at a time, never listed whole."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from casefile.analyze import documents_to_analyse
from casefile.model import Actor, Analysis, DateRange, Document, Incident, Statistic, UnitLink
from casefile.store import Store
from casefile.store import tables as t
from casefile.store.audit import analysed
from casefile.store.view import IncidentQuery


def _analysis(doc: Document, k: int) -> Analysis:
    """An analysis naming units (one shared by every document, so the first names it) with
    incidents, a statistic and spans."""
    shared = UnitLink("Shared Brigade", ["Shared Army"], [(0, 4)])
    own = UnitLink(f"Unit {k}", ["Shared Brigade"], [(5, 9)])
    incidents = [
        Incident(
            type="torture",
            summary=f"Act {k}.{n}",
            date=DateRange(f"2024-0{n + 1}", f"2024-0{n + 1}"),
            perpetrators=[Actor("Shared Brigade", "unit")],
            spans=[(n, n + 3)],
        )
        for n in range(2)
    ]
    figures = [Statistic(k + 1, "killed", "civilian", spans=[(1, 2)])]
    return Analysis(
        doc, incidents=incidents, statistics=figures, units=[shared, own], extractor="x"
    )


def _documents(n: int) -> list[Document]:
    return [Document.from_text(f"Report {k} of a batch.", name=f"b{k}") for k in range(n)]


def _state(store: Store) -> dict[str, Any]:
    """What the writes left, without times."""
    with store.engine.connect() as c:
        rows = {
            name: sorted(tuple(r) for r in c.execute(select(*cols)).all())
            for name, cols in {
                "incidents": [t.incidents.c.id, t.incidents.c.document_id, t.incidents.c.seq],
                "statistics": [t.statistics.c.id, t.statistics.c.value],
                "units": [t.units.c.name, t.units.c.first_seen],
                "relations": [t.unit_relations.c.id, t.unit_relations.c.child],
                "spans": [t.spans.c.fact_table, t.spans.c.fact_id, t.spans.c.start],
            }.items()
        }
        rows["audit"] = [
            tuple(r)
            for r in c.execute(
                select(t.audit_log.c.action, t.audit_log.c.object_id).order_by(t.audit_log.c.seq)
            )
        ]
        rows["span order"] = list(
            c.execute(select(t.spans.c.fact_id).order_by(t.spans.c.id)).scalars()
        )
    return rows


def test_a_batch_of_analyses_is_stored_as_one_by_one(fresh_store: Store, tmp_path) -> None:
    docs = _documents(4)
    with Store(str(tmp_path / "one-by-one.db")) as single:
        for store in (single, fresh_store):
            with store.writer() as w:
                for doc in docs:
                    w.add_document(doc)
        with single.writer() as w:
            for k, doc in enumerate(docs):
                w.add_analysis(_analysis(doc, k))
                w.add_audit(analysed(_analysis(doc, k)))
        with fresh_store.writer() as w:
            w.add_analyses([_analysis(doc, k) for k, doc in enumerate(docs)], audit=analysed)
        expected = _state(single)
    assert _state(fresh_store) == expected
    assert ("Shared Brigade", docs[0].id) in expected["units"]  # the first names it
    # again: each document's facts replaced, nothing doubled
    with fresh_store.writer() as w:
        w.add_analyses([_analysis(doc, k) for k, doc in enumerate(docs)], audit=analysed)
    again = _state(fresh_store)
    assert {k: v for k, v in again.items() if k != "audit"} == {
        k: v for k, v in expected.items() if k != "audit"
    }
    assert len(fresh_store.view.page_incidents(IncidentQuery(limit=None)).items) == 8


def test_documents_to_analyse_are_streamed_in_batches(fresh_store: Store) -> None:
    """Each batch is one short query after the last one's place: a document analysed
    meanwhile is not listed again, and none is listed twice."""
    docs = _documents(7)
    with fresh_store.writer() as w:
        for doc in docs:
            w.add_document(doc)
    order = [d.id for d in fresh_store.view.iter_documents()]
    selects: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if "FROM documents" in statement:
            selects.append(statement)

    event.listen(fresh_store.engine, "before_cursor_execute", seen)
    try:
        listed = []
        stream = fresh_store.view.iter_documents("x", batch=3)
        for doc in stream:
            listed.append(doc.id)
            with fresh_store.writer() as w:  # analysed while the listing goes on
                w.add_analysis(Analysis(doc, extractor="x"))
    finally:
        event.remove(fresh_store.engine, "before_cursor_execute", seen)
    assert listed == order
    assert len(selects) == 3  # 3 + 3 + 1
    assert list(documents_to_analyse(fresh_store, "x")) == []
    assert [d.id for d in documents_to_analyse(fresh_store, "x", again=True)] == order
