"""Label text: where a name may break into lines, for the slide maps and the HTML page.

Japanese has no spaces, so a name is broken at phrase boundaries found by BudouX
(Google's phrase segmenter, Apache-2.0; ``にじの|仲間づくりカレッジ``), before a
parenthesised qualifier, and at word and script boundaries inside a long phrase
(``JAグループ|鳥取``, ``協同組合|連絡協議会``) — never inside a run of kana or of
Latin letters (``ボランティアコーディネーター`` stays whole).
"""

from __future__ import annotations

import textwrap
import unicodedata
from functools import cache

_NO_LINE_START = ")）」』、。・ーぁぃぅぇぉっゃゅょァィゥェォッャュョ"
#: Suffixes of place names (大分県, 萩市): never split from the place, and a good
#: place to break after; directions stay with their place too (JA愛知東|女性部).
_PLACE_SUFFIXES = "県都府道市町村"
_NO_BREAK_AFTER_KANJI = _PLACE_SUFFIXES + "東西南北"
_WORDS = (
    "協同組合間",  # 協同組合間|提携 (between co-ops), never 協同組合|間提携
    "生活協同組合",  # never 生活|協同組合
    "協同組合",
    "協議会",
    "連絡会",
    "連合会",
    "中央会",
    "推進",
    "提携",
    "連携",
    "会議",
    "生協",
    "漁協",
    "農協",
    "森林組合",
    "組合",
    "ネットワーク",
    "センター",
    "グループ",
    "支援",
    "大学院",
    "大学",
    "研究院",
    "研究所",
    "信用金庫",
    "信用組合",
    "商工会議所",
    "商工会",
    "観光協会",
    "生産者",
    "新聞社",
    "病院",
    "事業団",
    "食堂",
    "株式会社",
    "北海道",
    "女性部",
    "青年部",
)


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    if "\u3040" <= ch <= "\u309f":
        return "hiragana"
    if "\u30a0" <= ch <= "\u30ff" or ch == "ー":
        return "katakana"
    if unicodedata.category(ch) == "Lo":
        return "kanji"
    return "other"


@cache
def _parser():
    import budoux

    return budoux.load_default_japanese_parser()


def _phrase_breaks(text: str) -> set[int]:
    """Offsets where BudouX ends a phrase in ``text``."""
    out, at = set(), 0
    for phrase in _parser().parse(text)[:-1]:
        at += len(phrase)
        out.add(at)
    return out


def _break_scores(text: str) -> dict[int, float]:
    """Every allowed break offset of ``text`` with its bonus (higher: a better place).

    Never inside a known word (協同組合, 協議会 …), inside a run of hiragana, of
    katakana or of Latin letters and digits, inside a run of kanji except between
    BudouX phrases, known words or after a place (大分県|協同組合), or before a
    character that may not start a line (、。」ー small kana …).
    Brackets and ``・`` (between the items of a name) are the best places, then
    BudouX phrase ends and known words, then script changes (kanji ↔ kana ↔ Latin).
    """
    bad = set()
    word_ends = set()
    word_starts = set()
    for word in _WORDS:
        start = text.find(word)
        while start >= 0:
            word_ends.update((start, start + len(word)))
            word_starts.add(start)
            bad.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    phrases = _phrase_breaks(text)
    scores = {}
    for k in range(1, len(text)):
        a, b = _script(text[k - 1]), _script(text[k])
        if k in bad or text[k] in _NO_LINE_START or (a == b and a != "kanji"):
            continue
        if (
            a == b == "kanji"
            and k not in phrases
            and k not in word_ends
            and text[k - 1] not in _PLACE_SUFFIXES
        ):
            continue  # inside a run of kanji only between phrases or known words (八女|農業)
        if (
            text[k] in _NO_BREAK_AFTER_KANJI
            and a == "kanji"
            and k + 1 < len(text)
            and k not in word_starts
        ):
            continue  # 大分|県 splits a place name (株式会社|北海道 does not)
        bonus = 0.0
        if k in phrases:
            bonus += 4.0
        if text[k] == "(" or text[k - 1] == "・":  # between the items of a name
            bonus += 5.0
        elif k in word_ends:
            bonus += 3.0
        elif text[k - 1] in _PLACE_SUFFIXES and k >= 3 and b == "kanji":
            bonus += 3.0  # 大分県|協同組合
        if a != b and not (a == "kanji" and b == "hiragana"):  # okurigana stays attached
            bonus += 1.0
        scores[k] = bonus
    return scores


def _split_ja(part: str, width: int) -> list[str]:
    """Split ``part`` into lines of at most about ``width`` characters at good places."""
    if len(part) <= width:
        return [part]
    best = ((len(part) - width) * 3.0, None)  # leaving the line long is an option
    for k, bonus in _break_scores(part).items():
        if k < 2 or k > len(part) - 2:
            continue
        longest = max(k, len(part) - k)
        score = max(longest - width, 0) * 3 + abs(len(part) - 2 * k) * 0.25 - 2 * bonus
        if score <= best[0]:  # on a tie, the longer first line
            best = (score, k)
    k = best[1]
    if k is None:
        return [part]
    return [*_split_ja(part[:k], width), *_split_ja(part[k:], width)]


def wrap(name: str, lang: str, width: int = 11) -> str:
    """Break a long organisation name into short lines for a map label.

    Japanese names break before a parenthesised qualifier, then at word and
    script boundaries (``JAグループ|鳥取``, ``…協同組合|連絡協議会``) into lines
    of about ``width`` characters; English names wrap at about ``1.8 × width``.

    Examples
    --------
    >>> print(wrap("社会福祉協議会(島根県・地域つながりセンター)", "ja"))
    社会福祉協議会
    (島根県・
    地域つながりセンター)
    >>> print(wrap("JAグループ鳥取", "ja", width=6))
    JAグループ
    鳥取
    >>> wrap("JA香川県", "ja")
    'JA香川県'
    """
    name = str(name)
    if lang != "ja" and not any(unicodedata.east_asian_width(c) in "WF" for c in name):
        wide = int(width * 1.8)
        return (
            "\n".join(
                textwrap.wrap(name, width=wide, break_long_words=False, break_on_hyphens=False)
            )
            or name
        )
    if len(name) <= width - 2:
        return name
    head, sep, tail = name.partition("(")
    parts = [head, sep + tail] if sep and head else [name]
    lines = [line for part in parts for line in _split_ja(part, width)]
    return "\n".join(line for line in lines if line)
