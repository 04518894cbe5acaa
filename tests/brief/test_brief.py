"""Briefs: takeaways ranked and cited to spans that exist, figures by body with breakdowns
checked, units with their chain, byte-for-byte determinism, PDF pages that render."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from casefile.brief import build_brief, html, markdown, write_brief
from casefile.brief.pdf import find_chromium
from casefile.model import Analysis, DateRange, Document, Statistic
from casefile.review import judge
from casefile.store import Store
from casefile.store.view import IncidentQuery

ALL = IncidentQuery(limit=None)


def fig(value: int, category: str, period: str | None, by: str, span: tuple[int, int]) -> Statistic:
    """A figure of victims; ``period`` "2024" or "2024-03..2024-04"."""
    start, _, end = (period or "").partition("..")
    dates = DateRange(start, end or start) if period else None
    return Statistic(value, "victims", category, dates, None, by, [span])


@pytest.fixture
def store(stocked_sqlite):
    """The stock, a confirmation, and a document of figures: a total given with a
    breakdown by year, and another body's figure for the same year."""
    store, ids = stocked_sqlite
    text = (
        "Prosecutors count 30 executed prisoners: 10 in 2023 and 20 in 2024. "
        "A monitoring mission counted 14 such killings in 2024."
    )
    doc = Document.from_text(text, name="figures-2025", published="2025-01-15", publisher="Test")
    total, y23, y24 = (0, 68), (40, 50), (55, 67)
    with store.writer() as w:
        w.add_document(doc)
        w.add_analysis(
            Analysis(
                doc,
                statistics=[
                    Statistic(30, "victims", "pow", None, "2025-01", "prosecutors", [total]),
                    fig(10, "pow", "2023", "prosecutors", y23),
                    fig(20, "pow", "2024", "prosecutors", y24),
                    fig(14, "pow", "2024", "monitors", (69, 122)),
                ],
                extractor="test",
            )
        )
    judge(store, "ana", "incident", ids["Civilians shot in Bucha."], "confirm", "checked")
    judge(store, "ana", "incident", ids["Detainees beaten in Bucha."], "reject", "not torture")
    return store, ids


def test_takeaways_are_ranked_by_their_features(store) -> None:
    s, _ = store
    brief = build_brief(s, ALL)
    scores = [t.score for t in brief.takeaways]
    assert scores == sorted(scores, reverse=True)
    for t in brief.takeaways:
        assert t.score == pytest.approx(sum(t.shares.values()))
        assert set(t.shares) == {"severity", "corroboration", "novelty"}
    # a rejected incident is left out; the confirmed one gains corroboration
    assert all("torture" not in t.sentence for t in brief.takeaways)
    bucha = next(t for t in brief.takeaways if "Bucha" in t.sentence)
    hroza = next(t for t in brief.takeaways if "Hroza" in t.sentence)
    assert bucha.shares["corroboration"] > hroza.shares["corroboration"]
    assert "review: confirmed" in bucha.sentence


def test_since_marks_what_is_new(store) -> None:
    s, _ = store
    brief = build_brief(s, ALL, since="2024-10-01")
    new = {t.place for t in brief.takeaways if t.new}
    assert new == {"Pokrovsk", "Kursk Oblast"}  # their sources were published since
    assert brief.takeaways[0].new


def test_every_takeaway_cites_an_existing_source_span(store) -> None:
    s, _ = store
    brief = build_brief(s, ALL)
    page = html(brief)
    assert brief.takeaways
    for t in brief.takeaways:
        assert t.citations, t.sentence
        for c in t.citations:
            incident = s.view.get_reviewed_incident(c.fact_id)
            assert incident is not None and (c.start, c.end) in incident.incident.spans
            doc = s.view.get_document(incident.document_id)
            assert doc is not None and doc.text[c.start : c.end].startswith(c.quote.rstrip("…"))
            # the link is the case page's, at the anchor case.html gives the span
            assert c.url(brief.base_url) in page
            assert re.fullmatch(
                r"http://127\.0\.0\.1:8000/cases/[0-9a-f]{64}#span-[0-9a-f]{12}-\d+",
                c.url(brief.base_url),
            )


def test_the_case_page_has_the_anchor_a_citation_links_to(served) -> None:
    brief = build_brief(served.store, ALL)
    c = brief.takeaways[0].citations[0]
    served.login("vic")
    page = served.client.get(f"/{c.page}").text
    assert f'id="{c.anchor}"' in page


def test_figures_by_body_check_breakdowns_and_flag_conflicts(store) -> None:
    s, _ = store
    brief = build_brief(s, ALL)
    rows = {(f.body, f.value): f for f in brief.figures}
    assert "breakdown checked: 2 parts add up to 30" in rows[("prosecutors", 30)].flags
    # two bodies, one year, different figures: flagged, and said in a cited sentence
    assert "bodies differ" in rows[("prosecutors", 20)].flags
    assert "bodies differ" in rows[("monitors", 14)].flags
    (note,) = [n for n in brief.figure_notes if "bodies differ" in n[0]]
    assert note[0] == "For victims (pow) in 2024 the bodies differ: prosecutors 20, monitors 14."
    assert {c.start for c in note[1]} == {55, 69}
    assert all(f.citations for f in brief.figures)


def test_a_breakdown_that_does_not_add_up_is_flagged(tmp_path: Path) -> None:
    text = "Officials reported 50 deaths: 10 in March and 15 in April."
    doc = Document.from_text(text, name="d", published="2024-05-01")
    with Store(str(tmp_path / "x.db")) as s:
        with s.writer() as w:
            w.add_document(doc)
            w.add_analysis(
                Analysis(
                    doc,
                    statistics=[
                        fig(50, "civilian", "2024-03..2024-04", "officials", (0, 58)),
                        fig(10, "civilian", "2024-03", "officials", (30, 41)),
                        fig(15, "civilian", "2024-04", "officials", (46, 58)),
                    ],
                    extractor="test",
                )
            )
        rows = {f.value: f for f in build_brief(s, ALL).figures}
    assert rows[50].flags == ["breakdown: 2 parts add up to 25, 25 fewer than the total"]


def test_units_come_with_their_chain_of_command_on_the_date(store) -> None:
    s, _ = store
    units = {u.unit: u for u in build_brief(s, ALL).units}
    pokrovsk = units["30th Motorized Rifle Brigade"]
    assert pokrovsk.on == "2024-10-01" and pokrovsk.chain[0] == "2nd Combined Arms Army"
    assert "stood under 2nd Combined Arms Army" in pokrovsk.sentence and pokrovsk.citations


def test_markdown_and_html_are_the_same_bytes_for_the_same_data(store, tmp_path: Path) -> None:
    s, _ = store
    first = [(tmp_path / "a.md"), (tmp_path / "a.html")]
    second = [(tmp_path / "b.md"), (tmp_path / "b.html")]
    for out in [*first, *second]:
        write_brief(s, ALL, out, since="2024-01-01")
    assert first[0].read_bytes().replace(b"a.", b"X.") == second[0].read_bytes().replace(
        b"b.", b"X."
    )
    assert first[1].read_bytes() == second[1].read_bytes()
    assert (tmp_path / "a.timeline.png").read_bytes() == (tmp_path / "b.timeline.png").read_bytes()
    assert (tmp_path / "a.map.png").read_bytes() == (tmp_path / "b.map.png").read_bytes()


def test_markdown_escapes_what_documents_say(store) -> None:
    s, _ = store
    text = markdown(build_brief(s, ALL), "t.png", "m.png")
    assert "<script>" not in text  # the Hroza stock document carries markup


def test_an_unknown_extension_is_refused(store, tmp_path: Path) -> None:
    s, _ = store
    from casefile.errors import CasefileError

    with pytest.raises(CasefileError, match=r"\.md, \.html or \.pdf"):
        write_brief(s, ALL, tmp_path / "brief.docx")


def test_without_a_pdf_maker_the_others_are_written(store, tmp_path, monkeypatch) -> None:
    s, _ = store
    monkeypatch.setenv("CASEFILE_CHROMIUM", str(tmp_path / "no-such-chromium"))
    written = write_brief(s, ALL, tmp_path / "brief.pdf")
    assert "no PDF maker installed" in written.notes[0]
    assert {p.name for p in written.files} >= {"brief.html", "brief.md"}
    assert not (tmp_path / "brief.pdf").exists()


@pytest.mark.slow
def test_the_pdfs_pages_render(store, tmp_path: Path) -> None:
    if find_chromium() is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs chromium and pdftoppm (poppler-utils): `make system-deps`")
    s, _ = store
    written = write_brief(s, ALL, tmp_path / "brief.pdf")
    assert tmp_path / "brief.pdf" in written.files
    assert (tmp_path / "brief.pdf").read_bytes()[:5] == b"%PDF-"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp_path / "brief.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2  # takeaways, figures, units, two images, sources
    assert all(p.stat().st_size > 2000 for p in pages)  # not blank
