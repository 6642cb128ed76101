"""The fast kernels give networkx's results on realistic synthetic networks (S and mid-size).

tests/test_analysis.py checks the same measures on random graphs; these run them on
``cn.synthetic`` networks, whose hubs (national bodies), parallel partnerships, many
small components and isolates are what users' data look like.
"""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import assert_centrality_matches_networkx, inter_sector_betweenness_reference

import coopnet as cn


@pytest.fixture(scope="module", params=[300, 1000], ids=["S", "mid"])
def net(request):
    return cn.synthetic(request.param, seed=11)


def _column(frame, column, ids):
    frame = frame.set_index("id") if "id" in frame.columns else frame
    return frame[column].reindex(ids).to_numpy(dtype=float)


def test_centrality_equals_networkx_exact(net):
    assert_centrality_matches_networkx(net)


def test_bridges_equal_networkx(net):
    b = cn.bridges(net)
    h = net.to_graph()
    ids = list(net.orgs.index)
    cut = set(nx.articulation_points(h))
    assert _column(b, "articulation", ids).tolist() == [float(i in cut) for i in ids]
    reference = inter_sector_betweenness_reference(net)
    want = np.array([reference[v] for v in ids])
    assert np.abs(_column(b, "inter_betweenness", ids) - want).max() <= 1e-9


def test_sector_pairs_observed_counts_equal_plain_pandas(net):
    # By partnership: each partnership counted once under its unordered sector pair.
    sector = net.orgs["sector"]
    a = sector[net.edges["source"]].to_numpy()
    b = sector[net.edges["target"]].to_numpy()
    plain = pd.Series([tuple(sorted(p)) for p in zip(a, b, strict=True)]).value_counts()
    got = cn.sector_pairs(net, by="partnership", n_perm=10)
    cols = [c for c in got.columns if c.startswith("sector")][:2]
    observed = {
        tuple(sorted((r[cols[0]], r[cols[1]]))): r["count"] for _, r in got.iterrows() if r["count"]
    }
    assert observed == plain.to_dict()
