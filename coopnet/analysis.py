"""Who is central, who bridges sectors, which sectors pair, and which communities form.

Every function takes a :class:`~coopnet.Network` first, options keyword-only, and
returns a pandas DataFrame with documented columns. Organisation tables are
indexed by ``id`` in the order of ``net.orgs``; other tables say their order.

Measures on ties (centrality, brokerage, E–I, bridges, communities) use the
collapsed graph of :meth:`Network.to_graph`: one tie per pair of organisations,
weighted by its number of partnerships where a measure uses weights. Counts of
partnerships (:func:`sector_pairs`, :func:`sector_matrix`,
:func:`cross_sector_edges`) use the partnership rows themselves.

The heavy lifting runs in vectorised kernels (``_paths``, ``_brokerage``,
``_spectral``, ``_permute``) and rustworkx; the tests check every one against
networkx, R's sna or hand-worked examples.
"""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd

from ._kernels import brokerage as _brokerage
from ._kernels import paths as _paths
from ._kernels import permute as _permute
from ._kernels import spectral as _spectral
from ._kernels.form import Collapsed, cases_per_org, collapse
from .network import Network
from .taxonomy import TYPES

__all__ = [
    "bridges",
    "centrality",
    "communities",
    "cross_sector_edges",
    "ei_index",
    "graph_bridges",
    "modularity_comparison",
    "sector_matrix",
    "sector_pairs",
    "type_summary",
]

ALL = "(all)"  # the whole-network row of ei_index
_EXACT_LIMIT = 20_000  # bridges() suggests k= above this many organisations


# ----------------------------------------------------------------- helpers
def _check_net(net) -> None:
    if not isinstance(net, Network):
        raise TypeError(
            f"net must be a coopnet.Network (from cn.load_sample() or cn.read_csv()), "
            f"not {type(net).__name__}"
        )


def _check_count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name}={value!r} is not valid; give a whole number >= 0")
    return int(value)


def _org_frame(net: Network) -> pd.DataFrame:
    return pd.DataFrame(
        {"name": net.orgs["name"], "sector": net.orgs["sector"]}, index=net.orgs.index
    )


def _bridge_ties(c: Collapsed) -> np.ndarray:
    """Indices of ties whose removal disconnects their component."""
    import rustworkx as rx

    found = rx.bridges(c.rustworkx()) if len(c.u) else set()
    if not found:
        return np.zeros(0, dtype=np.int64)
    pairs = np.array(sorted((min(a, b), max(a, b)) for a, b in found), dtype=np.int64)
    return np.searchsorted(c.u * c.n + c.v, pairs[:, 0] * c.n + pairs[:, 1])


# -------------------------------------------------------------- centrality
def centrality(net: Network) -> pd.DataFrame:
    """Degree, betweenness, closeness, eigenvector and PageRank of every organisation.

    All measures use the collapsed graph (one tie per pair of organisations).

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id`` in the order of ``net.orgs``, with columns

        - ``name``, ``sector``
        - ``partners``: distinct organisations it has a partnership with (degree);
        - ``partnerships``: partnership rows it takes part in (weighted degree);
        - ``cases``: distinct cases it takes part in;
        - ``betweenness``: share of shortest paths between other pairs that pass
          through it, normalised as networkx does (``normalized=True``: divided by
          the ``(n-1)(n-2)/2`` pairs of other organisations);
        - ``closeness``: with the Wasserman–Faust correction for
          disconnected networks (networkx's ``wf_improved=True``): ``(r-1)/s ×
          (r-1)/(n-1)`` where ``r`` organisations (itself included) are reachable at
          total distance ``s``; 0 for an isolated organisation;
        - ``eigenvector``: unit Euclidean norm (networkx's convention); see Notes;
        - ``pagerank``: damping 0.85, as ``networkx.pagerank``.

        Betweenness, closeness, eigenvector and PageRank are **unweighted**: they
        see who is tied to whom, not how many partnerships a tie carries (that is
        what ``partnerships`` counts). Counts measure the strength of a tie, not a
        distance, and with weights a single pair with many partnerships would
        capture the leading eigenvector of a network made of separate cases.

    Notes
    -----
    *Disconnected networks.* Betweenness and closeness are computed over all
    pairs (pairs in different components have no path and add nothing).
    Eigenvector centrality is the leading eigenvector of the adjacency matrix:
    on a disconnected network it lives on the component with the largest
    leading eigenvalue (normally the largest, densest one) and every
    organisation in other components scores 0. This is the value networkx's power iteration
    converges to; networkx may fail to converge when components have nearly equal
    eigenvalues, so coopnet computes the Perron vector of each candidate
    component exactly (when several components tie exactly, each gets its Perron
    vector weighted by its sum, which is again the power-iteration limit).

    Betweenness and closeness come from one vectorised Brandes search (many
    sources at once as sparse matrix products, component by component); both
    equal networkx's exact values (tested to 1e-9). For 5,000 organisations and
    25,000 ties this takes about as long as igraph's betweenness alone.

    Examples
    --------
    >>> import coopnet as cn
    >>> c = cn.centrality(cn.load_sample())
    >>> list(c.columns)[:5]
    ['name', 'sector', 'partners', 'partnerships', 'cases']
    >>> bool((c["betweenness"] >= 0).all())
    True
    """
    _check_net(net)
    c = collapse(net)
    out = _org_frame(net)
    n = c.n
    out["partners"] = np.diff(c.adjacency.indptr).astype(np.int64)
    out["partnerships"] = np.bincount(np.r_[c.src, c.dst], minlength=n).astype(np.int64)
    out["cases"] = cases_per_org(net, c).astype(np.int64)
    between, close = _paths.shortest_paths(c.adjacency, c.components)
    pairs = (n - 1) * (n - 2) / 2  # pairs of other organisations (networkx's scale)
    out["betweenness"] = between / pairs if n > 2 else np.zeros(n)
    out["closeness"] = close
    out["eigenvector"] = _spectral.eigenvector(c.adjacency, c.components)
    out["pagerank"] = _spectral.pagerank(c.adjacency)
    return out


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
    _check_net(net)
    c = collapse(net)
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
    _check_net(net)
    c = collapse(net)
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


def _bridge_sides(c: Collapsed, ties: np.ndarray) -> np.ndarray:
    """Organisations on the smaller side of each bridge once it is removed."""
    if len(ties) == 0:
        return np.zeros(0, dtype=np.int64)
    from scipy.sparse import csgraph

    from ._kernels.form import _symmetric

    keep = np.ones(len(c.u), dtype=bool)
    keep[ties] = False
    rest = _symmetric(c.u[keep], c.v[keep], np.ones(int(keep.sum())), c.n)
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


def bridges(net: Network, *, k: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Which organisations link sectors: reach, E–I, brokerage roles, inter-sector betweenness.

    Parameters
    ----------
    net : Network
    k : int, optional
        Estimate inter-sector betweenness from ``k`` randomly chosen source
        organisations (as networkx's ``betweenness_centrality(k=...)``) instead
        of all of them. The exact computation takes a few seconds for 5,000
        organisations and grows with organisations × ties; use ``k`` (say 500)
        beyond about 20,000 organisations.
    seed : int
        Seed for choosing the ``k`` sources.

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
    _check_net(net)
    if k is not None:
        k = _check_count(k, "k")
    import rustworkx as rx

    c = collapse(net)
    n, n_sectors = c.n, len(c.sectors)
    out = _org_frame(net)
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

    sources = None
    if k is None and n > _EXACT_LIMIT:
        warnings.warn(
            f"bridges: exact inter-sector betweenness for {n:,} organisations takes a long "
            f"time (it grows with organisations × ties); pass k=500 to estimate it",
            stacklevel=2,
        )
    if k is not None and k < n:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    raw = _paths.shortest_paths(a, c.components, groups=c.sector, sources=sources)[0]
    size = np.bincount(c.sector, minlength=n_sectors)
    cross_pairs = (n * n - int((size**2).sum())) // 2
    pairs = cross_pairs - (n - size[c.sector]) if n else np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["inter_betweenness"] = np.where(pairs > 0, raw / np.maximum(pairs, 1), 0.0)
    points = rx.articulation_points(c.rustworkx()) if n else set()
    flag = np.zeros(n, dtype=bool)
    flag[list(points)] = True
    out["articulation"] = flag
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


def ei_index(net: Network, *, n_perm: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Krackhardt–Stern E–I index of each sector and of the whole network, with a permutation test.

    For a set of ties, ``EI = (E - I) / (E + I)``: ``E`` ties cross a sector
    boundary, ``I`` stay inside. -1 means every tie stays inside its sector,
    +1 that every tie crosses.

    Parameters
    ----------
    net : Network
    n_perm : int
        Number of random relabellings for ``expected`` and ``p_value``
        (0 skips them).
    seed : int
        Seed of the random relabellings (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sector``: the network's sectors in taxonomy order, then
        ``"(all)"`` for the whole network. Columns:

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
    """
    _check_net(net)
    n_perm = _check_count(n_perm, "n_perm")
    c = collapse(net)
    k = len(c.sectors)
    gu, gv = c.sector[c.u], c.sector[c.v]
    same = gu == gv
    internal = np.bincount(gu[same], minlength=k)
    external = np.bincount(gu[~same], minlength=k) + np.bincount(gv[~same], minlength=k)
    m = len(c.u)

    def ei(ext, inn):
        ext, inn = np.asarray(ext, dtype=float), np.asarray(inn, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(ext + inn > 0, (ext - inn) / (ext + inn), np.nan)

    whole_int = int(same.sum())
    observed = np.r_[ei(external, internal), ei(m - whole_int, whole_int)]
    if n_perm:
        rng = np.random.default_rng(seed)
        p_int, p_ext = _permute.label_shuffles(c.u, c.v, c.sector, k, n_perm, rng)
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
            "orgs": np.r_[np.bincount(c.sector, minlength=k), c.n].astype(np.int64),
            "internal": np.r_[internal, whole_int].astype(np.int64),
            "external": np.r_[external, m - whole_int].astype(np.int64),
            "ei": observed,
            "expected": expected,
            "p_value": p_value,
        },
        index=pd.Index([*c.sectors, ALL], name="sector"),
    )


# ------------------------------------------------------------ sector pairs
_BY = ("case", "partnership")


def _end_sectors(net: Network):
    c = collapse(net)
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
    _check_net(net)
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
    _check_net(net)
    if by not in _BY:
        raise ValueError(f"by={by!r} is not valid; choose from {', '.join(map(repr, _BY))}")
    n_perm = _check_count(n_perm, "n_perm")
    if types is not None:
        net = net.filter(types=types)
    c, lo, hi = _end_sectors(net)
    k = len(c.sectors)
    code, code_a, code_b = _permute.pair_index(k)
    n_codes = len(code_a)
    pair = code[lo, hi] if len(lo) else np.zeros(0, dtype=np.int64)
    m = len(pair)
    ends = np.bincount(np.r_[lo, hi], minlength=k)
    case = pd.factorize(net.edges["case"])[0].astype(np.int64)
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


# ------------------------------------------------------------ per type
def type_summary(net: Network) -> pd.DataFrame:
    """One row per partnership type: how big, how mixed, how dense, who is at the centre.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Indexed by ``type``: JCA's six types in the seed deck's order (absent
        ones with zeros), then any other type present. Columns:

        - ``cases``, ``orgs`` (organisations with a partnership of this type),
          ``partnerships``;
        - ``sectors``: distinct sectors among those organisations;
        - ``density``: ties present over possible ties among those organisations
          (NaN with fewer than two);
        - ``top_org``: name of the most central organisation — the one with most
          distinct partners in this type's network (ties broken by partnerships,
          then by order in ``net.orgs``); ``top_partners``: its partners.

    Examples
    --------
    >>> import coopnet as cn
    >>> t = cn.type_summary(cn.load_sample())
    >>> list(t.index)[:2]
    ['産消提携型', '事業連携型']
    """
    _check_net(net)
    c = collapse(net)
    e = net.edges
    names = net.orgs["name"].to_numpy()
    types = list(TYPES) + [t for t in net.types if t not in TYPES]
    rows = []
    for t in types:
        mask = (e["type"] == t).to_numpy()
        src, dst = c.src[mask], c.dst[mask]
        orgs = np.unique(np.r_[src, dst])
        lo, hi = np.minimum(src, dst), np.maximum(src, dst)
        ties = np.unique(lo * max(c.n, 1) + hi)
        k = len(orgs)
        row = {
            "type": t,
            "cases": int(e.loc[mask, "case"].nunique()),
            "orgs": k,
            "partnerships": int(mask.sum()),
            "sectors": len(np.unique(c.sector[orgs])),
            "density": len(ties) / (k * (k - 1) / 2) if k > 1 else np.nan,
            "top_org": None,
            "top_partners": 0,
        }
        if k:
            tu, tv = np.divmod(ties, max(c.n, 1))
            partners = np.bincount(np.r_[tu, tv], minlength=c.n)
            weight = np.bincount(np.r_[src, dst], minlength=c.n)
            best = np.lexsort((np.arange(c.n), -weight, -partners))[0]
            row["top_org"] = names[best]
            row["top_partners"] = int(partners[best])
        rows.append(row)
    out = pd.DataFrame(rows).set_index("type")
    out["top_partners"] = out["top_partners"].astype(np.int64)
    return out


# ------------------------------------------------------------- communities
def _nx_graph(c: Collapsed) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(c.n))
    g.add_weighted_edges_from(zip(c.u.tolist(), c.v.tolist(), c.weight.tolist(), strict=True))
    return g


def _louvain(c: Collapsed, seed: int) -> list[list[int]]:
    parts = nx.community.louvain_communities(_nx_graph(c), weight="weight", seed=seed)
    groups = [sorted(p) for p in parts]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


def communities(net: Network, *, seed: int = 0) -> pd.DataFrame:
    """Louvain communities of the network and the sectors in each.

    Parameters
    ----------
    net : Network
    seed : int
        Seed of networkx's Louvain method (the same seed gives the same result).

    Returns
    -------
    pandas.DataFrame
        One row per community, largest first (ties: the one holding the earlier
        organisation of ``net.orgs``), indexed by ``community`` from 0. Columns:

        - ``size``: organisations;
        - ``partnerships``: partnerships inside the community;
        - ``main_sector`` and ``main_share``: its most common sector and that
          sector's share of its organisations;
        - ``sectors``: sector counts, e.g. ``"JA 3、生協 2"`` (most common first);
        - ``members``: list of organisation ids, in ``net.orgs`` order.

    Notes
    -----
    Communities come from ``networkx.community.louvain_communities`` on the
    collapsed graph weighted by the number of partnerships. An isolated
    organisation forms a community of its own. To ask whether sectors explain
    the structure, compare the modularity of this partition with that of the
    sector partition: :func:`modularity_comparison`.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> com = cn.communities(net, seed=0)
    >>> int(com["size"].sum()) == len(net.orgs)
    True
    """
    _check_net(net)
    c = collapse(net)
    groups = _louvain(c, seed)
    label = np.empty(c.n, dtype=np.int64)
    for i, g in enumerate(groups):
        label[g] = i
    inside = label[c.src] == label[c.dst] if len(c.src) else np.zeros(0, dtype=bool)
    within = np.bincount(label[c.src][inside], minlength=len(groups))
    rank = {s: i for i, s in enumerate(c.sectors)}
    rows = []
    for i, g in enumerate(groups):
        counts = pd.Series(c.sector[g]).map(lambda s: c.sectors[s]).value_counts()
        counts = counts.iloc[
            sorted(range(len(counts)), key=lambda j: (-counts.iloc[j], rank[counts.index[j]]))
        ]
        rows.append(
            {
                "size": len(g),
                "partnerships": int(within[i]),
                "main_sector": counts.index[0],
                "main_share": counts.iloc[0] / len(g),
                "sectors": "、".join(f"{s} {n}" for s, n in counts.items()),
                "members": list(c.ids[g]),
            }
        )
    columns = ["size", "partnerships", "main_sector", "main_share", "sectors", "members"]
    out = pd.DataFrame(rows, columns=columns)
    out.index = pd.RangeIndex(len(out), name="community")
    return out


def modularity_comparison(net: Network, *, seed: int = 0) -> pd.DataFrame:
    """Modularity of the Louvain communities beside that of the sector partition.

    Do sectors explain the structure? If organisations partnered mostly within
    their sector, grouping them by sector would score nearly as high as the
    best partition Louvain finds; a much lower sector modularity means the
    communities cut across sectors.

    Parameters
    ----------
    net : Network
    seed : int
        Seed of the Louvain method, as in :func:`communities`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``partition`` (``"louvain"``, ``"sector"``); columns ``groups``
        (number of groups) and ``modularity`` (Newman's modularity on the
        collapsed graph weighted by partnerships, networkx's
        ``community.modularity``; NaN for a network without ties).

    Examples
    --------
    >>> import coopnet as cn
    >>> q = cn.modularity_comparison(cn.load_sample(), seed=0)
    >>> list(q.index)
    ['louvain', 'sector']
    """
    _check_net(net)
    c = collapse(net)
    g = _nx_graph(c)
    louvain = _louvain(c, seed)
    by_sector = [np.flatnonzero(c.sector == s).tolist() for s in range(len(c.sectors))]
    by_sector = [s for s in by_sector if s]
    if len(c.u):
        q = [
            nx.community.modularity(g, louvain, weight="weight"),
            nx.community.modularity(g, by_sector, weight="weight"),
        ]
    else:
        q = [np.nan, np.nan]
    return pd.DataFrame(
        {"groups": [len(louvain), len(by_sector)], "modularity": q},
        index=pd.Index(["louvain", "sector"], name="partition"),
    )
