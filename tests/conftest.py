"""Shared fixtures: small hand-made networks written as users' CSV files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn

ORGS = """id,name,name_en,sector,prefecture,note
ja,JA香川県,JA Kagawa,JA,香川県,
coop,コープかがわ,Co-op Kagawa,生協,香川県,
jf,漁協（香川県）,Local JF,JF,香川県,
city,高松市,Takamatsu City,行政,香川県,
"""

EDGES = """source,target,type,case,year,evidence
ja,coop,事業連携型,包括連携協定,2019,協定
ja,coop,事業連携型,包括連携協定,2020,店舗
coop,jf,学習会・イベント型,海岸清掃,,清掃
jf,city,地域連携型,海岸清掃,2021,
"""


def write(path, text: str, encoding: str = "utf-8", newline: str = "\n") -> str:
    """Write ``text`` as a user's file would be saved and return its path."""
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def small_files(tmp_path):
    """(orgs.csv, edges.csv) of a four-organisation network in plain UTF-8."""
    return write(tmp_path / "orgs.csv", ORGS), write(tmp_path / "edges.csv", EDGES)


@pytest.fixture
def small_net(small_files):
    import coopnet as cn

    return cn.read_csv(*small_files)


def assert_centrality_matches_networkx(net) -> None:
    """cn.centrality equals networkx's exact results (≤ 1e-9) on ``net``'s collapsed graph."""
    import networkx as nx
    import numpy as np

    import coopnet as cn

    c = cn.centrality(net)
    c = c.set_index("id") if "id" in c.columns else c
    h = net.to_graph()
    ids = list(net.orgs.index)
    for column, ref in [
        ("betweenness", nx.betweenness_centrality(h)),
        ("closeness", nx.closeness_centrality(h)),
        ("pagerank", nx.pagerank(h, weight=None, tol=1e-14, max_iter=10_000)),
        # networkx's power iteration; its numpy variant refuses disconnected graphs
        ("eigenvector", nx.eigenvector_centrality(h, weight=None, tol=1e-15, max_iter=100_000)),
    ]:
        want = np.array([ref[i] for i in ids])
        got = c[column].reindex(ids).to_numpy(dtype=float)
        assert np.abs(got - want).max() <= 1e-9, column
    assert c["partners"].reindex(ids).tolist() == [h.degree(i) for i in ids]
    assert c["partnerships"].reindex(ids).tolist() == [net.graph.degree(i) for i in ids]


def inter_sector_betweenness_reference(net) -> dict:
    """Inter-sector betweenness from networkx alone, for checking ``cn.bridges``.

    Shortest paths between organisations of different sectors = all pairs minus
    the pairs inside each sector (networkx's subset betweenness); each organisation's
    count is divided by the cross-sector pairs it is not an end of.
    """
    import networkx as nx

    h = net.to_graph()
    sector = net.orgs["sector"]
    ref = nx.betweenness_centrality(h, normalized=False)
    for s in set(sector):
        members = list(sector.index[sector == s])
        within = nx.betweenness_centrality_subset(h, members, members, normalized=False)
        for v in ref:
            ref[v] -= within[v]
    n = len(sector)
    sizes = sector.value_counts()
    total = (n * n - int((sizes**2).sum())) // 2
    return {v: ref[v] / (total - (n - sizes[sector[v]])) for v in h}


def make_net(orgs, edges, *, name="test") -> cn.Network:
    """A Network from ``orgs`` = [(id, sector)] and ``edges`` = [(s, t[, type[, case]])]."""
    ids = [o[0] for o in orgs]
    o = pd.DataFrame(
        {
            "name": [f"名前{i}" for i in ids],
            "name_en": ids,
            "sector": [o[1] for o in orgs],
            "prefecture": "",
            "note": "",
        },
        index=pd.Index(ids, name="id"),
    )
    rows = []
    for e in edges:
        s, t = e[0], e[1]
        ptype = e[2] if len(e) > 2 else "地域連携型"
        case = e[3] if len(e) > 3 else "case"
        rows.append((s, t, ptype, case))
    df = pd.DataFrame(rows, columns=["source", "target", "type", "case"])
    df["year"] = pd.array([None] * len(df), dtype="Int64")
    df["evidence"] = ""
    return cn.Network(o, df, name=name)


def from_nx(g, sectors=None, seed=0) -> cn.Network:
    rng = np.random.default_rng(seed)
    keys = list(cn.taxonomy.SECTORS)
    nodes = list(g.nodes)
    sec = sectors or {v: keys[int(rng.integers(0, 4))] for v in nodes}
    return make_net([(f"n{v}", sec[v]) for v in nodes], [(f"n{a}", f"n{b}") for a, b in g.edges])


def random_graph(n, m, seed, extra=True):
    g = nx.gnm_random_graph(n, m, seed=seed)
    if extra:  # small separate components and isolates, as in real case data
        g.add_nodes_from(range(n, n + 12))
        g.add_edges_from(
            [
                (n, n + 1),
                (n + 1, n + 2),
                (n + 3, n + 4),
                (n + 5, n + 6),
                (n + 6, n + 7),
                (n + 7, n + 5),
            ]
        )
    return g


# A user's own data: sectors and a type outside the taxonomy, long names in both
# languages (read with strict=False, as `--no-strict` does).
USER_ORGS = """id,name,name_en,sector,prefecture,note
ja1,JA北海道中央会農業協同組合連合会,Hokkaido Central Union of Agricultural Cooperatives,JA,北海道,
ja2,JAみなみ信州,JA Minami-Shinshu,JA,長野県,
coop1,生活協同組合コープさっぽろ,Co-op Sapporo Consumer Cooperative,生協,北海道,
coop2,コープながの,Co-op Nagano,生協,長野県,
bank1,北海道信用金庫協会地域振興部,Hokkaido Shinkin Bank Association Regional Development Division,金融機関,北海道,
bank2,長野県信用組合,Nagano Credit Union,金融機関,長野県,
chamber1,札幌商工会議所,Sapporo Chamber of Commerce and Industry,商工団体,北海道,
chamber2,長野県商工会連合会,Nagano Federation of Societies of Commerce and Industry,商工団体,長野県,
prod1,十勝酪農生産者協議会ボランティアコーディネーター部会,Tokachi Dairy Producers Council Volunteer Coordinator Section,生産者団体,北海道,
prod2,信州りんご生産者の会,Shinshu Apple Growers,生産者団体,長野県,
city1,札幌市,Sapporo City,行政,北海道,
npo1,NPO法人にじの仲間づくりカレッジ,NPO Rainbow Friends College,NPO・市民団体,長野県,
jf1,JFしれとこ漁協,JF Shiretoko,JF,北海道,
"""

USER_EDGES = """source,target,type,case,year,evidence
ja1,coop1,産消提携型,北海道産直,2018,
ja1,bank1,地域連携型,北海道地域づくり,2019,
bank1,chamber1,地域連携型,北海道地域づくり,2019,
chamber1,city1,地域連携型,北海道地域づくり,2019,
prod1,coop1,産消提携型,北海道産直,2018,
prod1,ja1,事業連携型,酪農事業,2020,
jf1,coop1,産消提携型,北海道産直,2018,
ja2,coop2,学習会・イベント型,信州フォーラム,2021,
coop2,bank2,学習会・イベント型,信州フォーラム,2021,
bank2,chamber2,学習会・イベント型,信州フォーラム,2021,
prod2,ja2,産消提携型,信州りんご,2017,
prod2,coop2,産消提携型,信州りんご,2017,
npo1,coop2,人事育成型,合同研修,2022,
npo1,chamber2,災害支援型,台風支援,2019,
ja2,chamber2,地域振興型,信州まちづくり,2023,
"""


@pytest.fixture
def user_net(tmp_path):
    """13 organisations in three sectors outside the taxonomy (金融機関, 商工団体,
    生産者団体) and one type outside it (地域振興型), with long names."""
    import warnings

    import coopnet as cn

    orgs, edges = (
        write(tmp_path / "u_orgs.csv", USER_ORGS),
        write(tmp_path / "u_edges.csv", USER_EDGES),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return cn.read_csv(orgs, edges, strict=False)


# A council's own files (Shift_JIS as Japanese Excel saves them, CRLF): 30
# organisations of three prefectures, six sectors outside the taxonomy (more than
# its extra colours, so one takes a second shape), a type outside it, long names in
# both languages, and a star (熊本地震の支援) inside a bigger group.
COUNCIL_ORGS = """id,name,name_en,sector,prefecture,note
ja-fk,JAふくおか八女農業協同組合,JA Fukuoka Yame,JA,福岡県,
ja-kt,JA熊本市,JA Kumamoto City,JA,熊本県,
ja-oi,JAおおいた,JA Oita,JA,大分県,
coop-fk,エフコープ生活協同組合,F-Coop Consumer Co-operative,生協,福岡県,
coop-kt,生活協同組合くまもと,Co-op Kumamoto,生協,熊本県,
coop-gr,グリーンコープ生活協同組合ふくおか,Green Coop Fukuoka,生協,福岡県,
jf-fk,福岡市漁業協同組合,Fukuoka City Fisheries Co-op,JF,福岡県,
jf-oi,大分県漁業協同組合,Oita Prefectural Fisheries Co-op,JF,大分県,
bank-fk,福岡ひびき信用金庫地域創生部,"Fukuoka Hibiki Shinkin Bank, Regional Development",金融機関,福岡県,
bank-kt,熊本県信用組合,Kumamoto Credit Union,金融機関,熊本県,
bank-oi,大分みらい信用金庫,Oita Mirai Shinkin Bank,金融機関,大分県,
cham-fk,福岡商工会議所,Fukuoka Chamber of Commerce and Industry,商工団体,福岡県,
cham-kt,熊本県商工会連合会,Kumamoto Federation of Commerce and Industry Societies,商工団体,熊本県,
prod-fk,八女茶生産者協議会ボランティアコーディネーター部会,"Yame Tea Growers Council, Volunteer Coordinators",生産者団体,福岡県,
prod-kt,阿蘇あか牛生産者の会,Aso Akaushi Cattle Producers,生産者団体,熊本県,
hosp-kt,熊本医療生活協同組合くわみず病院,Kuwamizu Hospital,医療機関,熊本県,
hosp-oi,大分県済生会日田病院,Saiseikai Hita Hospital,医療機関,大分県,
news-fk,西日本新聞社地域報道部,Nishinippon Shimbun Regional News,報道機関,福岡県,
tour-oi,別府市観光協会,Beppu City Tourism Association,観光協会,大分県,
tour-kt,阿蘇市観光協会,Aso City Tourism Association,観光協会,熊本県,
city-fk,福岡市,Fukuoka City,行政,福岡県,
pref-kt,熊本県,Kumamoto Prefecture,行政,熊本県,
npo-fk,NPO法人にじの仲間づくりカレッジ,NPO Rainbow Friends College,NPO・市民団体,福岡県,
npo-kt,くまもと子ども食堂ネットワーク,Kumamoto Children's Cafeteria Network,NPO・市民団体,熊本県,
univ-fk,九州大学大学院農学研究院,Kyushu University Faculty of Agriculture,教育・研究,福岡県,
council-fk,福岡県協同組合間提携推進会議,Fukuoka Inter-Cooperative Council,協同組合連携組織,福岡県,
council-kt,熊本県協同組合間提携推進会議,Kumamoto Inter-Cooperative Council,協同組合連携組織,熊本県,
forest-oi,大分県森林組合連合会,Oita Forest Owners' Co-op Federation,森林組合,大分県,
welf-oi,大分県社会福祉協議会,Oita Council of Social Welfare,社会福祉協議会,大分県,
worker-fk,ワーカーズコープ福岡事業団,Workers Co-op Fukuoka,その他の協同組合,福岡県,
"""

COUNCIL_EDGES = """source,target,type,case,year,evidence
ja-fk,coop-fk,産消提携型,八女茶の産直,2015,
ja-fk,coop-gr,産消提携型,八女茶の産直,2015,
prod-fk,coop-fk,産消提携型,八女茶の産直,2015,
prod-fk,ja-fk,事業連携型,茶の共同加工,2018,
ja-kt,coop-kt,産消提携型,あか牛の産直,2016,
prod-kt,coop-kt,産消提携型,あか牛の産直,2016,
prod-kt,ja-kt,事業連携型,あか牛の産直,2016,
jf-fk,coop-fk,産消提携型,玄界灘の魚,2019,
jf-oi,coop-gr,産消提携型,豊後水道の魚,2020,
council-fk,ja-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,coop-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,jf-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,worker-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,univ-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,news-fk,学習会・イベント型,福岡協同組合フェスタ,2022,
council-fk,bank-fk,地域振興型,福岡まちづくり,2023,
bank-fk,cham-fk,地域振興型,福岡まちづくり,2023,
cham-fk,city-fk,地域振興型,福岡まちづくり,2023,
council-kt,ja-kt,災害支援型,熊本地震の支援,2016,
council-kt,coop-kt,災害支援型,熊本地震の支援,2016,
council-kt,hosp-kt,災害支援型,熊本地震の支援,2016,
council-kt,pref-kt,災害支援型,熊本地震の支援,2016,
council-kt,bank-kt,災害支援型,熊本地震の支援,2016,
council-kt,cham-kt,災害支援型,熊本地震の支援,2016,
coop-kt,npo-kt,地域連携型,子ども食堂,2019,
ja-kt,npo-kt,地域連携型,子ども食堂,2019,
tour-kt,ja-kt,地域連携型,阿蘇の農泊,2021,
tour-kt,prod-kt,地域連携型,阿蘇の農泊,2021,
ja-oi,forest-oi,地域連携型,大分の森づくり,2017,
forest-oi,jf-oi,地域連携型,大分の森づくり,2017,
welf-oi,ja-oi,地域連携型,大分の見守り,2020,
welf-oi,hosp-oi,地域連携型,大分の見守り,2020,
tour-oi,bank-oi,地域振興型,別府の観光,2024,
tour-oi,ja-oi,地域振興型,別府の観光,2024,
npo-fk,coop-gr,人事育成型,合同新人研修,2021,
npo-fk,worker-fk,人事育成型,合同新人研修,2021,
coop-gr,worker-fk,人事育成型,合同新人研修,2021,
"""


@pytest.fixture(scope="session")
def council_net(tmp_path_factory):
    """The council's files read as ``--no-strict`` reads them."""
    import warnings

    import coopnet as cn

    folder = tmp_path_factory.mktemp("council")
    orgs = write(folder / "orgs.csv", COUNCIL_ORGS, encoding="cp932", newline="\r\n")
    edges = write(folder / "edges.csv", COUNCIL_EDGES, encoding="cp932", newline="\r\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return cn.read_csv(orgs, edges, strict=False)


# ------------------------------------------------------------ the map page in Chromium
@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Playwright), one per test module."""
    from page_visit import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def visit(browser):
    """``visit(path, viewport=(w, h))`` opens a page (page_visit.Visit); closed after."""
    from page_visit import Visit

    opened = []

    def open_(path, **kw):
        v = Visit(browser, path, **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()
