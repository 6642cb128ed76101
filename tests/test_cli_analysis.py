"""``coopnet centrality | bridges | pairs | types | communities`` on real and user files."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import coopnet as cn
from coopnet.cli import main
from coopnet.cli.common import text_width

COMMANDS = [
    ["centrality"],
    ["bridges"],
    ["bridges", "--ties"],
    ["bridges", "--sample", "20", "--seed", "2"],
    ["pairs", "--perm", "50"],
    ["types"],
    ["communities"],
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_on_bundled_and_user_files(cmd, small_files, capsys):
    assert main(cmd) == 0
    assert capsys.readouterr().out.strip()
    orgs, edges = small_files
    assert main([*cmd, "--orgs", orgs, "--edges", edges]) == 0
    out = capsys.readouterr().out
    assert out.strip()


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_csv_and_json_parse_back(cmd, capsys):
    assert main([*cmd, "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main([*cmd, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(frame) > 0
    assert list(records[0]) == list(frame.columns)


def test_csv_values_are_the_api_values(capsys):
    net = cn.load_sample()
    assert main(["centrality", "--top", "0", "--format", "csv"]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("id")
    ref = cn.centrality(net)
    assert sorted(got.index) == sorted(ref.index)
    pd.testing.assert_series_equal(
        got["betweenness"].sort_index(), ref["betweenness"].sort_index(), check_names=False
    )
    assert got["betweenness"].is_monotonic_decreasing  # ranked
    assert main(["pairs", "--by", "partnership", "--all", "--n-perm", "0", "--format", "json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert sum(r["count"] for r in pairs) == len(net.edges)
    assert [r["rank"] for r in pairs] == list(range(1, len(pairs) + 1))


def _prefix_of_width(line: str, width: int) -> str | None:
    """The start of ``line`` that fills exactly ``width`` terminal columns."""
    for i in range(len(line) + 1):
        w = text_width(line[:i])
        if w == width:
            return line[:i]
        if w > width:
            return None
    return None


def _pair_rows(lines):
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("#"))
    rows = [r for r in lines[header + 2 :] if r[:3].strip().isdigit()]
    return lines[header], lines[header + 1], rows


def test_pairs_answer_lists_only_pairs_above_chance_by_ratio(capsys):
    """「どのセクターがよく組むか」: co-participation pairs above chance, ranked by
    observed/expected; the API's pairs_above_chance gives the same rows."""
    assert main(["pairs"]) == 0
    _, _, rows = _pair_rows(capsys.readouterr().out.splitlines())
    ref = cn.pairs_above_chance(cn.load_sample(), alpha=0.05)
    assert len(rows) == len(ref) > 0
    for r, (a, b) in zip(rows, zip(ref["sector_a"], ref["sector_b"], strict=True), strict=True):
        assert f"{a} – {b}" in r
    assert ("JA", "生協") in set(zip(ref["sector_a"], ref["sector_b"], strict=True))
    assert (ref["ratio"] > 1).all()


def test_pairs_table_is_ranked_and_aligned(capsys):
    assert main(["pairs", "--by", "case", "--all"]) == 0
    head, rule, rows = _pair_rows(capsys.readouterr().out.splitlines())
    assert [int(r[:3]) for r in rows] == list(range(1, len(rows) + 1))
    assert "JA – 生協" in rows[0]  # the most frequent pair in the JCA cases
    assert any("JA – JA" in r for r in rows)  # same-sector pairs are listed
    # every cell of the right-aligned columns ends where its header ends,
    # counting a full-width character as two terminal columns
    for col in ["cases", "share", "expected", "observed/expected"]:
        end = text_width(head[: head.index(col) + len(col)])
        for r in rows:
            cut = _prefix_of_width(r, end)
            assert cut is not None and cut[-1] != " ", (col, r)
            assert r[len(cut) : len(cut) + 1] in ("", " "), (col, r)
    assert set(rule.replace(" ", "")) == {"-"}


def test_pairs_options(capsys):
    assert (
        main(["pairs", "--by", "partnership", "--type", "地域連携型", "--perm", "100", "--all"])
        == 0
    )
    out = capsys.readouterr().out
    assert "地域連携型" in out and "partnerships" in out
    with pytest.raises(SystemExit) as info:
        main(["pairs", "--by", "cases"])
    assert info.value.code == 2
    assert "invalid choice: 'cases'" in capsys.readouterr().err
    assert main(["pairs", "--type", "なし型"]) == 2
    err = capsys.readouterr().err
    assert "--type 'なし型'" in err and "types=" not in err  # the option, not the parameter


def test_centrality_top_and_sort(capsys):
    assert main(["centrality", "--top", "3", "--sort", "partners", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    ref = cn.centrality(cn.load_sample())["partners"].max()
    assert rows[0]["partners"] == ref
    assert main(["centrality", "--top", "10"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(1 for line in out if line[:2].strip().isdigit()) == 10
    with pytest.raises(SystemExit):
        main(["centrality", "--top", "-1"])


def test_communities_prints_modularity_comparison(capsys):
    assert main(["communities", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "modularity: Louvain" in out and "sectors" in out


def test_bridges_table_ends_with_the_whole_network_ei(capsys):
    assert main(["bridges", "--top", "3"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    ei = cn.ei_index(cn.load_sample(), n_perm=1000, seed=0).loc["(all)"]
    assert last.startswith(f"Whole network E–I {ei['ei']:+.2f} ({int(ei['external'])} ties across")
    assert f"p = {ei['p_value']:.3f}" in last
