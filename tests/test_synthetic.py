"""cn.synthetic: valid like a user's files, deterministic, shaped as designed."""

import numpy as np
import pandas as pd
import pytest

import coopnet as cn
from coopnet.generators import CASE_SIZES, SECTOR_SHARES
from coopnet.prefectures import NAMES as PREFECTURE_NAMES


@pytest.fixture(scope="module")
def mid():
    return cn.synthetic(5000, seed=3)


def test_round_trips_through_csv_unchanged(tmp_path):
    net = cn.synthetic(300, seed=7)
    cn.write_csv(net, tmp_path)
    back = cn.read_csv(tmp_path / "orgs.csv", tmp_path / "edges.csv")
    pd.testing.assert_frame_equal(back.orgs, net.orgs)
    pd.testing.assert_frame_equal(back.edges, net.edges)
    assert isinstance(net, cn.Network)
    assert net.edges["year"].dtype == "Int64"


def test_same_seed_same_network_other_seed_other_network():
    a, b, c = cn.synthetic(300, seed=5), cn.synthetic(300, seed=5), cn.synthetic(300, seed=6)
    pd.testing.assert_frame_equal(a.orgs, b.orgs)
    pd.testing.assert_frame_equal(a.edges, b.edges)
    assert not a.edges[["source", "target"]].equals(c.edges[["source", "target"]])


def test_sector_shares_are_as_designed(mid):
    # Largest-remainder allocation: every sector within one organisation of share * n.
    counts = mid.orgs["sector"].value_counts()
    for sector, share in SECTOR_SHARES.items():
        assert abs(counts[sector] - share * 5000) <= 1, sector
    assert counts["JA"] > counts["企業"] > counts["協同組合連携組織"]
    assert abs(sum(SECTOR_SHARES.values()) - 1) < 1e-12


def test_prefectures_are_the_real_47_plus_national_bodies(mid):
    assert len(PREFECTURE_NAMES) == 47 and len(set(PREFECTURE_NAMES)) == 47
    assert {"北海道", "東京都", "京都府", "大阪府", "沖縄県"} <= set(PREFECTURE_NAMES)
    pref = mid.orgs["prefecture"]
    assert set(pref) == {*PREFECTURE_NAMES, ""}  # every prefecture has organisations
    national = mid.orgs[pref == ""]
    assert 1 <= len(national) <= 21
    assert (national["note"] == "national body").all()
    # More organisations in Tokyo than in Tottori (weights follow population).
    assert (pref == "東京都").sum() > (pref == "鳥取県").sum()


def _case_members(net):
    e = net.edges
    both = pd.concat(
        [
            e[["case", "source"]].set_axis(["case", "org"], axis=1),
            e[["case", "target"]].set_axis(["case", "org"], axis=1),
        ]
    )
    return both.drop_duplicates()


def test_cases_have_two_to_six_members_sized_as_designed(mid):
    sizes = _case_members(mid).groupby("case").size()
    assert sizes.min() == 2 and sizes.max() == 6
    assert set(sizes) == set(CASE_SIZES)
    observed = sizes.value_counts(normalize=True)
    # Small prefectures can cap a case below its drawn size, so allow a few percent.
    for k, p in CASE_SIZES.items():
        assert abs(observed[k] - p) < 0.05, (k, observed[k], p)
    assert len(sizes) == 7000  # default: 1.4 cases per organisation


def test_cases_mostly_within_one_prefecture_national_bodies_link_across(mid):
    members = _case_members(mid)
    members["pref"] = mid.orgs.loc[members["org"], "prefecture"].to_numpy()
    local = members[members["pref"] != ""]
    n_prefs = local.groupby("case")["pref"].nunique()
    assert (n_prefs <= 1).mean() > 0.85
    across = n_prefs[n_prefs > 1].index
    assert len(across) > 50
    has_national = members.groupby("case")["pref"].apply(lambda p: (p == "").any())
    assert has_national[across].mean() > 0.9  # cases across prefectures are led nationally


def test_types_years_and_density(mid):
    assert mid.types == list(cn.taxonomy.TYPES)
    year = mid.edges["year"]
    assert year.isna().mean() == pytest.approx(0.04, abs=0.01)
    assert year.min() >= 1970 and year.max() <= 2025
    # More recent more likely: the last decade outnumbers the 1970s several times.
    assert (year >= 2016).sum() > 4 * ((year >= 1970) & (year < 1980)).sum()
    # About five partnerships per organisation (L: 50,000 orgs ~ 250,000 partnerships).
    assert 4.5 < len(mid.edges) / len(mid.orgs) < 5.5
    assert (mid.edges["source"] != mid.edges["target"]).all()
    assert mid.orgs.index.is_unique


def test_n_cases_and_tiny_networks():
    net = cn.synthetic(300, n_cases=50, seed=2)
    assert net.edges["case"].nunique() == 50
    two = cn.synthetic(2, n_cases=3)
    assert len(two.orgs) == 2
    assert set(np.unique(two.edges[["source", "target"]].to_numpy())) == set(two.orgs.index)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_orgs": 1}, "n_orgs=1 is not valid; give a whole number >= 2"),
        ({"n_orgs": 30.5}, "n_orgs=30.5"),
        ({"n_orgs": 30, "n_cases": 0}, "n_cases=0 is not valid; give a whole number >= 1"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cn.synthetic(**kwargs)
