"""Which sectors pair: the sector × sector table and pairs against chance."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import check_choice, check_count, check_network
from ._kernels import permute as _permute
from ._kernels.form import integer_form
from .network import Network

__all__ = ["sector_matrix", "sector_pairs"]

_BY = ("case", "partnership")


def _end_sectors(net: Network):
    c = integer_form(net)
    a, b = c.sector[c.src], c.sector[c.dst]
    return c, np.minimum(a, b), np.maximum(a, b)


def sector_matrix(net: Network) -> pd.DataFrame:
    """Partnerships between each two sectors, as a symmetric sector × sector table.

    Each partnership is counted once: a JA–生協 partnership adds 1 to both the
    (JA, 生協) and (生協, JA) cells, a JA–JA partnership adds 1 to the (JA, JA)
    cell. (``networkx.attribute_mixing_matrix`` would count the latter twice.)

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Square, indexed and labelled by the network's sectors in taxonomy order
        (index and columns named ``sector``), integer counts. The upper triangle
        with the diagonal sums to the number of partnerships.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> m = cn.sector_matrix(net)
    >>> import numpy as np
    >>> int(np.triu(m.to_numpy()).sum()) == len(net.edges)
    True
    """
    check_network(net)
    c, lo, hi = _end_sectors(net)
    k = len(c.sectors)
    counts = np.bincount(lo * k + hi, minlength=k * k).reshape(k, k)
    counts = counts + counts.T - np.diag(np.diag(counts))
    labels = pd.Index(c.sectors, name="sector")
    return pd.DataFrame(counts.astype(np.int64), index=labels, columns=labels.copy())


def sector_pairs(
    net: Network,
    *,
    by: str = "case",
    types=None,
    n_perm: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Which sectors pair most often, against what chance would give.

    Parameters
    ----------
    net : Network
    by : {"case", "partnership"}
        ``"case"`` counts each case once for each sector pair among its
        partnerships (a case with three JA–生協 partnerships counts one JA–生協),
        so one big case cannot dominate. ``"partnership"`` counts every
        partnership.
    types : str or list of str, optional
        Only partnerships of these types (aliases accepted, as in
        :meth:`Network.filter`).
    n_perm : int
        Random re-pairings for the p-value (and for ``expected`` with
        ``by="case"``); 0 skips them.
    seed : int
        Seed of the re-pairings (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        One row per unordered sector pair that occurs, ranked by ``count``
        (then ``ratio``, then taxonomy order); index ``rank`` from 1. Columns:

        - ``sector_a``, ``sector_b`` (``sector_a`` first in taxonomy order);
        - ``same``: True for a same-sector pair (e.g. JA–JA);
        - ``count``: cases containing the pair (``by="case"``) or partnerships;
        - ``share``: ``count`` over the number of cases (``by="case"``: the share
          of cases that contain the pair) or of partnerships (sums to 1);
        - ``expected``: the count expected if ties formed without regard to
          sector (see Notes);
        - ``ratio``: ``count / expected`` (above 1: the pair is over-represented);
        - ``p_value``: one-sided permutation p-value for "at least this many":
          ``(1 + r) / (1 + N)`` where ``r`` of ``N`` re-pairings reach ``count``.

    Notes
    -----
    *Null model: re-paired tie ends.* Each partnership has two ends, each in a
    sector; sector ``s`` holds ``d_s`` of the ``2m`` ends. The null keeps every
    ``d_s`` (so a sector with many partnerships stays busy) and every case's
    number of partnerships, and re-pairs the ends uniformly at random. Its exact
    expectation per partnership count is ``d_a d_b / (2m - 1)`` for ``a != b``
    and ``d_a (d_a - 1) / (2 (2m - 1))`` for ``a == b`` — the configuration-model
    expectation (``m · 2 (d_a/2m)(d_b/2m)``, ``m (d_a/2m)^2``) without
    replacement, which is what ``expected`` shows for ``by="partnership"``. For
    ``by="case"`` ``expected`` is the mean over the ``n_perm`` re-pairings (NaN
    when ``n_perm=0``). The p-values use the same re-pairings, so they test
    exactly the model ``expected`` describes.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> p = cn.sector_pairs(net, by="partnership", n_perm=100)
    >>> int(p["count"].sum()) == len(net.edges)
    True
    """
    check_network(net)
    check_choice(by, "by", _BY)
    n_perm = check_count(n_perm, "n_perm")
    if types is not None:
        net = net.filter(types=types)
    c, lo, hi = _end_sectors(net)
    k = len(c.sectors)
    code, code_a, code_b = _permute.pair_index(k)
    n_codes = len(code_a)
    pair = code[lo, hi] if len(lo) else np.zeros(0, dtype=np.int64)
    m = len(pair)
    ends = np.bincount(np.r_[lo, hi], minlength=k)
    case = c.case
    n_cases = int(case.max()) + 1 if m else 0

    if by == "partnership":
        count = np.bincount(pair, minlength=n_codes)
        total = m
    else:
        keys = np.unique(case * n_codes + pair)
        count = np.bincount(keys % n_codes, minlength=n_codes)
        total = n_cases

    with np.errstate(invalid="ignore", divide="ignore"):
        da, db = ends[code_a].astype(float), ends[code_b].astype(float)
        exact = np.where(code_a == code_b, da * (da - 1) / 2, da * db) / (2 * m - 1)
    expected = exact if by == "partnership" else np.full(n_codes, np.nan)
    p_value = np.full(n_codes, np.nan)
    if n_perm and m:
        rng = np.random.default_rng(seed)
        null = _permute.rematched_tables(ends, m, n_perm, rng)
        if by == "case":
            null = _permute.case_counts(null, case, rng)
            expected = null.mean(axis=0)
        p_value = (1 + (null >= count).sum(axis=0)) / (1 + n_perm)

    sectors = np.array(c.sectors, dtype=object)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = count / expected
    out = pd.DataFrame(
        {
            "sector_a": sectors[code_a],
            "sector_b": sectors[code_b],
            "same": code_a == code_b,
            "count": count.astype(np.int64),
            "share": count / total if total else np.zeros(n_codes),
            "expected": expected,
            "ratio": ratio,
            "p_value": p_value,
        }
    )
    out = out[out["count"] > 0]
    order = np.lexsort(
        (out.index.to_numpy(), -out["ratio"].fillna(0).to_numpy(), -out["count"].to_numpy())
    )
    out = out.iloc[order].reset_index(drop=True)
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    return out
