"""Re-analysis keeps analysts' reviews with the incident they judged, or shows them orphaned."""

from __future__ import annotations

from collections.abc import Callable

from casefile.model import Analysis, Document, Incident
from casefile.store import Store
from casefile.store.view import IncidentQuery
from casefile.store.writer import incident_id

TEXT = "Soldiers shot six prisoners of war near Pokrovsk. Prosecutors opened a case."


def _analyse(store: Store, doc: Document, *incidents: Incident) -> None:
    with store.writer() as w:
        w.add_analysis(Analysis(doc, incidents=list(incidents), extractor="test"))


def _review(store: Store, incident: str) -> None:
    with store.writer() as w:
        w.put_review("incident", incident, "ana", {"status": "confirmed"})


def test_an_incident_found_again_keeps_its_id(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document(TEXT)
    with fresh_store.writer() as w:
        w.add_document(doc)
    inc = Incident("execution_of_pows", spans=[(0, 49)], trigger=(9, 13))
    other = Incident("torture", spans=[(50, 75)], trigger=(50, 61))
    _analyse(fresh_store, doc, inc)
    _analyse(fresh_store, doc, other, inc)  # another act found before it: its id stays
    assert incident_id(doc.id, inc, set()) in {
        i.id for i in fresh_store.view.iter_reviewed_incidents(IncidentQuery())
    }


def test_a_review_follows_the_incident_that_now_covers_its_span(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document(TEXT)
    with fresh_store.writer() as w:
        w.add_document(doc)
    old = Incident("execution_of_pows", spans=[(0, 49)], trigger=(9, 13))
    _analyse(fresh_store, doc, old)
    old_id = incident_id(doc.id, old, set())
    _review(fresh_store, old_id)
    # a new extractor tells the same act from another word, and finds a second act elsewhere
    new = Incident("execution_of_pows", spans=[(0, 49)], trigger=(0, 8))
    elsewhere = Incident("execution_of_pows", spans=[(50, 75)], trigger=(50, 61))
    _analyse(fresh_store, doc, new, elsewhere)
    new_id = incident_id(doc.id, new, set())
    assert fresh_store.view.get_review("incident", new_id)["status"] == "confirmed"  # type: ignore[index]
    assert fresh_store.view.get_review("incident", old_id) is None
    assert fresh_store.view.get_review("incident", incident_id(doc.id, elsewhere, set())) is None
    assert list(fresh_store.view.iter_orphaned_reviews()) == []


def test_a_review_whose_incident_is_gone_is_orphaned_not_moved(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document(TEXT)
    with fresh_store.writer() as w:
        w.add_document(doc)
    old = Incident("execution_of_pows", spans=[(0, 49)], trigger=(9, 13))
    _analyse(fresh_store, doc, old)
    _review(fresh_store, incident_id(doc.id, old, set()))
    # re-analysis finds only an act of another type, elsewhere in the text
    _analyse(fresh_store, doc, Incident("torture", spans=[(50, 75)], trigger=(50, 61)))
    orphans = list(fresh_store.view.iter_orphaned_reviews())
    assert [o["target_id"] for o in orphans] == [incident_id(doc.id, old, set())]
    assert [i.status for i in fresh_store.view.iter_reviewed_incidents(IncidentQuery())] == [
        "unreviewed"
    ]


def test_incidents_sort_and_filter_by_confidence(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document(TEXT)
    with fresh_store.writer() as w:
        w.add_document(doc)
    sure = Incident("execution_of_pows", spans=[(0, 49)], trigger=(9, 13), confidence=0.9)
    unsure = Incident("torture", spans=[(50, 75)], trigger=(50, 61), confidence=0.3)
    _analyse(fresh_store, doc, sure, unsure)
    page = fresh_store.view.page_incidents(IncidentQuery(sort="confidence"))
    assert [i.incident.confidence for i in page.items] == [0.3, 0.9]
    page = fresh_store.view.page_incidents(IncidentQuery(sort="-confidence", min_confidence=0.5))
    assert [i.incident.type for i in page.items] == ["execution_of_pows"]
