"""The web UI of ``casefile serve``: pages rendered from the same View calls as the API.

Every asset is served from ``static/`` (Leaflet is vendored in ``static/vendor/``, with its
licence); no page loads anything from another server, so the UI works with no internet.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
