"""Where cqdaily's files are: the default database and the example pages. A leaf module, so the
command line, the loader and the reader can all ask without importing each other."""
from __future__ import annotations

from pathlib import Path

DEFAULT_DB = "data.db"


def seeds_dir() -> Path | None:
    """The example pages: ./seeds, else the seeds/ beside the package (an editable install)."""
    for cand in (Path.cwd() / "seeds", Path(__file__).resolve().parent.parent / "seeds"):
        if cand.is_dir() and any(cand.glob("*.txt")):
            return cand
    return None
