"""Units: military formations named in the text, canonicalised, and the hierarchy the
document states in ISW's parenthetical style: "the 30th Motorized Rifle Brigade (2nd
Combined Arms Army [CAA], Central Military District [CMD])" says 30th -> 2nd CAA -> CMD."""

from __future__ import annotations

from .. import registry
from ..knowledge.orbat import Orbat
from ..model import Actor, Analysis, Mention, UnitLink
from ..resolve.units import find_units
from ..vocab import ACTOR_KINDS
from .base import BaseStage

GROUP_TYPES = {"private_military", "volunteer", "penal"}


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


@registry.stages.register("casefile.units.v1")
class Units(BaseStage):
    """Find and canonicalise unit mentions; read the chains of command the text states."""

    name = "casefile.units.v1"
    requires = ("sentences",)
    assigns = ("mentions.unit", "units")

    def __call__(self, analysis: Analysis) -> None:
        orbat = Orbat.default()
        links: dict[str, UnitLink] = {}
        for i, s in enumerate(analysis.sentences):
            found = find_units(s.text)
            for a, b, name in found:
                record = orbat.resolve(name)
                kind = ACTOR_KINDS.GROUP if record and record.type in GROUP_TYPES else ACTOR_KINDS.UNIT
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
                # the parenthesis lists a chain, innermost first: each one's parents follow it
                chain = [name, *parents]
                for k, child in enumerate(chain[:-1]):
                    link = links.setdefault(child, UnitLink(child))
                    for p in chain[k + 1 :]:
                        if p not in link.parents:
                            link.parents.append(p)
                    link.spans.append((s.start + a, s.start + close_at + 1))
        analysis.units.extend(links.values())
