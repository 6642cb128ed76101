"""The bundled dataset: coverage of the seed deck, and traceability of every row to it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import coopnet as cn
from coopnet import taxonomy

ORGS_CSV, EDGES_CSV = cn.sample_paths()
# cases.csv and members.csv sit beside them (in the checkout's data/ and in the wheel).
CASES_CSV = ORGS_CSV.parent / "cases.csv"
MEMBERS_CSV = ORGS_CSV.parent / "members.csv"
REPO = Path(__file__).resolve().parents[1]
CURATION_MD = REPO / "data" / "CURATION.md"
SEED_NAME = Path("shared", "seeds", "000_0eefa78b8c638811.txt")
# The seed sits beside the repository; a worktree may be one folder further down.
SEED = next(
    (folder / SEED_NAME for folder in REPO.parents if (folder / SEED_NAME).is_file()),
    REPO.parent / SEED_NAME,
)

# Read the raw files with plain pandas, independently of coopnet's loader.
raw_orgs = pd.read_csv(ORGS_CSV, dtype=str, keep_default_na=False)
raw_edges = pd.read_csv(EDGES_CSV, dtype=str, keep_default_na=False)
raw_cases = pd.read_csv(CASES_CSV, dtype=str, keep_default_na=False)
raw_members = pd.read_csv(MEMBERS_CSV, dtype=str, keep_default_na=False)

# The deck's cases per type (section), sub-cases not counted.
DECK_CASES = {
    "産消提携型": 3,
    "事業連携型": 6,
    "地域連携型": 6,
    "学習会・イベント型": 5,
    "災害支援型": 3,
    "人事育成型": 2,
}
OITA = "地域課題解決に向けたラウンドテーブル（大分県協同組合協議会）"
HOKKAIDO = "協同組合就活サミット（協同組合ネット北海道）"
# Year rule (CURATION.md): a case begins with its own activity; ties the deck gives as its
# background (an older partnership, a council's founding, the talks that led to it) are
# in edges.csv with their own, earlier years. These are those earlier years, per case.
BACKGROUND_YEARS = {
    "生活クラブ+JAながの 加工トマト援農": {1971},  # the juice tie; 援農 from 1995
    "瀬戸内かきがらあぐり": {1989},  # 産直協議会, 「連携の下地」
    "JA鹿児島経済連+コープかごしま 協定を起点に広がる連携": {1985},  # 定期協議 before the 協定
    "釜石植林活動（岩手県）": {1974, 2017},  # the council; the 森林組合's own recovery
}
PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都"
    " 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県"
    " 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県"
    " 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()


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
    assert list(raw_cases.columns) == [
        "case",
        "type",
        "year",
        "prefecture",
        "summary",
        "source",
        "parent",
        "name_en",
    ]
    assert list(raw_members.columns) == ["case", "org", "role", "evidence"]


def test_coverage_of_the_deck():
    net = cn.load_sample()
    # 25 cases with partnerships: the deck's cases, with 新潟 and 神奈川 (同様の取組み)
    # split from the 静岡 slide; 大分 and 北海道 name no partner and have no edge
    # (cases.csv lists them with the rest, members.csv gives their lead).
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
    for ev in [*raw_edges["evidence"], *raw_members["evidence"]]:
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


def _participants(case: str) -> set[str]:
    edges = raw_edges[raw_edges["case"] == case]
    members = raw_members[raw_members["case"] == case]
    return set(edges["source"]) | set(edges["target"]) | set(members["org"])


def test_cases_one_row_each_in_the_decks_order():
    assert len(raw_cases) == 27
    assert raw_cases["case"].is_unique
    for column in ["case", "type", "summary", "source", "name_en"]:
        assert (raw_cases[column].str.strip() != "").all(), column
    # edges.csv lists its cases in the deck's order too; cases.csv keeps that order
    with_edges = list(dict.fromkeys(raw_edges["case"]))
    assert set(with_edges) <= set(raw_cases["case"])
    assert [c for c in raw_cases["case"] if c in set(with_edges)] == with_edges
    # 25 cases with partnerships; 大分 and 北海道 name no partner
    assert set(raw_cases["case"]) - set(with_edges) == {OITA, HOKKAIDO}


def test_summaries_are_one_short_line():
    lengths = raw_cases["summary"].str.len()
    assert not raw_cases["summary"].str.contains("\n").any()
    assert lengths.between(30, 70).all(), raw_cases["case"][~lengths.between(30, 70)].tolist()
    # English titles: no kana or kanji (Latin letters such as the é of Marché are fine)
    assert not raw_cases["name_en"].str.contains(r"[\u3000-\u9fff\uff00-\uffef]").any()


def test_each_case_has_the_type_of_its_edges():
    assert set(raw_cases["type"]) <= set(taxonomy.TYPES)
    case_type = raw_cases.set_index("case")["type"]
    for case, types in raw_edges.groupby("case")["type"]:
        assert set(types) == {case_type[case]}, case


def test_deck_cases_per_type_and_sub_cases():
    deck = raw_cases[raw_cases["parent"] == ""]
    assert deck["type"].value_counts().to_dict() == DECK_CASES
    subs = raw_cases[raw_cases["parent"] != ""]
    assert len(subs) == 2  # 新潟 and 神奈川 (同様の取組み) of the 静岡 宅配協業 slide
    keys = list(raw_cases["case"])
    case_type = raw_cases.set_index("case")["type"]
    for row in subs.itertuples():
        assert row.parent in set(deck["case"]), row.case  # a deck case, not a sub-case
        assert row.type == case_type[row.parent]
        # right after the parent (or its earlier sub-cases)
        between = keys[keys.index(row.parent) + 1 : keys.index(row.case)]
        assert set(raw_cases.set_index("case").loc[between, "parent"]) <= {row.parent}


def test_case_years_follow_the_year_rule():
    dated = raw_cases[raw_cases["year"] != ""]
    assert dated["year"].str.fullmatch(r"\d{4}").all()
    assert dated["year"].astype(int).between(1970, 2026).all()
    case_year = raw_cases.set_index("case")["year"]
    edge_years = raw_edges[raw_edges["year"] != ""].groupby("case")["year"]
    for case, years in edge_years:
        years = set(years.astype(int))
        assert case_year[case] != "", case  # the deck dates the case
        year = int(case_year[case])
        assert year in years, case  # the start of the case is one of its dated ties
        # earlier ties are the background CURATION.md names; otherwise the earliest tie
        assert {y for y in years if y < year} == BACKGROUND_YEARS.get(case, set()), case
    notes = CURATION_MD.read_text(encoding="utf-8").split("## Cases: `cases.csv`")[1]
    for case in BACKGROUND_YEARS:
        assert case in notes, case


def test_case_prefectures_are_their_participants():
    for row in raw_cases.itertuples():
        prefs = row.prefecture.split("、") if row.prefecture else []
        assert set(prefs) <= set(PREFECTURES) and len(set(prefs)) == len(prefs), row.case
        # the same prefectures (and inferences) as its organisations in orgs.csv
        orgs = raw_orgs.set_index("id").loc[sorted(_participants(row.case)), "prefecture"]
        assert set(prefs) == set(orgs) - {""}, row.case


def test_every_case_source_is_in_the_seed(seed):
    missing = [s for s in raw_cases["source"] if _squash(s) not in seed]
    assert missing == []


def test_members_are_known_orgs_of_known_cases():
    assert set(raw_members["case"]) <= set(raw_cases["case"])
    assert set(raw_members["org"]) <= set(raw_orgs["id"])
    assert set(raw_members["role"]) <= {"lead", "member", "observer", "supporter"}
    assert not raw_members.duplicated(["case", "org"]).any()
    assert (raw_members["evidence"].str.strip() != "").all()


def test_cases_without_partnerships_have_their_lead():
    leads = raw_members[raw_members["role"] == "lead"]
    lead_of = leads.groupby("case")["org"].apply(set).to_dict()
    assert lead_of[OITA] == {"oita-coop-council"}
    assert lead_of[HOKKAIDO] == {"coop-net-hokkaido"}
    # the deck names none of their members: the lead is all members.csv has for them
    for case in (OITA, HOKKAIDO):
        assert len(raw_members[raw_members["case"] == case]) == 1
