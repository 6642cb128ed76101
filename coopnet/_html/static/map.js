/* coopnet interactive map (MIT licence) — 5/5: the vis-network map, what an
 * interaction changes, the page's API (window.coopnet) and the start.
 *
 * vis-network ids are the integer positions of organisations and pairs (and, in the
 * summary view, of groups and of lines between groups: summary.js). An interaction
 * recomputes the state arrays (state.js, a few milliseconds at 5,000 organisations)
 * and pushes to vis-network only what changed: the hidden flag of the organisations
 * and lines that appear or disappear, the style of the lines whose visible
 * partnerships changed. A highlight is not a restyle of every other item: the map is
 * drawn as usual, veiled in white, and the highlighted lines and organisations are
 * drawn again on top (afterDrawing).
 */
var mapEl = document.getElementById("map");
var applied = {
  node: new Uint8Array(N).fill(1),
  pair: new Uint8Array(P).fill(1),
  style: new Int32Array(P).fill(-1),
};
var network = null;
/* vis-network animates by frames, not by time: where one frame takes 100 ms (thousands
 * of organisations) a 250 ms animation would take seconds, so big maps jump */
function animation(ms) { return data.large ? false : { duration: ms, easingFunction: "easeInOutQuad" }; }

function styleKey(j) { return pairCount[j] * (T + 1) + pairType[j]; }

function nodeItem(i) {
  var n = nodes[i], border = darker(n.color), xy = placeOf(i);
  return {
    id: i, label: n.label, x: xy[0], y: xy[1], size: n.size, shape: sectors[n.s].shape,
    color: { background: n.color, border: border,
             highlight: { background: n.color, border: "#000000" },
             hover: { background: n.color, border: "#000000" } },
  };
}

function pairItem(j) {
  var s = pairStyle(j);
  s.id = j;
  s.from = pairs[j][0];
  s.to = pairs[j][1];
  return s;
}

/* where an organisation is drawn in the current layout */
function placeOf(i) {
  if (state.view === "geo" && data.geo && data.geo.xy) return data.geo.xy[i];
  return [nodes[i].x, nodes[i].y];
}

computeShown();
var nodeData, edgeData;
if (SUMMARY) {
  nodeData = new vis.DataSet([]);
  edgeData = new vis.DataSet([]);
  pushSummary();
} else {
  nodeData = new vis.DataSet(nodes.map(function (n, i) { return nodeItem(i); }));
  edgeData = new vis.DataSet(pairs.map(function (p, j) {
    applied.style[j] = styleKey(j);
    return pairItem(j);
  }));
}

/* hidden flags and line styles of the full map, pushed where they changed */
function pushNodes() {
  var body = network.body, changed = false, i, j;
  for (i = 0; i < N; i++) {
    if (nodeShown[i] !== applied.node[i]) {
      body.nodes[i].options.hidden = !nodeShown[i];
      applied.node[i] = nodeShown[i];
      changed = true;
    }
  }
  for (j = 0; j < P; j++) {
    if (pairShown[j] !== applied.pair[j]) {
      body.edges[j].options.hidden = !pairShown[j];
      applied.pair[j] = pairShown[j];
      changed = true;
    }
    if (pairShown[j] && styleKey(j) !== applied.style[j]) {
      body.edges[j].setOptions(pairStyle(j));
      applied.style[j] = styleKey(j);
    }
  }
  if (changed) network._updateVisibleIndices();
}

/* the vis node drawing organisation i and the vis edge drawing pair j (-1: none) */
function visNode(i) { return SUMMARY ? unitOf[i] : nodeShown[i] ? i : -1; }
function visEdge(j) { return SUMMARY ? pairEdge[j] : pairShown[j] ? j : -1; }

/* recompute what is shown and highlighted; push the differences to vis-network */
function apply(fit) {
  computeShown();
  computeLit();
  if (network) {
    if (SUMMARY) pushSummary();
    else pushNodes();
    /* vis-network's selection follows an organisation's highlight (unselectAll walks
     * every item: only when something is selected) */
    var h = state.highlight, want = h !== null && h.kind === "node" ? h.index : -1;
    if (want >= 0 && visNode(want) !== want) want = -1;
    var selected = network.getSelectedNodes();
    if (want >= 0 && (selected.length !== 1 || selected[0] !== want)) network.selectNodes([want]);
    else if (want < 0 && (selected.length || network.getSelectedEdges().length)) network.unselectAll();
    if (drawLegendCanvas()) network.body.emitter.emit("setSize"); /* the map's height changed */
    if (fit) fitTo(fit === true ? [] : fit);
    network.body.emitter.emit("_requestRedraw");
  } else {
    drawLegendCanvas();
  }
  updatePanel();
}

function fitTo(ids) {
  if (!network || (!ids.length && !network.body.nodeIndices.length)) return;
  network.fit({ nodes: ids, maxZoomLevel: maxZoom(), animation: animation(250) });
}

/* zooming in on a few organisations stops at labels' size, or on the map of Japan
 * (where names are drawn at a fixed size) at a tile about 600 px wide */
function maxZoom() {
  return state.view === "geo" && data.geo ? Math.min(2.5, 600 / data.geo.size) : 1.1;
}

function filtersChanged() { apply(true); }

/* the veil and what is drawn on top of it */
function drawLit(ctx) {
  if (!lit.nodes.length && !lit.pairs.length) return;
  var w = mapEl.clientWidth, h = mapEl.clientHeight;
  var a = network.DOMtoCanvas({ x: -20, y: -20 }), b = network.DOMtoCanvas({ x: w + 20, y: h + 20 });
  ctx.save();
  ctx.fillStyle = "rgba(255, 255, 255, 0.8)";
  ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
  ctx.restore();
  var body = network.body, done = new Set();
  lit.pairs.forEach(function (j) {
    var id = visEdge(j), e = body.edges[id];
    if (id >= 0 && !done.has(-1 - id) && e && e.connected) { done.add(-1 - id); e.draw(ctx); }
  });
  var named = [];
  lit.nodes.forEach(function (i) {
    var id = visNode(i), node = body.nodes[id];
    if (id < 0 || done.has(id) || !node) return;
    done.add(id);
    var drawn = node.draw(ctx);
    if (drawn && drawn.drawExternalLabel) drawn.drawExternalLabel();
    if (!labelsDrawn()) named.push(id);
  });
  named.forEach(function (id) { drawName(ctx, id); });
}

/* Labels: on the map of Japan and in the summary view organisations sit closer than
 * their names are long (26 px in the busiest prefecture), so vis-network draws no
 * organisation's label there; the highlighted ones (and the groups, summary.js) get
 * their name drawn here, at 12 px on screen whatever the zoom. */
function labelsDrawn() { return !SUMMARY && state.view !== "geo"; }
function labelThreshold() { return labelsDrawn() ? (data.large ? 8 : 4) : 1e6; }

function drawName(ctx, id) {
  var node = network.body.nodes[id], k = 1 / network.getScale(), px = 12 * k;
  var text = id < N ? nodes[id].label : groups[id - N].label;
  ctx.save();
  setFont(ctx, px, false);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3.5 * k;
  ctx.strokeStyle = "#FFFFFF";
  ctx.fillStyle = "#222222";
  text.split("\n").forEach(function (line, n) {
    var y = node.y + node.options.size + 3 * k + n * px * 1.15;
    ctx.strokeText(line, node.x, y);
    ctx.fillText(line, node.x, y);
  });
  ctx.restore();
}

/* ------------------------------------------------------------ network */
function options() {
  var physics = data.physics && !SUMMARY ? { /* the summary's groups stay on their tiles */
    enabled: true,
    solver: "barnesHut",
    // weak forces: settle the precomputed layout rather than replace it
    barnesHut: { gravitationalConstant: -1200, centralGravity: 0.02,
                 springLength: data.edgePx, springConstant: 0.04, damping: 0.5,
                 avoidOverlap: 0.2 },
    stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: true },
  } : false;
  return {
    autoResize: true,
    nodes: {
      shape: "dot",
      borderWidth: 1.5,
      borderWidthSelected: 3,
      font: { face: FONT, size: data.fontSize, color: "#222222", strokeWidth: 4, strokeColor: "#FFFFFF" },
      // big networks: labels only once zoomed in far enough to read them
      scaling: { label: { drawThreshold: labelThreshold() } },
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 1.2 },
    physics: physics,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: {
      hover: true,
      tooltipDelay: 60,
      hideEdgesOnDrag: data.large,
      hideEdgesOnZoom: data.large,
      multiselect: false,
    },
  };
}

function fontReady() {
  if (!document.fonts || !document.fonts.load) return Promise.resolve();
  var sample = nodes.slice(0, 200).map(function (n) { return n.label; }).join("") + data.title;
  var timeout = new Promise(function (resolve) { setTimeout(resolve, 5000); });
  // canvas text does not wait for web fonts: load the embedded font before drawing
  return Promise.race([document.fonts.load("14px " + FONT, sample), timeout])
    .catch(function () { return null; });
}

/* components were packed in Python for several screen shapes: take the nearest */
function repack() {
  var pk = data.packing, r = mapEl.getBoundingClientRect();
  if (!pk || !r.width || !r.height) return;
  var want = Math.log(r.width / r.height), best = pk.default;
  pk.aspects.forEach(function (a, i) {
    if (Math.abs(Math.log(a) - want) < Math.abs(Math.log(pk.aspects[best]) - want)) best = i;
  });
  if (best === pk.default) return;
  var from = pk.corners[pk.default], to = pk.corners[best];
  nodes.forEach(function (n) {
    n.x += to[n.k][0] - from[n.k][0];
    n.y += to[n.k][1] - from[n.k][1];
  });
  pk.default = best;
  if (state.view !== "geo") nodeData.update(nodes.map(function (n, i) { return { id: i, x: n.x, y: n.y }; }));
}

/* the organisations where the layout puts them (the full map only) */
function moveNodes() {
  var body = network.body;
  for (var i = 0; i < N; i++) {
    var xy = placeOf(i), b = body.nodes[i];
    b.x = xy[0];
    b.y = xy[1];
  }
}

function onClick(p) {
  if (!p.nodes.length) {
    if (p.edges.length && state.highlight && state.focus < 0) return; /* a line: keep the highlight */
    api.clear();
    return;
  }
  var i = p.nodes[0];
  if (i >= N) { hideTip(); openGroup(i - N); return; } /* a group of the summary view */
  state.highlight = { kind: "node", index: i };
  if (state.radius > 0) {
    hideTip(); /* the view moves: the tooltip would point elsewhere */
    state.focus = i;
    apply(true);
  } else {
    apply(false);
  }
}

function onHover(p) {
  if (p.node !== undefined) showTip(p.node < N ? nodeTip(p.node) : groupTip(p.node - N), p.pointer.DOM);
  else showTip(p.edge < P ? pairTip(p.edge) : linkTip(p.edge - P), p.pointer.DOM);
}

/* the first drawing */
function draw() {
  drawLegendCanvas();
  repack();
  network = new vis.Network(mapEl, { nodes: nodeData, edges: edgeData }, options());
  window.network = network;
  api.network = network;
  network.on("hoverNode", onHover);
  network.on("hoverEdge", onHover);
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", onClick);
  network.on("beforeDrawing", function (ctx) {
    if (state.view === "geo") drawTiles(ctx);
    if (SUMMARY) scaleLinks();
  });
  network.on("afterDrawing", function (ctx) {
    if (SUMMARY) drawGroupNames(ctx);
    drawLit(ctx);
  });
  mapEl.addEventListener("mouseleave", hideTip);
  window.addEventListener("resize", function () { if (drawLegendCanvas()) network.redraw(); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && (state.highlight !== null || state.focus >= 0)) api.clear();
  });
  return new Promise(function (resolve) {
    network.once("afterDrawing", function () {
      api.drawnAt = performance.now(); /* milliseconds since the page was opened */
      document.documentElement.dataset.coopnet = "drawn";
      resolve(network);
    });
  });
}

/* ------------------------------------------------------------ API */
function orgIds(list) { return list.map(function (i) { return nodes[i].id; }); }

var api = {
  data: data,
  nodes: nodeData, /* vis DataSets; the view's state is below */
  edges: edgeData,
  network: null,
  /* show only these partnership types / sectors (keys); null shows all */
  setTypes: function (keys) { setFlags(types, state.typeOn, keys, "types"); },
  setSectors: function (keys) { setFlags(sectors, state.sectorOn, keys, "sectors"); },
  /* the network as of the end of `year` (Network.until); `undated` as its option */
  setYear: function (year, undated) {
    if (!data.years) return;
    state.year = Math.max(data.years[0], Math.min(data.years[1], Math.round(year)));
    if (undated !== undefined) state.undated = !!undated;
    var slider = panel.querySelector("input.year"), box = panel.querySelector("input.undated");
    if (slider) slider.value = String(state.year);
    if (box) box.checked = state.undated;
    apply(false);
  },
  /* "network" (as laid out) or "geo" (on the tile map of Japan) */
  setView: function (view) {
    if (SUMMARY || !data.geo || (view !== "geo" && view !== "network")) return;
    state.view = view;
    if (data.physics && view === "geo") network.setOptions({ physics: false });
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: labelThreshold() } } } });
    moveNodes();
    panel.querySelectorAll("fieldset.layout input").forEach(function (b) { b.checked = b.value === view; });
    apply(true);
  },
  /* select and zoom to the first organisation shown whose name contains `query` */
  find: function (query) {
    var i = findNode(query);
    if (i < 0) return null;
    if (SUMMARY) groupOpen[groupOf[i]] = 1;
    state.highlight = { kind: "node", index: i };
    if (state.radius > 0) state.focus = i;
    apply(state.radius > 0);
    if (network && state.radius === 0) {
      network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: animation(400) });
    }
    return nodes[i].id;
  },
  /* clicking an organisation shows only its neighbourhood, 1 or 2 steps out (0: off) */
  setRadius: function (r) {
    var h = state.highlight, was = state.focus, wasRadius = state.radius;
    state.radius = r;
    state.focus = r > 0 && h !== null && h.kind === "node" ? h.index : -1;
    panel.querySelectorAll('fieldset.focus input').forEach(function (b) { b.checked = b.value === String(r); });
    /* the view moves only when what is shown changes */
    apply(state.focus !== was || (state.focus >= 0 && r !== wasRadius));
  },
  /* highlight a case (its index in data.cases) or, for the highlighted one, clear */
  highlightCase: function (ci) {
    var h = state.highlight, again = h !== null && h.kind === "case" && h.index === ci;
    var wasFocused = state.focus >= 0;
    state.focus = -1;
    state.highlight = again || ci === null ? null : { kind: "case", index: ci };
    apply(wasFocused);
    if (again || ci === null) return;
    if ((data.large || state.view === "geo") && lit.nodes.length) { /* zoom to the case */
      fitTo(Array.from(new Set(lit.nodes.map(visNode))).filter(function (id) { return id >= 0; }));
    }
    if (caseButtons[ci]) caseButtons[ci].scrollIntoView({ block: "nearest" });
  },
  /* open a group of the summary view (its index in data.groups) */
  openGroup: function (g) { if (SUMMARY) openGroup(g); },
  /* back to the whole map: no highlight, no focus (`regroup`: groups closed too) */
  clear: function (regroup) {
    var refit = state.focus >= 0 || (regroup && SUMMARY && anyOpen());
    state.highlight = null;
    state.focus = -1;
    if (regroup) closeGroups();
    apply(refit);
  },
  /* what vis-network draws now: organisation ids and pairs of ids, and in the
   * summary view the groups drawn ([index, organisations it stands for]) */
  shown: function () {
    if (!network) return null;
    var ids = network.body.nodeIndices, edges = network.body.edgeIndices;
    return {
      nodes: orgIds(ids.filter(function (i) { return i < N; })),
      pairs: edges.filter(function (j) { return j < P; }).map(function (j) { return orgIds(pairs[j].slice(0, 2)); }),
      groups: ids.filter(function (i) { return i >= N; }).map(function (i) { return [i - N, groupCount[i - N]]; }),
      links: edges.filter(function (j) { return j >= P; }).map(function (j) {
        var s = j - P;
        return [linkEnds[2 * s], linkEnds[2 * s + 1], linkCount[s]];
      }),
    };
  },
  /* what is highlighted (drawn over the veil) */
  lit: function () {
    return { nodes: orgIds(lit.nodes), pairs: lit.pairs.map(function (j) { return orgIds(pairs[j].slice(0, 2)); }) };
  },
  /* the legend under the map: [[kind, label], ...] */
  legend: function () {
    var g = legendCanvas.getContext("2d");
    return legendLayout(g, legendCanvas.parentNode.clientWidth).marks.map(function (m) { return [m.kind, m.label]; });
  },
  savePicture: savePicture,
};

function setFlags(items, flags, keys, name) {
  items.forEach(function (item, k) { flags[k] = keys === null || keys.indexOf(item.key) >= 0 ? 1 : 0; });
  var boxes = panel.querySelectorAll('section[data-filter="' + name + '"] input');
  boxes.forEach(function (box, k) { box.checked = !!flags[k]; });
  filtersChanged();
}

window.coopnet = api;
buildPanel();
api.ready = fontReady().then(draw).catch(function (err) {
  mapEl.replaceChildren(el("p", "error", ui.error + ": " + err));
  throw err;
});
