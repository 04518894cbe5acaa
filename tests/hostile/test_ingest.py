"""Hostile and unlucky input to ingest and extract (#9): one bad file is named and rejected,
every other file is stored, nothing is lost and no traceback is shown."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from casefile.ingest import ingest
from casefile.model import sha256
from casefile.sources import read_path
from casefile.sources.preserve import decode
from casefile.store import Store

Cli = Callable[..., CompletedProcess[str]]

CYRILLIC = "Обстріл села тривав усю ніч, троє цивільних загинули. " * 40


def tiny_pdf(objects: list[bytes]) -> bytes:
    """A PDF made of ``objects`` (numbered from 1, the catalog first), with a valid xref."""
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


SELF_REFERENCING_PDF = tiny_pdf(
    [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"3 0 R",  # an object that is a reference to itself
    ]
)
SVG_HTML = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
    b"<text>not an article</text></svg>"
)
SURROGATE_LINE = b'{"doc_id": "lone", "text": "Shelling of the x \\ud800 y district."}'


def hostile_folder(root: Path) -> Path:
    """A folder of good files with the bad ones of the report among them."""
    folder = root / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Two houses burned in the village on 3 May 2024.\n")
    (folder / "b.jsonl").write_bytes(
        SURROGATE_LINE + b"\n" + b'{"doc_id": "fine", "text": "A school was hit."}\n'
    )
    (folder / "c-svg.html").write_bytes(SVG_HTML)
    (folder / "d-selfref.pdf").write_bytes(SELF_REFERENCING_PDF)
    data, at = CYRILLIC.encode(), len(CYRILLIC[:100].encode())  # between two characters
    (folder / "e-cyrillic.txt").write_bytes(data[:at] + b"\xff" + data[at:])
    (folder / "f-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + CYRILLIC.encode("utf-16-le"))
    (folder / "g-good.md").write_text("# Note\n\nA bridge was destroyed.\n")
    return folder


def test_one_bad_file_is_named_and_every_other_stored(cli: Cli, tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    got = cli("--db", "h.db", "ingest", str(folder))
    assert got.returncode == 1, got.stderr  # 1: some rejected
    assert "Traceback" not in got.stderr
    rejected = [line for line in got.stderr.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 2, got.stderr
    assert "c-svg.html: the HTML parser failed" in rejected[0]
    assert "d-selfref.pdf: the PDF parser failed" in rejected[1]
    assert got.stdout.startswith("6 new, 0 already known, 2 rejected")
    with Store(str(tmp_path / "h.db")) as store:
        docs = {d.name: d for d in store.view.iter_documents()}
    assert set(docs) == {"a-good.txt", "lone", "fine", "e-cyrillic.txt", "f-utf16.txt", "g-good.md"}
    # a lone surrogate: U+FFFD in the text, the line kept byte for byte, a note
    lone = docs["lone"]
    assert lone.text == "Shelling of the x \ufffd y district."
    assert lone.original == SURROGATE_LINE
    assert lone.id == sha256(lone.text)
    assert "lone surrogate" in lone.notes[0]
    # one bad byte: one U+FFFD where it stood, the rest still Cyrillic, its offset noted
    cyr = docs["e-cyrillic.txt"]
    assert cyr.text.count("\ufffd") == 1 and cyr.text.replace("\ufffd", "") == CYRILLIC
    assert f"(byte offsets {len(CYRILLIC[:100].encode())})" in cyr.notes[0]
    assert docs["f-utf16.txt"].text == CYRILLIC
    # a rerun stores nothing twice and still names the same two files
    again = cli("--db", "h.db", "ingest", str(folder))
    assert again.returncode == 1 and again.stdout.startswith("0 new, 6 already known, 2 rejected")


def test_could_not_run_is_a_distinct_exit_code(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / "db-is-a-folder").mkdir()
    got = cli("--db", "db-is-a-folder", "ingest", "a.txt")
    assert got.returncode == 2, got.stderr
    assert got.stderr.startswith("error:") and "Traceback" not in got.stderr
    bad_date = cli("--db", "x.db", "ingest", "--published", "2022-02-31", "a.txt")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr


def test_extract_answers_every_line(cli: Cli, tmp_path: Path) -> None:
    lines = [
        SURROGATE_LINE,
        b'{"doc_id": "deep", "text": ' + b"[" * 50_000 + b"}",
        b'{"doc_id": "ok", "text": "Four civilians were killed in the shelling."}',
    ]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    got = cli("extract", "--jsonl", "in.jsonl")
    assert got.returncode == 1 and "Traceback" not in got.stderr
    out = [json.loads(line) for line in got.stdout.splitlines()]
    assert [r["doc_id"] for r in out] == ["lone", "deep", "ok"]
    assert "error" not in out[0] and "error" in out[1] and "error" not in out[2]


def test_a_batch_the_database_refuses_loses_only_the_bad_document(
    fresh_store: Store, tmp_path: Path
) -> None:
    """PostgreSQL cannot hold a NUL character in text: that one document is rejected, named,
    and the rest of its batch is stored (on SQLite all three are)."""
    (tmp_path / "x.jsonl").write_bytes(
        b'{"doc_id": "one", "text": "first"}\n'
        b'{"doc_id": "nul", "text": "a \\u0000 b"}\n'
        b'{"doc_id": "three", "text": "third"}\n'
    )
    report = ingest(fresh_store, [str(tmp_path)])
    names = {d.name for d in fresh_store.view.iter_documents()}
    assert {"one", "three"} <= names
    if fresh_store.engine.dialect.name == "postgresql":
        assert "nul" not in names and len(report.rejected) == 1
        assert "x.jsonl" in str(report.rejected[0]) or "nul" in str(report.rejected[0])
    else:
        assert "nul" in names and not report.rejected


def test_a_few_bad_bytes_are_replaced_in_place_not_the_file_redecoded() -> None:
    text, notes = decode("héllo wörld".encode("cp1252"), "legacy.txt")
    assert text == "héllo wörld" and "decoded as cp1252" in notes[0]  # a legacy file
    a, b, c = (CYRILLIC[:5].encode(), CYRILLIC[5:10].encode(), CYRILLIC[10:].encode())
    text, notes = decode(a + b"\xc3" + b + b"\xff" + c, "x.txt")
    assert text == CYRILLIC[:5] + "\ufffd" + CYRILLIC[5:10] + "\ufffd" + CYRILLIC[10:]
    assert f"(byte offsets {len(a)}, {len(a) + 1 + len(b)})" in notes[0]
    for bom, codec in (
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ):
        text, notes = decode(bom + CYRILLIC.encode(codec), "wide.txt")
        assert text == CYRILLIC and codec in notes[0]


def test_parsers_failing_on_their_own_are_one_error_each(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(SELF_REFERENCING_PDF)
    (tmp_path / "bad.html").write_bytes(SVG_HTML)
    items = list(read_path(tmp_path))
    assert [str(i).split(":")[0] for i in items] == [
        str(tmp_path / "bad.html"),
        str(tmp_path / "bad.pdf"),
    ]


def test_an_impossible_publication_date_is_left_empty_and_said(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"doc_id": "d", "text": "x", "published": "2022-02-31"}\n')
    (tmp_path / "b.md").write_text("---\npublished: 2022-13-45\n---\nA bridge was hit.\n")
    docs = list(read_path(tmp_path))
    assert [d.published for d in docs] == [None, None]  # type: ignore[union-attr]
    assert "'2022-02-31' is not a date" in docs[0].notes[0]  # type: ignore[union-attr]
    assert "'2022-13-45' is not a date" in docs[1].notes[0]  # type: ignore[union-attr]
