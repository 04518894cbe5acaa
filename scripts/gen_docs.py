"""Generate docs/cli.md, docs/stages.md and docs/configuration.md from the code.

python scripts/gen_docs.py          write them
python scripts/gen_docs.py --check  exit 1 if any is out of date (tests/test_docs.py)
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

import typer

from casefile import vocab
from casefile.cli import app
from casefile.config import Settings
from casefile.extract.pipeline import stage_info

DOCS = Path(__file__).resolve().parent.parent / "docs"


def cli_md() -> str:
    group = typer.main.get_command(app)
    lines = [
        "# casefile commands",
        "",
        "Generated from the code by `scripts/gen_docs.py`; do not edit.",
        "",
    ]
    lines += ["Global options (before the command):", ""]
    lines += _params(group.params)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        lines += _command(f"casefile {name}", cmd)
    return "\n".join(lines).rstrip() + "\n"


def _command(path: str, cmd) -> list[str]:  # a click Command, or a Group with subcommands
    lines = ["", f"## {path}", "", (cmd.help or "").strip(), ""]
    subcommands = getattr(cmd, "commands", None)
    if subcommands:
        lines.append("Commands: " + ", ".join(f"`{path} {name}`" for name in subcommands))
        for name, sub in subcommands.items():
            lines += _command(f"{path} {name}", sub)
        return lines
    args = [p for p in cmd.params if p.param_type_name == "argument"]
    if args:
        lines.append(
            "Arguments: "
            + ", ".join(
                f"`{(a.name or '').upper()}`: {(getattr(a, 'help', '') or '').strip()}"
                for a in args
            )
        )
        lines.append("")
    lines += _params([p for p in cmd.params if p.param_type_name == "option"])
    return lines


def _params(params: list) -> list[str]:  # typer's own click Parameters
    out = []
    for p in params:
        if p.param_type_name == "option" and p.name != "help":
            out.append(f"- `{', '.join(p.opts)}`: {(p.help or '').strip()}")
    return out or ["(no options)"]


def stages_md() -> str:
    lines = [
        "# Extraction stages",
        "",
        "Generated from the registry by `scripts/gen_docs.py`; do not edit.",
        "",
        "The default order is the `stages` setting (docs/configuration.md).",
        "",
        "| stage | what it does | requires | assigns |",
        "|---|---|---|---|",
    ]
    for s in stage_info():
        lines.append(
            f"| `{s['name']}` | {s['doc']} | {', '.join(s['requires']) or '-'} | "
            f"{', '.join(s['assigns'])} |"
        )
    lines += ["", "## Vocabularies", ""]
    for v in vocab.ALL:
        lines += [f"### {v.name}", ""]
        lines += [f"- `{t.value}` ({t.label}): {t.description}" for t in v]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def configuration_md() -> str:
    lines = [
        "# Configuration",
        "",
        "Generated from `casefile/config.py` by `scripts/gen_docs.py`; do not edit.",
        "",
        (Settings.__doc__ or "").strip(),
        "",
        "Later sources win: defaults, then `casefile.toml` in the working folder "
        "(a `[casefile]` table),",
        "then environment variables `CASEFILE_<NAME>`, then `--set name=value` on the command line",
        "(and `--db` for `db`).",
        "",
        "| setting | environment | default |",
        "|---|---|---|",
    ]
    defaults = Settings()
    for f in fields(Settings):
        value = getattr(defaults, f.name)
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f"| `{f.name}` | `CASEFILE_{f.name.upper()}` | `{shown}` |")
    src = Path(__file__).resolve().parent.parent / "casefile" / "config.py"
    lines += ["", "What each means (from the code):", ""]
    for line in src.read_text().splitlines():
        stripped = line.strip()
        if (
            ":" in stripped
            and "#" in stripped
            and any(stripped.startswith(f.name + ":") for f in fields(Settings))
        ):
            name = stripped.split(":", 1)[0]
            lines.append(f"- `{name}`: {stripped.split('#', 1)[1].strip()}")
    return "\n".join(lines).rstrip() + "\n"


GENERATED = {"cli.md": cli_md, "stages.md": stages_md, "configuration.md": configuration_md}


def main(check: bool) -> int:
    stale = []
    for name, make in GENERATED.items():
        path, text = DOCS / name, make()
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python scripts/gen_docs.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
