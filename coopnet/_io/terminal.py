"""Text that is safe to print on a terminal.

Names come from users' files. Printed raw, an ESC sequence (``\\x1b]0;…\\x07``)
sets the window title or the colours, a C1 control (``\\x9b`` is CSI) does the same
on some terminals, a carriage return moves back over what the line said, and a
bidi override (U+202E) shows the rest of the line backwards. Every line the
command prints passes through :func:`terminal_lines`, and every cell of a table
through :func:`terminal_safe`, which show such characters as visible escapes.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with control, line-separator and direction characters as visible escapes.

    For a cell of a table: line breaks and tabs are escaped too.

    Examples
    --------
    >>> terminal_safe("\\x1b]0;pwned\\x07JA香川")
    '\\\\x1b]0;pwned\\\\x07JA香川'
    >>> terminal_safe("\\u202eevil")
    '\\\\u202eevil'
    """
    text = str(text)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def terminal_lines(text: object) -> str:
    """``text`` made safe line by line: its line feeds stay line feeds.

    >>> print(terminal_lines("wrote\\x1b[2J\\nok"))
    wrote\\x1b[2J
    ok
    """
    return "\n".join(terminal_safe(line) for line in str(text).split("\n"))
