"""The batched pipeline (``Pipeline.outcomes``): each document's results are those it gets
alone, whatever else is in its batch, and a document that fails fails alone."""

from __future__ import annotations

import gc
import json
import time
from typing import Any

import pytest

from casefile.errors import CasefileError
from casefile.extract import pipeline as pipeline_module
from casefile.extract.entities import ner_model
from casefile.extract.events import parser_model
from casefile.extract.pipeline import Pipeline
from casefile.extract.records import extract_lines
from casefile.model import Analysis, Document

# Our own reports, of several languages and lengths (one upper case, one empty).
TEXTS = [
    (
        "en",
        "Russian troops shelled a hospital in the town of Orikhiv on 12 May 2024, killing "
        "three nurses, the regional governor Ivan Fedorov said. "
        "The Ministry of Defence denied that its forces struck the hospital and called the "
        "reports fake. "
        "Prosecutors opened an investigation into the attack.",
    ),
    (
        "en",
        "A drone hit a bus near Kherson on Tuesday. Two passengers died and five were hurt, "
        "the police said.",
    ),
    (
        "en",
        "SOLDIERS OF THE ARMY KILLED FOUR FARMERS IN THE VILLAGE OF SAN PEDRO ON 3 APRIL, "
        "THE MAYOR SAID. THE COMMANDER ORDERED HIS MEN TO BURN THE HOUSES.",
    ),
    ("en", ""),
    (
        "uk",
        "Російські війська обстріляли школу в Харкові 5 березня 2024 року. Загинули двоє "
        "вчителів, повідомив голова обласної військової адміністрації Олег Синєгубов.",
    ),
    (
        "ru",
        "Украинские военные сообщили, что российские войска расстреляли трёх пленных возле "
        "Покровска 10 октября 2024 года.",
    ),
    (
        "en",
        "Diplomats met in Vienna to talk about grain exports. No agreement was reached. "
        "Talks will go on next week, a spokesman said.",
    ),
]


def documents() -> list[Document]:
    return [
        Document.from_text(text, name=f"d{k}", language=language, published="2024-06-01")
        for k, (language, text) in enumerate(TEXTS)
    ]


class FailOn:
    """A stage that wraps another and fails on one document, before or after it."""

    def __init__(self, inner: Any, bad: str) -> None:
        self.inner, self.bad = inner, bad
        self.name, self.requires, self.assigns = inner.name, inner.requires, inner.assigns

    def prepare(self, analyses: list[Analysis]) -> None:
        self.inner.prepare(analyses)

    def __call__(self, analysis: Analysis) -> None:
        if analysis.document.name == self.bad:
            raise IndexError("a bug this document meets")
        self.inner(analysis)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def records(results: list[Analysis | CasefileError]) -> list[Any]:
    return [
        json.dumps(r.to_record(), sort_keys=True) if isinstance(r, Analysis) else str(r)
        for r in results
    ]


def alone(pipeline: Pipeline, docs: list[Document]) -> list[Analysis | CasefileError]:
    out: list[Analysis | CasefileError] = []
    for doc in docs:
        try:
            out.append(pipeline(doc))
        except CasefileError as e:
            out.append(e)
    return out


@pytest.mark.parametrize("batch_size", [2, 3, 32])
def test_a_batch_gives_each_document_what_it_gets_alone(pipeline: Pipeline, batch_size) -> None:
    docs = documents()
    batched = list(pipeline.outcomes(docs, batch_size=batch_size))
    assert records(batched) == records(alone(pipeline, docs))
    assert all(isinstance(r, Analysis) for r in batched)
    assert any(r.incidents for r in batched if isinstance(r, Analysis))
    # the working state too: the same sentences parsed, to the same trees
    for got, own in zip(batched, alone(pipeline, docs), strict=True):
        assert isinstance(got, Analysis) and isinstance(own, Analysis)
        assert sorted(got.parses) == sorted(own.parses)
        for i, doc in got.parses.items():
            assert [(t.dep_, t.head.i, t.lemma_) for t in doc] == [
                (t.dep_, t.head.i, t.lemma_) for t in own.parses[i]
            ]
        assert got.ahead == {}


def test_a_failing_document_in_a_batch_loses_none_of_the_others(pipeline: Pipeline) -> None:
    docs = documents()
    entities = next(k for k, s in enumerate(pipeline.stages) if "entities" in s.name)
    stages = list(pipeline.stages)
    stages[entities] = FailOn(stages[entities], "d1")
    failing = Pipeline(stages, max_seconds=pipeline.max_seconds)
    batched = list(failing.outcomes(docs, batch_size=4))
    expected = alone(failing, docs)
    assert records(batched) == records(expected)
    assert isinstance(batched[1], CasefileError)
    assert "d1: stage casefile.entities.v11 failed (IndexError" in str(batched[1])
    assert [isinstance(r, Analysis) for r in batched] == [True, False, True, True, True, True, True]
    assert records([batched[0], *batched[2:]]) == records(alone(pipeline, docs[:1] + docs[2:]))


def test_pipe_raises_at_the_failing_document(pipeline: Pipeline) -> None:
    stages = [FailOn(s, "d2") if "entities" in s.name else s for s in pipeline.stages]
    got = []
    with pytest.raises(CasefileError, match=r"d2: stage casefile\.entities"):
        for analysis in Pipeline(stages).pipe(documents()):
            got.append(analysis.document.name)
    assert got == ["d0", "d1"]


def test_a_batch_reads_its_sentences_in_one_call_of_each_model(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [d for d in documents() if d.language == "en" and d.text]
    list(pipeline.outcomes(docs[:1]))  # models loaded
    calls = {"ner": 0, "parse": 0}
    for what, nlp in (("ner", ner_model(pipeline.stages[0].settings.model)),):
        real = nlp.pipe

        def counted(texts: Any, *args: Any, _what: str = what, _real: Any = real, **kw: Any):
            calls[_what] += 1
            return _real(texts, *args, **kw)

        monkeypatch.setattr(nlp, "pipe", counted)
    parser = parser_model(pipeline.stages[0].settings.model)
    real_parse = parser.pipe

    def parsed(texts: Any, *args: Any, **kw: Any):
        calls["parse"] += 1
        return real_parse(texts, *args, **kw)

    monkeypatch.setattr(parser, "pipe", parsed)
    list(pipeline.outcomes(docs, batch_size=len(docs)))
    # NER: one call for the batch; the parse: one for the statements' sentences and one for
    # the events' (an act's agent may ask for one more sentence on its own, later)
    assert calls["ner"] == 1
    assert 2 <= calls["parse"] <= 2 + len(docs)
    calls.update(ner=0, parse=0)
    for doc in docs:
        pipeline(doc)
    assert calls["ner"] == len(docs)


def test_extract_lines_reports_a_bad_line_alone_in_its_batch(pipeline: Pipeline) -> None:
    good = [json.dumps({"doc_id": f"d{k}", "text": TEXTS[k][1]}).encode() for k in (0, 1, 6)]
    lines = [good[0], b'{"doc_id": "broken", "text": ', good[1], b"", good[2]]
    got = list(extract_lines(lines, "in.jsonl", pipeline, batch_size=2))
    assert [r["doc_id"] for r, _ in got] == ["d0", "broken", "d1", "d6"]
    assert [p is None for _, p in got] == [True, False, True, True]
    assert "in.jsonl:2" in (got[1][1] or "")
    one_by_one = [
        pipeline(Document.from_text(TEXTS[k][1], name=f"d{k}", language="en")).to_record()
        for k in (0, 1, 6)
    ]
    assert [r for r, _ in got if "error" not in r] == one_by_one


class Slow:
    """A stage that takes a while on every document."""

    name = "test.slow.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, analysis: Analysis) -> None:
        time.sleep(0.1)


class Slower(Slow):
    name = "test.slower.v1"


def test_a_documents_budget_counts_its_own_time_not_its_batchs() -> None:
    docs = [Document.from_text(f"Report number {k}.", name=f"r{k}") for k in range(4)]
    results = list(Pipeline([Slow(), Slower()], max_seconds=0.35).outcomes(docs, batch_size=4))
    assert all(isinstance(r, Analysis) for r in results)
    assert all(0.15 < sum(r.timings.values()) < 0.35 for r in results if isinstance(r, Analysis))


def test_settling_the_process_changes_no_result(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "_settled", False)  # whatever ran before in the process
    docs = documents()
    before = records(list(pipeline.outcomes(docs, batch_size=3)))
    try:
        settled = records(list(pipeline.outcomes(docs, batch_size=3, settle=True)))
        assert gc.get_freeze_count() > 0  # the models' objects are out of the collector's way
    finally:
        gc.unfreeze()
    assert settled == before
