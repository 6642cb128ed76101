"""The case table: cases.csv and members.csv, their checks, and the two-file form."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import EDGES, ORGS, write

import coopnet as cn

# conftest's network has two cases: 包括連携協定 (ja–coop twice, 事業連携型) and
# 海岸清掃 (coop–jf 学習会・イベント型, jf–city 地域連携型: two types in one case).
CASES = """case,type,year,prefecture,summary
包括連携協定,事業連携型,2019,香川,協定を結ぶ
海岸清掃,学習会・イベント型,,香川県,清掃
円卓会議,学習会・イベント型,2022,,話し合う
"""
EDGES_ONE_TYPE = EDGES.replace("jf,city,地域連携型", "jf,city,学習会・イベント型")
MEMBERS = "case,org,role\n円卓会議,city,運営\n円卓会議,ja,\n"


def _files(tmp_path, orgs=ORGS, edges=EDGES_ONE_TYPE, cases=CASES, members=MEMBERS):
    out = {
        "orgs": write(tmp_path / "orgs.csv", orgs),
        "edges": write(tmp_path / "edges.csv", edges),
    }
    if cases is not None:
        out["cases"] = write(tmp_path / "cases.csv", cases)
    if members is not None:
        out["members"] = write(tmp_path / "members.csv", members)
    return out


def _read(files, **kw):
    return cn.read_csv(
        files["orgs"], files["edges"], cases=files.get("cases"), members=files.get("members"), **kw
    )


def _error(tmp_path, **texts) -> str:
    files = _files(tmp_path, **texts)
    before = {k: open(v, "rb").read() for k, v in files.items()}
    with pytest.raises(cn.DataError) as info:
        _read(files)
    assert {k: open(v, "rb").read() for k, v in files.items()} == before  # only read
    return str(info.value)


def test_the_case_table_and_who_takes_part(tmp_path):
    net = _read(_files(tmp_path))
    cases = net.cases
    assert list(cases.index) == ["包括連携協定", "海岸清掃", "円卓会議"]
    assert cases.loc["包括連携協定", "prefecture"] == "香川県"  # 香川 → 香川県
    assert cases.loc["円卓会議", "members"] == ["ja", "city"]  # in the order of orgs
    assert cases.loc["円卓会議", "partnerships"] == 0
    assert cases.loc["海岸清掃", "members"] == ["coop", "jf", "city"]
    assert cases.loc["海岸清掃", "sectors"] == ["生協", "JF", "行政"]
    m = net.members.set_index(["case", "org"])
    assert m.loc[("円卓会議", "city"), "role"] == "lead"  # 運営 is a lead
    assert m.loc[("円卓会議", "ja"), "tied"] == False  # noqa: E712
    assert m.loc[("包括連携協定", "ja"), "partnerships"] == 2
    t = cn.type_summary(net)
    assert t.loc["学習会・イベント型", "cases"] == 2 and t.loc["学習会・イベント型", "orgs"] == 4
    sub = net.by_type("学習会・イベント型")
    assert sorted(sub.cases.index) == ["円卓会議", "海岸清掃"]
    assert set(sub.orgs.index) == {"coop", "jf", "city", "ja"}  # ja only as a member


def test_two_file_form_derives_the_cases_as_before(tmp_path):
    """Without cases.csv the cases are those of edges.csv, and the functions that
    counted cases from the partnerships count as they did (independent counts)."""
    files = _files(tmp_path, edges=EDGES, cases=None, members=None)
    net = _read(files)
    raw = pd.read_csv(files["edges"], dtype={"year": "Int64"})
    assert list(net.cases.index) == list(pd.unique(raw["case"]))
    assert not net.has_case_table
    assert net.cases.loc["海岸清掃", "type"] == "地域連携型"  # a tie 1–1: taxonomy order
    assert net.cases.loc["海岸清掃", "year"] == 2021  # the earliest partnership year
    t = cn.type_summary(net)
    for ptype in cn.taxonomy.TYPES:
        assert t.loc[ptype, "cases"] == raw.loc[raw["type"] == ptype, "case"].nunique()
    per_org = (
        pd.concat(
            [
                raw[["source", "case"]].set_axis(["org", "case"], axis=1),
                raw[["target", "case"]].set_axis(["org", "case"], axis=1),
            ]
        )
        .drop_duplicates()
        .groupby("org")
        .size()
    )
    assert cn.centrality(net)["cases"].to_dict() == per_org.to_dict()
    assert net.summary()["cases"] == raw["case"].nunique()


def test_the_bundled_cases_are_the_decks():
    net = cn.load_sample()
    assert len(net.cases) == 27 and (net.cases["parent"] != "").sum() == 2
    assert cn.type_summary(net)["cases"].tolist() == [3, 6, 6, 5, 3, 2]
    oita = "地域課題解決に向けたラウンドテーブル(大分県協同組合協議会)"
    hokkaido = "協同組合就活サミット(協同組合ネット北海道)"
    assert net.cases.loc[oita, "members"] == ["oita-coop-council"]
    assert net.cases.loc[hokkaido, "members"] == ["coop-net-hokkaido"]
    assert net.cases.loc[oita, "type"] == "学習会・イベント型"


def test_written_and_read_back_unchanged(tmp_path):
    net = _read(_files(tmp_path))
    back = cn.read_folder(cn.write_csv(net, tmp_path / "out"))
    for table in ("orgs", "edges", "cases", "members"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(net, table))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {
                "edges": EDGES_ONE_TYPE.replace(
                    "coop,jf,学習会・イベント型,海岸清掃", "coop,jf,学習会・イベント型,海岸清揃"
                )
            },
            "edges.csv, line 4, column 'case': case '海岸清揃' is not in the case table; add it "
            "to cases.csv (did you mean '海岸清掃'?)",
        ),
        (
            {"edges": EDGES},  # jf–city is 地域連携型 in a 学習会・イベント型 case
            "edges.csv, line 5, column 'type': partnership type '地域連携型' differs from the "
            "type of its case '海岸清掃' in the case table ('学習会・イベント型')",
        ),
        (
            {"members": "case,org\n円卓会議,JA\n"},
            "members.csv, line 2, column 'org': 'JA' is not an id in the organisations file "
            "(did you mean 'ja'?)",
        ),
        (
            {"members": "case,org\n円卓会義,ja\n"},
            "members.csv, line 2, column 'case': case '円卓会義' is not in the case table",
        ),
        (
            {"cases": CASES.replace(",2022,", ",来年,")},
            "cases.csv, line 4, column 'year': year '来年' is not a year",
        ),
        (
            {"cases": CASES.replace(",香川,", ",香州,")},
            "cases.csv, line 2, column 'prefecture': '香州' is not a prefecture",
        ),
        (
            {"cases": CASES + "円卓会議,学習会・イベント型,,,\n"},
            "cases.csv, line 5, column 'case': duplicate case '円卓会議' (first on line 4)",
        ),
        (
            {"cases": CASES.replace("円卓会議,学習会・イベント型", "円卓会議,学習型")},
            "cases.csv, line 4, column 'type': unknown type '学習型'",
        ),
        (
            {
                "cases": "case,type,parent\n包括連携協定,事業連携型,\n海岸清掃,学習会・イベント型,本体\n円卓会議,学習会・イベント型,\n"
            },
            "cases.csv, line 3, column 'parent': case '本体' is not a case of this file",
        ),
        (
            {"cases": CASES.replace("円卓会議,", "ja,").replace("ja\n", "ja\n"), "members": None},
            "cases.csv, line 4, column 'case': the case title 'ja' is also an organisation id",
        ),
        (
            {"cases": "type\n事業連携型\n"},
            "cases.csv, line 1, column 'case': required column is missing",
        ),
    ],
)
def test_bad_case_input_is_one_clear_error(tmp_path, change, message):
    assert message in _error(tmp_path, **change)


def test_members_without_a_case_table_must_name_cases_of_the_partnerships(tmp_path):
    text = _error(tmp_path, edges=EDGES, cases=None, members="case,org\n円卓会議,ja\n")
    assert "case '円卓会議' has no partnership; give a cases.csv that names it" in text
    net = _read(
        _files(tmp_path, edges=EDGES, cases=None, members="case,org,role\n海岸清掃,ja,observer\n")
    )
    assert net.cases.loc["海岸清掃", "members"] == ["ja", "coop", "jf", "city"]


def test_non_strict_keeps_unknown_prefectures_and_types_of_cases(tmp_path):
    cases = CASES.replace(",香川,", ",オンライン,")
    with pytest.warns(UserWarning, match="not prefectures: 'オンライン'"):
        net = _read(_files(tmp_path, cases=cases), strict=False)
    assert net.cases.loc["包括連携協定", "prefecture"] == "オンライン"
