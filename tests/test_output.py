"""Where output goes wrong: unwritable places, full disks, kills (issue 17, points 3 and 4).

Every command answers an output problem with one line naming the path and the
cause, and exit code 2 — found before the computing where it can be. ``report``
builds its folder beside the target and renames it into place, so a crash, a
full disk or a kill leaves the old state or the complete new one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import coopnet as cn
import coopnet.reporting as reporting
from coopnet.cli import main
from coopnet.reporting import FILES

PICTURES = tuple(n for n in FILES if n.endswith((".png", ".html", ".pptx")))
ROOT = Path(cn.__file__).resolve().parents[1]


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("coopnet: error: ")
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Hidden staging folders and temporary files anywhere under ``folder``."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob(".*")
        if "coopnet" in p.name or p.suffix == ".tmp"
    )


@pytest.fixture
def fake_pictures(monkeypatch):
    monkeypatch.setattr(
        reporting, "_pictures", lambda net, **kw: {n: f"fake {n}".encode() for n in PICTURES}
    )


@pytest.fixture
def no_work(monkeypatch):
    """Loading the bundled data fails loudly: the output check must come first."""

    def loaded():
        raise AssertionError("the network was loaded before the output was checked")

    monkeypatch.setattr(cn.io, "load_sample", loaded)


def _is_root_writable(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


# ------------------------------------------------------------------ point 3
COMMANDS = [
    ["report", "-o", "{base}/sub"],
    ["export", "-o", "{base}/sub.gexf"],
    ["export", "-o", "{base}/sub.graphml"],
    ["draw", "-o", "{base}/m.png"],
    ["draw-types", "-o", "{base}/t.png"],
    ["draw-pairs", "-o", "{base}/p.svg"],
    ["html", "-o", "{base}/m.html"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] + c[2][-5:] for c in COMMANDS])
def test_a_file_in_the_path_is_one_line_before_any_work(tmp_path, argv, no_work):
    (tmp_path / "file").write_text("mine")
    argv = [a.format(base=tmp_path / "file") for a in argv]
    code, _, err = run(argv)
    line = one_line_error(err)
    assert code == 2
    assert str(tmp_path / "file") in line and "is a file, not a folder" in line
    assert (tmp_path / "file").read_text() == "mine"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] + c[2][-5:] for c in COMMANDS])
def test_a_missing_folder_for_a_file_or_a_read_only_place(tmp_path, argv, no_work, monkeypatch):
    real_mkdir, real_open = os.mkdir, os.open

    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(os, "mkdir", read_only)
    monkeypatch.setattr(os, "open", lambda path, *a, **k: read_only(path))
    argv = [a.format(base=tmp_path / "out") for a in argv]
    code, _, err = run(argv)
    monkeypatch.setattr(os, "mkdir", real_mkdir)
    monkeypatch.setattr(os, "open", real_open)
    line = one_line_error(err)
    assert code == 2
    assert str(tmp_path / "out") in line
    assert os.strerror(errno.EROFS) in line or "does not exist" in line


def test_read_only_folder(tmp_path, no_work):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if _is_root_writable(folder):
            pytest.skip(
                "running as root, who may write into a read-only folder; see the EROFS test"
            )
        code, _, err = run(["report", "-o", str(folder / "r")])
        line = one_line_error(err)
        assert code == 2 and "Permission denied" in line and str(folder / "r") in line
    finally:
        folder.chmod(0o755)


def test_a_place_even_root_cannot_write(no_work):
    target = Path("/sys/coopnet-test-report")
    if not Path("/sys").is_dir() or _is_root_writable(Path("/sys")):
        pytest.skip("no read-only /sys on this machine")
    code, _, err = run(["report", "-o", str(target)])
    line = one_line_error(err)
    assert code == 2 and str(target) in line


def test_dangling_symlink_as_the_folder(tmp_path, no_work):
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    code, _, err = run(["report", "-o", str(tmp_path / "link")])
    line = one_line_error(err)
    assert code == 2 and "symbolic link" in line and str(tmp_path / "gone") in line
    assert (tmp_path / "link").is_symlink() and not (tmp_path / "gone").exists()


def test_symlink_to_a_folder_writes_into_the_folder(tmp_path, fake_pictures):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    code, _, err = run(["report", "-o", str(tmp_path / "link")])
    assert code == 0, err
    assert (tmp_path / "link").is_symlink()
    assert sorted(os.listdir(tmp_path / "real")) == sorted(FILES)


def _full_disk_at(monkeypatch, name: str):
    real_fsync = os.fsync

    def fsync(fd):
        if name in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_full_disk_while_writing_the_report(tmp_path, small_files, fake_pictures, monkeypatch):
    _full_disk_at(monkeypatch, "map.html")
    code, _, err = run(
        ["report", "-o", str(tmp_path / "r"), "--orgs", small_files[0], "--edges", small_files[1]]
    )
    line = one_line_error(err)
    assert code == 2
    assert f"{tmp_path / 'r' / 'map.html'}" in line and "No space left on device" in line
    assert not (tmp_path / "r").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
@pytest.mark.parametrize(
    ("cmd", "name"),
    [("export", "net.gexf"), ("export", "net.graphml"), ("draw", "m.png"), ("html", "m.html")],
)
def test_full_disk_while_writing_one_file(tmp_path, small_files, monkeypatch, cmd, name):
    _full_disk_at(monkeypatch, name)
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(
        [cmd, "-o", str(out / name), "--orgs", small_files[0], "--edges", small_files[1]]
    )
    line = one_line_error(err)
    assert code == 2 and f"cannot write {out / name}: No space left on device" in line
    assert os.listdir(out) == []


def test_a_file_open_in_excel_on_windows():
    from coopnet._io.output import output_error

    exc = PermissionError(errno.EACCES, "アクセスが拒否されました。", "r/centrality.csv")
    exc.winerror = 32
    text = str(output_error("r/centrality.csv", exc, verb="replace"))
    assert text.startswith("cannot replace r/centrality.csv: アクセスが拒否されました。")
    assert "open in another program" in text


def test_write_csv_into_a_file(tmp_path, small_net):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError, match="is a file, not a folder") as info:
        cn.write_csv(small_net, tmp_path / "file" / "out")
    assert str(tmp_path / "file") in str(info.value) and "\n" not in str(info.value)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_write_csv_is_all_or_nothing(tmp_path, small_net, monkeypatch):
    _full_disk_at(monkeypatch, "edges.csv")
    with pytest.raises(OSError, match="No space left"):
        cn.write_csv(small_net, tmp_path / "out")
    assert os.listdir(tmp_path / "out") == []


# ------------------------------------------------------------- overwrite policy
@pytest.mark.parametrize(
    ("cmd", "name"),
    [
        ("draw", "m.png"),
        ("draw-types", "t.svg"),
        ("draw-pairs", "p.pdf"),
        ("html", "m.html"),
        ("export", "n.gexf"),
        ("slides", "s.pptx"),
        ("template", "t.xlsx"),
        ("draw-timeline", "y.png"),
    ],
)
def test_every_command_refuses_an_existing_file_unless_force(tmp_path, cmd, name, small_files):
    target = tmp_path / name
    target.write_bytes(b"mine")
    argv = [cmd, "-o", str(target), "--orgs", small_files[0], "--edges", small_files[1]]
    code, _, err = run(argv)
    line = one_line_error(err)
    assert code == 2 and "--force" in line and str(target) in line
    assert target.read_bytes() == b"mine"
    code, _, err = run([*argv, "--force"])
    assert code == 0, err
    assert target.read_bytes() != b"mine"


def test_a_folder_where_a_file_should_go(tmp_path, no_work):
    (tmp_path / "m.png").mkdir()
    code, _, err = run(["draw", "-o", str(tmp_path / "m.png"), "--force"])
    line = one_line_error(err)
    assert code == 2 and "is a folder" in line


# ------------------------------------------------------------------ point 4
def test_report_is_built_beside_and_renamed_into_place(
    tmp_path, small_net, monkeypatch, fake_pictures
):
    seen = []
    real_rename = os.rename

    def rename(src, dst):
        seen.append(
            (
                Path(src).name,
                Path(dst).name,
                sorted(os.listdir(src)) if Path(src).is_dir() else None,
            )
        )
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    cn.report(small_net, tmp_path / "r")
    assert seen == [(f".r.coopnet-partial-{os.getpid()}", "r", sorted(FILES))]


def test_failure_while_writing_leaves_nothing(tmp_path, small_net, monkeypatch, fake_pictures):
    real = reporting.atomic_write_text

    def broken(path, *args, **kwargs):
        if Path(path).name == "summary.md":
            raise RuntimeError("failed at the last file")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reporting, "atomic_write_text", broken)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(RuntimeError):
        cn.report(small_net, tmp_path / "new" / "deeper" / "r")
    assert sorted(os.listdir(tmp_path)) == before  # not even the parents it made


def test_force_swaps_a_whole_old_report(tmp_path, small_net, fake_pictures):
    parent = tmp_path / "reports"
    cn.report(small_net, parent / "r")
    (parent / "r" / "summary.md").write_text("old")
    cn.report(small_net, parent / "r", force=True)
    assert sorted(os.listdir(parent / "r")) == sorted(FILES)
    assert (parent / "r" / "summary.md").read_text(encoding="utf-8").startswith("# ")
    assert sorted(os.listdir(parent)) == ["r"]


def test_force_keeps_files_the_report_did_not_write(tmp_path, small_files, fake_pictures):
    folder = tmp_path / "r"
    folder.mkdir()
    orgs, edges = (folder / "orgs.csv", folder / "edges.csv")
    orgs.write_bytes(Path(small_files[0]).read_bytes())
    edges.write_bytes(Path(small_files[1]).read_bytes())
    before = orgs.read_bytes(), edges.read_bytes()
    code, _, err = run(
        ["report", "-o", str(folder), "--orgs", str(orgs), "--edges", str(edges), "--force"]
    )
    assert code == 0, err
    assert (orgs.read_bytes(), edges.read_bytes()) == before
    assert sorted(os.listdir(folder)) == sorted([*FILES, "orgs.csv", "edges.csv"])
    assert leftovers(tmp_path) == []


def test_stale_staging_of_a_dead_process_is_removed(tmp_path, small_net, fake_pictures):
    dead = _dead_pid()
    stale = tmp_path / f".r.coopnet-partial-{dead}"
    stale.mkdir()
    (stale / "map.png").write_bytes(b"half")
    alive = tmp_path / f".r.coopnet-partial-{os.getppid()}"  # a live process: left alone
    alive.mkdir()
    other = tmp_path / f".other.coopnet-partial-{dead}"  # another target: left alone
    other.mkdir()
    cn.report(small_net, tmp_path / "r")
    assert not stale.exists() and alive.exists() and other.exists()


def test_stale_temporary_file_of_a_dead_process_is_removed(tmp_path, small_net):
    (tmp_path / "x").mkdir()
    stale = tmp_path / "x" / f".net.gexf.coopnet-{_dead_pid()}.x1y2.tmp"
    stale.write_bytes(b"half")
    cn.write_gexf(small_net, tmp_path / "x" / "net.gexf")
    assert sorted(os.listdir(tmp_path / "x")) == ["net.gexf"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# ------------------------------------------------------------- signals
@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    """A synthetic network whose report takes a few seconds."""
    folder = tmp_path_factory.mktemp("big")
    return cn.write_csv(cn.synthetic(800, seed=4), folder)


def _start_report(files, outdir, *extra):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    return subprocess.Popen(
        [sys.executable, "-m", "coopnet", "report", "-o", str(outdir), "--data", str(files),
         *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )  # fmt: skip


def _wait_for_staging(parent: Path, proc, timeout=60.0) -> None:
    start = time.monotonic()
    while not any(p.name.startswith(".r.coopnet-partial-") for p in parent.iterdir()):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() - start < timeout
        time.sleep(0.02)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_exits_quietly_and_cleans_up(tmp_path, big_files, sig, code):
    proc = _start_report(big_files, tmp_path / "r")
    _wait_for_staging(tmp_path, proc)
    time.sleep(0.5)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().count("\n") == 0 and "coopnet:" in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("argv", [["centrality"], ["summary"], ["export", "-o", "{d}/n.gexf"]])
def test_ctrl_c_in_any_command_is_one_line_and_130(tmp_path, monkeypatch, argv):
    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(cn.io, "load_sample", interrupted)
    code, _, err = run([a.format(d=tmp_path) for a in argv])
    assert code == 130
    assert err.strip() == "coopnet: interrupted (Ctrl-C); nothing half-written was left behind"
    assert os.listdir(tmp_path) == []


def _complete(folder: Path) -> None:
    assert sorted(os.listdir(folder)) == sorted(FILES)
    for name in FILES:
        data = (folder / name).read_bytes()
        assert data, name
        if name.endswith(".csv"):
            assert len(pd.read_csv(folder / name)) > 0
        elif name.endswith(".png"):
            assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
        elif name.endswith(".html"):
            assert data.rstrip().endswith(b"</html>")
        elif name.endswith(".pptx"):
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
        else:
            assert data.decode("utf-8").startswith("# ")


@pytest.mark.slow
def test_kill_at_random_moments_leaves_no_half_report(tmp_path, big_files):
    """SIGKILL cannot be caught: after each kill the target is absent or a complete report
    (the first run's or a later one's), and the next run removes what the killed one left
    (its staging folder, or the old report it had renamed aside) and succeeds."""
    target = tmp_path / "r"
    start = time.monotonic()
    proc = _start_report(big_files, target)
    proc.communicate(timeout=600)
    assert proc.returncode == 0
    _complete(target)
    total = time.monotonic() - start
    rng = random.Random(17)
    left_behind = 0
    for moment in [rng.uniform(0.1, 1.0) * total for _ in range(4)]:
        proc = _start_report(big_files, target, "--force")
        time.sleep(moment)
        proc.kill()
        proc.communicate()
        if target.exists():
            _complete(target)
        left_behind += any(".coopnet-" in name for name in os.listdir(tmp_path))
    assert left_behind, "no kill landed while a report was being built"
    proc = _start_report(big_files, target, "--force")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    _complete(target)
    assert os.listdir(tmp_path) == ["r"], os.listdir(tmp_path)
