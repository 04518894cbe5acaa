"""Fusion on ECB+ (a sanity check): are news reports of one killing put in one case, and
reports of a similar killing elsewhere in another?

    python bench/fuse_ecbplus.py ../shared/corpus/ecbplus/ECB+

1. the documents, as ``../shared/tools/ecbplus.py docs`` gives them (no date, publisher or
   place of publication: ECB+ keeps only the text);
2. ``casefile extract --jsonl``: each document's incidents;
3. whole-document fallback: a document with no incident gets one of type
   ``FALLBACK_TYPE`` whose passage is the whole text, with no date or place, so that it
   is still compared (on its words) rather than left a case of its own;
4. ``fuse_records``; each document's answer is the case of its first incident;
5. ``ecbplus.py score``: pairwise and B-cubed F1 over all documents pooled.

The features fusion trusts most (day-precise dates, places, counts) are mostly missing
here, so this mostly tests the text feature and the type; it says whether fusion
over-joins look-alikes when only words are left, not what it does on dated reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from casefile.fuse import fuse_records

TOOL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "ecbplus.py"
FALLBACK_TYPE = "killing_of_civilians"


def main(root: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        out = Path(tmp) / "records.jsonl"
        # 1. the documents
        with open(docs, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, str(TOOL), "docs", root], stdout=fh, check=True)
        # 2. extraction
        subprocess.run(
            [sys.executable, "-m", "casefile", "extract", "--jsonl", str(docs), "--out", str(out)],
            check=True,
        )
        texts = {d["doc_id"]: d["text"] for d in map(json.loads, docs.open(encoding="utf-8"))}
        records = [json.loads(line) for line in out.open(encoding="utf-8") if line.strip()]
        # 3. whole-document fallback
        fallback = 0
        for rec in records:
            rec.setdefault("text", texts[rec["doc_id"]])
            if not rec.get("incidents"):
                fallback += 1
                rec["incidents"] = [_whole(rec["text"])]
        # 4. fusion
        fused, cases = fuse_records(records)
        assign = Path(tmp) / "assign.jsonl"
        with open(assign, "w", encoding="utf-8") as fh:
            for rec in fused:
                fh.write(json.dumps({"doc_id": rec["doc_id"], "case": rec["incidents"][0]["case"]}))
                fh.write("\n")
        print(
            f"{len(records)} documents, {fallback} with no incident (whole-document fallback), "
            f"{sum(len(r['incidents']) for r in fused)} incidents, {len(cases)} cases"
        )
        # 5. the score
        subprocess.run([sys.executable, str(TOOL), "score", root, str(assign)], check=True)


def _whole(text: str) -> dict:
    return {
        "type": FALLBACK_TYPE,
        "summary": "",
        "date": None,
        "place": None,
        "perpetrators": [],
        "victims": {"category": "unknown", "count": None},
        "evidence": [],
        "certainty": "reported",
        "attribution": [],
        "spans": [[0, len(text)]],
    }


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ecbplus/ECB+")
