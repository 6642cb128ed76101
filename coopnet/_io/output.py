"""Where output goes: one wording for what can go wrong, and checks before the work.

Every writer (CSV, pictures, map, exports, the report folder) turns an ``OSError``
into an :class:`OutputError` naming the path the user gave and the cause (the
system's own words, :func:`os.strerror`, and what to do). The commands print it as
one line and exit with 2. The checks here run before any computing, so a place
that cannot be written fails at once rather than after minutes of work.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..errors import with_ja

# --------------------------------------------------------------------- messages
#: What to do about a cause: errno -> (English, Japanese).
_WHAT_TO_DO = {
    errno.ENOSPC: (
        "the disk is full: free some space or choose another place",
        "ディスクが一杯です。空きを作るか別の場所を選んでください",
    ),
    errno.EROFS: (
        "the disk is read-only: choose another place",
        "読み取り専用のディスクです。別の場所を選んでください",
    ),
    errno.EACCES: (
        "you may not write there: choose another folder",
        "そこには書き込む権限がありません。別のフォルダを選んでください",
    ),
    errno.ENAMETOOLONG: ("choose a shorter name", "もっと短い名前にしてください"),
    errno.EBUSY: (
        "it is in use: close the program that has it open, then try again",
        "ほかのプログラムが使っています。そのプログラムを閉じてからやり直してください",
    ),
}
_WHAT_TO_DO[errno.EPERM] = _WHAT_TO_DO[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _WHAT_TO_DO[errno.EDQUOT] = (
        "your disk quota is full: free some space or choose another place",
        "ディスクの割り当てが一杯です。空きを作るか別の場所を選んでください",
    )
_VERBS_JA = {"write": "書き込めません", "replace": "置き換えられません"}


class OutputError(OSError):
    """An output file or folder that cannot be written; ``str()`` is one line.

    It is an ``OSError`` with the ``errno`` of the cause and ``filename`` the path
    the user gave; ``ja`` says it in Japanese (the command line shows both).

    Examples
    --------
    >>> import errno
    >>> err = OutputError("report/map.png", errno.ENOSPC)
    >>> print(err)
    cannot write report/map.png: No space left on device (the disk is full: free some space or choose another place)
    >>> print(err.ja)
    report/map.png に書き込めません: ディスクが一杯です。空きを作るか別の場所を選んでください
    """

    def __init__(
        self,
        path,
        code: int | None,
        detail: tuple[str, str] | None = None,
        *,
        verb="write",
        cause=None,
    ):
        cause = cause or (os.strerror(code) if code else "unknown error")
        super().__init__(code, cause, os.fspath(path))
        if detail is None:
            hint = _WHAT_TO_DO.get(code)
            detail = (f"{cause} ({hint[0]})", hint[1]) if hint else (cause, cause)
        self.message = f"cannot {verb} {os.fspath(path)}: {detail[0]}"
        self.ja = f"{os.fspath(path)} に{_VERBS_JA.get(verb, verb)}: {detail[1]}"

    def __str__(self) -> str:
        return self.message


def _is_a_file(blocker) -> tuple[str, str]:
    return f"{blocker} is a file, not a folder", f"{blocker} はフォルダではなくファイルです"


_IS_A_FOLDER = ("it is a folder: give a file name", "フォルダです。ファイル名を指定してください")


def _first_file_above(path: Path) -> Path | None:
    """The nearest folder-to-be of ``path`` that exists as a file, if any."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def output_error(path, exc: OSError, *, verb: str = "write") -> OutputError:
    """``exc``, raised while writing ``path``, as an :class:`OutputError` about ``path``."""
    path = Path(path)
    if isinstance(exc, OutputError) and Path(exc.filename) == path:
        return exc
    code = exc.errno
    if code in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        blocker = _first_file_above(path)
        if blocker is not None:
            return OutputError(path, errno.ENOTDIR, _is_a_file(blocker), verb=verb)
    if code == errno.ENOENT and not path.parent.exists():
        return OutputError(
            path,
            code,
            (
                f"the folder {path.parent} does not exist: create it first or check the path",
                f"フォルダ {path.parent} がありません。先に作るか、パスを確かめてください",
            ),
            verb=verb,
        )
    if code == errno.EISDIR or (code in (errno.EEXIST, errno.EACCES) and path.is_dir()):
        return OutputError(path, errno.EISDIR, _IS_A_FOLDER, verb=verb)
    if getattr(exc, "winerror", None) in (5, 32, 33):  # access denied, file in use (Windows)
        return OutputError(
            path,
            code,
            (
                f"{exc.strerror} (it may be open in another program, such as Excel or a picture "
                "viewer: close it and try again, or choose another place)",
                "ほかのプログラム（Excel や画像ビューアーなど）で開いているかもしれません。"
                "閉じてからやり直すか、別の場所を選んでください",
            ),
            verb=verb,
        )
    cause = None if code else (exc.strerror or str(exc) or type(exc).__name__)
    return OutputError(path, code, verb=verb, cause=cause)


def exists_error(paths, flag: str) -> FileExistsError:
    """Refusing to replace existing ``paths`` unless ``flag`` (``overwrite=True``, ``force=True``)."""
    paths = [os.fspath(p) for p in paths]
    shown = ", ".join(paths)
    ja = f"{shown} はすでにあります。{flag} を付けると置き換えます"
    if len(paths) == 1:
        return with_ja(FileExistsError(f"{shown} already exists; pass {flag} to replace it"), ja)
    return with_ja(FileExistsError(f"{shown} already exist; pass {flag} to replace them"), ja)


def not_empty_error(folder, flag: str) -> FileExistsError:
    given = f"outdir={os.fspath(folder)!r}"
    return with_ja(
        FileExistsError(
            f"{given} is not empty; choose a new folder or pass {flag} to replace the "
            "report's files in it"
        ),
        f"{given} は空ではありません。別のフォルダを選ぶか、{flag} を付けるとレポートの"
        "ファイルを置き換えます（ほかのファイルは残ります）",
    )


def is_a_file_error(folder, param: str = "outdir") -> FileExistsError:
    given = f"{param}={os.fspath(folder)!r}"
    return with_ja(
        FileExistsError(f"{given} is a file, not a folder"),
        f"{given} はフォルダではなくファイルです",
    )


# ----------------------------------------------------------------------- checks
def probe(folder: Path, shown) -> None:
    """Create and remove a file in ``folder``; an :class:`OutputError` about ``shown`` if not."""
    try:
        fd, name = tempfile.mkstemp(prefix=".coopnet-probe-", dir=folder)
    except OSError as exc:
        raise output_error(shown, exc) from None
    os.close(fd)
    os.unlink(name)


def check_file(
    path, *, force: bool, flag: str = "overwrite=True", suffixes: tuple[str, ...] = ()
) -> Path:
    """Check, before any work, that the file ``path`` can be written.

    Its folder must exist and take a new file; ``path`` must not be a folder; an
    existing file is refused unless ``force`` (the message names ``flag``); with
    ``suffixes``, the name must end in one of them (``.pptx``).
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file name or a Path, not {type(path).__name__}")
    path = Path(path)
    if suffixes and path.suffix.lower() not in suffixes:
        given, ends = f"path={os.fspath(path)!r}", " or ".join(suffixes)
        raise with_ja(
            ValueError(f"{given} is not valid; the file name must end in {ends}"),
            f"{given} は使えません。ファイル名は {ends} で終わる名前にしてください",
        )
    if path.is_dir():
        raise OutputError(path, errno.EISDIR, _IS_A_FOLDER)
    if os.path.lexists(path) and not force:
        raise exists_error([path], flag)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise output_error(path, OSError(errno.ENOENT, os.strerror(errno.ENOENT)))
    probe(folder, path)
    return path


def resolve_folder(folder, *, param: str = "outdir") -> Path:
    """``folder`` as an absolute path; a symbolic link to a folder is followed.

    A link to nothing is an :class:`OutputError`; an existing file is a
    ``FileExistsError``.
    """
    given = folder
    folder = Path(os.path.abspath(folder))
    if folder.is_symlink():
        real = Path(os.path.realpath(folder))
        if not real.exists():
            raise OutputError(
                given,
                errno.ENOENT,
                (
                    f"it is a symbolic link to {real}, which does not exist: "
                    "remove the link or create that folder",
                    f"存在しない {real} へのシンボリックリンクです。リンクを消すかそのフォルダを"
                    "作ってください",
                ),
            )
        folder = real
    if folder.exists() and not folder.is_dir():
        raise is_a_file_error(given, param)
    blocker = _first_file_above(folder)
    if blocker is not None:
        raise OutputError(given, errno.ENOTDIR, _is_a_file(blocker))
    return folder


def check_folder(folder, *, force: bool, flag: str) -> Path:
    """Check, before any work, that the report folder ``folder`` can be written.

    Returns the resolved folder. A folder holding files is refused unless
    ``force``; the nearest existing folder above must take new files (the report
    is built beside its folder).
    """
    given = folder
    folder = resolve_folder(folder)
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise not_empty_error(given, flag)
    existing = next(p for p in folder.parents if p.exists())
    probe(existing, given)
    return folder
