"""What extraction reads in the bundled example reports (casefile/examples, written by the
team from public facts): behaviours found by reading `make demo`'s output, pinned on the
reports themselves."""

from __future__ import annotations

from importlib.resources import files

import pytest

from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def example():
    pipeline = Pipeline.from_settings()

    def run(name: str, published: str) -> Analysis:
        text = (files("casefile") / "examples" / name).read_text(encoding="utf-8")
        return pipeline(Document.from_text(text, name=name, published=published))

    return run


def test_a_side_named_only_in_a_claim_is_not_the_doer(example) -> None:
    """ISW: the ministry "repeated its claim that Ukrainian forces fired the Tochka-U missile";
    the report names Russian forces outright (Assembler.claimed)."""
    a = example("isw-2022-04-19-assessment.md", "2022-04-19")
    kramatorsk = [i for i in a.incidents if i.place and i.place.name == "Kramatorsk"]
    assert [[p.name for p in i.perpetrators] for i in kramatorsk] == [["Russian forces"]]
