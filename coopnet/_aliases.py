"""What people write for a sector or a partnership type: aliases and synonyms.

An **alias** is certain: 農協 is JA, 漁協 is JF. It is resolved silently when the
data are loaded (:func:`coopnet.taxonomy.normalize_sector`).

A **synonym** is only likely: 漁業 (fishing) probably means JF, 市役所 行政, 研修
人事育成型 — but a fishing company is 企業. A synonym is never resolved silently;
it is the first "did you mean" a problem offers (:func:`likely`), before the string
distance of :func:`coopnet.taxonomy.suggest`, which knows no Japanese (it offers
企業 for 漁業 and NPO・市民団体 for 市).

Keys are as :func:`coopnet.taxonomy.normalize_text` leaves them (NFKC, so ＪＡ is
JA) and are compared without regard to case.
"""

from __future__ import annotations

from collections.abc import Iterable

SECTOR_ALIASES: dict[str, str] = {
    "農協": "JA",
    "農業協同組合": "JA",
    "JAグループ": "JA",
    "全農": "JA",
    "漁協": "JF",
    "漁業協同組合": "JF",
    "漁連": "JF",
    "生活協同組合": "生協",
    "消費生活協同組合": "生協",
    "コープ": "生協",
    "COOP": "生協",
    "CO-OP": "生協",
    "森組": "森林組合",
    "森連": "森林組合",
    "自治体": "行政",
    "市町村": "行政",
    "国": "行政",
    "会社": "企業",
    "株式会社": "企業",
    "社協": "社会福祉協議会",
    "NPO": "NPO・市民団体",
    "NPO法人": "NPO・市民団体",
    "特定非営利活動法人": "NPO・市民団体",
    "市民団体": "NPO・市民団体",
    "協同組合": "その他協同組合",
    "その他の協同組合": "その他協同組合",
    "労協": "その他協同組合",
    "労働者協同組合": "その他協同組合",
    "大学": "教育・研究",
}

TYPE_ALIASES: dict[str, str] = {
    "人材育成型": "人事育成型",
    "人材育成": "人事育成型",
    "人事育成": "人事育成型",
    "学習会イベント型": "学習会・イベント型",
    "学習会・イベント": "学習会・イベント型",
}


def _table(groups: dict[str, str]) -> dict[str, str]:
    """``{"word・word…": target}`` as ``{word: target}``."""
    return {word: target for words, target in groups.items() for word in words.split("・")}


#: Words that probably mean a sector (a suggestion, never resolved silently).
SECTOR_SYNONYMS: dict[str, str] = _table(
    {
        "漁業・水産・水産業・漁業者・漁師・漁村・漁港・漁業協同組合連合会": "JF",
        "農業・農家・農業者・農業団体・営農・農業協同組合連合会・経済連": "JA",
        "森林・林業・林業者・山林・森林組合連合会": "森林組合",
        "市・町・村・区・県・都・府・道・役所・役場・市役所・町役場・村役場・区役所・県庁・"
        "都庁・府庁・道庁・官公庁・省庁・政府・地方公共団体・公共団体・市区町村・都道府県": "行政",
        "生協連・コープ連合・生活クラブ・パルシステム": "生協",
        "有限会社・合同会社・民間企業・事業者・商店・商社・メーカー・小売・スーパー・"
        "金融機関・銀行・商工会・商工会議所・商工団体・経済団体": "企業",
        "社会福祉・福祉協議会": "社会福祉協議会",
        "協同組合連絡協議会・協同組合協議会・協同組合連絡会・協同組合ネット・連携組織・"
        "連絡協議会・JCA・日本協同組合連携機構": "協同組合連携組織",
        "ワーカーズコープ・ワーカーズ・コレクティブ・信用組合・信組・労働金庫・労金・共済・"
        "事業協同組合・企業組合": "その他協同組合",
        "ボランティア・ボランティア団体・市民・住民・自治会・町内会・任意団体・市民活動・"
        "子ども食堂・こども食堂": "NPO・市民団体",
        "大学校・短大・短期大学・高校・高等学校・中学校・小学校・学校・専門学校・研究所・"
        "研究機関・教育機関・学会": "教育・研究",
    }
)

#: Endings of a name that probably mean a sector: 長野市役所, 〇〇町役場, 香川県.
SECTOR_SUFFIXES: dict[str, str] = _table(
    {
        "市役所・町役場・村役場・区役所・役所・役場・県庁・都庁・府庁・道庁・市・町・村・"
        "県・府": "行政",
        "大学・高校・学校・研究所": "教育・研究",
        "漁協・漁業協同組合": "JF",
        "農協・農業協同組合": "JA",
        "森林組合・森組": "森林組合",
        "生協・生活協同組合": "生協",
    }
)

#: Words that probably mean a partnership type.
TYPE_SYNONYMS: dict[str, str] = _table(
    {
        "産直・産消提携・産地直送・産直提携・提携・共同購入・商品開発・共同開発・生鮮": "産消提携型",
        "事業連携・業務提携・業務委託・委託・受託・共同店舗・店舗・共同運営・宅配・協業・"
        "物流・直売所": "事業連携型",
        "地域連携・地域・地域づくり・まちづくり・子ども食堂・こども食堂・見守り・"
        "高齢者支援・居場所": "地域連携型",
        "学習会・勉強会・イベント・フォーラム・シンポジウム・祭り・植林・清掃・体験・"
        "交流会・ラウンドテーブル・セミナー・講演会・広報": "学習会・イベント型",
        "災害・災害支援・防災・震災・被災・被災地・復興・募金・義援金・支援・"
        "ボランティア": "災害支援型",
        "人事・人材・人事交流・研修・新人研修・職員研修・合同研修・育成・就活・採用・"
        "出向": "人事育成型",
    }
)

_EXACT = [{k.casefold(): v for k, v in t.items()} for t in (SECTOR_SYNONYMS, TYPE_SYNONYMS)]
_ENDINGS = sorted(
    ((k.casefold(), v) for k, v in SECTOR_SUFFIXES.items()), key=lambda kv: -len(kv[0])
)
#: Every alias and synonym of two characters or more, the longest first.
_WORDS = sorted(
    (
        (word.casefold(), target)
        for table in (SECTOR_ALIASES, SECTOR_SYNONYMS, TYPE_ALIASES, TYPE_SYNONYMS)
        for word, target in table.items()
        if len(word) >= 2
    ),
    key=lambda wt: -len(wt[0]),
)


def likely(text: str, choices: Iterable[str]) -> str | None:
    """The one of ``choices`` that ``text`` most likely means, by the domain's words.

    In turn: ``text`` is a synonym (漁業 → JF); it ends with a telling ending
    (長野市役所 → 行政, 信州大学 → 教育・研究); it holds a known word, the
    longest first (JA・生協の合同研修会 → 人事育成型, for the types). Only an
    answer among ``choices`` is given, so the sectors' words answer for sectors and
    the types' for types. None when no word fits.

    Examples
    --------
    >>> likely("漁業", ["JA", "JF", "企業"])
    'JF'
    >>> likely("長野市役所", ["行政", "企業"])
    '行政'
    >>> likely("防災", ["災害支援型", "地域連携型"])
    '災害支援型'
    >>> likely("漁業", ["災害支援型"]) is None
    True
    """
    choices = set(choices)
    key = text.casefold()
    for table in _EXACT:
        if table.get(key) in choices:
            return table[key]
    for ending, target in _ENDINGS:
        if len(key) > len(ending) and key.endswith(ending) and target in choices:
            return target
    return next((t for word, t in _WORDS if t in choices and word in key), None)
