"""User unit files in the store (#4): Writer.add_unit_file, View.iter_unit_files, migration 0004."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect

from casefile.errors import StoreError
from casefile.store import Store, resolve_url
from casefile.store.migrate import MIGRATIONS

MINE = (
    "- {name: 1st Test Battalion, type: motorized_rifle, echelon: battalion, affiliation: Russia}\n"
)
MORE = (
    "- {name: 2nd Test Battalion, type: motorized_rifle, echelon: battalion, affiliation: Russia}\n"
)


def test_files_are_kept_whole_in_load_order(fresh_store: Store) -> None:
    with fresh_store.writer(actor="user:ana") as w:
        assert w.add_unit_file("mine.yaml", MINE) == 1
        assert w.add_unit_file("more.yaml", MORE) == 2
    files = list(fresh_store.view.iter_unit_files())
    assert [(f.seq, f.name, f.content, f.loaded_by) for f in files] == [
        (1, "mine.yaml", MINE, "user:ana"),
        (2, "more.yaml", MORE, "user:ana"),
    ]
    assert files[0].sha256 == hashlib.sha256(MINE.encode()).hexdigest()
    assert files[0].loaded_at.endswith("+00:00")


def test_a_file_of_the_same_name_is_replaced_in_its_place(fresh_store: Store) -> None:
    with fresh_store.writer() as w:
        w.add_unit_file("mine.yaml", MINE)
        w.add_unit_file("more.yaml", MORE)
    with fresh_store.writer() as w:
        assert w.add_unit_file("mine.yaml", "[]\n") == 1
    files = list(fresh_store.view.iter_unit_files())
    assert [(f.seq, f.name, f.content) for f in files] == [
        (1, "mine.yaml", "[]\n"),
        (2, "more.yaml", MORE),
    ]


def test_a_failed_transaction_keeps_no_file(fresh_store: Store) -> None:
    with pytest.raises(StoreError), fresh_store.writer() as w:
        w.add_unit_file("mine.yaml", MINE)
        w.add_unit_file("more.yaml", MORE)
        w.add_user("ana", "analyst", "x")
        w.add_user("ana", "analyst", "x")  # a second user of the same name fails the batch
    assert list(fresh_store.view.iter_unit_files()) == []


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return resolve_url(str(tmp_path / "old.db"))
    return resolve_url(request.getfixturevalue("postgres_url"))


def test_a_store_of_revision_0003_gains_the_table(url: str) -> None:
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    assert "unit_files" not in inspect(engine).get_table_names()
    engine.dispose()
    with Store(url) as store:
        assert "unit_files" in inspect(store.engine).get_table_names()
        with store.writer() as w:
            w.add_unit_file("mine.yaml", MINE)
        assert [f.name for f in store.view.iter_unit_files()] == ["mine.yaml"]
