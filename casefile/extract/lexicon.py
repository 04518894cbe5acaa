"""English word lists of evidence cues, certainty hedges and reporting verbs, as compiled
regular expressions keyed by vocabulary. (Incident triggers and their victim and object
words are data: extract/types/.)

Each pattern is general English of conflict reporting, not the wording of any one
source. Changing a list changes extraction: keep tests in tests/extract/test_cues.py.
"""

from __future__ import annotations

import re

from ..vocab import CERTAINTY, EVIDENCE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


# --- what material exists ----------------------------------------------------------
EVIDENCE_CUES: dict[str, re.Pattern[str]] = {
    EVIDENCE.DRONE_VIDEO: _rx(
        r"drone (?:footage|video|videos|recording)",
        r"(?:filmed|recorded|captured) (?:by|from|with) an? drones?",
        r"aerial (?:footage|video)",
        r"drone-(?:recorded|filmed|shot)",
    ),
    EVIDENCE.VIDEO: _rx(r"videos?", r"footage", r"filmed", r"video recording", r"clips?"),
    EVIDENCE.PHOTO: _rx(r"photos?", r"photographs?", r"photographed", r"pictures?", r"images?"),
    EVIDENCE.RADIO_INTERCEPT: _rx(
        r"intercept(?:s|ed)?",
        r"radio (?:communications?|transmissions?|messages?|conversations?|chatter)",
        r"recorded (?:phone )?conversations?",
    ),
    EVIDENCE.TESTIMONY: _rx(
        r"testimon(?:y|ies)",
        r"witness(?:es)?",
        r"eyewitness(?:es)?",
        r"survivors?",
        r"interview(?:s|ed)?",
        r"former (?:detainees|prisoners|captives|POWs)",
        r"told (?:Amnesty|HRW|Human Rights Watch|investigators|the UN|us|reporters|journalists)",
        r"recounted",
        r"accounts? (?:of|from|by)",
    ),
    EVIDENCE.FORENSIC: _rx(
        r"exhum(?:ed|ation|ations)",
        r"autops(?:y|ies)",
        r"forensic",
        r"mass graves?",
        r"gunshot wounds?",
        r"bore signs",
        r"signs of (?:torture|violence)",
        r"examin(?:ed|ation of) (?:the )?bodies",
        r"identified by DNA",
        r"DNA",
    ),
    EVIDENCE.DOCUMENTS: _rx(
        r"documents", r"lists of", r"records show", r"written orders?", r"logs?"
    ),
    EVIDENCE.SATELLITE_IMAGERY: _rx(
        r"satellite (?:images?|imagery|photos?|pictures?)", r"Maxar", r"Planet Labs"
    ),
    EVIDENCE.SOCIAL_MEDIA_POST: _rx(
        r"Telegram",
        r"social (?:media|networks?)",
        r"posted (?:online|on)",
        r"Twitter",
        r"VKontakte",
        r"YouTube",
        r"TikTok",
        r"X \(formerly Twitter\)",
        r"(?:milblogger|channel)s?",
        r"published online",
    ),
}

# --- how firmly ----------------------------------------------------------------------
HEDGE_CUES: dict[str, re.Pattern[str]] = {
    CERTAINTY.DISPUTED: _rx(
        r"denied",
        r"denies",
        r"deny",
        r"denying",
        r"disputed",
        r"disputes",
        r"rejected (?:the )?(?:claims?|accusations?|allegations?)",
        (
            r"(?:called|calls|dismissed) (?:it|this|the \w+|them)?\s?(?:as )?(?:a |an )?"
            r"(?:provocation|fake|staged|hoax|lie)"
        ),
        r"blamed (?:Ukraine|Kyiv|Ukrainian\w*|Russia|Moscow)",
        r"accused (?:Ukraine|Kyiv) of",
        # "the video was staged", not "staged mock executions" (a deed)
        r"(?:was|were|is|are|been|being) staged",
        r"fabricat\w+",
        r"provocation",
    ),
    CERTAINTY.ALLEGED: _rx(
        r"alleged(?:ly)?",
        r"reportedly",
        r"claim(?:s|ed)?",
        r"unverified",
        r"(?:could|can)(?: ?not)? (?:be )?(?:independently )?(?:verif\w+|confirm\w+)",
        r"not (?:been )?(?:independently )?(?:verified|confirmed)",
        r"possibl[ey]",
        r"purported(?:ly)?",
        r"suspected",
        r"may have",
        r"might have",
        r"presumably",
        r"likely",
        r"unconfirmed",
        r"rumou?rs?",
    ),
    CERTAINTY.CONFIRMED: _rx(
        r"confirmed",
        r"verified",
        r"established",
        r"documented",
        r"proven",
        r"geolocated",
        r"authenticated",
    ),
}

# --- who says so -------------------------------------------------------------------
# Verbs of telling: the date right after one says when something was told ("said on Monday").
_TELLING = (
    r"said",
    r"says",
    r"reported",
    r"reports",
    r"stated",
    r"announced",
    r"told",
    r"claimed",
    r"wrote",
    r"added",
    r"noted",
    r"confirmed",
    r"published",
    r"posted",
    r"informed",
)
REPORTING_VERB = _rx(*_TELLING, r"according to", r"citing", r"cited", r"concluded", r"found")
# ... and of making a text public ("a report released on Monday"); not "according to", after
# which the date is the act's
TOLD_VERB = _rx(*_TELLING, r"released", r"issued", r"aired")

# A state's armed institutions, named by their head noun ("the Sudanese army").
INSTITUTION_NOUNS = frozenset(["army", "military"])
# A seat of government named for the state that acts ("the Kremlin denies targeting homes"):
# the state (as an act's agent, its forces; as a speaker or a title, the state).
GOVERNMENT_SEATS = {"kremlin": "Russia", "bankova": "Ukraine"}

# A state's defence ministry, however it is spelt ("Ministry of Defence", "Defense Ministry",
# "MoD"): one alternation for the perpetrators' state bodies and the statements' speakers.
DEFENCE_MINISTRY_WORDS = r"(?i:defen[cs]e ministry|ministry of defen[cs]e|MoD)"
# Nouns of a state's offices that tell of what its forces did ("the Defence Ministry said it
# struck ..."): the forces did it, not the office.
STATE_OFFICE_NOUNS = frozenset(["ministry", "government", "office", "department", "staff"])
# Nouns of a state's bodies that speak for it when a nationality names whose ("the Syrian
# government", "Israel's military", "the Myanmar junta").
STATE_BODY_NOUNS = frozenset(
    [
        "army",
        "military",
        "government",
        "authorities",
        "junta",
        "regime",
        "ministry",
        "forces",
        "police",
        "navy",
        "embassy",
        "mission",
    ]
)

# Military ranks before a name, as the tagger takes them into it ("Sergeant <name>", "Lt.
# Col. <name>", "Major General <name>"): a rank is no part of a person's name.
MILITARY_RANK = re.compile(
    r"^(?:(?:(?:Lieutenant|Major|Brigadier|Colonel|Senior|Junior|Lance|Staff|Master|First|"
    r"Second|Maj\.|Lt\.)\s+)?"
    r"(?:Private|Pvt\.|Sergeant|Sgt\.|Corporal|Cpl\.|Lieutenant|Lt\.|Colonel|Col\.|"
    r"Major|Maj\.|Captain|Capt\.|General|Gen\.|Ensign|Warrant Officer|Commander)"
    r"(?:\s+(?:Colonel|Col\.|General|Gen\.))?\s+)+(?=[A-Z])"
)

# A claim the report's speaker rejects ("rejecting Moscow's claim that a Ukrainian missile was
# to blame", "dismissed suggestions that ..."): the verbs of rejecting and the nouns of a claim
# whose content they reject.
REJECTING_LEMMAS = frozenset(
    ["reject", "dismiss", "deny", "refute", "rebut", "contradict", "debunk", "undermine"]
)
CLAIM_NOUNS = frozenset(
    ["claim", "claims", "assertion", "allegation", "suggestion", "version", "narrative"]
)

# A meeting of parties: talks, a summit, an accord (nouns) and the verbs that hold, meet or
# sign one. A place in such a clause is where the parties met, not where an act told in
# another clause of the sentence happened ("talks were due in <city>, but were called off
# after <the act>").
MEETING_NOUNS = frozenset(
    [
        "talks",
        "negotiations",
        "meeting",
        "meetings",
        "summit",
        "conference",
        "dialogue",
        "accord",
        "accords",
        "agreement",
        "treaty",
    ]
)
MEETING_LEMMAS = frozenset(["meet", "convene", "negotiate", "sign"])

# Verbs whose subject undergoes the act, told in the active ("nine people lost their lives"):
# the subject is the victims, no doer.
UNDERGOING_LEMMAS = frozenset(["lose", "die", "perish"])

# A name of two or three capitalised words after a military rank ("Sergeant <first> <last>"):
# a person, where the tagger names none or only the surname; not a body the rank word
# opens ("General Staff", "Major Crimes Unit": a word of a body's name in it).
RANKED_NAME = re.compile(
    MILITARY_RANK.pattern.removeprefix("^")
    + r"(?P<name>[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){1,2})(?![\w'’-])"
)
BODY_WORDS = re.compile(
    r"\b(?:Staff|Command|Brigade|Regiment|Battalion|Division|Army|Forces|Corps|Fleet|"
    r"District|Group|Unit|Crimes|Directorate|Service|Guard|Guards|Court|Office)\b"
)

# A personal name as a list of people writes it: two or three capitalised words ("<first>
# <last>", "<first> <patronymic> <last>"), and the words between the items of such a list.
PERSON_NAME_SHAPE = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){1,2}")
LIST_JOINER = re.compile(r"\s*(?:,|,?\s+and)\s+|\s*,\s*")
# Words of an organisation's name besides a body's (``BODY_WORDS``): a name with one of them
# is no person's, even in a list of people ("<name> and Amnesty International").
ORGANISATION_WORDS = re.compile(
    r"\b(?:International|Ministry|Council|Committee|Commission|Agency|Bureau|Institute|"
    r"University|Party|Union|Front|Movement|Watch|Nations|News|Times|Post|Press|Network|"
    r"Media|Bank|Company|Corporation|Association|Federation|Foundation|Centre|Center|"
    r"Police|Department|Parliament|Assembly|Government|Church|Hospital|School|Republic|"
    r"Authority|Organi[sz]ation|Initiative|Project|Fund|Society|Mission)\b"
)
