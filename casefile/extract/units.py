"""Units: military formations named in the text, canonicalised, and the hierarchy the
document states in ISW's parenthetical style: "the 30th Motorized Rifle Brigade (2nd
Combined Arms Army [CAA], Central Military District [CMD])" says 30th -> 2nd CAA -> CMD."""

from __future__ import annotations

import re
from itertools import pairwise

from .. import registry
from ..config import Settings
from ..knowledge.orbat import ECHELONS, Orbat
from ..lang import get_pack
from ..model import Actor, Analysis, Mention, UnitLink
from ..vocab import ACTOR_KINDS
from .base import BaseStage
from .types import concepts

GROUP_TYPES = {"private_military", "volunteer", "penal"}
POSSESSIVE = re.compile(r"['’]s\s+(?:the\s+)?")
# "the 20th Army of (Russia's) Moscow Military District": a unit "of" a larger one
OF_LARGER = re.compile(r"\s*,?\s+(?:of|in|from)\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:the\s+)?")
# "part of", "у складі", "в составе": the words of concepts.yaml's ``part_of``
PART_OF_GAP = re.compile(r"^\s*(?:the\s+)?$", re.I)
# "2nd Battalion, 5th Tank Brigade", "2-го батальйону 5-ї бригади": a unit right before a larger one
ADJACENT = re.compile(r"^[\s,]*$")
SUBJECT_PRONOUN = re.compile(
    r"^\s*(?:It|It['’]s|The (?:brigade|regiment|division|unit|formation))\b"
)


def _rank(orbat: Orbat, name: str) -> int:
    """How high a unit stands: the index of its echelon in ECHELONS (0 = district), from
    the order of battle or else the last echelon word of its name; unknown ranks lowest."""
    record = orbat.resolve(name, fuzzy=False)
    if record is not None and record.echelon in ECHELONS:
        return ECHELONS.index(record.echelon)
    words = [w for w in name.lower().split() if w in ECHELONS]
    return ECHELONS.index(words[-1]) if words else len(ECHELONS)


def _closing(text: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at`` (-1 if none)."""
    depth = 0
    for j in range(open_at, min(len(text), open_at + 400)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


@registry.stages.register("casefile.units.v9")
class Units(BaseStage):
    """Find and canonicalise unit mentions; read the chains of command the text states."""

    name = "casefile.units.v9"
    requires = ("sentences",)
    assigns = ("mentions.unit", "units")

    def __init__(self, settings: Settings | None = None, orbat: Orbat | None = None) -> None:
        super().__init__(settings)
        # the order of battle the pipeline hands over (the built-in one and a store's user
        # unit files, see casefile/units.py); read, never changed, so one serves every document
        self.orbat = orbat if orbat is not None else Orbat.default()

    def __call__(self, analysis: Analysis) -> None:
        orbat = self.orbat
        links: dict[str, UnitLink] = {}
        last_unit: str | None = None
        for i, s in enumerate(analysis.sentences):
            pack = get_pack(analysis.language_of(i))  # English: find_units alone
            found = pack.units(s.text, orbat)
            renamed = concepts().pattern("renamed", pack.code)
            for a, b, name in found:
                record = orbat.resolve(name)
                kind = (
                    ACTOR_KINDS.GROUP if record and record.type in GROUP_TYPES else ACTOR_KINDS.UNIT
                )
                analysis.mentions.append(
                    Mention("unit", s.start + a, s.start + b, s.text[a:b], Actor(name, kind), i)
                )
            for a, b, name in found:
                rest = s.text[b:]
                stripped = rest.lstrip()
                if not stripped.startswith("("):
                    continue
                open_at = b + (len(rest) - len(stripped))
                close_at = _closing(s.text, open_at)
                if close_at < 0:
                    continue
                parents = [n for x, _, n in found if open_at < x < close_at and n != name]
                if not parents:
                    continue
                first = min(x for x, _, n in found if open_at < x < close_at and n != name)
                if renamed is not None and renamed.search(s.text[open_at:first]):
                    continue  # "(formerly the 1st Army Corps)": another name, no parent
                # the parenthesis lists a chain, innermost first: each one's parents follow it
                chain = list(
                    dict.fromkeys([name, *parents])
                )  # "SMD" after "Southern Military District"
                for k, child in enumerate(chain[:-1]):
                    link = links.setdefault(child, UnitLink(child))
                    for p in chain[k + 1 :]:
                        if p not in link.parents:
                            link.parents.append(p)
                    link.spans.append((s.start + a, s.start + close_at + 1))
            self._stated_in_words(s.text, s.start, found, links, last_unit, pack.code)
            # the language's own way of stating a chain (a genitive chain: "батальйону
            # 237-го полку 76-ї дивізії"); none for English
            for child, parent, a, b in pack.unit_links(s.text, found):
                link = links.setdefault(child, UnitLink(child))
                if parent not in link.parents:
                    link.parents.append(parent)
                link.spans.append((s.start + a, s.start + b))
            if found:
                last_unit = found[0][2]
        analysis.units.extend(link for link in links.values() if link.parents)

    def _stated_in_words(
        self,
        text: str,
        base: int,
        found: list[tuple[int, int, str]],
        links: dict[str, UnitLink],
        last_unit: str | None,
        language: str,
    ) -> None:
        """ "the Southern Military District's 58th Army", "the 58th Army of the Southern
        Military District" and "it is part of the 58th Army"."""
        orbat = self.orbat

        def link(child: str, parent: str, a: int, b: int) -> None:
            if child == parent:
                return
            entry = links.setdefault(child, UnitLink(child))
            if parent not in entry.parents:
                entry.parents.append(parent)
            entry.spans.append((base + a, base + b))

        for (a1, b1, n1), (a2, b2, n2) in pairwise(found):
            if POSSESSIVE.fullmatch(text[b1:a2]):
                link(n2, n1, a1, b2)
            elif (OF_LARGER.fullmatch(text[b1:a2]) or ADJACENT.fullmatch(text[b1:a2])) and _rank(
                orbat, n2
            ) < _rank(orbat, n1):
                link(n1, n2, a1, b2)
        part_of = concepts().pattern("part_of", language)
        for m in part_of.finditer(text) if part_of else ():
            parent = next(
                (u for u in found if u[0] >= m.end() and PART_OF_GAP.match(text[m.end() : u[0]])),
                None,
            )
            if parent is None:
                continue
            while True:  # "part of the Southern Military District's 58th Army": the 58th
                after = next((u for u in found if u[0] > parent[1]), None)
                if after is None or not POSSESSIVE.fullmatch(text[parent[1] : after[0]]):
                    break
                parent = after
            child = next(
                (u[2] for u in reversed(found) if u[1] <= m.start() and m.start() - u[1] <= 60),
                None,
            )
            if child is None and SUBJECT_PRONOUN.match(text[: m.start()]):
                child = last_unit  # "It's part of ...": the unit the text was speaking of
            if child:
                link(child, parent[2], m.start(), parent[1])
