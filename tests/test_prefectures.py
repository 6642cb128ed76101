"""coopnet.prefectures: the 47 against public facts, a tile grid that keeps neighbours
together, and the normalisation of a prefecture column."""

from __future__ import annotations

import math

import pytest

from coopnet import prefectures
from coopnet.prefectures import (
    NAMES,
    PREFECTURES,
    normalize_prefecture,
    split_prefectures,
    suggest_prefecture,
    table,
)


def full(short: str) -> str:
    """Official name from a short one (written here, not taken from the module)."""
    if short == "北海道":
        return short
    if short == "東京":
        return "東京都"
    if short in ("大阪", "京都"):
        return short + "府"
    return short + "県"


# Land borders between prefectures, each listed under both prefectures (public
# geography). 北海道 and 沖縄 have none.
LAND_BORDERS: dict[str, tuple[str, ...]] = {
    "青森": ("岩手", "秋田"),
    "岩手": ("青森", "秋田", "宮城"),
    "宮城": ("岩手", "秋田", "山形", "福島"),
    "秋田": ("青森", "岩手", "宮城", "山形"),
    "山形": ("秋田", "宮城", "福島", "新潟"),
    "福島": ("宮城", "山形", "新潟", "群馬", "栃木", "茨城"),
    "茨城": ("福島", "栃木", "埼玉", "千葉"),
    "栃木": ("福島", "茨城", "群馬", "埼玉"),
    "群馬": ("福島", "栃木", "埼玉", "長野", "新潟"),
    "埼玉": ("茨城", "栃木", "群馬", "千葉", "東京", "山梨", "長野"),
    "千葉": ("茨城", "埼玉", "東京"),
    "東京": ("埼玉", "千葉", "神奈川", "山梨"),
    "神奈川": ("東京", "山梨", "静岡"),
    "新潟": ("山形", "福島", "群馬", "長野", "富山"),
    "富山": ("新潟", "長野", "岐阜", "石川"),
    "石川": ("富山", "岐阜", "福井"),
    "福井": ("石川", "岐阜", "滋賀", "京都"),
    "山梨": ("埼玉", "東京", "神奈川", "静岡", "長野"),
    "長野": ("新潟", "群馬", "埼玉", "山梨", "静岡", "愛知", "岐阜", "富山"),
    "岐阜": ("富山", "石川", "福井", "長野", "愛知", "三重", "滋賀"),
    "静岡": ("神奈川", "山梨", "長野", "愛知"),
    "愛知": ("静岡", "長野", "岐阜", "三重"),
    "三重": ("愛知", "岐阜", "滋賀", "京都", "奈良", "和歌山"),
    "滋賀": ("福井", "岐阜", "三重", "京都"),
    "京都": ("福井", "滋賀", "三重", "奈良", "大阪", "兵庫"),
    "大阪": ("京都", "奈良", "和歌山", "兵庫"),
    "兵庫": ("京都", "大阪", "鳥取", "岡山"),
    "奈良": ("三重", "京都", "大阪", "和歌山"),
    "和歌山": ("大阪", "奈良", "三重"),
    "鳥取": ("兵庫", "岡山", "島根", "広島"),
    "島根": ("鳥取", "広島", "山口"),
    "岡山": ("兵庫", "鳥取", "広島"),
    "広島": ("岡山", "鳥取", "島根", "山口"),
    "山口": ("島根", "広島"),
    "徳島": ("香川", "愛媛", "高知"),
    "香川": ("徳島", "愛媛"),
    "愛媛": ("香川", "徳島", "高知"),
    "高知": ("徳島", "愛媛"),
    "福岡": ("佐賀", "熊本", "大分"),
    "佐賀": ("福岡", "長崎"),
    "長崎": ("佐賀",),
    "熊本": ("福岡", "大分", "宮崎", "鹿児島"),
    "大分": ("福岡", "熊本", "宮崎"),
    "宮崎": ("大分", "熊本", "鹿児島"),
    "鹿児島": ("熊本", "宮崎"),
}
BORDER_PAIRS = {frozenset((a, b)) for a, bs in LAND_BORDERS.items() for b in bs}

# Across a strait, joined by a tunnel or bridge: Seikan Tunnel, Kanmon, Seto-Ohashi,
# Shimanami Kaido. (兵庫–徳島 via Awaji Island is left out: it cannot sit next to both
# its Sea of Japan and its Shikoku neighbours.)
STRAITS = [("北海道", "青森"), ("山口", "福岡"), ("岡山", "香川"), ("広島", "愛媛")]

TILE = {p.name: (p.col, p.row) for p in PREFECTURES}


def apart(a: str, b: str) -> int:
    """Chebyshev distance between two tiles (1 = neighbours, diagonals included)."""
    (ca, ra), (cb, rb) = TILE[full(a)], TILE[full(b)]
    return max(abs(ca - cb), abs(ra - rb))


# --- the table --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, code",
    [
        ("北海道", 1),
        ("青森県", 2),
        ("茨城県", 8),
        ("東京都", 13),
        ("新潟県", 15),
        ("長野県", 20),
        ("三重県", 24),
        ("京都府", 26),
        ("大阪府", 27),
        ("香川県", 37),
        ("福岡県", 40),
        ("沖縄県", 47),
    ],
)
def test_jis_codes(name, code):
    assert PREFECTURES[code - 1].name == name
    assert PREFECTURES[code - 1].code == code
    assert table().loc[name, "code"] == code


def test_the_47_in_jis_order():
    assert len(PREFECTURES) == 47
    assert [p.code for p in PREFECTURES] == list(range(1, 48))
    assert NAMES == tuple(p.name for p in PREFECTURES)
    assert len(set(NAMES)) == 47
    assert all(full(s) in NAMES for s in LAND_BORDERS)


def test_names_and_short_names():
    by_name = {p.name: p for p in PREFECTURES}
    assert [by_name[n].short for n in ("北海道", "東京都", "大阪府", "京都府", "神奈川県")] == [
        "北海道",
        "東京",
        "大阪",
        "京都",
        "神奈川",
    ]
    assert all(full(p.short) == p.name for p in PREFECTURES)
    assert {p.name[-1] for p in PREFECTURES} == {"道", "都", "府", "県"}
    assert sum(p.name.endswith("県") for p in PREFECTURES) == 43


def test_romaji_is_plain_ascii_hepburn():
    by_name = {p.name: p.romaji for p in PREFECTURES}
    assert by_name["東京都"] == "Tokyo"
    assert by_name["兵庫県"] == "Hyogo"
    assert by_name["大分県"] == "Oita"
    assert by_name["高知県"] == "Kochi"
    assert by_name["群馬県"] == "Gunma"
    assert all(r.isascii() and r.isalpha() and r[0].isupper() for r in by_name.values())
    assert len(set(by_name.values())) == 47


def test_eight_regions_in_the_school_atlas_convention():
    counts = table()["region"].value_counts().to_dict()
    assert counts == {
        "北海道": 1,
        "東北": 6,
        "関東": 7,
        "中部": 9,
        "近畿": 7,
        "中国": 5,
        "四国": 4,
        "九州・沖縄": 8,
    }
    t = table()
    assert t.loc["三重県", "region"] == "近畿"
    assert t.loc["新潟県", "region"] == "中部"
    assert t.loc["山梨県", "region"] == "中部"
    assert t.loc["沖縄県", "region"] == "九州・沖縄"
    assert t.loc["長野県", "region_en"] == "Chubu"
    assert t.loc["大阪府", "region_en"] == "Kinki"
    # One English name per region.
    assert t.groupby("region")["region_en"].nunique().eq(1).all()


def test_landlocked_are_the_eight_without_a_coast():
    landlocked = {p.short for p in PREFECTURES if p.landlocked}
    assert landlocked == {"栃木", "群馬", "埼玉", "山梨", "長野", "岐阜", "滋賀", "奈良"}


def test_population_is_the_2020_census():
    pop = table()["population"]
    # 2020 census: 126.1 million in all; Tokyo largest (14.05 m), Tottori smallest (0.55 m).
    assert math.isclose(pop.sum(), 126.15, abs_tol=0.2)
    assert pop.idxmax() == "東京都" and pop.idxmin() == "鳥取県"
    assert math.isclose(pop["東京都"], 14.05, abs_tol=0.01)
    assert math.isclose(pop["鳥取県"], 0.55, abs_tol=0.01)


def test_table_frame():
    t = table()
    assert list(t.index) == list(NAMES)
    assert t.index.name == "name"
    assert list(t.columns) == [
        "code",
        "short",
        "romaji",
        "region",
        "region_en",
        "population",
        "landlocked",
        "col",
        "row",
    ]
    t.loc["長野県", "romaji"] = "changed"
    assert table().loc["長野県", "romaji"] == "Nagano"  # a fresh frame every call


def test_prefecture_is_frozen():
    with pytest.raises(AttributeError):
        PREFECTURES[0].name = "蝦夷"


# --- the tile grid ----------------------------------------------------------------


def test_border_list_is_symmetric_and_complete():
    # A check of the test's own data: every border is listed under both prefectures.
    for a, bs in LAND_BORDERS.items():
        for b in bs:
            assert a in LAND_BORDERS[b], (a, b)
    assert len(LAND_BORDERS) == 45  # all but 北海道 and 沖縄
    assert len(LAND_BORDERS["長野"]) == 8  # the most
    assert len(BORDER_PAIRS) == 86


def test_one_tile_per_prefecture_on_a_compact_grid():
    cells = list(TILE.values())
    assert len(set(cells)) == 47
    cols = [c for c, _ in cells]
    rows = [r for _, r in cells]
    assert min(cols) == 0 and min(rows) == 0
    assert all(isinstance(v, int) for v in cols + rows)
    assert max(cols) + 1 <= 13 and max(rows) + 1 <= 13


def test_land_neighbours_are_tile_neighbours():
    far = sorted(tuple(sorted(p)) for p in BORDER_PAIRS if apart(*p) > 1)
    share = 1 - len(far) / len(BORDER_PAIRS)
    assert share >= 0.85, far
    # Where a pair cannot be neighbours, it is still only two tiles apart.
    assert all(apart(*p) <= 2 for p in BORDER_PAIRS)


@pytest.mark.parametrize("a, b", STRAITS)
def test_strait_neighbours_are_tile_neighbours(a, b):
    assert apart(a, b) == 1


def test_grid_is_oriented_like_the_map():
    cols = [c for c, _ in TILE.values()]
    rows = [r for _, r in TILE.values()]
    # 北海道 top right, 沖縄 bottom left.
    assert TILE["北海道"] == (max(cols), min(rows))
    assert TILE["沖縄県"] == (min(cols), max(rows))
    # Rows increase southwards.
    for north, south in [
        ("青森", "宮城"),
        ("宮城", "福島"),
        ("福島", "栃木"),
        ("栃木", "東京"),
        ("新潟", "長野"),
        ("長野", "静岡"),
        ("京都", "奈良"),
        ("奈良", "和歌山"),
        ("鳥取", "岡山"),
        ("香川", "高知"),
        ("福岡", "熊本"),
        ("熊本", "鹿児島"),
    ]:
        assert TILE[full(north)][1] < TILE[full(south)][1], (north, south)
    # Columns increase eastwards.
    for west, east in [
        ("長崎", "佐賀"),
        ("佐賀", "福岡"),
        ("山口", "広島"),
        ("広島", "岡山"),
        ("岡山", "兵庫"),
        ("大阪", "奈良"),
        ("愛知", "静岡"),
        ("東京", "千葉"),
        ("愛媛", "香川"),
        ("高知", "徳島"),
        ("秋田", "岩手"),
        ("山形", "宮城"),
    ]:
        assert TILE[full(west)][0] < TILE[full(east)][0], (west, east)


def test_regions_lie_in_order_and_each_is_one_piece():
    by_region: dict[str, list[tuple[int, int]]] = {}
    for p in PREFECTURES:
        by_region.setdefault(p.region, []).append((p.col, p.row))

    def cols(region):
        return [c for c, _ in by_region[region]]

    def rows(region):
        return [r for _, r in by_region[region]]

    assert max(cols("九州・沖縄")) < min(cols("近畿"))
    assert max(cols("中国")) < min(cols("中部"))
    assert max(cols("近畿")) < max(cols("中部")) < max(cols("関東"))
    assert max(rows("東北")) < min(rows("中国"))
    assert max(rows("中国")) < max(rows("四国"))
    for region, cells in by_region.items():
        seen, todo = {cells[0]}, [cells[0]]
        while todo:
            c, r = todo.pop()
            for other in cells:
                if other not in seen and max(abs(other[0] - c), abs(other[1] - r)) <= 1:
                    seen.add(other)
                    todo.append(other)
        assert seen == set(cells), region


# --- normalisation ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("長野県", "長野県"),
        ("長野", "長野県"),
        ("東京", "東京都"),
        ("大阪", "大阪府"),
        ("京都", "京都府"),
        ("北海道", "北海道"),
        ("神奈川", "神奈川県"),
        ("鹿児島", "鹿児島県"),
        ("長野　", "長野県"),
        ("　東京都 ", "東京都"),
        ("長野 県", "長野県"),
        ("ＮＡＧＡＮＯ", "長野県"),
        ("Nagano", "長野県"),
        ("NAGANO", "長野県"),
        ("nagano", "長野県"),
        ("nagano-ken", "長野県"),
        ("Nagano-Ken", "長野県"),
        ("Nagano Prefecture", "長野県"),
        ("Nagano Pref.", "長野県"),
        ("Ｎａｇａｎｏ　Ｐｒｅｆｅｃｔｕｒｅ", "長野県"),
        ("Tokyo", "東京都"),
        ("Tokyo-to", "東京都"),
        ("Tokyo Metropolis", "東京都"),
        ("Tōkyō", "東京都"),
        ("Toukyou", "東京都"),
        ("Osaka-fu", "大阪府"),
        ("Ōsaka", "大阪府"),
        ("Kyoto Prefecture", "京都府"),
        ("Hyōgo", "兵庫県"),
        ("Hyogo", "兵庫県"),
        ("Hyougo", "兵庫県"),
        ("Ōita", "大分県"),
        ("Oita", "大分県"),
        ("Ooita", "大分県"),
        ("Kōchi", "高知県"),
        ("Kochi", "高知県"),
        ("Kouchi", "高知県"),
        ("Hokkaidō", "北海道"),
        ("Hokkaido", "北海道"),
        ("Hokkaidou", "北海道"),
        ("Mie", "三重県"),
        ("Hukusima", "福島県"),  # Kunrei-shiki
        ("Tiba", "千葉県"),
        ("Gumma", "群馬県"),  # old Hepburn
    ],
)
def test_normalize_accepts(value, expected):
    assert normalize_prefecture(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        None,
        float("nan"),
        "20",  # a JIS code: more likely a slip than 長野県
        "13",
        20,
        "全国",
        "関東",
        "Kanto",
        "長野市",
        "横浜",
        "Nagano2",
        "Nagano-to",  # the wrong suffix
        "Tokyo-ken",
        "長埜県",  # typos are suggest_prefecture's business
        "Nagono",
        "Japan",
    ],
)
def test_normalize_rejects(value):
    assert normalize_prefecture(value) is None


def test_every_name_short_name_and_romaji_normalises():
    for p in PREFECTURES:
        assert normalize_prefecture(p.name) == p.name
        assert normalize_prefecture(p.short) == p.name
        assert normalize_prefecture(p.romaji) == p.name
        assert normalize_prefecture(p.romaji.upper()) == p.name


@pytest.mark.parametrize(
    "value, expected",
    [
        ("長埜県", "長野県"),  # variant kanji
        ("髙知県", "高知県"),
        ("沖繩縣", "沖縄県"),  # older forms
        ("大坂", "大阪府"),
        ("崎玉県", "埼玉県"),  # 埼/崎 mixed up
        ("神奈河", "神奈川県"),
        ("郡馬", "群馬県"),
        ("長野市", "長野県"),
        ("神奈川", "神奈川県"),  # what normalize accepts
        ("ＮＡＧＡＮＯ", "長野県"),
        ("Nagono", "長野県"),
        ("nagono-ken", "長野県"),
        ("Ibaragi", "茨城県"),
        ("Kioto", "京都府"),
        ("Fukushma", "福島県"),
        ("Hiroshma", "広島県"),
        ("Nagano2", "長野県"),
        # 福島 and 福岡 are both right as written, never each other's suggestion.
        ("福島", "福島県"),
        ("福岡", "福岡県"),
        ("Fukuoka", "福岡県"),
    ],
)
def test_suggest(value, expected):
    assert suggest_prefecture(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "福県",  # 福島, 福岡 or 福井: no guess
        "福",
        "Fuku",
        "岡",
        "横浜市",
        "Japan",
        "Kanto",
        "",
        None,
        "20",
    ],
)
def test_suggest_nothing_when_nothing_is_clearly_meant(value):
    assert suggest_prefecture(value) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("長野県", ["長野県"]),
        ("長野県、新潟県", ["長野県", "新潟県"]),
        ("長野県,新潟県", ["長野県", "新潟県"]),
        ("長野県，新潟県", ["長野県", "新潟県"]),
        ("長野県;新潟県", ["長野県", "新潟県"]),
        ("長野県；新潟県", ["長野県", "新潟県"]),
        ("長野県・新潟県", ["長野県", "新潟県"]),
        ("長野県/新潟県", ["長野県", "新潟県"]),
        ("長野県／新潟県", ["長野県", "新潟県"]),
        ("長野県 新潟県", ["長野県", "新潟県"]),
        ("長野県　新潟県", ["長野県", "新潟県"]),
        (" 長野県 、、 新潟県 , ", ["長野県", "新潟県"]),
        ("ＮＡＧＡＮＯ／長野　", ["ＮＡＧＡＮＯ", "長野"]),  # parts as written
        ("長埜県・東京", ["長埜県", "東京"]),
        ("Nagano Prefecture, Tokyo-to", ["Nagano Prefecture", "Tokyo-to"]),
        ("nagano ken niigata ken", ["nagano ken", "niigata ken"]),
        ("長野 県・新潟", ["長野 県", "新潟"]),
        ("", []),
        ("  ", []),
        (None, []),
        (float("nan"), []),
    ],
)
def test_split(value, expected):
    assert split_prefectures(value) == expected


def test_split_then_normalise_a_cell():
    parts = split_prefectures("長野・ＴＯＫＹＯ、大阪府 / Hyōgo")
    assert [normalize_prefecture(p) for p in parts] == ["長野県", "東京都", "大阪府", "兵庫県"]


def test_no_name_is_split():
    for p in PREFECTURES:
        for form in (p.name, p.short, p.romaji):
            assert split_prefectures(form) == [form]


def test_public_names():
    assert set(prefectures.__all__) >= {
        "Prefecture",
        "PREFECTURES",
        "NAMES",
        "table",
        "normalize_prefecture",
        "suggest_prefecture",
        "split_prefectures",
    }
