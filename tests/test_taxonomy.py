import re

import matplotlib.colors as mcolors
import pytest

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
