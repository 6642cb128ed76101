"""What a picture shows of each organisation: its size, its colour and shape, its name,
and which organisations are named.

Everything here is computed from the network and is the same in every picture;
nothing is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import taxonomy
from .._glossary import term
from .._kernels.form import integer_form
from ..network import Network

#: labels="auto": every organisation up to this many, else this many labels.
AUTO_ALL, AUTO_TOP = 40, 36
#: ``size_by`` values taken from :func:`coopnet.centrality`.
CENTRALITY = ("cases", "betweenness", "closeness", "eigenvector", "pagerank")
#: ``size_by`` values and the glossary word of each (for the size note).
SIZE_WORDS = {"partners": "n_partners", "partnerships": "n_partnerships", "cases": "n_cases"}


@dataclass(frozen=True)
class Looks:
    """Colour and marker of every organisation (in ``net.orgs`` order) and the
    legend's entries ``(category, colour, marker)``."""

    colors: list[str]
    markers: list[str]
    entries: list[tuple[str, str, str]]


def degrees(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distinct partners and partnerships of each organisation (in ``net.orgs`` order)."""
    c = integer_form(net)
    return c.partners.astype(float), c.partnerships.astype(float)


def size_values(net: Network, size_by) -> np.ndarray:
    """The values behind the node sizes (ones for ``size_by=None``)."""
    if size_by is None:
        return np.ones(len(net.orgs))
    if size_by == "partners":
        return degrees(net)[0]
    if size_by == "partnerships":
        return degrees(net)[1]
    if size_by in CENTRALITY:
        from ..structure import centrality

        table = centrality(net)
        return table[size_by].reindex(net.orgs.index).fillna(0).to_numpy(float)
    if size_by in net.orgs.columns and pd.api.types.is_numeric_dtype(net.orgs[size_by]):
        return net.orgs[size_by].fillna(0).to_numpy(float)
    numeric = [c for c in net.orgs.columns if pd.api.types.is_numeric_dtype(net.orgs[c])]
    choices = ["partners", "partnerships", *CENTRALITY, *numeric, "None"]
    raise ValueError(f"size_by={size_by!r} is not valid; choose from {', '.join(choices)}")


def size_word(size_by, lang: str) -> str:
    """What the node sizes show, in the reader's words ("" for one size)."""
    if size_by is None:
        return ""
    if size_by in SIZE_WORDS:
        return term(SIZE_WORDS[size_by], lang)
    if size_by in CENTRALITY:
        return term(size_by, lang)
    return str(size_by)


def looks(net: Network, color_by: str) -> Looks:
    """Colours and markers: a sector's from ``net.sector_styles``, else categories
    of a column of ``net.orgs`` in a qualitative palette (circles)."""
    if color_by == "sector":
        styles = net.sector_styles
        column = net.orgs["sector"]
        return Looks(
            [styles[s][0] for s in column],
            [styles[s][1] for s in column],
            [(s, *styles[s]) for s in net.sectors],
        )
    if color_by not in net.orgs.columns:
        raise ValueError(
            f"color_by={color_by!r} is not valid; choose from 'sector' or a column of "
            f"net.orgs: {', '.join(map(repr, net.orgs.columns))}"
        )
    import matplotlib as mpl

    column = net.orgs[color_by].fillna("").astype(str)
    cats = list(pd.unique(column))
    cmap = mpl.colormaps["tab20" if len(cats) > 10 else "tab10"]
    palette = {c: mpl.colors.to_hex(cmap(i % cmap.N)) for i, c in enumerate(cats)}
    palette[""] = taxonomy.NEUTRAL
    return Looks(
        [palette[c] for c in column],
        ["o"] * len(column),
        [(c, palette[c], "o") for c in cats],
    )


def names(net: Network, lang: str) -> list[str]:
    """Each organisation's name in ``lang`` (English falls back to the Japanese name)."""
    shown = net.orgs["name"].astype(str)
    if lang == "en" and "name_en" in net.orgs.columns:
        en = net.orgs["name_en"]
        shown = en.where(en.notna() & (en.astype(str).str.strip() != ""), shown).astype(str)
    return list(shown)


def is_list(labels) -> bool:
    """True for a list (or other iterable) of organisation ids."""
    return not isinstance(labels, str | bytes | int | Mapping) and hasattr(labels, "__iter__")


def label_choice(
    labels, net: Network, rank_values: np.ndarray, *, auto_all=AUTO_ALL, auto_top=AUTO_TOP
) -> np.ndarray:
    """Positions (in ``net.orgs``) of the organisations to label, most important first."""
    n = len(net.orgs)
    order = np.lexsort((np.arange(n), -rank_values))  # by value, ties in file order
    if labels is None or labels is False or (isinstance(labels, str) and labels == "none"):
        return order[:0]
    if isinstance(labels, str) and labels == "all":
        return order
    if isinstance(labels, str) and labels == "auto":
        if n <= auto_all:
            return order
        # the most central organisation of every connected group (bigger groups
        # first), then further ones in proportion to group size: the k-th label
        # (from 0) of a group of s organisations ranks by k / s; lone ones rank 0.2
        comp = integer_form(net).components
        size = np.bincount(comp)[comp]
        within = np.empty(n, dtype=np.intp)
        by_comp = np.lexsort((np.arange(n), -rank_values, comp))
        starts = np.r_[0, np.flatnonzero(np.diff(comp[by_comp])) + 1]
        within[by_comp] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
        score = np.where(size > 1, within / size, 0.2)
        return np.lexsort((np.arange(n), -rank_values, -size, score))[:auto_top]
    if isinstance(labels, str):
        m = re.fullmatch(r"\s*top\s*(\d+)\s*", labels, flags=re.IGNORECASE)
        if m:
            return order[: int(m.group(1))]
    elif isinstance(labels, int | np.integer) and not isinstance(labels, bool) and labels >= 0:
        return order[: int(labels)]
    elif is_list(labels):
        wanted = list(labels)
        where = net.orgs.index.get_indexer(wanted)
        if (where < 0).any():
            bad = [w for w, i in zip(wanted, where, strict=True) if i < 0][:5]
            raise ValueError(f"labels= names organisations not in the network: {bad}")
        keep = set(where.tolist())
        return np.array([i for i in order if i in keep], dtype=np.intp)
    raise ValueError(
        f"labels={labels!r} is not valid; choose from 'all', 'none', 'auto', "
        "'topN' (e.g. 'top20'), an integer N, or a list of organisation ids"
    )
