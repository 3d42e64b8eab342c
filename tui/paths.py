"""Where cqdaily's files are: the default database and the example pages. A leaf module, so the
command line, the loader and the reader can all ask without importing each other.

One default database wherever cqdaily is started (not a data.db in every folder it was run from):
in a source checkout (an editable install) the project's data.db beside seeds/; otherwise a
per-user data folder, $XDG_DATA_HOME/cqdaily (~/.local/share/cqdaily)."""
from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "data.db"
# The folder holding tui/: the project folder in a source checkout, site-packages otherwise.
_PROJECT = Path(__file__).resolve().parent.parent


def project_dir() -> Path | None:
    """The source checkout cqdaily runs from, or None when it is installed without one."""
    if (_PROJECT / "pyproject.toml").is_file() and (_PROJECT / "seeds").is_dir():
        return _PROJECT
    return None


def seeds_dir() -> Path | None:
    """The example pages: the project's seeds/ folder, when there is one holding pages."""
    project = project_dir()
    if project is not None and any((project / "seeds").glob("*.txt")):
        return project / "seeds"
    return None


def user_data_dir() -> Path:
    """$XDG_DATA_HOME/cqdaily, or ~/.local/share/cqdaily when XDG_DATA_HOME is unset or relative
    (the XDG spec says to ignore a relative one)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "cqdaily"


def default_db() -> str:
    """The database `cqdaily` opens when no --db is given (its folder is created on first use)."""
    project = project_dir()
    folder = project if project is not None else user_data_dir()
    return str(folder / DB_NAME)
