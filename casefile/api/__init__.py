"""The REST API and web UI of ``casefile serve``: ``create_app(store)`` builds both."""

from __future__ import annotations

from .app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
