"""The ``coopnet`` command.

Each area of the library registers its sub-commands from a module of this package;
heavy libraries (matplotlib, pyvis) are imported only when a command
that needs them runs. Bad input, and output that cannot be written, print one
clear line and exit with 2; Ctrl-C exits quietly with 130 (SIGTERM with 143).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import warnings

from .. import _progress
from .._io.terminal import terminal_lines
from ..errors import DataError

#: Modules that define sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "coopnet.cli.data",
    "coopnet.cli.analysis",
    "coopnet.cli.html",
    "coopnet.cli.pictures",
    "coopnet.cli.where_when",
    "coopnet.cli.report",
    "coopnet.cli.template",
    "coopnet.cli.deck",
)

EXIT_OK, EXIT_BAD_INPUT = 0, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="coopnet",
        description="Map and analyse partnerships between Japanese cooperatives (協同組合間連携).",
    )
    parser.add_argument("--version", action="version", version=f"coopnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _error(message: object) -> None:
    """Print one error message, safe for a terminal, to stderr."""
    print(terminal_lines(f"coopnet: error: {message}"), file=sys.stderr)


def _os_error(exc: OSError) -> str:
    """One line for an ``OSError``: writers raise OutputError (path, cause, what to do)."""
    from .._io.output import OutputError

    if isinstance(exc, OutputError):
        return str(exc)
    cause = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {cause}" if exc.filename else cause


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input, 130 Ctrl-C)."""
    from .._io.staging import Terminated, signals_raise

    try:
        with signals_raise():
            return _main(argv)
    except KeyboardInterrupt:
        _message("interrupted (Ctrl-C); nothing half-written was left behind")
        return EXIT_INTERRUPTED
    except Terminated as exc:
        _message(f"stopped by signal {exc.signum}; nothing half-written was left behind")
        return 128 + exc.signum


def _message(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(terminal_lines(f"coopnet: {text}"), file=sys.stderr)


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - exotic streams
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    original_format = warnings.formatwarning
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        # for developers only; an interrupted import leaves an unclosed file behind
        warnings.simplefilter("ignore", ResourceWarning)
        warnings.formatwarning = lambda msg, cat, *a, **k: terminal_lines(
            f"coopnet: warning: {msg}\n"
        )
        try:
            with _progress.quiet(getattr(args, "quiet", False)):
                return int(args.func(args) or EXIT_OK)
        except (DataError, ValueError, FileExistsError) as exc:
            _error(exc)
            return EXIT_BAD_INPUT
        except BrokenPipeError:  # pragma: no cover - e.g. `coopnet pairs | head`
            return EXIT_OK
        except OSError as exc:  # above all output that cannot be written (coopnet._io.output)
            _error(_os_error(exc))
            return EXIT_BAD_INPUT
        finally:
            warnings.formatwarning = original_format
