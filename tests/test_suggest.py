""" "Did you mean" for mistyped ids: right, and fast at 50,000 organisations (issue 17, point 8)."""

from __future__ import annotations

import random
import time

import pandas as pd
import pytest
from conftest import EDGES, ORGS, write

import coopnet as cn
from coopnet.errors import SHOWN


def _typo(word: str, rng: random.Random) -> str:
    """One edit of ``word``: a character dropped, doubled, replaced or two swapped."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + ("x" if word[i] != "x" else "y") + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _typos(words: list[str], taken: set[str], rng: random.Random) -> list[str]:
    """A typo of each of ``words`` that is not in ``taken``."""
    out = []
    for word in words:
        typo = _typo(word, rng)
        while typo in taken:
            typo = _typo(word, rng)
        out.append(typo)
    return out


def _ids(n: int, rng: random.Random) -> list[str]:
    prefixes = ["ja", "coop", "jf", "forest", "gov", "npo", "univ", "corp"]
    return [f"{rng.choice(prefixes)}-{rng.randrange(1, 48):02d}-{i:05d}" for i in range(n)]


def _files(tmp_path, ids: list[str], targets: list[str]):
    orgs = pd.DataFrame({"id": ids, "name": ids, "sector": "JA"})
    edges = pd.DataFrame({"source": ids[0], "target": targets, "type": "地域連携型", "case": "c"})
    orgs.to_csv(tmp_path / "orgs.csv", index=False)
    edges.to_csv(tmp_path / "edges.csv", index=False)
    return tmp_path / "orgs.csv", tmp_path / "edges.csv"


def test_the_suggestion_is_the_id_that_was_mistyped(tmp_path):
    rng = random.Random(8)
    ids = _ids(5_000, rng)
    wanted = rng.sample(ids[1:], 40)
    typos = _typos(wanted, set(ids), rng)
    with pytest.raises(cn.DataError) as info:
        cn.read_csv(*_files(tmp_path, ids, typos))
    problems = info.value.problems
    assert len(problems) == 40
    right = sum(f"did you mean {w!r}?" in p.message for p, w in zip(problems, wanted, strict=True))
    assert right >= 36, right  # a typo can be as close to another id (e.g. ja-01-00012 / 00021)


def test_small_lists_suggest_as_before(tmp_path):
    edges = EDGES + "coop,cty,地域連携型,x,,\nctiy,coop,地域連携型,x,,\n"
    with pytest.raises(cn.DataError) as info:
        cn.read_csv(write(tmp_path / "o.csv", ORGS), write(tmp_path / "e.csv", edges))
    err = info.value
    assert "'cty' is not an id in the organisations file (did you mean 'city'?)" in str(err)
    assert (
        "line 7, column 'source': 'ctiy' is not an id in the organisations file "
        "(did you mean 'city'?)" in str(err)
    )


def test_200_typos_among_50000_ids_in_seconds(tmp_path):
    rng = random.Random(50)
    ids = _ids(50_000, rng)
    wanted = rng.sample(ids, 200)
    typos = _typos(wanted, set(ids), rng)
    files = _files(tmp_path, ids, [*ids[1:1001], *typos])
    start = time.perf_counter()
    with pytest.raises(cn.DataError) as info:
        cn.read_csv(*files)
    seconds = time.perf_counter() - start
    assert seconds <= 10, seconds
    problems = info.value.problems
    assert len(problems) == 200
    shown = [p for p in problems if "did you mean" in p.message]
    assert problems[:SHOWN] == shown  # suggestions for the problems a message shows
    assert (
        sum(f"did you mean {w!r}?" in p.message for p, w in zip(problems, wanted, strict=True))
        >= 45
    )
