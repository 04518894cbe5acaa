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


def test_ingest_records_restores_an_export(cli, db, tmp_path) -> None:
    out = tmp_path / "all.jsonl"
    assert cli("--db", db, "export", "--format", "jsonl", "--out", str(out)).returncode == 0
    restored = str(tmp_path / "restored.db")
    r = cli("--db", restored, "ingest", "--records", str(out))
    assert r.returncode == 0, r.stderr
    assert "4 documents, 5 incidents, 0 reviews restored" in r.stdout
    again = cli("--db", restored, "export", "--format", "jsonl")
    assert again.stdout == out.read_text()


def test_ingest_records_refuses_an_input_document(cli, db, tmp_path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"doc_id": "a", "text": "Some report."}\n')
    r = cli("--db", str(tmp_path / "new.db"), "ingest", "--records", str(path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{path}:1: not a line of a casefile jsonl export" in r.stderr


def test_ingest_acled_enters_rows(cli, db, tmp_path) -> None:
    out = tmp_path / "events.csv"
    assert cli("--db", db, "export", "--format", "csv", "--out", str(out)).returncode == 0
    r = cli("--db", str(tmp_path / "entered.db"), "ingest", "--acled", str(out))
    assert r.returncode == 0, r.stderr
    assert "5 incidents entered, 0 rows rejected" in r.stdout


def test_brief_writes_markdown_with_its_images(cli, db, tmp_path) -> None:
    r = cli("--db", db, "brief", "--type", "execution_of_pows", "--out", str(tmp_path / "b.md"))
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "b.md").read_text()
    assert text.count("execution of POWs") == 2 and "](b.timeline.png)" in text
    assert (tmp_path / "b.map.png").read_bytes()[:4] == b"\x89PNG"


def test_brief_without_a_pdf_maker_says_so_and_writes_the_others(cli, db, tmp_path) -> None:
    missing = {"CASEFILE_CHROMIUM": str(tmp_path / "none")}
    r = cli("--db", db, "brief", "--out", str(tmp_path / "b.pdf"), env=missing)
    assert r.returncode == 1 and "no PDF maker installed" in r.stderr
    assert (tmp_path / "b.html").exists() and (tmp_path / "b.md").exists()
    assert not (tmp_path / "b.pdf").exists()


def test_export_filters_by_review_status(cli, db) -> None:
    r = cli(
        "--db",
        db,
        "export",
        "--format",
        "geojson",
        "--status",
        "unreviewed",
        "--status",
        "confirmed",
    )
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["features"]) == 5
    r = cli("--db", db, "export", "--format", "geojson", "--status", "approved")
    assert r.returncode == 2 and "not a review status" in r.stderr
