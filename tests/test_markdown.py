"""User text in summary.md stays text under GitHub-style renderers (issue 17, point 10).

markdown-it-py's "gfm-like" preset turns bare URLs, ``www.`` names, domain-like
words and e-mail addresses into links (linkify, as GitHub does); a name must
render as exactly its text, with no link.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from coopnet._io.markdown import md_table, md_text

pytest.importorskip("linkify_it", reason="linkify-it-py (in the test extra) renders links")

NAMES = [
    "JA http://evil.example/x?a=1&b=2",
    "https://x.jp>y",
    "see www.example.com now",
    "WWW.EXAMPLE.ORG",
    "mail a@b.co please",
    "mailto:x@y.z",
    "coop.or.jp",
    "JA香川.jp",
    "http://例え.テスト",
    "ftp://f.example",
    "JA&lt;x&gt;https://e.com&gt;",
    "<https://angle.example>",
    "[text](https://md.example)",
    "xmpp:foo@bar.baz",
    "(https://paren.example)",
    "*https://star.example*",
    "_www.under.example_",
    "https://a.example,https://b.example",
    "生協 1.5倍 Co. Ltd. 10:30",
]


def _renderers():
    gfm = MarkdownIt("gfm-like")
    commonmark = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    return {"gfm-like": gfm, "commonmark+linkify": commonmark}


def _text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize("renderer", ["gfm-like", "commonmark+linkify"])
@pytest.mark.parametrize("name", NAMES)
def test_no_link_and_the_same_text(renderer, name):
    md = _renderers()[renderer]
    out = md.render(md_text(name))
    assert "<a " not in out and "href" not in out, out
    assert _text(out) == name


@pytest.mark.parametrize("renderer", ["gfm-like", "commonmark+linkify"])
def test_in_a_table(renderer):
    md = _renderers()[renderer]
    out = md.render(md_table(["組織", "n"], [[name, 1] for name in NAMES], align="lr"))
    assert "<a " not in out
    cells = re.findall(r"<td[^>]*>(.*?)</td>", out, re.S)
    assert [_text(c) for c in cells[0::2]] == NAMES


def test_numbers_and_plain_words_are_left_readable():
    assert md_text("0.25") == "0.25"
    assert md_text("JA香川県") == "JA香川県"


def test_summary_md_of_names_with_urls(tmp_path, monkeypatch):
    import csv
    import io

    import coopnet as cn
    import coopnet.reporting as reporting

    monkeypatch.setattr(
        reporting,
        "_pictures",
        lambda net, **kw: {
            n: b"fake" for n in reporting.FILES if n.endswith((".png", ".html", ".pptx"))
        },
    )
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name", "sector"])
    sectors = ["JA", "生協", "JF", "行政", "企業", "森林組合"]
    w.writerows((f"o{i}", name, sectors[i % 6]) for i, name in enumerate(NAMES))
    (tmp_path / "orgs.csv").write_text(buf.getvalue(), encoding="utf-8")
    rows = ["source,target,type,case"]
    rows += [
        f"o{i},o{i + 1},地域連携型,https://case{i}.example/a@b.c" for i in range(len(NAMES) - 1)
    ]
    (tmp_path / "edges.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    net = cn.read_csv(tmp_path / "orgs.csv", tmp_path / "edges.csv")
    cn.report(net, tmp_path / "r", title="www.title.example")
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    for renderer in _renderers().values():
        out = renderer.render(md)
        assert "<a " not in out and "href" not in out
        assert "www.title.example" in _text(out)
