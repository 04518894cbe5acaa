"""Unit mentions to canonical unit names: "30th Guards MRB" -> "30th Motorized Rifle Brigade".

A canonical name is an ordinal and the full type, without honorifics ("Guards", "Separate",
"Red Banner") or abbreviations, as the analysis format asks: "8th Combined Arms Army",
"76th Air Assault Division", "Southern Military District".

Two layers:

- :func:`normalise_unit` is the grammar alone: ordinals (digits, English words, Russian and
  Ukrainian "30-я"), honorifics, unit types and the abbreviations of :data:`ABBREVIATIONS`, in
  English, Russian and Ukrainian. It needs no knowledge base.
- :func:`canonical_unit` asks the order of battle first (any alias: "Sever-Akhmat",
  "Pskov Division", "PMC Wagner"), then the grammar, so a unit the knowledge base lacks
  still gets its canonical form.

:func:`find_units` finds unit mentions in running text with two compiled patterns:
:data:`UNIT_PATTERN` (numbered units, districts, fleets, groupings, BARS-<n>, Storm-Z/V) and a
pattern of the knowledge base's named formations (Wagner Group, Rusich, ...), built once.
"""

from __future__ import annotations

import re
import weakref
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casefile.knowledge.orbat import Orbat

__all__ = [
    "ABBREVIATIONS",
    "UNIT_PATTERN",
    "canonical_unit",
    "find_units",
    "normalise_unit",
    "ordinal",
]

# The one expansion table. Keys match case-insensitively after an ordinal ("30th MRB",
# "30 омсбр"); standing alone only the district and fleet codes count ("SMD").
ABBREVIATIONS: dict[str, str] = {
    "MRB": "Motorized Rifle Brigade",  # ISW, Ukrainian General Staff: "30th MRB"
    "SMRB": "Separate Motorized Rifle Brigade",  # the "separate" (отдельная) of Russian brigades
    "GMRB": "Guards Motorized Rifle Brigade",  # Guards honorific kept in the abbreviation
    "SGMRB": "Separate Guards Motorized Rifle Brigade",  # Ukrainian MoD style: "64th SGMRB"
    "MRR": "Motorized Rifle Regiment",  # ISW: "242nd MRR"
    "MRD": "Motorized Rifle Division",  # ISW: "20th MRD"
    "TD": "Tank Division",  # ISW: "4th TD"
    "TR": "Tank Regiment",  # ISW: "13th TR"
    "TA": "Tank Army",  # "1st TA"
    "GTA": "Guards Tank Army",  # "1st GTA", the 1st Guards Tank Army
    "CAA": "Combined Arms Army",  # ISW: "8th CAA"
    "GCAA": "Guards Combined Arms Army",  # "20th GCAA"
    "AC": "Army Corps",  # ISW: "3rd AC", "1st DNR AC"
    "AAD": "Air Assault Division",  # VDV division: "76th AAD"
    "AAB": "Air Assault Brigade",  # VDV brigade: "83rd AAB"
    "AAR": "Air Assault Regiment",  # VDV regiment: "234th AAR"
    "NIB": "Naval Infantry Brigade",  # "155th NIB"
    # Vozdushno-Desantnye Voyska; in "76th VDV Division" only a mark of an airborne unit
    "VDV": "Russian Airborne Forces",
    # the General Staff's Main Directorate; in "16th GRU Brigade" a mark of a spetsnaz unit
    "GRU": "Main Directorate of the General Staff",
    "MD": "Military District",  # after a region: "Southern MD"
    "SMD": "Southern Military District",  # ISW
    "CMD": "Central Military District",  # ISW
    "EMD": "Eastern Military District",  # ISW
    "WMD": "Western Military District",  # ISW, until March 2024
    "MMD": "Moscow Military District",  # ISW, from March 2024
    "LMD": "Leningrad Military District",  # ISW, from March 2024
    "BSF": "Black Sea Fleet",  # ISW
    "омсбр": "separate motorized rifle brigade",  # отдельная мотострелковая бригада
    "мсбр": "motorized rifle brigade",  # мотострелковая бригада
    "омсп": "separate motorized rifle regiment",  # отдельный мотострелковый полк
    "мсп": "motorized rifle regiment",  # мотострелковый полк
    "мсд": "motorized rifle division",  # мотострелковая дивизия
    "тд": "tank division",  # танковая дивизия
    "тп": "tank regiment",  # танковый полк
    "отбр": "separate tank brigade",  # отдельная танковая бригада
    "оа": "combined arms army",  # общевойсковая армия: "8 гв. ОА"
    "ак": "army corps",  # армейский корпус
    "гв": "guards",  # "гв." before a type: "20 гв. мсд"
    "дшд": "air assault division",  # десантно-штурмовая дивизия
    "дшбр": "air assault brigade",  # десантно-штурмовая бригада
    "одшбр": "separate air assault brigade",  # отдельная десантно-штурмовая бригада
    "дшп": "air assault regiment",  # десантно-штурмовой полк
    "вдд": "airborne division",  # воздушно-десантная дивизия
    "пдп": "parachute regiment",  # парашютно-десантный полк
    "обрмп": "separate naval infantry brigade",  # отдельная бригада морской пехоты
    "обрспн": "separate spetsnaz brigade",  # отдельная бригада специального назначения
    "брспн": "spetsnaz brigade",  # бригада специального назначения
    "рбр": "missile brigade",  # ракетная бригада
}
_STANDALONE = {"SMD", "CMD", "EMD", "WMD", "MMD", "LMD", "BSF"}
# In a numbered name these only say which kind of unit it is, where nothing else does.
_MARKERS = {"vdv": "air assault", "gru": "spetsnaz"}
_EXPAND = {
    k.casefold(): v.lower().split()
    for k, v in ABBREVIATIONS.items()
    if k.casefold() not in _MARKERS
}

# The type words a name may carry before (or, in Russian, after) its noun, by canonical form.
_MODIFIERS: dict[str, tuple[str, ...]] = {
    "Motorized Rifle": ("motorized rifle", "motorised rifle", "motor rifle", "automated rifle"),
    "Tank": ("tank",),
    "Air Assault": ("air assault", "airborne assault", "landing assault"),
    "Airborne": ("airborne",),
    "Parachute": ("parachute", "parachute landing", "parachute assault", "paratrooper"),
    "Spetsnaz": ("spetsnaz", "special purpose", "special forces", "special designation"),
    "Naval Infantry": ("naval infantry", "marine", "marines", "marine infantry"),
    "Artillery": ("artillery", "self propelled artillery", "high power artillery"),
    "Rocket Artillery": ("rocket artillery", "multiple rocket launcher", "mlrs"),
    "Missile": ("missile", "rocket"),
    "Coastal Missile": ("coastal missile", "coastal missile artillery"),
    "Coastal Defense": ("coastal defense", "coastal defence"),
    "Engineer": ("engineer", "engineering", "engineer sapper", "sapper", "combat engineer"),
    "Reconnaissance": ("reconnaissance", "recon"),
    "Cover": ("cover", "covering"),
    "Machine Gun Artillery": ("machine gun artillery",),
    "Heavy Bomber Aviation": ("heavy bomber aviation", "heavy bomber"),
    "Operational Purpose": ("operational purpose", "operational designation"),
    "Special Motorized": ("special motorized", "special motorised"),
    "Anti-Aircraft Missile": (
        "anti aircraft missile",
        "air defense missile",
        "air defence missile",
    ),
    "Unmanned Systems": ("unmanned systems", "unmanned", "drone", "uav"),
    "Mechanized": ("mechanized", "mechanised"),
    "Motorized Infantry": ("motorized infantry", "motorised infantry"),
    "Assault": ("assault",),
    "Mountain Assault": ("mountain assault",),
    "Territorial Defense": ("territorial defense", "territorial defence"),
    "Combined Arms": ("combined arms",),
    "Army": ("army",),
}
_MODIFIER = {variant: canon for canon, variants in _MODIFIERS.items() for variant in variants}
_TYPE_WORDS = frozenset(w for variant in _MODIFIER for w in variant.split())
_NOUNS = {
    "brigade": "Brigade",
    "regiment": "Regiment",
    "division": "Division",
    "army": "Army",
    "corps": "Corps",
    "battalion": "Battalion",
    "detachment": "Detachment",
}
# Words a name may carry that do not change which unit it is: honorifics, battle titles,
# "DNR"/"LNR" (the 1st DNR Army Corps is the 1st Army Corps).
_HONORIFICS = frozenset(
    [
        "guards",
        "guard",
        "gds",
        "separate",
        "independent",
        "red",
        "banner",
        "order",
        "orders",
        "of",
        "the",
        "and",
        "lenin",
        "suvorov",
        "kutuzov",
        "zhukov",
        "alexander",
        "nevsky",
        "bogdan",
        "khmelnitsky",
        "khmelnitskiy",
        "khmelnytsky",
        "star",
        "october",
        "revolution",
        "dnr",
        "lnr",
        "dpr",
        "lpr",
        "chechen",
        "sever",
        "akhmat",
        "taman",
        "tamanskaya",
        "kantemirovskaya",
        "kantemirovsky",
        "sevastopol",
        "pskov",
        "chernigov",
        "svir",
        "tula",
        "idritsa",
        "berlin",
        "uman",
        "kostroma",
        "vislenskaya",
        "cossack",
        "russian",
    ]
)
# Kept in "mountain assault" (a Ukrainian type); otherwise a title ("34th Mountain MRB").
_SOFT_HONORIFICS = frozenset({"mountain", "arctic"})

_WORD_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ],
        start=1,
    )
}
_WORD_ORDINALS.update(
    {
        w: 10 * i
        for i, w in enumerate(["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth"], 2)
    }
)
_TENS = {w: 10 * i for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty"], start=2)}

# Russian and Ukrainian words, in stems, to the English words the grammar reads. Order
# matters: longer phrases first ("береговой обороны" before "берегов...").
_CYRILLIC = [
    (re.compile(rf"(?<!\w)(?:{pattern})"), english)
    for pattern, english in [
        (r"пулеметно[- ]артиллерийск\w*|кулеметно[- ]артилерійськ\w*", "machine gun artillery"),
        (r"реактивн\w*", "rocket"),
        (r"артиллерийск\w*|артилерійськ\w*", "artillery"),
        (r"мотострелков\w*|мотострілецьк\w*", "motorized rifle"),
        (r"механизированн\w*|механізован\w*", "mechanized"),
        (r"десантно[- ]штурмов\w*", "air assault"),
        (r"воздушно[- ]десантн\w*|повітряно[- ]десантн\w*", "airborne"),
        (r"парашютно[- ]десантн\w*|парашутно[- ]десантн\w*", "parachute"),
        (r"общевойсков\w*|загальновійськов\w*", "combined arms"),
        (r"армейск\w*|армійськ\w*", "army"),
        (
            r"специального назначения|спеціального призначення|спецназ\w*|спецпризначення",
            "spetsnaz",
        ),
        (r"специальн\w* моторизованн\w*", "special motorized"),
        (r"оперативного назначения|оперативного призначення", "operational purpose"),
        (r"морской пехоты|морської піхоти", "naval infantry"),
        (r"береговой обороны|берегової оборони", "coastal defense"),
        (r"берегов\w*", "coastal"),
        (r"ракетн\w*", "missile"),
        (r"танков\w*", "tank"),
        (r"инженерн\w*|інженерн\w*", "engineer"),
        (r"разведывательн\w*|розвідувальн\w*", "reconnaissance"),
        (r"прикрытия|прикриття", "cover"),
        (r"тяжел\w* бомбардировочн\w* авиационн\w*", "heavy bomber aviation"),
        (r"отдельн\w*|окрем\w*", "separate"),
        (r"гвардейск\w*|гвардійськ\w*", "guards"),
        (r"краснознаменн\w*|червонопрапорн\w*|ордена(?: \w+а)+", ""),
        (r"бригад\w*", "brigade"),
        (r"полк\w*", "regiment"),
        (r"дивизи\w*|дивізі\w*", "division"),
        (r"арми(?:я|и|ю|ей)(?!\w)|армі(?:я|ї|ю|єю)(?!\w)", "army"),
        (r"корпус\w*", "corps"),
        (r"батальон\w*|батальйон\w*", "battalion"),
        (r"отряд\w*|загін\w*|загону", "detachment"),
    ]
]

# Characters replaced one for one, so offsets into the text stay valid.
_SAME_LENGTH = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "ё": "е",
        "Ё": "Е",
    }
)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|russian|russia's|chechen|ukrainian|ukraine's|dnr's|lnr's|elements of|"
    r"units of|servicemen of|fighters of)\s+)+",
    re.I,
)
_BRACKETED = re.compile(r"\s*[\[(]\s*([^\])]{1,40}?)\s*[\])]")
_QUOTED = re.compile(r'"[^"]{1,40}"')


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 21 -> "21st", 111 -> "111th"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


@lru_cache(maxsize=8192)
def normalise_unit(mention: str) -> str | None:
    """The canonical name a unit mention spells, by grammar alone, or None if it spells none.

    >>> normalise_unit("the 11th Separate Guards Air Assault (VDV) Brigade")
    '11th Air Assault Brigade'
    >>> normalise_unit("8th Guards CAA")
    '8th Combined Arms Army'
    """
    text = _clean(mention)
    if not text or len(text) > 160:
        return None
    named = _named(text)
    if named:
        return named
    return _numbered(text)


def canonical_unit(mention: str, orbat: Orbat | None = None) -> str | None:
    """The canonical name of a unit mention, known to the knowledge base or not; None if no unit.

    The knowledge base (``orbat``, default the built-in one) is asked first, so aliases such
    as "Sever-Akhmat" or "PMC Wagner" resolve; then the grammar of :func:`normalise_unit`.
    A bare word that is also a place or a name ("Somalia", "Akhmat") is not a unit here;
    :meth:`Orbat.resolve` still knows it.
    """
    if _bare(mention) in _NOT_ALONE:
        return None
    record = (orbat if orbat is not None else _default_orbat()).resolve(mention, fuzzy=False)
    return record.name if record else normalise_unit(mention)


def find_units(text: str, orbat: Orbat | None = None) -> list[tuple[int, int, str]]:
    """Unit mentions in running text as (start, end, canonical name), in text order.

    Where mentions overlap, the one that starts first (then the longer) is kept. A numbered
    unit just after "North Korean", "DPRK" or "KPA" is looked up as a DPRK unit first.
    """
    kb = orbat if orbat is not None else _default_orbat()
    scan = text.translate(_SAME_LENGTH)
    found: list[tuple[int, int, str]] = []
    for match in UNIT_PATTERN.finditer(scan):
        start, end = match.span()
        name = canonical_unit(match.group(), kb)
        qualified = _DPRK_BEFORE.search(scan, max(0, start - 20), start)
        if qualified and match.group("numbered"):
            record = kb.resolve("DPRK " + match.group(), fuzzy=False)
            if record:
                start, name = qualified.start(), record.name
        if name:
            found.append((start, end, name))
    for match in _named_pattern(kb).finditer(scan):
        record = kb.resolve(match.group(), fuzzy=False)
        if record:
            found.append((match.start(), match.end(), record.name))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    kept: list[tuple[int, int, str]] = []
    for mention in found:
        if not kept or mention[0] >= kept[-1][1]:
            kept.append(mention)
    return kept


# -- the grammar ------------------------------------------------------------------------


def _bare(mention: str) -> str:
    """A mention with quotes, spacing and a leading "the" tidied, nothing else."""
    text = " ".join(mention.translate(_SAME_LENGTH).split()).strip(' .,;:"')
    return text[4:] if text.lower().startswith("the ") else text


def _clean(mention: str) -> str:
    """A mention ready for the grammar: brackets, quoted titles and leading qualifiers gone."""
    text = _BRACKETED.sub(_bracket, _bare(mention))
    text = _LEADING.sub("", " ".join(text.split()))
    # A quoted title inside a numbered name is an honorific ('78th "Sever-Akhmat" Regiment');
    # elsewhere the quotes only wrap a name ('PMC "Wagner"').
    text = _QUOTED.sub(" ", text) if text[:1].isdigit() else text.replace('"', "")
    return " ".join(text.split())


def _bracket(match: re.Match[str]) -> str:
    """Drop "[CAA]" and "(20th MRD)"; keep "(VDV)", which says what kind of unit it is."""
    inner = match.group(1)
    return f" {inner} " if inner.casefold() in _MARKERS else " "


_DISTRICT = re.compile(
    r"^(southern|central|eastern|western|moscow|leningrad) military district$", re.I
)
_FLEET = re.compile(
    r"^(northern|pacific|black sea|baltic) fleet$|^(caspian) (?:sea )?flotilla$", re.I
)
_DIRECTIONS = {
    "north": "Northern",
    "northern": "Northern",
    "sever": "Northern",
    "west": "Western",
    "western": "Western",
    "zapad": "Western",
    "center": "Center",
    "centre": "Center",
    "central": "Center",
    "tsentr": "Center",
    "south": "Southern",
    "southern": "Southern",
    "yug": "Southern",
    "east": "Eastern",
    "eastern": "Eastern",
    "vostok": "Eastern",
    "dnepr": "Dnepr",
    "dnipro": "Dnepr",
    "dnieper": "Dnepr",
}
_GROUPING = re.compile(
    rf"^({'|'.join(_DIRECTIONS)}) (?:(?:grouping|group) of (?:forces|troops)|grouping)$", re.I
)
_BARS = re.compile(r"^bars[ -]?(\d{1,3})(?: detachment)?$", re.I)
_STORM = re.compile(
    r"^(?:storm|shtorm|шторм)[ -]?([zv])(?: (?:units?|compan(?:y|ies)|detachments?))?$", re.I
)


def _named(text: str) -> str | None:
    """Districts, fleets, groupings of forces, BARS-<n> and Storm-Z/V: names without an ordinal."""
    if text in _STANDALONE:
        return ABBREVIATIONS[text]
    text = re.sub(r"\bMD$", "Military District", text)
    if match := _DISTRICT.match(text):
        return f"{match.group(1).title()} Military District"
    if match := _FLEET.match(text):
        return f"{match.group(1).title()} Fleet" if match.group(1) else "Caspian Flotilla"
    if match := _GROUPING.match(text):
        return f"{_DIRECTIONS[match.group(1).lower()]} Grouping of Forces"
    if match := _BARS.match(text):
        return f"BARS-{int(match.group(1))} Detachment"
    if match := _STORM.match(text):
        return f"Storm-{match.group(1).upper()}"
    return None


_NUMBER = re.compile(
    r"^(\d{1,4})(?:(?:st|nd|rd|th)(?![^\W\d_])|-[а-яіїєґ]{1,3}(?!\w)|(?=\s))\s*", re.I
)
_WORD = re.compile(r"^([a-z]+)(?:-([a-z]+))?\s+", re.I)
_BARE_NUMBER = re.compile(r"^\d{1,4}\s")


def _numbered(text: str) -> str | None:
    """Read "<ordinal> <honorifics> <type> <noun>", in English, Russian or Ukrainian."""
    number, rest, by_word = _split_ordinal(text)
    if not number or not rest:
        return None
    # a capitalised word that is neither a type word nor a noun is a name of honour
    # ("1st Slavic Motorized Rifle Brigade", "5-ї Тацинської бригади"): left out below
    titles = {
        t.strip(".,'").casefold()
        for t in re.split(r"[\s/-]+", rest)
        if t[:1].isupper() and t.strip(".,'").casefold() not in _TYPE_WORDS
    }
    rest = rest.casefold()
    if re.search(r"[а-яіїєґ]", rest):
        for pattern, english in _CYRILLIC:
            rest = pattern.sub(f" {english} ", rest)
    tokens: list[str] = []
    for token in re.split(r"[\s/-]+", rest):
        token = token.strip(".,'")
        tokens.extend(_EXPAND.get(token, [token] if token else []))
    if _BARE_NUMBER.match(text) and rest.split()[0].strip(".") not in _EXPAND:
        return None  # "2022 Tank Brigade": a bare number counts only before an abbreviation
    markers = [t for t in tokens if t in _MARKERS]
    words = [t for t in tokens if t not in _HONORIFICS and t not in _MARKERS]
    nouns = [i for i, t in enumerate(words) if t in _NOUNS]
    if not nouns:
        return None
    noun = words.pop(nouns[-1])
    soft = [w for w in words if w not in _SOFT_HONORIFICS]
    untitled = [w for w in soft if w not in titles]  # a type word must be left
    for kept in (words, soft, untitled if untitled and len(soft) - len(untitled) <= 2 else soft):
        modifier = _MODIFIER.get(" ".join(kept), "" if not kept else None)
        if modifier is not None:
            break
    else:
        return None
    if not modifier and markers:
        modifier = _MODIFIER[_MARKERS[markers[0]]]
    unit_type = _unit_type(modifier, noun)
    if unit_type is None or (by_word and noun not in ("army", "corps")):
        return None
    return f"{ordinal(number)} {unit_type}"


def _split_ordinal(text: str) -> tuple[int, str, bool]:
    """(number, rest, spelled as a word); (0, "", False) if it has no ordinal."""
    if match := _NUMBER.match(text):
        return int(match.group(1)), text[match.end() :], False
    if match := _WORD.match(text):
        first, second = (g.lower() if g else None for g in match.groups())
        if second is None and first in _WORD_ORDINALS:
            return _WORD_ORDINALS[first], text[match.end() :], True
        if first in _TENS and second in _WORD_ORDINALS and _WORD_ORDINALS[second] < 10:
            return _TENS[first] + _WORD_ORDINALS[second], text[match.end() :], True
    return 0, "", False


def _unit_type(modifier: str, noun: str) -> str | None:
    """The full type from its parts; armies and corps take only their own modifiers."""
    if noun == "army":
        return {
            "": "Combined Arms Army",
            "Combined Arms": "Combined Arms Army",
            "Tank": "Tank Army",
        }.get(modifier)
    if noun == "corps":
        return "Army Corps" if modifier in ("", "Army") else None
    if not modifier or modifier in ("Combined Arms", "Army"):
        return None
    return f"{modifier} {_NOUNS[noun]}"


# -- finding mentions in text -----------------------------------------------------------

# Bare words that are also places, people or common words: in running text they need the
# unit noun ("Somalia Battalion"); canonical_unit() does not take them alone either.
_NOT_ALONE = frozenset(
    [
        "Sparta",
        "Somalia",
        "Pskov",
        "Akhmat",
        "Kalmius",
        "Prizrak",
        "Convoy",
        "Vostok",
        "Espanola",
        "Redut",
        "Konvoy",
        "Спарта",
        "Сомали",
        "Ахмат",
        "Кальмиус",
        "Призрак",
        "Восток",
    ]
) | {"Airborne Forces", "Aerospace Forces", "Combat Army Reserve", "Ghost Brigade"}

_ABBR_NOUNS = "|".join(
    sorted(
        (k for k in ABBREVIATIONS if k not in _STANDALONE | {"VDV", "GRU", "MD", "гв"}),
        key=len,
        reverse=True,
    )
)
_NOUN_SRC = (
    r"(?:(?i:army\s+corps|brigade|regiment|division|army|corps|battalion|detachment)"
    r"|(?i:бригад\w*|полк\w*|дивизи\w*|дивізі\w*|арми(?:я|и|ю|ей)|армі(?:я|ї|ю|єю)|корпус\w*"
    r"|батальон\w*|батальйон\w*|отряд\w*|загін\w*)"
    rf"|(?:{_ABBR_NOUNS}))"
)
_POSTFIX = (
    r"(?:\s+(?i:морской\s+пехоты|морської\s+піхоти|специального\s+назначения|спеціального\s+"
    r"призначення|спецназначения|спецпризначення|прикрытия|прикриття|береговой\s+обороны|"
    r"берегової\s+оборони|оперативного\s+назначения|оперативного\s+призначення))?"
)
_TOKEN = r"(?:\([A-Za-z]{2,6}\)|[^\s\d,.;:!?()\[\]]+)"
_ORDINAL_WORDS = (
    rf"(?:{'|'.join(t.capitalize() for t in _TENS)})-"
    rf"(?:{'|'.join(w for w, i in _WORD_ORDINALS.items() if i < 10)})"
    rf"|{'|'.join(w.capitalize() for w in sorted(_WORD_ORDINALS, key=len, reverse=True))}"
)
# One gate up front: most characters of a text cannot start a unit name, and checking that
# once instead of in every branch makes the scan about twice as fast.
UNIT_PATTERN = re.compile(
    r"(?<![\w-])(?:(?=\d)"
    # numbered: "30th Separate Guards Motor Rifle Brigade", "8th CAA", "30-я ... бригада"
    rf"(?P<numbered>(?:\d{{1,4}}(?:st|nd|rd|th)|\d{{1,4}}-[а-яіїєґ]{{1,3}}"
    rf"|\d{{1,4}}(?=\s+(?:{_ABBR_NOUNS})(?!\w)))\s+(?:{_TOKEN}\s+){{0,6}}?{_NOUN_SRC}(?!\w)"
    rf"{_POSTFIX}(?:\s*\[[A-Z]{{2,6}}\])?)"
    r"|(?=[A-ZШ])(?:"
    + "|".join(
        [
            # armies and corps by word: "First Guards Tank Army", "Second Army Corps"
            rf"(?:{_ORDINAL_WORDS})\s+(?:Guards\s+)?(?:(?:Tank|Combined[- ]Arms)\s+)?"
            r"(?:Army\s+Corps|Army|Corps)\b",
            r"(?:Southern|Central|Eastern|Western|Moscow|Leningrad)\s+(?:Military\s+District|MD)\b",
            r"(?:SMD|CMD|EMD|WMD|MMD|LMD|BSF)\b",
            r"(?:Northern|Pacific|Black\s+Sea|Baltic)\s+Fleet\b|Caspian\s+(?:Sea\s+)?Flotilla\b",
            rf"(?:{'|'.join(d.capitalize() for d in _DIRECTIONS)})\s+(?:Grouping|Group)\s+of\s+"
            r"(?:Forces|Troops)\b|(?:Sever|Zapad|Tsentr|Yug|Vostok|Dnepr)\s+Grouping\b",
            r"BARS[\s-]?\d{1,3}(?:\s+[Dd]etachment)?\b",
            r"(?:Storm|Shtorm|Шторм)[\s-]?[ZV](?!\w)",
        ]
    )
    + "))"
)
_DPRK_BEFORE = re.compile(r"(?:North[\s-]Korean?(?:'s)?|DPRK(?:'s)?|KPA)\s+$")


@cache
def _default_orbat() -> Orbat:
    from casefile.knowledge.orbat import Orbat

    return Orbat.default()


_NAMED_PATTERNS: weakref.WeakKeyDictionary[Orbat, tuple[int, re.Pattern[str]]] = (
    weakref.WeakKeyDictionary()
)


def _named_pattern(orbat: Orbat) -> re.Pattern[str]:
    """One pattern of every alias without a number in ``orbat``, rebuilt when it loads a file."""
    cached = _NAMED_PATTERNS.get(orbat)
    if cached and cached[0] == orbat.revision:
        return cached[1]
    names = {
        alias.translate(_SAME_LENGTH)
        for record in orbat
        for alias in (record.name, *record.aliases)
        if not re.search(r"\d", alias) and len(alias) >= 3 and alias not in _NOT_ALONE
    }
    pattern = re.compile(rf"(?<!\w)(?:{_trie(sorted(names))})(?!\w)")
    _NAMED_PATTERNS[orbat] = (orbat.revision, pattern)
    return pattern


def _trie(words: list[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree, which Python's engine matches fast."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)
