"""Networks of groups: organisations merged by sector and prefecture, or by community.

A national network of tens of thousands of organisations cannot be read dot by
dot. :func:`group_network` merges them into a few hundred groups (every JA of
北海道 becomes one node, every 生協 of 北海道 another …) with the partnerships
between groups kept, so the same maps, tables and measures work on the summary:
``cn.plot_map(cn.group_network(net))``, ``cn.centrality(cn.group_network(net))``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from . import taxonomy
from ._checks import check_choice, check_network
from ._kernels.form import integer_form
from .network import Network
from .prefectures import PREFECTURES

__all__ = ["GROUPINGS", "NATIONAL", "group_network"]

#: The ways :func:`group_network` can group organisations.
GROUPINGS = ("sector-prefecture", "sector", "prefecture", "community")

#: The prefecture label of organisations without one (national bodies).
NATIONAL = {"ja": "全国", "en": "National"}

_SHORT = {p.name: p.short for p in PREFECTURES}
_ROMAJI = {p.name: p.romaji for p in PREFECTURES}
_PREF_ORDER = {p.name: i for i, p in enumerate(PREFECTURES)}


def _prefecture_names(pref: str) -> tuple[str, str]:
    """(Japanese, English) label of a prefecture value ("" is national)."""
    if not pref:
        return NATIONAL["ja"], NATIONAL["en"]
    return _SHORT.get(pref, pref), _ROMAJI.get(pref, pref)


def _labels(net: Network, by: str, seed: int) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code of every organisation and one row per group (``key``, ``sector``,
    ``prefecture``, ``name``, ``name_en``), groups in display order."""
    orgs = net.orgs
    sectors = list(net.sectors)
    sector = orgs["sector"].astype(str).to_numpy()
    pref = orgs["prefecture"].fillna("").astype(str).to_numpy()
    if by == "community":
        from .groups import _louvain

        label = np.empty(len(orgs), dtype=np.int64)
        for i, members in enumerate(_louvain(integer_form(net), seed)):
            label[members] = i
        count = int(label.max()) + 1 if len(label) else 0
        rows = pd.DataFrame(
            {
                "key": [f"community-{i}" for i in range(count)],
                "name": [f"コミュニティ {i}" for i in range(count)],
                "name_en": [f"Community {i}" for i in range(count)],
                "prefecture": "",
            }
        )
        return label, rows
    s_rank = {s: i for i, s in enumerate(sectors)}

    def p_rank(p):  # national first, then JIS order, then anything else
        return (-1, "") if not p else (_PREF_ORDER.get(p, len(_PREF_ORDER)), p)

    if by == "sector":
        keys = [(s,) for s in sector]
    elif by == "prefecture":
        keys = [(p,) for p in pref]
    else:
        keys = list(zip(pref, sector, strict=True))
    distinct = sorted(
        set(keys),
        key=lambda k: (
            (s_rank.get(k[0], len(s_rank)), k[0])
            if by == "sector"
            else (p_rank(k[0]), s_rank.get(k[-1], len(s_rank)) if by != "prefecture" else 0)
        ),
    )
    code = {k: i for i, k in enumerate(distinct)}
    label = np.array([code[k] for k in keys], dtype=np.int64)
    rows = []
    for k in distinct:
        if by == "sector":
            s = k[0]
            rows.append((s, s, taxonomy.sector_label(s, "en"), s, ""))
            continue
        ja, en = _prefecture_names(k[0])
        if by == "prefecture":
            rows.append((ja, ja, en, None, k[0]))
        else:
            s = k[1]
            en_s = taxonomy.sector_label(s, "en")
            rows.append((f"{ja}/{s}", f"{ja} {s}", f"{en} {en_s}", s, k[0]))
    frame = pd.DataFrame(rows, columns=["key", "name", "name_en", "sector", "prefecture"])
    return label, frame


def group_network(net: Network, *, by: str = "sector-prefecture", seed: int = 0) -> Network:
    """The network of groups of organisations: one node per group, ties between groups.

    Parameters
    ----------
    net : Network
    by : {"sector-prefecture", "sector", "prefecture", "community"}
        ``"sector-prefecture"``: the organisations of one sector in one prefecture
        form a group (national bodies, without a prefecture, form the groups of
        ``"全国"``); ``"sector"`` or ``"prefecture"`` alone; ``"community"``: the
        Louvain communities of :func:`coopnet.communities`.
    seed : int, default 0
        Seed of the Louvain method (``by="community"`` only).

    Returns
    -------
    Network
        Its organisations are the groups, indexed by ``id`` (``"北海道/JA"``,
        ``"全国/生協"``; the sector or prefecture alone; ``"community-0"`` …),
        with columns

        - ``name``, ``name_en``: ``"北海道 JA"``, ``"Hokkaido JA (agricultural co-op)"``;
          a community is named by its main sector: ``"コミュニティ 0（JA 40%）"``;
        - ``sector``: the group's sector, or for groups that mix sectors
          (``"prefecture"``, ``"community"``) the most common one, so maps keep
          the sector colours (the network's own colours, as in
          :attr:`Network.sector_styles`); ``main_share``: that sector's share of
          the group's organisations (1 for a sector grouping);
        - ``prefecture``: the prefecture ("" for national groups and communities);
        - ``size``: organisations in the group; ``inside``: partnerships between
          two organisations of the group (left out of ``edges``);
        - ``members``: the ids of its organisations, in ``net.orgs`` order.

        Its ``edges`` are the partnerships between organisations of different
        groups, one row each with ``type``, ``case``, ``year`` and ``evidence``
        kept and ``source``/``target`` replaced by the groups, so
        ``to_graph()`` weighs each tie between two groups by their partnerships.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.synthetic(600, seed=2)
    >>> g = cn.group_network(net)
    >>> int(g.orgs["size"].sum()) == len(net.orgs)
    True
    >>> len(g.edges) + int(g.orgs["inside"].sum()) == len(net.edges)
    True
    >>> g.orgs.loc["北海道/JA", ["name", "name_en", "sector"]].tolist()
    ['北海道 JA', 'Hokkaido JA (agricultural co-op)', 'JA']
    """
    check_network(net)
    check_choice(by, "by", GROUPINGS)
    label, groups = _labels(net, by, seed)
    c = integer_form(net)
    k = len(groups)
    ids = pd.Index(groups["key"], name="id")
    size = np.bincount(label, minlength=k)
    sector_names = np.array(c.sectors, dtype=object)

    def main_of(codes):
        return sector_names[codes]

    share = np.ones(k)
    if by in ("prefecture", "community"):
        counts = np.zeros((k, len(c.sectors)), dtype=np.int64)
        np.add.at(counts, (label, c.sector), 1)
        main = counts.argmax(axis=1)  # ties: the earlier sector in taxonomy order
        groups["sector"] = sector_names[main]
        share = counts[np.arange(k), main] / np.maximum(size, 1)
        if by == "community":  # name communities by their main sector
            groups["name"] = [
                f"コミュニティ {i}（{s} {f:.0%}）"
                for i, (s, f) in enumerate(zip(main_of(main), share, strict=True))
            ]
            groups["name_en"] = [
                f"Community {i} ({taxonomy.sector_label(s, 'en')} {f:.0%})"
                for i, (s, f) in enumerate(zip(main_of(main), share, strict=True))
            ]
    a, b = label[c.src], label[c.dst]
    cross = a != b
    orgs = pd.DataFrame(
        {
            "name": groups["name"].to_numpy(),
            "name_en": groups["name_en"].to_numpy(),
            "sector": groups["sector"].to_numpy(),
            "prefecture": groups["prefecture"].to_numpy(),
            "note": "",
            "size": size.astype(np.int64),
            "main_share": share,
            "inside": np.bincount(a[~cross], minlength=k).astype(np.int64),
            "members": _members(net.orgs.index, label, k),
        },
        index=ids,
    )
    edges = net.edges.loc[cross, ["type", "case", "year", "evidence"]].copy()
    edges.insert(0, "target", ids[b[cross]])
    edges.insert(0, "source", ids[a[cross]])
    return Network(orgs, edges.reset_index(drop=True), name=net.name, _styles=net.sector_styles)


def _members(org_ids: pd.Index, label: np.ndarray, k: int) -> list[list]:
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(k + 1))
    ordered = np.asarray(org_ids, dtype=object)[order]
    return [ordered[lo:hi].tolist() for lo, hi in itertools.pairwise(bounds)]
