"""Who is central, and the whole network in numbers: centrality and network-level figures.

Measures use the collapsed graph of :meth:`Network.to_graph` (one tie per pair of
organisations). The heavy lifting runs in the vectorised kernels of
``coopnet._kernels`` (paths, spectral); the tests check them against networkx.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _progress
from ._checks import LARGE_NETWORK, check_count, check_flag, check_network
from ._kernels import paths as _paths
from ._kernels import spectral as _spectral
from ._kernels.form import IntegerForm, integer_form, org_columns
from .network import Network

__all__ = ["DEFAULT_K", "centrality", "network_summary"]

#: Sources sampled for estimated betweenness and closeness (and inter-sector
#: betweenness in :func:`coopnet.bridges`) when ``k`` is not given on a network
#: of more than 20,000 organisations. Chosen from the error table in
#: ``benchmarks/RESULTS.md``.
DEFAULT_K = 1000


def path_sources(n: int, k, exact) -> int | None:
    """The number of sampled sources for a network of ``n`` organisations, or None
    for the exact computation; checks ``k`` and ``exact`` (shared with ``bridges``)."""
    exact = check_flag(exact, "exact")
    if k is not None:
        k = check_count(k, "k", minimum=1)
        if exact:
            raise ValueError(f"k={k!r} and exact=True contradict each other; give one of them")
        return k
    if exact or n <= LARGE_NETWORK:
        return None
    return DEFAULT_K


def centrality(
    net: Network, *, k: int | None = None, exact: bool = False, seed: int = 0
) -> pd.DataFrame:
    """Degree, betweenness, closeness, eigenvector and PageRank of every organisation.

    All measures use the collapsed graph (one tie per pair of organisations).

    Parameters
    ----------
    net : Network
    k : int, optional
        Estimate betweenness and closeness from ``k`` sampled source
        organisations instead of all of them (see Notes). By default they are
        exact up to 20,000 organisations and estimated from :data:`DEFAULT_K`
        (1,000) sources above that. A ``k`` at least as large as the network gives
        the exact values.
    exact : bool, default False
        Compute betweenness and closeness exactly whatever the size (the time
        grows with organisations × ties: about 5 minutes for 50,000
        organisations and 230,000 ties).
    seed : int, default 0
        Seed for choosing the sampled sources.

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

        ``attrs["estimated"]`` says which columns are estimates and from how many
        sampled sources: ``{}`` when every value is exact, else
        ``{"betweenness": k, "closeness": k}``.

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

    *Estimates.* With ``k`` sources, betweenness is Brandes & Pich's (2007)
    estimate from uniformly sampled pivots, stratified by connected component:
    each component of more than ``k`` organisations gets sources in proportion to
    its size and its sums are scaled by size / sources; smaller components are
    computed exactly (it costs little). The estimate is unbiased, and for a
    connected network it is exactly ``networkx.betweenness_centrality(k=k)``'s
    estimator. Closeness is Eppstein & Wang's (2004) estimate: an organisation's
    total distance to the others of its component is estimated by its distances
    to the sampled sources, summed and scaled by the same factor (unbiased), and
    closeness is computed from that total as above (consistent, not unbiased:
    it is a reciprocal). On a synthetic network of 5,000 organisations, 1,000
    sources find 18 or more of the exact top 20 by betweenness (the measured
    error for several ``k`` is in ``benchmarks/RESULTS.md``).

    Examples
    --------
    >>> import coopnet as cn
    >>> c = cn.centrality(cn.load_sample())
    >>> list(c.columns)[:5]
    ['name', 'sector', 'partners', 'partnerships', 'cases']
    >>> bool((c["betweenness"] >= 0).all())
    True
    >>> c.attrs["estimated"]    # exact below 20,000 organisations
    {}
    >>> est = cn.centrality(cn.synthetic(300, seed=0), k=50)   # 50 sampled sources
    >>> est.attrs["estimated"]
    {'betweenness': 50, 'closeness': 50}
    """
    check_network(net)
    c = integer_form(net)
    k = path_sources(c.n, k, exact)
    seed = check_count(seed, "seed")
    out = org_columns(net)
    n = c.n
    out["partners"] = c.partners
    out["partnerships"] = c.partnerships
    out["cases"] = c.cases_per_org
    found = searched_paths(c, k, seed, ("betweenness",))
    between, close = found["betweenness"], found["closeness"].copy()  # kept: not shared
    pairs = (n - 1) * (n - 2) / 2  # pairs of other organisations (networkx's scale)
    out["betweenness"] = between / pairs if n > 2 else np.zeros(n)
    out["closeness"] = close
    out["eigenvector"] = _spectral.eigenvector(c.adjacency, c.components)
    out["pagerank"] = _spectral.pagerank(c.adjacency)
    sampled = found["sampled"]
    out.attrs["estimated"] = {"betweenness": sampled, "closeness": sampled} if sampled else {}
    return out


_WORDS = {"betweenness": "betweenness, closeness", "inter_betweenness": "inter-sector betweenness"}


def searched_paths(c: IntegerForm, k: int | None, seed: int, measures: tuple[str, ...]) -> dict:
    """Unnormalised ``betweenness`` and/or ``inter_betweenness`` (between sectors),
    ``closeness`` and ``sampled`` (sources drawn; 0 when exact) for ``k`` sources.

    The searches behind them are the same: one pass computes every measure asked
    for, and the results are kept on the integer form, so ``coopnet report``
    (which asks for both, see :func:`search_paths`) searches once.
    """
    kept = c.searched.setdefault((k, seed if k is not None else None), {})
    missing = [m for m in measures if m not in kept]
    if missing:
        plan = _paths.plan_sources(c.components, k, seed)
        total = c.n if plan.sources is None else len(plan.sources)
        groups = [None if m == "betweenness" else c.sector for m in missing]
        desc = " and ".join(_WORDS[m] for m in missing)
        with _progress.bar(total, desc) as bar:
            found, close = _paths.shortest_paths(
                c.adjacency, c.components, groups=groups, plan=plan, progress=bar.update
            )
        kept.update(zip(missing, found, strict=True))
        kept.update(closeness=close, sampled=plan.sampled)
    return kept


def search_paths(net: Network, *, seed: int = 0) -> None:
    """Run the path searches of :func:`centrality` and :func:`coopnet.bridges`
    (with their defaults) at once; both then use the kept results."""
    c = integer_form(net)
    searched_paths(c, path_sources(c.n, None, False), seed, ("betweenness", "inter_betweenness"))


def network_summary(net: Network) -> pd.DataFrame:
    """The whole network in one row: the figures inter-organisational network studies report.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        One row, indexed by the network's name, with columns (``n`` organisations,
        ``m`` ties — pairs of organisations with at least one partnership):

        - ``organisations`` (``n``), ``ties`` (``m``), ``partnerships`` (rows of
          ``net.edges``), ``cases`` (rows of ``net.cases``);
        - ``density``: ``2m / (n (n - 1))``, the share of possible ties present;
        - ``components``: connected components, an isolated organisation being
          one; ``largest_share``: the largest component's organisations over ``n``;
        - ``fragmentation``: the share of pairs of organisations with no path
          between them, ``1 - Σ s_k (s_k - 1) / (n (n - 1))`` over components of
          ``s_k`` organisations (Borgatti 2006);
        - ``centralization``: Freeman's degree centralisation, ``Σ (d_max - d_i) /
          ((n - 1)(n - 2))``: 1 for a star, 0 when every organisation has the same
          number of partners;
        - ``clustering``: the average over organisations of the share of their
          partners' pairs that are tied (networkx's ``average_clustering``;
          organisations with fewer than two partners count 0);
        - ``max_core``: the highest ``k`` such that a group of organisations each
          has at least ``k`` partners within it (the k-core);
        - ``ei``: the Krackhardt–Stern E–I index of all ties, ``(E - I) / (E +
          I)`` with ``E`` ties between sectors and ``I`` within (see
          :func:`coopnet.ei_index` for its permutation test).

        Ratios that need more organisations or ties than there are are NaN.

    Notes
    -----
    These are the network-level measures of Provan, Fish & Sydow (2007),
    "Interorganizational networks at the network level", *Journal of
    Management* 33(3): density, fragmentation and components, centralisation,
    clustering and cohesive subgroups; and the E–I index of Krackhardt & Stern
    (1988). Ties are those of :meth:`Network.to_graph` (unweighted).

    Examples
    --------
    >>> import coopnet as cn
    >>> s = cn.network_summary(cn.load_sample())
    >>> int(s["organisations"].iloc[0]), int(s["components"].iloc[0])
    (107, 28)
    """
    check_network(net)
    c = integer_form(net)
    n, m = c.n, len(c.u)
    degree = c.partners.astype(float)
    sizes = np.bincount(c.components).astype(float) if n else np.zeros(0)
    pairs = n * (n - 1)
    a = c.adjacency
    triangles = np.asarray((a @ a).multiply(a).sum(axis=1)).ravel() / 2 if m else np.zeros(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        local = np.where(degree >= 2, 2 * triangles / (degree * (degree - 1)), 0.0)
    same = int((c.sector[c.u] == c.sector[c.v]).sum())
    core = 0
    if m:
        import rustworkx as rx

        core = max(rx.core_number(c.rustworkx()).values())
    row = {
        "organisations": n,
        "ties": m,
        "partnerships": len(c.src),
        "cases": len(net.cases),
        "density": 2 * m / pairs if pairs else np.nan,
        "components": len(sizes),
        "largest_share": sizes.max() / n if n else np.nan,
        "fragmentation": 1 - (sizes * (sizes - 1)).sum() / pairs if pairs else np.nan,
        "centralization": (
            (degree.max() - degree).sum() / ((n - 1) * (n - 2)) if n > 2 else np.nan
        ),
        "clustering": local.mean() if n else np.nan,
        "max_core": int(core),
        "ei": (m - 2 * same) / m if m else np.nan,
    }
    return pd.DataFrame([row], index=pd.Index([net.name or "network"], name="network"))
