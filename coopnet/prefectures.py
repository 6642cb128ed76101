"""Japan's 47 prefectures (都道府県): codes, names, regions and a tile-grid map position.

One :class:`Prefecture` per prefecture, in the order of their JIS X 0401 codes
(北海道 = 1 … 沖縄県 = 47), with the functions that check and tidy the prefecture
column of a user's file: :func:`normalize_prefecture` (長野 → 長野県, Nagano →
長野県), :func:`suggest_prefecture` ("did you mean" for a typo) and
:func:`split_prefectures` (a cell naming several prefectures).

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
>>> prefectures.normalize_prefecture("ＮＡＧＡＮＯ")
'長野県'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import asdict, dataclass, fields

import pandas as pd

__all__ = [
    "NAMES",
    "PREFECTURES",
    "REGIONS",
    "Prefecture",
    "normalize_prefecture",
    "split_prefectures",
    "suggest_prefecture",
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


# --- normalisation -------------------------------------------------------------------

_BY_NAME: dict[str, str] = {p.name: p.name for p in PREFECTURES} | {
    p.short: p.name for p in PREFECTURES
}
_SUFFIX_ROMAJI = {"都": "to", "道": "do", "府": "fu", "県": "ken"}
# English words that may follow a romanised name ("Nagano Prefecture", "Tokyo Metropolis").
_ENGLISH_WORDS = frozenset({"prefecture", "pref", "metropolis"})


def _text(value: object) -> str:
    """NFKC text with surrounding whitespace removed; missing values become ""."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def _romaji_key(text: str) -> str:
    """A spelling-insensitive key for a romanised name.

    Lower case, letters only, without macrons or circumflexes; long vowels
    written once (Tōkyō, Toukyou, Tohkyoh → tokyo); Kunrei-shiki in Hepburn
    (Hukusima → fukushima, Tiba → chiba, Kôti → kochi); old Hepburn ``m``
    before b, m or p in modern form (Gumma → gunma).
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if "a" <= c <= "z")
    text = re.sub(r"oh(?![aeiouy])", "o", text)
    text = re.sub(r"o[ou]|uu|aa", lambda m: m.group()[0], text)
    text = re.sub(r"m(?=[bmp])", "n", text)
    text = re.sub(r"(?<![sc])hu", "fu", text)
    for kunrei, hepburn in (("si", "shi"), ("ti", "chi"), ("tu", "tsu"), ("zi", "ji")):
        text = text.replace(kunrei, hepburn)
    return text


_BY_ROMAJI: dict[str, str] = {_romaji_key(p.romaji): p.name for p in PREFECTURES}
_ROMAJI_SUFFIX: dict[str, str] = {
    _romaji_key(p.romaji): _SUFFIX_ROMAJI[p.name[-1]] for p in PREFECTURES if p.name != "北海道"
}


def _from_romaji(text: str) -> str | None:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if not re.fullmatch(r"[A-Za-z][A-Za-z\s\-_.']*", plain):
        return None  # digits or other signs: Nagano2 is not a prefecture
    words = [w for w in re.split(r"[\s\-_.']+", text.lower()) if w]
    words = [w for w in words if w not in _ENGLISH_WORDS]
    key = _romaji_key("".join(words))
    if key in _BY_ROMAJI:
        return _BY_ROMAJI[key]
    for stem, suffix in _ROMAJI_SUFFIX.items():  # nagano-ken, tokyo-to, osaka-fu
        if key == stem + suffix:
            return _BY_ROMAJI[stem]
    return None


def normalize_prefecture(value: object) -> str | None:
    """Return the official name of the prefecture ``value`` names, or None.

    Accepted, after NFKC normalisation (full-width letters and spaces become
    half-width) and with surrounding spaces removed:

    - official names (長野県, 東京都, 北海道) and short names (長野 → 長野県,
      東京 → 東京都, 大阪 → 大阪府, 京都 → 京都府);
    - romanised names in any case, with or without macrons or long vowels
      written twice (Hyōgo, Hyougo, Hyogo; Ōita, Ooita; Kōchi, Kouchi), in
      Kunrei-shiki (Hukusima, Tiba) and followed by their suffix or an English
      word (nagano-ken, Tokyo-to, Osaka-fu, Nagano Prefecture, Tokyo Metropolis).

    Not accepted: empty values (None is returned; callers decide whether a
    blank prefecture is allowed, as it is for national bodies), JIS codes such
    as ``"20"`` (a bare number in a prefecture column is more likely a slip than
    Nagano), names of cities, regions or 全国, and variant kanji (髙知県): for
    those, :func:`suggest_prefecture` offers the intended name.

    Parameters
    ----------
    value : object
        A cell from a prefecture column (usually ``str``; missing values allowed).

    Returns
    -------
    str or None
        One of :data:`NAMES`, or None when ``value`` is not a prefecture.

    Examples
    --------
    >>> normalize_prefecture("長野")
    '長野県'
    >>> normalize_prefecture("　東京 ")
    '東京都'
    >>> normalize_prefecture("Hyōgo Prefecture")
    '兵庫県'
    >>> normalize_prefecture("20") is None
    True
    """
    text = _text(value)
    if not text:
        return None
    if text in _BY_NAME:
        return _BY_NAME[text]
    if text.isascii():
        return _from_romaji(text)
    compact = "".join(text.split())  # 長野 県
    if compact in _BY_NAME:
        return _BY_NAME[compact]
    if all(c.isascii() or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text)):
        return _from_romaji(text)  # Tōkyō, Hyôgo
    return None


# Older or variant forms of characters in prefecture names (旧字体・異体字), and 坂 of
# 大坂, Osaka's pre-Meiji spelling. No prefecture name contains a key of this table.
_KANJI_VARIANTS = str.maketrans(
    {
        "縣": "県",
        "埜": "野",
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "碕": "崎",
        "德": "徳",
        "嶋": "島",
        "嶌": "島",
        "廣": "広",
        "兒": "児",
        "靜": "静",
        "靑": "青",
        "冨": "富",
        "繩": "縄",
        "崗": "岡",
        "羣": "群",
        "坂": "阪",
    }
)
_SUFFIX_WORDS = frozenset({"ken", "to", "fu", "do"})
_TIE = 1e-9


def _best(scores: dict[str, float], cutoff: float) -> str | None:
    """The best-scoring name, or None when below ``cutoff`` or tied with another."""
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (name, score), runner_up = ranked[0], ranked[1][1]
    if score < cutoff or score - runner_up < _TIE:
        return None
    return name


def _suggest_kanji(text: str) -> str | None:
    compact = "".join(text.split()).translate(_KANJI_VARIANTS)
    if compact in _BY_NAME:
        return _BY_NAME[compact]
    if len(compact) > 1 and compact[-1] in _SUFFIX_ROMAJI:
        compact = compact[:-1]  # compare 長埜 with 長野, not 長埜県 with 長野県
    scores = {}
    for p in PREFECTURES:
        ratio = difflib.SequenceMatcher(None, compact, p.short).ratio()
        # Characters in the same place break ties: 崎玉 is 埼玉 rather than 長崎.
        aligned = sum(a == b for a, b in zip(compact, p.short, strict=False))
        aligned += sum(a == b for a, b in zip(compact[::-1], p.short[::-1], strict=False))
        scores[p.name] = ratio + 0.01 * aligned
    return _best(scores, cutoff=0.5)


def _suggest_romaji(text: str) -> str | None:
    words = [w for w in re.split(r"[\s\-_.,]+", text.lower()) if w not in _ENGLISH_WORDS]
    if len(words) > 1 and words[-1] in _SUFFIX_WORDS:
        words = words[:-1]  # nagono-ken
    key = _romaji_key("".join(words))
    if not key or sum(k.startswith(key) for k in _BY_ROMAJI) > 1:
        return None  # nothing, or the start of several names: fuku (Fukui, Fukuoka, Fukushima)
    scores = {name: difflib.SequenceMatcher(None, key, k).ratio() for k, name in _BY_ROMAJI.items()}
    return _best(scores, cutoff=0.75)


def suggest_prefecture(value: object) -> str | None:
    """Return the prefecture ``value`` most likely means, for a "did you mean" message.

    A value :func:`normalize_prefecture` accepts gives its official name. Otherwise
    the value is compared with the 47 names: written in kanji, after older or
    variant characters are replaced (長埜県 → 長野県, 髙知 → 高知県, 大坂 → 大阪府),
    with the short names (崎玉 → 埼玉県, 神奈河 → 神奈川県); romanised, with the
    romanised names (Nagono → 長野県, Ibaragi → 茨城県). When the value is as close
    to two prefectures as to each other (福県: 福島, 福岡 or 福井? Fuku: Fukui,
    Fukuoka or Fukushima?) or close to none, no guess is made.

    Parameters
    ----------
    value : object
        A cell from a prefecture column.

    Returns
    -------
    str or None
        One of :data:`NAMES`, or None when no prefecture is clearly meant.

    Examples
    --------
    >>> suggest_prefecture("長埜県")
    '長野県'
    >>> suggest_prefecture("Nagono")
    '長野県'
    >>> suggest_prefecture("福県") is None
    True
    >>> suggest_prefecture("横浜市") is None
    True
    """
    found = normalize_prefecture(value)
    if found is not None:
        return found
    text = _text(value)
    if not text:
        return None
    if all(c.isascii() or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text)):
        return _suggest_romaji(text)
    return _suggest_kanji(text)


_SEPARATED = re.compile(r"[^、､,，;；・･/／\s]+")
_TRAILING_WORDS = _ENGLISH_WORDS | _SUFFIX_WORDS | {"pref."} | set(_SUFFIX_ROMAJI)


def split_prefectures(value: object) -> list[str]:
    """Split a cell that names several prefectures into its parts, as written.

    The separators are 、 (and half-width ､), commas (, ，), semicolons (; ；),
    ・ (and half-width ･), slashes (/ ／) and whitespace, full-width spaces
    included; no prefecture name contains any of them. A word that only
    completes the name before it stays with that name (``Nagano Prefecture``,
    ``nagano ken``, ``長野 県``). Parts are stripped and empty parts dropped;
    they are not normalised, so a loader can report a bad part as the user
    wrote it.

    Parameters
    ----------
    value : object
        A cell from a prefecture column; missing values give an empty list.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_prefectures("長野県、新潟県・富山")
    ['長野県', '新潟県', '富山']
    >>> split_prefectures("Nagano Prefecture / Ｔｏｋｙｏ")
    ['Nagano Prefecture', 'Ｔｏｋｙｏ']
    >>> split_prefectures("")
    []
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    text = str(value)
    spans: list[list[int]] = []
    for match in _SEPARATED.finditer(text):
        word = unicodedata.normalize("NFKC", match.group()).lower()
        gap = text[spans[-1][1] : match.start()] if spans else ""
        if spans and word in _TRAILING_WORDS and not gap.strip():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    return [text[start:end] for start, end in spans]
