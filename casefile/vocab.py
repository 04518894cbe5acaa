"""The closed vocabularies of the analysis format, each value with a label and a description.

Stage code refers to these constants, never to bare strings, so that a typo is an
AttributeError and docs can be generated from one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    description: str


class _Vocab:
    """A closed vocabulary: attribute access by upper-case name, iteration over terms.

    Each vocabulary below is a subclass that declares its upper-case names, so that the
    type checker knows them too (and catches a typo); ``__init__`` sets their values.
    """

    def __init__(self, name: str, *terms: Term) -> None:
        self.name = name
        self.terms = terms
        for t in terms:
            setattr(self, t.value.upper().replace("-", "_"), t.value)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, value: object) -> bool:
        return any(t.value == value for t in self.terms)

    @property
    def values(self) -> list[str]:
        return [t.value for t in self.terms]

    def label(self, value: str) -> str:
        return next((t.label for t in self.terms if t.value == value), value)


class _IncidentTypes(_Vocab):
    EXECUTION_OF_POWS: str
    KILLING_OF_CIVILIANS: str
    TORTURE: str
    SEXUAL_VIOLENCE: str
    ATTACK_ON_CIVILIANS: str
    UNLAWFUL_DETENTION: str
    DEPORTATION: str
    OTHER_VIOLATION: str


INCIDENT_TYPES = _IncidentTypes(
    "incident type",
    Term(
        "execution_of_pows",
        "Execution of POWs",
        "Killing of surrendering, captured or otherwise hors de combat combatants.",
    ),
    Term(
        "killing_of_civilians",
        "Killing of civilians",
        "Wilful killing of civilians outside combat.",
    ),
    Term(
        "torture",
        "Torture",
        "Torture, beatings or cruel treatment of detainees, POWs or civilians.",
    ),
    Term("sexual_violence", "Sexual violence", "Rape and other sexual violence."),
    Term(
        "attack_on_civilians",
        "Attack on civilians",
        "Strikes, shelling or drone attacks that hit civilians or civilian objects.",
    ),
    Term(
        "unlawful_detention",
        "Unlawful detention",
        "Enforced disappearance, hostage taking, unlawful confinement.",
    ),
    Term("deportation", "Deportation", "Deportation or forcible transfer, children included."),
    Term("other_violation", "Other violation", "Any other violation of the laws of war."),
)


class _VictimCategories(_Vocab):
    POW: str
    CIVILIAN: str
    UNKNOWN: str


VICTIM_CATEGORIES = _VictimCategories(
    "victim category",
    Term("pow", "Prisoners of war", "Captured, surrendering or hors de combat combatants."),
    Term("civilian", "Civilians", "People not taking part in hostilities."),
    Term("unknown", "Unknown", "The text does not say."),
)


class _Evidence(_Vocab):
    VIDEO: str
    DRONE_VIDEO: str
    PHOTO: str
    RADIO_INTERCEPT: str
    TESTIMONY: str
    FORENSIC: str
    DOCUMENTS: str
    SATELLITE_IMAGERY: str
    SOCIAL_MEDIA_POST: str


EVIDENCE = _Evidence(
    "evidence",
    Term("video", "Video", "Video footage other than drone footage."),
    Term("drone_video", "Drone video", "Footage filmed from a drone."),
    Term("photo", "Photo", "Photographs."),
    Term("radio_intercept", "Radio intercept", "Intercepted radio or phone communications."),
    Term("testimony", "Testimony", "Accounts of witnesses, survivors or former detainees."),
    Term("forensic", "Forensic", "Exhumations, autopsies, bodies examined, wounds described."),
    Term("documents", "Documents", "Orders, lists, records and other documents."),
    Term("satellite_imagery", "Satellite imagery", "Images taken from satellites."),
    Term("social_media_post", "Social media post", "Posts on Telegram, X, VK and the like."),
)


class _Certainty(_Vocab):
    CONFIRMED: str
    REPORTED: str
    ALLEGED: str
    DISPUTED: str


CERTAINTY = _Certainty(
    "certainty",
    Term("confirmed", "Confirmed", "Stated as established or verified."),
    Term("reported", "Reported", "Stated on a named source's word."),
    Term("alleged", "Alleged", "Claimed, possible, unverified, 'reportedly'."),
    Term("disputed", "Disputed", "Denied or contested in the text."),
)


class _ActorKinds(_Vocab):
    UNIT: str
    PERSON: str
    GROUP: str
    FORCE: str


ACTOR_KINDS = _ActorKinds(
    "actor kind",
    Term("unit", "Unit", "A military formation with a canonical name."),
    Term("person", "Person", "A named individual."),
    Term("group", "Group", "A named armed group (Wagner Group, Akhmat)."),
    Term("force", "Force", "A whole side's forces ('Russian forces')."),
)


class _StatementKinds(_Vocab):
    INCITEMENT: str
    ORDER: str
    HONOUR: str
    DENIAL: str


STATEMENT_KINDS = _StatementKinds(
    "statement kind",
    Term("incitement", "Incitement", "A public call to commit crimes."),
    Term("order", "Order", "An order to commit them, e.g. an intercepted radio order."),
    Term("honour", "Honour", "An award, honorific or public praise given to a unit or person."),
    Term("denial", "Denial", "A denial of a crime or of responsibility for it."),
)


class _Counted(_Vocab):
    VICTIMS: str
    CASES: str


COUNTED = _Counted(
    "counted",
    Term("victims", "Victims", "The figure counts people."),
    Term("cases", "Cases", "The figure counts incidents or investigations."),
)


class _Precisions(_Vocab):
    SETTLEMENT: str
    DISTRICT: str
    ADMIN1: str
    COUNTRY: str


PRECISIONS = _Precisions(
    "place precision",
    Term("settlement", "Settlement", "Coordinates of a city, town or village."),
    Term("district", "District", "Coordinates of a raion or district."),
    Term("admin1", "Region", "Coordinates of an oblast or first-level area."),
    Term("country", "Country", "Coordinates of a country."),
)


# Kinds of Mention that stages add to an Analysis.
class _MentionKinds(_Vocab):
    DATE: str
    PLACE: str
    UNIT: str
    ACTOR: str
    COUNT: str
    TRIGGER: str
    SUPPORT: str
    EVIDENCE: str
    HEDGE: str
    SOURCE: str
    PERSON: str


MENTION_KINDS = _MentionKinds(
    "mention kind",
    Term("date", "Date", "A date or interval, resolved against the publication date."),
    Term("place", "Place", "A toponym resolved to the gazetteer."),
    Term("unit", "Unit", "A military unit, canonicalised."),
    Term("actor", "Actor", "A force, group or person who may be a perpetrator."),
    Term("count", "Count", "A number of victims."),
    Term("trigger", "Trigger", "A word that signals an incident, with its type."),
    Term(
        "support",
        "Support",
        "A weaker cue (a strike on a civilian object, no casualty named) that can "
        "add to an incident another sentence reports.",
    ),
    Term("evidence", "Evidence", "A cue for a kind of evidence."),
    Term("hedge", "Hedge", "A cue for certainty."),
    Term("source", "Source", "A named source of an account."),
    Term("person", "Person", "A named person."),
)

ALL = (
    INCIDENT_TYPES,
    VICTIM_CATEGORIES,
    EVIDENCE,
    CERTAINTY,
    ACTOR_KINDS,
    STATEMENT_KINDS,
    COUNTED,
    PRECISIONS,
    MENTION_KINDS,
)

# -- serve (#5): who may do what, and where an analyst's review stands. Not analysis-format
# vocabularies, so not in ALL (whose terms docs/stages.md lists).


class _Roles(_Vocab):
    VIEWER: str
    ANALYST: str
    ADMIN: str


ROLES = _Roles(
    "role",
    Term("viewer", "Viewer", "Reads documents, incidents, cases, units and statistics."),
    Term(
        "analyst",
        "Analyst",
        "A viewer who also confirms, rejects and edits incidents and "
        "cases, merges and splits cases, enters incidents and exports.",
    ),
    Term("admin", "Administrator", "An analyst who also reads the audit log and manages users."),
)


class _ReviewStatus(_Vocab):
    UNREVIEWED: str
    CONFIRMED: str
    REJECTED: str


REVIEW_STATUS = _ReviewStatus(
    "review status",
    Term("unreviewed", "Unreviewed", "No analyst has judged it yet: the machine's values."),
    Term("confirmed", "Confirmed", "An analyst checked it against its sources."),
    Term("rejected", "Rejected", "An analyst found it wrong; it stays, marked, with the reason."),
)


# -- fuse (#11): how well a case is corroborated, a word apart from an incident's certainty
# and an analyst's review status (see casefile/fuse/corroboration.py).


class _Corroboration(_Vocab):
    STRONG: str
    FAIR: str
    WEAK: str
    CONTESTED: str
    SINGLE_SOURCE: str


CORROBORATION = _Corroboration(
    "corroboration",
    Term(
        "strong",
        "Strong",
        "Three or more independent origins, or two with one confirmed "
        "or backed by material (video, photos, forensic findings, documents).",
    ),
    Term("fair", "Fair", "Two independent origins."),
    Term("weak", "Weak", "Several reports that rest on one origin (they cite one another)."),
    Term("contested", "Contested", "A source denies or disputes it."),
    Term("single-source", "Single source", "Told by one document only."),
)
