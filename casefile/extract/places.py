"""Places: toponyms found by the gazetteer and resolved with the document as context.

Resolution is document-level: names that are unambiguous are resolved first and
then help to choose among the candidates of the others (Kursk near Sudzha is the
oblast's city, not a namesake elsewhere).
"""

from __future__ import annotations

from .. import registry
from ..knowledge.gazetteer import Gazetteer
from ..model import Analysis, Mention, Place
from ..resolve.geocode import geocode
from .base import BaseStage


@registry.stages.register("casefile.places.v1")
class Places(BaseStage):
    """Find toponyms and geocode them to GeoNames coordinates with a precision."""

    name = "casefile.places.v1"
    requires = ("sentences",)
    assigns = ("mentions.place",)

    def __call__(self, analysis: Analysis) -> None:
        gazetteer = Gazetteer.default()
        found: list[tuple[int, int, str, int]] = []
        for i, s in enumerate(analysis.sentences):
            for a, b, name in gazetteer.find(s.text):
                found.append((s.start + a, s.start + b, name, i))
        resolved: list[Place] = []
        cache: dict[str, Place | None] = {}
        for start, end, name, i in found:
            context = analysis.text[max(0, start - 60) : end + 60]
            key = name + "|" + analysis.text[end : end + 40]
            if key not in cache:
                cache[key] = geocode(name, context=context, near=resolved, country_hint=None)
            place = cache[key]
            if place is None:
                continue
            resolved.append(place)
            analysis.mentions.append(Mention("place", start, end, analysis.text[start:end], place, i))
