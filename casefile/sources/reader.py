"""Dispatch: a path or stream becomes Documents, each bad item an IngestError."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import IngestError, InputError, RecordError
from ..extract.dates import resolve_published
from ..lang import detect_language, unsupported_note
from ..model import Document, sha256
from .html import html_to_text
from .jsonl import iter_lines, parse_record
from .pdf import pdf_to_text
from .preserve import check_bytes, decode
from .text import split_front_matter

DEFAULT_MAX_BYTES = 20_000_000
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".jsonl", ".ndjson"}
MEDIA_TYPES = {".pdf": "application/pdf", ".md": "text/markdown", ".markdown": "text/markdown"}


@dataclass
class Meta:
    """Metadata given on the command line; it fills what a document does not say itself."""

    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None  # unlike the others, it overrides what a document says

    def fill(self, found: dict[str, Any]) -> dict[str, Any]:
        out = {
            k: found.get(k) or getattr(self, k) for k in ("publisher", "published", "url", "title")
        }
        out["published"] = resolve_published(out["published"])
        return out

    def set_language(self, doc: Document, found: dict[str, Any]) -> None:
        """The document's language: ``--language``, else what it says, else detected from
        its text; a language casefile cannot analyse adds a note (the document is kept)."""
        given = self.language or found.get("language")
        doc.language = language_code(given) if given else detect_language(doc.text)
        if doc.language is None:
            doc.notes.append("its language could not be told (too short?); analysed as English")
            return
        note = unsupported_note(doc.language)
        if note:
            doc.notes.append(note)


def language_code(value: object) -> str:
    """The ISO 639-1 part of a language tag: "uk", "UK", "uk-UA", "uk_UA" -> "uk"."""
    return str(value).strip().lower().replace("_", "-").split("-")[0]


Item = Document | InputError
# Called with a path a folder holds that is not read, and why.
OnSkip = Callable[[str, str], None]

# Files that come with a folder of reports but are none: a README, a licence... (compared by
# the name before its suffix, without case). A file named on the command line is read anyway.
NOT_REPORTS = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "changelog",
        "changes",
        "authors",
        "contributing",
        "code_of_conduct",
        "security",
    }
)


def read_path(
    path: str | Path,
    meta: Meta | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: OnSkip | None = None,
) -> Iterator[Item]:
    """Documents from a file, a folder (recursively) or ``-`` (standard input).

    In a folder, hidden files and folders, files of a kind casefile does not read, and files
    that are no report (README, LICENSE ...: ``NOT_REPORTS``) are skipped, each reported to
    ``on_skip`` with the reason."""
    meta = meta or Meta()
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", meta, max_bytes)
        return
    p = Path(path)
    if p.is_dir():
        for f, reason in _folder(p):
            if reason is None:
                yield from _read_file(f, meta, max_bytes)
            elif on_skip is not None:
                on_skip(str(f), reason)
        return
    if not p.exists():
        yield IngestError(str(p), "no such file or folder")
        return
    yield from _read_file(p, meta, max_bytes)


def read_stream(stream: BinaryIO, name: str, meta: Meta, max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON Lines if it starts with ``{``, else one text document."""
    data = stream.read(max_bytes + 1)
    kind = ".jsonl" if data.lstrip()[:1] == b"{" else ".txt"
    yield from _read_bytes(data, name, kind, meta, max_bytes, source_path=None)


def _folder(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Every file under ``root`` in name order, with the reason it is skipped (None: read it).
    A hidden folder counts once, its content unread."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for d in sorted(x for x in dirnames if x.startswith(".")):
            yield here / d, "a hidden folder"
        dirnames[:] = sorted(x for x in dirnames if not x.startswith("."))
        for name in sorted(filenames):
            yield here / name, _skip_reason(here / name)


def _skip_reason(f: Path) -> str | None:
    if f.name.startswith("."):
        return "a hidden file"
    if f.stem.lower() in NOT_REPORTS or f.name.lower() in NOT_REPORTS:
        return f"not a report (a {f.stem.upper()} file)"
    if f.suffix.lower() not in SUFFIXES:
        return f"not a kind of file casefile reads ({', '.join(sorted(SUFFIXES))})"
    return None


def _read_file(p: Path, meta: Meta, max_bytes: int) -> Iterator[Item]:
    try:
        size = p.stat().st_size
        if size > max_bytes and p.suffix.lower() not in (".jsonl", ".ndjson"):
            yield IngestError(
                str(p),
                f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                "raise it with --max-bytes",
            )
            return
        data = p.read_bytes()
    except OSError as e:
        yield IngestError(str(p), f"cannot be read ({e.strerror or e})")
        return
    yield from _read_bytes(data, str(p), p.suffix.lower(), meta, max_bytes, source_path=str(p))


def _read_bytes(
    data: bytes, source: str, suffix: str, meta: Meta, max_bytes: int, source_path: str | None
) -> Iterator[Item]:
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(data, source, meta, max_bytes, source_path)
        return
    try:
        check_bytes(data, source, max_bytes)
        doc = _one_document(data, source, suffix, meta)
    except InputError as e:
        yield e
        return
    except Exception as e:
        yield _parser_failed(source, suffix, e)
        return
    doc.source_path = source_path
    yield doc


def _one_document(data: bytes, source: str, suffix: str, meta: Meta) -> Document:
    found: dict[str, Any] = {}
    notes: list[str] = []
    if suffix == ".pdf":
        text, found = pdf_to_text(data, source)
    else:
        raw, notes = decode(data, source)
        if suffix in HTML_SUFFIXES:
            text, found = html_to_text(raw)
        else:
            found, text, fm_notes = split_front_matter(raw)
            notes += fm_notes + _date_notes(found)
    if not text.strip():
        raise IngestError(source, "no text found in the file")
    name = Path(source).name if source != "<stdin>" else ""
    doc = Document(
        id=sha256(data),
        text=text,
        name=str(found.get("doc_id") or name),
        original=data,
        media_type=MEDIA_TYPES.get(
            suffix, "text/html" if suffix in HTML_SUFFIXES else "text/plain"
        ),
        notes=notes,
        **meta.fill(found),
    )
    meta.set_language(doc, found)
    return doc


def _read_jsonl(
    data: bytes, source: str, meta: Meta, max_bytes: int, source_path: str | None
) -> Iterator[Item]:
    if not data.strip():
        yield IngestError(source, "file is empty")
        return
    for lineno, line in iter_lines(data):
        try:
            rec, notes = parse_record(line, source, lineno, max_bytes)
            notes += _date_notes(rec)
            doc = Document.from_text(
                rec["text"],
                name=str(rec.get("doc_id") or f"{Path(source).name}:{lineno}"),
                media_type="application/x-ndjson",
                source_path=source_path,
                notes=notes,
                **meta.fill(rec),
            )
        except InputError as e:
            yield e
            continue
        except Exception as e:
            yield RecordError(f"{source}:{lineno}", f"cannot be read ({type(e).__name__}: {e})")
            continue
        doc.original = line  # the line as it came, byte for byte, not the re-encoded text
        meta.set_language(doc, rec)
        yield doc


def _date_notes(found: dict[str, Any]) -> list[str]:
    """A note where the document's own publication date is no real date (2022-02-31)."""
    given = found.get("published")
    if given and isinstance(given, str) and resolve_published(given) is None:
        return [f"published {given!r} is not a date; left empty"]
    return []


def _parser_failed(source: str, suffix: str, e: Exception) -> IngestError:
    """A parser (pypdf, lxml, trafilatura) raised on this file: name the file and the error."""
    kind = "PDF" if suffix == ".pdf" else "HTML" if suffix in HTML_SUFFIXES else "text"
    message = str(e).splitlines()[0][:200] if str(e) else ""
    return IngestError(
        source,
        f"the {kind} parser failed ({type(e).__name__}{': ' + message if message else ''})",
        "the file may be damaged or not what its name says",
    )
