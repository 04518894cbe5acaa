"""The training script runs end to end on a small made-up sample, in seconds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from casefile.learn.confidence import IncidentConfidence
from casefile.learn.linear import load_weights
from casefile.learn.roles import RoleScorer
from casefile.learn.train import ROOT, main, train
from casefile.learn.typer import SentenceTyper

SCORE_PY = ROOT.parent / "shared" / "tools" / "score.py"

TOWNS = ["Greenhollow", "Redford", "Ashbury", "Millbrook", "Stonebridge", "Oakvale"]
NUMBERS = ["two", "three", "four", "five", "six", "seven"]


def made_up_doc(k: int) -> dict[str, object]:
    """A short wire story of our own: a strike with a toll, a detention, filler."""
    town, n = TOWNS[k], NUMBERS[k]
    strike = f"Enemy forces shelled {town} on 3 May 2024, killing {n} civilians."
    toll = f"Rescuers searched the ruins of a school in {town}."
    filler = "The parliament met to discuss the budget for next year."
    held = f"Soldiers detained a teacher in {town} and took him to an unknown place."
    text = " ".join([strike, toll, filler, held])
    at = text.index
    incidents = [
        {
            "type": "attack_on_civilians",
            "date": {"start": "2024-05-03", "end": "2024-05-03"},
            "place": {"name": town},
            "perpetrators": [{"name": "Enemy forces", "kind": "force"}],
            "victims": {"category": "civilian", "count": {"low": k + 2, "best": k + 2}},
            "spans": [[0, at(filler) - 1]],
        },
        {
            "type": "unlawful_detention",
            "place": {"name": town},
            "victims": {"category": "civilian", "count": {"low": 1, "best": 1}},
            "spans": [[at(held), len(text)]],
        },
    ]
    return {
        "doc_id": f"made-up-{k}",
        "text": text,
        "language": "en",
        "published": "2024-05-04",
        "aliases": {"Enemy forces": ["the enemy"]},
        "incidents": incidents,
    }


@pytest.fixture
def gold_root(tmp_path: Path) -> Path:
    for sub, ks in (("train", range(4)), ("dev", range(4, 6))):
        (tmp_path / "gold" / sub).mkdir(parents=True)
        lines = [json.dumps(made_up_doc(k)) for k in ks]
        (tmp_path / "gold" / sub / "x.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path / "gold"


@pytest.mark.slow
def test_train_writes_weights_that_load_and_reports_figures(
    gold_root: Path, tmp_path: Path
) -> None:
    if not SCORE_PY.is_file():
        pytest.skip(f"the shared scorer is not at {SCORE_PY} (confidence labels need it)")
    out = tmp_path / "weights"
    report = train(gold_root, None, out, n_folds=3, score_py=SCORE_PY, log=lambda _: None)
    assert sorted(p.name for p in out.iterdir()) == ["confidence.npz", "roles.npz", "typer.npz"]
    typer = SentenceTyper.load(out / "typer.npz")
    probs = typer.predict(["Soldiers detained a farmer in Westmoor and took him away."])[0]
    assert probs["unlawful_detention"] > probs["torture"]
    assert RoleScorer.load(out / "roles.npz").temperature > 0
    assert IncidentConfidence.load(out / "confidence.npz").names
    assert report.counts["gold documents"] == 6
    assert 0 <= report.typer["attack_on_civilians"]["f1"] <= 1
    assert report.roles["n"] > 0 and 0 <= report.roles["accuracy"] <= 1
    assert 0 <= report.confidence["brier"] <= 1 and report.confidence["n"] > 0
    assert "typer, out of fold" in "\n".join(report.lines())


@pytest.mark.slow
def test_main_prints_the_figures_and_the_ucdp_mapping(
    gold_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--gold", str(gold_root), "--ucdp", "", "--score-py", str(tmp_path / "none.py")]
    args += ["--out", str(tmp_path / "w"), "--folds", "2", "--limit", "4"]
    assert main(args) == 2  # no scorer there: an error naming it, after the typer and roles
    assert (tmp_path / "w" / "typer.npz").is_file()
    out, err = capsys.readouterr()
    assert "UCDP GED codes -> labels" in out
    assert "none.py" in err and "Traceback" not in err


@pytest.mark.slow
def test_training_twice_gives_the_same_weights(gold_root: Path, tmp_path: Path) -> None:
    for run in ("a", "b"):
        train(gold_root, None, tmp_path / run, n_folds=3, log=lambda _: None)
    header_a, arrays_a = load_weights(tmp_path / "a" / "typer.npz", "casefile.learn.typer.v1")
    header_b, arrays_b = load_weights(tmp_path / "b" / "typer.npz", "casefile.learn.typer.v1")
    assert header_a == header_b
    assert all(np.array_equal(arrays_a[k], arrays_b[k]) for k in arrays_a)
    roles_a = load_weights(tmp_path / "a" / "roles.npz", "casefile.learn.roles.v1")[1]
    roles_b = load_weights(tmp_path / "b" / "roles.npz", "casefile.learn.roles.v1")[1]
    assert all(np.array_equal(roles_a[k], roles_b[k]) for k in roles_a)
