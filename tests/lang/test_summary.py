"""The English summary of an incident read from a Ukrainian or Russian text."""

from __future__ import annotations

from casefile.lang import get_pack
from casefile.lang.summary import english_summary
from casefile.model import Actor, Count, DateRange, Incident, Place


def test_the_summary_is_written_in_english_from_the_fields() -> None:
    inc = Incident(
        "attack_on_civilians",
        date=DateRange("2024-05-02", "2024-05-02"),
        place=Place(name="Kharkiv", admin1="Kharkiv Oblast"),
        victim_category="civilian",
        count=Count(best=1),
        perpetrators=[Actor("Russian forces", "force")],
    )
    assert english_summary(inc, "Russian") == (
        "Attack on civilians in Kharkiv (Kharkiv Oblast) on 2024-05-02: 1 civilian killed; "
        "perpetrators: Russian forces (source in Russian)."
    )
    bare = Incident("torture", date=DateRange("2022-03", "2022-03"))
    assert english_summary(bare, "Ukrainian") == "Torture in 2022-03 (source in Ukrainian)."


def test_each_pack_says_how_it_summarises() -> None:
    inc = Incident("torture", victim_category="pow", count=Count(best=3))
    assert get_pack("en").summary(inc, "The sentence.") == "The sentence."
    assert get_pack("uk").summary(inc, "Речення.") == (
        "Torture: 3 prisoners of war tortured (source in Ukrainian)."
    )
