"""The language at ingest: detected, given by the document, overridden; a language casefile
cannot analyse is stored with a clear note and skipped by analyze."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casefile.analyze import analyze
from casefile.extract.pipeline import Pipeline
from casefile.extract.records import extract_lines
from casefile.ingest import ingest
from casefile.model import Analysis
from casefile.sources import Meta
from casefile.store import Store

UK = "Окупанти вдарили по селищу на Харківщині, загинули двоє мешканців, ще трьох поранено.\n"
RU = "Оккупанты ударили по посёлку, погибли двое жителей, еще трое получили ранения.\n"
DE = "Russische Truppen haben ein Dorf beschossen; zwei Bewohner wurden getötet.\n"


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = Store(str(tmp_path / "lang.db"))
    yield s
    s.close()


def test_the_language_is_detected_and_stored(store: Store, tmp_path: Path) -> None:
    (tmp_path / "uk.txt").write_text(UK, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    report = ingest(store, [str(tmp_path / "uk.txt"), str(tmp_path / "ru.txt")])
    stored = {d.name: store.view.get_document(d.id) for d in report.new}
    assert {n: d.language for n, d in stored.items() if d} == {"uk.txt": "uk", "ru.txt": "ru"}
    assert all(not d.notes for d in stored.values() if d)


def test_a_language_casefile_cannot_analyse_is_stored_with_a_clear_note(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "de.txt").write_text(DE, encoding="utf-8")
    (new,) = ingest(store, [str(tmp_path / "de.txt")]).new
    doc = store.view.get_document(new.id)
    assert doc is not None and doc.text == DE and doc.language == "de"
    (note,) = doc.notes
    assert "written in language 'de', which casefile cannot analyse" in note
    assert "ingest --language" in note


def test_analyze_skips_it_and_says_why(store: Store, tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(DE, encoding="utf-8")
    ingest(store, [str(tmp_path / "de.txt")])

    class NoPipeline:
        name = "never"

        def __call__(self, doc: Any) -> Any:
            raise AssertionError("a document casefile cannot analyse was analysed")

    report = analyze(store, NoPipeline())  # type: ignore[arg-type]
    assert report.analysed == 0
    (skipped,) = report.skipped
    assert skipped[0] == "de.txt" and "cannot analyse" in skipped[1]


def test_the_language_given_overrides_detection(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (new,) = ingest(store, [str(tmp_path / "a.txt")], Meta(language="uk")).new
    assert new.language == "uk"


def test_a_jsonl_line_gives_its_language_as_a_tag(store: Store, tmp_path: Path) -> None:
    lines = [{"doc_id": "a", "text": UK, "language": "ru-RU"}, {"doc_id": "b", "text": UK + "."}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    docs = {d.name: d.language for d in ingest(store, [str(tmp_path / "in.jsonl")]).new}
    assert docs == {"a": "ru", "b": "uk"}


def test_extract_jsonl_detects_the_language_of_a_line_that_gives_none() -> None:
    seen: list[str | None] = []

    class Recorder:  # a stage that notes each document's language
        name = "test.recorder.v1"
        requires: tuple[str, ...] = ()
        assigns: tuple[str, ...] = ()

        def __call__(self, analysis: Analysis) -> None:
            seen.append(analysis.document.language)

    lines = [
        json.dumps({"doc_id": "a", "text": RU}).encode(),
        json.dumps({"doc_id": "b", "text": UK, "language": "uk"}).encode(),
    ]
    list(extract_lines(lines, "in.jsonl", Pipeline([Recorder()])))
    assert seen == ["ru", "uk"]


@pytest.mark.slow
def test_cli_ingest_language_option_and_the_note(cli, tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    result = cli("ingest", "de.txt")
    assert result.returncode == 0, result.stderr
    assert "de.txt: written in language 'de', which casefile cannot analyse" in result.stderr
    forced = cli("ingest", "--language", "uk", "ru.txt")
    assert forced.returncode == 0, forced.stderr
    store = Store(str(tmp_path / "casefile.db"))
    try:
        langs = sorted(d.language or "" for d in store.view.iter_documents())
    finally:
        store.close()
    assert langs == ["de", "uk"]
