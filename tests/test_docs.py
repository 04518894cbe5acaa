"""Docs generated from the code are up to date; the public API is pinned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import casefile

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    r = subprocess.run(
        [sys.executable, "scripts/gen_docs.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_public_api_is_pinned() -> None:
    assert casefile.__all__ == [
        "Actor",
        "Analysis",
        "AnalyzeReport",
        "CasefileError",
        "ConfigError",
        "Count",
        "DateRange",
        "Document",
        "Incident",
        "IncidentPage",
        "IncidentQuery",
        "IngestError",
        "IngestReport",
        "InputError",
        "KnowledgeError",
        "Mention",
        "Meta",
        "Person",
        "Pipeline",
        "Place",
        "RecordError",
        "ReviewedIncident",
        "Settings",
        "Statement",
        "Statistic",
        "Store",
        "StoreError",
        "UnitLink",
        "View",
        "__version__",
        "analyze",
        "extract_lines",
        "ingest",
        "read_path",
    ]
    for name in casefile.__all__:
        assert hasattr(casefile, name), name


def test_registered_stages_match_the_committed_list() -> None:
    from casefile.config import DEFAULT_STAGES
    from casefile.extract.pipeline import stage_info

    assert sorted(s["name"] for s in stage_info()) == sorted(DEFAULT_STAGES)
