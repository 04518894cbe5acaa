"""Fixtures of the language-pack tests."""

from __future__ import annotations

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    """``extract(text, language, published)``: the configured pipeline's Analysis."""
    pipeline = Pipeline.from_settings()

    def run(text: str, language: str, published: str) -> Analysis:
        doc = Document.from_text(text, name="t", published=published, language=language)
        return pipeline(doc)

    return run
