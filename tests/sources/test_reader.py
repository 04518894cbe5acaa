"""Reading files, folders and streams into Documents; bad input becomes one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.errors import InputError
from casefile.model import Document, sha256
from casefile.sources import Meta, read_path


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF holding ``text`` (built by hand: no PDF writer needed in tests)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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


def read_one(path: Path, **kw: object) -> Document | InputError:
    items = list(read_path(path, **kw))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_markdown_front_matter_gives_metadata_and_body(tmp_path: Path) -> None:
    p = tmp_path / "report.md"
    p.write_text(
        '---\ntitle: "A report"\npublisher: ISW\npublished: 2025-02-20\n---\nBody text here.\n'
    )
    doc = read_one(p)
    assert isinstance(doc, Document)
    assert (doc.title, doc.publisher, doc.published) == ("A report", "ISW", "2025-02-20")
    assert doc.text == "Body text here.\n"
    assert doc.original == p.read_bytes()
    assert doc.id == sha256(p.read_bytes())


def test_command_line_metadata_fills_only_what_is_missing(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("---\npublisher: ISW\n---\nText.\n")
    doc = read_one(
        p, meta=Meta(publisher="Other", published="2024-01-02", url="https://example.org/a")
    )
    assert isinstance(doc, Document)
    assert (doc.publisher, doc.published, doc.url) == ("ISW", "2024-01-02", "https://example.org/a")


def test_bad_front_matter_is_kept_as_text_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("---\ntitle: [unclosed\n---\nText.\n")
    doc = read_one(p)
    assert isinstance(doc, Document)
    assert doc.text.startswith("---") and "front matter" in doc.notes[0]


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    body = " ".join(
        ["Russian forces struck the railway station in Kramatorsk, killing civilians."] * 6
    )
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Strike on station</title>"
        '<meta property="article:published_time" content="2022-04-08"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> Subscribe now</nav>"
        f"<article><h1>Strike on station</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright footer links</footer></body></html>"
    )
    doc = read_one(p)
    assert isinstance(doc, Document)
    assert "Kramatorsk" in doc.text and "Subscribe now" not in doc.text
    assert doc.title == "Strike on station"
    assert doc.published == "2022-04-08"


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    p = tmp_path / "statement.pdf"
    p.write_bytes(tiny_pdf("Six prisoners of war were shot near Robotyne."))
    doc = read_one(p)
    assert isinstance(doc, Document)
    assert "prisoners of war" in doc.text
    assert doc.media_type == "application/pdf"


def test_jsonl_keeps_doc_id_and_hashes_the_text(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    lines = [
        {"doc_id": "a", "text": "One.", "published": "2024-05-01"},
        {"doc_id": "b", "text": "Two."},
    ]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    docs = list(read_path(p))
    assert [d.name for d in docs] == ["a", "b"]  # type: ignore[union-attr]
    assert docs[0].id == sha256("One.")  # type: ignore[union-attr]
    assert docs[0].published == "2024-05-01"  # type: ignore[union-attr]


def test_folder_is_read_recursively_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "sub" / "b.md").write_text("B.")
    (tmp_path / ".hidden.txt").write_text("H.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    names = sorted(d.name for d in read_path(tmp_path))  # type: ignore[union-attr]
    assert names == ["a.txt", "b.md"]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00" * 20, "binary"),
        ("broken.pdf", b"%PDF-1.4 not really", "PDF"),
        ("bad.jsonl", b"{not json}\n", "not valid JSON"),
        ("notext.jsonl", b'{"doc_id": "x"}\n', "missing 'text'"),
    ],
)
def test_bad_input_is_one_clear_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    item = read_one(p)
    assert isinstance(item, InputError)
    assert name in str(item) and problem in str(item)


def test_over_max_bytes_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000)
    item = read_one(p, max_bytes=1000)
    assert isinstance(item, InputError) and "over the limit" in str(item)


def test_invalid_utf8_is_decoded_with_a_fallback_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 in Kyiv was shelled.".encode("cp1252"))
    doc = read_one(p)
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 in Kyiv was shelled."
    assert "not valid UTF-8" in doc.notes[0]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    item = read_one(tmp_path / "nope.txt")
    assert isinstance(item, InputError) and "no such file" in str(item)


def test_bad_jsonl_line_does_not_stop_the_others(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_text('{"doc_id": "a", "text": "A."}\nnot json\n{"doc_id": "c", "text": "C."}\n')
    items = list(read_path(p))
    assert [type(i).__name__ for i in items] == ["Document", "RecordError", "Document"]
    assert "mixed.jsonl:2" in str(items[1])
