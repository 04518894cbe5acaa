"""Measure the shipped sentence typer on MUC-4 TST3 (measure only: never trained on).

Document level: a document holds an act of a type where a required gold incident lists that
type; the typer's score for the document is its highest sentence probability for the type.
Prints AP and P/R/F1 at 0.5 per type that TST3 holds.

    python bench/typer_muc4.py [../shared/gold/muc4/tst3.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score

from casefile.extract.sentences import split_sentences
from casefile.learn.typer import SentenceTyper

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "gold" / "muc4" / "tst3.jsonl"


def main(path: Path) -> None:
    typer = SentenceTyper.load()
    truth: dict[str, list[int]] = {t: [] for t in typer.types}
    score: dict[str, list[float]] = {t: [] for t in typer.types}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        types: set[str] = set()
        for inc in rec.get("incidents") or []:
            if not inc.get("optional"):
                t = inc["type"]
                types.update(t if isinstance(t, list) else [t])
        probs = typer.predict([s.text for s in split_sentences(rec["text"])], "en")
        for t in typer.types:
            truth[t].append(int(t in types))
            score[t].append(max((p[t] for p in probs), default=0.0))
    print(f"{'type':22} {'docs':>5} {'AP':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for t in typer.types:
        y, s = np.array(truth[t]), np.array(score[t])
        if not y.any():
            continue
        pred = s >= 0.5
        tp = float((pred & (y == 1)).sum())
        p = tp / pred.sum() if pred.sum() else 0.0
        r = tp / y.sum()
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        ap = average_precision_score(y, s)
        print(f"{t:22} {int(y.sum()):5d} {ap:6.3f} {p:6.3f} {r:6.3f} {f1:6.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
