"""``python -m casefile`` is the ``casefile`` command."""

from .cli import main

main()
