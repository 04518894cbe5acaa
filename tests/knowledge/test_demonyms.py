"""Countries and their demonyms."""

from __future__ import annotations

from casefile.knowledge.demonyms import demonym_of_code


def test_a_country_code_names_its_demonym() -> None:
    assert demonym_of_code("SD") == "Sudanese"
    assert demonym_of_code("UA") == "Ukrainian"
    assert demonym_of_code("XX") is None
