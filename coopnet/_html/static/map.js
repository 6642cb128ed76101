/* coopnet interactive map (MIT licence).
 * Reads the network from the JSON block and draws it with vis-network.
 * User text (names, cases, prefectures) reaches the page ONLY through textContent
 * or as canvas labels: never through innerHTML.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("coopnet-data").textContent);
  var ui = data.ui;
  var FONT = data.font;
  var nodes = data.nodes;
  var pairs = data.pairs;
  var types = data.types;
  var sectors = data.sectors;
  var mapEl = document.getElementById("map");
  var panel = document.getElementById("panel");
  var tip = document.getElementById("tip");
  var indexOf = new Map(nodes.map(function (n, i) { return [n.id, i]; }));

  var state = {
    typeOn: types.map(function () { return true; }),
    sectorOn: sectors.map(function () { return true; }),
    selected: null,
  };
  var nodeVisible = new Array(nodes.length).fill(true);
  var pairVisible = new Array(pairs.length).fill(true);
  var lastNodeKey = new Array(nodes.length);
  var lastPairKey = new Array(pairs.length);
  var adjacency = nodes.map(function () { return []; });
  pairs.forEach(function (p, j) {
    adjacency[p[0]].push(j);
    if (p[1] !== p[0]) adjacency[p[1]].push(j);
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmt(template, n) { return template.replace("{n}", String(n)); }

  /* ------------------------------------------------------------ styling */
  var FADED_NODE = { background: "#EEEEEE", border: "#D6D6D6" };
  var FADED_EDGE = "#E4E4E4";

  function darker(hex) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.round(((v >> 16) & 255) * 0.7), g = Math.round(((v >> 8) & 255) * 0.7),
        b = Math.round((v & 255) * 0.7);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  function edgeWidth(count) { return Math.min(1.8 + 1.6 * (count - 1), 10); }

  /* the partnerships of pair j that pass the type filter, and the most frequent type */
  function pairSummary(j) {
    var list = pairs[j][2], counts = new Array(types.length).fill(0), shown = 0;
    for (var k = 0; k < list.length; k++) {
      if (state.typeOn[list[k][0]]) { counts[list[k][0]]++; shown++; }
    }
    var best = 0;
    for (var t = 1; t < counts.length; t++) if (counts[t] > counts[best]) best = t;
    return { shown: shown, type: best };
  }

  function computeVisibility() {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var typeOk = n.types.length === 0 || n.types.some(function (t) { return state.typeOn[t]; });
      nodeVisible[i] = state.sectorOn[n.s] && typeOk;
    }
    for (var j = 0; j < pairs.length; j++) {
      var p = pairs[j];
      pairVisible[j] = nodeVisible[p[0]] && nodeVisible[p[1]] && pairSummary(j).shown > 0;
    }
  }

  function neighbourhood(i) {
    var near = new Set([i]), edges = new Set();
    adjacency[i].forEach(function (j) {
      if (!pairVisible[j]) return;
      edges.add(j);
      near.add(pairs[j][0]);
      near.add(pairs[j][1]);
    });
    return { near: near, edges: edges };
  }

  function nodeStyle(i, focus) {
    var n = nodes[i], faded = focus && !focus.near.has(i);
    var c = faded ? FADED_NODE : { background: n.color, border: darker(n.color) };
    return {
      id: n.id,
      hidden: !nodeVisible[i],
      color: { background: c.background, border: c.border,
               highlight: { background: c.background, border: "#000000" },
               hover: { background: c.background, border: "#000000" } },
      font: { color: faded ? "#BBBBBB" : "#222222" },
    };
  }

  function pairStyle(j, focus) {
    var p = pairs[j], s = pairSummary(j), t = types[s.type];
    var faded = focus && !focus.edges.has(j);
    var color = faded ? FADED_EDGE : t.color;
    return {
      id: j,
      hidden: !pairVisible[j],
      width: edgeWidth(Math.max(s.shown, 1)),
      dashes: t.dashes,
      color: { color: color, highlight: color, hover: color, inherit: false, opacity: 1 },
    };
  }

  function restyle() {
    computeVisibility();
    if (state.selected !== null && !nodeVisible[state.selected]) state.selected = null;
    var focus = state.selected === null ? null : neighbourhood(state.selected);
    var nodeUpdates = [], edgeUpdates = [];
    for (var i = 0; i < nodes.length; i++) {
      var ns = nodeStyle(i, focus), nk = JSON.stringify(ns);
      if (nk !== lastNodeKey[i]) { lastNodeKey[i] = nk; nodeUpdates.push(ns); }
    }
    for (var j = 0; j < pairs.length; j++) {
      var es = pairStyle(j, focus), ek = JSON.stringify(es);
      if (ek !== lastPairKey[j]) { lastPairKey[j] = ek; edgeUpdates.push(es); }
    }
    if (nodeUpdates.length) nodeData.update(nodeUpdates);
    if (edgeUpdates.length) edgeData.update(edgeUpdates);
    updateStats();
  }

  /* ------------------------------------------------------------ data sets */
  var nodeData = new vis.DataSet(nodes.map(function (n, i) {
    var s = nodeStyle(i, null);
    lastNodeKey[i] = JSON.stringify(s);
    s.label = n.label;
    s.x = n.x;
    s.y = n.y;
    s.size = n.size;
    return s;
  }));
  var edgeData = new vis.DataSet(pairs.map(function (p, j) {
    var s = pairStyle(j, null);
    lastPairKey[j] = JSON.stringify(s);
    s.from = nodes[p[0]].id;
    s.to = nodes[p[1]].id;
    return s;
  }));

  /* ------------------------------------------------------------ tooltips */
  function row(table, key, value, cls) {
    var tr = el("tr", cls);
    tr.appendChild(el("td", "k", key));
    tr.appendChild(el("td", null, value));
    table.appendChild(tr);
    return tr;
  }

  function nodeTip(i) {
    var n = nodes[i], box = el("div");
    box.appendChild(el("div", "title", n.name));
    if (n.sub) box.appendChild(el("div", "sub", n.sub));
    var t = el("table");
    row(t, ui.sector, sectors[n.s].label);
    row(t, ui.prefecture, n.pref || ui.unknown);
    row(t, ui.partners, n.partners);
    row(t, ui.partnerships, n.np);
    box.appendChild(t);
    if (n.cases.length) {
      box.appendChild(el("div", "k", ui.cases + " (" + n.cases.length + ")"));
      var ul = el("ul"), limit = 12;
      n.cases.slice(0, limit).forEach(function (c) { ul.appendChild(el("li", null, data.cases[c])); });
      if (n.cases.length > limit) ul.appendChild(el("li", "sub", fmt(ui.more, n.cases.length - limit)));
      box.appendChild(ul);
    }
    return box;
  }

  function pairTip(j) {
    var p = pairs[j], box = el("div");
    box.appendChild(el("div", "title", nodes[p[0]].name + " — " + nodes[p[1]].name));
    box.appendChild(el("div", "sub", ui.partnerships + ": " + p[2].length));
    var t = el("table"), head = el("tr");
    [ui.type, ui.case, ui.year].forEach(function (h) { head.appendChild(el("td", "k", h)); });
    t.appendChild(head);
    p[2].forEach(function (q) {
      var tr = el("tr", state.typeOn[q[0]] ? null : "off"), td = el("td");
      var mark = el("span", "mark");
      mark.style.background = types[q[0]].color;
      td.appendChild(mark);
      td.appendChild(document.createTextNode(types[q[0]].label));
      tr.appendChild(td);
      tr.appendChild(el("td", null, data.cases[q[1]]));
      tr.appendChild(el("td", null, q[2] === null ? ui.no_year : q[2]));
      t.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }

  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var r = mapEl.getBoundingClientRect();
    var x = r.left + pointer.x + 14, y = r.top + pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, r.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, r.top + pointer.y - h - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { tip.hidden = true; tip.replaceChildren(); }

  /* ------------------------------------------------------------ panel */
  var statsEl;

  function updateStats() {
    if (!statsEl) return;
    var shownNodes = nodeVisible.filter(Boolean).length, shownPartnerships = 0;
    for (var j = 0; j < pairs.length; j++) if (pairVisible[j]) shownPartnerships += pairSummary(j).shown;
    var total = pairs.reduce(function (a, p) { return a + p[2].length; }, 0);
    statsEl.textContent = ui.stats.replace("{o}", shownNodes + "/" + nodes.length)
      .replace("{p}", shownPartnerships + "/" + total);
  }

  function lineSample(t) {
    var c = document.createElement("canvas"), ratio = window.devicePixelRatio || 1;
    c.className = "line";
    c.width = 34 * ratio;
    c.height = 10 * ratio;
    var g = c.getContext("2d");
    g.scale(ratio, ratio);
    g.strokeStyle = t.color;
    g.lineWidth = 2.5;
    if (t.dashes) g.setLineDash(t.dashes.map(function (d) { return d * 0.8; }));
    g.beginPath();
    g.moveTo(1, 5);
    g.lineTo(33, 5);
    g.stroke();
    return c;
  }

  function filterSection(heading, items, flags, marker, name) {
    var h = el("h2", null, heading), toggles = el("span", "toggles");
    var boxes = [];
    [[ui.all, true], [ui.none, false]].forEach(function (pair) {
      var b = el("button", null, pair[0]);
      b.type = "button";
      b.dataset.set = String(pair[1]);
      b.addEventListener("click", function () {
        boxes.forEach(function (box, k) { box.checked = pair[1]; flags[k] = pair[1]; });
        restyle();
      });
      toggles.appendChild(b);
    });
    h.appendChild(toggles);
    var section = el("section");
    section.dataset.filter = name;
    section.appendChild(h);
    items.forEach(function (item, k) {
      var label = el("label"), box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = item.key;
      box.addEventListener("change", function () { flags[k] = box.checked; restyle(); });
      boxes.push(box);
      label.appendChild(box);
      var m = marker(item);
      if (m) label.appendChild(m);
      label.appendChild(el("span", "name", item.label));
      label.appendChild(el("span", "count", item.count));
      section.appendChild(label);
    });
    panel.appendChild(section);
  }

  /* find an organisation by (part of) its name: select it, zoom to it, show its partners */
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (nodeVisible[i] && (n.name + "\n" + n.sub + "\n" + n.id).toLowerCase().indexOf(q) >= 0) {
        state.selected = i;
        restyle();
        if (api.network) {
          api.network.selectNodes([n.id]);
          api.network.focus(n.id, { scale: Math.max(api.network.getScale(), 1.2),
                                    animation: { duration: 400 } });
        }
        return n.id;
      }
    }
    return null;
  }

  function buildSearch() {
    var input = el("input", "search");
    input.type = "search";
    input.placeholder = ui.search;
    input.setAttribute("aria-label", ui.search);
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      input.classList.toggle("nomatch", find(input.value) === null && input.value.trim() !== "");
    });
    input.addEventListener("input", function () { input.classList.remove("nomatch"); });
    panel.appendChild(input);
  }

  function buildPanel() {
    panel.appendChild(el("h1", null, data.title));
    statsEl = el("p", "stats");
    panel.appendChild(statsEl);
    buildSearch();
    filterSection(ui.types, types, state.typeOn, lineSample, "types");
    filterSection(ui.sectors, sectors, state.sectorOn, function (s) {
      if (data.colorBy !== "sector") return null;
      var sw = el("span", "swatch");
      sw.style.background = s.color;
      return sw;
    }, "sectors");
    if (data.colors.length) {
      var sec = el("section", "colors");
      sec.appendChild(el("h2", null, ui.colors + " (" + ui.prefecture + ")"));
      data.colors.forEach(function (c) {
        var d = el("div"), sw = el("span", "swatch");
        sw.style.background = c.color;
        d.appendChild(sw);
        d.appendChild(el("span", null, c.label));
        sec.appendChild(d);
      });
      panel.appendChild(sec);
    }
    panel.appendChild(el("p", "hint", ui.hint));
  }

  /* ------------------------------------------------------------ network */
  function options() {
    var physics = data.physics ? {
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
        scaling: { label: { drawThreshold: data.large ? 8 : 4 } },
      },
      edges: {
        smooth: false,
        selectionWidth: 1.5,
        hoverWidth: 1.2,
      },
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
    nodeData.update(nodes.map(function (n) {
      n.x += to[n.k][0] - from[n.k][0];
      n.y += to[n.k][1] - from[n.k][1];
      return { id: n.id, x: n.x, y: n.y };
    }));
    pk.default = best;
  }

  function draw() {
    repack();
    var network = new vis.Network(mapEl, { nodes: nodeData, edges: edgeData }, options());
    window.network = network;
    api.network = network;
    network.on("hoverNode", function (p) { showTip(nodeTip(indexOf.get(p.node)), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { showTip(pairTip(Number(p.edge)), p.pointer.DOM); });
    network.on("blurNode", hideTip);
    network.on("blurEdge", hideTip);
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);
    mapEl.addEventListener("mouseleave", hideTip);
    network.on("click", function (p) {
      state.selected = p.nodes.length ? indexOf.get(p.nodes[0]) : null;
      restyle();
    });
    return new Promise(function (resolve) {
      network.once("afterDrawing", function () {
        document.documentElement.dataset.coopnet = "drawn";
        resolve(network);
      });
    });
  }

  var api = {
    data: data,
    nodes: null,
    edges: null,
    network: null,
    /* show only these partnership types / sectors (keys); null shows all */
    setTypes: function (keys) { setFlags(types, state.typeOn, keys, "types"); },
    setSectors: function (keys) { setFlags(sectors, state.sectorOn, keys, "sectors"); },
    /* select and zoom to the first shown organisation whose name contains query */
    find: find,
  };

  function setFlags(items, flags, keys, name) {
    items.forEach(function (item, k) { flags[k] = keys === null || keys.indexOf(item.key) >= 0; });
    var boxes = panel.querySelectorAll('section[data-filter="' + name + '"] input');
    boxes.forEach(function (box, k) { box.checked = flags[k]; });
    restyle();
  }

  api.nodes = nodeData;
  api.edges = edgeData;
  window.coopnet = api;
  buildPanel();
  updateStats();
  api.ready = fontReady().then(draw).catch(function (err) {
    mapEl.replaceChildren(el("p", "error", ui.error + ": " + err));
    throw err;
  });
})();
