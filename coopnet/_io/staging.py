"""All-or-nothing output folders, and the signals that must not leave half of one.

:class:`StagedFolder` builds a folder in a hidden sibling of its target,
``.{name}.coopnet-partial-{pid}`` (same parent, so on the same disk), then renames it
into place in one step. An existing folder that holds only files the report writes
is first renamed aside (``.{name}.coopnet-old-{pid}``), the new one renamed in, the
old one removed; a folder that also holds other files (the user's own) keeps them,
and the new files are renamed into it one by one, each complete.

On an exception, Ctrl-C (``KeyboardInterrupt``) or SIGTERM/SIGHUP (turned into
:class:`Terminated` while the folder is built) the staging folder is removed.
SIGKILL cannot be caught and leaves it behind: the next run for the same target
removes staging folders and temporary files whose process is no longer running.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .output import output_error

PARTIAL = "coopnet-partial"
OLD = "coopnet-old"


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP) while writing output.

    Like ``KeyboardInterrupt`` it is not an ``Exception``, so clean-up code runs and
    nothing catches it by accident; the command exits with ``128 + signum``.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, frame):
    raise Terminated(signum)


def _stop_signals() -> list[int]:
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only).

    A handler the program set itself is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in _stop_signals():
        current = signal.getsignal(signum)
        if current in (signal.SIG_DFL, None):
            previous[signum] = current
            signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block (a clean-up) is done (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    saved = {}
    for signum in [signal.SIGINT, *_stop_signals()]:
        saved[signum] = signal.getsignal(signum)
        signal.signal(signum, lambda n, f: pending.append(n))
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if pending:
            signal.raise_signal(pending[0])


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` is running on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path, pattern: re.Pattern) -> None:
    """Remove entries of ``folder`` matching ``pattern`` (group ``pid``) of dead processes."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() or pid_alive(pid):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class StagedFolder:
    """Build ``target`` beside itself and move it into place whole.

    ``target`` must be resolved (:func:`coopnet._io.output.resolve_folder`);
    ``replaceable`` names the files the caller writes (an existing folder holding
    nothing else is replaced as a whole).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> parent = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedFolder(parent / "out", replaceable=["a.txt"]) as stage:
    ...     _ = (stage.path / "a.txt").write_text("complete")
    ...     stage.commit()
    >>> sorted(p.name for p in parent.iterdir()), (parent / "out" / "a.txt").read_text()
    (['out'], 'complete')
    """

    def __init__(self, target: Path, *, replaceable: Iterable[str]):
        self.target = Path(target)
        self.parent = self.target.parent
        name, pid = self.target.name, os.getpid()
        self.path = self.parent / f".{name}.{PARTIAL}-{pid}"
        self._aside = self.parent / f".{name}.{OLD}-{pid}"
        self._replaceable = set(replaceable)
        self._made: list[Path] = []
        self._committed = False
        self._signals = signals_raise()

    # ---------------------------------------------------------------- setting up
    def __enter__(self) -> StagedFolder:
        self._signals.__enter__()
        try:
            self._make_parents()
            stale = re.compile(
                rf"\.{re.escape(self.target.name)}\.(?:{PARTIAL}|{OLD})-(?P<pid>\d+)"
            )
            remove_stale(self.parent, stale)
            if self.path.exists():  # left by an earlier process with this pid
                shutil.rmtree(self.path)
            os.mkdir(self.path)
        except BaseException as exc:
            self._abandon()
            self._signals.__exit__(None, None, None)
            if isinstance(exc, OSError):
                raise output_error(self.target, exc) from None
            raise
        return self

    def _make_parents(self) -> None:
        missing = []
        for parent in [self.parent, *self.parent.parents]:
            if parent.exists():
                break
            missing.append(parent)
        for folder in reversed(missing):
            os.mkdir(folder)
            self._made.append(folder)

    # ----------------------------------------------------------------- finishing
    def commit(self) -> None:
        """Move the built folder into place (see the module notes)."""
        try:
            _fsync_dir(self.path)
            if not os.path.lexists(self.target):
                os.rename(self.path, self.target)
            elif self._whole_swap():
                os.rename(self.target, self._aside)
                try:
                    os.rename(self.path, self.target)
                except BaseException:
                    os.rename(self._aside, self.target)
                    raise
                with _uninterrupted():
                    shutil.rmtree(self._aside, ignore_errors=True)
            else:
                for entry in sorted(os.listdir(self.path)):
                    os.replace(self.path / entry, self.target / entry)
                os.rmdir(self.path)
        except OSError as exc:
            raise output_error(
                self.target, exc, verb="replace" if self.target.exists() else "write"
            ) from None
        self._committed = True
        _fsync_dir(self.parent)

    def _whole_swap(self) -> bool:
        """Whether the existing target holds only replaceable files and is not in use as
        the current folder (which Windows cannot rename and a shell would lose)."""
        try:
            inside = set(os.listdir(self.target))
        except OSError:
            return False
        cwd = Path(os.getcwd())
        in_use = cwd == self.target or self.target in cwd.parents
        return inside <= self._replaceable and not in_use

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if not self._committed:
                self._abandon()
        finally:
            self._signals.__exit__(None, None, None)
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise self._about_target(exc) from None
        return False

    def _abandon(self) -> None:
        with _uninterrupted():
            shutil.rmtree(self.path, ignore_errors=True)
            for folder in reversed(self._made):
                with contextlib.suppress(OSError):
                    os.rmdir(folder)

    def _about_target(self, exc: OSError) -> OSError:
        """``exc`` about a file in the staging folder, retold about the target's file."""
        filename = getattr(exc, "filename", None)
        if filename:
            with contextlib.suppress(ValueError):
                inside = Path(filename).relative_to(self.path)
                return output_error(self.target / inside, exc)
        return output_error(self.target, exc)
