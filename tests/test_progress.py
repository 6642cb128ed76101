"""Progress bars: in a terminal after a second of work, never in pipes, tests or --quiet."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import coopnet as cn
from coopnet import _progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def tty(monkeypatch) -> Terminal:
    """Standard error as a terminal. Called in the test itself: pytest's capture puts
    its own stream back between a fixture and the test."""
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    return stream


def slow_work(bar, steps=4, pause=0.06):
    for _ in range(steps):
        time.sleep(pause)
        bar.update(1)


def test_a_bar_shows_in_a_terminal_once_work_is_long(monkeypatch):
    terminal = tty(monkeypatch)
    monkeypatch.setattr(_progress, "DELAY", 0.05)
    with _progress.bar(4, "betweenness, closeness") as bar:
        slow_work(bar)
    assert "betweenness, closeness" in terminal.getvalue()


def test_short_work_shows_nothing(monkeypatch):
    terminal = tty(monkeypatch)
    with _progress.bar(4, "quick") as bar:
        slow_work(bar, pause=0.0)
    with _progress.steps(3, "report") as bar:
        bar.step("a")
        bar.step("b")
    assert terminal.getvalue() == ""


def test_quiet_and_tqdm_disable_show_nothing(monkeypatch):
    terminal = tty(monkeypatch)
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    with _progress.quiet(), _progress.bar(4, "hidden") as bar:
        slow_work(bar, pause=0.0)
    assert _progress.where() == "terminal"  # quiet() ends with its block
    monkeypatch.setenv("TQDM_DISABLE", "1")
    with _progress.bar(4, "hidden") as bar:
        slow_work(bar, pause=0.0)
    assert terminal.getvalue() == ""


def test_no_bar_where_nobody_watches(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a log file
    assert _progress.where() is None
    with _progress.bar(4, "x") as bar:
        assert isinstance(bar, _progress._Silent)


def test_steps_name_each_step(monkeypatch):
    terminal = tty(monkeypatch)
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    with _progress.steps(3, "report") as bar:
        for name in ("centrality", "bridges", "map.png"):
            bar.step(name)
            time.sleep(0.11)
    out = terminal.getvalue()
    assert "report" in out and "map.png" in out and "3/3" in out


def test_centrality_reports_its_sources(monkeypatch):
    terminal = tty(monkeypatch)
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    cn.centrality(cn.synthetic(300, seed=0))
    assert "betweenness, closeness" in terminal.getvalue()


def test_commands_are_silent_when_piped(tmp_path):
    """A fresh process writing to pipes (as CI and `coopnet ... > file`) prints no bar."""
    out = subprocess.run(
        [sys.executable, "-m", "coopnet", "report", "-o", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "report:" not in out.stderr and "it/s" not in out.stderr and "\r" not in out.stderr
