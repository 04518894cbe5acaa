"""Hostile text against extraction (#9): sentences bounded in length, a time budget per
document checked cooperatively, one document over it recorded as an error while the others
go on (in ``analyze`` and ``extract --jsonl``)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from casefile.analyze import analyze
from casefile.errors import BudgetError
from casefile.extract.pipeline import Pipeline, check_budget
from casefile.extract.records import extract_lines
from casefile.extract.sentences import split_sentences
from casefile.ingest import ingest
from casefile.model import Analysis, Document
from casefile.store import Store


class Dawdle:
    """A stage that loops for ever on a text holding "STALL", calling the budget as stages
    should; the module-level helper on odd turns, the Analysis's own on even ones."""

    name = "test.dawdle.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, analysis: Analysis) -> None:
        turn = 0
        while "STALL" in analysis.text:
            turn += 1
            check_budget() if turn % 2 else analysis.check_budget()
            time.sleep(0.0005)


def budgeted(seconds: float = 0.3) -> Pipeline:
    return Pipeline([Dawdle()], max_seconds=seconds)


def test_a_stalled_document_stops_at_its_budget() -> None:
    t0 = time.perf_counter()
    with pytest.raises(BudgetError, match=r"stall-doc: extraction stopped after .* test\.dawdle"):
        budgeted()(Document.from_text("STALL here", name="stall-doc"))
    assert time.perf_counter() - t0 < 3
    assert budgeted()(Document.from_text("fine")).timings["test.dawdle.v1"] < 0.3


def test_the_budget_holds_in_threads_each_its_own() -> None:
    results: dict[str, str] = {}

    def run(text: str) -> None:
        try:
            budgeted(0.5)(Document.from_text(text, name=text))
            results[text] = "done"
        except BudgetError:
            results[text] = "stopped"

    threads = [threading.Thread(target=run, args=(t,)) for t in ("STALL a", "quick b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == {"STALL a": "stopped", "quick b": "done"}


def test_analyze_records_the_document_and_goes_on(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "b.db"))
    (tmp_path / "in.jsonl").write_text(
        '{"doc_id": "stuck", "text": "STALL"}\n{"doc_id": "fine", "text": "A depot burned."}\n'
    )
    ingest(store, [str(tmp_path / "in.jsonl")])
    report = analyze(store, budgeted())
    assert report.analysed == 1
    assert [name for name, _ in report.failed] == ["stuck"]
    assert "over the budget" in report.failed[0][1]
    store.close()


def test_extract_answers_the_stalled_line_with_an_error() -> None:
    lines = [b'{"doc_id": "stuck", "text": "STALL"}', b'{"doc_id": "ok", "text": "fine"}']
    got = list(extract_lines(lines, "in.jsonl", budgeted()))
    assert [r["doc_id"] for r, _ in got] == ["stuck", "ok"]
    assert "over the budget" in got[0][0]["error"] and got[1][1] is None


@pytest.mark.parametrize(
    "text",
    [
        "(" * 40_000,  # quadratic in spaCy's tokenizer before #9: 27 s for 10,000
        "word " * 100_000,  # no sentence break
        "x" * 500_000,  # one 500 KB "word"
    ],
    ids=["brackets", "no-break", "one-word"],
)
def test_hostile_text_splits_fast_into_bounded_sentences(text: str) -> None:
    t0 = time.perf_counter()
    sentences = split_sentences(text, max_chars=2000)
    assert time.perf_counter() - t0 < 5
    assert max(len(s.text) for s in sentences) <= 2000
    assert all(text[s.start : s.end] == s.text for s in sentences)
    covered = sum(len(s.text.replace(" ", "")) for s in sentences)
    assert covered == len(text.replace(" ", ""))  # every word in exactly one sentence


class Broken:
    """A stage with a bug that only one text triggers."""

    name = "test.broken.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, analysis: Analysis) -> None:
        if "BUG" in analysis.text:
            raise IndexError("list index out of range")


def test_a_stage_failing_on_one_line_is_that_line_s_error() -> None:
    lines = [b'{"doc_id": "bad", "text": "BUG"}', b'{"doc_id": "ok", "text": "fine"}']
    got = list(extract_lines(lines, "in.jsonl", Pipeline([Broken()])))
    assert "stage test.broken.v1 failed (IndexError" in got[0][0]["error"]
    assert "error" not in got[1][0]
