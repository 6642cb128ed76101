"""``cn.to_html`` on M: time to write, file size, and time until drawn in headless Chromium.

The peer is pyvis's own ``from_nx`` + ``write_html(cdn_resources="in_line")``.
"""

from __future__ import annotations

import time
from pathlib import Path

import harness
from harness import Context, Row, clock

import coopnet as cn

ORDER = 90
TARGETS = [
    ("html", "M", "`to_html`: file size (recorded)"),
    ("html-draw", "M", "`to_html`: time until drawn in headless Chromium (recorded)"),
]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


DRAW_PROBE = """
(() => {
  const probe = {created: null, drawn: null, stabilizing: false};
  window.__bench = probe;
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(value) {
      net = value;
      if (!value || !value.on || probe.created !== null) return;
      probe.created = performance.now();
      value.on('startStabilizing', () => { probe.stabilizing = true; });
      value.on('stabilizationIterationsDone', () => { probe.stabilizing = false; });
      value.on('afterDrawing', () => {
        if (probe.drawn === null && !probe.stabilizing) probe.drawn = performance.now();
      });
    },
  });
})();
"""


def draw_time(path: Path, timeout_s: float) -> float | None:
    """Milliseconds from navigation start until vis-network first draws ``path``.

    A fresh headless Chromium per load (a page still busy stabilising cannot slow
    the next one); every http(s) request is blocked, so the page must work offline.
    None when nothing was drawn within ``timeout_s``.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("http*://**", lambda route: route.abort())
            page.add_init_script(DRAW_PROBE)
            page.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
            # Polled from here: wait_for_function evaluates strings in the page,
            # which a Content-Security-Policy without 'unsafe-eval' forbids.
            deadline = time.perf_counter() + timeout_s
            while time.perf_counter() < deadline:
                drawn = page.evaluate("window.__bench ? window.__bench.drawn : null")
                if drawn is not None:
                    return drawn
                time.sleep(0.05)
            return None
        finally:
            browser.close()


def run(ctx: Context) -> None:
    """to_html on M: file size and time until drawn in headless Chromium; pyvis as the peer."""
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    ours_path = ctx.work / "map.html"
    peer_path = ctx.work / "pyvis.html"
    t_ours = None
    t_ours = clock(cn.to_html, ctx.net(size), ours_path)[0]
    from pyvis.network import Network as PyvisNetwork

    g = ctx.net(size).to_graph()
    for _, _, d in g.edges(data=True):  # pyvis cannot serialise lists in edge attributes
        for key in ("types", "cases", "partnerships"):
            d[key] = ", ".join(map(str, d[key]))

    def peer():
        pv = PyvisNetwork(cdn_resources="in_line")
        pv.from_nx(g)
        pv.write_html(str(peer_path))

    t_peer = clock(peer)[0]
    timeout = ctx.args.draw_timeout
    drawn: dict[Path, float | None] = {}
    if ours_path.exists():
        tries = [draw_time(ours_path, timeout) for _ in range(ctx.repeat(3))]
        done = [t for t in tries if t is not None]
        drawn[ours_path] = min(done) if done else None
    drawn[peer_path] = draw_time(peer_path, timeout)  # once: it may take the whole timeout

    def ms(p):
        v = drawn.get(p)
        return None if v is None else v / 1000

    size_mb = lambda p: f"{p.stat().st_size / 1e6:.1f} MB"  # noqa: E731
    ctx.add(
        Row(
            "html",
            "`cn.to_html` writing the file",
            size,
            t_ours,
            "pyvis from_nx + write_html (in_line)",
            t_peer,
            note=(f"file {size_mb(ours_path)}" if ours_path.exists() else "")
            + f"; pyvis file {size_mb(peer_path)}",
        )
    )
    peer_draw = ms(peer_path)
    ctx.add(
        Row(
            "html-draw",
            "time until drawn in headless Chromium (navigation start → first drawing)",
            size,
            ms(ours_path) if ours_path.exists() else None,
            "pyvis page (physics on, stabilising)",
            peer_draw,
            note=(
                ""
                if peer_draw is not None
                else f"pyvis page not drawn within {timeout:.0f} s (shown as —)"
            ),
            status="" if ms(ours_path) is not None else "error",
        )
    )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
