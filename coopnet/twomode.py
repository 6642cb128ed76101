"""The two-mode network: organisations and the cases they take part in.

A case is a set of participants: both ends of its partnerships and those
``members.csv`` lists. :func:`affiliation` gives that organisation–case network
(a networkx bipartite graph), :func:`project` its projection onto organisations
with a named weighting, :func:`two_mode_degree` the two-mode degree centrality.
All use :mod:`networkx.algorithms.bipartite`.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
from networkx.algorithms import bipartite

from ._checks import check_choice, check_network
from .network import Network

__all__ = ["affiliation", "project", "two_mode_degree"]

#: Weightings of :func:`project`.
WEIGHTS = ("count", "newman", "jaccard")


def _plain(value):
    """A value networkx's writers accept (None for a missing one)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def affiliation(net: Network) -> nx.Graph:
    """The organisation–case network: who takes part in which case.

    Parameters
    ----------
    net : Network

    Returns
    -------
    networkx.Graph
        Bipartite: organisation nodes (keyed by id) with ``bipartite=0``,
        ``kind="organisation"``, ``name``, ``sector``, ``prefecture``; case nodes
        (keyed by the case title) with ``bipartite=1``, ``kind="case"``, ``type``,
        ``year`` (None when unknown) and ``prefecture``. An edge joins an
        organisation to each case it takes part in, with ``role`` (from
        ``members.csv``, else ""), ``tied`` (it has a partnership in the case) and
        ``partnerships`` (how many). A case title never equals an organisation id
        (loading checks it), so the two kinds of node cannot collide.

    Examples
    --------
    >>> import coopnet as cn
    >>> from networkx.algorithms import bipartite
    >>> b = cn.affiliation(cn.load_sample())
    >>> bipartite.is_bipartite(b)
    True
    >>> sorted(b["oita-coop-council"])       # a council with no partnership row
    ['地域課題解決に向けたラウンドテーブル(大分県協同組合協議会)']
    """
    check_network(net)
    orgs, cases, members = net.orgs, net.cases, net.members
    clash = set(orgs.index) & set(cases.index)
    if clash:
        raise ValueError(
            f"case titles equal organisation ids ({', '.join(map(repr, sorted(clash)[:3]))}); "
            "rename the cases so the two-mode network can tell them apart"
        )
    g = nx.Graph(name=net.name)
    g.add_nodes_from(
        (
            i,
            {
                "bipartite": 0,
                "kind": "organisation",
                "name": name,
                "sector": sector,
                "prefecture": pref,
            },
        )
        for i, name, sector, pref in zip(
            orgs.index, orgs["name"], orgs["sector"], orgs["prefecture"], strict=True
        )
    )
    g.add_nodes_from(
        (
            case,
            {
                "bipartite": 1,
                "kind": "case",
                "type": ptype,
                "year": _plain(year),
                "prefecture": pref,
            },
        )
        for case, ptype, year, pref in zip(
            cases.index, cases["type"], cases["year"], cases["prefecture"], strict=True
        )
    )
    g.add_edges_from(
        (org, case, {"role": role, "tied": bool(tied), "partnerships": int(n)})
        for case, org, role, tied, n in zip(
            members["case"],
            members["org"],
            members["role"],
            members["tied"],
            members["partnerships"],
            strict=True,
        )
    )
    return g


def project(net: Network, *, weight: str = "count") -> nx.Graph:
    """Organisations tied when they take part in a case together, with a named weighting.

    Parameters
    ----------
    net : Network
    weight : {"count", "newman", "jaccard"}, default "count"
        The ``weight`` of the tie between two organisations:

        - ``"count"``: the number of cases they share
          (``bipartite.weighted_projected_graph``);
        - ``"newman"``: Newman's collaboration weighting, the sum over shared
          cases of ``1 / (k - 1)`` for a case of ``k`` participants, so a big
          council counts less per pair than a two-party agreement
          (``bipartite.collaboration_weighted_projected_graph``; Newman 2001,
          *Phys. Rev. E* 64, 016132);
        - ``"jaccard"``: shared cases over the cases either takes part in
          (``bipartite.overlap_weighted_projected_graph(..., jaccard=True)``).

    Returns
    -------
    networkx.Graph
        Every organisation of ``net`` (with the node attributes of
        :func:`affiliation`), an edge with ``weight`` between each two that share
        a case. Unlike :meth:`Network.to_graph`, two organisations are tied here
        whenever they work in one case, partnership row or not.

    Examples
    --------
    >>> import coopnet as cn
    >>> g = cn.project(cn.load_sample(), weight="newman")
    >>> g.has_edge("ja-group-iwate", "generic-jf-iwate-kamaishi")   # both in 釜石, never tied
    True
    """
    check_network(net)
    check_choice(weight, "weight", WEIGHTS)
    b = affiliation(net)
    orgs = list(net.orgs.index)
    if weight == "count":
        return bipartite.weighted_projected_graph(b, orgs)
    if weight == "newman":
        return bipartite.collaboration_weighted_projected_graph(b, orgs)
    return bipartite.overlap_weighted_projected_graph(b, orgs, jaccard=True)


def two_mode_degree(net: Network) -> pd.DataFrame:
    """Two-mode degree centrality of organisations and cases.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        One row per organisation (in the order of ``net.orgs``) then per case (in
        the order of ``net.cases``), indexed by ``node`` (id or case title), with
        ``mode`` (``"organisation"`` or ``"case"``), ``name`` (organisation name
        or case title), ``degree`` (cases an organisation takes part in;
        participants of a case) and ``centrality``: the degree divided by the
        size of the other mode (Borgatti & Everett 1997; networkx's
        ``bipartite.degree_centrality``).

    Examples
    --------
    >>> import coopnet as cn
    >>> d = cn.two_mode_degree(cn.load_sample())
    >>> int(d.loc["釜石植林活動(岩手県)", "degree"])
    7
    """
    check_network(net)
    b = affiliation(net)
    orgs = list(net.orgs.index)
    cases = list(net.cases.index)
    centrality = bipartite.degree_centrality(b, orgs) if len(b) else {}
    names = dict(zip(orgs, net.orgs["name"], strict=True))
    nodes = orgs + cases
    out = pd.DataFrame(
        {
            "mode": ["organisation"] * len(orgs) + ["case"] * len(cases),
            "name": [names[o] for o in orgs] + cases,
            "degree": [b.degree(x) for x in nodes],
            "centrality": [centrality.get(x, 0.0) for x in nodes],
        },
        index=pd.Index(nodes, name="node"),
    )
    out["degree"] = out["degree"].astype("int64")
    return out
