import re

import matplotlib.colors as mcolors
import pytest

import coopnet as cn
from coopnet import taxonomy


def test_six_types_in_seed_order():
    assert list(taxonomy.TYPES) == [
        "産消提携型",
        "事業連携型",
        "地域連携型",
        "学習会・イベント型",
        "災害支援型",
        "人事育成型",
    ]


def test_core_sectors_are_known_and_first():
    assert list(taxonomy.SECTORS)[:6] == list(taxonomy.CORE_SECTORS)


@pytest.mark.parametrize("table", [taxonomy.SECTORS, taxonomy.TYPES])
def test_colours_are_valid_and_distinct(table):
    colours = [v.color for v in table.values()]
    assert all(mcolors.is_color_like(c) for c in colours)
    assert len(set(colours)) == len(colours)
    assert taxonomy.NEUTRAL not in colours


def test_type_line_styles_are_distinct_and_drawable():
    from matplotlib.lines import Line2D

    styles = [t.linestyle for t in taxonomy.TYPES.values()]
    assert len({repr(s) for s in styles}) == 6
    for s in styles:
        Line2D([0, 1], [0, 1], linestyle=s)  # raises on an invalid style


def test_every_type_has_a_definition_and_english_label():
    for t in taxonomy.TYPES.values():
        assert t.definition and re.search(r"[a-z]", t.en)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＪＡ", "JA"),
        (" 農協 ", "JA"),
        ("漁協", "JF"),
        ("生活協同組合", "生協"),
        ("社協", "社会福祉協議会"),
        ("森組", "森林組合"),
        ("consumer co-op", "生協"),
        ("ja", "JA"),
        ("農家", None),
        ("", None),
    ],
)
def test_normalize_sector(raw, expected):
    assert taxonomy.normalize_sector(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("人材育成型", "人事育成型"),
        ("災害支援型　", "災害支援型"),
        ("学習会･イベント型", "学習会・イベント型"),
        ("Disaster relief", "災害支援型"),
        ("災害支援", None),
    ],
)
def test_normalize_type(raw, expected):
    assert taxonomy.normalize_type(raw) == expected


def test_suggest_closest():
    assert taxonomy.suggest("災害支援", taxonomy.TYPES) == "災害支援型"
    assert taxonomy.suggest("生協連合", taxonomy.SECTORS) == "生協"
    assert taxonomy.suggest("xyz", taxonomy.TYPES) is None


def test_labels_in_both_languages_and_unknown_falls_back():
    assert taxonomy.sector_label("JA", "en").startswith("JA")
    assert taxonomy.type_label("災害支援型", "en") == "Disaster relief"
    assert taxonomy.sector_label("独自分類") == "独自分類"
    assert taxonomy.sector_color("独自分類") == taxonomy.NEUTRAL
    with pytest.raises(ValueError, match=r"lang='fr' is not valid; choose from 'ja', 'en'"):
        taxonomy.type_label("災害支援型", "fr")


# ------------------------------------------- domain synonyms before string distance
SECTOR_SYNONYMS = [
    ("漁業", "JF"),
    ("水産", "JF"),
    ("農業", "JA"),
    ("森林", "森林組合"),
    ("林業", "森林組合"),
    ("市", "行政"),
    ("町", "行政"),
    ("県", "行政"),
    ("役場", "行政"),
    ("長野市役所", "行政"),
    ("小布施町役場", "行政"),
    ("パルシステム", "生協"),
    ("高校", "教育・研究"),
    ("信州大学", "教育・研究"),
    ("ボランティア", "NPO・市民団体"),
    ("ワーカーズコープ", "その他協同組合"),
    ("協同組合連絡協議会", "協同組合連携組織"),
]
TYPE_SYNONYMS = [
    ("産直", "産消提携型"),
    ("防災", "災害支援型"),
    ("震災", "災害支援型"),
    ("研修", "人事育成型"),
    ("勉強会", "学習会・イベント型"),
    ("子ども食堂", "地域連携型"),
    ("店舗の共同運営", "事業連携型"),
]


@pytest.mark.parametrize(("written", "meant"), SECTOR_SYNONYMS)
def test_a_sector_synonym_is_suggested_not_resolved(written, meant):
    assert taxonomy.suggest(written, taxonomy.SECTORS) == meant
    assert taxonomy.normalize_sector(written) is None  # only likely: the user decides


@pytest.mark.parametrize(("written", "meant"), TYPE_SYNONYMS)
def test_a_type_synonym_is_suggested_not_resolved(written, meant):
    assert taxonomy.suggest(written, taxonomy.TYPES) == meant
    assert taxonomy.normalize_type(written) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("NPO法人", "NPO・市民団体"),
        ("特定非営利活動法人", "NPO・市民団体"),
        ("労協", "その他協同組合"),
    ],
)
def test_certain_names_are_aliases(written, meant):
    assert taxonomy.normalize_sector(written) == meant


@pytest.mark.parametrize(
    ("typo", "meant", "table"),
    [
        ("森林組会", "森林組合", taxonomy.SECTORS),
        ("社会福祉協議", "社会福祉協議会", taxonomy.SECTORS),
        ("NPO・市民団休", "NPO・市民団体", taxonomy.SECTORS),
        ("災害支緩型", "災害支援型", taxonomy.TYPES),
        ("地域連係型", "地域連携型", taxonomy.TYPES),
    ],
)
def test_a_true_typo_still_gets_the_string_distance(typo, meant, table):
    assert taxonomy.suggest(typo, table) == meant


def test_synonyms_name_known_categories_and_are_not_aliases():
    from coopnet import _aliases

    for table, known in [
        (_aliases.SECTOR_SYNONYMS, taxonomy.SECTORS),
        (_aliases.SECTOR_SUFFIXES, taxonomy.SECTORS),
        (_aliases.SECTOR_ALIASES, taxonomy.SECTORS),
        (_aliases.TYPE_SYNONYMS, taxonomy.TYPES),
        (_aliases.TYPE_ALIASES, taxonomy.TYPES),
    ]:
        assert set(table.values()) <= set(known)
    for word in [*_aliases.SECTOR_SYNONYMS, *_aliases.TYPE_SYNONYMS]:
        assert taxonomy.normalize_sector(word) is None, word  # certain words are aliases
        assert taxonomy.normalize_type(word) is None, word


def test_loading_suggests_the_synonym(tmp_path):
    from conftest import EDGES, ORGS, write

    orgs = write(
        tmp_path / "o.csv", ORGS.replace("漁協（香川県）,Local JF,JF", "漁協（香川県）,,漁業")
    )
    edges = write(tmp_path / "e.csv", EDGES.replace("学習会・イベント型", "防災"))
    with pytest.raises(cn.DataError) as info:
        cn.read_csv(orgs, edges)
    text = str(info.value)
    assert "unknown sector '漁業' (did you mean 'JF'?)" in text
    assert "unknown type '防災' (did you mean '災害支援型'?)" in text


def test_a_filter_suggests_the_synonym():
    net = cn.load_sample()
    with pytest.raises(ValueError, match="Did you mean '災害支援型'"):
        net.by_type("震災")
