"""Text that may be sent to a terminal: what a file name (or any text we did not write) would
make the terminal do is shown as codes instead. A file name may hold anything but "/" and NUL:
escape sequences that colour or move the cursor, a newline that forges an output line, bytes that
are not UTF-8 (Python carries them as lone surrogates, which no terminal can be sent)."""
from __future__ import annotations

import unicodedata

# Controls, format characters (bidirectional overrides that reorder what follows) and line or
# paragraph separators: each shown as its code, like Python's repr.
ESCAPED = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _code(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def printable(text: str) -> str:
    """text with each control character escaped (\\x1b) and each byte that was not valid UTF-8
    shown as \\xNN; everything else as it is."""
    if text.isprintable():
        return text
    if any("\udc80" <= c <= "\udcff" for c in text):  # undecodable bytes kept by os.fsdecode
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(_code(c) if unicodedata.category(c) in ESCAPED or "\ud800" <= c <= "\udfff" else c
                   for c in text)
