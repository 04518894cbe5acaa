"""The store: migrations, idempotent writes, replacing analyses, filtered reads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import inspect

from casefile.errors import StoreError
from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place, UnitLink
from casefile.store import IncidentFilter, Store, resolve_url


def incident(kind: str = "execution_of_pows", start: str = "2024-10-01", place: str = "Pokrovsk",
             unit: str = "30th Motorized Rifle Brigade", summary: str = "Six POWs shot.") -> Incident:
    return Incident(
        type=kind, summary=summary, date=DateRange(start, start),
        place=Place(place, "UA", "Donetsk Oblast", 48.28, 37.18, "settlement"),
        perpetrators=[Actor(unit, "unit")], victim_category="pow", count=Count(best=6),
        spans=[(0, 10)],
    )


def test_store_creates_schema_and_migrates_twice_harmlessly(tmp_path) -> None:
    url = str(tmp_path / "a.db")
    Store(url).close()
    store = Store(url)
    names = set(inspect(store.engine).get_table_names())
    assert {"documents", "incidents", "statistics", "units", "unit_relations", "statements",
            "persons", "spans", "alembic_version"} <= names
    store.close()


def test_resolve_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///casefile.db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("CASEFILE_DB", "env.db")
    assert resolve_url(None) == "sqlite:///env.db"


def test_unopenable_database_is_a_store_error(tmp_path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match="dir.db"):
        Store(str(tmp_path / "dir.db"))


def test_same_document_twice_is_stored_once(fresh_store: Store, make_document: Callable[..., Document]) -> None:
    doc = make_document("Text.")
    with fresh_store.writer() as w:
        assert w.add_document(doc) is True
    with fresh_store.writer() as w:
        assert w.add_document(make_document("Text.")) is False
    assert fresh_store.view.count_documents() == 1
    stored = fresh_store.view.get_document("doc")
    assert stored is not None and stored.original == b"Text." and stored.text == "Text."


def test_analysis_is_replaced_not_duplicated(fresh_store: Store, make_document: Callable[..., Document]) -> None:
    doc = make_document("Six POWs shot near Pokrovsk.")
    with fresh_store.writer() as w:
        w.add_document(doc)
    a = Analysis(doc, incidents=[incident(), incident("torture")], extractor="x",
                 units=[UnitLink("30th Motorized Rifle Brigade", ["2nd Combined Arms Army"], [(0, 5)])])
    for _ in range(2):
        with fresh_store.writer() as w:
            w.add_analysis(a)
    rows = list(fresh_store.view.iter_incidents())
    assert len(rows) == 2
    assert rows[0].incident.spans == [(0, 10)]
    assert fresh_store.view.get_record(doc.id)["incidents"][0]["type"] == "execution_of_pows"  # type: ignore[index]


def test_failed_transaction_leaves_nothing(fresh_store: Store, make_document: Callable[..., Document]) -> None:
    with pytest.raises(RuntimeError), fresh_store.writer() as w:
        w.add_document(make_document("Text."))
        raise RuntimeError("killed halfway")
    assert fresh_store.view.count_documents() == 0


@pytest.fixture
def filled(fresh_store: Store, make_document: Callable[..., Document]) -> Store:
    doc = make_document("Reports.")
    with fresh_store.writer() as w:
        w.add_document(doc)
        w.add_analysis(Analysis(doc, extractor="x", incidents=[
            incident(),
            incident("attack_on_civilians", "2023-10-05", "Hroza", "Russian forces", "Cafe struck."),
            incident("torture", "2022-04-01", "Bucha", "64th Motorized Rifle Brigade", "Detainees beaten."),
        ]))
    return fresh_store


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (IncidentFilter(type="torture"), ["Bucha"]),
        (IncidentFilter(since="2023-01-01"), ["Hroza", "Pokrovsk"]),
        (IncidentFilter(until="2023-01-01"), ["Bucha"]),
        (IncidentFilter(place="hroz"), ["Hroza"]),
        (IncidentFilter(place="Donetsk"), ["Bucha", "Hroza", "Pokrovsk"]),
        (IncidentFilter(unit="30th"), ["Pokrovsk"]),
        (IncidentFilter(text="cafe"), ["Hroza"]),
        (IncidentFilter(text="reports"), ["Bucha", "Hroza", "Pokrovsk"]),
        (IncidentFilter(units=["64th Motorized Rifle Brigade"]), ["Bucha"]),
        (IncidentFilter(limit=1), ["Bucha"]),
    ],
)
def test_incident_filters(filled: Store, f: IncidentFilter, expected: list[str]) -> None:
    got = sorted(r.incident.place.name for r in filled.view.iter_incidents(f))  # type: ignore[union-attr]
    assert got == expected


@pytest.mark.parametrize("attack", ["%", "_", "' OR 1=1 --", "\\", "%' OR '1'='1"])
def test_filters_are_literal_not_sql(filled: Store, attack: str) -> None:
    assert filled.view.count_incidents(IncidentFilter(place=attack)) == 0
    assert filled.view.count_incidents(IncidentFilter(text=attack)) == 0
    assert filled.view.count_documents() == 1


def test_count_by_type(filled: Store) -> None:
    assert filled.view.count_incidents_by_type() == {
        "attack_on_civilians": 1, "execution_of_pows": 1, "torture": 1}
