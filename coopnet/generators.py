"""Synthetic partnership networks shaped like Japan's, for tests and benchmarks.

The generator is vectorised (numpy): 50,000 organisations and about 250,000
partnerships take a couple of seconds. Its tables pass through the same
validation as :func:`coopnet.read_csv`, so a synthetic network is valid by the
same checks as a user's files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import taxonomy
from ._checks import check_count
from ._io.csvfile import Table
from ._io.validate import validate
from .network import Network
from .prefectures import NAMES, PREFECTURES

__all__ = ["CASE_SIZES", "SECTOR_SHARES", "synthetic"]

#: Share of organisations per sector: many JA, 生協, JF, 森林組合 and municipalities,
#: fewer companies, a few councils. Sums to 1.
SECTOR_SHARES: dict[str, float] = {
    "JA": 0.17,
    "生協": 0.13,
    "JF": 0.13,
    "森林組合": 0.10,
    "行政": 0.22,
    "企業": 0.08,
    "社会福祉協議会": 0.05,
    "協同組合連携組織": 0.02,
    "その他協同組合": 0.04,
    "NPO・市民団体": 0.04,
    "教育・研究": 0.02,
}

#: Probability of a case having 2, 3, 4, 5 or 6 organisations.
CASE_SIZES: dict[int, float] = {2: 0.35, 3: 0.25, 4: 0.18, 5: 0.12, 6: 0.10}

# sector -> (id prefix, Japanese name, English name, how active in partnerships)
_STYLE: dict[str, tuple[str, str, str, float]] = {
    "JA": ("ja", "JA{stem}{n}", "JA {en} {n}", 1.5),
    "生協": ("coop", "コープ{stem}{n}", "Co-op {en} {n}", 1.5),
    "JF": ("jf", "{stem}{n}漁協", "{en} Fisheries Co-op {n}", 1.0),
    "森林組合": ("forest", "{stem}{n}森林組合", "{en} Forest Owners' Co-op {n}", 0.8),
    "行政": ("gov", "{stem}{n}市", "{en} City {n}", 1.0),
    "企業": ("co", "株式会社{stem}{n}", "{en} Company {n}", 0.6),
    "社会福祉協議会": ("swc", "{stem}{n}社会福祉協議会", "{en} Social Welfare Council {n}", 0.8),
    "協同組合連携組織": ("council", "{stem}協同組合連携協議会{n}", "{en} Co-op Council {n}", 4.0),
    "その他協同組合": ("oc", "{stem}{n}労働者協同組合", "{en} Workers' Co-op {n}", 0.6),
    "NPO・市民団体": ("npo", "NPO法人{stem}{n}", "{en} NPO {n}", 0.6),
    "教育・研究": ("edu", "{stem}{n}大学", "{en} University {n}", 0.7),
}

# National bodies (no prefecture) link cases across prefectures.
_NATIONAL: tuple[tuple[str, str, str], ...] = (
    ("協同組合連携組織", "全国協同組合連携機構", "National Co-op Alliance"),
    ("JA", "全国農協連合会", "National JA Federation"),
    ("生協", "全国生協連合会", "National Consumer Co-op Union"),
    ("JF", "全国漁協連合会", "National JF Federation"),
    ("森林組合", "全国森林組合連合会", "National Forest Owners' Co-op Federation"),
    ("社会福祉協議会", "全国社会福祉協議会", "National Social Welfare Council"),
    ("その他協同組合", "全国労働者協同組合連合会", "National Workers' Co-op Federation"),
)

_TYPE_SHARES = np.array([0.18, 0.20, 0.26, 0.16, 0.12, 0.08])  # in taxonomy.TYPES order
_TYPE_WORDS = ("産直提携", "共同事業", "地域づくり", "協同組合フェスタ", "災害支援", "合同研修")
_DISASTER_YEARS = np.array([1995, 2004, 2011, 2011, 2011, 2016, 2018, 2024])
_FIRST_YEAR, _LAST_YEAR = 1970, 2025
_CROSS_SHARE = 0.08  # cases led by a national body, members from anywhere
_EXTRA_PAIR = 0.4  # chance that two non-lead members of a case partner directly
_OTHER_TYPE = 0.15  # chance that a partnership's type differs from its case's
_REPEAT = 0.06  # chance that a pair partners again in a later year within the case
_NO_YEAR = 0.04  # partnerships whose start year is not on file
_SLOTS = 10  # draws per case from which up to six distinct members are kept


def _allocate(n: int, shares: np.ndarray) -> np.ndarray:
    """Split ``n`` into integer counts proportional to ``shares`` (largest remainder)."""
    raw = shares * n
    counts = np.floor(raw).astype(int)
    short = n - counts.sum()
    counts[np.argsort(-(raw - counts), kind="stable")[:short]] += 1
    return counts


def _orgs(n: int, rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Organisations frame (strings), prefecture code (-1 national), activity weight."""
    sectors = list(SECTOR_SHARES)
    counts = _allocate(n, np.array(list(SECTOR_SHARES.values())))
    sector = rng.permutation(np.repeat(np.arange(len(sectors)), counts))

    n_nat = int(np.clip(round(n / 500), 1, 3 * len(_NATIONAL)))
    national = np.zeros(n, dtype=bool)
    nat_name, nat_en = [""] * n, [""] * n
    for i in range(n_nat):
        s, ja, en = _NATIONAL[i % len(_NATIONAL)]
        round_ = i // len(_NATIONAL)
        candidates = np.flatnonzero((sector == sectors.index(s)) & ~national)
        if len(candidates) == 0:
            continue
        org = candidates[0]
        national[org] = True
        nat_name[org] = ja if round_ == 0 else f"{ja}{round_ + 1}"
        nat_en[org] = en if round_ == 0 else f"{en} {round_ + 1}"

    pop = np.array([p.population for p in PREFECTURES])
    landlocked = np.array([p.landlocked for p in PREFECTURES])
    weight = np.sqrt(pop)  # rural prefectures have many co-ops for their size
    pref = np.full(n, -1)
    for is_jf in (False, True):
        w = weight * np.where(landlocked, 0.25, 1.0) if is_jf else weight
        rows = np.flatnonzero(~national & ((sector == sectors.index("JF")) == is_jf))
        pref[rows] = rng.choice(len(PREFECTURES), size=len(rows), p=w / w.sum())

    number = pd.DataFrame({"s": sector, "p": pref}).groupby(["s", "p"]).cumcount().to_numpy() + 1
    ids, names, names_en = [], [], []
    for s_code, p_code, num, nname, nen in zip(sector, pref, number, nat_name, nat_en, strict=True):
        prefix, ja, en, _ = _STYLE[sectors[s_code]]
        if p_code < 0:
            ids.append(f"{prefix}-00-{num:05d}")
            names.append(nname)
            names_en.append(nen)
            continue
        stem, pen = PREFECTURES[p_code].short, PREFECTURES[p_code].romaji
        ids.append(f"{prefix}-{p_code + 1:02d}-{num:05d}")
        names.append(ja.format(stem=stem, n=num))
        names_en.append(en.format(en=pen, n=num))
    pref_names = np.array([*NAMES, ""], dtype=object)
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": names,
            "name_en": names_en,
            "sector": np.array(sectors, dtype=object)[sector],
            "prefecture": pref_names[pref],
            "note": np.where(national, "national body", ""),
        },
        dtype=str,  # the dtype read_csv gives text
    )
    factor = np.array([_STYLE[s][3] for s in sectors])
    activity = rng.lognormal(0.0, 0.6, n) * factor[sector]
    return frame, pref, activity


def _pick(draws: np.ndarray, size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep the first ``size`` distinct values of each row of ``draws``, left-aligned."""
    valid = np.ones(draws.shape, dtype=bool)
    for j in range(1, draws.shape[1]):
        valid[:, j] = ~(draws[:, :j] == draws[:, j : j + 1]).any(axis=1)
    keep = valid & (np.cumsum(valid, axis=1) <= size[:, None])
    order = np.argsort(~keep, axis=1, kind="stable")[:, : max(CASE_SIZES)]
    return np.take_along_axis(draws, order, axis=1), keep.sum(axis=1)


def _members(
    n_cases: int, pref: np.ndarray, activity: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Members of each case (rows, left-aligned, lead first), their count, case prefecture."""
    sizes = np.array(list(CASE_SIZES))
    want = rng.choice(sizes, size=n_cases, p=np.array(list(CASE_SIZES.values())))
    national = np.flatnonzero(pref < 0)
    local = np.flatnonzero(pref >= 0)
    local = local[np.argsort(pref[local], kind="stable")]
    cw = np.cumsum(activity[local])
    starts = np.searchsorted(pref[local], np.arange(len(PREFECTURES) + 1))
    c_lo = np.concatenate([[0.0], cw])[starts[:-1]]
    c_hi = np.concatenate([[0.0], cw])[starts[1:]]
    totals = c_hi - c_lo

    cross = (rng.random(n_cases) < _CROSS_SHARE) & (len(national) > 0) & (len(local) > 0)
    case_pref = np.where(
        cross, -1, rng.choice(len(PREFECTURES), size=n_cases, p=totals / totals.sum())
    )
    u = rng.random((n_cases, _SLOTS))
    p = np.maximum(case_pref, 0)
    value = np.where(cross[:, None], u * cw[-1], c_lo[p, None] + u * totals[p, None])
    slot = np.minimum(np.searchsorted(cw, value, side="right"), len(local) - 1)
    draws = local[slot]
    if cross.any():
        nat_w = np.cumsum(activity[national])
        lead = np.searchsorted(nat_w, rng.random(int(cross.sum())) * nat_w[-1], side="right")
        draws[cross, 0] = national[np.minimum(lead, len(national) - 1)]
    members, got = _pick(draws, want)
    # A case in a prefecture with a single organisation becomes a nationwide one.
    for _ in range(100):
        short = np.flatnonzero(got < 2)
        if len(short) == 0:
            break
        redraw = rng.integers(0, len(pref), size=(len(short), _SLOTS))
        members[short], got[short] = _pick(redraw, want[short])
        case_pref[short] = -1
    else:  # pragma: no cover - needs a pathological activity vector
        raise RuntimeError("could not draw two distinct organisations for every case")

    # The most active member (a national body when there is one) leads the case.
    valid = np.arange(members.shape[1]) < got[:, None]
    act = np.where(valid, activity[members], -np.inf)
    act = np.where(valid & (pref[members] < 0), np.inf, act)
    lead = np.argmax(act, axis=1)
    rows = np.arange(n_cases)
    first = members[:, 0].copy()
    members[:, 0] = members[rows, lead]
    members[rows, lead] = first
    return members, got, case_pref


def _case_types(members, got, sector_code, rng) -> np.ndarray:
    """Type of each case: base shares, nudged by who takes part."""
    sectors = list(SECTOR_SHARES)
    valid = np.arange(members.shape[1]) < got[:, None]
    present = sector_code[members]

    def has(*names):
        codes = [sectors.index(s) for s in names]
        return (np.isin(present, codes) & valid).any(axis=1)

    ctype = rng.choice(len(_TYPE_SHARES), size=len(got), p=_TYPE_SHARES)
    nudges = (
        (has("生協") & has("JA", "JF", "森林組合"), 0, 0.5),  # 産消提携型
        (has("社会福祉協議会", "行政", "NPO・市民団体"), 2, 0.3),  # 地域連携型
        (has("教育・研究"), 3, 0.4),  # 学習会・イベント型
        (has("協同組合連携組織") & (got >= 4), 5, 0.2),  # 人事育成型
    )
    for mask, t, prob in nudges:
        ctype = np.where(mask & (rng.random(len(got)) < prob), t, ctype)
    return ctype


def _case_years(ctype: np.ndarray, rng) -> np.ndarray:
    """Start year of each case: recent ones more likely; disaster relief follows disasters."""
    span = _LAST_YEAR - _FIRST_YEAR
    year = _LAST_YEAR - np.minimum(np.floor(rng.exponential(12.0, len(ctype))), span)
    disaster = (ctype == 4) & (rng.random(len(ctype)) < 0.6)
    year = np.where(disaster, rng.choice(_DISASTER_YEARS, size=len(ctype)), year)
    return year.astype(int)


def _edges(members, got, ctype, cyear, rng) -> dict[str, np.ndarray]:
    """One row per partnership: the lead with every member, some members with each other."""
    width = members.shape[1]
    i, j = np.triu_indices(width, k=1)
    n_cases = len(got)
    take = (j[None, :] < got[:, None]) & (
        (i[None, :] == 0) | (rng.random((n_cases, len(i))) < _EXTRA_PAIR)
    )
    case, pair = np.nonzero(take)
    src, tgt = members[case, i[pair]], members[case, j[pair]]
    # Some pairs partner again later in the same case (a second row, later year).
    again = np.flatnonzero(rng.random(len(case)) < _REPEAT)
    order = np.argsort(np.concatenate([np.arange(len(case)), again]), kind="stable")
    gap = np.concatenate([np.zeros(len(case), int), rng.integers(1, 6, len(again))])[order]
    case, src, tgt = (np.concatenate([a, a[again]])[order] for a in (case, src, tgt))

    etype = ctype[case]
    other = rng.random(len(case)) < _OTHER_TYPE
    etype = np.where(other, rng.integers(0, len(_TYPE_SHARES), len(case)), etype)
    delay = rng.geometric(0.6, len(case)) - 1
    year = np.minimum(cyear[case] + delay + gap, _LAST_YEAR)
    year = np.where(rng.random(len(case)) < _NO_YEAR, 0, year)
    return {"case": case, "src": src, "tgt": tgt, "type": etype, "year": year}


def synthetic(n_orgs: int, *, n_cases: int | None = None, seed: int = 0) -> Network:
    """A synthetic partnership network shaped like Japan's co-operative sector.

    Organisations get sectors in fixed shares (:data:`SECTOR_SHARES`: many JA,
    生協, JF, 森林組合 and municipalities, fewer companies, a few councils) and are
    spread over the 47 prefectures (more in populous ones; fewer JF inland).
    A few national bodies (prefecture left empty) lead cases that link
    prefectures. Each case has 2–6 organisations (:data:`CASE_SIZES`), mostly
    from one prefecture and chosen by how active they are; its lead partners
    with every member and other members partner with each other at random.
    Cases get one of the six partnership types (producer–consumer when a
    生協 meets a producer more often, and so on) and a start year between 1970
    and 2025, recent years being more likely.

    Parameters
    ----------
    n_orgs : int
        Number of organisations (at least 2). 300 is about a prefecture, 5,000 a
        national federation's records.
    n_cases : int, optional
        Number of cases; by default 1.4 per organisation, which gives about five
        partnerships per organisation (50,000 organisations: about 250,000).
    seed : int, default 0
        Seed of the random generator; the same seed gives the same network.

    Returns
    -------
    Network
        Valid by the same checks as :func:`coopnet.read_csv` (its tables pass
        through the same validation), so ``write_csv`` then ``read_csv`` gives
        it back unchanged.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.synthetic(300, seed=1)
    >>> len(net.orgs), net.edges["case"].nunique()
    (300, 420)
    >>> cn.synthetic(300, seed=1).edges.equals(net.edges)  # same seed, same network
    True
    """
    n_orgs = check_count(n_orgs, "n_orgs", 2)
    n_cases = round(1.4 * n_orgs) if n_cases is None else check_count(n_cases, "n_cases", 1)
    rng = np.random.default_rng(seed)

    orgs, pref, activity = _orgs(n_orgs, rng)
    sector_code = pd.Categorical(orgs["sector"], categories=list(SECTOR_SHARES)).codes
    members, got, case_pref = _members(n_cases, pref, activity, rng)
    ctype = _case_types(members, got, sector_code, rng)
    cyear = _case_years(ctype, rng)
    e = _edges(members, got, ctype, cyear, rng)

    types = np.array(list(taxonomy.TYPES), dtype=object)
    place = [NAMES[p] if p >= 0 else "全国" for p in case_pref]
    case_names = np.array(
        [
            f"C{k + 1:06d} {where} {_TYPE_WORDS[t]}"
            for k, (where, t) in enumerate(zip(place, ctype, strict=True))
        ],
        dtype=object,
    )
    # Year strings and evidence through small lookup tables (type x year).
    years = np.arange(_FIRST_YEAR, _LAST_YEAR + 1)
    year_text = np.array(["", *map(str, years)], dtype=object)
    ycode = np.where(e["year"] > 0, e["year"] - _FIRST_YEAR + 1, 0)
    evidence = np.array(
        [[f"{w}({y}年〜)" if y else w for y in ["", *map(str, years)]] for w in _TYPE_WORDS],
        dtype=object,
    )
    ids = orgs["id"].to_numpy()
    edges = pd.DataFrame(
        {
            "source": ids[e["src"]],
            "target": ids[e["tgt"]],
            "type": types[e["type"]],
            "case": case_names[e["case"]],
            "year": year_text[ycode],
            "evidence": evidence[e["type"], ycode],
        },
        dtype=str,
    )
    tables = validate(
        Table.from_frame("synthetic orgs", orgs),
        Table.from_frame("synthetic edges", edges),
        strict=True,
    )
    return Network(*tables, name=f"synthetic({n_orgs}, seed={seed})")
