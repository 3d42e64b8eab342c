"""`cqdaily search` as users type it (issue 9.6): districts by any name, usage errors, counts."""
from __future__ import annotations

import pytest

from tui import gazetteer
from tui.cli import main


def run(capsys, *argv):
    code = main(["search", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", ["璧山", "璧山区", "璧山县", "bishan", "Bishan", "BiShan District", "bishanqu", " 璧山 "])
def test_district_by_short_full_or_pinyin_name(seeded_db, capsys, name):
    code, out, err = run(capsys, "区", "--district", name, "--db", seeded_db)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[-1] == "4 articles"
    assert all("[璧山 " in line for line in lines[:-1])


@pytest.mark.parametrize("name, close", [("北京", "北碚"), ("bishen", "璧山"), ("tong", "铜梁"), ("璧", "璧山")])
def test_unknown_district_is_an_error_with_close_matches(seeded_db, capsys, name, close):
    code, out, err = run(capsys, "区", "--district", name, "--db", seeded_db)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert f"no district called {name!r}" in err and close in err


@pytest.mark.parametrize("argv", [[""], ["   "], ["区", "--limit", "0"], ["区", "--limit", "-3"], ["区", "--limit", "x"]])
def test_usage_errors(seeded_db, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["search", *argv, "--db", seeded_db])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "usage: cqdaily search" in err and "Traceback" not in err


def test_one_article_is_singular(seeded_db, capsys):
    code, out, _ = run(capsys, "科技创新大会", "--db", seeded_db)
    assert code == 0
    n = int(out.splitlines()[-1].split()[0])
    assert out.splitlines()[-1] == (f"{n} article" if n == 1 else f"{n} articles")
    code, out, _ = run(capsys, "区", "--limit", "1", "--district", "bishan", "--db", seeded_db)
    assert len(out.splitlines()) == 2


def test_every_district_has_its_pinyin():
    assert set(gazetteer.PINYIN) == set(gazetteer.DISTRICTS) | {gazetteer.CITY}
    for district, pinyin in gazetteer.PINYIN.items():
        assert gazetteer.resolve_district(pinyin) == district
        assert gazetteer.resolve_district(district) == district
        assert pinyin.isascii() and pinyin.isalpha()
    assert len(set(gazetteer.PINYIN.values())) == len(gazetteer.PINYIN)
    assert gazetteer.resolve_district("北京") is None
