"""The deck's sentences in Japanese and English: slide ledes and speaker notes.

Single words (組織, 連携類型, セクター …) come from :mod:`coopnet._glossary`; the
sentences that use them live here. Notes say where every number comes from: the
function, the null model, the number of random draws and the seed.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "subtitle": "協同組合間連携ネットワーク：{parts}",
        "title_notes": (
            "この資料は coopnet {version} の cn.slides() で、{data} から作りました。"
            "どのスライドの数字も同じデータから計算しています（乱数の seed は {seed}）。\n"
            "表と文字はすべて PowerPoint で編集できます。図は PNG（3840×2160）です。"
        ),
        "data_named": "データ「{name}」",
        "data_unnamed": "利用者のデータ",
        "sub_label": "うち{sub} {n}",
        "cross_line": "{cross}：{n} 件（{share}）　　{isolated}：{k}",
        "numbers_notes": (
            "出典：net.summary() と net.edges。\n"
            "「組織」＝組織の表（orgs.csv）の行数。\n"
            "「連携」＝連携の表（edges.csv）の行数。1 つの事例の中の 2 組織の組が 1 件です"
            "（同じ 2 組織でも事例が違えば別の連携）。連携している組織の組は {pairs} 組。\n"
            "「事例」＝net.cases の行数（{case_source}）。うち関連事例（親事例のある事例）{sub}。\n"
            "「連携類型」「セクター」＝データに現れる種類の数。\n"
            "「つながりのまとまり」＝連携をたどって行き来できる組織のまとまり（連結成分）の数。"
            "連携のない組織もそれぞれ 1 つと数えます。\n"
            "「セクターをまたぐ連携」＝両端の組織のセクターが異なる連携の件数と、全連携に占める割合。"
        ),
        "source_table": "事例の表（cases.csv）の事例",
        "source_edges": (
            "事例の表がないため、連携の表（edges.csv）の case 列から作った事例。"
            "連携類型はその事例の連携で最も多い類型、開始年は最も早い年、"
            "都道府県は参加組織の都道府県"
        ),
        "prefectures_title": "都道府県別の事例",
        "prefectures_notes": (
            "cn.plot_prefectures(net)：都道府県ごとの事例の数を日本のタイル地図で示します"
            "（出典：cn.prefecture_summary(net)）。複数の都道府県にまたがる事例はそれぞれの"
            "都道府県で数えます。全国・広域の事例は地図の外の枠に数えています。"
        ),
        "timeline_title": "年ごとの広がり",
        "timeline_notes": (
            "cn.plot_timeline(net)：線はその年までに始まった事例・連携・組織の累計、棒はその年に"
            "始まった事例の数です（出典：cn.timeline(net)）。開始年の分からない {undated} 件の"
            "事例は図に含めていません。"
        ),
        "map_notes": (
            "cn.plot_map(net, seed={seed})：組織を点、連携を線で描いた図です。"
            "点の色＝セクター、点の大きさ＝連携先の数、線の種類と色＝連携類型。\n"
            "配置はばね配置（force-directed、seed {seed}）で、連携でつながった組織ほど近くに"
            "描かれます。位置や距離そのものに意味はありません。"
            "名前は重ならない範囲で表示しています。"
        ),
        "types_notes": (
            "出典：cn.type_summary(net)。\n"
            "「事例」＝その類型の事例の数。関連事例（親事例のある事例）は「+」の後に別に"
            "数えています。\n"
            "「連携」＝その類型の連携の件数。「組織」＝その類型の事例に参加する組織の数。\n"
            "定義は JCA の資料「全国に広がる協同組合間連携事例について」（2026年2月20日）の"
            "一行の定義です（coopnet.taxonomy）。"
        ),
        "pairs_lede": (
            "両方のセクターが参加する事例の数を、偶然から期待される数と比べました。"
            "偶然より多く組む組み合わせ（{k} 事例以上、p 値 {alpha} 以下）を、"
            "観測/期待の大きい順に示します。"
        ),
        "pairs_empty": (
            "偶然より明らかに多く組むセクターの組み合わせは見つかりませんでした"
            "（{k} 事例以上・p 値 {alpha} 以下の組み合わせがありません。"
            "事例が少ないと差が出にくくなります）。"
        ),
        "pairs_notes": (
            "cn.pairs_above_chance(net, min_count={k}, alpha={alpha})："
            'cn.sector_pairs(net, by="co-participation") のうち {k} 事例以上で観測/期待が 1 を'
            "超え、p 値が {alpha} 以下の組み合わせを、観測/期待の大きい順に並べたもの。"
            "全 {n} 組のうち上位 {top} 組を表示しています。\n"
            "「事例数」＝両方のセクターの組織が参加する事例の数（直接の連携がなくても、同じ事例に"
            "参加していれば数えます）。同じセクターどうし（例：JA – JA）は、そのセクターの組織が"
            " 2 つ以上参加する事例の数です。\n"
            "「期待値」＝帰無モデル（各事例の参加組織の数と各セクターの組織の数を保ったまま、"
            "どの組織がどのセクターかを無作為に入れ替える）での事例数の期待値。"
            "超幾何分布による厳密な値です。\n"
            "「p 値」＝同じモデルで {draws} 回無作為に入れ替え（seed {seed}）、"
            "観測以上になった割合（片側、(1 + 回数) / (1 + {draws})）。"
        ),
        "counts_notes": (
            "cn.plot_pairs(net, n_perm={draws}, seed={seed})：前のスライドと同じ数え方です。"
            "数字＝両方のセクターが参加する事例の数（対角線：そのセクターの組織が 2 つ以上参加する"
            "事例）。色＝観測/期待（cn.sector_pairs の ratio）：赤は偶然より多く、青は少ない。"
            "＊＝p ≤ 0.05。灰色＝1 事例だけの組み合わせ（比はあてにならないため色をつけません）。"
        ),
        "bridges_lede": (
            "異なるセクターの組織どうしを結ぶ経路の途中にいる組織です（セクター間媒介の大きい順）。"
        ),
        "bridges_empty": "他のセクターと連携している組織はありません。",
        "bridges_notes": (
            "出典：cn.bridges(net)。{estimate}\n"
            "「セクター間媒介」＝異なるセクターの組織の組すべてについて、その 2 組織を結ぶ最短経路の"
            "うちこの組織を通るものの割合を平均した値（0〜1、重みなし、経路のない組は 0）。\n"
            "「連携先の他のセクター」＝連携相手の組織のセクターのうち自分と違うもの、"
            "「他のセクターの数」はその数。\n"
            "並びはセクター間媒介、他のセクターの数、仲介（Gould & Fernandez）の大きい順。"
            "他のセクターと連携のある {n} 組織のうち上位 {k}。"
        ),
        "estimate": "組織が多いため、セクター間媒介は無作為に選んだ {k} 組織からの推定値です。",
        "type_title": "{label}",
        "type_cases": "事例（{n}）",
        "type_case_line": "{facts}",
        "type_more": "ほか {n} 事例（事例一覧）",
        "type_notes": (
            'cn.plot_map(net.by_type("{type}"), seed={seed})：この類型の連携と、この類型の事例に'
            "参加する組織だけの図です（配置はこの図だけで計算）。\n"
            "事例 {cases}（ほかに関連事例 {sub}）・連携 {m}・組織 {orgs}（cn.type_summary）。\n"
            '右の一覧は net.by_type("{type}").cases：この類型の連携のある事例（表の順）。'
            "参加組織の数はこの類型の連携と参加組織の表から数えています。"
        ),
        "n_orgs": "{n} 組織",
        "more_orgs": "ほか {n} 組織",
        "cases_page": "{title}（{i}/{n}）",
        "cases_notes": (
            "出典：net.cases（{source}）。\n"
            "「参加組織」＝その事例の連携の両端の組織と、参加組織の表（members.csv）に載った組織"
            "（組織の表の順）。{more}\n"
            "「開始年」が「–」の事例は、データに年がないものです。"
        ),
        "cases_cap": "参加組織が {cap} を超える事例は、{cap} 組織まで名前を示し、残りは数で示しています。",
        "cases_limit": "事例が多いため、最初の {shown} 事例を示しています（全 {n} 事例）。",
        "na": "–",
    },
    "en": {
        "subtitle": "Cooperative partnership network: {parts}",
        "title_notes": (
            "Made by coopnet {version} (cn.slides()) from {data}. Every number on every "
            "slide is computed from the same data (random seed {seed}).\n"
            "All text and tables can be edited in PowerPoint; the pictures are PNG "
            "(3840×2160)."
        ),
        "data_named": "the data “{name}”",
        "data_unnamed": "the user's data",
        "sub_label": "of which {n} {sub}",
        "cross_line": "{cross}: {n} ({share})      {isolated}: {k}",
        "numbers_notes": (
            "From net.summary() and net.edges.\n"
            "Organisations: rows of the organisation table (orgs.csv).\n"
            "Partnerships: rows of the partnership table (edges.csv); one partnership is a "
            "pair of organisations in one case (the same two organisations in another case "
            "are another partnership). {pairs} pairs of organisations have a partnership.\n"
            "Cases: rows of net.cases ({case_source}); {sub} of them are sub-cases (they "
            "have a parent case).\n"
            "Partnership types, sectors: how many occur in the data.\n"
            "Connected components: groups of organisations linked by partnerships; an "
            "organisation without a partnership is a component of its own.\n"
            "Cross-sector partnerships: partnerships whose two organisations are in "
            "different sectors, and their share of all partnerships."
        ),
        "source_table": "the cases of the case table, cases.csv",
        "source_edges": (
            "without a case table, the cases named in the case column of edges.csv; a "
            "case's type is the most frequent type of its partnerships, its year the "
            "earliest, its prefectures those of its participants"
        ),
        "prefectures_title": "Cases by prefecture",
        "prefectures_notes": (
            "cn.plot_prefectures(net): the number of cases in each prefecture on a tile map of "
            "Japan (from cn.prefecture_summary(net)). A case in several prefectures counts in "
            "each; national and wide-area cases are counted in the box beside the map."
        ),
        "timeline_title": "Growth over the years",
        "timeline_notes": (
            "cn.plot_timeline(net): lines are the running totals of cases, partnerships and "
            "organisations started by each year; bars are the cases started in the year (from "
            "cn.timeline(net)). The {undated} cases without a start year are not drawn."
        ),
        "map_notes": (
            "cn.plot_map(net, seed={seed}): organisations as dots, partnerships as lines. "
            "Dot colour: sector; dot size: number of partners; line style and colour: "
            "partnership type.\n"
            "The layout is force-directed (seed {seed}): organisations linked by "
            "partnerships are drawn close together; positions and distances mean nothing "
            "by themselves. Names are shown where they fit without overlapping."
        ),
        "types_notes": (
            "From cn.type_summary(net).\n"
            "Cases: cases of the type; sub-cases (cases with a parent case) are counted "
            "apart, after the “+”.\n"
            "Partnerships: partnerships of the type. Organisations: organisations taking "
            "part in its cases.\n"
            "The definitions translate the one-line definitions of JCA's deck 「全国に広がる"
            "協同組合間連携事例について」 (20 February 2026), kept in coopnet.taxonomy."
        ),
        "pairs_lede": (
            "The cases in which both sectors take part, against what chance would give: "
            "pairs that work together more often than chance (in {k} cases or more, "
            "p ≤ {alpha}), by observed/expected."
        ),
        "pairs_empty": (
            "No sector pair works together clearly more often than chance (none is seen in "
            "{k} cases or more with p ≤ {alpha}; with few cases, differences rarely show)."
        ),
        "pairs_notes": (
            "cn.pairs_above_chance(net, min_count={k}, alpha={alpha}): the rows of "
            'cn.sector_pairs(net, by="co-participation") seen in {k} cases or more with '
            "observed/expected above 1 and p ≤ {alpha}, ranked by observed/expected. The "
            "top {top} of {n} pairs are shown.\n"
            "Cases: cases in which organisations of both sectors take part (tied directly "
            "or not). For a sector with itself (e.g. JA – JA): cases with two or more of "
            "its organisations.\n"
            "Expected: the null model keeps each case's number of participants and each "
            "sector's number of organisations, and shuffles which organisation has which "
            "sector; the expectation is exact (hypergeometric).\n"
            "p-value: from {draws} random shuffles of the same model (seed {seed}), the "
            "share that reach the observed count, one-sided: (1 + hits) / (1 + {draws})."
        ),
        "counts_notes": (
            "cn.plot_pairs(net, n_perm={draws}, seed={seed}): counted as on the previous "
            "slide. Numbers: cases in which both sectors take part (diagonal: cases with "
            "two or more organisations of the sector). Colour: observed / expected (the "
            "ratio of cn.sector_pairs): red more often than chance, blue less. "
            "*: p <= 0.05. Grey: pairs seen in one case only (too few for a ratio)."
        ),
        "bridges_lede": (
            "Organisations on the paths between organisations of different sectors, by "
            "inter-sector betweenness."
        ),
        "bridges_empty": "No organisation has a partner in another sector.",
        "bridges_notes": (
            "From cn.bridges(net).{estimate}\n"
            "Inter-sector betweenness: over all pairs of organisations in different "
            "sectors, the average share of their shortest paths that pass through the "
            "organisation (0 to 1, unweighted; pairs without a path count as 0).\n"
            "Other sectors among its partners: its partners' sectors other than its own; "
            "other sectors: how many.\n"
            "Ranked by inter-sector betweenness, then other sectors, then Gould & "
            "Fernandez brokerage; the top {k} of the {n} organisations with a partner in "
            "another sector."
        ),
        "estimate": " With this many organisations, inter-sector betweenness is estimated "
        "from {k} randomly chosen organisations.",
        "type_title": "{label} ({ja})",
        "type_cases": "Cases ({n})",
        "type_case_line": "{facts}",
        "type_more": "and {n} more (see the case list)",
        "type_notes": (
            'cn.plot_map(net.by_type("{type}"), seed={seed}): only the partnerships of '
            "this type and the organisations taking part in its cases (laid out on their "
            "own).\n"
            "{cases} cases (and {sub} sub-cases), {m} partnerships, {orgs} organisations "
            "(cn.type_summary).\n"
            'The list: net.by_type("{type}").cases, the cases with a partnership of this '
            "type, in the table's order; their organisations are counted in this type's "
            "partnerships and the participant table."
        ),
        "n_orgs": "{n} organisations",
        "more_orgs": "and {n} more",
        "cases_page": "{title} ({i}/{n})",
        "cases_notes": (
            "From net.cases ({source}).\n"
            "Organisations: those at either end of the case's partnerships and those the "
            "participant table (members.csv) lists, in the order of the organisation "
            "table. {more}\n"
            "A start year of “–”: the data gives none."
        ),
        "cases_cap": "A case with more than {cap} organisations shows {cap} names and the "
        "number of the others.",
        "cases_limit": "There are many cases: the first {shown} of {n} are listed.",
        "na": "–",
    },
}


def say(lang: str, key: str, **values) -> str:
    """The sentence ``key`` in ``lang``, filled with ``values``."""
    return TEXT[lang][key].format(**values)
