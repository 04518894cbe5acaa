"""Extraction speed: casefile's full Pipeline against bare spaCy NER, on real news text.

Reads the texts of every corpus in shared/corpus (MUC-4, RAMS, WikiEvents, GeoWebNews
and LGL, ECB+, UCDP headlines, CASE 2021 snippets), mixes them round-robin so that
each corpus has an equal share until it runs out, and deals the mix into 3 shards of
the same make-up. On each shard, in turn and in this one process, it times casefile's
full extraction (the configured Pipeline over every document, in batches of 32 as
``casefile extract`` runs it; ``--one-by-one``: each document alone) and, as the reference,
the same spaCy model's named entity recognition alone (``nlp.pipe`` with NER and only
what NER listens to) over the same texts. It prints documents/s and words/s (and words
per CPU-second, steadier on a busy machine) per shard and their medians, the peak RSS
of each side and of the process, the slowest documents, then a line
``ratio R (casefile / bare spaCy NER)``: casefile's median words/s over NER's; last, the
pipeline's words/s on the English, Ukrainian and Russian texts of ``shared/gold/dev``
(read at run time, each language with its own ``Document.language``) and their ratios.

    python bench/extract.py [--docs N] [--quick] [--shared PATH] [--one-by-one]

Every text is used once: no document is run twice, so no cache can serve a repeat.
Only if more documents are asked for than the corpora hold (about 6,400) is a text
repeated, and then each copy starts with its own line ("Copy 2.") so that it differs.
Words are whitespace-separated tokens. The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from casefile.config import Settings  # noqa: E402
from casefile.extract.pipeline import Pipeline  # noqa: E402
from casefile.model import Analysis, Document  # noqa: E402

SHARDS = 3
SEED = 20240817  # fixes the order within each corpus, so runs compare
# Where a corpus gives no publication date: a fixed one, so that relative dates
# ("on Saturday") are resolved as they are for real input with a date.
NOMINAL_PUBLISHED = "2020-06-15"
# Our own words, not the corpus's: loads the gazetteer and the model before timing.
WARMUP = (
    "On 3 March 2022 Russian forces shelled a school in Kharkiv, killing 4 civilians, "
    "the regional governor Oleh Synehubov said."
)
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
NO_SPACE_BEFORE = set(".,;:!?)]}%'\"”’") | {"'s", "n't", "’s"}


@dataclass
class Text:
    corpus: str
    name: str
    text: str
    published: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


# -- reading the corpora --------------------------------------------------------------


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and tok not in NO_SPACE_BEFORE and not out[-1].endswith(("(", "[", "$", "“")):
            out.append(" ")
        out.append(tok)
    return "".join(out)


def muc_date(text: str) -> str | None:
    """The wire dateline's date, "Lima, 20 Aug 88 (EFE)" -> 1988-08-20."""
    m = re.search(r"\b(\d{1,2}) ([A-Za-z]{3}) (\d{2})\b", text[:200])
    if not m or m[2].lower() not in MONTHS:
        return None
    return f"19{m[3]}-{MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"


def read_muc4(root: Path) -> Iterator[Text]:
    # TST3 in upper case, TST4 in its original case, TST1+2 only as the lower-cased
    # processed file: each message once.
    for name in ("tst3-muc4", "tst4-muc4.mixed-case"):
        raw = (root / "raw" / name).read_text(encoding="latin-1")
        parts = re.split(r"^([A-Z0-9]+-MUC\d-\d{4})\b.*$", raw, flags=re.M)
        for i in range(1, len(parts), 2):
            body = parts[i + 1].strip()
            yield Text("muc4", parts[i], body, muc_date(body))
    with open(root / "processed" / "dev.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            yield Text("muc4", rec["docid"], rec["doctext"], muc_date(rec["doctext"]))


def read_rams(root: Path) -> Iterator[Text]:
    for split in ("dev", "test"):
        with open(root / f"{split}.jsonlines", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                text = " ".join(detokenize(s) for s in rec["sentences"])
                yield Text("rams", rec["doc_key"], text)


def read_wikievents(root: Path) -> Iterator[Text]:
    for split in ("dev", "test"):
        with open(root / f"{split}.jsonl", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                yield Text("wikievents", rec["doc_id"], rec["text"])


def read_geowebnews(root: Path) -> Iterator[Text]:
    for art in ET.parse(root / "lgl.xml").getroot().iter("article"):
        published = (art.findtext("dltime") or "")[:10] or None
        yield Text(
            "geowebnews", "lgl-" + art.get("docid", ""), art.findtext("text") or "", published
        )
    for art in ET.parse(root / "GWN.xml").getroot().iter("article"):
        yield Text("geowebnews", "gwn-" + art.get("file", ""), art.findtext("text") or "")


def read_ecbplus(root: Path) -> Iterator[Text]:
    for path in sorted((root / "ECB+").glob("*/*.xml")):
        sentences: dict[str, list[str]] = {}
        for tok in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(tok.get("sentence", ""), []).append(tok.text or "")
        yield Text("ecbplus", path.stem, "\n".join(detokenize(s) for s in sentences.values()))


def ucdp_date(value: str) -> str | None:
    first = value.split(";")[0].strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", first):
        return first
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", first)
    return f"{m[3]}-{m[2]}-{m[1]}" if m else None


def read_ucdp(root: Path) -> Iterator[Text]:
    # One document per row's headlines (several reports of one event, one per line).
    with open(root / "UCDP-Ukraine.csv", encoding="cp1252", newline="") as f:
        for row in csv.DictReader(f):
            lines = dict.fromkeys(h.strip() for h in row["source_headline"].split(";"))
            text = "\n".join(h for h in lines if h)
            yield Text("ucdp-ged-ukraine", row["id"], text, ucdp_date(row["source_date"]))


def read_case2021(root: Path) -> Iterator[Text]:
    path = root / "test_set_final_release_with_labels.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yield Text("case2021-task2", "case-" + row["id"], row["EventSnippet"])


READERS: dict[str, Callable[[Path], Iterator[Text]]] = {
    "muc4": read_muc4,
    "rams": read_rams,
    "wikievents": read_wikievents,
    "geowebnews": read_geowebnews,
    "ecbplus": read_ecbplus,
    "ucdp-ged-ukraine": read_ucdp,
    "case2021-task2": read_case2021,
}


def read_corpora(corpus: Path) -> dict[str, list[Text]]:
    """Every corpus's texts, each distinct text once (UCDP rows share headlines)."""
    seen: set[str] = set()
    out: dict[str, list[Text]] = {}
    for folder, read in READERS.items():
        texts = []
        for t in read(corpus / folder):
            if t.text.strip() and t.text not in seen:
                seen.add(t.text)
                texts.append(t)
        random.Random(SEED).shuffle(texts)
        out[folder] = texts
    return out


def mix(corpora: dict[str, list[Text]], n: int) -> list[Text]:
    """n texts round-robin over the corpora; past the last text, distinct copies."""
    queue = [t for group in _round_robin(list(corpora.values())) for t in group]
    out = []
    for i in range(n):
        t = queue[i % len(queue)]
        copy = i // len(queue)
        if copy:
            t = Text(
                t.corpus, f"{t.name}#copy{copy + 1}", f"Copy {copy + 1}.\n{t.text}", t.published
            )
        out.append(t)
    return out


def _round_robin(lists: list[list[Text]]) -> Iterator[list[Text]]:
    for i in range(max(len(x) for x in lists)):
        yield [x[i] for x in lists if i < len(x)]


def split_shards(texts: list[Text]) -> list[list[int]]:
    """Indices of texts in SHARDS shards of the same make-up: each corpus dealt out in turn."""
    shards: list[list[int]] = [[] for _ in range(SHARDS)]
    dealt: Counter[str] = Counter()
    for i, t in enumerate(texts):
        shards[dealt[t.corpus] % SHARDS].append(i)
        dealt[t.corpus] += 1
    return shards


# -- measuring ------------------------------------------------------------------------


@dataclass
class Run:
    docs: int
    words: int
    seconds: float  # wall clock
    cpu: float  # CPU seconds of the process, all threads: less sensitive to a busy machine

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


class Peak:
    """Peak RSS per phase, and of the whole process.

    On Linux a process may reset its high-water mark (/proc/self/clear_refs, "5"), so
    casefile's figure is its own although the bare model's batches, which peak higher,
    run between its shards. Where that is not allowed, each figure is the process's peak
    so far.
    """

    def __init__(self) -> None:
        self.process = 0.0
        self.now()
        self.resettable = self._reset()

    def start(self) -> None:
        self.process = max(self.process, self.now())
        self._reset()

    def now(self) -> float:
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        mb = rss / (1 << 20) if sys.platform == "darwin" else rss / 1024
        self.process = max(self.process, mb)
        return mb

    def _reset(self) -> bool:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            return False
        return True


def run_casefile(
    pipeline: Pipeline,
    docs: list[Document],
    texts: list[Text],
    slow: list[tuple[float, Text]],
    one_by_one: bool = False,
) -> tuple[Run, int, list[str]]:
    """Time the pipeline over docs, in batches as ``casefile extract`` runs it
    (``Pipeline.outcomes``) or, ``one_by_one``, each document alone; per-document times (the
    sum of its stages' times, its share of a batch's spaCy calls included) go to ``slow``."""
    incidents, errors = 0, []
    start, cpu = time.perf_counter(), time.process_time()
    for t, result in zip(texts, outcomes(pipeline, docs, one_by_one), strict=True):
        if isinstance(result, Analysis):
            incidents += len(result.incidents)
            slow.append((sum(result.timings.values()), t))
        else:  # one failing document must not hide the figures; counted
            errors.append(f"{t.name}: {type(result).__name__}: {result}")
    run = Run(
        len(docs),
        sum(t.words for t in texts),
        time.perf_counter() - start,
        time.process_time() - cpu,
    )
    return run, incidents, errors


def outcomes(
    pipeline: Pipeline, docs: list[Document], one_by_one: bool = False
) -> Iterator[Analysis | Exception]:
    """Each document's Analysis or error: batched, or each document alone."""
    if not one_by_one:
        yield from pipeline.outcomes(docs, settle=True)  # as casefile extract runs it
        return
    for doc in docs:
        try:
            yield pipeline(doc)
        except Exception as e:
            yield e


def bare_ner(model: str) -> Language:
    """The model with NER enabled and only the components NER listens to."""
    nlp = spacy.load(model)
    needed = [
        name
        for name, pipe in nlp.pipeline
        if "ner" in getattr(pipe, "listening_components", [])  # a shared tok2vec
    ]
    nlp.select_pipes(enable=[*needed, "ner"])
    return nlp


def run_ner(nlp: Language, texts: list[Text]) -> tuple[Run, int]:
    ents = 0
    start, cpu = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(t.text for t in texts):
        ents += len(doc.ents)
    run = Run(
        len(texts),
        sum(t.words for t in texts),
        time.perf_counter() - start,
        time.process_time() - cpu,
    )
    return run, ents


def line(label: str, run: Run) -> str:
    return (
        f"{label:<24} {run.docs:>5} docs {run.words:>9,} words {run.seconds:>7.2f}s "
        f"{run.docs_per_s:>7.1f} docs/s {run.words_per_s:>7,.0f} words/s "
        f"({run.words / run.cpu:,.0f} words/CPU-s)"
    )


def medians(runs: list[Run]) -> tuple[float, float, float]:
    """Median docs/s, words/s and words/CPU-s over the shards."""
    return (
        statistics.median(r.docs_per_s for r in runs),
        statistics.median(r.words_per_s for r in runs),
        statistics.median(r.words / r.cpu for r in runs),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents in all (default 2000)")
    ap.add_argument("--quick", action="store_true", help="200 documents, for a smoke run")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="shared folder")
    ap.add_argument(
        "--one-by-one",
        action="store_true",
        help="run casefile on each document alone (Pipeline.__call__), not in batches",
    )
    args = ap.parse_args()
    n = 200 if args.quick else args.docs
    if n < SHARDS:
        ap.error(f"--docs must be at least {SHARDS}")
    peak = Peak()

    # 1. the texts, mixed over the corpora, and their Documents (made before timing)
    t0 = time.perf_counter()
    corpora = read_corpora(args.shared / "corpus")
    texts = mix(corpora, n)
    docs = [
        Document.from_text(t.text, name=t.name, published=t.published or NOMINAL_PUBLISHED)
        for t in texts
    ]
    shards = split_shards(texts)
    pool, words = sum(len(v) for v in corpora.values()), sum(t.words for t in texts)
    print(
        f"{n} documents, {words:,} words ({words / n:.0f} a document), from {pool:,} distinct "
        f"texts ({max(0, n - pool)} repeated as distinct copies), read in "
        f"{time.perf_counter() - t0:.1f}s"
    )
    print("  " + ", ".join(f"{c} {k}" for c, k in Counter(t.corpus for t in texts).items()))
    settings = Settings()
    print(
        f"model {settings.model}, spaCy {spacy.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {SHARDS} shards, casefile and bare NER in turn on each; "
        + ("casefile on each document alone" if args.one_by_one else "casefile in batches")
    )

    # 2. both set up and warmed up on our own sentence
    t0 = time.perf_counter()
    pipeline = Pipeline.from_settings(settings)
    pipeline(Document.from_text(WARMUP, name="warmup", published="2022-03-04"))
    print(f"casefile setup {time.perf_counter() - t0:.1f}s ({len(pipeline.stages)} stages)")
    t0 = time.perf_counter()
    nlp = bare_ner(settings.model)
    list(nlp.pipe([WARMUP]))
    print(
        f"bare spaCy NER setup {time.perf_counter() - t0:.1f}s "
        f"(pipes: {', '.join(nlp.pipe_names)}; batch_size {nlp.batch_size}); "
        f"RSS {peak.now():.0f} MB"
    )

    # 3. each shard: casefile, then bare NER, so that both see the same machine load
    slow: list[tuple[float, Text]] = []
    cf_runs: list[Run] = []
    ner_runs: list[Run] = []
    errors: list[str] = []
    cf_peak, ner_peak, incidents, ents = 0.0, 0.0, 0, 0
    for k, idx in enumerate(shards, 1):
        peak.start()
        run, found, errs = run_casefile(
            pipeline, [docs[i] for i in idx], [texts[i] for i in idx], slow, args.one_by_one
        )
        cf_peak = max(cf_peak, peak.now())
        cf_runs.append(run)
        incidents, errors = incidents + found, errors + errs
        print(line(f"casefile shard {k}", run))
        peak.start()
        run, found = run_ner(nlp, [texts[i] for i in idx])
        ner_peak = max(ner_peak, peak.now())
        ner_runs.append(run)
        ents += found
        print(line(f"bare spaCy NER shard {k}", run))

    # 4. medians, memory, errors, the slowest documents, the ratio
    cf, ner = medians(cf_runs), medians(ner_runs)
    for label, (d, w, c), what in (
        ("casefile", cf, f"{incidents} incidents, {len(errors)} errors"),
        ("bare spaCy NER", ner, f"{ents} entities"),
    ):
        print(
            f"{label:<17} median {d:>7.1f} docs/s {w:>7,.0f} words/s ({c:,.0f} words/CPU-s)  {what}"
        )
    for e in errors[:5]:
        print(f"  error {e}")
    print(
        f"peak RSS casefile {cf_peak:.0f} MB, bare spaCy NER {ner_peak:.0f} MB, "
        f"process {peak.process:.0f} MB"
        + ("" if peak.resettable else " (peak could not be reset: each is the process's)")
    )
    print("slowest casefile documents:")
    for seconds, t in sorted(slow, key=lambda x: x[0], reverse=True)[:5]:
        print(
            f"  {seconds:6.2f}s {t.words:>6} words {1000 * seconds / t.words:5.2f} ms/word  "
            f"{t.corpus} {t.name}"
        )
    print(f"CPU ratio {cf[2] / ner[2]:.2f} (words/CPU-s, casefile / bare spaCy NER)")
    print(f"ratio {cf[1] / ner[1]:.2f} (casefile / bare spaCy NER)")

    # 5. Ukrainian and Russian beside English, on the dev gold's texts
    by_language(pipeline, args.shared / "gold" / "dev", args.one_by_one)


def by_language(pipeline: Pipeline, dev: Path, one_by_one: bool, rounds: int = 3) -> None:
    """The pipeline's words/s on the dev gold's texts of each language (read at run time;
    each text run ``rounds`` times, each copy with its own first line, as above)."""
    texts: dict[str, list[tuple[str, str | None]]] = {}
    for path in sorted(dev.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(raw)
            texts.setdefault(rec.get("language") or "en", []).append(
                (rec["text"], rec.get("published"))
            )
    figures = {}
    for code in ("en", "uk", "ru"):
        docs = [
            Document.from_text(f"Copy {k}.\n{text}", published=published, language=code)
            for k in range(1, rounds + 1)
            for text, published in texts.get(code, [])
        ]
        if not docs:
            continue
        words = sum(len(d.text.split()) for d in docs)
        pipeline(Document.from_text("Warm-up.\n" + docs[0].text, language=code))  # untimed
        start = time.perf_counter()
        for _ in outcomes(pipeline, docs, one_by_one):
            pass
        figures[code] = words / (time.perf_counter() - start)
        print(f"language {code}: {len(docs)} documents, {figures[code]:>7,.0f} words/s")
    if "en" in figures:
        print(
            "language ratio "
            + ", ".join(f"{c}/en {w / figures['en']:.2f}" for c, w in figures.items() if c != "en")
        )


if __name__ == "__main__":
    main()
