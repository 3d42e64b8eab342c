"""jieba's IDF table: read from jieba's data file, then from a marshal copy in the user's cache."""
from __future__ import annotations

import os

import pytest

from tui.parse import idftable


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "cqdaily"


def test_first_load_reads_the_text_and_leaves_a_copy(cache_home):
    table, median = idftable.load()
    assert len(table) > 100_000 and table["重庆"] > 0 and 5 < median < 15
    copies = list(cache_home.glob("jieba-idf-*.marshal"))
    assert len(copies) == 1 and not list(cache_home.glob(".*.part"))


def test_later_loads_read_the_copy(cache_home, monkeypatch):
    first = idftable.load()

    def no_text(text):
        raise AssertionError("the text file was read again")

    monkeypatch.setattr(idftable, "parse", no_text)
    assert idftable.load() == first


def test_a_changed_data_file_is_read_afresh(cache_home, tmp_path, monkeypatch):
    data = tmp_path / "idf.txt"
    data.write_text("重庆 9.5\n璧山 12.0\n坏行\n", encoding="utf-8")
    monkeypatch.setattr(idftable, "data_file", lambda: str(data))
    assert idftable.load() == ({"重庆": 9.5, "璧山": 12.0}, 12.0)
    data.write_text("重庆 3.0\n", encoding="utf-8")
    os.utime(data, ns=(1, 1))  # another size and time: another copy
    assert idftable.load() == ({"重庆": 3.0}, 3.0)


def test_a_damaged_copy_is_ignored_and_replaced(cache_home):
    first = idftable.load()
    copy = next(cache_home.glob("jieba-idf-*.marshal"))
    copy.write_bytes(b"\x00garbage")
    assert idftable.load() == first
    assert idftable._from_cache(copy) == first


def test_no_cache_when_the_folder_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder would go
    table, median = idftable.load()
    assert table["重庆"] > 0 and median > 0


def test_without_jiebas_data_file(monkeypatch):
    monkeypatch.setattr(idftable, "data_file", lambda: None)
    assert idftable.load() == ({}, idftable.DEFAULT_MEDIAN)


def test_old_copies_and_stale_parts_are_pruned(cache_home, tmp_path, monkeypatch):
    """Copies of other jieba installs beyond the newest few, and half-written copies a killed
    load left a day ago, go when a new copy is written; other files in the folder stay."""
    cache_home.mkdir(parents=True)
    for i in range(5):
        old = cache_home / f"jieba-idf-old{i}.marshal"
        old.write_bytes(b"x")
        os.utime(old, (1000 + i, 1000 + i))
    stale = cache_home / ".jieba-idf-abc.marshal.123.part"
    stale.write_bytes(b"x")
    os.utime(stale, (1000, 1000))
    fresh_part = cache_home / ".jieba-idf-abc.marshal.456.part"
    fresh_part.write_bytes(b"x")  # another load writing now
    mine = cache_home / "notes.txt"
    mine.write_text("not ours")
    idftable.load()
    left = sorted(p.name for p in cache_home.iterdir())
    copies = [n for n in left if n.endswith(".marshal") and n.startswith("jieba-idf-")]
    assert len(copies) == idftable.KEEP
    assert "jieba-idf-old4.marshal" in copies and "jieba-idf-old0.marshal" not in copies
    assert stale.name not in left and fresh_part.name in left and "notes.txt" in left
