"""Who bridges sectors: cross-sector ties, graph bridges, brokerage roles and the E–I index.

Measures on ties use the collapsed graph (one tie per pair of organisations);
:func:`cross_sector_edges` lists partnership rows. The kernels behind them
(``coopnet._kernels``: brokerage, paths, permute) are checked against R's sna,
networkx and hand-worked examples.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ._checks import check_choice, check_count, check_network
from ._geo import placed_ties
from ._kernels import brokerage as _brokerage
from ._kernels import permute as _permute
from ._kernels.form import IntegerForm, integer_form, org_columns, symmetric
from .network import Network

__all__ = ["ALL", "bridges", "cross_sector_edges", "ei_index", "graph_bridges"]

ALL = "(all)"  # the whole-network row of ei_index


def _bridge_ties(c: IntegerForm) -> np.ndarray:
    """Indices of ties whose removal disconnects their component."""
    import rustworkx as rx

    found = rx.bridges(c.rustworkx()) if len(c.u) else set()
    if not found:
        return np.zeros(0, dtype=np.int64)
    pairs = np.array(sorted((min(a, b), max(a, b)) for a, b in found), dtype=np.int64)
    return np.searchsorted(c.u * c.n + c.v, pairs[:, 0] * c.n + pairs[:, 1])


# --------------------------------------------------------- cross-sector ties
def _pair_label(a: str, b: str) -> str:
    return f"{a}–{b}"


def cross_sector_edges(net: Network) -> pd.DataFrame:
    """Every partnership between organisations of different sectors.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        One row per cross-sector partnership, indexed by its row label in
        ``net.edges`` and in that order, with columns ``source``, ``target``,
        ``source_name``, ``target_name``, ``source_sector``, ``target_sector``,
        ``sectors`` (the pair as ``"JA–生協"``, sectors in taxonomy order),
        ``case``, ``type``, ``year`` and ``bridge``: True when the tie between the
        two organisations (all their partnerships together) is a graph bridge, i.e.
        removing it would split the network (see :func:`graph_bridges`).

    Examples
    --------
    >>> import coopnet as cn
    >>> x = cn.cross_sector_edges(cn.load_sample())
    >>> bool((x["source_sector"] != x["target_sector"]).all())
    True
    """
    check_network(net)
    c = integer_form(net)
    e = net.edges
    ss = c.sector[c.src] if len(e) else np.zeros(0, dtype=np.int64)
    ts = c.sector[c.dst] if len(e) else np.zeros(0, dtype=np.int64)
    is_bridge = np.zeros(len(c.u), dtype=bool)
    is_bridge[_bridge_ties(c)] = True
    keep = ss != ts
    names = net.orgs["name"]
    sectors = np.array(c.sectors, dtype=object)
    lo, hi = np.minimum(ss, ts)[keep], np.maximum(ss, ts)[keep]
    out = pd.DataFrame(
        {
            "source": e["source"][keep],
            "target": e["target"][keep],
            "source_name": names.reindex(e["source"][keep]).to_numpy(),
            "target_name": names.reindex(e["target"][keep]).to_numpy(),
            "source_sector": sectors[ss[keep]],
            "target_sector": sectors[ts[keep]],
            "sectors": [_pair_label(a, b) for a, b in zip(sectors[lo], sectors[hi], strict=True)],
            "case": e["case"][keep],
            "type": e["type"][keep],
            "year": e["year"][keep],
            "bridge": is_bridge[c.tie_of_edge[keep]],
        },
        index=e.index[keep],
    )
    return out


def graph_bridges(net: Network) -> pd.DataFrame:
    """Ties whose removal would split the network (graph bridges).

    A tie is the link between two organisations, all their partnerships
    together; it is a bridge when it is the only route between the two sides.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        One row per bridge, ordered by ``cut_off`` (largest first) and then by
        the organisations' order in ``net.orgs``; columns ``source``, ``target``
        (``source`` comes first in ``net.orgs``), ``source_name``,
        ``target_name``, ``source_sector``, ``target_sector``, ``cross_sector``
        (bool), ``partnerships`` (on the tie), ``cases`` (their case names joined
        by "、") and ``cut_off``: the number of organisations on the smaller side
        once the tie is removed (1 for a tie to an organisation with no other
        partner).

    Examples
    --------
    >>> import coopnet as cn
    >>> b = cn.graph_bridges(cn.load_sample())
    >>> bool((b["cut_off"] >= 1).all())
    True
    """
    check_network(net)
    c = integer_form(net)
    ties = _bridge_ties(c)
    cut = _bridge_sides(c, ties)
    ids = c.ids
    names = net.orgs["name"].to_numpy()
    sectors = np.array(c.sectors, dtype=object)
    on_bridge = np.isin(c.tie_of_edge, ties)
    case_lists = (
        net.edges["case"][on_bridge]
        .groupby(c.tie_of_edge[on_bridge], sort=True)
        .agg(lambda s: "、".join(sorted(set(s))))
    )
    u, v = c.u[ties], c.v[ties]
    out = pd.DataFrame(
        {
            "source": ids[u],
            "target": ids[v],
            "source_name": names[u],
            "target_name": names[v],
            "source_sector": sectors[c.sector[u]],
            "target_sector": sectors[c.sector[v]],
            "cross_sector": c.sector[u] != c.sector[v],
            "partnerships": c.weight[ties].astype(np.int64),
            "cases": case_lists.reindex(ties).to_numpy(dtype=object),
            "cut_off": cut.astype(np.int64),
        }
    )
    out = out.iloc[np.lexsort((v, u, -cut))] if len(out) else out
    return out.reset_index(drop=True)


def _bridge_sides(c: IntegerForm, ties: np.ndarray) -> np.ndarray:
    """Organisations on the smaller side of each bridge once it is removed."""
    if len(ties) == 0:
        return np.zeros(0, dtype=np.int64)
    from scipy.sparse import csgraph

    keep = np.ones(len(c.u), dtype=bool)
    keep[ties] = False
    rest = symmetric(c.u[keep], c.v[keep], np.ones(int(keep.sum())), c.n)
    _, blob = csgraph.connected_components(rest, directed=False)
    size = np.bincount(blob).astype(np.int64)
    tree = nx.Graph()
    tree.add_edges_from(zip(blob[c.u[ties]].tolist(), blob[c.v[ties]].tolist(), strict=True))
    below = {}  # blob -> organisations in its subtree
    total = {}
    for comp in nx.connected_components(tree):
        root = min(comp)
        order = [root, *(child for _, child in nx.dfs_edges(tree, root))]
        parent = dict(nx.dfs_predecessors(tree, root))
        sub = {b: int(size[b]) for b in comp}
        for b in reversed(order[1:]):
            sub[parent[b]] += sub[b]
        below.update(sub)
        total.update(dict.fromkeys(comp, sub[root]))
    out = np.empty(len(ties), dtype=np.int64)
    for i, (a, b) in enumerate(zip(blob[c.u[ties]], blob[c.v[ties]], strict=True)):
        child = a if below[a] < below[b] else b  # the child has the smaller subtree
        out[i] = min(below[child], total[child] - below[child])
    return out


def bridges(
    net: Network, *, k: int | None = None, exact: bool = False, seed: int = 0
) -> pd.DataFrame:
    """Which organisations link sectors: reach, E–I, brokerage roles, inter-sector betweenness.

    Parameters
    ----------
    net : Network
    k : int, optional
        Estimate inter-sector betweenness from ``k`` sampled source
        organisations instead of all of them, as :func:`coopnet.centrality`
        estimates betweenness (Brandes & Pich, stratified by component; unbiased).
        By default it is exact up to 20,000 organisations and estimated from
        :data:`coopnet.structure.DEFAULT_K` sources above that.
    exact : bool, default False
        Compute it exactly whatever the size (the time grows with
        organisations × ties).
    seed : int, default 0
        Seed for choosing the sampled sources.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id`` in the order of ``net.orgs``, with columns

        - ``name``, ``sector``, ``partners`` (distinct partner organisations);
        - ``sectors_reached``: distinct sectors among its partners other than its own;
        - ``cross_ties``: partners in another sector;
        - ``ei``: its ego E–I index ``(E - I) / (E + I)`` over partners, ``E`` in other
          sectors, ``I`` in its own (-1: only its own sector, +1: only others;
          NaN without partners);
        - ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
          ``liaison``, ``brokerage`` (their total): Gould & Fernandez (1989)
          brokerage roles with sectors as groups — see Notes;
        - ``inter_betweenness``: the average, over pairs of organisations in
          different sectors (itself excluded), of the share of their shortest
          paths that pass through it; unweighted; pairs with no path count as 0;
          between 0 and 1;
        - ``articulation``: True when removing it would split its component.

        ``attrs["estimated"]`` is ``{}`` when every value is exact, else
        ``{"inter_betweenness": k}`` (the number of sampled sources), as in
        :func:`coopnet.centrality`.

    Notes
    -----
    *Brokerage* follows R's ``sna::brokerage`` on the symmetric adjacency matrix
    and reports sna's **raw counts**: ordered two-paths ``a – v – c`` through the
    broker ``v`` where ``a`` and ``c`` have no tie. On an undirected network
    every open two-path is seen in both directions, so ``coordinator``
    (a, v, c in one sector), ``itinerant`` (a and c share a sector, v does not)
    and ``liaison`` (three sectors) are twice the number of unordered two-paths,
    and a path where the broker shares its sector with exactly one end adds 1 to
    ``representative`` and 1 to ``gatekeeper`` (so the two are always equal
    here). Halve ``brokerage`` to get the number of open two-paths through the
    organisation. The counts match sna's output on the test oracle exactly.

    Examples
    --------
    >>> import coopnet as cn
    >>> b = cn.bridges(cn.load_sample())
    >>> bool((b["representative"] == b["gatekeeper"]).all())
    True
    """
    from .structure import path_sources, searched_paths

    check_network(net)
    c = integer_form(net)
    k = path_sources(c.n, k, exact)
    seed = check_count(seed, "seed")
    import rustworkx as rx

    n, n_sectors = c.n, len(c.sectors)
    out = org_columns(net)
    a = c.adjacency
    by_sector = _brokerage.neighbour_groups(a, c.sector, n_sectors)
    own = by_sector[np.arange(n), c.sector] if n else np.zeros(0, dtype=np.int64)
    partners = by_sector.sum(axis=1)
    cross = partners - own
    out["partners"] = partners
    out["sectors_reached"] = (by_sector > 0).sum(axis=1) - (own > 0)
    out["cross_ties"] = cross
    with np.errstate(invalid="ignore", divide="ignore"):
        out["ei"] = np.where(partners > 0, (cross - own) / partners, np.nan)
    roles = _brokerage.brokerage(a, c.u, c.v, c.sector, n_sectors)
    for i, role in enumerate(_brokerage.ROLES):
        out[role] = roles[:, i]
    out["brokerage"] = roles.sum(axis=1)

    found = searched_paths(c, k, seed, ("inter_betweenness",))
    raw = found["inter_betweenness"]
    size = np.bincount(c.sector, minlength=n_sectors)
    cross_pairs = (n * n - int((size**2).sum())) // 2
    pairs = cross_pairs - (n - size[c.sector]) if n else np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["inter_betweenness"] = np.where(pairs > 0, raw / np.maximum(pairs, 1), 0.0)
    points = rx.articulation_points(c.rustworkx()) if n else set()
    flag = np.zeros(n, dtype=bool)
    flag[list(points)] = True
    out["articulation"] = flag
    sampled = found["sampled"]
    out.attrs["estimated"] = {"inter_betweenness": sampled} if sampled else {}
    return out


# --------------------------------------------------------------- E–I index
def _two_sided_p(observed: np.ndarray, null: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """(1 + #{|null - expected| >= |observed - expected|}) / (1 + #valid), per column."""
    valid = ~np.isnan(null)
    dev = np.abs(null - expected)
    obs = np.abs(observed - expected) - 1e-12
    hits = ((dev >= obs) & valid).sum(axis=0)
    p = (1 + hits) / (1 + valid.sum(axis=0))
    return np.where(np.isnan(observed), np.nan, p)


def ei_index(
    net: Network, *, by: str = "sector", n_perm: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """Krackhardt–Stern E–I index of each sector and of the whole network, with a permutation test.

    For a set of ties, ``EI = (E - I) / (E + I)``: ``E`` ties cross a sector
    boundary, ``I`` stay inside. -1 means every tie stays inside its sector,
    +1 that every tie crosses.

    Parameters
    ----------
    net : Network
    by : {"sector", "prefecture"}, default "sector"
        The groups. ``"prefecture"``: each organisation's home prefecture (see
        :mod:`coopnet.geography`); organisations without a single prefecture
        (national and wide-area bodies) and their ties are left out, since they
        belong to no prefecture, and the test shuffles prefectures over the
        organisations that have one.
    n_perm : int
        Number of random relabellings for ``expected`` and ``p_value``
        (0 skips them).
    seed : int
        Seed of the random relabellings (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: the network's sectors in taxonomy order, then
        ``"(all)"`` for the whole network (with ``by="prefecture"``: indexed by
        ``prefecture``, the home prefectures present in JIS order, then
        ``"(all)"``). Columns:

        - ``orgs``: organisations in the sector;
        - ``internal``: ties with both ends in the sector;
        - ``external``: ties with one end in the sector (for ``"(all)"``: all ties
          that cross sectors, each once);
        - ``ei``: ``(external - internal) / (external + internal)``; NaN without ties;
        - ``expected``: the mean E–I when the sector labels are shuffled over the
          organisations (sector sizes and the graph stay the same);
        - ``p_value``: two-sided permutation p-value, ``(1 + r) / (1 + N)`` where
          ``r`` of ``N`` relabellings lie at least as far from ``expected`` as the
          observed value (relabellings where the E–I is undefined are left out).

    Notes
    -----
    Ties are pairs of organisations with at least one partnership (the collapsed
    graph), so repeated partnerships between the same two organisations count
    once. For the whole network the exact expectation under relabelling is
    ``1 - 2 Σ n_s (n_s - 1) / (n (n - 1))``; the permutation mean approaches it.

    Examples
    --------
    >>> import coopnet as cn
    >>> ei = cn.ei_index(cn.load_sample(), n_perm=200, seed=1)
    >>> ei.index[-1]
    '(all)'
    >>> bool(-1 <= ei.loc["(all)", "ei"] <= 1)
    True
    >>> cn.ei_index(cn.load_sample(), by="prefecture", n_perm=0).loc["(all)", "ei"]
    np.float64(-1.0)
    """
    check_network(net)
    check_choice(by, "by", ("sector", "prefecture"))
    n_perm = check_count(n_perm, "n_perm")
    c = integer_form(net)
    if by == "sector":
        group, labels, tu, tv = c.sector, c.sectors, c.u, c.v
    else:
        group, labels, tu, tv = placed_ties(net)
    n, k = len(group), len(labels)
    gu, gv = group[tu], group[tv]
    same = gu == gv
    internal = np.bincount(gu[same], minlength=k)
    external = np.bincount(gu[~same], minlength=k) + np.bincount(gv[~same], minlength=k)
    m = len(tu)

    def ei(ext, inn):
        ext, inn = np.asarray(ext, dtype=float), np.asarray(inn, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(ext + inn > 0, (ext - inn) / (ext + inn), np.nan)

    whole_int = int(same.sum())
    observed = np.r_[ei(external, internal), ei(m - whole_int, whole_int)]
    if n_perm:
        rng = np.random.default_rng(seed)
        p_int, p_ext = _permute.label_shuffles(tu, tv, group, k, n_perm, rng)
        w_int = p_int.sum(axis=1)
        null = np.c_[ei(p_ext, p_int), ei(m - w_int, w_int)]
        with np.errstate(invalid="ignore"):
            counted = (~np.isnan(null)).sum(axis=0)
            expected = np.where(
                counted > 0, np.nansum(null, axis=0) / np.maximum(counted, 1), np.nan
            )
        p_value = _two_sided_p(observed, null, expected)
    else:
        expected = p_value = np.full(k + 1, np.nan)
    return pd.DataFrame(
        {
            "orgs": np.r_[np.bincount(group, minlength=k), n].astype(np.int64),
            "internal": np.r_[internal, whole_int].astype(np.int64),
            "external": np.r_[external, m - whole_int].astype(np.int64),
            "ei": observed,
            "expected": expected,
            "p_value": p_value,
        },
        index=pd.Index([*labels, ALL], name=by),
    )
