"""Fixtures of the extraction tests: one English pipeline for the session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.fixture(scope="session")
def english(pipeline: Pipeline) -> Callable[..., Analysis]:
    """``english(text, published="2025-02-10")``: the analysis of an English text."""

    def run(text: str, published: str = "2025-02-10") -> Analysis:
        return pipeline(Document.from_text(text, name="t", published=published, language="en"))

    return run
