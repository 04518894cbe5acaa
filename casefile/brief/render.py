"""A Brief as Markdown and as HTML; the same brief gives the same bytes (no clock, no
random, images rendered deterministically)."""

from __future__ import annotations

import base64
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from .build import Brief, Citation
from .charts import map_png, timeline_png


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("casefile.brief", "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    return env


def scope(brief: Brief) -> str:
    """One line: what the brief covers."""
    filters = ", ".join(f"{k}: {v}" for k, v in brief.filters.items()) or "none"
    new = f"; new since {brief.since}" if brief.since else ""
    return (
        f"{brief.incidents} incidents in {brief.cases} cases (rejected ones left out); "
        f"filters: {filters}{new}. Ranked by severity, corroboration and novelty."
    )


def numbering(brief: Brief) -> tuple[list[Citation], dict[tuple[str, int, int], int]]:
    cited = brief.citations()
    return cited, {c.key(): n for n, c in enumerate(cited, 1)}


def html(brief: Brief, fragment: bool = False) -> str:
    """The brief as a standalone HTML file (images inline), or its body for a web page."""
    cited, number = numbering(brief)
    template = _env().get_template("body.html" if fragment else "brief.html")
    return template.render(
        brief=brief,
        scope=scope(brief),
        citations=cited,
        number=number,
        timeline=_data_uri(timeline_png(brief)),
        map=_data_uri(map_png(brief)),
    )


def markdown(brief: Brief, timeline_file: str, map_file: str) -> str:
    """The brief as Markdown; the images are the files named (written beside it)."""
    cited, number = numbering(brief)

    def cites(citations: list[Citation]) -> str:
        return "".join(f" [[{number[c.key()]}]]({c.url(brief.base_url)})" for c in citations)

    lines = [f"# {_md(brief.title)}", "", _md(scope(brief)), "", "## Key takeaways", ""]
    for n, t in enumerate(brief.takeaways, 1):
        new = "**New.** " if t.new else ""
        shares = ", ".join(f"{k} {v:.2f}" for k, v in t.shares.items())
        lines.append(f"{n}. {new}{_md(t.sentence)}{cites(t.citations)}")
        lines.append(f"   <br>*score {t.score:.2f}: {shares}*")
    if not brief.takeaways:
        lines.append("No incident matches.")
    lines += ["", "## Figures by body", ""]
    if brief.figures:
        lines.append("| Measure | Body | Value | Period | As of | Checks | Sources |")
        lines.append("|---|---|---:|---|---|---|---|")
        for f in brief.figures:
            cells = [f.measure, f.body, str(f.value), f.period, f.as_of, "; ".join(f.flags)]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + f" |{cites(f.citations)} |")
        for text, cs in brief.figure_notes:
            lines += ["", f"- {_md(text)}{cites(cs)}"]
    else:
        lines.append("No figure in the sources.")
    lines += ["", "## Units implicated", ""]
    for u in brief.units:
        basis = f" *(chain: {_md(u.basis)})*" if u.basis else ""
        lines.append(f"- {_md(u.sentence)}{cites(u.citations)}{basis}")
    if not brief.units:
        lines.append("No unit is named as a perpetrator.")
    lines += [
        "",
        "## Timeline",
        "",
        f"![Incidents per month]({timeline_file})",
        "",
        "## Map",
        "",
        f"![The key takeaways' places on a longitude/latitude frame]({map_file})",
        "",
        "## Sources",
        "",
    ]
    for n, c in enumerate(cited, 1):
        meta = "".join(f", {_md(x)}" for x in (c.publisher, c.published) if x)
        lines.append(
            f"{n}. [{_md(c.title)}]({c.url(brief.base_url)}){meta} ({_md(c.document)}, "
            f"characters {c.start}–{c.end}): “{_md(c.quote)}”"
        )
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe in Markdown: markup characters escaped, HTML's too."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def _cell(text: str) -> str:
    return _md(text).replace("\n", " ")


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
