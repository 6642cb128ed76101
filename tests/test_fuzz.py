"""Mutated copies of the bundled files load correctly or give a DataError, never anything else.

A fixed seed makes a few hundred mutations of ``data/orgs.csv`` and
``data/edges.csv``: flipped bytes, truncation, inserted control and odd characters,
quotes and separators, duplicated and deleted lines, other encodings; one or two
of them to a file. Every mutation must give a ``Network`` whose text is clean, or a
``DataError`` whose problems point at lines that exist.
"""

from __future__ import annotations

import random
import re

import pytest

import coopnet as cn

SEED = 17
N_MUTATIONS = 360
ODD = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\x9b", "\u2028", "\x0b", "\x0c", "\x1c",
       "\ufeff", "\u200b", "\u00ad", "\ufffe", "\r", "\n", "\r\n", '"', ",", "\t", "　", "ｊａ"]  # fmt: skip
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u2028\u2029]"
)
INVISIBLE = re.compile("[\ufeff\u200b-\u200d\u2060\u00ad]")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(9)
    if kind == 0:  # flip bytes
        buf = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 1:  # truncate
        return data[: rng.randrange(len(data))]
    if kind in (2, 3):  # insert odd characters (as UTF-8)
        text = data.decode("utf-8", errors="replace")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(ODD) + text[i:]
        return text.encode("utf-8")
    if kind == 4:  # duplicate or delete lines
        lines = _lines(data)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines.insert(i, lines[i])
            elif len(lines) > 1:
                del lines[i]
        return b"".join(lines)
    if kind == 5:  # another encoding, line end or BOM
        text = data.decode("utf-8", errors="replace")
        if rng.random() < 0.5:
            text = text.replace("\n", "\r\n")
        encoding = rng.choice(["utf-8-sig", "utf-16", "utf-32", "cp932", "utf-16-le", "latin-1"])
        return text.encode(encoding, errors="replace")
    if kind == 6:  # blank lines or junk before the header
        return rng.choice([b"\n", b"\r\n", b"\xef\xbb\xbf\n", b"  \n", b",,,\n", b"\x00\n"]) + data
    if kind == 7:  # a huge cell
        lines = _lines(data)
        i = rng.randrange(1, len(lines))
        lines[i] = lines[i].replace(b",", b',"' + b"x" * 140_000 + b'",', 1)
        return b"".join(lines)
    # swap two random lines' cells around
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i] = lines[j].rstrip(b"\r\n") + b"," + lines[i]
    return b"".join(lines)


def _check_network(net) -> None:
    for frame in (net.orgs.reset_index(), net.edges):
        for col in frame.columns:
            for value in frame[col]:
                if isinstance(value, str):
                    assert not FORBIDDEN.search(value), (col, value)
                    assert not INVISIBLE.search(value), (col, value)
    assert net.orgs.index.is_unique
    assert set(net.edges["source"]) | set(net.edges["target"]) <= set(net.orgs.index)


def _check_error(err: cn.DataError, sizes: dict[str, int]) -> None:
    text = str(err)
    assert text.startswith(f"{len(err.problems)} problem")
    assert len(text) < 60_000
    for p in err.problems:
        assert p.file in sizes, p
        if p.line is not None:
            assert 1 <= p.line <= sizes[p.file] + 1, (p, sizes[p.file])


@pytest.fixture(scope="module")
def originals():
    orgs, edges = cn.sample_paths()
    return orgs.read_bytes(), edges.read_bytes()


@pytest.mark.filterwarnings("error")  # a warning (pandas dropping data) is a failure too
def test_mutated_files_load_or_give_a_data_error(tmp_path, originals):
    rng = random.Random(SEED)
    outcomes = {"loaded": 0, "DataError": 0}
    o, e = tmp_path / "orgs.csv", tmp_path / "edges.csv"
    for n in range(N_MUTATIONS):
        orgs, edges = originals
        for _ in range(rng.randint(1, 2)):  # one or two mutations of a file, combined
            if n % 3 != 1:
                orgs = _mutate(orgs, rng)
            if n % 3 != 0:
                edges = _mutate(edges, rng)
        o.write_bytes(orgs)
        e.write_bytes(edges)
        sizes = {str(o): len(_lines(orgs)), str(e): len(_lines(edges))}
        try:
            net = cn.read_csv(o, e)
        except cn.DataError as err:
            _check_error(err, sizes)
            outcomes["DataError"] += 1
        except Exception as exc:  # pragma: no cover - the failure being looked for
            (tmp_path / "failed-orgs.csv").write_bytes(orgs)
            (tmp_path / "failed-edges.csv").write_bytes(edges)
            raise AssertionError(f"mutation {n}: {type(exc).__name__}: {exc}") from exc
        else:
            _check_network(net)
            outcomes["loaded"] += 1
    # both outcomes occur, so the mutations are neither all harmless nor all fatal
    assert min(outcomes.values()) > N_MUTATIONS // 10, outcomes
