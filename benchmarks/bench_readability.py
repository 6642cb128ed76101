"""Where a map of every organisation stops being readable: label coverage and ink.

For synthetic networks of growing size, ``plot_map(level="organisations")`` is
asked to name every organisation; *label coverage* is the share it can name
without overlap (labels never overlap each other or a marker), *ink* the share
of the map's pixels that are not white. ``plot_map(level="auto")`` switches to
the summary map where coverage falls below about one in ten
(``coopnet._draw.groupmap.GROUPS_ABOVE``). A section of RESULTS.md.
"""

from __future__ import annotations

import harness
import numpy as np
from harness import Context, clock

import coopnet as cn
from coopnet._draw.groupmap import GROUPS_ABOVE

ORDER = 55
TARGETS: list[tuple] = []
SIZES = (100, 200, 300, 500, 1_000, 2_000, 5_000)


def measure(n: int) -> tuple[float, float, float]:
    """(label coverage, ink share, seconds) of the map of ``cn.synthetic(n)``."""
    import matplotlib.pyplot as plt

    net = cn.synthetic(n, seed=0)

    def draw():
        ax = cn.plot_map(net, labels=len(net.orgs), legend=False, level="organisations")
        ax.figure.canvas.draw()
        return ax

    seconds, ax = clock(draw)
    fig = ax.figure
    named = sum(1 for t in ax.texts if (t.get_gid() or "").startswith("coopnet:label:"))
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
    x0, y0, x1, y1 = ax.get_window_extent().extents.astype(int)
    height = pixels.shape[0]
    crop = pixels[height - y1 : height - y0, x0:x1]
    ink = float((np.abs(crop - 255).sum(axis=2) > 30).mean())
    plt.close(fig)
    return named / n, ink, seconds


def run(ctx: Context) -> None:
    import matplotlib

    matplotlib.use("Agg")
    sizes = SIZES if not ctx.args.quick else SIZES[:5]
    lines = [
        "`cn.plot_map(cn.synthetic(n, seed=0), labels=n, legend=False, "
        "level='organisations')` on a 16:9 slide: label coverage = organisations named "
        "without overlap / n; ink = share of the map's pixels that are not white. "
        f"`level='auto'` draws the summary map (groups) above {GROUPS_ABOVE:,} organisations.",
        "",
        "| organisations | label coverage | ink | time to draw |",
        "|---|---|---|---|",
    ]
    for n in sizes:
        coverage, ink, seconds = measure(n)
        lines.append(f"| {n:,} | {coverage:.0%} | {ink:.0%} | {seconds:.1f} s |")
        print(f"   {n:6,d}  coverage {coverage:.1%}  ink {ink:.1%}  {seconds:.1f} s", flush=True)
    ctx.section("Readability of a map of every organisation", "\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
