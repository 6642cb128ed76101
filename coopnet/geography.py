"""Where partnerships are: counts by prefecture, ties within and between prefectures.

The first question a prefectural council asks of a partnership map is
「うちの県はどうか」. These functions answer it from the ``prefecture`` columns of
the organisations and of the cases.

Which prefecture
----------------
- A **case** is in every prefecture its ``prefecture`` cell names (a case of
  長野県、新潟県 counts in both); a case naming none is 全国・広域 (national).
  Sub-cases (with a ``parent``) are cases of their own place and count too.
- An **organisation** is in its *home* prefecture: the one its ``prefecture``
  cell names. One with an empty cell (a national body) or with several
  prefectures (a wide-area body) belongs to the group ``"(national)"``
  (全国・広域), as does, for data loaded with ``strict=False``, a value that is
  not a prefecture.
- A **partnership** is in the home prefectures of its two ends: a partnership
  between 長野県 and 新潟県 organisations counts once in each (it is *between*
  prefectures); one whose ends share a home counts once there (*within*); one
  with a national body at one end counts in the other end's prefecture and in
  the national group.

The geo layout (``plot_map(net, layout="geo")``) places organisations by the
same rule: each in its home prefecture's tile of the tile grid of
:mod:`coopnet.prefectures`, the others in a strip of their own.

Examples
--------
>>> import coopnet as cn
>>> net = cn.load_sample()
>>> t = cn.prefecture_summary(net)
>>> int(t.loc["長野県", "cases"]), int(t.loc["長野県", "organisations"])
(3, 13)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _geo
from ._checks import check_count, check_network
from ._geo import NATIONAL
from ._kernels import permute as _permute
from ._kernels.form import integer_form
from .network import Network
from .prefectures import NAMES, PREFECTURES

__all__ = ["NATIONAL", "prefecture_matrix", "prefecture_pairs", "prefecture_summary"]


def _case_groups(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """(case position, prefecture code 0-46 or -1) for every case × prefecture it names."""
    cells = _geo.case_facts(net)["prefecture"].fillna("").astype(str).tolist()
    rows, codes = [], []
    for i, cell in enumerate(cells):
        named = _geo.parts(cell) or [None]
        for name in named:
            rows.append(i)
            codes.append(-1 if name is None else _geo.CODE[name])
    return np.array(rows, dtype=np.int64), np.array(codes, dtype=np.int64)


def prefecture_summary(net: Network) -> pd.DataFrame:
    """Cases, organisations and partnerships of each of the 47 prefectures.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Indexed by ``prefecture``: the 47 official names in JIS order (zeros
        included), then ``"(national)"`` (全国・広域) for what has no single
        prefecture (see the module notes). Columns:

        - ``short``, ``region``: from :mod:`coopnet.prefectures` (全国・広域 and
          an empty region for the national row);
        - ``cases``: cases naming the prefecture (a case naming several counts in
          each; the national row counts cases naming none);
        - ``organisations``: organisations whose home it is;
        - ``partnerships``: partnerships with at least one end at home there;
        - ``within``: partnerships with both ends at home there;
        - ``between``: the others (``partnerships - within``): the other end is
          in another prefecture or, for a prefecture, a national body.

    Examples
    --------
    >>> import coopnet as cn
    >>> t = cn.prefecture_summary(cn.load_sample())
    >>> t.loc["香川県", ["cases", "organisations", "partnerships", "within"]].tolist()
    [2, 8, 10, 9]
    >>> int(t.loc["(national)", "organisations"])
    10
    """
    check_network(net)
    c = integer_form(net)
    home = _geo.home_codes(net.orgs["prefecture"])
    k = len(NAMES) + 1  # slot 47: national (home -1)
    slot = np.where(home < 0, k - 1, home)
    _, case_codes = _case_groups(net)
    cases = np.bincount(np.where(case_codes < 0, k - 1, case_codes), minlength=k)
    orgs = np.bincount(slot, minlength=k)
    a, b = slot[c.src], slot[c.dst]
    same = a == b
    within = np.bincount(a[same], minlength=k)
    touching = np.bincount(a, minlength=k) + np.bincount(b[~same], minlength=k)
    return pd.DataFrame(
        {
            "short": [p.short for p in PREFECTURES] + ["全国・広域"],
            "region": [p.region for p in PREFECTURES] + [""],
            "cases": cases.astype(np.int64),
            "organisations": orgs.astype(np.int64),
            "partnerships": touching.astype(np.int64),
            "within": within.astype(np.int64),
            "between": (touching - within).astype(np.int64),
        },
        index=pd.Index([*NAMES, NATIONAL], name="prefecture"),
    )


def prefecture_matrix(net: Network) -> pd.DataFrame:
    """Partnerships between each two prefectures, as a symmetric table.

    Like :func:`coopnet.sector_matrix`, with home prefectures (see the module
    notes) in place of sectors: each partnership is counted once, in the
    (a, b) and (b, a) cells, or once on the diagonal when both ends share a home.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Square, labelled by the home prefectures present in JIS order, then
        ``"(national)"`` when some organisation has no single prefecture (index
        and columns named ``prefecture``); integer counts. The upper triangle
        with the diagonal sums to the number of partnerships.

    Examples
    --------
    >>> import coopnet as cn
    >>> m = cn.prefecture_matrix(cn.load_sample())
    >>> int(m.loc["長野県", "長野県"]), int(m.loc["長野県", "(national)"])
    (8, 3)
    """
    check_network(net)
    c = integer_form(net)
    group, labels = _geo.groups(net)
    k = len(labels)
    a, b = group[c.src], group[c.dst]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    counts = np.bincount(lo * k + hi, minlength=k * k).reshape(k, k)
    counts = counts + counts.T - np.diag(np.diag(counts))
    index = pd.Index(labels, name="prefecture")
    return pd.DataFrame(counts.astype(np.int64), index=index, columns=index.copy())


def prefecture_pairs(net: Network, *, n_perm: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Partnerships, ties and cases within and between prefectures, against chance.

    Parameters
    ----------
    net : Network
    n_perm : int, default 1000
        Random re-pairings for the p-value; 0 skips them.
    seed : int, default 0
        Seed of the re-pairings (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of home prefectures (or ``"(national)"``,
        see the module notes) joined by at least one partnership, ranked by
        ``partnerships`` (then ``ratio``, then JIS order); index ``rank`` from 1.
        Columns:

        - ``prefecture_a``, ``prefecture_b`` (``a`` first in JIS order, the
          national group last); ``same``: True within one prefecture;
        - ``partnerships``: partnerships between the two (the counts of
          :func:`prefecture_matrix`);
        - ``ties``: distinct pairs of organisations among them;
        - ``cases``: distinct cases with at least one of them;
        - ``expected``: partnerships expected if partners were chosen without
          regard to place (see Notes); ``ratio``: ``partnerships / expected``;
        - ``p_value``: one-sided permutation p-value for "at least this many",
          ``(1 + r) / (1 + N)`` where ``r`` of ``N`` re-pairings reach the count.

    Notes
    -----
    The null model is that of ``coopnet.sector_pairs(by="partnership")`` with
    prefectures for sectors: each prefecture keeps its number of partnership
    ends and the ends are re-paired uniformly at random. Its expectation is
    exact: ``d_a d_b / (2m - 1)`` for two prefectures with ``d_a`` and ``d_b`` of
    the ``2m`` ends, ``d_a (d_a - 1) / (2 (2m - 1))`` within one. Partnerships
    within a prefecture are usually far above chance, since most cases are
    local; the between-prefecture rows show which places work together beyond
    that. For an E–I index by prefecture with its permutation test, see
    ``coopnet.ei_index(net, by="prefecture")``.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> p = cn.prefecture_pairs(net, n_perm=100)
    >>> int(p["partnerships"].sum()) == len(net.edges)
    True
    >>> top = p.iloc[0]
    >>> top["prefecture_a"], top["prefecture_b"], int(top["partnerships"])
    ('岡山県', '岡山県', 11)
    """
    check_network(net)
    n_perm = check_count(n_perm, "n_perm")
    c = integer_form(net)
    group, labels = _geo.groups(net)
    k = len(labels)
    code, code_a, code_b = _permute.pair_index(k)
    n_codes = len(code_a)
    a, b = group[c.src], group[c.dst]
    pair = code[np.minimum(a, b), np.maximum(a, b)] if len(a) else np.zeros(0, dtype=np.int64)
    m = len(pair)
    count = np.bincount(pair, minlength=n_codes)
    tie_pair = np.zeros(len(c.u), dtype=np.int64)
    tie_pair[c.tie_of_edge] = pair
    ties = np.bincount(tie_pair, minlength=n_codes) if len(c.u) else np.zeros(n_codes, int)
    case_keys = np.unique(c.case * n_codes + pair)
    cases = np.bincount(case_keys % n_codes, minlength=n_codes)
    ends = np.bincount(np.r_[a, b], minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        da, db = ends[code_a].astype(float), ends[code_b].astype(float)
        expected = np.where(code_a == code_b, da * (da - 1) / 2, da * db) / (2 * m - 1)
        ratio = count / expected
    p_value = np.full(n_codes, np.nan)
    if n_perm and m:
        rng = np.random.default_rng(seed)
        null = _permute.rematched_tables(ends, m, n_perm, rng)
        p_value = (1 + (null >= count).sum(axis=0)) / (1 + n_perm)
    names = np.array(labels, dtype=object)
    out = pd.DataFrame(
        {
            "prefecture_a": names[code_a],
            "prefecture_b": names[code_b],
            "same": code_a == code_b,
            "partnerships": count.astype(np.int64),
            "ties": ties.astype(np.int64),
            "cases": cases.astype(np.int64),
            "expected": expected,
            "ratio": ratio,
            "p_value": p_value,
        }
    )
    out = out[out["partnerships"] > 0]
    order = np.lexsort(
        (
            out.index.to_numpy(),
            -out["ratio"].fillna(0).to_numpy(),
            -out["partnerships"].to_numpy(),
        )
    )
    out = out.iloc[order].reset_index(drop=True)
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    return out
