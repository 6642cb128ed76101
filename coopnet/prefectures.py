"""Japan's 47 prefectures (都道府県): codes, names, regions and a tile-grid map position.

One :class:`Prefecture` per prefecture, in the order of their JIS X 0401 codes
(北海道 = 1 … 沖縄県 = 47).

Regions
-------
The usual eight regions (八地方区分) of school atlases: 北海道; 東北 (青森 to
福島); 関東 (茨城 to 神奈川); 中部 (新潟, 富山, 石川, 福井, 山梨, 長野, 岐阜,
静岡, 愛知); 近畿 (三重, 滋賀, 京都, 大阪, 兵庫, 奈良, 和歌山); 中国 (鳥取 to
山口); 四国; 九州・沖縄 (福岡 to 沖縄). 三重県 is in 近畿 and 新潟県 and 山梨県 in
中部, as in that convention (government statistics sometimes put 三重 in 東海 or
中部 instead).

Tile grid
---------
``col`` and ``row`` place each prefecture on a grid of square tiles, 13 columns
by 11 rows, in the manner of the tile-grid choropleths of Japanese newspapers:
columns increase eastwards and rows southwards; 北海道 is the top-right tile,
東北 runs down from it, 関東 and 中部 are in the middle, 九州 is at the bottom
left and 沖縄 is the bottom-left corner. Drawn with short names::

    .      .      .      .      .      .      .      .      .      .      .      .      北海道
    .      .      .      .      .      .      .      .      .      .      .      青森   .
    .      .      .      .      .      .      .      .      .      .      秋田   岩手   .
    .      .      .      .      .      .      .      .      .      .      山形   宮城   .
    .      .      .      .      .      .      福井   石川   富山   新潟   群馬   福島   .
    .      .      .      島根   鳥取   兵庫   京都   滋賀   岐阜   長野   埼玉   栃木   茨城
    .      .      山口   広島   岡山   大阪   奈良   三重   愛知   静岡   山梨   東京   千葉
    長崎   佐賀   福岡   .      愛媛   香川   和歌山 .      .      .      神奈川 .      .
    .      熊本   大分   .      高知   徳島   .      .      .      .      .      .      .
    .      鹿児島 宮崎   .      .      .      .      .      .      .      .      .      .
    沖縄   .      .      .      .      .      .      .      .      .      .      .      .

Of the 86 pairs of prefectures that share a land border, 82 are neighbouring
tiles (including diagonals); the other four (埼玉–千葉, 埼玉–茨城, 新潟–福島,
岐阜–福井) are two tiles apart. The prefectures joined by a tunnel or bridge
across a strait are neighbours too: 北海道–青森 (Seikan Tunnel), 山口–福岡
(Kanmon), 岡山–香川 (Seto-Ōhashi) and 広島–愛媛 (Shimanami Kaidō); 兵庫–徳島
(via Awaji Island) is three tiles apart.

Examples
--------
>>> from coopnet import prefectures
>>> p = prefectures.PREFECTURES[19]
>>> p.code, p.name, p.short, p.romaji, p.region
(20, '長野県', '長野', 'Nagano', '中部')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

__all__ = [
    "NAMES",
    "PREFECTURES",
    "REGIONS",
    "Prefecture",
    "table",
]


@dataclass(frozen=True)
class Prefecture:
    """One prefecture.

    Attributes
    ----------
    code : int
        JIS X 0401 code, 1 (北海道) to 47 (沖縄県).
    name : str
        Official name with its suffix: 北海道, 青森県, 東京都, 大阪府, 京都府 ….
    short : str
        The name without 都, 府 or 県 (青森, 東京, 大阪, 京都); 北海道 stays 北海道.
    romaji : str
        Hepburn romanisation in plain ASCII, without macrons (Tokyo, Hyogo, Oita).
    region : str
        One of the eight regions in :data:`REGIONS` (see the module notes).
    region_en : str
        The region in English (Hokkaido, Tohoku, … Kyushu-Okinawa).
    population : float
        2020 census population in millions, rounded to two decimals.
    landlocked : bool
        Whether the prefecture has no coastline.
    col, row : int
        Tile-grid position: columns increase eastwards, rows southwards.

    Examples
    --------
    >>> from coopnet.prefectures import PREFECTURES
    >>> tokyo = PREFECTURES[12]
    >>> tokyo.name, tokyo.short, tokyo.region_en, (tokyo.col, tokyo.row)
    ('東京都', '東京', 'Kanto', (11, 6))
    """

    code: int
    name: str
    short: str
    romaji: str
    region: str
    region_en: str
    population: float
    landlocked: bool
    col: int
    row: int


#: The eight regions, north to south, with their English names.
REGIONS: dict[str, str] = {
    "北海道": "Hokkaido",
    "東北": "Tohoku",
    "関東": "Kanto",
    "中部": "Chubu",
    "近畿": "Kinki",
    "中国": "Chugoku",
    "四国": "Shikoku",
    "九州・沖縄": "Kyushu-Okinawa",
}

# name, romaji, region, population (millions, 2020 census), landlocked, col, row
_DATA: tuple[tuple[str, str, str, float, bool, int, int], ...] = (
    ("北海道", "Hokkaido", "北海道", 5.22, False, 12, 0),
    ("青森県", "Aomori", "東北", 1.24, False, 11, 1),
    ("岩手県", "Iwate", "東北", 1.21, False, 11, 2),
    ("宮城県", "Miyagi", "東北", 2.30, False, 11, 3),
    ("秋田県", "Akita", "東北", 0.96, False, 10, 2),
    ("山形県", "Yamagata", "東北", 1.07, False, 10, 3),
    ("福島県", "Fukushima", "東北", 1.83, False, 11, 4),
    ("茨城県", "Ibaraki", "関東", 2.87, False, 12, 5),
    ("栃木県", "Tochigi", "関東", 1.93, True, 11, 5),
    ("群馬県", "Gunma", "関東", 1.94, True, 10, 4),
    ("埼玉県", "Saitama", "関東", 7.34, True, 10, 5),
    ("千葉県", "Chiba", "関東", 6.28, False, 12, 6),
    ("東京都", "Tokyo", "関東", 14.05, False, 11, 6),
    ("神奈川県", "Kanagawa", "関東", 9.24, False, 10, 7),
    ("新潟県", "Niigata", "中部", 2.20, False, 9, 4),
    ("富山県", "Toyama", "中部", 1.03, False, 8, 4),
    ("石川県", "Ishikawa", "中部", 1.13, False, 7, 4),
    ("福井県", "Fukui", "中部", 0.77, False, 6, 4),
    ("山梨県", "Yamanashi", "中部", 0.81, True, 10, 6),
    ("長野県", "Nagano", "中部", 2.05, True, 9, 5),
    ("岐阜県", "Gifu", "中部", 1.98, True, 8, 5),
    ("静岡県", "Shizuoka", "中部", 3.63, False, 9, 6),
    ("愛知県", "Aichi", "中部", 7.54, False, 8, 6),
    ("三重県", "Mie", "近畿", 1.77, False, 7, 6),
    ("滋賀県", "Shiga", "近畿", 1.41, True, 7, 5),
    ("京都府", "Kyoto", "近畿", 2.58, False, 6, 5),
    ("大阪府", "Osaka", "近畿", 8.84, False, 5, 6),
    ("兵庫県", "Hyogo", "近畿", 5.47, False, 5, 5),
    ("奈良県", "Nara", "近畿", 1.32, True, 6, 6),
    ("和歌山県", "Wakayama", "近畿", 0.92, False, 6, 7),
    ("鳥取県", "Tottori", "中国", 0.55, False, 4, 5),
    ("島根県", "Shimane", "中国", 0.67, False, 3, 5),
    ("岡山県", "Okayama", "中国", 1.89, False, 4, 6),
    ("広島県", "Hiroshima", "中国", 2.80, False, 3, 6),
    ("山口県", "Yamaguchi", "中国", 1.34, False, 2, 6),
    ("徳島県", "Tokushima", "四国", 0.72, False, 5, 8),
    ("香川県", "Kagawa", "四国", 0.95, False, 5, 7),
    ("愛媛県", "Ehime", "四国", 1.33, False, 4, 7),
    ("高知県", "Kochi", "四国", 0.69, False, 4, 8),
    ("福岡県", "Fukuoka", "九州・沖縄", 5.14, False, 2, 7),
    ("佐賀県", "Saga", "九州・沖縄", 0.81, False, 1, 7),
    ("長崎県", "Nagasaki", "九州・沖縄", 1.31, False, 0, 7),
    ("熊本県", "Kumamoto", "九州・沖縄", 1.74, False, 1, 8),
    ("大分県", "Oita", "九州・沖縄", 1.12, False, 2, 8),
    ("宮崎県", "Miyazaki", "九州・沖縄", 1.07, False, 2, 9),
    ("鹿児島県", "Kagoshima", "九州・沖縄", 1.59, False, 1, 9),
    ("沖縄県", "Okinawa", "九州・沖縄", 1.47, False, 0, 10),
)

#: The 47 prefectures in JIS X 0401 order.
PREFECTURES: tuple[Prefecture, ...] = tuple(
    Prefecture(
        code=code,
        name=name,
        short=name if name == "北海道" else name[:-1],
        romaji=romaji,
        region=region,
        region_en=REGIONS[region],
        population=population,
        landlocked=landlocked,
        col=col,
        row=row,
    )
    for code, (name, romaji, region, population, landlocked, col, row) in enumerate(_DATA, 1)
)

#: The 47 official names (北海道, 青森県 … 沖縄県) in JIS X 0401 order.
NAMES: tuple[str, ...] = tuple(p.name for p in PREFECTURES)


def table() -> pd.DataFrame:
    """All 47 prefectures as a DataFrame, one row each, indexed by name, in JIS order.

    The columns are the other fields of :class:`Prefecture`: ``code``, ``short``,
    ``romaji``, ``region``, ``region_en``, ``population``, ``landlocked``, ``col``
    and ``row``.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call (changing it changes nothing here).

    Examples
    --------
    >>> from coopnet.prefectures import table
    >>> t = table()
    >>> t.shape
    (47, 9)
    >>> t.loc["京都府", "romaji"], t.loc["京都府", "region"]
    ('Kyoto', '近畿')
    >>> t.query("region == '四国'").index.tolist()
    ['徳島県', '香川県', '愛媛県', '高知県']
    """
    columns = [f.name for f in fields(Prefecture)]
    frame = pd.DataFrame([asdict(p) for p in PREFECTURES], columns=columns)
    return frame.set_index("name")
