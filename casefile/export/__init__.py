"""Exports: one module per format, each registered by name in ``registry.exporters``
(``csv`` ACLED-style, ``geojson``, ``ftm``, ``jsonl``, ``records``); ``export`` runs one and
audits it. Importers of casefile's own exports live in ``imports.py``."""

from .run import ExportResult, export, formats, get_exporter

__all__ = ["ExportResult", "export", "formats", "get_exporter"]
