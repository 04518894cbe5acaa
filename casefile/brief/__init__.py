"""Cited briefs: what happened, how sure we are, who is implicated, how the figures of
different bodies compare, every sentence with its sources. ``build.py`` gathers the brief,
``charts.py`` draws its images, ``render.py`` writes Markdown and HTML, ``pdf.py`` prints the
HTML with chromium. ``write_brief`` is the flow the CLI and ``casefile demo`` call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CasefileError
from ..store import Store
from ..store.view import IncidentQuery
from .build import Brief, Citation, build_brief
from .charts import map_png, timeline_png
from .pdf import find_chromium, html_to_pdf
from .render import html, markdown

FORMATS = (".md", ".html", ".pdf")


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. no PDF maker installed


def write_brief(
    store: Store,
    query: IncidentQuery,
    out: Path,
    since: str | None = None,
    base_url: str = "http://127.0.0.1:8000",
    title: str = "Brief",
) -> Written:
    """Write the brief to ``out`` (.md, .html or .pdf) and what it needs beside it.

    1. check the name; 2. build the brief; 3. Markdown with its two images beside it, or
    HTML (self-contained); 4. for .pdf: the HTML beside it, printed by chromium, or where
    none is installed, say so and write the Markdown and HTML instead."""
    # 1. the name
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise CasefileError(f"--out {out}: name a .md, .html or .pdf file")
    if not out.parent.is_dir():
        raise CasefileError(f"--out {out}: the folder {out.parent} does not exist")
    # 2. the brief
    brief = build_brief(store, query, since, base_url, title)
    written = Written()
    stem = out.with_suffix("")
    # 3. Markdown or HTML
    if suffix == ".md":
        written.files += _write_markdown(brief, stem)
    elif suffix == ".html":
        written.files.append(_write(out, html(brief).encode("utf-8")))
    else:
        # 4. PDF
        chromium = find_chromium()
        html_file = _write(stem.with_suffix(".html"), html(brief).encode("utf-8"))
        written.files.append(html_file)
        if chromium is None:
            written.notes.append(
                "no PDF maker installed (chromium not found; `apt-get install chromium` or set "
                "CASEFILE_CHROMIUM): wrote the Markdown and HTML instead"
            )
            written.files += _write_markdown(brief, stem)
        else:
            html_to_pdf(html_file, out, chromium)
            written.files.append(out)
    return written


def _write_markdown(brief: Brief, stem: Path) -> list[Path]:
    timeline, where = (
        stem.with_name(stem.name + ".timeline.png"),
        stem.with_name(stem.name + ".map.png"),
    )
    text = markdown(brief, timeline.name, where.name)
    return [
        _write(stem.with_suffix(".md"), text.encode("utf-8")),
        _write(timeline, timeline_png(brief)),
        _write(where, map_png(brief)),
    ]


def _write(path: Path, data: bytes) -> Path:
    try:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as e:
        raise CasefileError(f"{path}: cannot be written ({e.strerror})") from None
    return path


__all__ = ["Brief", "Citation", "Written", "build_brief", "html", "markdown", "write_brief"]
