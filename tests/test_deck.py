"""The PowerPoint deck (cn.slides, coopnet slides), read back with python-pptx.

Every table is compared with the DataFrame it comes from, computed here again from
the public functions; fonts, pictures, notes and bytes are checked on the file itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import subprocess
import zipfile

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

import coopnet as cn
from coopnet import prefectures, taxonomy
from coopnet.cli import main
from coopnet.deck import deck_bytes

FONT = "Meiryo"
NA = "–"
TINY_PNG = None  # filled on first use: a 16 × 9 white PNG


# ----------------------------------------------------------------- helpers
def _tiny_png() -> bytes:
    global TINY_PNG
    if TINY_PNG is None:
        buf = io.BytesIO()
        Image.new("RGB", (16, 9), "white").save(buf, format="PNG")
        TINY_PNG = buf.getvalue()
    return TINY_PNG


@contextlib.contextmanager
def fake_pictures():
    """Skip rasterising the pictures (tested on the bundled deck) to keep tests fast."""
    import matplotlib.pyplot as plt

    import coopnet._deck.content as content

    def fake(fig, px=None):
        plt.close(fig)
        return _tiny_png()

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(content, "picture", fake)
        yield


def read(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [s.shapes.title.text.replace("\v", "") for s in prs.slides]


def shape(slide, name):
    found = [s for s in slide.shapes if s.name == name]
    return found[0] if found else None


def table_rows(prs, prefix: str) -> list[list[str]]:
    """Body rows of every table whose name starts with ``prefix``, slide after slide."""
    rows = []
    for slide in prs.slides:
        for s in slide.shapes:
            if s.has_table and s.name.startswith(prefix):
                cells = [[c.text for c in r.cells] for r in s.table.rows]
                rows += cells[1:]
    return rows


def p_text(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def sector_text(s: str, lang: str) -> str:
    return s if lang == "ja" else taxonomy.sector_label(s, "en")


def name_of(net, lang: str) -> pd.Series:
    if lang == "ja":
        return net.orgs["name"]
    en = net.orgs["name_en"].fillna("")
    return en.where(en != "", net.orgs["name"])


def all_runs(prs):
    """Every text run of every shape, table cell and speaker note."""
    for slide in prs.slides:
        frames = []
        for s in slide.shapes:
            if s.has_text_frame:
                frames.append(s.text_frame)
            if s.has_table:
                frames += [c.text_frame for r in s.table.rows for c in r.cells]
        frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for para in frame.paragraphs:
                yield from para.runs


@pytest.fixture(scope="module")
def bundled():
    """The bundled cases' deck in Japanese, with its real pictures."""
    net = cn.load_sample()
    data = deck_bytes(net)
    return net, data, read(data)


@pytest.fixture(scope="module")
def bundled_en():
    net = cn.load_sample()
    with fake_pictures():
        data = deck_bytes(net, lang="en")
    return net, read(data)


@pytest.fixture(scope="module")
def two_file(tmp_path_factory):
    """A user's two files (no case table): four organisations, two cases."""
    from conftest import EDGES, ORGS, write

    folder = tmp_path_factory.mktemp("two")
    net = cn.read_csv(write(folder / "orgs.csv", ORGS), write(folder / "edges.csv", EDGES))
    with fake_pictures():
        data = deck_bytes(net)
    return net, read(data)


# ------------------------------------------------------------------ slides
def test_bundled_slides_and_titles(bundled):
    net, _, prs = bundled
    got = titles(prs)
    pages = sum(1 for t in got if t.startswith("事例一覧"))
    assert pages >= 3  # 27 cases, about ten a slide
    expected = [
        net.name,
        "数字で見るネットワーク",
        "協同組合間連携マップ",
        "都道府県別の事例",
        "年ごとの広がり",
        "6 つの連携類型",
        "よく組むセクターの組み合わせ",
        "すべてのセクターの組み合わせと偶然との比",
        "セクターをつなぐ組織",
        *[f"連携類型：{t}" for t in taxonomy.TYPES],
        *[f"事例一覧（{i}/{pages}）" for i in range(1, pages + 1)],
    ]
    assert got == expected
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_english_titles(bundled_en):
    _, prs = bundled_en
    got = titles(prs)
    assert got[1:9] == [
        "The network in numbers",
        "Cooperative partnership map",
        "Cases by prefecture",
        "Growth over the years",
        "The six partnership types",
        "Which sectors work together",
        "Every pair of sectors against chance",
        "Organisations that bridge sectors",
    ]
    assert got[9] == "Producer–consumer (産消提携型)"
    assert got[-1].startswith("The cases (")


def test_two_file_network_without_case_table(two_file):
    net, prs = two_file
    assert not net.has_case_table
    assert titles(prs) == [
        net.name or "協同組合間連携マップ",  # a user's files may carry no name
        "数字で見るネットワーク",
        "協同組合間連携マップ",
        "都道府県別の事例",
        "年ごとの広がり",
        "6 つの連携類型",
        "よく組むセクターの組み合わせ",
        "すべてのセクターの組み合わせと偶然との比",
        "セクターをつなぐ組織",
        "連携類型：事業連携型",
        "連携類型：地域連携型",
        "連携類型：学習会・イベント型",
        "事例一覧",
    ]
    assert table_rows(prs, "coopnet:table:cases") == [
        ["包括連携協定", "事業連携型", "2019", "香川県", "JA香川県、コープかがわ"],
        # the case's type is its partnerships' most frequent (a tie: taxonomy order)
        ["海岸清掃", "地域連携型", "2021", "香川県", "コープかがわ、漁協(香川県)、高松市"],
    ]
    notes = prs.slides[-1].notes_slide.notes_text_frame.text
    assert "edges.csv" in notes and "事例の表がない" in notes
    # a type's slide lists the cases with a partnership of that type
    learning = shape(prs.slides[11], "coopnet:type-cases:学習会・イベント型").text_frame.text
    assert "事例（1）" in learning and "海岸清掃" in learning


# ------------------------------------------------------------------ tables
def test_numbers_equal_the_summary(bundled):
    net, _, prs = bundled
    s = net.summary()
    slide = prs.slides[1]
    for key in ("organisations", "partnerships", "cases", "types", "sectors", "components"):
        text = shape(slide, f"coopnet:number:{key}").text_frame.paragraphs[0].text
        assert int(text.replace(",", "")) == int(s[key]), key
    assert int(s["cases"]) == len(net.cases) == 27
    sector = dict(zip(net.orgs.index, net.orgs["sector"], strict=True))
    cross = sum(
        sector[a] != sector[b]
        for a, b in zip(net.edges["source"], net.edges["target"], strict=True)
    )
    line = shape(slide, "coopnet:number:cross").text_frame.text
    assert f"{cross} 件（{cross / len(net.edges):.0%}）" in line
    assert f"連携のない組織：{s['isolated']}" in line
    assert "うち関連事例 2" in shape(slide, "coopnet:number:cases").text_frame.text


def test_types_table_equals_type_summary(bundled, bundled_en):
    for (net, prs), lang in ((bundled[::2], "ja"), (bundled_en, "en")):
        t = cn.type_summary(net)
        rows = table_rows(prs, "coopnet:table:types")
        assert len(rows) == len(t) == 6
        for row, (ptype, r) in zip(rows, t.iterrows(), strict=True):
            assert row[1] == taxonomy.type_label(ptype, lang)
            assert row[2] == taxonomy.type_definition(ptype, lang) != ""
            sub = f" (+{r['sub_cases']})" if r["sub_cases"] else ""
            assert row[3:] == [f"{r['cases']}{sub}", str(r["partnerships"]), str(r["orgs"])]
        assert [r[3] for r in rows][:2] == (["3", "6 (+2)"])  # the deck's 3/6/6/5/3/2


def test_pairs_table_equals_pairs_above_chance(bundled, bundled_en):
    for (net, prs), lang in ((bundled[::2], "ja"), (bundled_en, "en")):
        top = cn.pairs_above_chance(net, min_count=2, alpha=0.05, n_perm=1000, seed=0)
        top = top.head(10)
        expected = [
            [
                str(rank),
                f"{sector_text(r['sector_a'], lang)} – {sector_text(r['sector_b'], lang)}",
                str(r["count"]),
                f"{r['expected']:.1f}",
                f"{r['ratio']:.2f}",
                p_text(r["p_value"]),
            ]
            for rank, r in top.iterrows()
        ]
        assert table_rows(prs, "coopnet:table:pairs") == expected
        assert len(expected) >= 3  # the bundled cases' answer
        assert all(float(row[4]) > 1 and int(row[2]) >= 2 for row in expected)
        assert all(row[5] == "< 0.001" or float(row[5]) <= 0.05 for row in expected)


def test_bridges_table_equals_bridges(bundled, bundled_en):
    for (net, prs), lang in ((bundled[::2], "ja"), (bundled_en, "en")):
        b = cn.bridges(net)
        b = b[b["sectors_reached"] > 0].sort_values(
            ["inter_betweenness", "sectors_reached", "brokerage"], ascending=False, kind="stable"
        )
        rows = table_rows(prs, "coopnet:table:bridges")
        assert 5 <= len(rows) <= 10
        g = net.to_graph()
        names = name_of(net, lang)
        order = list(net.sectors)
        sep = "、" if lang == "ja" else ", "
        for rank, (row, (org, r)) in enumerate(zip(rows, b.iterrows(), strict=False), start=1):
            own = g.nodes[org]["sector"]
            others = {g.nodes[n]["sector"] for n in g.neighbors(org)} - {own}
            assert len(others) == r["sectors_reached"]
            reached = sep.join(sector_text(s, lang) for s in sorted(others, key=order.index))
            assert row == [
                str(rank),
                names[org],
                sector_text(own, lang),
                reached,
                str(r["sectors_reached"]),
                f"{r['inter_betweenness']:.4f}",
            ]
        notes = prs.slides[8].notes_slide.notes_text_frame.text
        assert f"{len(rows)}" in notes and "cn.bridges" in notes
    assert rows[0][1] == "Cooperative Liaison Conference Kochi"


def _case_rows(net, lang: str) -> list[list[str]]:
    names = name_of(net, lang)
    romaji = {p.name: p.romaji for p in prefectures.PREFECTURES}
    rows = []
    for key, r in net.cases.iterrows():
        orgs = [names[m] for m in r["members"]]
        shown = orgs[:12] + ([f"ほか {len(orgs) - 12} 組織"] if len(orgs) > 12 else [])
        prefs = [p for p in r["prefecture"].split("、") if p]
        if lang == "en":
            title = r["name_en"] or key
            pref = ", ".join(romaji[p] for p in prefs) or NA
            ptype = taxonomy.type_label(r["type"], "en")
            orgs_text = ", ".join(shown)
        else:
            title, pref, ptype, orgs_text = key, "、".join(prefs) or NA, r["type"], "、".join(shown)
        year = NA if pd.isna(r["year"]) else str(int(r["year"]))
        rows.append([title, ptype, year, pref, orgs_text])
    return rows


def test_case_tables_equal_the_cases(bundled, bundled_en):
    for (net, prs), lang in ((bundled[::2], "ja"), (bundled_en, "en")):
        rows = table_rows(prs, "coopnet:table:cases")
        assert rows == _case_rows(net, lang)
        per_slide = [
            len(s.table.rows) - 1
            for slide in prs.slides
            for s in slide.shapes
            if s.has_table and s.name.startswith("coopnet:table:cases")
        ]
        assert sum(per_slide) == 27 and max(per_slide) <= 10


def test_type_slides_list_their_cases(bundled):
    net, _, prs = bundled
    for slide in prs.slides:
        listing = [s for s in slide.shapes if s.name.startswith("coopnet:type-cases:")]
        if not listing:
            continue
        ptype = listing[0].name.split(":", 2)[2]
        text = listing[0].text_frame.text
        mine = net.cases[net.cases["type"] == ptype]  # with a case table: its own type
        assert f"事例（{len(mine)}）" in text
        for key in mine.index:
            assert key in text
        assert shape(slide, f"coopnet:type-map:{ptype}") is not None


def test_long_names_wrapped_not_cut_and_many_members_counted(tmp_path):
    long_title = "とても長い事例の名前" * 8
    orgs = ["id,name,sector,prefecture"] + [f"o{i},組織{i}番,生協,香川県" for i in range(15)]
    edges = ["source,target,type,case,year"] + [
        f"o0,o{i},地域連携型,{long_title},2020" for i in range(1, 15)
    ]
    (tmp_path / "orgs.csv").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text("\n".join(edges) + "\n", encoding="utf-8")
    net = cn.read_csv(tmp_path / "orgs.csv", tmp_path / "edges.csv")
    with fake_pictures():
        prs = read(deck_bytes(net, title="題名\x07に制御文字\x1b"))
    assert titles(prs)[0] == "題名に制御文字"
    (row,) = table_rows(prs, "coopnet:table:cases")
    assert row[0] == long_title
    assert row[4] == "、".join(f"組織{i}番" for i in range(12)) + "、ほか 3 組織"
    assert "_x00" not in "".join(r.text for r in all_runs(prs))


# ------------------------------------------------------- fonts, pictures, notes
def test_every_run_names_the_east_asian_font(bundled, bundled_en, two_file):
    for prs in (bundled[2], bundled_en[1], two_file[1]):
        runs = list(all_runs(prs))
        assert len(runs) > 100
        for run in runs:
            rPr = run._r.find(qn("a:rPr"))
            assert rPr is not None, run.text
            for script in ("a:latin", "a:ea", "a:cs"):
                node = rPr.find(qn(script))
                assert node is not None and node.get("typeface") == FONT, (script, run.text)
        # and in the XML itself: no run anywhere without an East Asian font
        for slide in prs.slides:
            for part in (slide, slide.notes_slide):
                for r in part.element.iter(qn("a:r")):
                    assert r.find(qn("a:rPr")).find(qn("a:ea")).get("typeface") == FONT


def test_theme_fonts_are_japanese(bundled):
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = bundled[2]
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    for kind in ("a:majorFont", "a:minorFont"):
        font = theme.find(f".//{qn(kind)}")
        assert font.find(qn("a:ea")).get("typeface") == FONT
        assert font.find(qn("a:latin")).get("typeface") == FONT


def test_pictures_are_16_9_png_at_twice_the_slide(bundled):
    prs = bundled[2]
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 4 + 6  # map, prefectures, timeline, pairs, one per type
    for pic in pictures:
        assert pic.image.content_type == "image/png"
        image = Image.open(io.BytesIO(pic.image.blob))
        assert image.size == (3840, 2160)
        assert abs(pic.width / pic.height - 16 / 9) < 0.01
        assert np.asarray(image.convert("L")).std() > 5  # something drawn
        assert pic.left >= 0 and pic.left + pic.width <= prs.slide_width
        assert pic.top + pic.height <= prs.slide_height


def test_notes_on_every_slide_say_where_numbers_come_from(bundled, bundled_en):
    for prs in (bundled[2], bundled_en[1]):
        notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
        assert all(len(n) > 40 for n in notes)
        assert "cn.pairs_above_chance" in notes[6]
        assert "1,000" in notes[6] and "seed 0" in notes[6]
        assert "cn.type_summary" in notes[5] and "cn.bridges" in notes[8]
        assert "net.summary()" in notes[1]
        assert "cn.prefecture_summary" in notes[3] and "cn.timeline" in notes[4]
    assert "shuffles which organisation has which sector" in notes[6]


# ----------------------------------------------------------------- the file
def test_same_bytes_twice(tmp_path, small_net):
    a = cn.slides(small_net, tmp_path / "a.pptx")
    b = cn.slides(small_net, tmp_path / "b.pptx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
    props = Presentation(a).core_properties
    assert props.created is None and props.modified is None and props.last_printed is None
    assert props.revision == 1


def test_date_is_shown_and_stored(tmp_path, small_net):
    with fake_pictures():
        out = cn.slides(small_net, tmp_path / "d.pptx", date=dt.date(2026, 3, 10), lang="en")
    prs = Presentation(out)
    assert "10 March 2026" in prs.slides[0].placeholders[1].text_frame.text
    assert prs.core_properties.created == dt.datetime(2026, 3, 10)


def test_refuses_to_overwrite(tmp_path, small_net):
    path = tmp_path / "seminar.pptx"
    path.write_bytes(b"mine")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cn.slides(small_net, path)
    assert path.read_bytes() == b"mine"
    with fake_pictures():
        cn.slides(small_net, path, overwrite=True)
    assert len(Presentation(path).slides) > 5
    with pytest.raises(ValueError, match=r"\.pptx"):
        cn.slides(small_net, tmp_path / "seminar.ppt")
    with pytest.raises(OSError, match="does not exist"):
        cn.slides(small_net, tmp_path / "missing" / "seminar.pptx")
    with pytest.raises(ValueError, match="lang"):
        cn.slides(small_net, tmp_path / "x.pptx", lang="jp")
    with pytest.raises(TypeError, match="Network"):
        cn.slides(nx.Graph(), tmp_path / "x.pptx")
    assert sorted(p.name for p in tmp_path.glob("*.ppt*")) == ["seminar.pptx"]


def test_command_line(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = tmp_path / "seminar.pptx"
    argv = [
        "slides",
        "-o",
        str(path),
        "--type",
        "災害支援型",
        "--lang",
        "en",
        "--date",
        "2026-03-10",
    ]
    with fake_pictures(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(argv) == 0
        assert main(argv) == 2  # exists
        assert main([*argv, "--force"]) == 0
    prs = Presentation(path)
    assert f"wrote {path}: {len(prs.slides)} slides" in out.getvalue()
    assert "already exists" in err.getvalue()
    assert titles(prs)[9] == "Disaster relief (災害支援型)"
    assert "10 March 2026" in prs.slides[0].placeholders[1].text_frame.text


# ------------------------------------------------------- rendered by LibreOffice
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_libreoffice_renders_every_page(bundled, tmp_path):
    _, data, prs = bundled
    deck = tmp_path / "seminar.pptx"
    deck.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "seminar.pdf"), str(tmp_path / "p")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(prs.slides)
    for page in pages:
        pixels = np.asarray(Image.open(page).convert("L"))
        assert pixels.shape[1] * 9 == pytest.approx(pixels.shape[0] * 16, rel=0.02)
        assert (pixels < 200).mean() > 0.005, f"{page.name} is blank"


def test_unknown_type_and_a_type_without_organisations(tmp_path):
    (tmp_path / "orgs.csv").write_text("id,name,sector\na,A農協,JA\nb,B生協,生協\nc,C,謎セクター\n")
    (tmp_path / "edges.csv").write_text("source,target,type,case\na,b,謎の型,X\n")
    (tmp_path / "cases.csv").write_text("case,type\nX,謎の型\nY,災害支援型\n")
    with pytest.warns(UserWarning):
        net = cn.read_csv(
            tmp_path / "orgs.csv",
            tmp_path / "edges.csv",
            cases=tmp_path / "cases.csv",
            strict=False,
        )
    with fake_pictures():
        prs = read(deck_bytes(net, lang="en"))
    assert titles(prs)[7:] == ["Disaster relief (災害支援型)", "謎の型", "The cases"]
    assert table_rows(prs, "coopnet:table:types")[-1][1:4] == ["謎の型", NA, "1"]
    assert (
        "Y · 0 organisations"
        in shape(prs.slides[7], "coopnet:type-cases:災害支援型").text_frame.text
    )


def test_report_folder_holds_the_deck(tmp_path, small_net):
    with fake_pictures():
        cn.report(small_net, tmp_path / "r")
    prs = Presentation(tmp_path / "r" / "slides.pptx")
    assert titles(prs)[:2] == ["協同組合間連携ネットワーク・レポート", "数字で見るネットワーク"]
