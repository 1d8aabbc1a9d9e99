"""``python -m jarvis_memory`` is the ``jarvis-memory`` command."""

from .cli import main

main()
