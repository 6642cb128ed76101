"""Vectorised null models: shuffled sector labels (E–I) and re-paired tie ends (sector pairs)."""

from __future__ import annotations

import numpy as np

_CELLS = 4_000_000  # elements in one chunk of permutations × ties


def label_shuffles(
    u: np.ndarray, v: np.ndarray, groups: np.ndarray, k: int, n_perm: int, rng
) -> tuple[np.ndarray, np.ndarray]:
    """Ties inside / leaving each group when the labels are shuffled over the nodes.

    Returns ``(internal, external)``, both ``(n_perm, k)``: for each permutation of
    ``groups`` over the nodes (group sizes kept), the number of ties ``u – v`` with
    both ends in group ``g`` and the number with exactly one end in ``g``.
    """
    n, m = len(groups), len(u)
    internal = np.zeros((n_perm, k), dtype=np.int64)
    external = np.zeros((n_perm, k), dtype=np.int64)
    chunk = int(max(1, min(n_perm, _CELLS // max(m + n, 1))))
    for start in range(0, n_perm, chunk):
        b = min(chunk, n_perm - start)
        labels = rng.permuted(np.tile(groups, (b, 1)), axis=1)
        gu, gv = labels[:, u], labels[:, v]
        same = gu == gv
        row = np.arange(b)[:, None] * k
        ku, kv = (row + gu), (row + gv)
        internal[start : start + b] = np.bincount(ku[same], minlength=b * k).reshape(b, k)
        external[start : start + b] = (
            np.bincount(ku[~same], minlength=b * k) + np.bincount(kv[~same], minlength=b * k)
        ).reshape(b, k)
    return internal, external


def pair_index(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of unordered pairs ``a <= b``: ``(code[a, b], a_of_code, b_of_code)``."""
    a, b = np.triu_indices(k)
    code = np.full((k, k), -1, dtype=np.int64)
    code[a, b] = np.arange(len(a))
    code[b, a] = np.arange(len(a))
    return code, a, b


def rematched_tables(ends: np.ndarray, m: int, n_perm: int, rng) -> np.ndarray:
    """Sector-pair counts of ``m`` ties after re-pairing their ``2m`` ends at random.

    ``ends[g]`` is the number of tie ends in group ``g`` (``ends.sum() == 2m``).
    A uniformly random perfect matching of the ends is drawn without listing
    them: the groups of the "first" ends are a multivariate hypergeometric draw
    of ``m`` from ``ends``, and each group's partners a hypergeometric draw from
    the ends left over. Returns ``(n_perm, k * (k + 1) // 2)`` counts per
    unordered pair (see :func:`pair_index`).
    """
    k = len(ends)
    out = np.zeros((n_perm, k * (k + 1) // 2), dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if m == 0:
        return out
    upper = np.triu_indices(k)
    for p in range(n_perm):
        first = rng.multivariate_hypergeometric(ends, m)
        remaining = ends - first
        table = np.zeros((k, k), dtype=np.int64)
        for g in np.flatnonzero(first):
            row = rng.multivariate_hypergeometric(remaining, int(first[g]))
            table[g] = row
            remaining -= row
        table = np.triu(table + table.T) - np.diag(np.diag(table))
        out[p] = table[upper]
    return out


def case_counts(tables: np.ndarray, case: np.ndarray, n_cases: int, rng) -> np.ndarray:
    """Cases containing each pair, when a table's ties are dealt to partnerships at random.

    ``tables[p]`` holds how many of the ``m`` partnerships get each pair code;
    they are shuffled over the partnerships (whose cases are ``case``) and each
    case counts once per pair code it receives.
    """
    n_perm, n_codes = tables.shape
    m = len(case)
    out = np.zeros_like(tables)
    if m == 0:
        return out
    order = np.argsort(case, kind="stable")
    base = case[order].astype(np.int64) * n_codes
    codes = np.arange(n_codes, dtype=np.int64)
    index = np.arange(m, dtype=np.int64)
    use_scratch = n_cases * n_codes <= 50_000_000
    scratch = np.empty(n_cases * n_codes if use_scratch else 0, dtype=np.int64)
    for p in range(n_perm):
        dealt = np.repeat(codes, tables[p])
        rng.shuffle(dealt)
        key = base + dealt
        if use_scratch:
            scratch[key] = index  # the last partnership with each (case, pair) wins
            distinct = dealt[scratch[key] == index]
        else:  # pragma: no cover - only for very many cases and sectors
            distinct = np.unique(key) % n_codes
        out[p] = np.bincount(distinct, minlength=n_codes)
    return out
