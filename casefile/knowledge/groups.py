"""Armed groups and state forces by the names reports use (``data/armed_groups.yaml``).

    find_groups("Al-Shabaab militants abducted ...")  ->  [(0, 10, Actor("al-Shabaab", "group"))]

Names match as written (case-sensitive, whole words), the longest first, so "RSF" is the
Rapid Support Forces and "rsf" in running text is nothing.

A state's forces in the table carry their country, so that the forces a report names by
the country's demonym take the name the table gives them:

    canonical_force("Israeli troops")   ->  Actor("Israel Defense Forces", "force")
    canonical_force("Sudan's army")     ->  Actor("Sudanese Armed Forces", "force")
    canonical_force("Russian forces")   ->  None (not in the table: the name stays)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from casefile.errors import KnowledgeError
from casefile.model import Actor

from .demonyms import demonyms

DATA = Path(__file__).parent / "data" / "armed_groups.yaml"


@cache
def _rows() -> list[dict]:
    try:
        rows = yaml.safe_load(DATA.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeError(f"{DATA}: cannot read the armed groups ({e})") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "name" in r for r in rows):
        raise KnowledgeError(f"{DATA}: each armed group needs a name")
    return rows


@cache
def _table() -> tuple[re.Pattern[str] | None, dict[str, Actor]]:
    rows = _rows()
    by_alias: dict[str, Actor] = {}
    for row in rows:
        actor = Actor(str(row["name"]), str(row.get("kind", "group")))
        # a state's forces by their aliases only: the name the table gives them may be a
        # description ("Syrian military") that the words around it name otherwise
        names = [] if row.get("country") else [row["name"]]
        for alias in [*names, *row.get("aliases", [])]:
            by_alias[str(alias)] = actor
    if not by_alias:
        return None, {}
    names = sorted(by_alias, key=len, reverse=True)
    # whole words, or a possessive's ("the RSF's attack", "Hamas's fighters")
    rx = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?:(?![\w'’-])|(?=['’]s\b))"
    )
    return rx, by_alias


def find_groups(text: str) -> list[tuple[int, int, Actor]]:
    """Every armed group or state force ``text`` names from the table."""
    rx, by_alias = _table()
    if rx is None:
        return []
    return [(m.start(), m.end(), by_alias[m.group()]) for m in rx.finditer(text)]


def group_names() -> list[str]:
    """Every name and alias of the table (for the gazetteer's list of words that are no
    places)."""
    return list(_table()[1])


@cache
def state_forces() -> dict[str, Actor]:
    """A state's forces by its demonym, lower case ("israeli" -> the Israel Defense Forces),
    for the forces the table gives a country."""
    out: dict[str, Actor] = {}
    for row in _rows():
        country = row.get("country")
        if not country:
            continue
        demonym = demonyms().get(str(country).lower())
        if demonym is None:
            raise KnowledgeError(f"{DATA}: {row['name']}: no demonym for country {country!r}")
        out[demonym.lower()] = Actor(str(row["name"]), "force")
    return out


# "<demonym> troops", "the <demonym> army", "<country>'s military": a state's forces by the
# country's name or demonym and a noun for its forces as a whole or its soldiers.
_FORCE_NAME = re.compile(
    r"(?:the\s+)?(?P<side>.+?)(?:'s|’s)?\s+"
    r"(?:armed\s+forces|forces|army|military|troops|soldiers|servicemen)",
    re.I,
)


def canonical_force(name: str) -> Actor | None:
    """The state's forces ``name`` means by its country ("Nigerian troops": the Nigerian
    Army), where the table gives that country's forces a name; else None."""
    m = _FORCE_NAME.fullmatch(name.strip())
    if m is None:
        return None
    demonym = demonyms().get(m.group("side").lower())
    return state_forces().get(demonym.lower()) if demonym else None
