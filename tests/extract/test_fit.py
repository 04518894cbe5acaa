"""scripts/fit_extraction.py fits the act model with cross-validation (on documents we write)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score.py"

DOCS = [
    (
        "Russian troops shelled a school in Kharkiv on March 3, killing four civilians.",
        "attack_on_civilians",
        "Kharkiv",
    ),
    (
        "Soldiers executed five prisoners of war near Robotyne on March 1.",
        "execution_of_pows",
        "Robotyne",
    ),
    (
        "A drone hit a bus in Kherson on March 5, killing two passengers.",
        "attack_on_civilians",
        "Kherson",
    ),
    (
        "Militants killed six farmers in a village near Sumy on March 6.",
        "killing_of_civilians",
        "Sumy",
    ),
    (
        "Guards tortured detainees with electric shocks in a basement in Izium in March.",
        "torture",
        "Izium",
    ),
    ("The talks in Geneva ended on March 9 without agreement.", None, None),
]


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file(), reason="needs ../shared/tools/score.py beside the repo")
def test_fit_script_cross_validates_on_a_small_sample(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as f:
        for n, (text, kind, place) in enumerate(DOCS * 2):
            incidents = (
                [{"type": kind, "place": {"name": place}, "spans": [[0, len(text)]]}]
                if kind
                else []
            )
            rec = {
                "doc_id": f"d{n}",
                "text": text,
                "published": "2024-03-10",
                "incidents": incidents,
            }
            f.write(json.dumps(rec) + "\n")
    r = subprocess.run(
        [sys.executable, "scripts/fit_extraction.py", "--gold", str(gold), "--folds", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "chosen threshold" in r.stdout and "held-out incidents" in r.stdout
    f1 = float(r.stdout.split("held-out incidents")[1].split("F1 ")[1].split(";")[0])
    assert f1 > 0.5  # the acts we wrote are found out of fold


def test_the_lowest_threshold_within_the_tolerance_of_the_best_is_chosen() -> None:
    spec = importlib.util.spec_from_file_location(
        "fit_extraction", ROOT / "scripts/fit_extraction.py"
    )
    assert spec and spec.loader
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    f1 = {0.2: 0.60, 0.25: 0.645, 0.3: 0.65, 0.4: 0.654, 0.5: 0.62}
    assert fit.choose_threshold(f1, 0.01) == 0.25
    assert fit.choose_threshold(f1, 0.0) == 0.4
