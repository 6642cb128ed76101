"""Groups in the network: the partnership types and Louvain communities."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ._checks import check_network
from ._kernels.form import IntegerForm, integer_form
from .network import Network
from .taxonomy import TYPES

__all__ = ["communities", "modularity_comparison", "type_summary"]


def type_summary(net: Network) -> pd.DataFrame:
    """One row per partnership type: how many cases, how big, how mixed, who is central.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Indexed by ``type``: JCA's six types in the seed deck's order (absent
        ones with zeros), then any other type present. Columns:

        - ``cases``: cases of this type (see Notes), sub-cases not counted;
          ``sub_cases``: the sub-cases among them (those with a ``parent``);
        - ``orgs``: organisations taking part in this type — at an end of one of
          its partnerships, or listed in ``members.csv`` for one of its cases (the
          organisations of ``net.by_type(type)``);
        - ``partnerships``: partnerships of this type;
        - ``sectors``: distinct sectors among those organisations;
        - ``density``: ties present over possible ties among those organisations
          (NaN with fewer than two);
        - ``top_org``: name of the most central organisation — the one with most
          distinct partners in this type's network (ties broken by partnerships,
          then by order in ``net.orgs``); ``top_partners``: its partners.

    Notes
    -----
    A case is of a type when the case table says so, or, without a case table,
    when it has a partnership of that type (a case whose partnerships have
    several types then counts under each). With a case table every partnership
    has its case's type, so the two agree.

    Examples
    --------
    >>> import coopnet as cn
    >>> t = cn.type_summary(cn.load_sample())
    >>> t["cases"].tolist()       # the deck's 3/6/6/5/3/2
    [3, 6, 6, 5, 3, 2]
    >>> int(t.loc["事業連携型", "sub_cases"])   # 新潟 and 神奈川 of the 静岡 slide
    2
    """
    check_network(net)
    c = integer_form(net)
    e = net.edges
    table = net.cases
    listed = net.members
    listed = listed[~listed["tied"]]
    names = net.orgs["name"].to_numpy()
    types = list(TYPES) + [t for t in net.types if t not in TYPES]
    rows = []
    for t in types:
        mask = (e["type"] == t).to_numpy()
        cases = set(e.loc[mask, "case"])
        if net.has_case_table:
            cases |= set(table.index[table["type"] == t])
        is_sub = table["parent"].reindex(list(cases)).fillna("") != ""
        src, dst = c.src[mask], c.dst[mask]
        extra = c.ids.get_indexer(listed.loc[listed["case"].isin(cases), "org"])
        orgs = np.unique(np.r_[src, dst, extra])
        lo, hi = np.minimum(src, dst), np.maximum(src, dst)
        ties = np.unique(lo * max(c.n, 1) + hi)
        k = len(orgs)
        row = {
            "type": t,
            "cases": int((~is_sub).sum()),
            "sub_cases": int(is_sub.sum()),
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
            inside = np.zeros(c.n, dtype=bool)
            inside[orgs] = True
            best = np.lexsort((np.arange(c.n), -weight, -partners, ~inside))[0]
            row["top_org"] = names[best]
            row["top_partners"] = int(partners[best])
        rows.append(row)
    out = pd.DataFrame(rows).set_index("type")
    out["top_partners"] = out["top_partners"].astype(np.int64)
    return out


# ------------------------------------------------------------- communities
def _nx_graph(c: IntegerForm) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(c.n))
    g.add_weighted_edges_from(zip(c.u.tolist(), c.v.tolist(), c.weight.tolist(), strict=True))
    return g


def _louvain(c: IntegerForm, seed: int) -> list[list[int]]:
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
    check_network(net)
    c = integer_form(net)
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
    check_network(net)
    c = integer_form(net)
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
