"""The laundering steps of #9 against the audit log: cut the log (or all of it) and delete
or put back its head; each is refused on the next write and reported by verify."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from casefile.errors import AuditError
from casefile.ingest import ingest
from casefile.store import Store
from casefile.store import audit as audit_module


@pytest.fixture(autouse=True)
def _no_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    # A head missing within seconds of a commit is taken for another process about to write
    # it; these tests tamper faster than that.
    monkeypatch.setattr(audit_module, "HEAD_GRACE_S", 0.0)


def add_reports(store: Store, folder: Path, *names: str) -> None:
    for name in names:
        (folder / f"{name}.txt").write_text(f"Report {name}: a clinic was shelled.\n")
        report = ingest(store, [str(folder / f"{name}.txt")])
        assert len(report.new) == 1


def tamper(store: Store, statement: str) -> None:
    """As someone with write access to the database: drop the guard, run ``statement``."""
    with store.engine.begin() as c:
        if store.engine.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            c.execute(text("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log"))
        c.execute(text(statement))


def problems(store: Store) -> list[str]:
    report = store.audit.verify(store.engine)
    assert not report.ok and not report.wrong_key
    return [p.message for p in report.problems]


def test_cut_tail_and_deleted_head(fresh_store: Store, tmp_path: Path) -> None:
    add_reports(fresh_store, tmp_path, "a", "b", "c")
    tamper(fresh_store, "DELETE FROM audit_log WHERE seq > 1")
    fresh_store.audit.head_path.unlink()
    found = problems(fresh_store)
    assert any("no audit head" in m for m in found)
    assert any("2 documents imported after the log's newest entry" in m for m in found)
    # the next ordinary write does not make a new head over it: refused, nothing stored
    with pytest.raises(AuditError, match="is missing, but the log holds 1 entries"):
        add_reports(fresh_store, tmp_path, "d")
    assert fresh_store.view.count_documents() == 3
    assert not fresh_store.audit.head_path.exists()


def test_emptied_log_and_deleted_head(fresh_store: Store, tmp_path: Path) -> None:
    add_reports(fresh_store, tmp_path, "a", "b")
    tamper(fresh_store, "DELETE FROM audit_log")
    fresh_store.audit.head_path.unlink()
    assert any("yet the log is empty" in m for m in problems(fresh_store))
    with pytest.raises(AuditError, match="the audit log is empty and its head"):
        add_reports(fresh_store, tmp_path, "c")


def test_cut_tail_with_an_older_genuine_head_put_back(fresh_store: Store, tmp_path: Path) -> None:
    add_reports(fresh_store, tmp_path, "a", "b")
    kept = tmp_path / "old-head"
    shutil.copy(fresh_store.audit.head_path, kept)  # a genuine head of #2
    add_reports(fresh_store, tmp_path, "c", "d")
    tamper(fresh_store, "DELETE FROM audit_log WHERE seq > 2")
    shutil.copy(kept, fresh_store.audit.head_path)
    assert any(
        "2 documents imported after the log's newest entry" in m for m in problems(fresh_store)
    )


def test_an_older_head_put_back_over_a_whole_log(fresh_store: Store, tmp_path: Path) -> None:
    add_reports(fresh_store, tmp_path, "a", "b")
    kept = tmp_path / "old-head"
    shutil.copy(fresh_store.audit.head_path, kept)
    add_reports(fresh_store, tmp_path, "c")
    shutil.copy(kept, fresh_store.audit.head_path)
    assert any("the head records #2" in m and "goes on to #3" in m for m in problems(fresh_store))


def test_a_shorter_log_than_its_head_takes_no_more_entries(
    fresh_store: Store, tmp_path: Path
) -> None:
    add_reports(fresh_store, tmp_path, "a", "b", "c")
    tamper(fresh_store, "DELETE FROM audit_log WHERE seq = 3")
    with pytest.raises(AuditError, match="ends at #2 but its head"):
        add_reports(fresh_store, tmp_path, "d")
    assert any("entry #3 is missing" in m for m in problems(fresh_store))


def test_a_lost_head_is_adopted_only_over_an_intact_log(fresh_store: Store, tmp_path: Path) -> None:
    add_reports(fresh_store, tmp_path, "a", "b")
    fresh_store.audit.head_path.unlink()  # lost, the log untouched
    adopted = fresh_store.audit.adopt_head(fresh_store.engine)
    assert adopted is not None and adopted.seq == 2
    add_reports(fresh_store, tmp_path, "c")
    assert fresh_store.audit.verify(fresh_store.engine).ok
    tamper(fresh_store, "UPDATE audit_log SET reason = 'changed' WHERE seq = 1")
    fresh_store.audit.head_path.unlink()
    with pytest.raises(AuditError, match="does not verify"):
        fresh_store.audit.adopt_head(fresh_store.engine)
