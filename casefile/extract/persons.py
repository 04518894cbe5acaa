"""Persons: people named in the document, merged by surname, with a title where stated."""

from __future__ import annotations

import re

from .. import registry
from ..model import Analysis, Person
from ..resolve.names import same_person
from .base import BaseStage
from .lexicon import GOVERNMENT_SEATS

TITLE_WORDS = (
    r"President|Prime Minister|Minister|Prosecutor General|Prosecutor|Governor|Commander|General|"
    r"Colonel|Lieutenant|Major|Captain|Sergeant|Chief|Head|Director General|Director|"
    r"Secretary-General|Secretary General|Secretary|Spokes(?:wo)?man|spokes(?:wo)?man|Ombudsman|"
    r"Commissioner|Mayor|Deputy|Chairman|Chair|Ambassador|Defense Minister|Foreign Minister|"
    r"Interior Minister|activist|journalist|blogger|milblogger|analyst|lawyer|researcher|Patriarch|"
    r"Senator|Representative|leader|official"
)
# "Prosecutor General Andrii Kostin", "Dnipropetrovsk Oblast Governor Valentyn Reznichenko"
TITLE_BEFORE = re.compile(
    rf"((?:[A-Z][\w'’.-]+\s+){{0,4}}(?:{TITLE_WORDS})(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]+\s*){{1,4}})?)\s*,?\s*$"
)
# "Belkis Wille, associate crisis and conflict director at Human Rights Watch,"
TITLE_AFTER = re.compile(
    rf"^\s*,\s+((?:the\s+|a\s+|an\s+)?[^,.;]{{0,60}}?\b(?:{TITLE_WORDS})\b[^,.;]{{0,60}})[,.;]"
)
AFFILIATIONS = {
    "Ukrain": "Ukraine",
    "Russia": "Russia",
    "Kyiv": "Ukraine",
    "UN": "UN",
    "United Nations": "UN",
    "Amnesty": "Amnesty International",
    "Human Rights Watch": "Human Rights Watch",
    "Wagner": "Wagner Group",
}
# A seat of government in a title ("Kremlin spokesman") is its state.
AFFILIATIONS.update({seat.capitalize(): state for seat, state in GOVERNMENT_SEATS.items()})
NOT_PEOPLE = re.compile(
    r"^(?:Telegram|Facebook|Twitter|Glory|Azov|Azovstal|God|Iskander|Kh-|Tochka|"
    r"Storm|Shahed|HIMARS|Kyiv|Moscow)",
    re.I,
)


@registry.stages.register("casefile.persons.v6")
class Persons(BaseStage):
    """People named in the text, each once, with title and affiliation where stated."""

    name = "casefile.persons.v6"
    requires = ("mentions.person",)
    assigns = ("persons",)

    def __call__(self, analysis: Analysis) -> None:
        mentions = [m for m in analysis.mentions if m.kind == "person"]
        mentions.sort(key=lambda m: m.start)
        by_name: dict[str, Person] = {}
        for m in mentions:
            # a language pack gives the English name of a name in another script
            english = getattr(m.value, "name", None)
            name = english or re.sub(r"['’]s$", "", m.text.strip(" ,.;:\"'“”"))
            if not name or NOT_PEOPLE.match(name) or not name[0].isupper():
                continue
            key = _key(name, by_name)
            person = by_name.get(key)
            if person is None:
                person = by_name[key] = Person(name)
            elif len(name) > len(person.name) and name.endswith(person.name.split()[-1]):
                person.name = name
            person.spans.append((m.start, m.end))
            if person.title is None:
                before = analysis.text[max(0, m.start - 80) : m.start]
                after = analysis.text[m.end : m.end + 130]
                t = TITLE_BEFORE.search(before) or TITLE_AFTER.search(after)
                if t:
                    person.title = " ".join(t.group(1).split()).strip(" ,")
            if person.affiliation is None and person.title:
                person.affiliation = next(
                    (v for k, v in AFFILIATIONS.items() if k in person.title), None
                )
        analysis.persons.extend(by_name.values())


def _key(name: str, known: dict[str, Person]) -> str:
    """Surname key: 'Kostin' and 'Andrii Kostin' are one person, and so are spellings of one
    name ('Zelensky', 'Zelenskyy'; resolve/names.py); 'Sergei Kostin' is another."""
    surname = name.split()[-1].lower()
    for k, person in known.items():
        if same_person(name, person.name):
            return k
    return surname if surname not in known else name.lower()
