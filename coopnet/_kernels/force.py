"""Vectorised Fruchterman–Reingold layout for graphs of any size (numpy + scipy).

Forces are those of Fruchterman & Reingold (1991) with ideal distance ``k = 1``:
repulsion ``k² / d`` between every two nodes of the same connected component,
attraction ``d² / k`` along every edge, displacement capped by a temperature that
cools linearly to zero. Components never interact; each is laid out in its own
frame and :func:`pack` arranges them afterwards.

Two kernels compute the repulsion, chosen by component size:

* small components (up to :data:`EXACT_MAX` nodes) are batched into padded
  ``(batch, m, m)`` arrays and their repulsion is summed exactly over all pairs;
* a larger component uses a particle–mesh scheme: node masses are spread on a
  grid (cloud-in-cell), the grid is convolved with the ``d / |d|²`` kernel by FFT
  and the field is read back at the nodes; pairs closer than half a grid cell get
  their exact repulsion on top. Cost per iteration is ``O(n + G² log G)`` instead
  of ``O(n²)``, which keeps 5,000 nodes near a second.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy import fft as sfft
from scipy.sparse.csgraph import shortest_path
from scipy.spatial import cKDTree

#: Components up to this many nodes use the exact all-pairs kernel.
EXACT_MAX = 128
#: Chunk of ``batch * m * m`` cells the exact kernel processes at once (memory bound).
_CHUNK = 1 << 20


#: Components of at least this many nodes start from pivot MDS.
MDS_MIN = 24
#: Starting temperature after a pivot-MDS start, relative to a random start.
MDS_HEAT = 0.3
#: Number of pivots of the MDS start.
PIVOTS = 32


def pivot_mds(n: int, u: np.ndarray, v: np.ndarray, rng) -> np.ndarray:
    """2-D positions of a connected graph from graph distances (Brandes & Pich 2006).

    Breadth-first distances from up to :data:`PIVOTS` pivots chosen farthest-first,
    double-centred, projected on their two main axes: edge length about 1.
    """
    adj = sp.coo_matrix((np.ones(len(u)), (u, v)), shape=(n, n)).tocsr()
    k = min(PIVOTS, n)
    dist = np.empty((k, n))
    nearest = np.full(n, np.inf)
    pivot = int(rng.integers(n))
    for i in range(k):
        dist[i] = shortest_path(adj, directed=False, unweighted=True, indices=pivot)
        nearest = np.minimum(nearest, dist[i])
        pivot = int(np.argmax(nearest))
    d2 = dist**2
    c = -0.5 * (d2 - d2.mean(axis=1, keepdims=True) - d2.mean(axis=0, keepdims=True) + d2.mean())
    _, vecs = np.linalg.eigh(c @ c.T)
    xy = c.T @ vecs[:, [-1, -2]]
    spread = np.sqrt(np.linalg.eigvalsh(c @ c.T)[[-1, -2]].clip(1e-12)) ** 0.5
    xy = xy / spread  # scale so distances match graph distances (see Brandes & Pich)
    return xy + rng.normal(scale=0.05, size=xy.shape)


def iterations_for(n: int) -> int:
    """Number of FR iterations for a component of ``n`` nodes."""
    return 150 if n <= EXACT_MAX else 120


def _cap(disp: np.ndarray, t) -> np.ndarray:
    length = np.maximum(np.sqrt((disp * disp).sum(-1)), 1e-12)
    return disp * (np.minimum(length, t) / length)[..., None]


def fr_exact(
    pos: np.ndarray, adj: np.ndarray, mask: np.ndarray, iterations: int, heat: np.ndarray
) -> np.ndarray:
    """FR on a batch of small components with exact all-pairs repulsion.

    ``pos`` is ``(b, m, 2)``, ``adj`` the ``(b, m, m)`` weighted adjacency and
    ``mask`` ``(b, m)`` marks real (not padding) nodes; ``heat`` ``(b,)`` scales the
    starting temperature (1 from a random start, less from a good one).
    """
    pos = pos.copy()
    pair = mask[:, :, None] & mask[:, None, :]
    pair &= ~np.eye(pos.shape[1], dtype=bool)[None]
    pair = pair.astype(float)
    real = mask[..., None]
    extent = np.where(real, pos, -np.inf).max(axis=1) - np.where(real, pos, np.inf).min(axis=1)
    t0 = heat * 0.1 * extent.max(axis=1) + 0.05
    for it in range(iterations):
        t = t0 * (1.0 - it / iterations)
        diff = pos[:, :, None, :] - pos[:, None, :, :]
        d2 = np.maximum((diff * diff).sum(-1), 1e-8)
        coef = pair / d2 - adj * np.sqrt(d2)
        disp = np.einsum("bij,bijk->bik", coef, diff)
        pos += _cap(disp, t[:, None]) * mask[..., None]
    return pos


def _kernel_fft(g: int) -> tuple[np.ndarray, np.ndarray]:
    off = np.arange(-(g - 1), g, dtype=float)
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[g - 1, g - 1] = np.inf
    shape = (2 * g, 2 * g)
    return sfft.rfft2(dx / r2, shape), sfft.rfft2(dy / r2, shape)


def fr_mesh(
    pos: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    w: np.ndarray,
    iterations: int,
    heat: float,
    progress=None,
) -> np.ndarray:
    """FR on one component with particle–mesh repulsion (see the module notes);
    ``progress(n)`` is called with the organisations moved by each iteration."""
    n = len(pos)
    g = int(min(128, max(32, 2 ** np.ceil(np.log2(2 * np.sqrt(n))))))
    kx, ky = _kernel_fft(g)
    shape = (2 * g, 2 * g)
    crop = (slice(g - 1, 2 * g - 1), slice(g - 1, 2 * g - 1))
    pos = pos.copy()
    t0 = heat * 0.1 * np.ptp(pos, axis=0).max() + 0.05
    for it in range(iterations):
        t = t0 * (1.0 - it / iterations)
        h = max(float(np.ptp(pos, axis=0).max()), 1e-9) / (g - 3)
        grid = (pos - pos.min(axis=0)) / h + 1.0
        cell = np.floor(grid).astype(np.intp)
        fx, fy = (grid - cell).T
        base = cell[:, 0] * g + cell[:, 1]
        corners = (base, base + g, base + 1, base + g + 1)
        weights = ((1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy)
        rho = sum(np.bincount(c, w, g * g) for c, w in zip(corners, weights, strict=True))
        spectrum = sfft.rfft2(rho.reshape(g, g), shape)
        field_x = sfft.irfft2(spectrum * kx, shape)[crop].ravel() / h
        field_y = sfft.irfft2(spectrum * ky, shape)[crop].ravel() / h
        dx = sum(w * field_x[c] for c, w in zip(corners, weights, strict=True))
        dy = sum(w * field_y[c] for c, w in zip(corners, weights, strict=True))
        # exact repulsion for the closest pairs, which the mesh resolves poorly
        a, b = cKDTree(pos).query_pairs(0.5 * h, output_type="ndarray").T
        diff = pos[a] - pos[b]
        f = diff / np.maximum(np.einsum("ij,ij->i", diff, diff), 1e-8)[:, None]
        dx += np.bincount(a, f[:, 0], n) - np.bincount(b, f[:, 0], n)
        dy += np.bincount(a, f[:, 1], n) - np.bincount(b, f[:, 1], n)
        diff = pos[u] - pos[v]
        f = diff * (w * np.sqrt(np.einsum("ij,ij->i", diff, diff)))[:, None]
        dx += np.bincount(v, f[:, 0], n) - np.bincount(u, f[:, 0], n)
        dy += np.bincount(v, f[:, 1], n) - np.bincount(u, f[:, 1], n)
        pos += _cap(np.stack([dx, dy], axis=1), t)
        if progress is not None:
            progress(n)
    return pos


def fruchterman_reingold(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    comp: np.ndarray,
    seed: int,
    w: np.ndarray | None = None,
    progress=None,
) -> np.ndarray:
    """Positions ``(n, 2)`` of nodes ``0..n-1`` with edges ``u–v`` and component labels.

    Each component starts from seeded uniform random positions in a square of
    side ``sqrt(size)`` and is laid out independently (the caller packs them).
    ``w`` multiplies the attraction of each edge (default 1). ``progress(n)`` is
    called as components larger than :data:`EXACT_MAX` are laid out (organisations
    × iterations, see :func:`mesh_work`).
    """
    w = np.ones(len(u)) if w is None else np.asarray(w, dtype=float)
    rng = np.random.default_rng(seed)
    pos = np.zeros((n, 2))
    sizes = np.bincount(comp, minlength=comp.max() + 1 if n else 0)
    start = (rng.random((n, 2)) - 0.5) * np.sqrt(sizes[comp])[:, None]
    order = np.argsort(comp, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    members = [order[bounds[c] : bounds[c + 1]] for c in range(len(sizes))]
    local = np.empty(n, dtype=np.intp)
    for nodes in members:
        local[nodes] = np.arange(len(nodes))
    edge_comp = comp[u]
    heat = np.ones(len(sizes))
    # bigger components start from pivot MDS (graph distances), which untangles
    # them; FR then only refines, from a cooler start
    for c in np.flatnonzero(sizes >= MDS_MIN):
        nodes = members[c]
        e = edge_comp == c
        xy = pivot_mds(len(nodes), local[u[e]], local[v[e]], rng)
        # a small-world graph has a short diameter: spread its start to the area
        # FR will want (as wide as the random start), never squeeze a long one
        xy *= max(1.0, np.sqrt(len(nodes)) / max(float(np.ptp(xy, axis=0).max()), 1e-9))
        start[nodes] = xy
        heat[c] = MDS_HEAT

    small = [c for c in range(len(sizes)) if 1 < sizes[c] <= EXACT_MAX]
    # batch small components by padded size (powers of two) so each batch is one array op
    width = {c: 1 << int(np.ceil(np.log2(sizes[c]))) for c in small}
    for m in sorted(set(width.values())):
        group = [c for c in small if width[c] == m]
        step = max(1, _CHUNK // (m * m))
        for lo in range(0, len(group), step):
            batch = np.asarray(group[lo : lo + step])
            slot = np.full(len(sizes), -1)
            slot[batch] = np.arange(len(batch))
            p = np.zeros((len(batch), m, 2))
            mask = np.zeros((len(batch), m), dtype=bool)
            adj = np.zeros((len(batch), m, m))
            nodes = np.concatenate([members[c] for c in batch])
            p[slot[comp[nodes]], local[nodes]] = start[nodes]
            mask[slot[comp[nodes]], local[nodes]] = True
            e = slot[edge_comp] >= 0
            b, lu, lv = slot[edge_comp[e]], local[u[e]], local[v[e]]
            np.add.at(adj, (b, lu, lv), w[e])
            np.add.at(adj, (b, lv, lu), w[e])
            p = fr_exact(p, adj, mask, iterations_for(m), heat[batch])
            pos[nodes] = p[slot[comp[nodes]], local[nodes]]
    for c in range(len(sizes)):
        if sizes[c] > EXACT_MAX:
            nodes = members[c]
            e = edge_comp == c
            pos[nodes] = fr_mesh(
                start[nodes],
                local[u[e]],
                local[v[e]],
                w[e],
                _mesh_iterations(int(sizes[c]), float(heat[c])),
                float(heat[c]),
                progress,
            )
    return pos


def _mesh_iterations(size: int, heat: float) -> int:
    return iterations_for(size) * (2 if heat == 1 else 1) // 2


def mesh_work(comp: np.ndarray) -> int:
    """Organisations × iterations of the components that :func:`fr_mesh` lays out
    (the total of ``progress`` in :func:`fruchterman_reingold`)."""
    sizes = np.bincount(comp) if len(comp) else np.zeros(0, dtype=np.int64)
    return sum(
        int(s) * _mesh_iterations(int(s), MDS_HEAT if s >= MDS_MIN else 1.0)
        for s in sizes
        if s > EXACT_MAX
    )


def pack(
    pos: np.ndarray,
    comp: np.ndarray,
    *,
    aspect: float,
    gap: float = 1.2,
    room: np.ndarray | None = None,
) -> np.ndarray:
    """Arrange laid-out components in rows so the whole picture has ``aspect`` (w / h).

    Each component is centred, turned so its longer principal axis is horizontal,
    and placed by shelf packing (largest first); rows are justified across the
    width and centred vertically, and the row width is chosen among candidates for
    the bounding box closest to ``aspect`` with the least empty area. ``room``
    (one value per component, in layout units) widens a component's place, half
    on each side, for the names drawn beside it.
    """
    n = len(pos)
    if n == 0:
        return pos
    ncomp = int(comp.max()) + 1
    sizes = np.bincount(comp, minlength=ncomp).astype(float)
    centre = np.stack([np.bincount(comp, pos[:, j], ncomp) for j in (0, 1)], 1) / sizes[:, None]
    p = pos - centre[comp]
    cov = np.zeros((ncomp, 2, 2))
    for i in (0, 1):
        for j in (0, 1):
            cov[:, i, j] = np.bincount(comp, p[:, i] * p[:, j], ncomp)
    _, vecs = np.linalg.eigh(cov)  # ascending: last column is the major axis
    major = vecs[:, :, 1]
    major *= np.where(major[:, 0] < 0, -1.0, 1.0)[:, None]  # deterministic sign
    minor = np.stack([-major[:, 1], major[:, 0]], 1)
    p = np.stack([(p * major[comp]).sum(1), (p * minor[comp]).sum(1)], 1)
    lo = np.full((ncomp, 2), np.inf)
    hi = np.full((ncomp, 2), -np.inf)
    np.minimum.at(lo, comp, p)
    np.maximum.at(hi, comp, p)
    box = hi - lo + gap
    extra = np.zeros(ncomp) if room is None else np.asarray(room, dtype=float)
    box[:, 0] += extra
    order = sorted(range(ncomp), key=lambda c: (-box[c, 1], -sizes[c], c))

    def shelves(width: float):
        rows, row, used = [], [], 0.0
        for c in order:
            if row and used + box[c, 0] > width:
                rows.append(row)
                row, used = [], 0.0
            row.append(c)
            used += box[c, 0]
        rows.append(row)
        return rows

    def extent(rows, width):
        w = max(width, *(sum(box[c, 0] for c in r) for r in rows))
        return w, sum(max(box[c, 1] for c in r) for r in rows)

    area = float((box[:, 0] * box[:, 1]).sum())
    widest = float(box[:, 0].max())
    best = None
    for f in np.linspace(0.6, 2.0, 29):
        width = max(widest, f * np.sqrt(area * aspect))
        rows = shelves(width)
        w, h = extent(rows, width)
        w, h = max(w, h * aspect), max(h, w / aspect)  # the frame it will be shown in
        score = w * h
        if best is None or score < best[0] - 1e-9:
            best = (score, width, rows)
    _, width, rows = best
    w, _ = extent(rows, width)
    offset = np.zeros((ncomp, 2))
    y = 0.0
    for r in rows:
        row_h = max(box[c, 1] for c in r)
        pad = (w - sum(box[c, 0] for c in r)) / len(r)
        x = pad / 2
        for c in r:
            offset[c] = (
                x + gap / 2 + extra[c] / 2 - lo[c, 0],
                y - row_h / 2 - (lo[c, 1] + hi[c, 1]) / 2,
            )
            x += box[c, 0] + pad
        y -= row_h
    return p + offset[comp]
