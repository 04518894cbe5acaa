"""Language packs against the Ukrainian and Russian gold: recall of places, dates, counts, units.

Reads ``shared/gold/dev/uk-ru-dev.jsonl`` and the ``ukrainian.jsonl`` and ``russian.jsonl``
of ``shared/gold/train`` at run time (their texts are never copied). For every gold
incident it asks the pack of the document's language for what it finds inside the
incident's spans, and counts a hit when

- place: a found place's English name is the gold place's name;
- date: a found date range equals the gold date (start and end);
- count: a found count's value is the gold victims' best count;
- unit: a found unit's canonical name is the gold perpetrator's name (units only),

and, per document, how many of the gold ``units`` names the pack finds in the text.
Then the packs' speed: words per second of dates + counts + places + cues over all texts.

    python bench/lang.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casefile.lang import get_pack  # noqa: E402

FILES = ("dev/uk-ru-dev.jsonl", "train/ukrainian.jsonl", "train/russian.jsonl")


def _inside(spans: list[list[int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans) if spans else True


def measure(docs: list[dict[str, Any]], label: str, show_misses: bool) -> None:
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in docs:
        pack = get_pack(doc["language"])
        text, published = doc["text"], doc.get("published")
        places = pack.places(text)
        dates = pack.dates(text, published)
        counts = pack.counts(text)
        units = pack.units(text)
        for inc in doc.get("incidents", []):
            spans = inc.get("spans") or []
            want: dict[str, Any] = {}
            if inc.get("place") and inc["place"].get("name"):
                want["place"] = inc["place"]["name"]
            if inc.get("date") and inc["date"].get("start"):
                want["date"] = (inc["date"]["start"], inc["date"].get("end"))
            count = ((inc.get("victims") or {}).get("count") or {}).get("best")
            if count is not None:
                want["count"] = count
            for actor in inc.get("perpetrators") or []:
                if actor.get("kind") == "unit":
                    want["unit"] = actor["name"]
                    break
            found: dict[str, set[Any]] = {
                "place": {p.name for p in places if _inside(spans, p.start, p.end)},
                "date": {
                    (d.range.start, d.range.end) for d in dates if _inside(spans, d.start, d.end)
                },
                "count": {c.value for c in counts if _inside(spans, c.start, c.end)},
                "unit": {u for s, e, u in units if _inside(spans, s, e)},
            }
            for key, value in want.items():
                total[key] += 1
                if value in found[key]:
                    hits[key] += 1
                elif show_misses:
                    print(f"  miss {key}: {doc['doc_id'][:50]} want {value!r}", file=sys.stderr)
        names = {u for _, _, u in units}
        for unit in doc.get("units", []):
            total["doc unit"] += 1
            hits["doc unit"] += unit["name"] in names
    print(f"{label}: {len(docs)} documents")
    for key in ("place", "date", "count", "unit", "doc unit"):
        if total[key]:
            print(f"  {key:9} recall {hits[key] / total[key]:.2f} ({hits[key]}/{total[key]})")


def speed(docs: list[dict[str, Any]]) -> None:
    for code in ("uk", "ru"):
        texts = [d["text"] for d in docs if d["language"] == code]
        pack = get_pack(code)
        pack.places(texts[0])  # dictionaries and the gazetteer loaded before timing
        words = sum(len(t.split()) for t in texts)
        t0 = time.perf_counter()
        for t in texts:
            pack.dates(t, "2024-01-01")
            pack.counts(t)
            pack.places(t)
            pack.cues(t)
        dt = time.perf_counter() - t0
        print(
            f"speed {code}: {words / dt:,.0f} words/s (dates, counts, places, cues; {words} words)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--misses", action="store_true", help="list every miss on stderr")
    args = ap.parse_args()
    gold = Path(args.shared) / "gold"
    sets = {}
    for name in FILES:
        path = gold / name
        sets[name] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for name, docs in sets.items():
        measure(docs, name, args.misses)
    measure([d for docs in sets.values() for d in docs], "all", False)
    speed([d for docs in sets.values() for d in docs])


if __name__ == "__main__":
    main()
