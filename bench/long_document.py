"""Long documents: how casefile's extraction grows with a document's length.

Builds documents of 16k, 32k, 64k and 128k words by joining the news articles of
LGL and GeoWebNews (shared/corpus/geowebnews, in file order, read in place, never
copied), runs casefile's full extraction (``Pipeline.from_settings()`` on
``Document.from_text``) on each, and prints per size the time and the peak RSS
above the process's resident size before the document, for the whole extraction
and separately for the places stage, with the number of place mentions and of
distinct place names found.

    python bench/long_document.py [--sizes 16000 32000 ...] [--shared PATH]

Each size runs in a fresh process (the same interpreter), after the pipeline is
loaded and warmed up on a sentence of our own, so that no size inherits another's
heap. Peaks are read from the kernel (``VmHWM``, reset through ``clear_refs``
before each stage), so they catch short-lived arrays a sampler would miss; this
needs Linux. Words are whitespace-separated tokens.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (16_000, 32_000, 64_000, 128_000)
PLACES_STAGE = "casefile.places.v5"
# Our own words, not the corpus's: loads the gazetteer and the model before timing.
WARMUP = (
    "On 3 March 2022 Russian forces shelled a school in Kharkiv, killing 4 civilians, "
    "the regional governor Oleh Synehubov said."
)


def articles(shared: Path) -> list[str]:
    """The article texts of LGL, then of GeoWebNews, in file order."""
    corpus = shared / "corpus" / "geowebnews"
    texts = []
    for name in ("lgl.xml", "GWN.xml"):
        for art in ET.parse(corpus / name).getroot().iter("article"):
            text = (art.findtext("text") or "").strip()
            if text:
                texts.append(text)
    return texts


def long_text(texts: list[str], words: int) -> str:
    """Whole articles joined by blank lines until the text holds ``words`` words."""
    parts: list[str] = []
    count = 0
    i = 0
    while count < words:
        text = texts[i % len(texts)]
        if i >= len(texts):  # past the end of the corpus: a copy that differs
            text = f"Copy {i // len(texts) + 1}.\n{text}"
        parts.append(text)
        count += len(text.split())
        i += 1
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Memory, from the kernel
# ---------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        match = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def _reset_peak() -> None:
    """Set the process's peak RSS (VmHWM) to its current RSS (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


@dataclass
class Measured:
    """A stage wrapped so that its time and the peak RSS it reached are recorded."""

    stage: Any
    seconds: float = 0.0
    rss_before_kb: int = 0
    peak_kb: int = 0

    def __getattr__(self, attr: str) -> Any:  # name, requires, assigns
        return getattr(self.stage, attr)

    def __call__(self, analysis: Any) -> None:
        _reset_peak()
        self.rss_before_kb = _status_kb("VmRSS")
        t0 = time.perf_counter()
        self.stage(analysis)
        self.seconds = time.perf_counter() - t0
        self.peak_kb = _status_kb("VmHWM")


def measure_one(words: int, shared: Path) -> dict[str, Any]:
    """Extract one document of ``words`` words in this process and return the figures."""
    from casefile.extract.pipeline import Pipeline
    from casefile.model import Document

    pipeline = Pipeline.from_settings()
    pipeline(Document.from_text(WARMUP, name="warmup", published="2024-01-01"))
    text = long_text(articles(shared), words)
    doc = Document.from_text(text, name=f"long-{words}", published="2024-01-01")
    measured = [Measured(s) for s in pipeline.stages]
    pipeline.stages = measured  # type: ignore[assignment]
    _reset_peak()
    rss0 = _status_kb("VmRSS")
    t0 = time.perf_counter()
    analysis = pipeline(doc)
    seconds = time.perf_counter() - t0
    places = next(m for m in measured if m.stage.name == PLACES_STAGE)
    mentions = [m for m in analysis.mentions if m.kind == "place"]
    return {
        "words": len(text.split()),
        "seconds": seconds,
        "extra_mb": (max(m.peak_kb for m in measured) - rss0) / 1024,
        "peak_mb": max(m.peak_kb for m in measured) / 1024,
        "places_seconds": places.seconds,
        "places_extra_mb": (places.peak_kb - places.rss_before_kb) / 1024,
        "place_mentions": len(mentions),
        "place_names": len({m.text for m in mentions}),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=list(SIZES), help="words")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child: one size, JSON out
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.shared)))
        return
    print(
        f"{'words':>7} {'time':>8} {'extra RSS':>10} {'peak RSS':>9} "
        f"{'places time':>12} {'places extra':>13} {'mentions':>9} {'names':>6}"
    )
    for words in args.sizes:
        child = [sys.executable, __file__, "--one", str(words), "--shared", str(args.shared)]
        out = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['words']:>7} {r['seconds']:>7.1f}s {r['extra_mb']:>7.0f} MB "
            f"{r['peak_mb']:>6.0f} MB {r['places_seconds']:>11.2f}s "
            f"{r['places_extra_mb']:>10.0f} MB {r['place_mentions']:>9} {r['place_names']:>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
