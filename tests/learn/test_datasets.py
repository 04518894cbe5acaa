"""Training examples: sentence labels from gold spans, UCDP codes to labels, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.errors import InputError
from casefile.learn.datasets import (
    TYPES,
    gold_files,
    gold_sentences,
    read_gold,
    ucdp_labels,
    ucdp_sentences,
)

TEXT = (
    "A drone struck a minibus near the market on Monday. "
    "Four passengers were killed. "
    "Separately, the mayor spoke about the harvest. "
    "Guards beat detainees in the cellar, a witness said."
)


def record(**extra: object) -> dict[str, object]:
    attack = (0, TEXT.index("Separately"))
    torture = (TEXT.index("Guards"), len(TEXT))
    rec: dict[str, object] = {
        "doc_id": "made-up",
        "text": TEXT,
        "language": "en",
        "incidents": [
            {"type": "attack_on_civilians", "spans": [list(attack)]},
            {"type": ["torture", "unlawful_detention"], "spans": [list(torture)], "optional": True},
        ],
    }
    rec.update(extra)
    return rec


def write(tmp_path: Path, sub: str, *records: dict[str, object]) -> Path:
    (tmp_path / sub).mkdir(parents=True, exist_ok=True)
    path = tmp_path / sub / "x.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_sentences_under_a_required_incident_are_positive(tmp_path: Path) -> None:
    docs = read_gold([write(tmp_path, "train", record())])
    rows = list(gold_sentences(docs))
    assert [r.text[:10] for r in rows] == ["A drone st", "Four passe", "Separately", "Guards bea"]
    attack = TYPES.index("attack_on_civilians")
    assert [r.labels[attack] for r in rows] == [1, 1, 0, 0]
    assert {r.group for r in rows} == {"made-up"}


def test_sentences_under_an_optional_incident_say_nothing_of_its_types(tmp_path: Path) -> None:
    rows = list(gold_sentences(read_gold([write(tmp_path, "dev", record())])))
    torture, detention = TYPES.index("torture"), TYPES.index("unlawful_detention")
    assert rows[3].labels[torture] == -1 and rows[3].labels[detention] == -1
    assert rows[0].labels[torture] == 0


def test_only_train_and_dev_are_read_never_check(tmp_path: Path) -> None:
    write(tmp_path, "train", record())
    write(tmp_path, "check", record())
    assert [p.parent.name for p in gold_files(tmp_path)] == ["train"]
    with pytest.raises(InputError, match="measuring only"):
        read_gold([tmp_path / "check" / "x.jsonl"])


def test_a_broken_gold_line_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "train", record())
    path.write_text(path.read_text() + "{not json\n")
    with pytest.raises(InputError, match=r"x\.jsonl:2"):
        read_gold([path])


def test_limit_takes_documents_from_every_file(tmp_path: Path) -> None:
    a = write(tmp_path, "train", record(doc_id="a1"), record(doc_id="a2"))
    b = write(tmp_path, "dev", record(doc_id="b1"), record(doc_id="b2"))
    assert [d.doc_id for d in read_gold([a, b], limit=3)] == ["a1", "b1", "a2"]


def ucdp(violence: str, side_b: str, civ: int, a: int, b: int) -> dict[str, str]:
    return {
        "type_of_violence": violence,
        "side_b": side_b,
        "deaths_civilians": str(civ),
        "deaths_a": str(a),
        "deaths_b": str(b),
    }


@pytest.mark.parametrize(
    ("row", "positive", "unlabelled"),
    [
        (ucdp("3", "Civilians", 4, 0, 0), ["killing_of_civilians"], "all others"),
        (ucdp("1", "Government of X", 2, 0, 0), ["attack_on_civilians"], "killing_of_civilians"),
        (ucdp("1", "Government of X", 0, 3, 1), [], None),
    ],
)
def test_ucdp_codes_map_to_labels(
    row: dict[str, str], positive: list[str], unlabelled: str | None
) -> None:
    labels = ucdp_labels(row)
    assert labels is not None
    assert [t for t, v in zip(TYPES, labels, strict=True) if v == 1] == positive
    if unlabelled == "all others":
        assert all(v == -1 for t, v in zip(TYPES, labels, strict=True) if t not in positive)
    elif unlabelled:
        assert labels[TYPES.index(unlabelled)] == -1
        assert labels.count(0) == len(TYPES) - 2
    else:
        assert labels == [0] * len(TYPES)


def test_ucdp_events_with_mixed_or_no_deaths_are_not_used() -> None:
    assert ucdp_labels(ucdp("1", "Government of X", 2, 1, 0)) is None
    assert ucdp_labels(ucdp("1", "Government of X", 0, 0, 0)) is None


def test_ucdp_headlines_split_and_conflicts_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.csv"
    head = "type_of_violence,side_b,deaths_civilians,deaths_a,deaths_b,source_headline\n"
    rows = [
        '1,Government of X,2,0,0,"Shell hits a made-up town, two residents die;Short"',
        '1,Government of X,0,2,0,"Two soldiers die in a made-up battle near a river"',
        '3,Civilians,1,0,0,"Two soldiers die in a made-up battle near a river"',
    ]
    path.write_text(head + "\n".join(rows) + "\n", encoding="cp1252")
    out = ucdp_sentences(path, weight=0.3)
    assert [s.text for s in out] == ["Shell hits a made-up town, two residents die"]
    assert out[0].weight == 0.3 and out[0].source == "ucdp"
