"""`coopnet report -o DIR` / `cn.report(net, dir)` and `coopnet export`."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import EDGES, ORGS, write
from markdown_it import MarkdownIt
from PIL import Image

import coopnet as cn
from coopnet import taxonomy
from coopnet.cli import main
from coopnet.reporting import FILES

PICTURES = (
    "map.png",
    "types.png",
    "pairs.png",
    "prefectures.png",
    "timeline.png",
    "map.html",
    "slides.pptx",
)


def run_cli(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def render_md(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def check_tables(html: str) -> int:
    """Every rendered table row has as many cells as its header; returns the table count."""
    tables = re.findall(r"<table>(.*?)</table>", html, re.S)
    for table in tables:
        head = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S):
            assert len(re.findall(r"<td[ >]", row)) == head, row
    return len(tables)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The report on the bundled cases, rendered once for the module."""
    outdir = tmp_path_factory.mktemp("rep") / "report"
    code, out, err = run_cli(["report", "-o", str(outdir)])
    assert code == 0, err
    return outdir, out, cn.load_sample()


@pytest.fixture
def fake_pictures(monkeypatch):
    """Skip the (tested elsewhere) drawing so folder-handling tests stay fast."""
    import coopnet.reporting as reporting

    monkeypatch.setattr(
        reporting, "_pictures", lambda net, **kw: {n: f"fake {n}".encode() for n in PICTURES}
    )


# ------------------------------------------------------------ bundled data
def test_writes_every_file_and_nothing_else(bundled):
    outdir, _, _ = bundled
    assert sorted(os.listdir(outdir)) == sorted(FILES)
    for name in FILES:
        assert (outdir / name).stat().st_size > 0


def test_pngs_are_slides(bundled):
    outdir, _, _ = bundled
    for name in ("map.png", "types.png", "pairs.png", "prefectures.png", "timeline.png"):
        with Image.open(outdir / name) as im:
            assert im.format == "PNG"
            assert im.size == (1920, 1080)


def test_html_is_self_contained(bundled):
    outdir, _, net = bundled
    text = (outdir / "map.html").read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I)
    assert "window.network" in text
    assert net.orgs.loc["seikatsu-club", "name"] in text


def test_csv_tables(bundled):
    outdir, _, net = bundled
    cent = pd.read_csv(outdir / "centrality.csv")
    assert list(cent.columns[:4]) == ["id", "name", "sector", "partners"]
    assert {"betweenness", "closeness", "eigenvector", "pagerank"} <= set(cent.columns)
    assert sorted(cent["id"]) == sorted(net.orgs.index)
    assert cent["betweenness"].is_monotonic_decreasing
    # partners = distinct neighbours, independently from networkx
    g = net.to_graph()
    assert dict(zip(cent["id"], cent["partners"], strict=True)) == dict(g.degree())

    brid = pd.read_csv(outdir / "bridges.csv")
    assert {"id", "name", "sectors_reached", "cross_ties", "brokerage", "inter_betweenness"} <= set(
        brid.columns
    )
    assert len(brid) == len(net.orgs)
    assert brid["inter_betweenness"].is_monotonic_decreasing

    pairs = pd.read_csv(outdir / "pairs.csv")
    assert list(pairs.columns) == [
        "rank",
        "sector_a",
        "sector_b",
        "same",
        "cases_together",
        "share",
        "expected_cases",
        "observed_expected",
        "p_value",
        "partnerships",
    ]  # each count says what it counts
    ref = cn.sector_pairs(net, by="co-participation")
    assert pairs["cases_together"].tolist() == ref["count"].tolist()
    assert pairs["p_value"].tolist() == ref["p_value"].round(3).tolist()  # read, not 16 digits
    assert pairs["cases_together"].is_monotonic_decreasing

    cases = pd.read_csv(outdir / "cases.csv", keep_default_na=False)
    assert list(cases["case"]) == list(net.cases.index)
    assert cases.loc[cases["case"] == "釜石植林活動(岩手県)", "n_members"].item() == 7

    types = pd.read_csv(outdir / "types.csv")
    assert list(types["type"]) == list(taxonomy.TYPES)
    by_type = net.edges.groupby("type").size()
    assert dict(zip(types["type"], types["partnerships"], strict=True)) == by_type.to_dict()


def test_summary_tells_the_story(bundled):
    outdir, out, net = bundled
    md = (outdir / "summary.md").read_text(encoding="utf-8")
    s = net.summary()
    assert f"| 参加している組織 | {s['organisations']} |" in md
    assert f"| 事例 | {s['cases']}（うち 2 件はほかの事例の一部として紹介された取組み） |" in md
    assert f"| cases | {s['cases']} (2 of them presented as part of another case) |" in md
    assert "## 日本語" in md and "## English" in md
    assert md.index("## 日本語") < md.index("## English")
    for t in taxonomy.TYPES.values():
        assert f"**{t.key}**" in md
        assert t.en in md
    # the pairs above chance, as in pairs.csv: at least 2 cases, ratio > 1, p <= 0.05
    pairs = pd.read_csv(outdir / "pairs.csv")
    listed = pairs[
        (pairs["cases_together"] >= 2)
        & (pairs["observed_expected"] > 1)
        & (pairs["p_value"] <= 0.05)
    ].sort_values("observed_expected", ascending=False)
    assert len(listed) >= 1
    for rank, (_, r) in enumerate(listed.iterrows(), start=1):
        row = f"| {rank} | {r['sector_a']} – {r['sector_b']} | {r['cases_together']} |"
        assert row in md
    ja_pair = md[md.index("### よく組むセクターの組み合わせ") : md.index("### 橋渡し役の組織")]
    below = pairs[pairs["observed_expected"] <= 1]
    for a, b in zip(below["sector_a"], below["sector_b"], strict=True):
        assert f"| {a} – {b} |" not in ja_pair  # never a below-chance pair
    assert (
        "事例の数で最も多いのは、JA – 生協で、27 件の事例のうち 21 件に一緒に参加しています" in md
    )
    assert "JA (agricultural co-op) – Consumer co-op take part together in 21 of the 27 cases" in md
    # the top bridge, as in bridges.csv
    bridge = pd.read_csv(outdir / "bridges.csv").iloc[0]
    assert f"（セクター間の媒介が最も大きい）のは、{bridge['name']}（" in md
    html = render_md(md)
    assert check_tables(html) == 8  # numbers, pairs, bridges, cases, in both languages
    # terminal summary
    assert f"{s['organisations']} organisations, {s['partnerships']} partnerships" in out
    top = listed.iloc[0]
    assert (
        f"{top['sector_a']} – {top['sector_b']} in {top['cases_together']} of {s['cases']} cases"
        in out
    )


def test_summary_numbers_by_hand(tmp_path, fake_pictures):
    """conftest's network: 4 orgs (JA, 生協, JF, 行政), 4 partnerships in 2 cases:
    ja–coop twice (包括連携協定), coop–jf and jf–city (海岸清掃). All 4 cross sectors.
    JA–生協 occurs in 1 case with 2 partnerships; 行政 has 1 partner (jf)."""
    net = cn.read_csv(write(tmp_path / "o.csv", ORGS), write(tmp_path / "e.csv", EDGES))
    cn.report(net, tmp_path / "r")
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert (
        "2 件の事例に 4 団体が参加し、団体どうしの連携は 4 件あります。そのうち 4 件（100%）" in md
    )
    assert "ネットワークは 1 つにつながっています。" in md
    assert "- **人事育成型**: この類型の事例はありません。" in md
    assert "- **事業連携型**: 事例 1 件、2 団体（2 セクター）、連携 2 件。" in md
    assert "1 case, 2 organisations in 2 sectors, 2 partnerships." in md
    # in 学習会・イベント型 coop and jf both have 1 partner: no one stands out
    assert (
        "- **学習会・イベント型**: 事例 1 件、2 団体（2 セクター）、連携 1 件。どの団体も連携先は 1 団体です。"
        in md
    )
    assert "Each has 1 partner." in md
    # coop and jf tie for the greatest inter-sector betweenness (2/3 each): both named
    assert (
        "（セクター間の媒介が最も大きい）のは、コープかがわ（生協）と漁協(香川県)（JF）の 2 団体です"
        in md
    )
    assert "tied, are コープかがわ (Consumer co-op) and 漁協(香川県) (JF (fisheries co-op))." in md


def test_lead_claims_paths_only_when_there_are_some(tmp_path, fake_pictures):
    """Two organisations, one partnership: no path runs *through* anyone (inter-sector
    betweenness 0 for both), so the lead names the bridge by its reach alone."""
    o = write(tmp_path / "o.csv", "id,name,sector\na,組合A,JA\nb,生協B,生協\n")
    e = write(tmp_path / "e.csv", "source,target,type,case\na,b,産消提携型,c1\n")
    cn.report(cn.read_csv(o, e), tmp_path / "r")
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert (
        "最も多くのセクターと連携しているのは、組合A（JA）と生協B（生協）で、それぞれ自分以外の "
        "1 つのセクターの団体と連携しています。"
    ) in md
    assert "each with partners in 1 other sector." in md
    leads = [line for line in md.splitlines() if line.startswith(("1 件の事例", "2 organisations"))]
    assert len(leads) == 2
    assert "最短経路" not in leads[0] and "shortest paths" not in leads[1]


def test_summary_places_and_years_by_hand(tmp_path, fake_pictures):
    """where_when_data's network: cases A, B in 長野; B in 新潟; D in 東京; C in none.
    Started: A 2000, B 2010, C 2012, D 2020; partnerships 0 by 2000, 6 by 2020, 1 undated."""
    from where_when_data import three_prefectures

    cn.report(three_prefectures(tmp_path), tmp_path / "r")
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert (
        "事例の多い都道府県は、長野県（2 件）、東京都（1 件）、新潟県（1 件）です"
        "（prefectures.png）。都道府県を特定しない全国・広域の事例が 1 件あります。"
    ) in md
    assert (
        "開始年の分かる事例は、最初の 2000 年の 1 件から 2020 年までに 4 件に、"
        "連携は 0 件から 6 件に増えました（timeline.png）。"
        "ほかに開始年の分からない連携が 1 件あります。"
    ) in md
    assert "The prefectures with most cases are Nagano (2), Tokyo (1) and Niigata (1)" in md
    assert "1 case names no prefecture (national or wide-area)." in md
    assert "grew from 1 in 2000, the first year, to 4 by 2020, and partnerships from 0 to 6" in md
    assert "- `prefectures.png` — 都道府県別の事例数" in md
    assert "- `timeline.png` — running totals over the years" in md


def test_summary_places_and_years_of_the_bundled_cases(bundled):
    outdir, _, net = bundled
    md = (outdir / "summary.md").read_text(encoding="utf-8")
    cases = pd.read_csv(cn.io.sample_folder() / "cases.csv", dtype=str, keep_default_na=False)
    named = cases["prefecture"].str.split("、").explode()
    top = named[named != ""].value_counts()
    assert f"事例の多い都道府県は、{top.index[0]}（{top.iloc[0]} 件）" in md
    t = cn.timeline(net)
    last = t.index[-2]
    assert f"{last} 年までに {t.loc[last, 'cases_total']} 件に" in md


# ------------------------------------------------------- hostile user text
HOSTILE = {
    "ja": '=HYPERLINK("http://x","click")',
    "coop": "@SUM(A1)",
    "jf": "<script>alert(1)</script>",
    "city": "a|b **c** [x](http://e) -1+2",
}


def test_hostile_names_excel_and_markdown(tmp_path):
    rows = ["id,name,sector"] + [
        f'{i},"{name.replace(chr(34), chr(34) * 2)}",{s}'
        for (i, name), s in zip(HOSTILE.items(), ["JA", "生協", "JF", "行政"], strict=True)
    ]
    orgs = write(tmp_path / "o.csv", "\n".join(rows) + "\n")
    edges = write(tmp_path / "e.csv", EDGES)
    outdir = tmp_path / "r"
    code, _, err = run_cli(
        ["report", "-o", str(outdir), "--orgs", orgs, "--edges", edges, "--excel"]
    )
    assert code == 0, err
    for name in ("centrality.csv", "bridges.csv", "pairs.csv", "types.csv"):
        raw = (outdir / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        cells = [c for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for c in row]
        for cell in cells:
            if cell[:1] in ("=", "+", "-", "@"):
                float(cell)  # only numbers may start so (e.g. an E–I index of -1.0)
    bridges = list(csv.DictReader(io.StringIO((outdir / "bridges.csv").read_text("utf-8-sig"))))
    names = {r["id"]: r["name"] for r in bridges}
    assert names["ja"] == "'" + HOSTILE["ja"]
    assert names["coop"] == "'" + HOSTILE["coop"]
    assert names["jf"] == HOSTILE["jf"]  # not a formula: left as it is

    md = (outdir / "summary.md").read_text(encoding="utf-8")
    html = render_md(md)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert 'href="http://e"' not in html and "<strong>c</strong>" not in html
    assert check_tables(html) == 6  # no pair is above chance in four organisations
    # the whole name survives as text in the bridges table
    text = re.sub(r"<[^>]+>", "", html).replace("&quot;", '"').replace("&amp;", "&")
    assert HOSTILE["city"].replace("<", "&lt;") in text
    assert HOSTILE["ja"] in text


# ------------------------------------------------------ folders and errors
def test_refuses_non_empty_folder(tmp_path, fake_pictures):
    outdir = tmp_path / "r"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine")
    code, _, err = run_cli(["report", "-o", str(outdir)])
    assert code == 2
    assert "not empty" in err and "--force" in err and "Traceback" not in err
    assert os.listdir(outdir) == ["notes.txt"]


def test_force_replaces_report_files_and_keeps_others(tmp_path, fake_pictures):
    outdir = tmp_path / "r"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine")
    (outdir / "summary.md").write_text("old summary")
    code, out, err = run_cli(["report", "-o", str(outdir), "--force"])
    assert code == 0, err
    assert sorted(os.listdir(outdir)) == sorted([*FILES, "notes.txt"])
    assert (outdir / "notes.txt").read_text() == "mine"
    assert "協同組合間連携ネットワーク・レポート" in (outdir / "summary.md").read_text("utf-8")
    assert f"{len(FILES)} files in" in out


def test_empty_existing_folder_is_fine(tmp_path, fake_pictures):
    (tmp_path / "r").mkdir()
    assert run_cli(["report", "-o", str(tmp_path / "r")])[0] == 0


def test_output_is_a_file(tmp_path, fake_pictures):
    (tmp_path / "r").write_text("x")
    code, _, err = run_cli(["report", "-o", str(tmp_path / "r")])
    assert code == 2 and "is a file" in err


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--type", "謎の型"], "--type '謎の型'"),
        (["--orgs", "{o}", "--edges", "{bad}"], "line 3, column 'type'"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(tmp_path, extra, message):
    o = write(tmp_path / "o.csv", ORGS)
    bad = write(
        tmp_path / "bad.csv", EDGES.replace("事業連携型,包括連携協定,2020", "x,包括連携協定,2020")
    )
    argv = ["report", "-o", str(tmp_path / "r")] + [a.format(o=o, bad=bad) for a in extra]
    code, _, err = run_cli(argv)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_python_api(tmp_path, fake_pictures, small_net):
    files = cn.report(small_net, tmp_path / "r", lang="en", title="Kagawa <test>")
    assert list(files.index) == list(FILES)
    for name, row in files.iterrows():
        assert Path(row["path"]).stat().st_size == row["bytes"]
        assert row["description"] == FILES[name]
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert md.index("## English") < md.index("## 日本語")
    assert "Kagawa &lt;test&gt;" in md
    with pytest.raises(ValueError, match="lang='fr'"):
        cn.report(small_net, tmp_path / "x", lang="fr")
    assert not (tmp_path / "x").exists()


def test_failure_while_drawing_leaves_no_folder(tmp_path, small_net, monkeypatch):
    import coopnet.plot

    def broken(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(coopnet.plot, "plot_types", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        cn.report(small_net, tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_crash_while_writing_leaves_no_half_folder(tmp_path, small_net, monkeypatch, fake_pictures):
    """The disk 'fills up' when map.html is renamed into place inside the staging folder:
    the report folder never appears (no 4 of 9 files), nor does any temporary file."""
    real_replace = os.replace

    def flaky(src, dst):
        if Path(dst).name == "map.html":
            raise OSError("No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    before = sorted(os.listdir(tmp_path))
    outdir = tmp_path / "r"
    with pytest.raises(OSError, match=r"cannot write .*r/map.html: No space"):
        cn.report(small_net, outdir)
    monkeypatch.setattr(os, "replace", real_replace)
    assert sorted(os.listdir(tmp_path)) == before
    cn.report(small_net, outdir)  # and a second run is not refused
    assert sorted(os.listdir(outdir)) == sorted(FILES)


# ------------------------------------------------------------------ export
def test_export_command(tmp_path):
    path = tmp_path / "coops.gexf"
    code, out, err = run_cli(["export", "-o", str(path), "--type", "災害支援型"])
    assert code == 0, err
    g = nx.read_gexf(path)
    sub = cn.load_sample().by_type("災害支援型")
    assert g.number_of_edges() == len(sub.edges) and g.number_of_nodes() == len(sub.orgs)
    assert f"{len(sub.edges)} partnerships" in out
    code, _, err = run_cli(["export", "-o", str(path)])
    assert code == 2 and "--force" in err
    assert run_cli(["export", "-o", str(path), "--force"])[0] == 0
    assert nx.read_gexf(path).number_of_edges() == len(cn.load_sample().edges)
    code, _, err = run_cli(["export", "-o", str(tmp_path / "coops.txt")])
    assert code == 2 and ".gexf, .graphml" in err
    assert run_cli(["export", "-o", str(tmp_path / "c.graphml"), "--lang", "en"])[0] == 0
    assert (
        nx.read_graphml(tmp_path / "c.graphml").nodes["seikatsu-club"]["label"] == "Seikatsu Club"
    )


def test_summary_lists_the_first_cases_of_many_and_points_to_cases_csv(
    tmp_path, fake_pictures, monkeypatch
):
    import coopnet._report.phrases as phrases

    net = cn.load_sample()
    monkeypatch.setattr(phrases, "LISTED_CASES", 3)
    cn.report(net, tmp_path / "r")
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    n = len(net.cases)
    assert f"{n:,} 件のうち最初の 3 件です。すべての事例は cases.csv にあります。" in md
    assert f"The first 3 of {n:,} cases; cases.csv lists them all." in md
    for lang, heading in (("ja", "事例一覧"), ("en", "The cases")):
        table = md.split(heading, 1)[1].split("\n\n#", 1)[0]
        rows = [x for x in table.splitlines() if x.startswith("| ") and "---" not in x]
        assert len(rows) == 1 + 3, lang  # the header and three cases
    first = net.cases.index[0]
    assert f"| {first} |" in md and f"| {net.cases.index[3]} |" not in md


def test_slides_pictures_are_drawn_at_the_reports_size(bundled):
    from pptx import Presentation

    outdir, _, _ = bundled
    prs = Presentation(outdir / "slides.pptx")
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 2 + 6  # the map, the pairs, one map per type, ...
    for pic in pictures:
        assert Image.open(io.BytesIO(pic.image.blob)).size == (1920, 1080)
    assert Image.open(outdir / "map.png").size == (1920, 1080)
    # the pictures the slides show as the report draws them are the report's own
    shown = {p.name: p.image.blob for p in pictures}
    assert shown["coopnet:prefectures"] == (outdir / "prefectures.png").read_bytes()
    assert shown["coopnet:timeline"] == (outdir / "timeline.png").read_bytes()
