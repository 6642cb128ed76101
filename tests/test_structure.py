"""Whole-network figures on hand-worked graphs."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from conftest import write

import coopnet as cn


def _net(tmp_path, orgs, ties):
    o = "id,name,sector\n" + "".join(f"{i},{i},{s}\n" for i, s in orgs)
    e = "source,target,type,case\n" + "".join(f"{u},{v},地域連携型,x\n" for u, v in ties)
    return cn.read_csv(write(tmp_path / "o.csv", o), write(tmp_path / "e.csv", e))


def test_star(tmp_path):
    """A hub with four partners in other sectors: a perfect star."""
    orgs = [("h", "協同組合連携組織"), ("a", "JA"), ("b", "生協"), ("c", "JF"), ("d", "JA")]
    s = cn.network_summary(_net(tmp_path, orgs, [("h", x) for x in "abcd"])).iloc[0]
    assert s["organisations"] == 5 and s["ties"] == 4 and s["components"] == 1
    assert s["density"] == pytest.approx(4 / 10)
    assert s["largest_share"] == 1.0 and s["fragmentation"] == 0.0
    assert s["centralization"] == pytest.approx(1.0)  # (4-1)·4 / (4·3)
    assert s["clustering"] == 0.0 and s["max_core"] == 1
    assert s["ei"] == 1.0  # every tie crosses sectors


def test_triangle_and_an_isolate(tmp_path):
    orgs = [("a", "JA"), ("b", "JA"), ("c", "生協"), ("z", "行政")]
    net = _net(tmp_path, orgs, [("a", "b"), ("b", "c"), ("a", "c")])
    s = cn.network_summary(net).iloc[0]
    assert s["density"] == pytest.approx(3 / 6)
    assert s["components"] == 2 and s["largest_share"] == pytest.approx(3 / 4)
    assert s["fragmentation"] == pytest.approx(1 - 6 / 12)  # 6 of 12 ordered pairs reach
    assert s["centralization"] == pytest.approx((0 + 0 + 0 + 2) / (3 * 2))
    assert s["clustering"] == pytest.approx(3 / 4)
    assert s["max_core"] == 2
    assert s["ei"] == pytest.approx((2 - 1) / 3)  # a–c, b–c cross; a–b within


def test_agrees_with_networkx_on_the_bundled_data():
    net = cn.load_sample()
    s = cn.network_summary(net).iloc[0]
    g = net.to_graph()
    n = g.number_of_nodes()
    assert s["density"] == pytest.approx(nx.density(g))
    assert s["components"] == nx.number_connected_components(g)
    assert s["clustering"] == pytest.approx(nx.average_clustering(g))
    assert s["max_core"] == max(nx.core_number(g).values())
    reach = sum(len(c) * (len(c) - 1) for c in nx.connected_components(g))
    assert s["fragmentation"] == pytest.approx(1 - reach / (n * (n - 1)))
    assert s["cases"] == 27
    assert not math.isnan(s["ei"])
