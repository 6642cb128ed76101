"""Sphinx helpers that make coopnet's site from the code, so the site cannot drift from it.

- ``coopnet-cli``: the command-line page, from the argparse parser that ``coopnet``
  itself uses (``coopnet <command> --help``, one section per command).
- ``coopnet-taxonomy``: the sectors or the six partnership types, from
  :mod:`coopnet.taxonomy` (labels, colours, definitions, accepted aliases).
- ``coopnet-run``: run a few lines on the bundled data and show them with their
  result (a DataFrame as a table), like a notebook cell.
- The examples of every docstring the API pages show are run while the pages are
  read (with the docstring's module as globals, as ``tests/test_docstrings.py``
  does); a failing example is a warning, so ``-W`` fails the build.
- The API page must list every name of ``coopnet.__all__``: a missing or unknown
  name is a warning too.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import html
import inspect
import io
import os
import re
import sys
import types
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: Public names that have no page of their own in the API reference.
API_UNLISTED = {"__version__"}


# ------------------------------------------------------------------ the CLI page
def _subcommands(parser: argparse.ArgumentParser):
    """``[(name, one-line help, sub-parser)]`` in the order ``coopnet --help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            return [(name, helps.get(name, ""), p) for name, p in action.choices.items()]
    return []


class CliDirective(SphinxDirective):
    """``coopnet --help`` and, in a section each, ``coopnet <command> --help``."""

    has_content = False

    def run(self):
        from coopnet.cli import build_parser

        parser = build_parser()
        out: list[nodes.Node] = [_help_block(parser)]
        for name, summary, sub in _subcommands(parser):
            title = f"coopnet {name}"
            section = nodes.section(ids=[f"cli-{name}"], names=[title])
            section += nodes.title(title, title)
            text = summary[:1].upper() + summary[1:] + "."
            section += nodes.paragraph(text, text)
            section += _help_block(sub)
            self.state.document.note_implicit_target(section, section)
            out.append(section)
        return out


def _help_block(parser: argparse.ArgumentParser) -> nodes.literal_block:
    text = parser.format_help().rstrip()
    return nodes.literal_block(text, text, language="text", classes=["cn-help"])


# ------------------------------------------------------------ the taxonomy tables
def _code(text: str) -> nodes.Node:
    return nodes.literal(text, text)


def _swatch(colour: str) -> list[nodes.Node]:
    box = f'<span class="cn-swatch" style="background:{html.escape(colour)}"></span>'
    return [nodes.raw("", box, format="html"), _code(colour)]


def _small(text: str) -> nodes.Node:
    return nodes.inline(text, text, classes=["cn-en"])


def _table(head: list[str], rows: list[list], widths: list[int] | None = None) -> nodes.table:
    """A docutils table (so that its words are in the search index); a cell is a
    string, a node, or a list of nodes (lines of a list are separated by a break)."""

    def entry(cell) -> nodes.entry:
        para = nodes.paragraph()
        parts = cell if isinstance(cell, list) else [cell]
        for part in parts:
            if isinstance(part, str):
                para += nodes.Text(part)
            else:
                para += part
        return nodes.entry("", para)

    table = nodes.table(classes=["cn-table"])
    group = nodes.tgroup(cols=len(head))
    table += group
    for w in widths or [1] * len(head):
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    thead += nodes.row("", *(entry(h) for h in head))
    group += thead
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(entry(c) for c in row))
    group += body
    return table


def _two(ja: str, en: str) -> list[nodes.Node]:
    return [nodes.Text(ja), nodes.raw("", "<br>", format="html"), _small(en)]


class TaxonomyDirective(SphinxDirective):
    """A table of coopnet's sectors (``sectors``) or partnership types (``types``)."""

    required_arguments = 1
    has_content = False

    def run(self):
        from coopnet import taxonomy

        which = self.arguments[0]
        if which == "sectors":
            aliases = _aliases(taxonomy._SECTOR_ALIASES, taxonomy.SECTORS)
            head = [
                "値 / value",
                "表示 / label",
                "別名（これも読めます） / also read as",
                "色 / colour",
            ]
            rows = [
                [
                    _code(s.key),
                    _two(s.ja, s.en),
                    "、".join(aliases.get(s.key, [])),
                    _swatch(s.color),
                ]
                for s in taxonomy.SECTORS.values()
            ]
            return [_table(head, rows, [2, 3, 4, 2])]
        if which == "types":
            aliases = _aliases(taxonomy._TYPE_ALIASES, taxonomy.TYPES)
            head = ["値 / value", "定義 / definition", "別名 / also read as", "色 / colour"]
            rows = [
                [
                    [_code(t.key), nodes.raw("", "<br>", format="html"), _small(t.en)],
                    _two(t.definition, t.definition_en),
                    "、".join(aliases.get(t.key, [])),
                    _swatch(t.color),
                ]
                for t in taxonomy.TYPES.values()
            ]
            return [_table(head, rows, [2, 6, 2, 2])]
        raise self.error(f"coopnet-taxonomy takes 'sectors' or 'types', not {which!r}")


class ColumnsDirective(SphinxDirective):
    """The columns of one table (``orgs``, ``edges``, ``cases``, ``members``), from the
    description the Excel template and its reader share (``coopnet._io.xlsxspec``)."""

    required_arguments = 1
    has_content = False

    def run(self):
        from coopnet._glossary import term
        from coopnet._io import xlsxspec

        sheet = next((s for s in xlsxspec.SHEETS if s.key == self.arguments[0]), None)
        if sheet is None:
            raise self.error(f"no table {self.arguments[0]!r} in coopnet's workbook layout")
        head = ["列 / column", "Excel の見出し / header", "必須", "内容 / content"]
        rows = [
            [
                _code(c.key),
                _two(term(c.label, "ja"), term(c.label, "en")),
                "✓" if c.required else "",
                _two(c.ja, c.en),
            ]
            for c in sheet.columns
        ]
        intro = nodes.paragraph()
        intro += [
            _code(f"{sheet.key}.csv"),
            nodes.Text(
                f" — Excel の「{sheet.title('ja')}」シート（{sheet.title('en')}）。{sheet.ja} "
            ),
            nodes.emphasis(sheet.en, sheet.en),
        ]
        return [intro, _table(head, rows, [2, 3, 1, 7])]


class ReportFilesDirective(SphinxDirective):
    """The files ``coopnet report`` writes, with what each holds (``coopnet.reporting.FILES``)."""

    has_content = False

    def run(self):
        from coopnet.reporting import FILES

        rows = []
        for name, what in FILES.items():
            ja, _, en = what.partition(" / ")
            rows.append([_code(name), _two(ja, en)])
        return [_table(["ファイル / file", "中身 / what it holds"], rows, [2, 8])]


def _aliases(table: dict, known: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for alias, key in table.items():
        label = getattr(known[key], "ja", key)
        if alias not in (key, label, getattr(known[key], "en", "").upper()):
            out.setdefault(key, []).append(alias)
    return out


# --------------------------------------------------------- a cell on the sample
class RunDirective(SphinxDirective):
    """Run the content (Python) and show it with the value of its last line.

    The lines of one page share their variables, as the cells of a notebook do;
    ``net = cn.load_sample()`` and ``import coopnet as cn`` are there from the start.
    ``:hide-code:`` shows only the result; ``:max-rows: N`` cuts a long table.
    """

    has_content = True
    option_spec: ClassVar[dict] = {
        "hide-code": directives.flag,
        "max-rows": directives.nonnegative_int,
    }

    def run(self):
        namespaces = self.env.temp_data.setdefault("coopnet_run", {})
        ns = namespaces.get(self.env.docname)
        if ns is None:
            import coopnet as cn

            ns = namespaces[self.env.docname] = {"cn": cn, "net": cn.load_sample()}
        code = "\n".join(self.content)
        out: list[nodes.Node] = []
        if "hide-code" not in self.options:
            block = nodes.literal_block(code, code, language="python")
            out.append(block)
        try:
            value, printed = _run_cell(code, ns)
        except Exception as exc:  # shown as a build warning: -W fails the build
            logger.warning(
                "coopnet-run: %s: %s",
                type(exc).__name__,
                exc,
                location=(self.env.docname, self.lineno),
            )
            return out
        if printed:
            out.append(nodes.literal_block(printed, printed, classes=["cn-output"]))
        if value is not None:
            out.append(_result_node(value, self.options.get("max-rows", 12)))
        return out


def _run_cell(code: str, ns: dict, *, close: bool = True):
    import ast

    import matplotlib.pyplot as plt

    tree = ast.parse(code)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(tree, "<coopnet-run>", "exec"), ns)
            value = eval(compile(last, "<coopnet-run>", "eval"), ns) if last else None
    finally:
        if close:
            plt.close("all")
    return value, buffer.getvalue()


def _result_node(value, max_rows: int) -> nodes.Node:
    import pandas as pd

    if isinstance(value, pd.Series):
        value = value.to_frame()
    if isinstance(value, pd.DataFrame):
        shown = value.head(max_rows) if max_rows else value
        table = shown.to_html(
            classes=["table", "cn-table", "cn-frame"], border=0, na_rep="", float_format=_number
        )
        more = len(value) - len(shown)
        note = f'<p class="cn-more">… ほか {more} 行 / {more} more rows</p>' if more > 0 else ""
        return nodes.raw(
            "", f'<div class="pst-scrollable-table-container">{table}</div>{note}', format="html"
        )
    text = repr(value)
    return nodes.literal_block(text, text, classes=["cn-output"])


def _number(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1e-3 and x else f"{x:,.3f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------- a picture
_SAMPLE: dict = {}


def _sample():
    """The bundled network, read once per process (a Network never changes)."""
    if "net" not in _SAMPLE:
        import coopnet as cn

        _SAMPLE["net"] = cn.load_sample()
    return _SAMPLE["net"]


class PlotDirective(SphinxDirective):
    """Run the content (``cn`` and ``net = cn.load_sample()`` given) and show its code
    and the picture it draws, saved as a PNG into the build (never into the sources).

    ``:caption:`` is a line of Markdown (or reST, in a reST page) under the picture.
    """

    has_content = True
    option_spec: ClassVar[dict] = {"caption": directives.unchanged, "alt": directives.unchanged}

    def run(self):
        import matplotlib.pyplot as plt
        import numpy as np

        import coopnet as cn

        code = "\n".join(self.content)
        out: list[nodes.Node] = [nodes.literal_block(code, code, language="python")]
        plt.close("all")
        try:
            value, _ = _run_cell(code, {"cn": cn, "net": _sample()}, close=False)
            if isinstance(value, np.ndarray) and value.size:
                value = value.flat[0]
            figure = getattr(value, "figure", None)
            if figure is None and plt.get_fignums():
                figure = plt.gcf()
            if figure is None:
                raise ValueError("the code drew no picture")
            folder = Path(self.env.app.doctreedir) / "coopnet_plots"
            folder.mkdir(parents=True, exist_ok=True)
            serial = self.env.new_serialno("coopnet-plot")
            path = folder / f"{self.env.docname.replace('/', '-')}-{serial}.png"
            figure.savefig(path, dpi=self.config.coopnet_plot_dpi)
        except Exception as exc:  # a warning: -W fails the build
            logger.warning(
                "coopnet-plot: %s: %s",
                type(exc).__name__,
                exc,
                location=(self.env.docname, self.lineno),
            )
            return out
        finally:
            plt.close("all")
        here = (Path(self.env.srcdir) / self.env.docname).parent
        uri = os.path.relpath(path, here).replace(os.sep, "/")
        caption = self.options.get("caption", "")
        image = nodes.image(uri=uri, alt=self.options.get("alt", caption or code))
        fig = nodes.figure("", image, classes=["cn-plot"])
        if caption:
            text, _messages = self.parse_inline(caption, lineno=self.lineno)
            fig += nodes.caption(caption, "", *text)
        out.append(fig)
        return out


# -------------------------------------------------- docstring examples, run once
def _module_globals(obj, name: str) -> dict:
    if isinstance(obj, types.ModuleType):
        return vars(obj)
    target = obj.fget if isinstance(obj, property) else obj
    target = getattr(target, "func", target)  # functools.cached_property
    module = sys.modules.get(getattr(target, "__module__", "") or "")
    if module is None:
        module = sys.modules.get(name.rsplit(".", 1)[0])
    return vars(module) if module else {}


def run_examples(app, what, name, obj, options, lines):
    """autodoc-process-docstring: run the ``>>>`` examples of the docstring shown."""
    if not app.config.coopnet_run_examples or not app.env.docname.startswith("api/"):
        return  # once, on the object's own page (not again in the summary tables)
    doc = obj.__doc__ if isinstance(obj, property | types.ModuleType) else inspect.getdoc(obj)
    if isinstance(obj, property | types.ModuleType) and doc:
        doc = inspect.cleandoc(doc)
    if not doc or ">>>" not in doc:
        return
    import matplotlib.pyplot as plt

    test = doctest.DocTestParser().get_doctest(doc, dict(_module_globals(obj, name)), name, None, 0)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    report = io.StringIO()
    try:
        runner.run(test, out=report.write)
    finally:
        plt.close("all")
    if runner.failures:
        logger.warning(
            "the example in the docstring of %s fails:\n%s",
            name,
            report.getvalue(),
            type="coopnet",
            subtype="example",
        )


# ------------------------------------------------- the API page lists __all__
_AUTOSUMMARY_ITEM = re.compile(r"^\s{3,}(~?[A-Za-z_][\w.]*)\s*$")


def check_api_page(app):
    """Every name of ``coopnet.__all__`` is on the API page, and nothing else."""
    import coopnet

    page = Path(app.srcdir) / "api.rst"
    if not page.is_file():
        return
    listed: set[str] = set()
    inside = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(".. autosummary::"):
            inside = True
            continue
        if inside and line and not line.startswith(" "):
            inside = False
        if inside and not line.strip().startswith(":"):
            m = _AUTOSUMMARY_ITEM.match(line)
            if m:
                listed.add(m.group(1).lstrip("~").removeprefix("coopnet."))
    public = set(coopnet.__all__) - API_UNLISTED
    for missing in sorted(public - listed):
        logger.warning("api.rst does not list coopnet.%s (in coopnet.__all__)", missing)
    for extra in sorted(listed - public):
        logger.warning("api.rst lists %s, which is not in coopnet.__all__", extra)


# ------------------------------------ references: broken ones fail, real ones pass
_DOCSTRING_OF = re.compile(r"docstring of ([\w.]+)")


def _resolve(path: str) -> bool:
    """True when ``path`` (dotted) names a module, or an attribute or field in one."""
    import importlib

    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        except Exception:
            return False
        for attr in parts[cut:]:
            if hasattr(obj, attr):
                obj = getattr(obj, attr)
            elif attr in getattr(obj, "__annotations__", {}):  # a dataclass field
                obj = None
            else:
                return False
        return True
    return False


def quiet_existing_references(app, domain, node):
    """warn-missing-reference: a Python reference to something that exists but has no
    page (a private helper, another library's function) is shown as code without a
    warning; a reference to something that does not exist keeps its warning."""
    if domain is None or domain.name != "py":
        return None
    target = node.get("reftarget", "").lstrip("~.")
    if not target:
        return None
    scopes = ["", "coopnet"]
    for key in ("py:module", "py:class"):
        if node.get(key):
            scopes.append(
                node[key] if key == "py:module" else f"{node.get('py:module')}.{node[key]}"
            )
    m = _DOCSTRING_OF.search(node.source or "")
    if m:  # the documented object's own module and class, as the docstring's author saw them
        owner = m.group(1).split(".")
        scopes += [".".join(owner[:i]) for i in range(1, len(owner) + 1)]
    for scope in scopes:
        if _resolve(f"{scope}.{target}" if scope else target):
            return True
    return None


# ------------------------------------------ files included from the repository
_LOCAL_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:|#|mailto:)([^)\s]+)\)")


def repository_links(app, relative_path, parent_docname, content):
    """include-read: a file included from outside ``docs/`` (RESULTS.md, ARCHITECTURE.md)
    links to its neighbours in the repository, which are not pages of the site; such a
    link becomes the label with the file's path in the repository."""
    path = (Path(app.srcdir) / relative_path).resolve()
    root = Path(app.srcdir).resolve().parent
    if Path(app.srcdir).resolve() in path.parents:
        return

    def plain(m):
        label, target = m.group(1), m.group(2)
        where = (path.parent / target).resolve()
        shown = where.relative_to(root).as_posix() if root in where.parents else target
        return label if label.strip("`") == shown else f"{label} (`{shown}`)"

    content[0] = _LOCAL_LINK.sub(plain, content[0])


# ------------------------------------------- line breaks in Japanese text
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_CJK_END = re.compile(f"[{_CJK}]$")
_CJK_START = re.compile(f"^[{_CJK}]")


class JoinJapaneseLines(SphinxTransform):
    """A line break inside Japanese text is no space (a browser would show one): the
    source's lines are joined where both sides are kana, kanji or full-width marks."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        skip = nodes.FixedTextElement | nodes.literal | nodes.raw
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, skip):
                continue
            value = text.astext()
            joined = _CJK_BREAK.sub("", value)
            if joined.strip(" \t") == "\n":  # a line break of its own (Markdown)
                at = parent.index(text)
                before = parent[at - 1].astext() if at > 0 else ""
                after = parent[at + 1].astext() if at + 1 < len(parent) else ""
                if _CJK_END.search(before) and _CJK_START.search(after):
                    joined = ""
            if joined != value:
                parent.replace(text, nodes.Text(joined))


# ------------------------------------------------------- Japanese search
from sphinx.search.ja import DefaultSplitter  # noqa: E402

_KANA_KANJI = re.compile(r"[\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]{3,}")


class RunsSplitter(DefaultSplitter):
    """Sphinx's Japanese splitter (TinySegmenter), plus every run of kana and kanji.

    TinySegmenter cuts the same word differently in different sentences (橋渡し役 is
    one word here, 橋渡 + し + 役 there), while the browser looks a query word up
    whole. Sphinx's search also finds a query word of three or more characters
    inside a longer indexed word, so indexing the runs too finds every page where
    the query stands in the text, offline as before.
    """

    def split(self, input: str) -> list[str]:
        return super().split(input) + _KANA_KANJI.findall(input)


# ------------------------------------------------------ the interactive map
MAP_FILE = "_static/coopnet-map.html"


def write_map(app, exception):
    """build-finished: the gallery's interactive map, written by ``cn.to_html`` from the
    bundled data into the built site (one offline file, as users get it)."""
    if exception is not None or app.builder.format != "html":
        return
    import coopnet as cn

    cn.to_html(cn.load_sample(), Path(app.outdir) / MAP_FILE)


def setup(app):
    app.add_config_value("coopnet_run_examples", True, "env", types=(bool, int))
    app.add_config_value("coopnet_plot_dpi", 80, "env", types=(int, float))
    app.add_directive("coopnet-cli", CliDirective)
    app.add_directive("coopnet-taxonomy", TaxonomyDirective)
    app.add_directive("coopnet-columns", ColumnsDirective)
    app.add_directive("coopnet-report-files", ReportFilesDirective)
    app.add_directive("coopnet-run", RunDirective)
    app.add_directive("coopnet-plot", PlotDirective)
    app.add_transform(JoinJapaneseLines)
    app.connect("autodoc-process-docstring", run_examples)
    app.connect("builder-inited", check_api_page)
    app.connect("warn-missing-reference", quiet_existing_references)
    app.connect("include-read", repository_links)
    app.connect("build-finished", write_map)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
