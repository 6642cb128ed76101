"""Driving the map page in headless Chromium: the browser, a visited page, colours.

Debian's Chromium (``/usr/bin/chromium``) driven by Playwright. The ``browser`` and
``visit`` fixtures (tests/conftest.py) use what is here; a page fails a test on any
request that is not the page itself, on a script error or on a dialog.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

CHROMIUM = "/usr/bin/chromium"
#: ``pytestmark`` of the browser tests.
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).is_file(),
        reason="no Chromium at /usr/bin/chromium (Debian: apt-get install chromium; .ci/run installs it)",
    ),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]

# Record instead of showing: any payload that runs leaves a trace here.
TRAPS = """
window.__alerts = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__alerts.push([name, ...args.map(String)]); };
}
"""


class Visit:
    """A page showing a map, with everything that went wrong recorded."""

    def __init__(self, browser, path: Path, viewport=(1400, 900)):
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []  # requests other than the page itself
        self.dialogs: list[str] = []
        page = browser.new_page(
            viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True
        )
        page.add_init_script(TRAPS)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", self._route)
        page.goto(self.url)
        page.evaluate("async () => { await window.coopnet.ready; return true; }")
        self.page = page

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def node_points(self) -> dict[str, tuple[float, float]]:
        """Viewport coordinates of every organisation's centre (drawn or hidden; in the
        summary view, those vis-network holds), by id."""
        pts = self.page.evaluate(
            """() => {
              const r = document.getElementById('map').getBoundingClientRect();
              return coopnet.data.nodes.map((n, i) => {
                const b = network.body.nodes[i];
                if (!b) return null;
                const d = network.canvasToDOM({x: b.x, y: b.y});
                return [n.id, d.x + r.left, d.y + r.top];
              }).filter(p => p !== null);
            }"""
        )
        return {k: (x, y) for k, x, y in pts}

    def empty_point(self) -> tuple[float, float]:
        """A point of the map far from every organisation drawn."""
        box = self.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
        drawn = self.visible()[0]
        pts = np.array([xy for n, xy in self.node_points().items() if n in drawn])
        grid = np.array(
            [
                (x, y)
                for x in np.linspace(box["left"] + 5, box["right"] - 5, 40)
                for y in np.linspace(box["top"] + 5, box["bottom"] - 5, 30)
            ]
        )
        far = np.hypot(*(grid[:, None, :] - pts[None, :, :]).transpose(2, 0, 1)).min(axis=1)
        for k in np.argsort(-far):
            x, y = grid[k]
            hit = self.page.evaluate(
                """([x, y]) => { const p = {x: x - map.getBoundingClientRect().left,
                                             y: y - map.getBoundingClientRect().top};
                                 return [network.getNodeAt(p), network.getEdgeAt(p)]; }""",
                [float(x), float(y)],
            )
            if hit == [None, None]:
                return float(x), float(y)
        raise AssertionError("no empty place on the map")

    def visible(self) -> tuple[set, set]:
        """(drawn organisation ids, drawn lines as frozensets of their two ids)."""
        shown = self.page.evaluate("coopnet.shown()")
        return set(shown["nodes"]), {frozenset(e) for e in shown["pairs"]}

    def lit(self) -> tuple[set, set]:
        got = self.page.evaluate("coopnet.lit()")
        return set(got["nodes"]), {frozenset(e) for e in got["pairs"]}

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The colour the map's canvas shows at viewport point (x, y)."""
        return tuple(
            self.page.evaluate(
                """([x, y]) => {
                  const c = document.querySelector('#map canvas'), r = c.getBoundingClientRect();
                  const k = c.width / r.width;
                  const d = c.getContext('2d').getImageData(Math.round((x - r.left) * k),
                                                            Math.round((y - r.top) * k), 1, 1).data;
                  return [d[0], d[1], d[2]];
                }""",
                [x, y],
            )
        )

    def settle(self, ms: int = 150):
        """Wait until the view stops moving (fits are animated on small maps)."""
        last = None
        for _ in range(60):
            self.page.wait_for_timeout(ms)
            now = self.page.evaluate("[network.getScale(), network.getViewPosition()]")
            if now == last:
                return
            last = now

    def assert_clean(self):
        assert self.page.evaluate("window.__alerts") == []
        assert self.dialogs == []
        assert self.requests == []
        assert self.errors == []

    def close(self):
        self.page.close()


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` or ``rgba(r,g,b,a)`` (as the page gives vis-network) as (r, g, b)."""
    if colour.startswith("rgb"):
        return tuple(int(x) for x in colour[colour.index("(") + 1 : -1].split(",")[:3])
    h = colour.lstrip("#")
    return tuple(int(h[k : k + 2], 16) for k in (0, 2, 4))


def close(a, b, tol=6) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))
