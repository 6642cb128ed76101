"""One word per idea everywhere a user reads (issue 13, point 8).

The glossary (``coopnet/_glossary.py``) holds the words: 連携類型 (never 連携タイプ or
タイプ), セクター (never 部門), 期待値 and 観測/期待 for chance. This scans every
string of the package (messages, help, the summary, pictures' and the page's words,
docstrings), the page's own files, the README, the tour notebook and the data notes
for the variants it replaced.
"""

from __future__ import annotations

import ast
import functools
import json
import sys
from pathlib import Path

import pytest

import coopnet
from coopnet._glossary import term

ROOT = Path(coopnet.__file__).resolve().parents[1]
PACKAGE = ROOT / "coopnet"

#: variant -> the glossary's word
BANNED = {
    "連携のタイプ": term("type", "ja"),
    "連携タイプ": term("type", "ja"),
    "タイプ": term("type", "ja"),
    "組織の部門": term("sector", "ja"),
    "部門": term("sector", "ja"),
    "偶然の期待値": term("expected", "ja"),
    "倍率": term("ratio", "ja"),
    "観測／期待": term("ratio", "ja"),
    "obs/exp": term("ratio", "en"),
    "human resource": "Staff development",
    "personnel development": "Staff development",
    "HR development": "Staff development",
}


def _python_strings(path: Path):
    """(line, text) of every string in a module, except where the glossary names the
    variants it forbids (its own module docstring)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = None
    if path.name == "_glossary.py":
        skip = ast.get_docstring(tree, clean=False)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value != skip:
                yield node.lineno, node.value


def _notebook_text(path: Path):
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        yield i, "".join(cell["source"])


def _texts():
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in _python_strings(path):
            yield f"{path.relative_to(ROOT)}:{line}", text
    for pattern in ("*.html", "*.js", "*.css"):
        for path in sorted((PACKAGE / "_html").rglob(pattern)):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "data").glob("*.md"))]:
        if path.exists():
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "docs").rglob("*")) if (ROOT / "docs").is_dir() else []:
        if path.suffix in (".md", ".rst", ".txt"):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell, text in _notebook_text(path):
            yield f"{path.relative_to(ROOT)} cell {cell}", text


@functools.cache
def _all() -> list[tuple[str, str]]:
    return list(_texts())


def test_the_scan_sees_the_places_users_read():
    places = [where for where, _ in _all()]
    assert any(p.startswith("README.md") for p in places)
    assert any("tour.ipynb" in p for p in places)
    assert any("_report/summary.py" in p for p in places)
    assert any("cli/" in p for p in places)
    words = " ".join(text for _, text in _all())
    assert term("type", "ja") in words and term("ratio", "ja") in words  # the real words


@pytest.mark.parametrize("variant", sorted(BANNED))
def test_no_variant_of_a_glossary_word(variant):
    found = [where for where, text in _texts() if variant.casefold() in text.casefold()]
    assert not found, f"{variant!r} (say {BANNED[variant]!r}) in {found}"


def test_a_variant_would_be_found(tmp_path, monkeypatch):
    """The scan is not blind: a module with 連携タイプ in a message is caught."""
    fake = tmp_path / "coopnet"
    (fake / "_html").mkdir(parents=True)
    (fake / "m.py").write_text('def f():\n    raise ValueError("連携タイプが違います")\n')
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [w for w, t in _texts() if "連携タイプ" in t] == ["coopnet/m.py:2"]
