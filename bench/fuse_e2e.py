"""Case-link F1 end to end: gold documents stripped, ingested, analysed, fused, scored.

    python bench/fuse_e2e.py ../shared/gold/dev/fusion-dev.jsonl

The documents (``score.py strip``: no annotation) go into a fresh SQLite store through
``ingest`` and ``analyze`` (which fuses); ``casefile export --format jsonl`` writes each
document's record with the case in force of each incident, and ``score.py score`` compares
them with the gold.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from casefile.analyze import analyze
from casefile.fuse.stored import fuse_store
from casefile.ingest import ingest
from casefile.store import Store

SCORE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def main(gold: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        with open(docs, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, str(SCORE), "strip", gold], stdout=fh, check=True)
        store = Store(f"sqlite:///{Path(tmp) / 'e2e.db'}")
        try:
            ingest(store, [str(docs)])
            analyze(store)
            print(fuse_store(store).summary)
            out = Path(tmp) / "out.jsonl"
            # the records as `casefile export --format jsonl` writes them: each incident with
            # the case in force, under the doc_id it was ingested with
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "casefile",
                    "--db",
                    f"sqlite:///{Path(tmp) / 'e2e.db'}",
                    "export",
                    "--format",
                    "jsonl",
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(done.stderr or done.stdout)
        finally:
            store.close()
        subprocess.run([sys.executable, str(SCORE), "score", gold, str(out)], check=True)
        if len(sys.argv) > 2:  # keep the fused records to look at
            Path(sys.argv[2]).write_text(out.read_text("utf-8"), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/gold/dev/fusion-dev.jsonl")
