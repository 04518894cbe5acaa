"""Upper-case documents: spaCy reads a mixed-case copy, every span points into the original."""

from __future__ import annotations

import pytest

from casefile.extract.events import AGENT, TIME, dateline_end
from casefile.extract.pipeline import Pipeline
from casefile.model import Analysis, Document


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline.from_settings()

    def run(text: str, published: str | None = "1990-03-10") -> Analysis:
        return pipeline(Document.from_text(text, name="t", published=published, language="en"))

    return run


def test_the_agent_of_an_upper_case_report_comes_from_the_parse(extract) -> None:
    a = extract("HONDURAN TROOPS SHELLED A SCHOOL IN CHOLUTECA, KILLING TWO CHILDREN.")
    # read as written, "HONDURAN TROOPS" is a proper name; in mixed case, a state's troops
    assert [p.name for i in a.incidents for p in i.perpetrators] == ["Honduran forces"]
    event = next(e for e in a.events if e.type == "attack_on_civilians")
    assert [m.text for m in event.of(AGENT)] == ["HONDURAN"]  # the original's letters
    assert all(a.text[m.start : m.end] == m.text for m in a.mentions)


def test_a_wire_dateline_with_a_date_is_not_the_date_of_the_act() -> None:
    assert dateline_end("QUITO, 4 FEB 90 (REUTER) -- [TEXT] A BOMB WENT OFF.") > 0
    assert dateline_end("MANAGUA (NICARAGUA), 2 MAR 89 (RADIO) -- ARMED MEN") > 0
    assert dateline_end("Quito, 4 Feb 90 (Reuter) -- [text] A bomb went off.") > 0
    assert dateline_end("The army said -- as it does -- nothing.") == 0


def test_the_filing_date_does_not_date_the_act(extract) -> None:
    a = extract(
        "QUITO, 4 FEB 90 (REUTER) -- [TEXT] SOLDIERS SHELLED A SCHOOL IN THE VILLAGE, "
        "KILLING TWO CHILDREN."
    )
    event = next(e for e in a.events if e.type == "attack_on_civilians")
    assert not event.of(TIME)


def test_a_common_word_is_no_place_in_capitals_unless_a_notable_one(extract) -> None:
    a = extract(
        "A BOMB DAMAGED A BANK IN COMFORT ON MONDAY. LATER A BUS WAS HIT IN LIMA. "
        "A THIRD BLAST SHOOK AN OFFICE IN THE CAPITAL."
    )
    assert [m.text for m in a.mentions_of("place")] == ["LIMA"]
    b = extract("A bomb damaged a bank in Comfort on Monday.")  # mixed case: the name stands
    assert [m.text for m in b.mentions_of("place")] == ["Comfort"]


def test_the_and_a_common_word_is_no_place_in_capitals(extract) -> None:
    a = extract("GUNMEN SHOT A DRIVER ON THE MAIN ROAD INTO THE CITY. A BUS WAS HIT IN LIMA.")
    assert [m.text for m in a.mentions_of("place")] == ["LIMA"]


def test_a_place_name_broken_by_a_line_wrap_is_one_name(extract) -> None:
    a = extract(
        "QUITO, 4 FEB 90 (REUTER) -- [TEXT] A CAR BOMB WENT OFF OUTSIDE A BANK IN SAN\n"
        "SALVADOR, KILLING A GUARD. THE POLICE CAME."
    )
    assert [m.value.name for m in a.mentions_of("place")] == ["Quito", "San Salvador"]
    assert [i.place.name for i in a.incidents if i.place] == ["San Salvador"]


def test_a_bare_name_known_only_as_a_hamlet_abroad_is_no_place_of_an_act() -> None:
    from casefile.extract.places import stray
    from casefile.model import Place

    hamlet = Place("Raoul", "US", precision="settlement")
    text = "Police chief Raoul said the gunmen fled."
    at = text.index("Raoul")
    assert stray(text, at, "Raoul", hamlet, "CO")
    assert not stray(text, at, "Raoul", hamlet, "US")  # the document's own country
    moved = "The gunmen fled to Raoul."
    assert not stray(moved, moved.index("Raoul"), "Raoul", hamlet, "CO")  # "to <place>"
    area = "Raoul Township officials said the gunmen fled."
    assert not stray(area, 0, "Raoul", hamlet, "CO")
    listed = "Two farms burned in the villages of Tarvia and Raoul."
    assert not stray(listed, listed.index("Raoul"), "Raoul", hamlet, "CO")
    name = "Shots were fired at Raoul Mendez as he left."  # introduced, but a name goes on
    assert stray(name, name.index("Raoul"), "Raoul", hamlet, "CO")
    city = Place("Manchester", "GB", precision="settlement")
    text = "Manchester said the gunmen fled."
    assert not stray(text, 0, "Manchester", city, "CO")  # a city of 500,000 stays


def test_a_bare_name_joined_by_a_hyphen_opens_a_compound_name() -> None:
    from casefile.extract.places import stray
    from casefile.model import Place

    hamlet = Place("Raoul", "US", precision="settlement")
    text = "A BLAST WAS HEARD AT THE RAOUL-PUNTA VERDE GAS LINE."  # a work named for its two ends
    assert stray(text, text.index("RAOUL"), "RAOUL", hamlet, "CO")


def test_an_upper_case_name_of_a_hamlet_abroad_does_not_place_the_act(extract) -> None:
    # "JOSE" is a hamlet in France to the gazetteer; here it opens a person's name that
    # names an airport, in a report whose places lie in Colombia
    a = extract(
        "BOGOTA, 4 SEP 89 (RADIO) -- [TEXT] GUNMEN KILLED TWO TAXI DRIVERS AT THE JOSE "
        "ANTONIO PINZON AIRPORT TODAY. THE MAYOR OF MEDELLIN AND THE GOVERNOR OF "
        "ANTIOQUIA CONDEMNED THE CRIME."
    )
    assert a.incidents
    assert all(i.place is None or i.place.country == "CO" for i in a.incidents)
