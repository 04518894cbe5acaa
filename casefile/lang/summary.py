"""An English summary of an incident read from a text in another language.

The summary of an English report is its first sentence; a Ukrainian or Russian report's
first sentence would leave an English reader with nothing, so its summary is written
from the incident's fields, which are English already (type, place, date, count,
perpetrators), and says which language the source is in: "Attack on civilians in Hroza
(Kharkiv Oblast) on 2023-10-05: 49 civilians killed; perpetrators: Russian forces
(source in Ukrainian)." Every span still points into the original text.
"""

from __future__ import annotations

from ..model import Incident
from ..vocab import INCIDENT_TYPES, VICTIM_CATEGORIES

__all__ = ["english_summary"]

# Victims by category, singular and plural.
_VICTIMS = {
    VICTIM_CATEGORIES.CIVILIAN: ("civilian", "civilians"),
    VICTIM_CATEGORIES.POW: ("prisoner of war", "prisoners of war"),
}
# What befell the counted victims, by incident type (else nothing is said of them).
_FATE = {
    INCIDENT_TYPES.EXECUTION_OF_POWS: "killed",
    INCIDENT_TYPES.KILLING_OF_CIVILIANS: "killed",
    INCIDENT_TYPES.ATTACK_ON_CIVILIANS: "killed",
    INCIDENT_TYPES.TORTURE: "tortured",
    INCIDENT_TYPES.UNLAWFUL_DETENTION: "detained",
    INCIDENT_TYPES.DEPORTATION: "deported",
}


def english_summary(incident: Incident, language: str) -> str:
    """One English sentence of the incident's fields; ``language`` is the source's (its
    English name, e.g. "Ukrainian")."""
    parts = [INCIDENT_TYPES.label(incident.type)]
    place = incident.place
    if place is not None and place.name:
        where = place.name
        if place.admin1 and place.admin1 != place.name:
            where += f" ({place.admin1})"
        parts.append(f"in {where}")
    date = incident.date
    if date is not None and (date.start or date.end):
        if date.start and date.end and date.start != date.end:
            parts.append(f"between {date.start} and {date.end}")
        else:
            day = date.start or date.end or ""
            parts.append(f"on {day}" if len(day) == 10 else f"in {day}")  # "in 2024-03"
    text = " ".join(parts)
    count = incident.count.best if incident.count else None
    if count is not None:
        one, many = _VICTIMS.get(incident.victim_category, ("victim", "victims"))
        victims = f"{count} {one if count == 1 else many}"
        fate = _FATE.get(incident.type)
        text += f": {victims} {fate}" if fate else f": {victims}"
    if incident.perpetrators:
        text += "; perpetrators: " + ", ".join(p.name for p in incident.perpetrators)
    return f"{text} (source in {language})."
