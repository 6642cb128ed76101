"""How the command line speaks: help in Japanese, then English, wrapped to the window.

Every command's help and description is written Japanese first, then English,
as the README is: an option's help as ``日本語 / English``, a description as a
Japanese paragraph and an English one. :class:`HelpFormatter` wraps them by
display width (a Japanese character takes two columns) at phrase boundaries
(BudouX), so an 80-column Windows console shows them whole. :class:`Parser` says
argparse's own words (``usage``, ``options``, its errors) in both languages too.
"""

from __future__ import annotations

import argparse
import re
import sys

from .common import text_width


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: after spaces, between Japanese phrases."""
    from .._text import _parser

    out = []
    for chunk in re.findall(r"\S+\s*", text):
        if text_width(chunk) > len(chunk):  # holds wide characters: break between phrases
            out.extend(_parser().parse(chunk))
        else:
            out.append(chunk)
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns (a longer phrase is cut).

    Examples
    --------
    >>> wrap("同じ名前のファイルがあれば置き換える / replace FILE if it exists", 24)
    ['同じ名前のファイルが', 'あれば置き換える /', 'replace FILE if it', 'exists']
    """
    width = max(width, 10)
    lines, line = [], ""
    for piece in _pieces(" ".join(text.split())):
        if line and text_width(line + piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while text_width(piece.rstrip()) > width:  # one phrase wider than the window
            cut = next(k for k in range(len(piece), 0, -1) if text_width(piece[:k]) <= width)
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


#: Between the Japanese and the English of one help text: `` / `` after Japanese.
_BOTH = re.compile(r"(?<=[^\x00-\x7f]) ?/ ")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, wrapped by display width: an option's ``日本語 / English`` help
    as Japanese lines above English ones; a blank line keeps paragraphs apart."""

    def _split_lines(self, text, width):
        parts = _BOTH.split(text, maxsplit=1)  # English on lines of its own, below
        return [line for part in parts for line in wrap(part, width)]

    def _fill_text(self, text, width, indent):
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        return "\n\n".join(
            "\n".join(indent + line for line in wrap(p, width - len(indent))) for p in paragraphs
        )


#: argparse's own error messages and what they say in Japanese.
_ARGPARSE_JA = (
    (r"the following arguments are required: (.*)", r"次の指定が必要です: \1"),
    (r"unrecognized arguments: (.*)", r"知らない指定です: \1"),
    (r"invalid choice: (.*?) \(choose from .*\)", r"\1 は選べません"),
    (r"expected one argument", "値を 1 つ指定してください"),
    (r"ambiguous option: (\S+) could match (.*)", r"\1 がどれのことか決められません: \2"),
    (r"not allowed with argument (.*)", r"\1 と一緒には使えません"),
    (r"invalid \w+ value: (.*)", r"\1 は正しい値ではありません"),
)


def argparse_ja(message: str) -> str | None:
    """The Japanese of one of argparse's error messages (None when unknown, or when the
    message, from one of coopnet's own option types, says it in both already).

    >>> argparse_ja("the following arguments are required: -o/--output")
    '次の指定が必要です: -o/--output'
    >>> argparse_ja("argument --lang: invalid choice: 'jp' (choose from ja, en)")
    "--lang: 'jp' は選べません"
    """
    head, _, body = (
        message.partition(": ") if message.startswith("argument ") else ("", "", message)
    )
    if " / " in body:
        return None
    for en, ja in _ARGPARSE_JA:
        found = re.fullmatch(en, body)
        if found:
            said = found.expand(ja)
            return f"{head.removeprefix('argument ')}: {said}" if head else said
    return None


class Parser(argparse.ArgumentParser):
    """An argument parser whose help and errors come in Japanese and English."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "指定 / arguments"
        self._optionals.title = "オプション / options"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="この説明を表示して終わる / show this help and exit",
        )

    def error(self, message: str):
        ja = argparse_ja(message)
        self.print_usage(sys.stderr)
        text = f"{ja} / {message}" if ja else message
        self.exit(2, f"{self.prog}: error: {text}\n")
