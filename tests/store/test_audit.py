"""The audit log: appended with every change, refused any edit, and every tampering named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from casefile.errors import AuditError, StoreError
from casefile.model import Analysis, Document, Incident
from casefile.store import Store
from casefile.store.audit import AuditEvent, AuditLog, entry_mac, iter_entries, load_secret


def append(store: Store, n: int, actor: str = "ana") -> None:
    for i in range(n):
        with store.writer(actor) as w:
            w.add_audit(
                AuditEvent(
                    "incident.edit",
                    "incident",
                    f"inc{i}",
                    {"type": "torture"},
                    {"type": "execution_of_pows"},
                    reason=f"reason {i}",
                )
            )


def sql(store: Store, statement: str, **params: object) -> None:
    with store.engine.begin() as c:
        c.execute(text(statement), params)


def untrigger(store: Store) -> None:
    """What someone with write access to the database does first: drop the guard."""
    if store.engine.dialect.name == "sqlite":
        sql(store, "DROP TRIGGER audit_log_no_update")
        sql(store, "DROP TRIGGER audit_log_no_delete")
    else:
        sql(store, "DROP TRIGGER audit_log_append_only ON audit_log")


def messages(store: Store) -> list[str]:
    return [p.message for p in store.audit.verify(store.engine).problems]


def test_entries_chain_and_the_head_is_written_outside(fresh_store: Store) -> None:
    append(fresh_store, 3)
    entries = list(iter_entries(fresh_store.engine))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev == "0" * 64 and entries[1].prev == entries[0].hash
    assert entries[2].actor == "ana" and json.loads(entries[2].after) == {
        "type": "execution_of_pows"
    }
    head = fresh_store.audit.read_head()
    assert head is not None and (head.seq, head.hash) == (3, entries[2].hash)
    report = fresh_store.audit.verify(fresh_store.engine)
    assert report.ok, report.lines()
    assert report.lines()[-1].startswith("audit log intact: 3 entries")


def test_the_database_refuses_to_change_or_delete_entries(fresh_store: Store) -> None:
    append(fresh_store, 1)
    for statement in ("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(SQLAlchemyError, match="append-only"):
            sql(fresh_store, statement)
    assert fresh_store.audit.verify(fresh_store.engine).ok


def test_a_failed_change_leaves_no_entry(fresh_store: Store) -> None:
    with pytest.raises(RuntimeError), fresh_store.writer() as w:
        w.add_audit(AuditEvent("export", "incidents", "all"))
        raise RuntimeError("killed halfway")
    assert list(iter_entries(fresh_store.engine)) == []
    assert fresh_store.audit.read_head() is None


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (
            "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3",
            ["entry #3: edited or forged (its content does not match its MAC)"],
        ),
        (
            "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1",
            ["entry #1: edited or forged (its content does not match its MAC)"],
        ),
        ("DELETE FROM audit_log WHERE seq = 2", ["entry #2 is missing (deleted)"]),
        ("DELETE FROM audit_log WHERE seq IN (2, 3)", ["entries #2..#3 are missing (deleted)"]),
        ("DELETE FROM audit_log WHERE seq >= 4", ["the log ends at #3 but the head records #5"]),
        ("renumber", ["renumbered (it was #4)", "renumbered (it was #5)"]),
    ],
)
def test_verify_names_each_tampered_entry(
    fresh_store: Store, tamper: str, expected: list[str]
) -> None:
    append(fresh_store, 5)
    untrigger(fresh_store)
    if tamper == "renumber":  # delete #2, then renumber the rest to hide the gap
        sql(fresh_store, "DELETE FROM audit_log WHERE seq = 2")
        for seq in (3, 4, 5):
            sql(
                fresh_store,
                "UPDATE audit_log SET seq = :new WHERE seq = :old",
                new=seq - 1,
                old=seq,
            )
    else:
        sql(fresh_store, tamper)
    got = messages(fresh_store)
    for want in expected:
        assert any(want in m for m in got), (want, got)


def test_an_inserted_entry_is_named(fresh_store: Store) -> None:
    append(fresh_store, 3)
    untrigger(fresh_store)
    e = {r.seq: r for r in iter_entries(fresh_store.engine)}
    for seq in (3, 2):  # make room after #1
        sql(fresh_store, "UPDATE audit_log SET seq = :new WHERE seq = :old", new=seq + 1, old=seq)
    forged = {**e[1].__dict__, "seq": 2, "reason": "forged", "prev": e[1].hash, "hash": "f" * 64}
    sql(
        fresh_store,
        "INSERT INTO audit_log VALUES (:seq, :at, :actor, :action, :object_type, "
        ":object_id, :before, :after, :reason, :prev, :hash)",
        **forged,
    )
    got = messages(fresh_store)
    assert "entry #2: inserted (the entry after it chains to #1)" in got
    assert any("entry #3: renumbered (it was #2)" in m for m in got)


def test_a_chain_rewritten_with_the_secret_is_caught_by_the_head(fresh_store: Store) -> None:
    append(fresh_store, 3)
    untrigger(fresh_store)
    # Someone who holds the secret but not the head: edits #2 and recomputes the chain.
    key, prev = load_secret(), None
    for e in iter_entries(fresh_store.engine):
        row = {**e.__dict__, "reason": "rewritten" if e.seq == 2 else e.reason}
        row["prev"] = prev or row["prev"]
        row["hash"] = entry_mac(key, row)
        sql(
            fresh_store,
            "UPDATE audit_log SET reason = :reason, prev = :prev, hash = :hash WHERE seq = :seq",
            **row,
        )
        prev = row["hash"]
    assert messages(fresh_store) == [
        "entry #3: differs from the head recorded outside the database: the chain was rewritten"
    ]


def test_another_secret_is_a_wrong_key_not_forgery(fresh_store: Store, tmp_path: Path) -> None:
    append(fresh_store, 2)
    other = AuditLog(fresh_store.audit.head_path, secret=b"another secret entirely")
    report = other.verify(fresh_store.engine)
    assert report.wrong_key and not report.ok and not report.problems
    assert report.lines()[0].startswith("WRONG KEY: none of the 2 entries")
    # without the head to name the key, no entry matching it says the same
    elsewhere = AuditLog(tmp_path / "nowhere.head", secret=b"another secret entirely")
    assert elsewhere.verify(fresh_store.engine).wrong_key
    headless = AuditLog(tmp_path / "nowhere.head")
    assert any("no audit head" in p.message for p in headless.verify(fresh_store.engine).problems)


def test_ingest_and_analyze_are_audited(
    fresh_store: Store, make_document: Callable[..., Document]
) -> None:
    doc = make_document("Six POWs were shot.")
    with fresh_store.writer() as w:  # as casefile.ingest does
        from casefile.store.audit import analysed, imported

        assert w.add_document(doc)
        w.add_audit(imported(doc))
        w.add_analysis(Analysis(doc, incidents=[Incident("execution_of_pows")], extractor="x"))
        w.add_audit(
            analysed(Analysis(doc, incidents=[Incident("execution_of_pows")], extractor="x"))
        )
    entries = list(iter_entries(fresh_store.engine))
    assert [e.action for e in entries] == ["document.import", "document.analyze"]
    assert json.loads(entries[0].after)["sha256"] == doc.id
    assert entries[0].actor.startswith("os:")


def test_the_secret_is_made_once_outside_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_secret()
    assert first == load_secret() and len(first) == 64
    monkeypatch.setenv("CASEFILE_SECRET", "short")
    with pytest.raises(AuditError, match="too short"):
        load_secret()


def test_an_unwritable_head_is_a_clear_error(fresh_store: Store, tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file, not a folder")
    fresh_store.audit.head_path = tmp_path / "blocked" / "head"
    with pytest.raises((AuditError, StoreError), match="audit head could not be written"):
        append(fresh_store, 1)
