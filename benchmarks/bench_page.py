#!/usr/bin/env python
"""The interactive map page in headless Chromium: file size, first drawing, interactions.

Run from the repository root (about eight minutes on a 2-core machine; L takes most)::

    python benchmarks/bench_page.py            # S, M and L
    python benchmarks/bench_page.py --sizes M  # one size

For each size it writes the page of ``cn.synthetic(n, seed=0)`` with ``cn.to_html``
(timed), opens it in a fresh headless Chromium (every request outside the file is
blocked) and records when vis-network first drew it (milliseconds from navigation
start, ``coopnet.drawnAt``). At M it then times each interaction a presenter makes,
driven as real input (Playwright's mouse and keyboard): from the input event (a
capturing listener on ``window`` takes its time) to the end of the first frame drawn
after it, and, for those that animate the view, to the end of the last frame. Each
is repeated and the median is reported. The result is printed as Markdown tables.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import coopnet as cn  # noqa: E402

SIZES = {"S": 300, "M": 5_000, "L": 50_000}
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 900}
TARGET_MS = 200  # issue 15: every interaction at M

# Input events and drawn frames, timed inside the page (performance.now()).
PROBE = """
window.__probe = { input: {}, frames: [] };
for (const type of ['mousemove', 'pointerup', 'click', 'keydown']) {
  window.addEventListener(type, () => { window.__probe.input[type] = performance.now(); }, true);
}
"""
FRAMES = """() => coopnet.ready.then(net => {
  net.on('afterDrawing', () => window.__probe.frames.push(performance.now()));
  return true;
})"""


def node_point(page, i: int) -> tuple[float, float]:
    return tuple(
        page.evaluate(
            """i => { const r = document.getElementById('map').getBoundingClientRect();
                      const d = network.canvasToDOM(network.getPositions([i])[i]);
                      return [d.x + r.left, d.y + r.top]; }""",
            i,
        )
    )


def timed(page, event: str, action, settle_ms: int = 900) -> tuple[float, float]:
    """(first frame, last frame) in ms after the ``event`` that ``action`` causes."""
    page.evaluate("window.__probe.frames = []; window.__probe.input = {}")
    action()
    page.wait_for_timeout(settle_ms)
    t0, frames = page.evaluate(f"[window.__probe.input[{event!r}], window.__probe.frames]")
    after = [f - t0 for f in frames if t0 is not None and f >= t0]
    if not after:
        return float("nan"), float("nan")
    return after[0], after[-1]


def interactions(page, repeat: int) -> dict[str, list[tuple[float, float]]]:
    data = page.evaluate("({n: coopnet.data.nodes.length})")
    hub = page.evaluate(
        "coopnet.data.nodes.reduce((b, n, i, a) => n.partners > a[b].partners ? i : b, 0)"
    )
    # organisations to click or hover: spread over the map, in view
    picks = page.evaluate(
        """n => { const out = []; const r = document.getElementById('map').getBoundingClientRect();
                  for (let i = 0; i < n && out.length < 12; i += 97) {
                    const d = network.canvasToDOM(network.getPositions([i])[i]);
                    if (d.x > 20 && d.y > 20 && d.x < r.width - 20 && d.y < r.height - 20) out.push(i);
                  }
                  return out; }""",
        data["n"],
    )
    results: dict[str, list[tuple[float, float]]] = {}

    def add(name, value):
        results.setdefault(name, []).append(value)

    def at(i):
        return node_point(page, i)

    for k in range(repeat):
        i = picks[k % len(picks)]
        x, y = at(i)
        page.mouse.move(5, 5)
        page.wait_for_timeout(150)
        add(
            "hover an organisation (tooltip)",
            timed(page, "mousemove", partial(page.mouse.move, x, y)),
        )
        add(
            "click an organisation (highlight)",
            timed(page, "pointerup", partial(page.mouse.click, x, y)),
        )
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
        box = page.locator('section[data-filter="types"] input').nth(k % 6)
        add("filter: one partnership type off (refit)", timed(page, "click", box.uncheck))
        add("filter: the type on again (refit)", timed(page, "click", box.check))
        sector = page.locator('section[data-filter="sectors"] input').nth(k % 5)
        add("filter: one sector off (refit)", timed(page, "click", sector.uncheck))
        sector.check()
        page.wait_for_timeout(300)
        name = page.evaluate(f"coopnet.data.nodes[{picks[(k + 3) % len(picks)]}].name")
        search = page.locator("#panel input.search")
        search.fill(name)
        add("search (Enter; zooms)", timed(page, "keydown", partial(search.press, "Enter")))
        page.keyboard.press("Escape")
        details = page.locator("#panel section.cases details").nth(k % 6)
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
        case = details.locator("button.case").nth(3 + k)
        add("case highlight (zooms to the case)", timed(page, "click", case.click))
        add("case cleared (click again)", timed(page, "click", case.click))
        page.locator("fieldset.focus input[value='2']").check()
        page.wait_for_timeout(200)
        hx, hy = at(hub if k == 0 else i)
        add(
            "focus: click, two steps out (refit)",
            timed(page, "pointerup", partial(page.mouse.click, hx, hy)),
        )
        add(
            "focus: back (Esc, refit)",
            timed(page, "keydown", partial(page.keyboard.press, "Escape")),
        )
        page.locator("fieldset.focus input[value='0']").check()
        page.wait_for_timeout(300)
    return results


def save_image(page) -> float:
    t0 = time.perf_counter()
    with page.expect_download() as dl:
        page.locator("#panel button.save").click()
    dl.value.path()
    return (time.perf_counter() - t0) * 1000


def run(sizes: list[str], repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    rows, inter = [], {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        for size in sizes:
            net = cn.synthetic(SIZES[size], seed=0)
            path = Path(tmp) / f"{size}.html"
            t0 = time.perf_counter()
            cn.to_html(net, path)
            write_s = time.perf_counter() - t0
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
            page.route("http*://**", lambda route: route.abort())
            page.add_init_script(PROBE)
            page.goto(path.as_uri(), timeout=600_000)
            page.evaluate("async () => { await coopnet.ready; return true; }")
            drawn = page.evaluate("coopnet.drawnAt")
            page.evaluate(FRAMES)
            saved = save_image(page) if size != "L" else float("nan")
            rows.append(
                (
                    size,
                    len(net.orgs),
                    net.summary()["pairs"],
                    write_s,
                    path.stat().st_size,
                    drawn,
                    saved,
                )
            )
            if size == "M":
                inter = interactions(page, repeat)
            browser.close()
    print("| Size | Organisations | Pairs | `to_html` | File | First drawing | Save image |")
    print("|---|---|---|---|---|---|---|")
    for size, n, pairs, write_s, nbytes, drawn, saved in rows:
        print(
            f"| {size} | {n:,} | {pairs:,} | {write_s:.1f} s | {nbytes / 1e6:.1f} MB "
            f"| {drawn / 1000:.2f} s | {'—' if saved != saved else f'{saved:.0f} ms'} |"
        )
    if inter:
        print()
        print(
            f"Interactions at M (median of {repeat}; target ≤ {TARGET_MS} ms to the first frame):"
        )
        print()
        print("| Interaction | First frame | Last frame (animation) | Target |")
        print("|---|---|---|---|")
        for name, values in inter.items():
            first = statistics.median(v[0] for v in values)
            last = statistics.median(v[1] for v in values)
            mark = "pass" if first <= TARGET_MS else "miss"
            print(f"| {name} | {first:.0f} ms | {last:.0f} ms | **{mark}** |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated of S, M, L")
    parser.add_argument("--repeat", type=int, default=5, help="repeats of each interaction")
    args = parser.parse_args(argv)
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s not in SIZES]
    if bad:
        parser.error(f"unknown size(s) {', '.join(bad)}; choose from S, M, L")
    run(sizes, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
