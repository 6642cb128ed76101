"""The interactive map: one self-contained, offline HTML file drawn with vis-network.

pyvis 0.3.2 ships the vis-network build used here, but its page generator is not: it
drops parallel edges, loads assets from CDNs even with ``cdn_resources="in_line"``,
sets some tooltips with ``innerHTML`` and writes with the platform's default encoding.
coopnet therefore writes the page itself (:mod:`coopnet._html`): the data as escaped
JSON (:mod:`coopnet._html.payload`), every user string put on the page with
``textContent`` only and never used as a key, every script and stylesheet inlined,
a subset of IPAexGothic embedded so Japanese labels render on machines without a
Japanese font, and a Content-Security-Policy that forbids any network request.
"""

from __future__ import annotations

import html
import os
import webbrowser
from pathlib import Path

from ._checks import check_network
from .network import Network

__all__ = ["MapView", "show", "to_html"]


_DEFAULTS = {
    "color_by": "sector",
    "size_by": "partners",
    "lang": "ja",
    "physics": None,
    "title": None,
    "layout": None,
    "seed": 0,
    "level": "auto",
}


def _render(net: Network, **options) -> tuple[str, str]:
    """The page for ``net`` and its title; ``options`` as :func:`to_html`'s."""
    from ._html.page import render_page
    from ._html.payload import build

    check_network(net)
    unknown = sorted(set(options) - set(_DEFAULTS))
    if unknown:
        raise TypeError(
            f"unexpected option(s) {', '.join(unknown)}; the map takes {', '.join(_DEFAULTS)}"
        )
    data = build(net, **{**_DEFAULTS, **options})
    return render_page(data), data["title"]


def to_html(
    net: Network,
    path: str | os.PathLike,
    *,
    color_by: str = "sector",
    size_by: str | None = "partners",
    lang: str = "ja",
    physics: bool | None = None,
    title: str | None = None,
    layout=None,
    seed: int = 0,
    level: str = "auto",
) -> Path:
    """Write the network as one self-contained, offline, interactive HTML map.

    The file inlines every script, stylesheet and a subset of the IPAexGothic font;
    it makes no network request (a Content-Security-Policy forbids them), so it can
    be opened on an offline laptop or sent by mail. Organisations are drawn in their
    sector's colour and shape; each pair of partner organisations is one line, as
    wide as their number of partnerships and styled like the static map by its most
    frequent type. On the page:

    * hovering shows details: an organisation's sector, prefecture, partners and
      cases; every partnership of a pair with its type, case, year and the case's
      summary;
    * clicking an organisation highlights its partners; with 周辺だけを表示 / *show
      only around* set to one or two steps, only its neighbourhood stays on screen;
    * check boxes filter by partnership type and by sector (organisations left
      without a partnership leave the screen and the view refits); the search box
      finds an organisation by part of its name, normalised as on loading (NFKC);
    * the case list, grouped by type, highlights a case's members (also those with
      no partnership) and its partnerships; Esc clears;
    * a legend is drawn under the map, and 画像を保存 / *Save image* downloads a PNG
      of the current view (filters and highlight as shown) at twice the screen's
      resolution, with the title and the legend drawn in;
    * the 開始年 / *start year* slider shows the network as it stood at the end of a
      year, as :meth:`coopnet.Network.until` keeps it (partnerships started by then,
      cases started by then, their organisations); a check box adds what has no
      start year (``undated=True``), and at the last year with it ticked the whole
      network is back;
    * 配置 / *layout* switches between the layout below and 日本地図 / *map of
      Japan*: the 47 prefectures as tiles, each organisation in its prefecture's
      tile, national and wide-area bodies in a strip of their own (the positions of
      ``plot_map(layout="geo")``).

    Above 20,000 organisations the page opens on a summary instead (``level``): one
    node per sector in each prefecture (全国・広域 for those without one), sized by
    its organisations, on the map of Japan, with a line between two groups for the
    partnerships between them (the strongest 2,500 such lines; the legend says from
    how many partnerships). Clicking a group puts its organisations in its place;
    filters, the year slider, search, the case list and the focus work on
    organisations as on the full map (a search opens the organisation's group; a
    focus shows its neighbourhood organisation by organisation, as far out as keeps
    it under 2,500 organisations, farther ones as their groups).

    Parameters
    ----------
    net : Network
    path : path
        File to write (``.html`` or ``.htm``); replaced if it exists. Written in
        UTF-8, atomically.
    color_by : str, default "sector"
        As in :func:`coopnet.plot_map`: ``"sector"`` uses the sectors' colours;
        any other column of ``net.orgs`` (``"prefecture"``) is drawn as categories
        in the same colours as the static map. Shapes always show the sector.
    size_by : str or None, default "partners"
        As in :func:`coopnet.plot_map`: what a node's size grows with
        (``"partners"``, ``"partnerships"``, a column of :func:`coopnet.centrality`
        such as ``"cases"`` or ``"betweenness"``, a numeric column of ``net.orgs``),
        or None for one size.
    lang : {"ja", "en"}, default "ja"
        Language of the whole page: labels, legend, tooltips, buttons and the
        title (English names fall back to the Japanese name where ``name_en`` is
        empty; prefectures are written in romaji).
    physics : bool, optional
        True runs vis-network's force simulation: it settles the layout when the
        page opens and partners follow a dragged organisation. By default (None)
        it is off at every size and the positions computed in Python are final,
        so the page is usable as soon as it has loaded (see Notes). The summary
        view never runs it (its groups stay on their prefectures).
    title : str, optional
        Heading and window title (default: the network's name; on an English page
        a Japanese name becomes the sub-heading under an English title).
    layout : {"spring", "sector", "circular", "geo"} or mapping, optional
        As in :func:`coopnet.plot_map` (see :func:`coopnet.layout.layout_positions`;
        final positions when physics is off); ``"geo"`` opens the page on the map of
        Japan, with the default layout one click away. By default each connected component
        is laid out on its own, turned so its labels overlap least, and the
        components are packed in rows; above 1,000 organisations the default is
        ``"spring"``.
    seed : int, default 0
        Seed of the layout; the same inputs give the same file.
    level : {"auto", "organisations", "groups"}, default "auto"
        What the page opens on: every organisation, or the summary of groups
        described above (``"auto"``: the summary above 20,000 organisations, where
        vis-network takes half a minute to draw every organisation). The summary
        places groups on the map of Japan whatever ``layout`` says.

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    Up to 1,000 organisations the default layout lays out each connected component
    on its own, turns it so its labels overlap least and packs the components in
    rows, once for each of a few screen shapes (the page takes the one nearest its
    own); vis-network's physics was measured to undo this (it pulls disconnected
    components together or pushes them far apart, shrinking the labels), so it is
    off by default. Above that size the default is
    :func:`coopnet.layout.layout_positions` with ``layout="spring"``, computed in
    Python, and above 2,000 pairs of partners lines are solid rather than dashed
    (dashes would make every redraw four times slower).

    The page resolves ``window.coopnet.ready`` (a Promise) and sets
    ``data-coopnet="drawn"`` on ``<html>`` once the network is first drawn; the
    vis-network ``Network`` is ``window.network``, its node and edge ids are the
    positions of organisations in ``net.orgs`` and of pairs in the page's data (in
    the summary view, groups and lines between groups follow them: the number of
    organisations plus a group's position, the number of pairs plus a line's).

    Examples
    --------
    >>> import tempfile, pathlib, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = cn.to_html(net, pathlib.Path(d) / "map.html", lang="en")
    ...     text = out.read_text(encoding="utf-8")
    >>> "http://" in text or "https://" in text
    False
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(
            f"path={str(path)!r} must end in .html or .htm (refusing to overwrite another kind of file)"
        )
    from ._io.files import atomic_write_text

    text, _ = _render(
        net,
        color_by=color_by,
        size_by=size_by,
        lang=lang,
        physics=physics,
        title=title,
        layout=layout,
        seed=seed,
        level=level,
    )
    return atomic_write_text(path, text, encoding="utf-8")


class MapView:
    """An interactive map held in memory; notebooks display it inline.

    ``_repr_html_`` gives a sandboxed ``<iframe srcdoc=…>`` holding the whole page, so
    JupyterLab, the classic Notebook and VS Code show it with no server and no network
    (the sandbox allows scripts and downloads, for the page's *Save image*).

    Attributes
    ----------
    html : str
        The complete page, as :func:`to_html` would write it.
    height : int
        Height of the inline frame in pixels.
    title : str
        The frame's accessible title (the page's title).
    """

    def __init__(self, html_text: str, *, height: int = 640, title: str = "coopnet map"):
        self.html = html_text
        self.height = int(height)
        self.title = title

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts allow-downloads" referrerpolicy="no-referrer" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            f'title="{html.escape(self.title, quote=True)}"></iframe>'
        )

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path`` in UTF-8 and return the path."""
        from ._io.files import atomic_write_text

        return atomic_write_text(Path(path), self.html, encoding="utf-8")

    def __repr__(self) -> str:
        return f"<coopnet.MapView: {len(self.html.encode('utf-8')) / 1e3:.0f} kB of HTML>"


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def show(
    net: Network,
    *,
    height: int = 640,
    open_browser: bool | None = None,
    **kwargs,
) -> MapView:
    """Show the interactive map: inline in a notebook, otherwise in the web browser.

    Parameters
    ----------
    net : Network
    height : int, default 640
        Height of the map in a notebook, in pixels.
    open_browser : bool, optional
        Write the page to a temporary file and open it in the default browser.
        By default only when not running in a notebook kernel.
    **kwargs
        Options of :func:`to_html` (``color_by``, ``size_by``, ``lang``, ``physics``,
        ``title``, ``layout``, ``seed``, ``level``).

    Returns
    -------
    MapView
        Displayed inline when it is the last expression of a notebook cell.

    Examples
    --------
    >>> import coopnet as cn
    >>> view = cn.show(cn.load_sample(), open_browser=False)
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    text, title = _render(net, **kwargs)
    view = MapView(text, height=height, title=title)
    if open_browser is None:
        open_browser = not _in_notebook()
    if open_browser:
        import tempfile

        fd, name = tempfile.mkstemp(prefix="coopnet-map-", suffix=".html")
        os.close(fd)
        view.save(name)
        webbrowser.open(Path(name).as_uri())
    return view
