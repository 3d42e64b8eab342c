"""sqlite-utils, imported without pandas and numpy.

sqlite-utils imports pandas and numpy whenever they are installed, only to convert their values
when they are stored; cqdaily stores neither. Where they are installed that import took 50 ms
(numpy) to half a second (pandas) of every `cqdaily load`. Hidden from it while it loads, they
stay importable by anything else afterwards.
"""
from __future__ import annotations

import sys
from types import ModuleType

_NOT_NEEDED = ("pandas", "numpy")


def load() -> ModuleType:
    """The sqlite_utils module, imported on first use."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [name for name in _NOT_NEEDED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError, which sqlite-utils expects
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return sqlite_utils
