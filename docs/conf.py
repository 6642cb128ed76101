"""Sphinx configuration of coopnet's documentation site (Japanese first, English beside).

Build it with ``python -m sphinx -W -b html docs docs/_build/html`` after
``pip install '.[docs]'``. Everything the site shows is made from the code at build
time: the API pages from the docstrings (whose examples are run), the command-line
page from the argparse parser, the gallery from the bundled data. Nothing is loaded
from the network, at build time or when a page is read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
# The coopnet being documented is the one next to these pages (a checkout), not
# whatever an editable install elsewhere points at.
sys.path.insert(0, str(ROOT))
os.environ["COLUMNS"] = "78"  # argparse's help width on the command-line page

import coopnet  # noqa: E402

project = "coopnet"
author = "coopnet developers"
copyright = "coopnet developers"
version = release = coopnet.__version__
language = "ja"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_parser",
    "coopnet_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
templates_path = ["_templates"]
# Every reference is checked: one to something that does not exist fails the build
# (``-W``); one to an existing object without a page of its own (a private helper,
# another library) is shown as code (see coopnet_docs.quiet_existing_references).
nitpicky = True
suppress_warnings = ["myst.header"]  # the included README-style files start at ##

# --- MyST (the Markdown pages)
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- API reference: autosummary pages of coopnet.__all__, numpydoc sections
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc Parameters say it, in words
numpydoc_show_class_members = False
numpydoc_xref_param_type = False
numpydoc_class_members_toctree = False

# --- the gallery and the guides' pictures: drawn by coopnet on the bundled data at
# every build (coopnet_docs.PlotDirective), at a screen resolution, never committed
coopnet_plot_dpi = 80

# --- HTML: pydata-sphinx-theme, offline
html_theme = "pydata_sphinx_theme"
html_title = "coopnet"
html_static_path = ["_static"]
html_css_files = ["coopnet.css"]
html_search_language = "ja"  # Sphinx's own splitter (TinySegmenter), no service
html_search_options = {"type": "coopnet_docs.RunsSplitter"}  # + runs of kana/kanji
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_show_search_summary = False  # summaries would be fetched, which file:// pages cannot
html_theme_options = {
    "navbar_end": ["theme-switcher"],  # no icon links: they would point off-line
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
    "primary_sidebar_end": [],  # no ads component
    "show_toc_level": 2,
    "header_links_before_dropdown": 3,
    "header_dropdown_text": "その他 / More",
    "logo": {"text": "coopnet"},
    "navbar_align": "left",
    "navigation_with_keys": False,
    "search_bar_text": "検索 / Search…",
    "analytics": {},
    "show_version_warning_banner": False,
}
html_context = {"default_mode": "light"}
# Pages without sub-pages get the whole width (their sidebar would be empty).
html_sidebars = {
    page: []
    for page in (
        "index",
        "getting-started",
        "data",
        "gallery",
        "methods",
        "cli",
        "benchmarks",
        "contributing",
    )
}
