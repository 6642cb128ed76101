"""The documentation site builds with warnings as errors, offline, from the code.

The build runs every example of the docstrings the API pages show, draws the
gallery from the bundled data, makes the command page from the parser, and fails
on a reference to something that does not exist (see docs/_ext/coopnet_docs.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coopnet as cn

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_MISSING = [
    name
    for name in ("sphinx", "myst_parser", "numpydoc", "pydata_sphinx_theme")
    if importlib.util.find_spec(name) is None
]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(_MISSING),
        reason=f"the docs requirements are not installed ({', '.join(_MISSING)}): "
        "pip install '.[docs]'",
    ),
]


def _sphinx(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """``python -m sphinx -W`` as README documents it, in a fresh interpreter."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            *extra,
            str(src),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    run = _sphinx(DOCS, out, "-j", "auto", "-d", str(out.parent / "doctrees"))
    assert run.returncode == 0, f"the docs build failed:\n{run.stderr[-6000:]}"
    return out


def test_site_builds_with_every_page(site):
    for page in (
        "index",
        "getting-started",
        "data",
        "guides/pairs",
        "guides/bridges",
        "guides/types",
        "guides/places-years",
        "methods",
        "cli",
        "api",
        "gallery",
        "benchmarks",
        "contributing",
        "search",
    ):
        assert (site / f"{page}.html").is_file(), page
    for name in set(cn.__all__) - {"__version__"}:
        assert (site / "api" / f"coopnet.{name}.html").is_file(), name


def test_site_loads_nothing_from_the_network(site):
    external = re.compile(
        r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//"""
    )
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not external.search(text), page.relative_to(site)
    assert not list(site.rglob("*mathjax*"))


def test_gallery_is_drawn_at_build_time(site):
    html = (site / "gallery.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="(_images/[^"]+\.png)"', html)
    assert len(images) >= 9 and len(set(images)) == len(images)
    for src in images:
        assert (site / src).stat().st_size > 5_000, src
    assert 'href="_static/coopnet-map.html"' in html
    page = (site / "_static" / "coopnet-map.html").read_text(encoding="utf-8")
    assert "協同組合" in page or "JA" in page


def test_cli_page_is_every_commands_help(site):
    from coopnet.cli import build_parser

    html = (site / "cli.html").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in commands.choices:
        assert f'id="cli-{name}"' in html, name
        assert f"usage: coopnet {name}" in html, name


def test_search_finds_japanese_words(site):
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docs = index["docnames"]

    def pages(query: str) -> set[str]:  # as searchtools.js: the word, or inside a word
        found = set()
        for table in (index["terms"], index["titleterms"]):
            for term, where in table.items():
                if term == query or (len(query) > 2 and query in term):
                    found |= {docs[i] for i in (where if isinstance(where, list) else [where])}
        return found

    assert "guides/bridges" in pages("橋渡し")
    assert "guides/pairs" in pages("偶然")
    assert "data" in pages("都道府県")


def test_broken_reference_and_failing_example_fail_the_build(tmp_path):
    """A reference to nothing, and a docstring example that no longer holds, are errors;
    a reference to an existing object without a page of its own is not."""
    (tmp_path / "api").mkdir()
    (tmp_path / "stale_mod.py").write_text(
        textwrap.dedent('''
            def f():
                """Return one.

                >>> f()
                2
                """
                return 1
        '''),
        encoding="utf-8",
    )
    (tmp_path / "conf.py").write_text(
        textwrap.dedent(f"""
            import sys
            sys.path[:0] = [{str(DOCS / "_ext")!r}, {str(tmp_path)!r}]
            extensions = ["sphinx.ext.autodoc", "coopnet_docs"]
            nitpicky = True
        """),
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Index\n=====\n\n:func:`coopnet.no_such_function` and :func:`coopnet.mixing._tie_pairs`"
        " and :class:`pandas.DataFrame`.\n\n.. toctree::\n\n   api/stale\n",
        encoding="utf-8",
    )
    (tmp_path / "api" / "stale.rst").write_text(
        "stale\n=====\n\n.. autofunction:: stale_mod.f\n", encoding="utf-8"
    )
    run = _sphinx(tmp_path, tmp_path / "_build")
    assert run.returncode != 0
    assert "coopnet.no_such_function" in run.stderr
    assert "_tie_pairs" not in run.stderr and "DataFrame" not in run.stderr
    assert "the example in the docstring of stale_mod.f fails" in run.stderr
