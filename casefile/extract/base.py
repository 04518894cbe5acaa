"""What every stage shares: its settings, and the declaration of what it needs and adds."""

from __future__ import annotations

from ..config import Settings
from ..model import Analysis


class BaseStage:
    """A stage: ``requires`` must be assigned by earlier stages; it adds ``assigns``."""

    name = ""
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, analysis: Analysis) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
