"""`cqdaily load` as a user meets it (H3's report): file names that are not UTF-8 or hold terminal
controls, Ctrl-C, a progress bar beside redirected output, a reader of the output that goes away.
The terminal cases run the command in a pseudo-terminal, as a user's shell would."""
from __future__ import annotations

import fcntl
import hashlib
import os
import pty
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

from tests.test_hardening import consistent, make_pages
from tui import loading as loader
from tui.cli import main
from tui.cli.names import printable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GBK_NAME = "重庆日报第3版.txt".encode("gbk")
SHOW_CURSOR, HIDE_CURSOR = "\x1b[?25h", "\x1b[?25l"


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory):
    """Enough pages that a load is still running when it is interrupted or its output closed."""
    folder = tmp_path_factory.mktemp("many") / "pages"
    make_pages(folder, 240, seed=11)
    return folder


@pytest.fixture(scope="module")
def many_loaded(many_pages, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("loaded") / "many.db")
    assert main(["load", str(many_pages), "--db", db, "-q"]) == 0
    return db


def page_count(db: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return 0


def wait_for_pages(db: str, n: int, proc: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and page_count(db) < n:
        time.sleep(0.05)
    assert proc.poll() is None, "the load ended before it could be stopped"


def plain(screen: str) -> str:
    """What the terminal shows as text: colours and cursor moves taken out."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class InTerminal:
    """`python -m tui ARGS` with stderr (and stdout, unless given) on a pseudo-terminal; what it
    writes there is collected as it comes (a full terminal would block it)."""

    def __init__(self, args: list[str], stdout=None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES"):
            env.pop(name, None)
        self.proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env, stdin=slave,
                                     stdout=slave if stdout is None else stdout, stderr=slave,
                                     start_new_session=True)
        os.close(slave)
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            self.chunks.append(data)

    def ctrl_c(self) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)  # as the terminal does: the whole foreground group

    def finish(self) -> tuple[int, str]:
        code = self.proc.wait(timeout=120)
        self.reader.join(10)
        os.close(self.master)
        return code, b"".join(self.chunks).decode("utf-8", "replace")


# --- A: a file name that is not UTF-8 -------------------------------------------------------

def _gbk_folder(tmp_path, seeds_dir) -> str:
    folder = tmp_path / "gbk"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], folder / "good.txt")
    shutil.copy(seeds[1], os.path.join(os.fsencode(folder), GBK_NAME))
    return str(folder)


def test_a_name_that_is_not_utf8_fails_alone_and_the_others_load(tmp_path, seeds_dir, capsys):
    folder = _gbk_folder(tmp_path, seeds_dir)
    db = str(tmp_path / "g.db")
    assert main(["load", folder, "--db", db]) == 1
    out, err = capsys.readouterr()
    bad = [line for line in err.splitlines() if "not valid UTF-8" in line]
    assert len(bad) == 1
    assert bad[0].endswith(": the file name is not valid UTF-8: rename it")
    assert "\\xd6\\xd8" in bad[0] and "3\\xb0\\xe6.txt" in bad[0]  # the bad bytes shown escaped
    assert "good.txt" in out and "1 page loaded" in out and "1 failed" in out
    assert [p for (p,) in sqlite3.connect(db).execute("SELECT path FROM pages")] == [
        os.path.realpath(os.path.join(folder, "good.txt"))]


def test_find_pages_keeps_names_that_are_not_utf8_from_the_database(tmp_path, seeds_dir):
    folder = _gbk_folder(tmp_path, seeds_dir)
    named = os.fsdecode(os.path.join(os.fsencode(folder), GBK_NAME))
    found, problems = loader.find_pages([folder, named])  # in a folder, and named: reported once
    assert [f.name for f in found] == ["good.txt"]
    assert [(p.path, p.ok) for p in problems] == [(named, False)]


def test_a_name_that_is_not_utf8_in_a_real_command_line(tmp_path, seeds_dir):
    """The name as the shell hands it over (argv bytes), and the exit status of the command."""
    folder = _gbk_folder(tmp_path, seeds_dir)
    db = str(tmp_path / "g.db")
    bad = os.path.join(os.fsencode(folder), GBK_NAME)
    run = subprocess.run([sys.executable.encode(), b"-m", b"tui", b"load", bad, os.fsencode(folder) + b"/good.txt",
                          b"--db", db.encode()], cwd=ROOT, capture_output=True)
    assert run.returncode == 1, run.stderr
    assert b"Traceback" not in run.stderr and b"not valid UTF-8" in run.stderr
    assert page_count(db) == 1


def test_rebuild_with_a_name_that_is_not_utf8_changes_nothing(tmp_path, seeds_dir, capsys):
    folder = _gbk_folder(tmp_path, seeds_dir)
    db = str(tmp_path / "r.db")
    main(["load", os.path.join(folder, "good.txt"), "--db", db])
    before = digest(db)
    capsys.readouterr()
    assert main(["load", "--rebuild", folder, "--db", db]) == 1
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and "left as it was" in err
    assert digest(db) == before


# --- E: control characters in file names -----------------------------------------------------

def test_printable_escapes_controls_and_undecodable_bytes_only():
    assert printable("重庆日报 第3版　头条.txt") == "重庆日报 第3版　头条.txt"
    assert printable("esc\x1b[31mred\x07.txt") == "esc\\x1b[31mred\\x07.txt"
    assert printable("two\nlines\r.txt") == "two\\x0alines\\x0d.txt"
    assert printable("abc\u202etxt.exe") == "abc\\u202etxt.exe"  # a right-to-left override
    assert printable(os.fsdecode(b"a\xd6\xd8b.txt")) == "a\\xd6\\xd8b.txt"


HOSTILE = "esc\x1b[31mred\x1b]0;title\x07[bold]x.txt"


def test_load_and_rebuild_print_names_with_controls_escaped(tmp_path, seeds_dir, capsys):
    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copy(next(seeds_dir.glob("*.txt")), folder / HOSTILE)
    db = str(tmp_path / "n.db")
    assert main(["load", str(folder), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "esc\\x1b[31mred\\x1b]0;title\\x07[bold]x.txt: " in out and "\x1b" not in out
    assert main(["load", "--rebuild", "--db", db]) == 0
    assert "\\x1b[31m" in capsys.readouterr().out
    os.rename(folder / HOSTILE, folder / "moved.txt")
    assert main(["load", "--rebuild", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "\\x1b[31mred" in err and "not found" in err and "\x1b" not in err


def test_search_export_and_reader_print_names_with_controls_escaped(tmp_path, seeded_db, capsys):
    missing = str(tmp_path / "no\x1b[2Jdb.db")
    assert main(["search", "重庆", "--db", missing]) == 1
    assert main(["export", "--format", "md", "--db", missing]) == 1
    assert main(["--db", missing]) == 1
    err = capsys.readouterr().err
    assert err.count("no\\x1b[2Jdb.db") == 3 and "\x1b" not in err
    target = str(tmp_path / "out\x1b[2J.md")
    assert main(["export", "--format", "md", "--db", seeded_db, "-o", target]) == 0
    err = capsys.readouterr().err
    assert "exported to" in err and "out\\x1b[2J.md" in err and "\x1b" not in err
    assert main(["export", "--format", "md", "--db", seeded_db, "-o", target]) == 1
    err = capsys.readouterr().err
    assert "out\\x1b[2J.md exists" in err and "\x1b" not in err


# --- B: Ctrl-C ---------------------------------------------------------------------------------

def test_ctrl_c_restores_the_terminal_and_says_what_was_kept(tmp_path, many_pages):
    db = str(tmp_path / "c.db")
    run = InTerminal(["load", str(many_pages), "--db", db])
    wait_for_pages(db, 10, run.proc)
    run.ctrl_c()
    code, screen = run.finish()
    assert code == 130, screen
    assert "Traceback" not in screen
    assert HIDE_CURSOR in screen  # the bar was drawn, and then taken away with the cursor shown again
    assert screen.rindex(SHOW_CURSOR) > screen.rindex(HIDE_CURSOR)
    last = plain(screen).strip().splitlines()[-1]
    kept = page_count(db)
    assert last.startswith(f"interrupted: {kept:,} pages loaded before the interruption (")
    assert last.endswith("; run the same command again to finish")
    assert consistent(db)[0] == kept < 240


def test_ctrl_c_of_a_rebuild_says_nothing_changed(tmp_path, many_loaded):
    db = str(tmp_path / "r.db")
    shutil.copy(many_loaded, db)
    before = digest(db)
    run = InTerminal(["load", "--rebuild", "--db", db])
    time.sleep(0.5)
    deadline = time.time() + 60
    while time.time() < deadline and "✓" not in b"".join(run.chunks).decode("utf-8", "replace"):
        time.sleep(0.05)
    run.ctrl_c()
    code, screen = run.finish()
    assert code == 130, screen
    assert screen.rindex(SHOW_CURSOR) > screen.rindex(HIDE_CURSOR)
    assert plain(screen).strip().splitlines()[-1] == f"interrupted: {db} left as it was: nothing changed"
    assert digest(db) == before
    assert not [n for n in os.listdir(tmp_path) if "rebuild" in n]


# --- C: page lines on stdout, the bar on the terminal -------------------------------------------

def test_with_the_bar_on_the_terminal_page_lines_go_to_stdout(tmp_path, many_pages):
    """`cqdaily load … > out.txt` (or `| tail`, `> /dev/null`): the page lines and the total in
    the file, only the bar and the failures on the terminal."""
    folder = tmp_path / "pages"
    shutil.copytree(many_pages, folder)
    (folder / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "o.db")
    with open(tmp_path / "out.txt", "wb") as out:
        run = InTerminal(["load", str(folder), "--db", db], stdout=out)
        code, screen = run.finish()
    assert code == 1
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if line.startswith("✓ ")]) == 240
    assert lines[-1].startswith("240 pages loaded, ") and lines[-1].endswith(" items, 1 failed")
    assert "loading" in screen and HIDE_CURSOR in screen  # the bar
    assert "✓" not in screen
    assert "✗ " in plain(screen) and "empty.txt: empty file" in screen


# --- D: the reader of the output goes away -----------------------------------------------------

def test_closed_output_stops_after_the_batch_in_hand_and_says_so(tmp_path, many_pages):
    db = str(tmp_path / "h.db")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "load", str(many_pages), "--db", db], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert first.startswith("✓ ".encode())
    assert code == 141, err
    assert "Traceback" not in err
    kept = page_count(db)
    assert re.fullmatch(f"cqdaily load: the output was closed: stopped with {kept:,} pages loaded "
                        r"\([0-9,]+ items\); run the same command again to finish\n", err)
    assert consistent(db)[0] == kept < 240
    assert main(["load", str(many_pages), "--db", db, "-q"]) == 0
    assert consistent(db)[0] == 240


def test_closed_output_after_the_last_page_is_no_failure(tmp_path, seeds_dir):
    """`cqdaily load … -q | head -0`: everything loaded; only the total could not be written."""
    db = str(tmp_path / "q.db")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "load", str(seeds_dir), "--db", db, "-q"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert err == "" and page_count(db) == 5


def test_closed_output_during_a_rebuild_changes_nothing(tmp_path, many_loaded):
    db = str(tmp_path / "r.db")
    shutil.copy(many_loaded, db)
    before = digest(db)
    proc = subprocess.Popen([sys.executable, "-m", "tui", "load", "--rebuild", "--db", db], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert err.strip() == f"cqdaily load --rebuild: the output was closed: {db} left as it was: nothing changed"
    assert digest(db) == before


def _sigint_handler(path: str, known: str | None):
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_loader():
    """Ctrl-C reaches the workers too: one waiting for a task printed a KeyboardInterrupt
    traceback over the loader's "interrupted" line. They ignore it; the loader stops them."""
    from tui import workers

    pool = workers.Workers(1)
    pool.start()
    try:
        got = list(pool.results(_sigint_handler, ["a"], [None], lambda p, r: r, lambda: None, lambda: None))
    finally:
        pool.stop()
    assert got == [signal.SIG_IGN]


def test_upgrade_message_prints_the_name_escaped(tmp_path, seeds_dir, capsys):
    """The reader's one-time upgrade of an older database names it with its controls escaped."""
    from tests import oldschemas
    from tui.cli import main
    from tui.db import files

    db = str(tmp_path / "old\x1b[31m.db")
    assert main(["load", str(seeds_dir / "000_6dd89e3262396e08.txt"), "--db", db, "-q"]) == 0
    oldschemas.make(db, 9)
    capsys.readouterr()
    assert files.upgrade_in_place(db)
    err = capsys.readouterr().err
    assert "old\\x1b[31m.db" in err and "\x1b" not in err
