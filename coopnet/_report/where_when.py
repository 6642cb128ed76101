"""summary.md: one sentence on where the cases are and one on how they grew."""

from __future__ import annotations

from .._io.markdown import md_text
from ..geography import NATIONAL, prefecture_summary
from ..prefectures import PREFECTURES
from ..temporal import UNDATED, timeline

#: Prefectures named in the sentence: the three highest counts, ties included, at most this many.
MOST = 6
_ROMAJI = {p.name: p.romaji for p in PREFECTURES}


def facts(net) -> dict:
    """The numbers behind the two sentences."""
    table = prefecture_summary(net)
    cases = table["cases"].drop(NATIONAL)
    cases = cases[cases > 0].sort_values(ascending=False, kind="stable")  # ties: JIS order
    if len(cases):
        third = cases.iloc[min(2, len(cases) - 1)]
        cases = cases[cases >= third].head(MOST)
    years = timeline(net)
    dated = years.drop(index=UNDATED)
    return {
        "top": list(cases.items()),
        "national": int(table.loc[NATIONAL, "cases"]),
        "first": None if dated.empty else dated.iloc[0],
        "last": None if dated.empty else dated.iloc[-1],
        "undated": years.loc[UNDATED],
    }


def _where(f: dict, lang: str) -> str:
    if not f["top"]:
        return (
            "都道府県の分かる事例はありません。" if lang == "ja" else "No case names a prefecture."
        )
    if lang == "ja":
        named = "、".join(f"{md_text(p)}（{n} 件）" for p, n in f["top"])
        text = f"事例の多い都道府県は、{named}です（prefectures.png）。"
        if f["national"]:
            text += f"都道府県を特定しない全国・広域の事例が {f['national']} 件あります。"
        return text
    named = [f"{_ROMAJI[p]} ({n})" for p, n in f["top"]]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    text = f"The prefectures with most cases are {md_text(listed)} (prefectures.png)."
    if f["national"]:
        n = f["national"]
        text += f" {n} case{'' if n == 1 else 's'} name{'s' if n == 1 else ''} no prefecture (national or wide-area)."
    return text


def _when(f: dict, lang: str) -> str:
    first, last, undated = f["first"], f["last"], f["undated"]
    if first is None:
        return (
            "開始年の分かる事例・連携はありません。"
            if lang == "ja"
            else "No case or partnership has a start year."
        )
    y0, y1 = first.name, last.name
    c0, c1 = int(first["cases_total"]), int(last["cases_total"])
    p0, p1 = int(first["partnerships_total"]), int(last["partnerships_total"])
    uc, up = int(undated["cases_new"]), int(undated["partnerships_new"])
    if lang == "ja":
        text = (
            f"開始年の分かる事例は、最初の {y0} 年の {c0} 件から {y1} 年までに {c1} 件に、"
            f"連携は {p0} 件から {p1} 件に増えました（timeline.png）。"
        )
        unknown = "、".join(f"{w}が {n} 件" for w, n in (("事例", uc), ("連携", up)) if n)
        if unknown:
            text += f"ほかに開始年の分からない{unknown}あります。"
        return text
    text = (
        f"Cases with a start year grew from {c0} in {y0}, the first year, to {c1} by {y1}, "
        f"and partnerships from {p0} to {p1} (timeline.png)."
    )
    unknown = [
        f"{n} {w}{'' if n == 1 else 's'}" for w, n in (("case", uc), ("partnership", up)) if n
    ]
    if unknown:
        text += f" Without a start year: {' and '.join(unknown)}."
    return text


def lines(f: dict, lang: str, level: int) -> list[str]:
    """The section: a heading and the two sentences."""
    heading = "地域と年" if lang == "ja" else "Places and years"
    return [f"{'#' * level} {heading}", "", _where(f, lang), "", _when(f, lang), ""]
