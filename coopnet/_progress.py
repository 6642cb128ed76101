"""Progress bars for long work: tqdm's, in a terminal and in a notebook, else nothing.

Long steps call :func:`bar` (a known amount of work, e.g. sources searched) or
:func:`steps` (named stages, e.g. the files of a report)::

    with _progress.bar(total, "betweenness, closeness", unit="org") as bar:
        for chunk in work:
            bar.update(len(chunk))

A bar appears only when the work has taken more than :data:`DELAY` seconds, only
where someone watches (a terminal on standard error, or a Jupyter notebook with
ipywidgets), and never inside :func:`quiet` (the commands' ``--quiet``) or with
tqdm's own ``TQDM_DISABLE=1``. Piped output, log files and the tests stay clean.
tqdm is imported only when a bar is shown.
"""

from __future__ import annotations

import contextvars
import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Work shorter than this many seconds shows nothing at all.
DELAY = 1.0

_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("coopnet_quiet", default=False)


@contextmanager
def quiet(on: bool = True) -> Iterator[None]:
    """No progress bars inside this block (when ``on``)."""
    token = _QUIET.set(bool(on) or _QUIET.get())
    try:
        yield
    finally:
        _QUIET.reset(token)


def _notebook() -> bool:
    """True inside a Jupyter kernel (IPython is never imported here)."""
    ipython = sys.modules.get("IPython")
    if ipython is None or "ipykernel" not in sys.modules:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # pragma: no cover - an unusual IPython
        return False
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def where() -> str | None:
    """``"notebook"``, ``"terminal"`` or None (no bar) for the current context."""
    if _QUIET.get() or os.environ.get("TQDM_DISABLE", "").lower() in ("1", "true", "yes"):
        return None
    if _notebook():
        return "notebook" if importlib.util.find_spec("ipywidgets") else None
    stream = sys.stderr
    try:
        return "terminal" if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError):  # closed or unusual streams
        return None


class _Silent:
    """The bar when no bar is shown: every call does nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def step(self, name: str) -> None:
        pass

    def close(self) -> None:
        pass


def silent() -> _Silent:
    """A bar that shows nothing (for callers given no bar)."""
    return _Silent()


class _Bar:
    """A tqdm bar that stays invisible until :data:`DELAY` seconds have passed."""

    def __init__(self, total: int | None, desc: str, unit: str, leave: bool) -> None:
        if where() == "notebook":
            from tqdm.notebook import tqdm
        else:
            from tqdm.std import tqdm
        self._start = time.monotonic()
        self._started = False
        self._bar = tqdm(
            total=total,
            desc=desc,
            unit=unit,
            delay=DELAY,
            leave=leave,
            dynamic_ncols=True,
            file=sys.stderr,
        )

    def update(self, n: int = 1) -> None:
        self._bar.update(n)

    def step(self, name: str) -> None:
        """Mark the previous step done and name the one that starts."""
        if self._started:
            self._bar.update(1)
        self._started = True
        # tqdm draws on refresh even before its delay: only refresh once it has passed
        self._bar.set_postfix_str(name, refresh=time.monotonic() - self._start >= DELAY)

    def close(self) -> None:
        self._bar.close()


@contextmanager
def bar(total: int | None, desc: str, *, unit: str = "org", leave: bool = False):
    """A progress bar over ``total`` units (see the module's docstring)."""
    shown = _Bar(total, desc, unit, leave) if where() else _Silent()
    try:
        yield shown
    finally:
        shown.close()


@contextmanager
def steps(count: int, desc: str):
    """A bar over ``count`` named steps: call ``.step(name)`` as each one starts."""
    shown = _Bar(count, desc, "step", True) if where() else _Silent()
    try:
        yield shown
    finally:
        if isinstance(shown, _Bar) and shown._bar.n < count:
            shown._bar.update(count - shown._bar.n)
        shown.close()
