"""The words coopnet shows people, in Japanese and English, kept in one place.

Pictures, the HTML page, summary.md, the slides and the command line take their
words from here, so one idea has one name everywhere: 連携類型 (never 連携タイプ or
タイプ), セクター (never 部門), 事例, 連携, 組織; against chance, 期待値 for the
expected count and 観測/期待 for the ratio (never 偶然の期待値 or 倍率). The six
types' and the sectors' own labels live in :mod:`coopnet.taxonomy`;
``tests/test_vocabulary.py`` finds a variant anywhere a user reads.

>>> term("type", "ja"), term("type", "en")
('連携類型', 'partnership type')
"""

from __future__ import annotations

from ._checks import check_lang

#: key -> (Japanese, English)
TERMS: dict[str, tuple[str, str]] = {
    # things
    "organisation": ("組織", "organisation"),
    "organisations": ("組織", "organisations"),
    "partnership": ("連携", "partnership"),
    "partnerships": ("連携", "partnerships"),
    "case": ("事例", "case"),
    "cases": ("事例", "cases"),
    "type": ("連携類型", "partnership type"),
    "types": ("連携類型", "partnership types"),
    "sector": ("セクター", "sector"),
    "sectors": ("セクター", "sectors"),
    "prefecture": ("都道府県", "prefecture"),
    "prefectures": ("都道府県", "prefectures"),
    "year": ("開始年", "start year"),
    "member": ("参加組織", "member"),
    "members": ("参加組織", "members"),
    "role": ("役割", "role"),
    "summary": ("概要", "summary"),
    "source": ("出典", "source"),
    # counts and measures
    "partners": ("連携先", "partners"),
    "n_partners": ("連携先の数", "number of partners"),
    "n_partnerships": ("連携の件数", "number of partnerships"),
    "n_cases": ("事例の数", "number of cases"),
    "pair": ("組み合わせ", "pair"),
    "sector_pair": ("セクターの組み合わせ", "sector pair"),
    "expected": ("期待値", "expected"),
    "ratio": ("観測/期待", "observed/expected"),
    "p_value": ("p 値", "p-value"),
    "bridge": ("橋渡し役", "bridge"),
    "national": ("全国・広域", "national / wide-area"),
    "unknown": ("（不明）", "(unknown)"),
    "none": ("該当なし", "none"),
    "rank": ("順位", "rank"),
    "definition": ("定義", "definition"),
    "sub_cases": ("関連事例", "sub-cases"),
    "components": ("つながりのまとまり（連結成分）", "connected components"),
    "isolated": ("連携のない組織", "organisations without a partnership"),
    "cross_sector": ("セクターをまたぐ連携", "cross-sector partnerships"),
    "sectors_reached": ("連携先の他のセクター", "other sectors among its partners"),
    "n_sectors_reached": ("他のセクターの数", "other sectors"),
    "cross_ties": ("他セクターの相手", "partners in other sectors"),
    "inter_betweenness": ("セクター間媒介", "inter-sector betweenness"),
    # roles in members.csv
    "lead": ("中心", "lead"),
    "observer": ("オブザーバー", "observer"),
    "supporter": ("支援", "supporter"),
    "member_role": ("メンバー", "member"),
    # the workbook (coopnet.write_template): sheets, column headers, guide
    "org_id": ("組織ID", "organisation ID"),
    "org_name": ("名称", "name"),
    "name_en": ("英語名", "English name"),
    "note": ("備考", "note"),
    "evidence": ("根拠", "evidence"),
    "parent": ("親事例", "parent case"),
    "case_title": ("事例名", "case title"),
    "org_a": ("組織A", "organisation A"),
    "org_b": ("組織B", "organisation B"),
    "participation": ("参加", "members"),
    "guide": ("説明", "guide"),
    "sheet": ("シート", "sheet"),
    "example": ("記入例", "example"),
    "header": ("見出し", "header"),
    "column_key": ("列キー", "column key"),
    "required": ("必須", "required"),
    "optional": ("任意", "optional"),
    "description": ("説明", "description"),
    "betweenness": ("媒介中心性", "betweenness"),
    "closeness": ("近接中心性", "closeness"),
    "eigenvector": ("固有ベクトル中心性", "eigenvector centrality"),
    "pagerank": ("PageRank", "PageRank"),
    # pictures (``{…}`` are filled in by the picture)
    "node_size": ("円の大きさ：{what}", "Node size: {what}"),
    "pairs_title": ("一緒に取り組むセクターの組み合わせ", "Which sectors work together"),
    "pairs_title_case": ("連携でつながるセクターの組み合わせ", "Sectors tied by partnerships"),
    "pairs_title_partnership": ("セクター間の連携の件数", "Partnerships between sectors"),
    "pairs_numbers_co-participation": (
        "数字：両方のセクターが参加する事例の数（対角線：同じセクターの組織が 2 つ以上参加する事例）",
        "Numbers: cases in which both sectors take part"
        " (diagonal: cases with two or more organisations of the sector)",
    ),
    "pairs_numbers_case": (
        "数字：2 つのセクターの間に連携がある事例の数（対角線：同じセクター内の連携がある事例）",
        "Numbers: cases with a partnership between the two sectors (diagonal: within one sector)",
    ),
    "pairs_numbers_partnership": (
        "数字：連携の件数（対角線：同じセクター内の連携）",
        "Numbers: partnerships (diagonal: within one sector)",
    ),
    "pairs_colour_co-participation": (
        "色：偶然と比べた多さ（観測/期待。各事例の参加組織はそのままに、組織のセクターをランダムに入れ替えた場合の期待値との比）",
        "Colour: observed / expected, against each case's participants"
        " with their sectors shuffled at random",
    ),
    "pairs_colour_case": (
        "色：偶然と比べた多さ（観測/期待。連携の相手をランダムに組み替えた場合の期待値との比）",
        "Colour: observed / expected, against partnerships re-paired at random",
    ),
    "pairs_colour_partnership": ("色：連携の件数", "Colour: number of partnerships"),
    "pairs_faint": (
        "灰色：1 事例だけの組み合わせ（比はあてにならないため色をつけません）",
        "Grey: pairs seen in one case only (too few for a ratio)",
    ),
    "pairs_mark": (
        "＊：偶然では説明しにくい多さ（p ≤ 0.05）",
        "*: more than chance would give (p ≤ 0.05)",
    ),
    "more_than_chance": ("偶然より多い", "more than chance"),
    "fewer_than_chance": ("偶然より少ない", "fewer than chance"),
    # titles
    "map_title": ("協同組合間連携マップ", "Cooperative partnership map"),
    "report_title": ("協同組合間連携ネットワーク・レポート", "Partnership network report"),
    # the interactive map's page (coopnet/_html): buttons, hints, messages
    "page_all": ("すべて", "all"),
    "page_none": ("なし", "none"),
    "page_colours": ("色", "colours"),
    "page_stats": ("組織 {o}・連携 {p} を表示", "{o} organisations · {p} partnerships shown"),
    "page_search": ("組織名で検索（Enter）", "find an organisation (Enter)"),
    "page_more": ("ほか {n} 件", "and {n} more"),
    "page_size": ("円の大きさ：{what}", "circle size: {what}"),
    "page_save": ("画像を保存", "save image"),
    "page_focus": ("クリックした組織の周辺だけを表示", "show only around a clicked organisation"),
    "page_focus_0": ("しない", "off"),
    "page_focus_1": ("1 段階", "1 step"),
    "page_focus_2": ("2 段階", "2 steps"),
    "page_back": ("全体に戻る", "show all"),
    "page_hint": (
        "組織をクリックすると連携先を強調します。線や組織にマウスを重ねると詳細を表示します。"
        "Esc で元に戻ります。",
        "click an organisation to highlight its partners; hover over it or a line for "
        "details; Esc goes back.",
    ),
    "page_case_hint": (
        "事例をクリックすると参加組織と連携を強調します（もう一度クリックするか Esc で解除）。",
        "click a case to highlight its members and partnerships (click again or press Esc "
        "to clear).",
    ),
    "page_error": ("地図を表示できませんでした", "the map could not be drawn"),
    "page_until": ("{y} 年まで", "up to {y}"),
    "page_until_all": ("すべての年", "all years"),
    "page_undated": (
        "開始年のない連携・組織も表示",
        "include undated partnerships and organisations",
    ),
    "page_dated_only": ("開始年のあるもののみ", "dated only"),
    "page_layout": ("配置", "layout"),
    "page_layout_network": ("つながり", "by partnerships"),
    "page_layout_geo": ("日本地図", "map of Japan"),
    "page_groups_note": (
        "円：都道府県ごとのセクター（クリックで個々の組織を表示）",
        "circle: one sector in one prefecture (click to show its organisations)",
    ),
    "page_links_min": (
        "線：連携 {n} 件以上のグループの組み合わせ",
        "lines: pairs of groups with {n} or more partnerships",
    ),
    "page_regroup": ("まとめて表示に戻る", "back to the summary"),
    "page_group_open": ("クリックで個々の組織を表示", "click to show its organisations"),
    "page_inside": ("グループ内の連携", "partnerships inside"),
    "page_outside": ("他のグループとの連携", "partnerships with other groups"),
    # slide titles of the deck (cn.slides)
    "deck_numbers": ("数字で見るネットワーク", "The network in numbers"),
    "deck_types": ("6 つの連携類型", "The six partnership types"),
    "deck_pairs": ("よく組むセクターの組み合わせ", "Which sectors work together"),
    "deck_pairs_chart": (
        "すべてのセクターの組み合わせと偶然との比",
        "Every pair of sectors against chance",
    ),
    "deck_bridges": ("セクターをつなぐ組織", "Organisations that bridge sectors"),
    "deck_cases": ("事例一覧", "The cases"),
}


def term(key: str, lang: str) -> str:
    """The word for ``key`` in ``lang`` ("ja" or "en").

    Examples
    --------
    >>> term("sector", "ja")
    'セクター'
    """
    check_lang(lang)
    ja, en = TERMS[key]
    return ja if lang == "ja" else en


def terms(lang: str, *keys: str) -> dict[str, str]:
    """Several words at once: ``{key: word}`` (all of :data:`TERMS` without keys).

    Examples
    --------
    >>> terms("en", "case", "cases")
    {'case': 'case', 'cases': 'cases'}
    """
    check_lang(lang)
    return {k: term(k, lang) for k in (keys or TERMS)}


def counted(n: int, key: str, lang: str) -> str:
    """``n`` things of ``key`` ("case", "partnership" …) as a reader writes it.

    Examples
    --------
    >>> counted(2, "case", "ja"), counted(1, "case", "en"), counted(2480, "partnership", "en")
    ('2 事例', '1 case', '2,480 partnerships')
    """
    word = term(key if n == 1 else f"{key}s", lang)
    return f"{n:,} {word}"
