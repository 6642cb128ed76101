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
from .common import error_text
from .help import Parser

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

    parser = Parser(
        prog="coopnet",
        description="協同組合間連携を、組織をノード・連携をエッジとするネットワークとして"
        "読み込み、集計し、描きます。データを指定しなければ、同梱の JCA の事例を使います。"
        "各コマンドの説明は coopnet COMMAND -h で表示します。\n\n"
        "Map and analyse partnerships between Japanese cooperatives: organisations are "
        "nodes, partnerships edges. Without your own data, the bundled JCA cases are used. "
        "coopnet COMMAND -h explains a command.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"coopnet {__version__}",
        help="バージョンを表示する / show the version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="コマンド / commands")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _error(exc: BaseException) -> None:
    """Print what went wrong, in Japanese and English and the user's terms, to stderr."""
    print(terminal_lines(f"coopnet: error: {error_text(exc)}"), file=sys.stderr)


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
            f"coopnet: warning: {error_text(msg)}\n"
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
            _error(exc)
            return EXIT_BAD_INPUT
        finally:
            warnings.formatwarning = original_format
