"""``casefile fuse --jsonl``: records in, the same records with ``case`` out; bad input named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.model import Actor, Count, DateRange, Incident, Place

IZIUM = Place("Izium", "UA", "Kharkiv Oblast", 49.20697, 37.27679, "settlement")


def line(doc_id: str, published: str, count: int) -> str:
    text = f"A strike on the Izium market killed {count}."
    inc = Incident(
        "attack_on_civilians",
        date=DateRange("2024-03-10", "2024-03-10"),
        place=IZIUM,
        perpetrators=[Actor("Russian forces", "force")],
        victim_category="civilian",
        count=Count(best=count),
        spans=[(0, len(text))],
    )
    rec = {"doc_id": doc_id, "text": text, "published": published, "incidents": [inc.to_record()]}
    return json.dumps(rec)


@pytest.mark.slow
def test_fuse_jsonl_puts_a_case_on_every_incident(cli, tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        "\n".join([line("a", "2024-03-10", 8), line("b", "2024-03-12", 11)]) + "\n"
    )
    done = cli("fuse", "--jsonl", "in.jsonl", "--out", "out.jsonl", "--cases", "cases.jsonl")
    assert done.returncode == 0, done.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in out] == ["a", "b"]
    assert out[0]["incidents"][0]["case"] == out[1]["incidents"][0]["case"]
    [case] = [json.loads(x) for x in (tmp_path / "cases.jsonl").read_text().splitlines()]
    assert case["victims"]["count"] == {"low": 8, "best": 11, "high": 11}
    assert "1 cases, 1 of several reports" in done.stderr
    (tmp_path / "bad.jsonl").write_text(line("a", "2024-03-10", 8) + "\n{not json\n")
    bad = cli("fuse", "--jsonl", "bad.jsonl")
    assert bad.returncode == 2 and "bad.jsonl:2" in bad.stderr and "Traceback" not in bad.stderr
