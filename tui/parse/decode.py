"""Bytes of a page file -> clean text: encoding, line ends, terminal control characters."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cjk import count_cjk

# ESC sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes), then any C0/C1 control
# except tab and newline, bidi overrides/isolates and zero-width characters. Article text is
# shown in a terminal: none of these may reach it.
_ESC_SEQ = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)
# Invisible characters that PDF extractors emit as a matter of course (zero-width spaces and
# joiners, soft hyphens, a BOM inside the text): removed without a word, as they carry no text.
# A soft hyphen kept in a title showed as a stray cell and broke search ("老\xad街").
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# A soft hyphen that ends a line inside a Latin word marks where the word was broken: written as
# the hyphen the joiner takes out ("Mi-" + "cro" -> "Micro").
_SOFT_HYPHEN_AT_END = re.compile("(?<=[A-Za-z])\u00ad+[ \t]*(?=\n[ \t]*[A-Za-z])")
_STRIPPED = re.compile(_CONTROLS.pattern[:-1] + _INVISIBLE.pattern[1:])
# Spaces of other widths (no-break, ideographic, en/em...): one ASCII space, so that a gap
# between a district and its headline, or justification, reads the same whatever the extractor
# wrote ("南岸\u3000老街夜市…" lost its headline).
_OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Line ends: CRLF, CR alone, and CRCRLF (a CRLF file converted twice), each one line end; a form
# feed (pdftotext's page end) is a break, as a blank line is.
_LINE_END = re.compile("\r*\n|\r")


# Byte-order marks that say which encoding a file is in; UTF-32 first (its LE mark starts with
# UTF-16's). Editors on Windows save "Unicode" text as UTF-16 LE with a BOM.
_BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]
# A page of the paper is Chinese text: below this share of Chinese among its letters it is some
# other file (English prose, a log, a README), refused rather than stored as one odd "article".
MIN_CHINESE_SHARE = 0.2
SHARE_FROM = 500  # letters: a shorter text with any Chinese passes (a title, a test snippet)
CHINESE_SAMPLE = 100_000  # characters looked at: enough to tell, quick on a huge file


class DecodeError(ValueError):
    """The file is not a text page: the message says why, in one line."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def text_digest(text: str) -> str:
    """The SHA-256 of decoded page text: the same for a page in any encoding, BOM or line ends
    (decode gives them all as the same text), so a re-encoded copy is known as the same page.
    Spaces at the ends of lines and blank lines at the start and end do not count: an editor
    that trims them, or drops the last newline, leaves the same page. Spaces inside a line do
    ("建 成" and "建成" may be two printings); so does indentation (it starts a paragraph)."""
    import hashlib

    lines = [line.rstrip() for line in text.split("\n")]
    return hashlib.sha256("\n".join(lines).strip("\n").encode("utf-8")).hexdigest()


def strip_controls(text: str) -> str:
    """Remove escape sequences, control and bidi characters, and invisible format characters;
    keep \\n and \\t."""
    return _INVISIBLE.sub("", _CONTROLS.sub("", _ESC_SEQ.sub("", text)))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.count(0) > len(sample) // 100 + 1:
        return True
    # Many bytes below 0x20 other than whitespace: an image, an archive, a database. Counted in C:
    # every other byte deleted, what is left counted (a loop over the bytes cost 0.17 ms a page).
    ctrl = len(sample.translate(None, _NOT_CONTROL))
    return ctrl > len(sample) // 20


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in (9, 10, 13, 12, 27)))


def _by_bom(data: bytes) -> tuple[str, str] | None:
    """The text of a file that starts with a UTF-16/32 byte-order mark, and its encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding  # the codec reads and drops the mark
            except UnicodeDecodeError as err:
                raise DecodeError(f"undecodable {encoding} (bad bytes at offset {err.start})") from None
    return None


def _check_chinese(text: str) -> None:
    sample = text[:CHINESE_SAMPLE]
    # Counted in C (every Chinese character is a letter): this ran for 18% of parse_page.
    chinese = count_cjk(sample)
    if not chinese:
        raise DecodeError("no Chinese text: not a page of the paper")
    if chinese >= MIN_CHINESE_SHARE * len(sample):
        return  # a page of the paper: its share of the letters is larger still
    letters = sum(map(str.isalpha, sample))
    if letters >= SHARE_FROM and chinese < MIN_CHINESE_SHARE * letters:
        raise DecodeError(f"mostly not Chinese text ({100 * chinese // letters}% of its letters): "
                          f"not a page of the paper")


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, else GB18030; CRLF/CR to LF; controls
    stripped; refused when it holds no Chinese text."""
    if not data.strip():
        raise DecodeError("empty file")
    by_bom = _by_bom(data)
    if by_bom is not None:
        return _clean(*by_bom, [])
    if _looks_binary(data):
        raise DecodeError("binary file, not a text page")
    text, encoding, warnings = _utf8_or_gb(data)
    return _clean(text, encoding, warnings)


def _utf8_or_gb(data: bytes) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf_err:
        # A few damaged bytes in an otherwise UTF-8 page: keep the rest and say so. A GBK page
        # read as UTF-8 fails on nearly every character, so it never passes this test.
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(text) // 200):
            encoding = "utf-8"
            warnings.append(f"{bad} undecodable byte sequence(s) replaced with U+FFFD")
        else:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise DecodeError(
                    f"undecodable: neither UTF-8 nor GB18030 (first bad byte at offset {utf_err.start})"
                ) from None
    return text, encoding, warnings


def _clean(text: str, encoding: str, warnings: list[str]) -> Decoded:
    if "\x00" in text:
        warnings.append("NUL characters removed")
    # Each pass only where its characters are (a test in C; a regex pass over a page is 0.1 ms).
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    if "\f" in text:
        text = text.replace("\f", "\n\n")
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_AT_END.sub("-", text)
    if not text.isascii() and _OTHER_SPACES.search(text):
        text = _OTHER_SPACES.sub(" ", text)
    # One pass for what goes unsaid and what is reported; counted apart only when any went.
    escapes = "\x1b" in text or "\x9b" in text or "\x9d" in text
    cleaned = _STRIPPED.sub("", _ESC_SEQ.sub("", text) if escapes else text)
    if len(cleaned) != len(text):
        removed = len(_INVISIBLE.sub("", text)) - len(cleaned)
        if removed and removed != text.count("\x00"):
            warnings.append(f"{removed} control/escape character(s) removed")
    if not cleaned.strip():
        raise DecodeError("no text after removing control characters")
    _check_chinese(cleaned)
    return Decoded(cleaned, encoding, warnings)
