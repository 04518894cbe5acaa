"""Extraction quality on every gold set, in one table.

    python bench/quality.py [--sets dev,train,check,tst3,tst4]

For each set under ../shared/gold: the gold is stripped (``score.py strip``), run through
``casefile extract --jsonl`` and scored (``score.py score --json``); one row per set with the
headline score, incident P/R/F1, perpetrator F1, date, place and count accuracy, and the
Brier score of ``confidence``. Only the aggregate figures are printed: the check set and
MUC-4 TST4 are for measuring, never for reading their misses. ``train`` and ``dev`` are the
sets the act model is fitted on (scripts/fit_extraction.py), so their rows are in-sample;
the held-out figure of that fit is printed below the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "dev": "gold/dev/*.jsonl",
    "train": "gold/train/*.jsonl",
    "check": "gold/check/*.jsonl",
    "tst3": "gold/muc4/tst3.jsonl",
    "tst4": "gold/muc4/tst4.jsonl",
}


def run(cmd: list[str], out: Path | None = None) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    if out is not None:
        out.write_text(r.stdout, encoding="utf-8")
    return r.stdout


def measure(name: str, pattern: str, tmp: Path) -> dict:
    files = sorted(SHARED.glob(pattern))
    gold = tmp / f"{name}.gold"
    gold.write_text("".join(f.read_text(encoding="utf-8") for f in files), encoding="utf-8")
    scorer = str(SHARED / "tools" / "score.py")
    run([sys.executable, scorer, "strip", str(gold)], tmp / f"{name}.in")
    casefile = str(Path(sys.executable).parent / "casefile")
    run([casefile, "extract", "--jsonl", str(tmp / f"{name}.in")], tmp / f"{name}.pred")
    result = json.loads(run([sys.executable, scorer, "score", str(gold), str(tmp / f"{name}.pred"), "--json"]))
    docs = sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())
    return {"set": name, "docs": docs, **result}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            rows.append(measure(name, SETS[name], Path(tmp)))
    print("| set | docs | score | incidents P | R | F1 | perpetrators F1 | date | place | count | Brier |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        f, acc = r["f"], r["accuracy"]
        inc = f.get("incidents", {})
        brier = (r.get("confidence") or {}).get("brier")
        cells = [
            r["set"], str(r["docs"]), f"{r['score']:.3f}",
            f"{inc.get('p', 0):.3f}", f"{inc.get('r', 0):.3f}", f"{inc.get('f', 0):.3f}",
            f"{f.get('perpetrators', {}).get('f', 0):.3f}",
            *(f"{acc.get(k, {}).get('value', 0):.3f}" for k in ("date", "place", "victim count")),
            f"{brier:.3f}" if brier is not None else "-",
        ]
        print("| " + " | ".join(cells) + " |")
    weights = yaml.safe_load((ROOT / "casefile/extract/weights.yaml").read_text(encoding="utf-8"))
    held = weights.get("held_out") or {}
    if held:
        print(
            f"\nact model, {held['documents']} train+dev documents, 5-fold held-out: incidents "
            f"P {held['incidents_p']} R {held['incidents_r']} F1 {held['incidents_f1']}, "
            f"Brier {held['brier']}, ECE {held['ece']}"
        )


if __name__ == "__main__":
    main()
