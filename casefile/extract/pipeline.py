"""The extraction Pipeline: registered stages run in order over one Analysis.

Each stage is a small object with one job, found in ``registry.stages`` by a
versioned name, declaring what it ``requires`` and ``assigns``; the pipeline checks
the order when it is built. Stages pass casefile's own Analysis, not a spaCy Doc:
most stages are regular expressions and lexicons over sentences, and spaCy is run
only where it pays (the ``entities`` stage, on sentences that can hold a fact), so
the Analysis stays cheap to build, to test by hand and to serialise.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, cast

from .. import registry
from ..config import Settings
from ..errors import ConfigError
from ..knowledge.orbat import Orbat
from ..model import Analysis, Document

VERSION = "casefile-extract/1"


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> None: ...


@dataclass
class Pipeline:
    stages: list[Stage]

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
        pipeline = cls(stages)
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
        # 1. a fresh Analysis for the document
        analysis = Analysis(document=document, extractor=self.name)
        # 2. every stage in order adds mentions, then facts
        for stage in self.stages:
            stage(analysis)
        # 3. facts in document order, so output is stable
        analysis.incidents.sort(key=lambda i: i.spans[0] if i.spans else (0, 0))
        return analysis

    def pipe(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for doc in documents:
            yield self(doc)


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
