"""Plain text and Markdown, with optional YAML front matter for metadata."""

from __future__ import annotations

import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class _DatesAsText(yaml.SafeLoader):
    """YAML's safe loader, but a date stays the text it was written as: casefile reads it
    (``resolve_published``), and an impossible one (2022-13-45) is a note, not a crash."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """(metadata, body, notes). Bad front matter is kept as text and noted, not fatal."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    try:
        meta = yaml.load(m.group(1), Loader=_DatesAsText)  # a SafeLoader subclass: safe
    except yaml.YAMLError as e:
        return (
            {},
            text,
            [f"front matter is not valid YAML ({str(e).splitlines()[0]}); kept as text"],
        )
    if not isinstance(meta, dict):
        return {}, text, ["front matter is not a mapping; kept as text"]
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end() :], []
