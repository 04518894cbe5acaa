"""Training examples for the learned scorers, read from the data we may learn from.

Only these (docs/learning.md says why): our gold annotations in ``shared/gold/train`` and
``shared/gold/dev`` (never ``gold/check``), UCDP GED for Ukraine (CC BY 4.0) and examples we
write. Nothing here is imported at run time; ``casefile.learn.train`` calls it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, RecordError
from ..extract.sentences import split_sentences
from ..vocab import INCIDENT_TYPES

TYPES = INCIDENT_TYPES.values
# The gold folders that may be trained on; anything else is refused by gold_files().
TRAINABLE = ("train", "dev")


@dataclass
class GoldDoc:
    """One gold record: the document fields and its annotations, as the spec writes them."""

    doc_id: str
    text: str
    language: str
    published: str | None
    record: dict[str, Any] = field(repr=False)

    @property
    def incidents(self) -> list[dict[str, Any]]:
        return list(self.record.get("incidents") or [])

    @property
    def aliases(self) -> dict[str, list[str]]:
        return dict(self.record.get("aliases") or {})


def gold_files(gold_root: Path) -> list[Path]:
    """The trainable gold files under ``gold_root`` (``train/`` and ``dev/`` only)."""
    files = [f for sub in TRAINABLE for f in sorted((gold_root / sub).glob("*.jsonl"))]
    if not files:
        raise InputError(str(gold_root), "no gold files in train/ or dev/")
    return files


def read_gold(files: Iterable[Path], limit: int | None = None) -> list[GoldDoc]:
    """Gold documents of ``files`` (at most ``limit``, taken evenly across files)."""
    per_file: list[list[GoldDoc]] = []
    for path in files:
        if "check" in path.parts:
            raise InputError(str(path), "the check set is for measuring only, never training")
        docs = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                docs.append(
                    GoldDoc(
                        doc_id=str(rec["doc_id"]),
                        text=str(rec["text"]),
                        language=str(rec.get("language") or "en"),
                        published=rec.get("published"),
                        record=rec,
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise RecordError(f"{path}:{n}", f"not a gold record: {e}") from None
        per_file.append(docs)
    out: list[GoldDoc] = []
    k = 0
    while any(k < len(d) for d in per_file) and (limit is None or len(out) < limit):
        for docs in per_file:
            if k < len(docs) and (limit is None or len(out) < limit):
                out.append(docs[k])
        k += 1
    return out


def types_of(incident: dict[str, Any]) -> list[str]:
    t = incident.get("type")
    return [x for x in (t if isinstance(t, list) else [t]) if x in TYPES]


def overlaps(a: tuple[int, int], b: Iterable[Any]) -> bool:
    return any(int(s) < a[1] and a[0] < int(e) for s, e in b)


# ---------------------------------------------------------------- sentences with types


@dataclass
class TypedSentence:
    text: str
    language: str
    group: str  # the document: rows of one document share a fold
    labels: list[int]  # per type of TYPES: 1, 0, or -1 (left out for that type)
    weight: float = 1.0
    source: str = "gold"


def gold_sentences(docs: Iterable[GoldDoc]) -> Iterator[TypedSentence]:
    """Each sentence of each document (casefile's own splitter), positive for a type where a
    span of a required incident of that type overlaps it; a sentence under an optional
    incident says nothing about that incident's types (-1), unless a required one claims it."""
    for doc in docs:
        for s in split_sentences(doc.text):
            labels = [0] * len(TYPES)
            for inc in doc.incidents:
                if not overlaps((s.start, s.end), inc.get("spans") or []):
                    continue
                for t in types_of(inc):
                    k = TYPES.index(t)
                    if not inc.get("optional"):
                        labels[k] = 1
                    elif labels[k] == 0:
                        labels[k] = -1
            yield TypedSentence(s.text, doc.language, doc.doc_id, labels)


# ---------------------------------------------------------------- UCDP GED headlines

UCDP_MAPPING = """\
UCDP GED codes -> labels (coded fields only, no word lists):
- one-sided violence (type_of_violence 3) against side_b "Civilians":
  killing_of_civilians positive; the other types unlabelled.
- state-based (type_of_violence 1) where only civilians died (deaths_civilians > 0,
  deaths_a = deaths_b = 0): attack_on_civilians positive; killing_of_civilians
  unlabelled (a strike may also be a wilful killing); the other six negative.
- state-based where only combatants died (deaths_civilians = 0, deaths_a + deaths_b > 0):
  negative for all eight types (battle reports full of war words).
- anything else (mixed deaths, no deaths, non-state): not used.
A headline coded under two events with different labels is dropped."""


def ucdp_labels(row: dict[str, str]) -> list[int] | None:
    """The labels of one UCDP event's headlines under UCDP_MAPPING, or None (not used)."""

    def num(key: str) -> int:
        try:
            return int(float(row.get(key) or 0))
        except ValueError:
            return 0

    civ, combatants = num("deaths_civilians"), num("deaths_a") + num("deaths_b")
    violence = (row.get("type_of_violence") or "").strip()
    k = TYPES.index
    if violence == "3" and (row.get("side_b") or "").strip() == "Civilians":
        labels = [-1] * len(TYPES)
        labels[k(INCIDENT_TYPES.KILLING_OF_CIVILIANS)] = 1
        return labels
    if violence == "1" and civ > 0 and combatants == 0:
        labels = [0] * len(TYPES)
        labels[k(INCIDENT_TYPES.ATTACK_ON_CIVILIANS)] = 1
        labels[k(INCIDENT_TYPES.KILLING_OF_CIVILIANS)] = -1
        return labels
    if violence == "1" and civ == 0 and combatants > 0:
        return [0] * len(TYPES)
    return None


def ucdp_sentences(path: Path, weight: float = 0.5) -> list[TypedSentence]:
    """UCDP headlines (``source_headline``, one per ';') labelled by their event's codes."""
    try:
        with path.open(encoding="cp1252", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(str(path), f"cannot read the UCDP file: {e}") from None
    seen: dict[str, list[int] | None] = {}
    first: dict[str, str] = {}  # lower-cased headline -> as first written
    for row in rows:
        labels = ucdp_labels(row)
        if labels is None:
            continue
        for h in (row.get("source_headline") or "").split(";"):
            h = re.sub(r"\s+", " ", h).strip()
            if len(h) < 20:
                continue
            key = h.lower()
            if key in seen and seen[key] != labels:
                seen[key] = None  # coded two ways: drop
            elif key not in seen:
                seen[key], first[key] = labels, h
    return [
        TypedSentence(first[key], "en", "ucdp", labels, weight=weight, source="ucdp")
        for key, labels in seen.items()
        if labels is not None
    ]
