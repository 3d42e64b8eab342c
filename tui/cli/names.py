"""File names (and lines that hold them) as the command line prints them: never interpreted by
the terminal (tui/terminal.py), relative to here when below here."""
from __future__ import annotations

import os

from ..terminal import printable  # noqa: F401 - the commands import it from here


def shown(path: str) -> str:
    """A path as the user reads it best: relative to here when it is below here; printable."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return printable(path if rel.startswith("..") else rel)
