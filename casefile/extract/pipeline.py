"""The extraction Pipeline: registered stages run in order over one Analysis.

Each stage is a small object with one job, found in ``registry.stages`` by a
versioned name, declaring what it ``requires`` and ``assigns``; the pipeline checks
the order when it is built. Stages pass casefile's own Analysis, not a spaCy Doc:
most stages are regular expressions and lexicons over sentences, and spaCy is run
only where it pays (the ``entities`` stage, on sentences that can hold a fact), so
the Analysis stays cheap to build, to test by hand and to serialise.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from .. import registry
from ..config import Settings
from ..errors import BudgetError, CasefileError, ConfigError, StageError
from ..knowledge.orbat import Orbat
from ..model import Analysis, Document

VERSION = "casefile-extract/1"


@dataclass
class Budget:
    """One document's extraction budget: ``seconds`` of time (0: none), checked
    cooperatively between stages and inside long loops (``check``), so that it works the
    same in threads and in Dask workers, where nothing can be interrupted from outside."""

    seconds: float = 0.0
    document: str = ""
    started: float = field(default_factory=time.perf_counter)
    stage: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    _calls: int = 0
    _spent: float = 0.0  # while paused (``pause``): the time used so far
    _charged: float = 0.0  # work done for it in a batch (``charge``), not yet in ``timings``

    def check(self) -> None:
        """BudgetError once the time is spent (reads the clock every 64th call: cheap)."""
        self._calls += 1
        if not self.seconds or self._calls % 64:
            return
        self.check_now()

    def pause(self) -> None:
        """Stop the clock: a batch (``Pipeline.outcomes``) runs other documents' stages now."""
        self._spent = time.perf_counter() - self.started

    def resume(self) -> None:
        """Start the clock again where ``pause`` stopped it."""
        self.started = time.perf_counter() - self._spent

    def charge(self, seconds: float) -> None:
        """Count ``seconds`` of work done for this document inside a batch (its share of one
        spaCy call over several documents' sentences) while its clock is paused."""
        self._spent += seconds
        self._charged += seconds

    def take_charged(self) -> float:
        charged, self._charged = self._charged, 0.0
        return charged

    def check_now(self) -> None:
        spent = time.perf_counter() - self.started
        if self.seconds and spent > self.seconds:
            raise BudgetError(
                f"{self.document}: extraction stopped after {spent:.1f} s in {self.stage}, "
                f"over the budget of {self.seconds:g} s per document "
                "(the max_seconds_per_document setting); the document is left unanalysed"
            )


_current: ContextVar[Budget | None] = ContextVar("casefile_budget", default=None)


def check_budget() -> None:
    """``Budget.check`` of the document being extracted in this thread or task, for code that
    has no Analysis at hand (a helper deep inside a stage); a no-op outside a pipeline."""
    budget = _current.get()
    if budget is not None:
        budget.check()


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> None: ...


# Documents a batch of ``Pipeline.outcomes`` holds: the stages run over all of them in turn,
# and a stage that calls spaCy reads all of their sentences in one call (``prepare``).
BATCH_SIZE = 32


@dataclass
class Pipeline:
    stages: list[Stage]
    max_seconds: float = 0.0  # per document; 0: no limit (Settings.max_seconds_per_document)

    @classmethod
    def from_settings(
        cls, settings: Settings | None = None, orbat: Orbat | None = None
    ) -> Pipeline:
        """The stages ``settings`` name, in order. ``orbat`` is the order of battle for the
        stages that read one (default: the built-in one), e.g. a store's with the user's unit
        files (``casefile.units.load_orbat``); extraction itself keeps no state."""
        settings = settings or Settings()
        _load_builtin_stages()
        stages = [_make_stage(name, settings, orbat) for name in settings.stages]
        pipeline = cls(stages, max_seconds=settings.max_seconds_per_document)
        pipeline.check()
        return pipeline

    @property
    def name(self) -> str:
        return VERSION + ":" + ",".join(s.name for s in self.stages)

    def check(self) -> None:
        """Every stage's requirements are assigned by an earlier stage."""
        have: set[str] = set()
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise ConfigError(
                    f"stage {stage.name} requires {', '.join(missing)}, which no earlier stage "
                    "assigns: change the order of 'stages'"
                )
            have.update(stage.assigns)

    def __call__(self, document: Document) -> Analysis:
        """The document's Analysis; BudgetError if it runs past its time budget."""
        # 1. a fresh Analysis for the document, with its budget
        analysis = self._start(document)
        # 2. every stage in order adds mentions, then facts; the budget is checked between
        #    stages and wherever a stage's loops call check_budget()
        for stage in self.stages:
            self._run_stage(stage, analysis)
        # 3. facts in document order, so output is stable
        return self._finish(analysis)

    def pipe(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """The Analysis of each document in turn (batched as ``outcomes``); the first
        document that fails raises its error."""
        for result in self.outcomes(documents):
            if isinstance(result, Analysis):
                yield result
            else:
                raise result

    def outcomes(
        self, documents: Iterable[Document], batch_size: int = BATCH_SIZE, settle: bool = False
    ) -> Iterator[Analysis | CasefileError]:
        """For each document in order, its Analysis or the error that stopped it (what
        ``__call__`` would have raised), the same as ``__call__`` gives document by document.

        The documents are read ``batch_size`` at a time (memory holds one batch, whatever
        the input's length). A stage with a ``prepare(analyses)`` method is first handed the
        batch's documents, to read with spaCy in one call what each document's own run will
        ask for (the fixed cost of a call, and the model's matrix products on a few rows,
        shared); then each document runs it and the stages after it, up to the next one
        that prepares. What a stage's own run finds prepared it takes, and reads the rest
        itself: the results are each document's own, and a document that fails drops out
        of the batch alone.

        ``settle``: after the first batch (the models and tables loaded), the process's
        objects are moved out of the garbage collector's sight (``settle_process``), for a
        process that runs extraction (the CLI, ``analyze``, a Dask worker)."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._batch(batch, settle)
                batch = []
        if batch:
            yield from self._batch(batch, settle)

    def _batch(self, documents: list[Document], settle: bool) -> list[Analysis | CasefileError]:
        analyses = [self._start(document) for document in documents]
        results: list[Analysis | CasefileError] = list(analyses)
        for analysis in analyses:
            analysis.budget.pause()
        for first, *rest in self._segments():
            live = [a for a, r in zip(analyses, results, strict=True) if r is a]
            prepare = getattr(first, "prepare", None)
            if prepare is not None and len(live) > 1:
                # a look-ahead only: each document's own run reads what was not prepared,
                # and meets and reports its own failure
                with contextlib.suppress(Exception):
                    prepare(live)
            # each document through the stages up to the next one that prepares, in a row
            # (what a stage caches of a document's sentences is still there for the next)
            for k, analysis in enumerate(analyses):
                if results[k] is not analysis:
                    continue
                analysis.budget.resume()
                try:
                    for stage in (first, *rest):
                        self._run_stage(stage, analysis)
                        analysis.ahead.clear()
                except CasefileError as e:
                    results[k] = e
                finally:
                    analysis.budget.pause()
                    analysis.ahead.clear()
        if settle:
            settle_process()
        return [r if isinstance(r, CasefileError) else self._finish(r) for r in results]

    def _segments(self) -> list[list[Stage]]:
        """The stages in runs that each start with the first stage or one that prepares a
        batch (``prepare``): the points where a batch's documents wait for each other."""
        out: list[list[Stage]] = []
        for stage in self.stages:
            if not out or hasattr(stage, "prepare"):
                out.append([stage])
            else:
                out[-1].append(stage)
        return out

    def _start(self, document: Document) -> Analysis:
        budget = Budget(self.max_seconds, document.ref)
        return Analysis(document=document, extractor=self.name, budget=budget)

    def _run_stage(self, stage: Stage, analysis: Analysis) -> None:
        """One stage over one document, inside the document's budget; an error that is not
        casefile's own is the stage's, said so (the per-document boundary of a stage)."""
        budget = analysis.budget
        token = _current.set(budget)
        try:
            budget.stage = stage.name
            t0 = time.perf_counter()
            try:
                stage(analysis)
            except CasefileError:
                raise
            except Exception as e:
                raise StageError(
                    f"{analysis.document.ref}: stage {stage.name} failed ({type(e).__name__}: "
                    f"{str(e)[:200]}); the document is left unanalysed"
                ) from e
            budget.timings[stage.name] = time.perf_counter() - t0 + budget.take_charged()
            budget.check_now()
        finally:
            _current.reset(token)

    @staticmethod
    def _finish(analysis: Analysis) -> Analysis:
        analysis.memo.clear()
        analysis.incidents.sort(key=lambda i: i.spans[0] if i.spans else (0, 0))
        return analysis


_settled = False


def settle_process() -> None:
    """Once per process: collect, then move every object the process holds to the garbage
    collector's permanent generation (``gc.freeze``). The models, the gazetteer and the
    tables loaded for extraction are hundreds of thousands of objects that live as long as
    the process; each full collection walked them all again (a few per cent of extraction's
    CPU time). Objects made later are collected as before."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()


def _load_builtin_stages() -> None:
    """Importing the stage modules registers them (the same door plugins use)."""
    from . import stages  # noqa: F401


def _make_stage(name: str, settings: Settings, orbat: Orbat | None = None) -> Stage:
    """Build the stage registered as ``name``. The registry types factories as plain
    callables (a plugin may register any), so the result is cast to the Stage protocol.

    A factory with an ``orbat`` parameter (the units stage) is handed the pipeline's order of
    battle, as spaCy hands ``nlp`` to the factories that name it; the others never see it.
    """
    factory = registry.stages.get(name)
    if orbat is not None and "orbat" in inspect.signature(factory).parameters:
        return cast(Stage, factory(settings, orbat=orbat))
    return cast(Stage, factory(settings))


def stage_info() -> list[dict[str, Any]]:
    """Name, requires, assigns and doc of every registered stage (for docs and tests)."""
    _load_builtin_stages()
    settings = Settings()
    out = []
    for name in registry.stages.names():
        s = _make_stage(name, settings)
        doc = (registry.stages.get(name).__doc__ or "").strip().splitlines()
        out.append(
            {
                "name": name,
                "requires": list(s.requires),
                "assigns": list(s.assigns),
                "doc": doc[0] if doc else "",
            }
        )
    return out
