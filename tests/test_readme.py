"""Every code block of README.md runs, in order, as a newcomer would type it (#10), in the
spirit of sqlite-utils' and Datasette's documentation tests.

The ``sh`` blocks and ``python`` blocks become one bash script, run in an empty folder with
casefile's virtual environment first on PATH. Three lines are read for what they mean here,
each with its reason (``REWRITES``), and a ``casefile serve`` line starts the server, waits
until it answers, and stops it, all under a timeout.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```$", re.MULTILINE | re.DOTALL)

# README lines that mean something else inside this test, and why.
REWRITES = {
    # `make demo` is `make install` (this test runs inside the installed environment) and then
    # `casefile demo`, which is what runs here.
    "make demo": "casefile demo",
    # `make test` runs the suite this test is part of.
    "make test": ":",
    # the environment's bin/ is already first on PATH.
    ". .venv/bin/activate": ":",
}

PRELUDE = r"""
set -euo pipefail
trap 'echo "README line failed: $BASH_COMMAND" >&2' ERR
answers() {
    python -c "import urllib.request as u, sys; u.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null
}
serve_briefly() {  # start a server, wait until it answers, stop it: at most 60 s
    "$@" --port "$PORT" &
    local pid=$!
    for _ in $(seq 1 300); do
        if answers "http://127.0.0.1:$PORT/api/v1/openapi.json"; then
            kill -INT "$pid"; wait "$pid" || true
            echo "served and stopped: $*"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then echo "server exited: $*" >&2; return 1; fi
        sleep 0.2
    done
    kill "$pid"; echo "server did not answer: $*" >&2; return 1
}
"""


def readme_blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def script(blocks: list[tuple[str, str]]) -> str:
    parts = [PRELUDE]
    for lang, code in blocks:
        if lang == "python":
            parts.append(f"python - <<'PYTHON_BLOCK'\n{code}PYTHON_BLOCK\n")
            continue
        for line in code.splitlines():
            command = line.split("  #")[0].rstrip()
            if command in REWRITES:
                line = REWRITES[command]
            elif command.startswith("casefile serve"):
                line = f"serve_briefly {command}"
            parts.append(line + "\n")
    return "".join(parts)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_readme_has_blocks_of_every_kind() -> None:
    blocks = readme_blocks()
    assert {lang for lang, _ in blocks} == {"sh", "python"}
    commands = script(blocks)
    for needed in ("casefile demo", "serve_briefly casefile serve", "--password-stdin"):
        assert needed in commands


def test_every_readme_block_runs(tmp_path: Path) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PORT=str(_free_port()),
        NO_COLOR="1",
        COLUMNS="200",
    )
    r = subprocess.run(
        ["bash", "-c", script(readme_blocks())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, f"{r.stderr[-3000:]}\n--- stdout\n{r.stdout[-2000:]}"
    # what a newcomer was told would happen did
    assert "skipped examples/README.md: not a report" in r.stderr
    assert (tmp_path / "demo.db").exists() and (tmp_path / "casefile.db").exists()
    assert (tmp_path / "pows.csv").read_text().startswith("id,document,type")
    assert len((tmp_path / "records.jsonl").read_text().splitlines()) == 3
    assert r.stdout.count("served and stopped") == 2
    assert "audit log intact" in r.stdout
