"""The brief as PDF: its HTML printed by Debian's chromium, headless (the browser the tests
already use). Where no chromium is installed there is no PDF maker: ``find_chromium`` says so
and ``brief`` writes the Markdown and HTML alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import CasefileError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120  # seconds


def find_chromium() -> str | None:
    """The chromium to print with: $CASEFILE_CHROMIUM, else the first on PATH."""
    given = os.environ.get("CASEFILE_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def html_to_pdf(html_file: Path, pdf_file: Path, chromium: str) -> None:
    """Print ``html_file`` to ``pdf_file``; CasefileError if chromium fails."""
    with tempfile.TemporaryDirectory(prefix="casefile-chromium-") as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",  # as root (containers, CI) chromium refuses to start without it
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_file}",
            html_file.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise CasefileError(f"{chromium} could not print {html_file}: {e}") from None
    if done.returncode != 0 or not pdf_file.exists() or pdf_file.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise CasefileError(f"{chromium} did not print {html_file}: {' / '.join(tail)}")
