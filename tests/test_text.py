"""Label line breaks: at phrase, word and script boundaries, never inside a word."""

from __future__ import annotations

import budoux
import pytest

import coopnet as cn
from coopnet._text import wrap

PARSER = budoux.load_default_japanese_parser()


@pytest.mark.parametrize(
    ("name", "width", "lines"),
    [
        # the two breaks a presenter saw split words (issue 13, point 4)
        ("にじの仲間づくりカレッジ", 9, ["にじの", "仲間づくりカレッジ"]),
        ("地域のボランティアコーディネーター", 9, ["地域の", "ボランティアコーディネーター"]),
        ("社会福祉協議会(島根県・地域つながりセンター)", 11, None),
        ("JAグループ鳥取", 6, ["JAグループ", "鳥取"]),
        ("JA香川県", 11, ["JA香川県"]),
        # seen on the pictures: 間 belongs to 協同組合 (between co-ops), a place
        # keeps its 県 and its direction
        ("熊本県協同組合間提携推進会議", 11, ["熊本県協同組合間", "提携推進会議"]),
        ("岩手県協同組合間提携協議会", 6, ["岩手県", "協同組合間", "提携協議会"]),
        ("大分県協同組合協議会", 6, ["大分県", "協同組合", "協議会"]),
        ("JA愛知東女性部", 6, ["JA愛知東", "女性部"]),
        ("株式会社北海道1", 6, ["株式会社", "北海道1"]),
        # a user's names: a run of kanji breaks only between phrases or known words
        ("JAふくおか八女農業協同組合", 6, ["JAふくおか", "八女農業", "協同組合"]),
        ("福岡ひびき信用金庫地域創生部", 6, ["福岡ひびき", "信用金庫", "地域創生部"]),
        ("グリーンコープ生活協同組合ふくおか", 6, ["グリーンコープ", "生活協同組合", "ふくおか"]),
        ("九州大学大学院農学研究院", 6, ["九州大学", "大学院", "農学研究院"]),
    ],
)
def test_japanese_names_break_between_words(name, width, lines):
    got = wrap(name, "ja", width=width).split("\n")
    assert "".join(got) == name
    if lines is not None:
        assert got == lines
    assert got[0] != "" and all(line for line in got)


USER_NAMES = [
    "JAふくおか八女農業協同組合",
    "福岡ひびき信用金庫地域創生部",
    "グリーンコープ生活協同組合ふくおか",
    "熊本医療生活協同組合くわみず病院",
    "八女茶生産者協議会ボランティアコーディネーター部会",
    "九州大学大学院農学研究院",
    "西日本新聞社地域報道部",
    "くまもと子ども食堂ネットワーク",
]


def test_every_label_breaks_only_at_a_phrase_or_script_boundary():
    """Each break of every bundled name and of a user's names falls where BudouX ends
    a phrase, where the script changes (kanji → kana, kana → Latin …), a bracket
    opens, a known word (協同組合|連絡会 …) or a place (大分県|) ends — never inside
    a run of kana or Latin letters, nor anywhere else in a run of kanji (八|女)."""

    def script(ch):
        if ch.isascii() and ch.isalnum():
            return "latin"
        if "ァ" <= ch <= "ヿ":
            return "katakana"
        if "ぁ" <= ch <= "ゟ":
            return "hiragana"
        return "other"

    bad = []
    for name in [*cn.load_sample().orgs["name"], *USER_NAMES]:
        phrase_ends, at = set(), 0
        for phrase in PARSER.parse(name):
            at += len(phrase)
            phrase_ends.add(at)
        for width in (6, 9, 11):
            lines = wrap(name, "ja", width=width).split("\n")
            at = 0
            for line in lines[:-1]:
                at += len(line)
                a, b = name[at - 1], name[at]
                if script(a) == script(b) != "other":
                    bad.append((name, width, lines))  # inside a run of kana or Latin
                    continue
                boundary = at in phrase_ends or script(a) != script(b) or b == "(" or a == "・"
                boundary = boundary or _known_word_boundary(name, at) or a in "県都府道市町村"
                if not boundary:
                    bad.append((name, width, lines))
    assert bad == []


def _known_word_boundary(name: str, at: int) -> bool:
    from coopnet._text import _WORDS

    return any(name.startswith(w, at) or name[:at].endswith(w) for w in _WORDS)


def test_english_names_wrap_at_spaces():
    assert wrap("Co-op (Nagano, Fureai Farm)", "en", width=9) == "Co-op (Nagano,\nFureai Farm)"
    assert wrap("Satoumi University", "en", width=11) == "Satoumi University"
