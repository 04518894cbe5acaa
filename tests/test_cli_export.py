"""``casefile export``: a format to standard output or a file, the filters honoured, nothing
written on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def db(stocked_sqlite, tmp_path: Path) -> str:
    return str(tmp_path / "stocked.db")  # where stocked_sqlite keeps its store


def test_export_to_stdout_with_filters(cli, db) -> None:
    r = cli("--db", db, "export", "--format", "geojson", "--type", "torture")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [f["properties"]["type"] for f in doc["features"]] == ["torture"]


def test_export_cases_to_a_file(cli, db, tmp_path) -> None:
    out = tmp_path / "cases.csv"
    r = cli("--db", db, "export", "--format", "csv", "--cases", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "5 cases" in r.stderr
    lines = out.read_text().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year") and len(lines) == 6


def test_a_failed_export_writes_nothing(cli, db, tmp_path) -> None:
    out = tmp_path / "kept.jsonl"
    out.write_text("earlier\n")
    r = cli("--db", db, "export", "--format", "jsonl", "--cases", "--out", str(out))
    assert r.returncode == 2 and "incidents only" in r.stderr
    assert "Traceback" not in r.stderr and out.read_text() == "earlier\n"
