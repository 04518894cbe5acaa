"""Registries: every pipeline stage, source reader and exporter is found by a versioned name.

Built-in parts register through the same decorators that plugins use; plugins
installed as packages are found through the entry-point groups named below.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

from .errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """Name -> factory, with lazy loading of entry points in ``group``."""

    def __init__(self, kind: str, group: str) -> None:
        self.kind, self.group = kind, group
        self._items: dict[str, T] = {}
        self._loaded_entry_points = False

    def register(self, name: str) -> Callable[[T], T]:
        def decorate(item: T) -> T:
            if name in self._items and self._items[name] is not item:
                raise ConfigError(f"{self.kind} {name!r} is registered twice")
            self._items[name] = item
            return item

        return decorate

    def get(self, name: str) -> T:
        self._load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise ConfigError(f"no {self.kind} named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._items)

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for ep in entry_points(group=self.group):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()


# A stage factory takes its config (a dict) and returns a Stage (see extract/pipeline.py).
stages: Registry[Callable[..., object]] = Registry("stage", "casefile.stages")
# An exporter is an export.base.Exporter (checked by export.get_exporter; the registry must not
# import the exports, which import it).
exporters: Registry[Any] = Registry("exporter", "casefile.exporters")
# A language pack factory takes nothing and returns a casefile.lang.LanguagePack.
languages: Registry[Callable[..., object]] = Registry("language pack", "casefile.languages")
