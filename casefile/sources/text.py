"""Plain text and Markdown, with optional YAML front matter for metadata."""

from __future__ import annotations

import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """(metadata, body, notes). Bad front matter is kept as text and noted, not fatal."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as e:
        return (
            {},
            text,
            [f"front matter is not valid YAML ({str(e).splitlines()[0]}); kept as text"],
        )
    if not isinstance(meta, dict):
        return {}, text, ["front matter is not a mapping; kept as text"]
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end() :], []
