"""Which sectors pair: the sector × sector table and pairs against chance."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import check_choice, check_count, check_network
from ._kernels import permute as _permute
from ._kernels.form import integer_form
from .network import Network

__all__ = ["pairs_above_chance", "sector_matrix", "sector_pairs"]

_BY = ("case", "partnership", "co-participation")


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
    by : {"case", "partnership", "co-participation"}
        What is counted for a pair of sectors:

        - ``"co-participation"``: the cases in which both sectors take part —
          any two participants of a case, tied directly or not (in 釜石 the JA,
          生協, JF and 森林組合 all work together through their council, though
          no JA–JF partnership exists). This answers 「どのセクターがよく組むか」.
        - ``"case"``: the cases with a *partnership* (a direct tie) between the
          two sectors, each case once (a case with three JA–生協 partnerships
          counts one JA–生協), so one big case cannot dominate.
        - ``"partnership"``: every partnership.
    types : str or list of str, optional
        Only partnerships and cases of these types (aliases accepted, as in
        :meth:`Network.filter`).
    n_perm : int
        Random draws of the null model for the p-value (and for ``expected``
        with ``by="case"``); 0 skips them.
    seed : int
        Seed of the draws (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        One row per unordered sector pair that occurs, ranked by ``count``
        (then ``ratio``, then taxonomy order); index ``rank`` from 1. Columns:

        - ``sector_a``, ``sector_b`` (``sector_a`` first in taxonomy order);
        - ``same``: True for a same-sector pair (e.g. JA–JA: with
          ``"co-participation"``, cases with at least two JA);
        - ``count``: cases (``"co-participation"``, ``"case"``) or partnerships;
        - ``share``: ``count`` over the number of cases counted (the share of
          cases that contain the pair) or of partnerships (then it sums to 1);
        - ``expected``: the count expected under the null model (see Notes);
        - ``ratio``: ``count / expected`` (above 1: more often than chance);
        - ``p_value``: one-sided permutation p-value for "at least this many":
          ``(1 + r) / (1 + N)`` where ``r`` of ``N`` draws reach ``count``.

    Notes
    -----
    *Co-participation null: shuffled sectors.* The cases keep their
    participants (so every case keeps its size) and every sector keeps its
    number of organisations; which organisation has which sector is shuffled
    uniformly over all the network's organisations (those in no case too).
    A case of ``s`` participants then holds a hypergeometric sample of the
    sectors, so ``expected`` is exact: a pair ``a ≠ b`` appears in it with
    probability ``1 - q(n_a) - q(n_b) + q(n_a + n_b)``, where ``q(x) =
    C(n - x, s) / C(n, s)`` is the chance that none of ``x`` given
    organisations is drawn, and ``a`` twice with probability ``1 - q(n_a) -
    n_a C(n - n_a, s - 1) / C(n, s)``; ``expected`` sums these over the cases.
    The p-values come from ``n_perm`` shuffles of the same model.

    *Tie nulls: re-paired tie ends* (``"case"``, ``"partnership"``). Each
    partnership has two ends, each in a sector; sector ``s`` holds ``d_s`` of
    the ``2m`` ends. The null keeps every ``d_s`` (so a sector with many
    partnerships stays busy) and every case's number of partnerships, and
    re-pairs the ends uniformly at random. Its exact expectation per
    partnership count is ``d_a d_b / (2m - 1)`` for ``a != b`` and ``d_a (d_a -
    1) / (2 (2m - 1))`` for ``a == b`` — the configuration-model expectation
    without replacement, which is what ``expected`` shows for
    ``"partnership"``. For ``"case"`` ``expected`` is the mean over the
    ``n_perm`` re-pairings (NaN when ``n_perm=0``). The p-values use the same
    re-pairings, so they test exactly the model ``expected`` describes.

    See Also
    --------
    pairs_above_chance : the pairs that occur more often than chance, ranked by ratio.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> p = cn.sector_pairs(net, by="partnership", n_perm=100)
    >>> int(p["count"].sum()) == len(net.edges)
    True
    >>> p = cn.sector_pairs(net, by="co-participation", n_perm=100)
    >>> row = p[(p["sector_a"] == "JA") & (p["sector_b"] == "JF")].iloc[0]
    >>> int(row["count"])   # 岡山, 鳥羽, 高知, 釜石, にじ (in 釜石 no JA–JF partnership)
    5
    """
    check_network(net)
    check_choice(by, "by", _BY)
    n_perm = check_count(n_perm, "n_perm")
    if types is not None:
        net = net.filter(types=types)
    # kept on the network: the report, its pictures and its slides ask the same
    key = (by, n_perm, int(seed)) if isinstance(seed, int | np.integer) else None
    kept = net.__dict__.setdefault("_sector_pairs", {})
    if key not in kept:
        table = _sector_pairs(net, by, n_perm, seed)
        if key is None:
            return table
        kept[key] = table
    return kept[key].copy()


def _sector_pairs(net: Network, by: str, n_perm: int, seed) -> pd.DataFrame:
    k = len(net.sectors)
    _, code_a, code_b = _permute.pair_index(k)
    if by == "co-participation":
        count, expected, p_value, total = _co_participation(net, n_perm, seed)
    else:
        count, expected, p_value, total = _tie_pairs(net, by, n_perm, seed)
    sectors = np.array(net.sectors, dtype=object)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = count / expected
    out = pd.DataFrame(
        {
            "sector_a": sectors[code_a],
            "sector_b": sectors[code_b],
            "same": code_a == code_b,
            "count": count.astype(np.int64),
            "share": count / total if total else np.zeros(len(code_a)),
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


def _tie_pairs(net: Network, by: str, n_perm: int, seed: int):
    """Counts, expectation, p-values and total for ``by="case"``/``"partnership"``."""
    c, lo, hi = _end_sectors(net)
    code, code_a, code_b = _permute.pair_index(len(c.sectors))
    n_codes = len(code_a)
    pair = code[lo, hi] if len(lo) else np.zeros(0, dtype=np.int64)
    m = len(pair)
    ends = np.bincount(np.r_[lo, hi], minlength=len(c.sectors))
    case = c.case
    if by == "partnership":
        count = np.bincount(pair, minlength=n_codes)
        total = m
    else:
        keys = np.unique(case * n_codes + pair)
        count = np.bincount(keys % n_codes, minlength=n_codes)
        total = int(case.max()) + 1 if m else 0
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
    return count, expected, p_value, total


def _co_participation(net: Network, n_perm: int, seed: int):
    """Counts, exact expectation, p-values and total for ``by="co-participation"``."""
    c = integer_form(net)
    members = net.members
    org = c.ids.get_indexer(members["org"])
    case = pd.Index(net.cases.index).get_indexer(members["case"])
    n_cases = len(net.cases)
    k = len(c.sectors)
    count = _permute.co_participation_counts(case, c.sector[org], n_cases, k)
    sizes = np.bincount(case, minlength=n_cases)
    expected = _permute.co_participation_expected(np.bincount(c.sector, minlength=k), c.n, sizes)
    p_value = np.full(len(count), np.nan)
    if n_perm and len(members):
        rng = np.random.default_rng(seed)
        null = _permute.co_participation_shuffles(case, org, c.sector, n_cases, k, n_perm, rng)
        p_value = (1 + (null >= count).sum(axis=0)) / (1 + n_perm)
    return count, expected, p_value, n_cases


def pairs_above_chance(
    net: Network,
    *,
    by: str = "co-participation",
    min_count: int = 2,
    alpha: float | None = 0.05,
    types=None,
    n_perm: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """The sector pairs that work together more often than chance: 「どのセクターがよく組むか」.

    The rows of :func:`sector_pairs` whose ``count`` is at least ``min_count``,
    whose ``ratio`` is above 1 and whose ``p_value`` is at most ``alpha``, ranked
    by ``ratio`` (then ``count``, then ``p_value``). A pair that occurs less often
    than chance is never in the list, however often it occurs; a pair seen in one
    case only is left out by the default ``min_count``, as its ratio says little.

    Parameters
    ----------
    net : Network
    by : {"co-participation", "case", "partnership"}, default "co-participation"
        As in :func:`sector_pairs`.
    min_count : int, default 2
        Fewest cases (or partnerships) a pair needs to be listed.
    alpha : float or None, default 0.05
        Keep only pairs with ``p_value <= alpha``; None keeps every pair above
        chance (with few cases, few pairs reach 0.05).
    types, n_perm, seed
        As in :func:`sector_pairs`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`sector_pairs`, index ``rank`` from 1.

    Examples
    --------
    >>> import coopnet as cn
    >>> top = cn.pairs_above_chance(cn.load_sample(), n_perm=200)
    >>> bool((top["ratio"] > 1).all() and (top["count"] >= 2).all())
    True
    """
    min_count = check_count(min_count, "min_count", 1)
    if alpha is not None and not (isinstance(alpha, int | float) and 0 < alpha <= 1):
        raise ValueError(f"alpha={alpha!r} is not valid; give a number in (0, 1] or None")
    table = sector_pairs(net, by=by, types=types, n_perm=n_perm, seed=seed)
    return above_chance(table, min_count=min_count, alpha=alpha)


def above_chance(table: pd.DataFrame, *, min_count: int = 2, alpha: float | None = 0.05):
    """The rows of a :func:`sector_pairs` table that :func:`pairs_above_chance` keeps,
    in its order (for callers that already have the table)."""
    keep = (table["count"] >= min_count) & (table["ratio"] > 1)
    if alpha is not None:
        keep &= table["p_value"] <= alpha
    out = table[keep]
    order = np.lexsort(
        (out["p_value"].fillna(1).to_numpy(), -out["count"].to_numpy(), -out["ratio"].to_numpy())
    )
    out = out.iloc[order].reset_index(drop=True)
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    return out
