"""Armed groups and state forces by the names reports use (``data/armed_groups.yaml``).

    find_groups("Al-Shabaab militants abducted ...")  ->  [(0, 10, Actor("al-Shabaab", "group"))]

Names match as written (case-sensitive, whole words), the longest first, so "RSF" is the
Rapid Support Forces and "rsf" in running text is nothing.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from casefile.errors import KnowledgeError
from casefile.model import Actor

DATA = Path(__file__).parent / "data" / "armed_groups.yaml"


@cache
def _table() -> tuple[re.Pattern[str] | None, dict[str, Actor]]:
    try:
        rows = yaml.safe_load(DATA.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeError(f"{DATA}: cannot read the armed groups ({e})") from None
    by_alias: dict[str, Actor] = {}
    for row in rows:
        actor = Actor(str(row["name"]), str(row.get("kind", "group")))
        for alias in [row["name"], *row.get("aliases", [])]:
            by_alias[str(alias)] = actor
    if not by_alias:
        return None, {}
    names = sorted(by_alias, key=len, reverse=True)
    rx = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'’-])")
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
