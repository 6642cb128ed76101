"""The ``coopnet`` command.

Each area of the library registers its sub-commands from a module of this package;
heavy libraries (matplotlib, pyvis) are imported only when a command
that needs them runs. Bad input prints one clear message and exits with 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings

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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
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
        warnings.formatwarning = lambda msg, cat, *a, **k: f"coopnet: warning: {msg}\n"
        try:
            return int(args.func(args) or EXIT_OK)
        except DataError as exc:
            print(f"coopnet: error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except (ValueError, FileExistsError) as exc:
            print(f"coopnet: error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except BrokenPipeError:  # pragma: no cover - e.g. `coopnet pairs | head`
            return EXIT_OK
        finally:
            warnings.formatwarning = original_format
