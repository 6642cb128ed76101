"""Vectorised null models: shuffled sector labels (E–I, co-participation) and re-paired
tie ends (sector pairs of partnerships)."""

from __future__ import annotations

import numpy as np


def _small(values: np.ndarray, upper: int) -> np.ndarray:
    """``values`` in the smallest integer type that holds ``0..upper`` (less memory traffic)."""
    for dtype in (np.int8, np.int16, np.int32):
        if upper <= np.iinfo(dtype).max:
            return values.astype(dtype)
    return values.astype(np.int64)


def label_shuffles(
    u: np.ndarray, v: np.ndarray, groups: np.ndarray, k: int, n_perm: int, rng
) -> tuple[np.ndarray, np.ndarray]:
    """Ties inside / leaving each group when the labels are shuffled over the nodes.

    Returns ``(internal, external)``, both ``(n_perm, k)``: for each permutation of
    ``groups`` over the nodes (group sizes kept), the number of ties ``u – v`` with
    both ends in group ``g`` and the number with exactly one end in ``g``
    (a group's tie ends are ``2 * internal + external``).
    """
    n = len(groups)
    internal = np.zeros((n_perm, k), dtype=np.int64)
    external = np.zeros((n_perm, k), dtype=np.int64)
    degree = np.bincount(np.r_[u, v], minlength=n).astype(np.float64)
    labels = _small(groups, k)
    for p in range(n_perm):
        lab = rng.permutation(labels)
        gu, gv = lab[u], lab[v]
        inside = np.bincount(gu[gu == gv], minlength=k)
        ends = np.bincount(lab, weights=degree, minlength=k).round().astype(np.int64)
        internal[p] = inside
        external[p] = ends - 2 * inside
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


_SMALL_CASE = 10  # cases up to this many partnerships compare codes directly (faster)


def case_counts(tables: np.ndarray, case: np.ndarray, rng) -> np.ndarray:
    """Cases containing each pair, when a table's ties are dealt to partnerships at random.

    ``tables[p]`` holds how many of the ``m`` partnerships get each pair code;
    they are dealt uniformly at random over the partnerships (whose cases are
    ``case``) and each case counts once per pair code it receives. Only the
    cases' sizes matter, so the shuffled codes are laid out size class by size
    class: the ``N`` cases with ``s`` partnerships take a block of ``s * N``.
    Small cases compare their codes directly (block as ``(s, N)``: row ``j``
    holds every case's ``j``-th code); larger ones sort each case's codes
    (block as ``(N, s)``) and keep the first of each run.
    """
    n_perm, n_codes = tables.shape
    m = len(case)
    out = np.zeros_like(tables)
    if m == 0:
        return out
    sizes = np.bincount(np.bincount(case))  # sizes[s]: cases with s partnerships
    classes = [(s, int(sizes[s])) for s in range(1, len(sizes)) if sizes[s]]
    codes = np.arange(n_codes, dtype=np.int64)  # numpy shuffles 8-byte items fastest
    # A fast generator for the shuffles, seeded from the caller's (reproducible).
    fast = np.random.Generator(np.random.SFC64(rng.integers(2**63)))
    for p in range(n_perm):
        shuffled = np.repeat(codes, tables[p])
        fast.shuffle(shuffled)
        dealt = _small(shuffled, n_codes)  # compare one byte per code, not eight
        kept = []
        at = 0
        for s, n in classes:
            block = dealt[at : at + s * n]
            at += s * n
            if s <= _SMALL_CASE:
                rows = block.reshape(s, n)
                kept.append(rows[0])
                for j in range(1, s):
                    new = rows[0] != rows[j]
                    for i in range(1, j):
                        new &= rows[i] != rows[j]
                    kept.append(rows[j][new])
            else:
                runs = np.sort(block.reshape(n, s), axis=1)
                first = np.ones((n, s), dtype=bool)
                np.not_equal(runs[:, 1:], runs[:, :-1], out=first[:, 1:])
                kept.append(runs[first])
        out[p] = np.bincount(np.concatenate(kept), minlength=n_codes)
    return out


def _pair_counts(presence: np.ndarray, twice: np.ndarray) -> np.ndarray:
    """Cases holding each unordered sector pair, from per-case presence (``(c, k)``
    bool) and "at least two" (same shape); the diagonal counts ``twice``."""
    # float64 multiplies through BLAS (integer matrices do not), exactly below 2**53
    p = presence.astype(np.float64)
    both = (p.T @ p).astype(np.int64)
    a, b = np.triu_indices(presence.shape[1])
    return np.where(a == b, twice.sum(axis=0)[a], both[a, b])


def co_participation_counts(case: np.ndarray, sector: np.ndarray, n_cases: int, k: int):
    """Cases in which each unordered pair of sectors takes part (codes of
    :func:`pair_index`): ``case[i]``, ``sector[i]`` per participation."""
    table = np.bincount(case * k + sector, minlength=n_cases * k).reshape(n_cases, k)
    return _pair_counts(table > 0, table >= 2)


def co_participation_expected(size: np.ndarray, n: int, case_sizes: np.ndarray) -> np.ndarray:
    """Exact expectation of :func:`co_participation_counts` when sector labels are
    shuffled over ``n`` organisations (``size[g]`` per sector) and each case
    keeps its ``case_sizes`` participants (hypergeometric draws, see
    :func:`coopnet.sector_pairs`)."""
    from scipy.special import gammaln

    def log_comb(a, b):
        return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)

    def none_of(x, s):  # P(no participant among x given organisations)
        with np.errstate(invalid="ignore"):
            out = np.exp(log_comb(n - x, s) - log_comb(n, s))
        return np.where(n - x >= s, out, 0.0)

    k = len(size)
    a, b = np.triu_indices(k)
    sizes, counts = np.unique(case_sizes[case_sizes > 0], return_counts=True)
    expected = np.zeros(len(a))
    for s, times in zip(sizes.astype(float), counts, strict=True):
        na, nb = size[a].astype(float), size[b].astype(float)
        pair = 1 - none_of(na, s) - none_of(nb, s) + none_of(na + nb, s)
        with np.errstate(invalid="ignore"):
            one = np.where(
                (na >= 1) & (n - na >= s - 1),
                na * np.exp(log_comb(n - na, s - 1) - log_comb(n, s)),
                0.0,
            )
        twice = 1 - none_of(na, s) - one
        expected += times * np.where(a == b, twice, pair)
    return expected


#: Up to this many sectors, the shuffles count sector sets as bit masks (2**k of them).
_MASK_SECTORS = 16


def co_participation_shuffles(
    case: np.ndarray,
    org: np.ndarray,
    sector: np.ndarray,
    n_cases: int,
    k: int,
    n_perm: int,
    rng,
) -> np.ndarray:
    """``(n_perm, k (k + 1) / 2)`` co-participation counts with the sector labels
    shuffled over the organisations (sector sizes kept).

    Each shuffle turns every case into two bit masks of sectors, those present and
    those present at least twice, gathered case size by case size (an ``(s, n)``
    block of organisations for the ``n`` cases of ``s`` participants), and counts
    pairs from the histogram of the masks: ``O(participations + 2**k k**2)`` per
    shuffle rather than a ``cases × k`` table (70,000 cases: about 2 ms, not 40).
    """
    out = np.zeros((n_perm, k * (k + 1) // 2), dtype=np.int64)
    labels = _small(sector, k)
    if k > _MASK_SECTORS:
        base = case.astype(np.int64) * k
        for p in range(n_perm):
            lab = rng.permutation(labels)
            table = np.bincount(base + lab[org], minlength=n_cases * k).reshape(n_cases, k)
            out[p] = _pair_counts(table > 0, table >= 2)
        return out
    order = np.argsort(case, kind="stable")
    size = np.bincount(case, minlength=n_cases)
    of_size = size[case[order]]
    # cases of one participant hold no pair (and no sector twice): left out
    blocks = [
        np.ascontiguousarray(org[order][of_size == s].reshape(-1, s).T)
        for s in np.unique(size[size >= 2])
    ]
    if not blocks:
        return out
    bits = ((np.arange(2**k)[:, None] >> np.arange(k)) & 1).astype(np.float64)
    a, b = np.triu_indices(k)
    for p in range(n_perm):
        bit = np.left_shift(np.int32(1), rng.permutation(labels).astype(np.int32))
        present, twice = [], []
        for block in blocks:
            member = bit[block]
            seen = member[0].copy()
            again = np.zeros_like(seen)
            for row in member[1:]:
                again |= seen & row
                seen |= row
            present.append(seen)
            twice.append(again)
        hp = np.bincount(np.concatenate(present), minlength=2**k).astype(np.float64)
        ht = np.bincount(np.concatenate(twice), minlength=2**k).astype(np.float64)
        both = bits.T @ (hp[:, None] * bits)
        out[p] = np.where(a == b, (ht @ bits)[a], both[a, b])
    return out
