"""Countries and their demonyms (``data/demonyms.tsv``), read once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def demonyms() -> dict[str, str]:
    """Country names and demonyms (lower case) -> the demonym ("ukraine", "ukrainian" ->
    "Ukrainian")."""
    out: dict[str, str] = {}
    text = resources.files("casefile.knowledge").joinpath("data/demonyms.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            country, demonym = line.split("\t")[:2]
            out[country.lower()] = demonym
            out[demonym.lower()] = demonym
    return out


@cache
def demonym_nouns() -> frozenset[str]:
    """Nationality words as nouns, lower case, singular and plural ("palestinian",
    "ukrainians")."""
    return frozenset(
        w for d in set(demonyms().values()) for w in (d.lower(), d.lower() + "s") if " " not in d
    )


@cache
def demonym_of_code(code: str) -> str | None:
    """The demonym of the country with ISO code ``code`` ("SD" -> "Sudanese"), by the
    gazetteer's country records; None for a country the table does not know."""
    from .gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    for name, demonym in demonyms().items():
        if any(
            c.country == code and c.feature_code.startswith("PCL")
            for c in gazetteer.candidates(name)
        ):
            return demonym
    return None


@cache
def capital_demonym(name: str) -> str | None:
    """The demonym of the state whose capital ``name`` is, by the gazetteer ("Kyiv",
    "Kiev": "Ukrainian"): a capital stands for its state ("blamed Kyiv", "Moscow's troops");
    None for another name, or one that names capitals of two states."""
    from .gazetteer import Gazetteer

    name = " ".join(name.split())
    if not name[:1].isupper():
        return None
    found = {
        c.country
        for c in Gazetteer.default().candidates(name, skeletons=False)
        if c.feature_code == "PPLC" and c.match in ("name", "alternate") and c.country
    }
    return demonym_of_code(found.pop()) if len(found) == 1 else None
