"""Markdown text that stays text: user data (names, case titles) in summary.md."""

from __future__ import annotations

import re

from .clean import printable

# "<" and ">" become entities (so no tag or autolink survives when the .md is
# rendered), "|" too (it would split a table cell), and "&" where it would start an
# entity ("&amp;" stays "&amp;" on screen, "A&B" stays readable). Markdown's inline
# markup characters are backslash-escaped so a name cannot make emphasis, code or a link.
_ENTITIES = {"<": "&lt;", ">": "&gt;", "|": "&#124;"}
_AMP = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MARKUP = re.compile(r"([\\`*_\[\]~!#])")
# Renderers that link bare URLs (GitHub's autolinks, markdown-it's linkify) look for
# "scheme:", "www.", "name.tld" and "a@b" inside one run of text. A backslash
# before a ":" after a letter, before a "." between a word and a letter, and before "@"
# splits every such run (a backslash-escaped character is a token of its own, and
# "www\." is not "www.") and renders as the same character, so the text reads the
# same and links nowhere. Numbers (1.5, 10:30) keep their characters.
_LINKISH = re.compile(r"(?<=[^\W\d_]):|(?<=\w)\.(?=[^\W\d_])|@")


def md_text(value: object) -> str:
    """``value`` as inline Markdown that renders as exactly that text, and links nowhere.

    >>> md_text("<script>alert(1)</script> | *x* &amp; A&B")
    '&lt;script&gt;alert(1)&lt;/script&gt; &#124; \\\\*x\\\\* &amp;amp; A&B'
    """
    text = "" if value is None else str(value)
    text = printable(text)  # no control character (read_csv refuses them anyway)
    text = " ".join(text.split())  # no line break may end a table row or a list item
    text = _AMP.sub("&amp;", text)
    text = _MARKUP.sub(r"\\\1", text)
    text = _LINKISH.sub(lambda m: "\\" + m.group(), text)
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def md_table(headers: list[str], rows: list[list[object]], align: str | None = None) -> str:
    """A GitHub-flavoured Markdown table; every cell is escaped with :func:`md_text`.

    ``align`` is one character per column: ``l`` or ``r``.

    >>> print(md_table(["a", "b"], [["x|y", 1]], align="lr"))
    | a | b |
    |:--|--:|
    | x&#124;y | 1 |
    """
    align = align or "l" * len(headers)
    rule = "|" + "|".join(":--" if a == "l" else "--:" for a in align) + "|"
    lines = ["| " + " | ".join(md_text(h) for h in headers) + " |", rule]
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
