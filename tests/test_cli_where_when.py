"""``coopnet prefectures | timeline | draw-prefectures | draw-timeline | draw-periods``."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from PIL import Image

import coopnet as cn
from coopnet.cli import main


@pytest.mark.parametrize(
    "cmd",
    [["prefectures"], ["prefectures", "--pairs", "--perm", "50"], ["timeline"]],
    ids=" ".join,
)
def test_tables_on_bundled_and_user_files(cmd, small_files, capsys):
    assert main(cmd) == 0
    assert capsys.readouterr().out.strip()
    orgs, edges = small_files
    assert main([*cmd, "--orgs", orgs, "--edges", edges]) == 0
    assert "香川県" in capsys.readouterr().out or cmd == ["timeline"]


def test_prefectures_table_is_the_api(capsys):
    net = cn.load_sample()
    assert main(["prefectures", "--format", "csv"]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("prefecture")
    ref = cn.prefecture_summary(net)
    ref = ref[(ref[["cases", "organisations", "partnerships"]] > 0).any(axis=1)]
    assert sorted(got.index) == sorted(ref.index)
    assert got["cases"].to_dict() == ref["cases"].to_dict()
    assert got.index[-1] == "(national)"  # after the ranked prefectures
    assert got["cases"].iloc[:-1].is_monotonic_decreasing
    assert main(["prefectures", "--sort", "organisations", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[3].startswith("長野県")  # 13 organisations
    assert "E–I by prefecture" in out


def test_prefecture_pairs_json(capsys):
    assert main(["prefectures", "--pairs", "--perm", "0", "--format", "json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert sum(r["partnerships"] for r in pairs) == len(cn.load_sample().edges)
    assert [r["rank"] for r in pairs] == list(range(1, len(pairs) + 1))


def test_timeline_table_and_csv(capsys):
    t = cn.timeline(cn.load_sample())
    assert main(["timeline", "--format", "csv"]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert got["year"].astype(str).tolist() == [str(y) for y in t.index]
    assert got["cases_total"].tolist() == t["cases_total"].tolist()
    assert got.loc[0, "new_sector_pairs"] == "JA–生協"
    assert main(["timeline"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split()[0] for line in lines[3:] if line[:1] in "12(" and "  " in line]
    busy = t[(t.filter(like="_new") > 0).any(axis=1)].index
    assert rows == [str(y) for y in busy]  # years with nothing new left out
    assert rows[-1] == "(undated)"


@pytest.mark.parametrize(
    "cmd",
    [
        ["draw-prefectures", "--value", "organisations", "--lang", "en"],
        ["draw-timeline"],
        ["draw-periods", "--periods", "2000,2023", "--layout", "geo"],
        ["draw", "--layout", "geo", "--labels", "top10"],
    ],
    ids=lambda c: c[0],
)
def test_pictures(cmd, tmp_path, capsys):
    out = tmp_path / "p.png"
    assert main([*cmd, "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    with Image.open(out) as im:
        assert im.size == (1920, 1080)


def test_bad_periods_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["draw-periods", "-o", str(tmp_path / "p.png"), "--periods", "soon"])
    assert stop.value.code == 2
    assert "give years separated by commas" in capsys.readouterr().err
    assert (
        main(["draw-periods", "-o", str(tmp_path / "p.png"), "--periods", "1,2,3,4,5,6,7,8,9"]) == 2
    )
    assert "at most 8" in capsys.readouterr().err
    assert not (tmp_path / "p.png").exists()
