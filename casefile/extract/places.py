"""Places: toponyms found by the gazetteer and resolved with the document as context.

Resolution is document-level: names that are unambiguous are resolved first and
then help to choose among the candidates of the others (Kursk near Sudzha is the
oblast's city, not a namesake elsewhere).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS

from .. import registry
from ..knowledge.demonyms import demonym_nouns, demonym_of_code
from ..knowledge.gazetteer import Candidate, Gazetteer, fold, name_key
from ..lang import get_pack
from ..model import Analysis, Mention, Place
from ..resolve.geocode import geocode_all
from .base import BaseStage
from .lexicon import INSTITUTION_NOUNS
from .truecase import is_english_word
from .truecase import shouting as is_shouting
from .types import concepts


@registry.stages.register("casefile.places.v10")
class Places(BaseStage):
    """Find toponyms (any case form, by language pack) and geocode them with a precision."""

    name = "casefile.places.v10"
    requires = ("sentences", "mentions.date")
    assigns = ("mentions.place",)

    def __call__(self, analysis: Analysis) -> None:
        shouting = is_shouting(analysis.text)
        found: list[tuple[int, int, str, int]] = []
        named: set[tuple[int, int]] = set()  # names a settlement word introduces
        # the country the places of each language's sentences lie in (LanguagePack.
        # document_country: "в Николаеве" in a report about Ukraine is Mykolaiv)
        languages: dict[str | None, list[str]] = {}
        for i, s in enumerate(analysis.sentences):
            languages.setdefault(analysis.language_of(i), []).append(s.text)
        lands = {code: get_pack(code).document_country(texts) for code, texts in languages.items()}
        for i, s in enumerate(analysis.sentences):
            # the toponyms of the sentence's language (English: Gazetteer.find)
            language = analysis.language_of(i)
            pack = get_pack(language)
            # (a name broken by a line wrap, "San\nSalvador", is one name: the sentences
            # stage reads a wrapped paragraph's line breaks as spaces, Analysis.reading)
            flat = s.text
            here = [
                (s.start + a, s.start + b, name, i)
                for a, b, name in pack.toponyms(flat, lands[language])
                # in upper-case wire text "HAD", "TOOK" and surnames look like names
                if (not shouting or _placed(flat, a, name))
                and not _given_name(flat, b, name)
                and not _speaker_tag(flat, a, b)
                and not DESIGNATION.match(flat, b)  # "Mi-8", "Su-25": a model of craft
                # a nationality word is no place, though a town abroad may be spelt like it
                and name.strip().lower() not in demonym_nouns()
            ]
            found += _whole_names(here, flat, s.start, i, named, self._words_only)
        if shouting:  # "IN DOWNTOWN", "THE CITY": common words, unless a notable place
            found = [f for f in found if not self._common_word(f[2])]
        # a name inside a date is its month or day ("Jan. 9", "Mar 3"), no place
        dates = [(m.start, m.end) for m in analysis.mentions if m.kind == "date"]
        found = [f for f in found if not any(a <= f[0] < b for a, b in dates)]
        if not found:
            return
        # resolved together: each name in the light of the document's others
        places = geocode_all(
            [name for _, _, name, _ in found],
            analysis.text,
            spans=[(a, b) for a, b, _, _ in found],
            fill_unknown=False,
            areas=_stated_areas(analysis, found),
        )
        for k in _venue_names(analysis.text, found, places, analysis.language_of):
            places[k] = None
        # "the <name> music festival": an event's name, unless the gazetteer knows the name
        # as a town's ("the <city> book festival")
        events = {
            k
            for k, (f, p) in enumerate(zip(found, places, strict=True))
            if (p is None or p.precision != "settlement")
            and _event_name(analysis.text, f, analysis.language_of(f[3]))
        }
        places = _without_strays_abroad(found, places)
        for k, ((start, end, name, i), place) in enumerate(zip(found, places, strict=True)):
            if k in events:
                continue
            # the geocoder put a name it lacks at its region's or country's centre
            fallback = place is not None and place.geonameid is None and place.precision in CENTRES
            if (place is None or fallback) and (start, end) in named:
                # "the town of <name>" the gazetteer lacks: a settlement by the text's word,
                # in the country the sentence names ("..., in Burkina Faso"), not on the map
                country = place.country if place else _country_after(places, found, i, end)
                place = Place(name, country, precision="settlement")
            if (
                (start, end) in named
                and COMMUNITY.search(analysis.text, 0, start)
                and (place is None or place.country != COMMUNITY_COUNTRY)
            ):
                # "Kibbutz <name>" is in Israel, whatever namesake abroad a fuzzy match found
                place = Place(name, COMMUNITY_COUNTRY, precision="settlement")
            if place is not None:
                analysis.mentions.append(
                    Mention("place", start, end, analysis.text[start:end], place, i)
                )

    def _words_only(self, name: str) -> bool:
        """Every word of ``name`` is an English word ("Russian", "Border"): no name."""
        return all(
            is_english_word(w.lower(), self.settings.model) for w in re.findall(r"\w+", name)
        )

    def _common_word(self, name: str) -> bool:
        """A one-word name that is an English word ("DOWNTOWN"), or "the" and English words
        ("THE CITY", "THE GULF"), and that names no notable place. (Other names of English
        words stay: the lexicon holds "santa", "rio" and "york".)"""
        words = name.lower().split()
        if len(words) > 1 and words[0] != "the":
            return False
        return all(is_english_word(w, self.settings.model) for w in words) and not _notable(
            " ".join(name.split())
        )


# The lower-case words a venue's name may have before its noun ("<name> music festival"),
# or, where a settlement follows, any words ("<name> <Name> hospital in <town>").
_VENUE_WORDS = re.compile(r"(?:\s+[a-z][\w'’-]*){0,2}\s+$")
_VENUE_NAME_WORDS = re.compile(r"(?:\s+[\w'’-]+){0,2}\s+$")
# "the" and up to two capitalised words right before a name: the start of a venue's name.
_THE_NAME = re.compile(r"\bthe\s+(?:[A-Z][\w'’-]*\s+){0,2}$")
# A place named right after a venue: "... in <town>", "... near the village of <name>".
_VENUE_IN = re.compile(
    r"(?:\s+[a-z][\w'’-]*){0,2}?,?\s+(?:in|near|outside|at)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|settlement|kibbutz|district) of\s+)?(?=[A-Z])"
)


_BETWEEN_AREAS = re.compile(r"[\s,]*")  # what may stand between a place and its raion, oblast
# In English, what may stand between a place and the province it is said to lie in: a comma
# ("<town>, <province>"), or "in" after at most a venue's or a settlement's word ("<name>
# market in <province>", "<name> village in <province>").
_EN_AREA_BETWEEN = re.compile(r",\s+|(?:\s+(?P<word>[a-z]+))?\s+in\s+(?:the\s+)?")


def _stated_areas(
    analysis: Analysis, found: list[tuple[int, int, str, int]]
) -> list[list[list[Candidate]]]:
    """For each toponym of a sentence in a language without the English reading of
    qualifiers (``geocode.read_context``: "X, Y Oblast"), the areas named right after it, by
    its language pack ("с. Шевченкове Куп'янського району Харківської області": the raion,
    then the oblast): the toponyms that follow with only spaces or commas between and that
    name a district or an oblast. English: none (the geocoder reads its own)."""
    gaz = Gazetteer.default()
    out: list[list[list[Candidate]]] = []
    for k, (_, end, own, i) in enumerate(found):
        stated: list[list[Candidate]] = []
        if analysis.language_of(i) == "en":
            area = _english_area(analysis.text, end, own, found[k + 1 : k + 2], gaz)
            stated += [area] if area else []
        else:
            for start, later_end, name, _ in found[k + 1 : k + 3]:
                if not _BETWEEN_AREAS.fullmatch(analysis.text, end, start):
                    break
                candidates = gaz.candidates(name, skeletons=False)
                areas = [c for c in candidates if c.feature_code in AREA_CODES]
                if not areas or any(
                    c.feature_class == "P" and c.match == "name" for c in candidates
                ):
                    # "Київ, Одесу та Дніпро": a list of cities, though a city may share its
                    # name with its oblast; an oblast is read as one ("Одеської області")
                    break
                stated.append(areas)
                end = later_end
        out.append(stated)
    return out


def _english_area(
    text: str, end: int, name: str, after: list[tuple[int, int, str, int]], gaz: Gazetteer
) -> list[Candidate]:
    """The province or district an English toponym ``name`` ending at ``end`` is said to lie
    in by the toponym right after it (``_EN_AREA_BETWEEN``: "<name>, <province>", "<name>
    market in <province>"), where that name is only an area's: no settlement's nor country's
    name too ("<town>, <city>" is a list of towns); none where ``name`` is itself an area's
    ("<province>, <province>" is a list of provinces). The geocoder then keeps the name in
    that area (a namesake elsewhere is a place the gazetteer lacks)."""
    if not after or any(
        c.feature_code in _QUALIFYING_AREAS for c in gaz.candidates(name, skeletons=False)
    ):
        return []
    start, _, area_name, _ = after[0]
    between = _EN_AREA_BETWEEN.fullmatch(text, end, start)
    if between is None:
        return []
    word = between.group("word")
    if word and not any(
        concepts().find(concept, "en", word) for concept in ("named_venue", "settlement")
    ):
        return []  # "<city> residents in <province>": people of one place, not where it is
    candidates = [c for c in gaz.candidates(area_name, skeletons=False) if c.match != "skeleton"]
    if any(c.feature_class == "P" or c.feature_code == "PCLI" for c in candidates):
        return []
    return [c for c in candidates if c.feature_code in AREA_CODES]


def _venue_word(text: str, end: int, concept: str, language: str) -> int | None:
    """The end of the ``concept`` word a name ending at ``end`` is the name of, if any."""
    after = text[end : end + 60]
    spans = concepts().find(concept, language, after)
    between = _VENUE_WORDS if concept == "event_venue" else _VENUE_NAME_WORDS
    if not spans or not between.fullmatch(after[: spans[0][0]] or " "):
        return None
    return end + spans[0][1]


def _event_name(text: str, f: tuple[int, int, str, int], language: str) -> bool:
    """A name right before an event's word names the event ("the <name> music festival";
    concepts.yaml ``event_venue``), not a settlement unless the gazetteer knows it as one."""
    return _venue_word(text, f[1], "event_venue", language) is not None


def _venue_names(
    text: str, found: list[tuple[int, int, str, int]], places: list[Place | None], language_of
) -> set[int]:
    """The names (their indexes in ``found``) right before a venue's word (concepts.yaml
    ``named_venue``: "the <name> hospital") that a settlement of another name follows ("...
    in <town>"): the venue's name, not where it is. "The <town> drama theatre" alone, or "in
    <region>" after it, stays the town."""
    out: set[int] = set()
    for k, f in enumerate(found):
        rest = _venue_word(text, f[1], "named_venue", language_of(f[3]))
        to = _VENUE_IN.match(text, rest) if rest is not None else None
        own = places[k]
        if (
            rest is not None
            and own is not None
            and fold(own.name) != fold(f[2])
            and _THE_NAME.search(text, max(0, f[0] - 40), f[0])
        ):
            # "the <name> <name> restaurant": a venue's name the gazetteer knows only as
            # another place's other name ("Riga" for a word of it), not where it is
            out.add(k)
            continue
        if to and any(
            g[0] == to.end()
            and g[2] != f[2]
            and place is not None
            and place.precision == "settlement"
            and (own is None or place.name != own.name)
            for g, place in zip(found, places, strict=True)
        ):
            out.add(k)
    return out


# A word before a toponym that introduces it as a place.
_INTRODUCED = re.compile(
    r"(?:\b(?:in|near|at|from|to|outside|into|across|toward|towards|around|between)|"
    r"\b(?:villages?|towns?|city|settlements?|hamlets?|municipality|province|region) of)\s+"
    # "in <A> and <B>", "villages of <A>, <B> and <C>": each one introduced
    r"(?:the\s+)?(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:,\s+|,?\s+and\s+))*$",
    re.I,
)
# A capitalised word right after a name: the name goes on ("<given name> <surname>"), or
# one joined to it by a hyphen ("<name>-<name> pipeline", a compound name of a work).
_NAME_GOES_ON = re.compile(r"(?:[ \t]+|-)[A-Z][\w'’-]*")


# A word after a name that makes it the name of an area ("<name> Township", "<name> Oblast").
_AREA_AFTER = re.compile(
    r"\s+(?:township|district|region|province|department|oblast|raion|county|municipality|"
    r"village|city|town|state|governorate|prefecture|canton|parish)\b",
    re.I,
)


def stray(text: str, start: int, name: str, place: Place, home: str | None) -> bool:
    """A one-word name that nothing introduces as a place ("in", "near", "<name> Township")
    or that opens a longer name ("<name> <Surname>"), which the gazetteer knows only as a
    settlement short of a notable city in another country than the document's other places:
    a person's or a firm's name ("Francisco", "Lopez") more often than a hamlet abroad."""
    after = text[start + len(name) : start + len(name) + 30]
    return (
        bool(home)
        and place.precision == "settlement"
        and bool(place.country)
        and place.country != home
        and not re.search(r"[\s-]", name.strip())
        and (
            not _INTRODUCED.search(text[max(0, start - 30) : start])
            or bool(_NAME_GOES_ON.match(after))
        )
        and not _AREA_AFTER.match(after)
        and all(
            # short of a notable city: taken, bare, for a person's or a firm's name
            c.population < NOTABLE_POPULATION
            for c in Gazetteer.default().candidates(name.strip())
        )
    )


# The words that go on a name after a town's ("Banco de Occidente", "<town> Cartel"): a
# capitalised word, after a space, a hyphen or a particle of a Spanish or English name.
_OPENS_NAME = re.compile(r"(?:[ \t]+(?:(?:de|del|la|las|los|of)[ \t]+)?|-)([A-Z][\w'’-]*)")


def opens_a_name(text: str, start: int, name: str, place: Place) -> bool:
    """In mixed-case text: a one-word name that a capitalised word goes on from ("Banco
    Popular", "Banco de Occidente"), which the gazetteer knows only as a settlement short of a
    notable city: a firm's, a bank's or a person's name, not a place, unless the words after
    it make it an area ("<name> Province") or a venue in it ("<name> Drama Theatre")."""
    after = text[start + len(name) : start + len(name) + 40]
    goes_on = _OPENS_NAME.match(after)
    if goes_on is None or place.precision != "settlement" or re.search(r"[\s-]", name.strip()):
        return False
    if _AREA_AFTER.match(after):
        return False
    rest = " ".join(re.findall(r"[\w'’-]+", after[goes_on.start(1) :])[:3])
    words = concepts()
    if any(words.find(c, "en", rest) for c in ("named_venue", "civil_object", "settlement")):
        return False  # "<town> Drama Theatre", "<town> City Hall": a venue there
    return all(
        c.population < NOTABLE_POPULATION for c in Gazetteer.default().candidates(name.strip())
    )


def home_country(analysis: Analysis) -> str | None:
    """The country most of the document's settlements and regions lie in (in mixed-case
    English, of those that are not a bare one-word name: ``stray``)."""
    countries = place_countries(analysis)
    return countries.most_common(1)[0][0] if countries else None


def place_countries(analysis: Analysis, besides: Mention | None = None) -> Counter[str]:
    """How many of the document's settlements and regions lie in each country (``home_country``);
    ``besides``: a mention left out (a dateline's town, asking where the rest of the report is)."""
    # not a word of a unit's or a person's name ("Rifle" of "... Motorized Rifle Brigade",
    # a surname the document names a person by)
    names = [(n.start, n.end) for n in analysis.mentions if n.kind in ("unit", "person")]
    surnames = {n.text.split()[-1] for n in analysis.mentions if n.kind == "person" and n.text}
    found = [
        m
        for m in analysis.mentions_of("place")
        if m.value.country
        and m.value.precision != "country"
        and not any(a <= m.start < b for a, b in names)
        and m.text not in surnames
        and m is not besides
    ]
    if not is_shouting(analysis.text):
        named = [m for m in found if not stray(analysis.text, m.start, m.text, m.value, "?")]
        found = named or found
    return Counter(m.value.country for m in found)


# The forces of a state named by who commands them, not by the state: "government forces",
# "regime troops", "junta soldiers" are those of the country the report is about.
STATE_FORCES = re.compile(
    r"(?:military\s+)?(?:government|regime|federal|junta|security)(?:-led|['’]s)?\s+"
    r"(?:forces|troops|soldiers)"
    r"|(?:military\s+)?(?:junta|regime)"
)


# Words a report of one side names the other by ("the enemy struck the city").
ENEMY_NOUNS = frozenset(["enemy", "aggressor"])
# A country invaded, by ISO code, and the demonym of the forces that invaded it: a report of
# acts there calls them "the enemy".
INVADED = {"UA": "Russian"}


def home_institution(analysis: Analysis, noun: str) -> str | None:
    """An armed institution named only as "the army" or "the military": that of the country
    the report's places lie in, as the report would name it in full ("the Sudanese army");
    forces named by who commands them ("government forces"): that country's forces; "the
    enemy" of a country invaded (``INVADED``): the invader's forces."""
    noun = noun.lower().removeprefix("the ").strip()
    country = home_country(analysis)
    if noun in ENEMY_NOUNS:
        # "the enemy shelled the town": in a report of acts in a country at war, the side
        # that invaded it (``INVADED``: Ukraine's enemy is Russia's forces)
        invader = INVADED.get(country or "")
        return f"{invader} forces" if invader else None
    if STATE_FORCES.fullmatch(noun):
        noun = "forces"
    elif noun not in INSTITUTION_NOUNS:
        return None
    side = demonym_of_code(country) if country else None
    return f"{side} {noun}" if side else None


# Countries whose places our reports name by many spellings (the geocoder's focus): a
# place of one of them by another spelling in a report on another of them stays.
WAR_COUNTRIES = frozenset({"UA", "RU", "BY"})


def _without_strays_abroad(
    found: list[tuple[int, int, str, int]], places: list[Place | None]
) -> list[Place | None]:
    """A settlement the gazetteer knows only by another spelling ("Tabayin": a village in
    Iran by one of its other names) in a country none of the document's other places lie
    in, where they agree on one country, is a place the gazetteer lacks (None): the stage
    then keeps it by the text's word, in that country, where a word such as "the town of"
    or "township" introduces it."""
    out = list(places)
    for k, ((_, _, name, _), place) in enumerate(zip(found, places, strict=True)):
        if place is None or place.precision != "settlement" or not place.country:
            continue
        if name_key(place.name) == name_key(name):
            continue
        others = {p.country for j, p in enumerate(places) if j != k and p and p.country}
        if len(others) != 1 or place.country in others:
            continue
        if {place.country} | others <= WAR_COUNTRIES:
            continue
        out[k] = None
    return out


AREA_CODES = frozenset({"ADM1", "ADM2"})  # a district or an oblast named after a place
# Names of areas, which no area named after them places (English: ``_english_area``)
_QUALIFYING_AREAS = AREA_CODES | {"PCLI", "RGN"}
CENTRES = ("country", "admin1")  # precisions of a name placed at its area's centre
# A name of up to three capitalised words, an Arabic article joined to the last ("Wad
# al-Noura", "Deir el-Balah") or between them ("Tell as Sultan")
_NAME = (
    r"[A-Z][\w'’-]+(?:[ -](?:(?:al|el|ad|an|ar|as|ash|at|az|ed|en|es|ez)[ -])?[A-Z][\w'’-]+){0,2}"
)
# "the village of Zeleny Shlyakh", "villages of Mykolaivka and Sukhyi Yar", "near Robotyne",
# "<name> village": the words say a settlement follows (or ends), so its whole name is one
# toponym even when the gazetteer only knows its parts.
SETTLEMENT = re.compile(
    r"\b(?:villages?|towns?|city|settlements?|hamlets?|townships?|communes?) of "
    rf"({_NAME})(?:,? and ({_NAME}))?"
    rf"|\bnear (?!(?:[Kk]ibbutz|[Mm]oshav) )({_NAME})"
    rf"|(?<![\w'’-])({_NAME}) (?:village|hamlet)\b"
    # "Kibbutz <name>", "moshav <name>": an Israeli community by its kind
    rf"|\b(?:[Kk]ibbutz|[Mm]oshav) ({_NAME})"
    # "<A> and <B> villages"
    rf"|(?<![\w'’-])({_NAME}),? and ({_NAME}) (?:villages|hamlets)\b"
)

# The word of an Israeli community right before its name, and its country.
COMMUNITY = re.compile(r"\b(?:[Kk]ibbutz|[Mm]oshav)\s+$")
COMMUNITY_COUNTRY = "IL"

# A number joined to a name by a hyphen makes it a model's designation ("Mi-8", "Su-25").
DESIGNATION = re.compile(r"-\d")


def _country_after(
    places: list[Place | None], found: list[tuple[int, int, str, int]], i: int, end: int
) -> str | None:
    """The country of the first place the sentence names after ``end`` (a settlement
    "in <country>" or "<region>"), if any."""
    for (start, _, _, j), place in zip(found, places, strict=True):
        if j == i and start >= end and place is not None and place.country:
            return place.country
    return None


def _whole_names(
    found: list[tuple[int, int, str, int]],
    text: str,
    base: int,
    i: int,
    named: set[tuple[int, int]],
    words_only: Callable[[str], bool] = lambda name: False,
) -> list[tuple[int, int, str, int]]:
    """Replace gazetteer hits inside a named settlement by the settlement's whole name; add
    to ``named`` the spans of the names a settlement word introduces ("the town of <name>")
    or ends ("<name> village", where not all its words are English words (``words_only``):
    "a Russian village", "Border village")."""
    for m in SETTLEMENT.finditer(text):
        # "<A> and <B> villages" where neither is all English words ("Russian and Ukrainian")
        pair = bool(m.group(6)) and not (words_only(m.group(6)) and words_only(m.group(7)))
        for g in (1, 2, 3, 4, 5, 6, 7):
            if (
                not m.group(g)
                or (g == 4 and " " not in m.group(g) and words_only(m.group(g)))
                or (g > 5 and not pair)
            ):
                continue
            a, b = base + m.start(g), base + m.end(g)
            if g != 3:
                named.add((a, b))
            inside = [f for f in found if a <= f[0] and f[1] <= b]
            if len(inside) == 1 and (inside[0][0], inside[0][1]) == (a, b):
                continue
            if g == 3 and " " not in m.group(g) and "-" not in m.group(g) and not inside:
                continue  # one unknown word after "near" is too often not a place
            found = [f for f in found if f not in inside] + [(a, b, m.group(g), i)]
    return sorted(found)


# Places a common English word may name in upper-case text: countries, capitals and cities
# of this size ("LIMA" is a capital, "COMFORT", "BUSH" and "CAPITAL" are words).
NOTABLE_CODES = frozenset({"PCLI", "PPLC"})
NOTABLE_POPULATION = 500_000


def _notable(name: str) -> bool:
    return any(
        c.feature_code in NOTABLE_CODES
        or (c.feature_class == "P" and c.population >= NOTABLE_POPULATION)
        for c in Gazetteer.default().candidates(name)
        if c.match == "name"
    )


_LOCATIVE = re.compile(
    r"(?:\b(?:IN|NEAR|AT|FROM|OF|TO|OUTSIDE|INTO|ACROSS|TOWARD|TOWARDS)\s+(?:THE\s+)?|^\s*)$"
)


def _placed(text: str, start: int, name: str) -> bool:
    """In upper-case text: a name of several words, or one after a locative word ("IN
    <VILLAGE>") or opening a dateline ("<CITY>, <day> <MON> <yy>"), can be a place; a lone word
    elsewhere is too often a surname or an English word."""
    if name.lower() in STOP_WORDS:
        return False
    return " " in name.strip() or bool(_LOCATIVE.search(text[max(0, start - 30) : start]))


# Given names that are also towns: "Volodymyr Zelensky" is a man, "in Volodymyr" a town.
GIVEN_NAMES = frozenset(
    [
        "volodymyr",
        "vladimir",
        "oleh",
        "oleg",
        "serhii",
        "sergei",
        "sergey",
        "mykola",
        "nikolai",
        "andrii",
        "andrei",
        "andriy",
        "olena",
        "olga",
        "oleksandr",
        "alexander",
        "aleksandr",
        "iryna",
        "irina",
        "anna",
        "maria",
        "dmytro",
        "dmitry",
        "yevhen",
        "yevgeny",
        "ivan",
        "petro",
        "pavlo",
        "pavel",
        "ihor",
        "igor",
        "vasyl",
        "vasily",
        "viktor",
        "yuriy",
        "yuri",
        "tetiana",
        "tatiana",
        "anatoliy",
        "anatoly",
        "valentyn",
        "valentin",
        "oksana",
        "natalia",
        "lyudmyla",
        "lyudmila",
    ]
)


# A transcript's speaker label: a name alone in brackets that opens its sentence, after
# nothing but a dateline or the wire's other bracketed tags ("-- [Interview ...] [Text]
# [<name>] We are ...", "[<name>] Two people were killed"): who speaks, not where
_TAG_BEFORE = re.compile(r"(?:^|(?:--|[-–—]|\])\s*)\[\s*$")
_TAG_AFTER = re.compile(r"\s*\]")


def _speaker_tag(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` (a sentence) is a bracketed speaker label."""
    return bool(_TAG_BEFORE.search(text, 0, start) and _TAG_AFTER.match(text, end))


def _given_name(text: str, end: int, name: str) -> bool:
    """A given name followed by a capitalised word is a person's name, not a town."""
    return name.lower() in GIVEN_NAMES and bool(re.match(r"\s+[A-Z][a-z]", text[end:]))
