"""Writing a file the user named: built beside it under a temporary name, renamed when complete.

An interrupted write leaves the target as it was. The temporary file is created with the mode any
new file gets (0666 less the umask, applied by the system), not tempfile's private 0600; a file
being replaced keeps the mode it had.
"""
from __future__ import annotations

import os
import secrets
from typing import IO, Callable, TypeVar

T = TypeVar("T")
_TRIES = 100  # random names tried before giving up (a clash is already unlikely)


def _create_beside(path: str) -> tuple[int, str]:
    folder, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TRIES):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.part")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def write_beside(path: str, write: Callable[[IO[str]], T], newline: str | None = None) -> T:
    """Call write(out) on a new file beside path, then put it in path's place; what write returns."""
    path = os.path.abspath(path)
    fd, tmp = _create_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            try:
                os.chmod(tmp, os.stat(path).st_mode & 0o777)  # replacing: keep the file's mode
            except FileNotFoundError:
                pass
            result = write(out)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return result
