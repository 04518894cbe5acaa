"""Toponym resolution against the gold of LGL and GeoWebNews (shared/corpus/geowebnews).

Given the gold toponym spans, resolve each with its article as context
(casefile.resolve.geocode.geocode_all) and print accuracy within 161 km (the
literature's figure) and 30 km (casefile's settlement tolerance), beside the
baseline "the most populous place of that name".

    python bench/geocode.py [path/to/shared]      # default: ../shared from the repo root

LGL: every toponym with coordinates. GeoWebNews: toponyms with coordinates of the
literal types (Literal, Literal_Modifier, Literal_Expression, Embedded_Literal).
The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casefile.knowledge.gazetteer import Gazetteer  # noqa: E402
from casefile.model import Place  # noqa: E402
from casefile.resolve.geocode import distance_km, geocode_all  # noqa: E402

GWN_TYPES = {"Literal", "Literal_Modifier", "Literal_Expression", "Embedded_Literal"}


@dataclass
class Gold:
    name: str
    start: int
    end: int
    lat: float
    lon: float


def read_lgl(path: Path) -> list[tuple[str, list[Gold]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            lat, lon = float(g.findtext("lat") or "nan"), float(g.findtext("lon") or "nan")
            golds.append(Gold(text[start:end], start, end, lat, lon))
        docs.append((text, golds))
    return docs


def read_gwn(path: Path) -> list[tuple[str, list[Gold]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            if t.findtext("type") not in GWN_TYPES or not t.findtext("latitude"):
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            lat = float(t.findtext("latitude") or "nan")
            lon = float(t.findtext("longitude") or "nan")
            golds.append(Gold(text[start:end], start, end, lat, lon))
        docs.append((text, golds))
    return docs


def largest(name: str, gaz: Gazetteer) -> Place | None:
    """The baseline: the most populous place whose name or other name matches."""
    cands = [c for c in gaz.candidates(name) if c.match in ("name", "alternate")]
    return max(cands, key=lambda c: c.population).place if cands else None


def report(label: str, errors: list[float], seconds: float) -> str:
    n = len(errors)
    a161 = sum(e <= 161 for e in errors) / n
    a30 = sum(e <= 30 for e in errors) / n
    finite = [e for e in errors if math.isfinite(e)]
    median = statistics.median(finite) if finite else math.inf
    return (
        f"{label} accuracy@161km {a161:.3f} accuracy@30km {a30:.3f} n={n} "
        f"unresolved={n - len(finite)} median_km={median:.0f} time={seconds:.1f}s"
    )


def run(name: str, docs: list[tuple[str, list[Gold]]], gaz: Gazetteer, verbose: bool) -> None:
    t0 = time.perf_counter()
    errors = []
    for text, golds in docs:
        if not golds:
            continue
        places = geocode_all(
            [g.name for g in golds], text, spans=[(g.start, g.end) for g in golds], gazetteer=gaz
        )
        for g, p in zip(golds, places, strict=True):
            e = distance_km(p, Place(g.name, lat=g.lat, lon=g.lon)) if p else math.inf
            errors.append(e)
            if verbose and e > 161:
                got = f"{p.name} ({p.country}, {p.admin1}, {p.precision})" if p else None
                print(f"  {g.name!r} -> {got} {e:.0f} km", file=sys.stderr)
    print(report(name, errors, time.perf_counter() - t0))
    t0 = time.perf_counter()
    base = []
    for _text, golds in docs:
        for g in golds:
            p = largest(g.name, gaz)
            base.append(distance_km(p, Place(g.name, lat=g.lat, lon=g.lon)) if p else math.inf)
    print(report(f"{name} baseline(largest)", base, time.perf_counter() - t0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", choices=["LGL", "GeoWebNews"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses on stderr")
    args = ap.parse_args()
    corpus = args.shared / "corpus" / "geowebnews"
    t0 = time.perf_counter()
    gaz = Gazetteer.default()
    print(f"gazetteer loaded in {time.perf_counter() - t0:.2f}s ({len(gaz)} places)")
    if args.only in (None, "LGL"):
        run("LGL", read_lgl(corpus / "lgl.xml"), gaz, args.verbose)
    if args.only in (None, "GeoWebNews"):
        run("GeoWebNews", read_gwn(corpus / "GWN.xml"), gaz, args.verbose)


if __name__ == "__main__":
    main()
