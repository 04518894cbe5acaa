"""The store: migrations, idempotent writes, replacing analyses, filtered reads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import inspect

from casefile.errors import StoreError
from casefile.model import Actor, Analysis, Count, DateRange, Document, Incident, Place, UnitLink
from casefile.store import IncidentQuery, Store, resolve_url


def incident(
    kind: str = "execution_of_pows",
    start: str = "2024-10-01",
    place: str = "Pokrovsk",
    unit: str = "30th Motorized Rifle Brigade",
    summary: str = "Six POWs shot.",
) -> Incident:
    return Incident(
        type=kind,
        summary=summary,
        date=DateRange(start, start),
        place=Place(place, "UA", "Donetsk Oblast", 48.28, 37.18, "settlement"),
        perpetrators=[Actor(unit, "unit")],
        victim_category="pow",
        count=Count(best=6),
        spans=[(0, 10)],
    )


def test_store_creates_schema_and_migrates_twice_harmlessly(fresh_store: Store) -> None:
    store = Store(fresh_store.url)  # the second migration, on the same database
    names = set(inspect(store.engine).get_table_names())
    assert {
        "documents",
        "incidents",
        "statistics",
        "units",
        "unit_relations",
        "statements",
        "persons",
        "spans",
        "alembic_version",
    } <= names
    store.close()


def test_long_names_are_stored_whole(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    # SQLite ignores a VARCHAR's length, PostgreSQL enforces it; the store accepts both alike.
    doc = make_document("Text.", name="n" * 600, publisher="p" * 600, language="l" * 40)
    long_unit = "u" * 400
    with fresh_store.writer() as w:
        w.add_document(doc)
        w.add_analysis(
            Analysis(
                doc,
                extractor="x" * 400,
                incidents=[incident(unit=long_unit)],
                units=[UnitLink(long_unit, ["p" * 400], [(0, 5)])],
            )
        )
    stored = fresh_store.view.get_document(doc.id)
    assert stored is not None and stored.publisher == "p" * 600 and stored.name == "n" * 600
    assert fresh_store.view.count_incidents(IncidentQuery(units=[long_unit])) == 1


def test_resolve_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///casefile.db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("CASEFILE_DB", "env.db")
    assert resolve_url(None) == "sqlite:///env.db"


def test_unopenable_database_is_a_store_error(tmp_path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match=r"dir\.db"):
        Store(str(tmp_path / "dir.db"))


def test_same_document_twice_is_stored_once(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document("Text.")
    with fresh_store.writer() as w:
        assert w.add_document(doc) is True
    with fresh_store.writer() as w:
        assert w.add_document(make_document("Text.")) is False
    assert fresh_store.view.count_documents() == 1
    stored = fresh_store.view.get_document("doc")
    assert stored is not None and stored.original == b"Text." and stored.text == "Text."
    assert type(stored.original) is bytes
    # The same UTC form on both backends (PostgreSQL returns the session's zone).
    assert stored.ingested_at is not None
    written = dt.datetime.fromisoformat(doc.ingested_at)  # type: ignore[arg-type]
    assert stored.ingested_at == str(written.replace(tzinfo=None))


def test_analysis_is_replaced_not_duplicated(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document("Six POWs shot near Pokrovsk.")
    with fresh_store.writer() as w:
        w.add_document(doc)
    a = Analysis(
        doc,
        incidents=[incident(), incident("torture")],
        extractor="x",
        units=[UnitLink("30th Motorized Rifle Brigade", ["2nd Combined Arms Army"], [(0, 5)])],
    )
    for _ in range(2):
        with fresh_store.writer() as w:
            w.add_analysis(a)
    rows = list(fresh_store.view.iter_reviewed_incidents(IncidentQuery()))
    assert len(rows) == 2
    assert rows[0].incident.spans == [(0, 10)]
    assert fresh_store.view.get_record(doc.id)["incidents"][0]["type"] == "execution_of_pows"  # type: ignore[index]


def test_failed_transaction_leaves_nothing(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    with pytest.raises(RuntimeError), fresh_store.writer() as w:
        w.add_document(make_document("Text."))
        raise RuntimeError("killed halfway")
    assert fresh_store.view.count_documents() == 0


@pytest.fixture
def filled(fresh_store: Store, make_document: Callable[..., Document]) -> Store:
    doc = make_document("Reports.")
    with fresh_store.writer() as w:
        w.add_document(doc)
        w.add_analysis(
            Analysis(
                doc,
                extractor="x",
                incidents=[
                    incident(),
                    incident(
                        "attack_on_civilians",
                        "2023-10-05",
                        "Hroza",
                        "Russian forces",
                        "Cafe struck.",
                    ),
                    incident(
                        "torture",
                        "2022-04-01",
                        "Bucha",
                        "64th Motorized Rifle Brigade",
                        "Detainees beaten.",
                    ),
                ],
            )
        )
    return fresh_store


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (IncidentQuery(type="torture"), ["Bucha"]),
        (IncidentQuery(since="2023-01-01"), ["Hroza", "Pokrovsk"]),
        (IncidentQuery(until="2023-01-01"), ["Bucha"]),
        (IncidentQuery(place="hroz"), ["Hroza"]),
        (IncidentQuery(place="Donetsk"), ["Bucha", "Hroza", "Pokrovsk"]),
        (IncidentQuery(unit="30th"), ["Pokrovsk"]),
        (IncidentQuery(text="cafe"), ["Hroza"]),
        (IncidentQuery(text="reports"), ["Bucha", "Hroza", "Pokrovsk"]),
        (IncidentQuery(units=["64th Motorized Rifle Brigade"]), ["Bucha"]),
        (IncidentQuery(units=[]), []),
        (IncidentQuery(limit=1), ["Bucha"]),
    ],
)
def test_incident_filters(filled: Store, f: IncidentQuery, expected: list[str]) -> None:
    got = sorted(r.incident.place.name for r in filled.view.page_incidents(f).items)  # type: ignore[union-attr]
    assert got == expected


@pytest.mark.parametrize("attack", ["%", "_", "' OR 1=1 --", "\\", "%' OR '1'='1"])
def test_filters_are_literal_not_sql(filled: Store, attack: str) -> None:
    assert filled.view.count_incidents(IncidentQuery(place=attack)) == 0
    assert filled.view.count_incidents(IncidentQuery(text=attack)) == 0
    assert filled.view.count_documents() == 1


def test_count_by_type(filled: Store) -> None:
    assert filled.view.count_incidents_by_field("type") == {
        "attack_on_civilians": 1,
        "execution_of_pows": 1,
        "torture": 1,
    }


@pytest.mark.postgres
@pytest.mark.slow
def test_cli_ingest_analyze_incidents_on_postgres(cli, tmp_path, postgres_url: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r1.txt").write_text(
        "---\npublished: 2024-10-02\n---\nRussian troops shot six Ukrainian prisoners of war "
        "near Pokrovsk on October 1.\n"
    )
    env = {"CASEFILE_DB": postgres_url}
    ingest = cli("ingest", "in", env=env)
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.strip().endswith("1 new, 0 already known, 0 rejected")
    again = cli("--db", postgres_url, "ingest", "in")  # the same database, by --db this time
    assert again.stdout.strip().endswith("0 new, 1 already known, 0 rejected")
    analyze = cli("--db", postgres_url, "analyze")
    assert analyze.returncode == 0, analyze.stderr
    assert analyze.stdout.startswith("1 analysed")
    rows = json.loads(cli("--db", postgres_url, "incidents", "--format", "json").stdout)
    assert [(x["type"], x["place"]["name"]) for x in rows] == [("execution_of_pows", "Pokrovsk")]
    assert not (tmp_path / "casefile.db").exists()  # nothing went to SQLite by mistake
