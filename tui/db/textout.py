"""An article as text to copy, save or page through: plain text and Markdown.

    Title
    Subtitle (each kicker or sub-headline line)
    璧山 · 2020年12月7日 星期一 · 第3版 · 璧山区融媒体中心 谢捷

    Paragraphs, a blank line between them; sub-headlines in the body stay where they are.

Markdown makes the title a heading, subtitles bold, sub-headlines "###", and escapes what the
article's own text could otherwise turn into markup (it is untrusted text).
"""
from __future__ import annotations

import re

from .editions import label
from .query import Article

UNTITLED = "（无题）"
CONTINUED = "（上接）"  # a story's rest, begun on another page, with no headline here: as the reader says


def heading(a: Article) -> str:
    """The title as written out: the headline, else what the reader shows for none."""
    return a.title or (CONTINUED if a.continued else UNTITLED)
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def meta_line(a: Article) -> str:
    """District · date · page · byline, the parts that are known."""
    parts = [a.district]
    if a.page_date:
        parts.append(label(a.page_date))
    if a.page_no is not None:
        parts.append(f"第{a.page_no}版")
    if a.byline:
        parts.append(a.byline)
    return " · ".join(p for p in parts if p)


def subtitles(a: Article) -> list[str]:
    return [s for s in (a.subtitle or "").split("\n") if s.strip()]


def paragraphs(a: Article) -> list[str]:
    return [p for p in (a.body or "").split("\n") if p.strip()]


def plain(a: Article) -> str:
    """The article as plain text (the clipboard, the pager)."""
    head = [heading(a), *subtitles(a), meta_line(a)]
    return "\n".join(head) + "\n\n" + "\n\n".join(paragraphs(a)) + "\n"


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    text = _MD_INLINE.sub(r"\\\1", text)
    # A list number is escaped at its dot ("1\\."): a backslash before a digit escapes nothing.
    return _MD_LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text)


def markdown(a: Article) -> str:
    """The article as Markdown (`w` in the reader, `cqdaily export --format md`)."""
    out = [f"# {md_escape(heading(a))}", ""]
    for s in subtitles(a):
        out += [f"**{md_escape(s)}**", ""]
    out += [md_escape(meta_line(a)), ""]
    heads = set(a.subheads or [])
    for p in paragraphs(a):
        out += [f"### {md_escape(p)}" if p in heads else md_escape(p), ""]
    return "\n".join(out)


def default_filename(a: Article) -> str:
    """A file name for saving the article: date and title, safe on any file system."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f\s]+", "_", heading(a)).strip("._")[:60] or "article"
    return f"{a.page_date or 'undated'}_{name}.md"


def save(text: str, path: str, overwrite: bool = False) -> str:
    """Write text to path (the reader's `w`): beside it under a temporary name, then renamed, so a
    failure leaves nothing half-written. FileExistsError when path exists and overwrite is not
    given (the reader asks first); IsADirectoryError for a folder. Returns the absolute path."""
    import os

    from ..newfile import write_beside

    path = os.path.abspath(os.path.expanduser(path))
    if os.path.isdir(path):
        raise IsADirectoryError(path)
    if os.path.lexists(path) and not overwrite:
        raise FileExistsError(path)
    write_beside(path, lambda out: out.write(text))
    return path
