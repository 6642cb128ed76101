"""The bundled dataset: coverage of the seed deck, and traceability of every row to it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import coopnet as cn
from coopnet import taxonomy

ORGS_CSV, EDGES_CSV = cn.sample_paths()
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_0eefa78b8c638811.txt"

# Read the raw files with plain pandas, independently of coopnet's loader.
raw_orgs = pd.read_csv(ORGS_CSV, dtype=str, keep_default_na=False)
raw_edges = pd.read_csv(EDGES_CSV, dtype=str, keep_default_na=False)


def _squash(text: str) -> str:
    """Seed text without HTML tags, markdown emphasis and whitespace, for substring checks."""
    text = re.sub(r"</?(?:ul|ol|li|p|br|div|span)\b[^>]*>", "", text).replace("**", "")
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed deck is not beside the repository ({SEED})")
    return _squash(SEED.read_text(encoding="utf-8"))


def test_columns_are_the_documented_ones():
    assert list(raw_orgs.columns) == ["id", "name", "name_en", "sector", "prefecture", "note"]
    assert list(raw_edges.columns) == ["source", "target", "type", "case", "year", "evidence"]


def test_coverage_of_the_deck():
    net = cn.load_sample()
    # 25 cases with partnerships: the deck's cases, with 新潟 and 神奈川 (同様の取組み)
    # split from the 静岡 slide; 大分 and 北海道 name no partner and have no edge.
    assert net.edges["case"].nunique() == 25
    assert net.types == list(taxonomy.TYPES)
    assert set(taxonomy.CORE_SECTORS) <= set(net.orgs["sector"])
    assert set(raw_orgs["sector"]) <= set(taxonomy.SECTORS)
    assert set(raw_edges["type"]) <= set(taxonomy.TYPES)
    isolated = set(net.orgs.index) - set(net.edges["source"]) - set(net.edges["target"])
    assert isolated == {"oita-coop-council", "coop-net-hokkaido"}


def test_every_edge_joins_two_known_different_orgs():
    ids = set(raw_orgs["id"])
    assert raw_orgs["id"].is_unique
    assert set(raw_edges["source"]) <= ids and set(raw_edges["target"]) <= ids
    assert not (raw_edges["source"] == raw_edges["target"]).any()


def test_ids_are_ascii_slugs_and_years_are_years():
    assert raw_orgs["id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    years = raw_edges["year"][raw_edges["year"] != ""].astype(int)
    assert years.between(1970, 2026).all()


def test_prefectures_are_prefecture_names():
    pref = raw_orgs["prefecture"][raw_orgs["prefecture"] != ""]
    assert pref.str.fullmatch(r"(北海道|東京都|大阪府|京都府|.{2,3}県)").all()


def test_every_evidence_phrase_is_in_the_seed(seed):
    missing = []
    for ev in raw_edges["evidence"]:
        # "…" marks an elision between two quoted fragments
        for part in re.split(r"…|\.\.\.", ev):
            if _squash(part) and _squash(part) not in seed:
                missing.append(part)
    assert missing == []


def test_named_orgs_are_named_in_the_seed(seed):
    """Each non-generic name (or the seed spelling kept in note) occurs in the deck."""
    unnamed = []
    for row in raw_orgs.itertuples():
        if row.id.startswith("generic-"):
            continue
        core = re.sub(r"（[^）]*）$", "", row.name)  # 「県漁連（高知県）」: qualifier added
        spelled = re.findall(r"seed spelling: ([^\s(;,.]+)", row.note)
        if not any(_squash(c) in seed for c in [core, *spelled]):
            unnamed.append(row.name)
    assert unnamed == []


def test_generic_nodes_read_as_generic():
    generic = raw_orgs[raw_orgs["id"].str.startswith("generic-")]
    assert len(generic) > 0
    assert generic["name"].str.contains("（").all()
    assert generic["note"].str.startswith("generic").all()
