"""Sectors and partnership types: labels, colours, line styles and normalisation.

The six partnership types and their one-line definitions are those of JCA's
seminar deck 「全国に広がる協同組合間連携事例について」 (2026-02-20), in the deck's order.

Colours
-------
Sector colours are Paul Tol's colour-blind-safe *muted* scheme (nine colours)
extended by two Okabe–Ito colours, each drawn as a circle; sectors outside the
taxonomy (accepted with ``strict=False``) take :data:`EXTRA_COLORS` and another
marker shape (see :func:`sector_styles`). Partnership types use the Okabe–Ito
hues at six distinct lightnesses, each with its own dash pattern, so the six stay
apart in greyscale print too; types outside the taxonomy are drawn in :data:`NEUTRAL`.

Examples
--------
>>> from coopnet import taxonomy
>>> taxonomy.normalize_sector("ＪＡ")
'JA'
>>> taxonomy.normalize_type("人材育成型")
'人事育成型'
>>> taxonomy.sector_color("生協")
'#CC6677'
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from . import _aliases
from ._checks import check_lang

__all__ = [
    "CORE_SECTORS",
    "EXTRA_COLORS",
    "MARKERS",
    "NEUTRAL",
    "SECTORS",
    "TYPES",
    "PartnershipType",
    "Sector",
    "normalize_sector",
    "normalize_text",
    "normalize_type",
    "sector_color",
    "sector_label",
    "sector_styles",
    "suggest",
    "type_color",
    "type_definition",
    "type_label",
    "type_linestyle",
]

NEUTRAL = "#BBBBBB"

#: Colours for sectors outside the taxonomy (``strict=False``), in turn: chosen
#: from colour-blind-safe palettes (Okabe–Ito, Paul Tol) as those furthest from
#: the eleven sector colours, also for deutan and protan vision (CIELAB ΔE ≥ 16;
#: Tol's *bright* scheme, tried first, repeats the *muted* hues at ΔE 1–11).
EXTRA_COLORS: tuple[str, ...] = ("#000000", "#A5170E", "#ACD39E", "#6699CC", "#F0E442")
#: Marker shapes (matplotlib names): every taxonomy sector is a circle; sectors
#: outside it are squares, then the next shape each time :data:`EXTRA_COLORS` runs out.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "h")


@dataclass(frozen=True)
class Sector:
    """A kind of organisation."""

    key: str
    ja: str
    en: str
    color: str


@dataclass(frozen=True)
class PartnershipType:
    """One of JCA's six partnership types."""

    key: str
    ja: str
    en: str
    definition: str
    color: str
    linestyle: str | tuple
    #: The definition in English (a translation of :attr:`definition`).
    definition_en: str = ""


_SECTOR_LIST = [
    Sector("JA", "JA（農協）", "JA (agricultural co-op)", "#117733"),
    Sector("生協", "生協", "Consumer co-op", "#CC6677"),
    Sector("JF", "JF（漁協）", "JF (fisheries co-op)", "#332288"),
    Sector("森林組合", "森林組合", "Forest owners' co-op", "#999933"),
    Sector("行政", "行政", "Government", "#88CCEE"),
    Sector("企業", "企業", "Company", "#DDCC77"),
    Sector("社会福祉協議会", "社会福祉協議会", "Social welfare council", "#AA4499"),
    Sector("協同組合連携組織", "協同組合連携組織", "Co-op council / network", "#882255"),
    Sector("その他協同組合", "その他の協同組合", "Other co-op", "#44AA99"),
    Sector("NPO・市民団体", "NPO・市民団体", "NPO / civic group", "#E69F00"),
    Sector("教育・研究", "教育・研究", "Education / research", "#0072B2"),
]

#: All known sectors, keyed by their canonical name, in display order.
SECTORS: dict[str, Sector] = {s.key: s for s in _SECTOR_LIST}

#: The six core sectors every analysis of Japanese co-op partnerships expects.
CORE_SECTORS: tuple[str, ...] = ("JA", "生協", "JF", "森林組合", "行政", "企業")

_TYPE_LIST = [
    PartnershipType(
        "産消提携型",
        "産消提携型",
        "Producer–consumer",
        "生協産直を中心とした生鮮食料品の売買および商品の共同開発などの産消提携",
        "#FAAC00",
        "solid",
        definition_en="Producer–consumer partnerships: trade in fresh food centred on consumer co-ops' direct sourcing (sanchoku), and joint product development",
    ),
    PartnershipType(
        "事業連携型",
        "事業連携型",
        "Business alliance",
        "店舗の共同運営や業務の委託・受託を協同組合間で行う連携",
        "#004266",
        "dashed",
        definition_en="Co-operatives running stores together, or contracting work out to one another",
    ),
    PartnershipType(
        "地域連携型",
        "地域連携型",
        "Community",
        "子ども食堂や地域づくりの取り組みで協同組合が連携して取り組む事例",
        "#007555",
        "dashdot",
        definition_en="Co-operatives working together on children's cafeterias (kodomo shokudō) and community building",
    ),
    PartnershipType(
        "学習会・イベント型",
        "学習会・イベント型",
        "Learning & events",
        "学習会やフォーラムの実施、植林や清掃活動などの体験型学習、祭りやイベントでの広報活動など",
        "#C15B94",
        "dotted",
        definition_en="Study meetings and forums, hands-on learning such as tree planting and clean-ups, publicity at festivals and events",
    ),
    PartnershipType(
        "災害支援型",
        "災害支援型",
        "Disaster relief",
        "災害発生時の寄付や募金活動、農業ボランティアや被災地産品の単品結集による販売支援も含む",
        "#BA5200",
        (0, (6, 2, 1, 2, 1, 2)),
        definition_en="Donations and fund-raising after a disaster, including farm volunteering and sales support for the stricken areas' products",
    ),
    PartnershipType(
        "人事育成型",
        "人事育成型",
        "Staff development",
        "新入職員研修等の研修の合同開催や人事交流など",
        "#4CB0E8",
        (0, (9, 2.5)),
        definition_en="Joint training, such as induction courses for new staff, and staff exchanges",
    ),
]

#: JCA's six partnership types in the seed deck's order.
TYPES: dict[str, PartnershipType] = {t.key: t for t in _TYPE_LIST}

_SECTOR_ALIASES = dict(_aliases.SECTOR_ALIASES)
# English labels are accepted too (case-insensitive, see normalize_sector).
_SECTOR_ALIASES.update({s.en.upper(): s.key for s in _SECTOR_LIST})
_SECTOR_ALIASES.update({s.ja: s.key for s in _SECTOR_LIST})

_TYPE_ALIASES = dict(_aliases.TYPE_ALIASES)
_TYPE_ALIASES.update({t.en.upper(): t.key for t in _TYPE_LIST})


def normalize_text(value: object) -> str:
    """Return ``value`` as NFKC-normalised text with surrounding whitespace removed.

    Full-width ASCII becomes half-width (``ＪＡ`` → ``JA``), full-width spaces become
    spaces, invisible characters (zero-width space and joiners, word joiner, soft
    hyphen, U+FEFF) are dropped, and missing values become the empty string.

    Examples
    --------
    >>> normalize_text("　ＪＡ香川県\u200b ")
    'JA香川県'
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    from ._io.clean import drop_invisible

    return unicodedata.normalize("NFKC", drop_invisible(str(value))).strip()


def _lookup(value: object, known: dict, aliases: dict) -> str | None:
    text = normalize_text(value)
    if text in known:
        return text
    if text in aliases:
        return aliases[text]
    upper = text.upper()
    if upper in aliases:
        return aliases[upper]
    return next((k for k in known if k.upper() == upper), None)


def normalize_sector(value: object) -> str | None:
    """Return the canonical sector for ``value``, or None when it is not known.

    Accepts the canonical names, full-width variants and common aliases
    (農協 → JA, 漁協 → JF, 生活協同組合 → 生協, 社協 → 社会福祉協議会 …).

    Examples
    --------
    >>> normalize_sector("漁協")
    'JF'
    >>> normalize_sector("consumer co-op")
    '生協'
    >>> normalize_sector("農家") is None
    True
    """
    return _lookup(value, SECTORS, _SECTOR_ALIASES)


def normalize_type(value: object) -> str | None:
    """Return the canonical partnership type for ``value``, or None when unknown.

    Examples
    --------
    >>> normalize_type("人材育成型")
    '人事育成型'
    >>> normalize_type("Disaster relief")
    '災害支援型'
    """
    return _lookup(value, TYPES, _TYPE_ALIASES)


def suggest(value: object, choices) -> str | None:
    """Return the closest of ``choices`` to ``value`` (for "did you mean" messages).

    The domain's words come first: a synonym of a sector or a type (漁業 → JF,
    市役所 → 行政, 防災 → 災害支援型; see :mod:`coopnet._aliases`), then the
    string distance.

    Examples
    --------
    >>> suggest("災害支援", TYPES)
    '災害支援型'
    >>> suggest("漁業", SECTORS), suggest("市", SECTORS)
    ('JF', '行政')
    >>> suggest("JA", ["jf", "ja"])            # an id typed in the wrong case
    'ja'
    """
    text = normalize_text(value)
    choices = list(choices)
    folded = [c for c in choices if c.casefold() == text.casefold()]
    if folded:  # typed in the wrong case: JA-Nagano for ja-nagano
        return folded[0]
    likely = _aliases.likely(text, choices)
    if likely is not None:
        return likely
    contains = [c for c in choices if text and (text in c or c in text)]
    if contains:
        return min(contains, key=lambda c: abs(len(c) - len(text)))
    match = difflib.get_close_matches(text, choices, n=1, cutoff=0.4)
    return match[0] if match else None


def sector_color(sector: str) -> str:
    """Colour of a sector (:data:`NEUTRAL` for a category outside the taxonomy).

    Examples
    --------
    >>> sector_color("JA")
    '#117733'
    """
    s = SECTORS.get(sector)
    return s.color if s else NEUTRAL


def sector_styles(sectors) -> dict[str, tuple[str, str]]:
    """Colour and marker of each of ``sectors``: ``{sector: (colour, marker)}``.

    Taxonomy sectors keep their own colour and a circle. Sectors outside the
    taxonomy are squares in :data:`EXTRA_COLORS`, in the order given, then the
    same colours again with the next marker of :data:`MARKERS`, so no two
    sectors look alike and one outside the taxonomy is never taken for one of it.
    :attr:`coopnet.Network.sector_styles` holds the styles of a network's sectors
    (and keeps them in its sub-networks), so every picture, the HTML map and GEXF
    agree.

    Examples
    --------
    >>> sector_styles(["JA", "金融機関", "商工団体"])
    {'JA': ('#117733', 'o'), '金融機関': ('#000000', 's'), '商工団体': ('#A5170E', 's')}
    """
    out: dict[str, tuple[str, str]] = {}
    extra = 0
    for s in sectors:
        if s in out:
            continue
        if s in SECTORS:
            out[s] = (SECTORS[s].color, MARKERS[0])
        else:
            lap, k = divmod(extra, len(EXTRA_COLORS))
            out[s] = (EXTRA_COLORS[k], MARKERS[1 + lap % (len(MARKERS) - 1)])
            extra += 1
    return out


def type_color(ptype: str) -> str:
    """Colour of a partnership type (:data:`NEUTRAL` when unknown).

    Examples
    --------
    >>> type_color("災害支援型")
    '#BA5200'
    """
    t = TYPES.get(ptype)
    return t.color if t else NEUTRAL


def type_linestyle(ptype: str) -> str | tuple:
    """Matplotlib line style of a partnership type ("solid" when unknown).

    Examples
    --------
    >>> type_linestyle("事業連携型")
    'dashed'
    """
    t = TYPES.get(ptype)
    return t.linestyle if t else "solid"


def sector_label(sector: str, lang: str = "ja") -> str:
    """Display label of a sector in ``lang`` ("ja" or "en"); unknown sectors as given.

    Examples
    --------
    >>> sector_label("JF", "en")
    'JF (fisheries co-op)'
    """
    check_lang(lang)
    s = SECTORS.get(sector)
    if s is None:
        return sector
    return s.ja if lang == "ja" else s.en


def type_label(ptype: str, lang: str = "ja") -> str:
    """Display label of a partnership type in ``lang`` ("ja" or "en").

    Examples
    --------
    >>> type_label("産消提携型", "en")
    'Producer–consumer'
    """
    check_lang(lang)
    t = TYPES.get(ptype)
    if t is None:
        return ptype
    return t.ja if lang == "ja" else t.en


def type_definition(ptype: str, lang: str = "ja") -> str:
    """The one-line definition of a partnership type in ``lang`` ("" when unknown).

    Japanese is the deck's own wording; English is a translation.

    Examples
    --------
    >>> type_definition("人事育成型")
    '新入職員研修等の研修の合同開催や人事交流など'
    >>> type_definition("人事育成型", "en")
    'Joint training, such as induction courses for new staff, and staff exchanges'
    """
    check_lang(lang)
    t = TYPES.get(ptype)
    if t is None:
        return ""
    return t.definition if lang == "ja" else t.definition_en
