/* coopnet interactive map (MIT licence) — 4/5: the summary view of a large network.
 *
 * Above coopnet._html.payload.SUMMARY_MIN organisations vis-network cannot hold them
 * all (50,000 organisations and 231,000 pairs: 30 s to draw; its clustering API then
 * takes 7 s to make or open one cluster). The page draws one node per group instead
 * (data.groups: one sector in one prefecture) and a line per pair of groups; a click
 * on a group puts its organisations in its place. The filters, the highlight and the
 * focus work on organisations exactly as in the full map (state.js); this file only
 * decides how each organisation is drawn — as itself or as its group — and pushes the
 * items that changed to vis-network's DataSets. vis ids: organisations 0..N-1, groups
 * N + g; lines: pairs 0..P-1, lines between a group and anything else P + slot.
 */
var groups = data.groups || [];
var G = groups.length, SUMMARY = G > 0, NG = N + G;
var groupOf = new Int32Array(N), groupOpen = new Uint8Array(G);
var unitOf = new Int32Array(N).fill(-1); /* vis node drawing each organisation, -1 none */
var pairEdge = new Int32Array(P).fill(-1); /* vis edge drawing each pair, -1 none */
var groupCount = new Int32Array(G); /* organisations each group node stands for now */
var gStart = new Int32Array(G + 1), gMember = new Int32Array(N);
if (SUMMARY) {
  (function () {
    var i, fill;
    for (i = 0; i < N; i++) { groupOf[i] = nodes[i].g; gStart[groupOf[i] + 1]++; }
    for (i = 0; i < G; i++) gStart[i + 1] += gStart[i];
    fill = gStart.slice(0, G);
    for (i = 0; i < N; i++) gMember[fill[groupOf[i]]++] = i;
  })();
}

/* lines that stand for several pairs: one slot per pair of vis nodes, kept for good */
var linkSlot = new Map(), linkEnds = [], linkCap = 1024;
var linkCount = new Int32Array(linkCap), linkTypes = new Int32Array(linkCap * T);
var linkStamp = new Int32Array(linkCap), linkRound = 0;
var drawnNodes = new Map(), drawnEdges = new Map(); /* vis id -> style key */

function slotOf(a, b) {
  var key = a < b ? a * NG + b : b * NG + a, slot = linkSlot.get(key);
  if (slot !== undefined) return slot;
  slot = linkEnds.length / 2;
  linkSlot.set(key, slot);
  linkEnds.push(Math.min(a, b), Math.max(a, b));
  if (slot >= linkCap) {
    linkCap *= 2;
    var c = new Int32Array(linkCap), t = new Int32Array(linkCap * T), s = new Int32Array(linkCap);
    c.set(linkCount); t.set(linkTypes); s.set(linkStamp);
    linkCount = c; linkTypes = t; linkStamp = s;
  }
  return slot;
}

function anyOpen() {
  for (var g = 0; g < G; g++) if (groupOpen[g]) return true;
  return false;
}

/* In focus, the organisations up to the farthest step that keeps them under
 * data.focusMax are drawn one by one (two steps from a national body can be 20,000
 * organisations), the farther ones as their groups. */
function focusSteps() {
  var ring = new Int32Array(4), i, r, total = 0;
  for (i = 0; i < N; i++) if (nodeShown[i]) ring[nearOf[i] - 1]++;
  for (r = 0; r < 3; r++) {
    total += ring[r];
    if (total > data.focusMax) return Math.max(r - 1, 0);
  }
  return 2;
}

/* how each organisation is drawn now; the lines between what is drawn */
function computeUnits() {
  var focused = state.focus >= 0 && nearOf !== null, i, j, k;
  var steps = focused ? focusSteps() : 0;
  groupCount.fill(0);
  for (i = 0; i < N; i++) {
    if (!nodeShown[i]) unitOf[i] = -1;
    else if (focused ? nearOf[i] - 1 <= steps : groupOpen[groupOf[i]]) unitOf[i] = i;
    else { unitOf[i] = N + groupOf[i]; groupCount[groupOf[i]]++; }
  }
  linkRound++;
  var touched = [];
  for (j = 0; j < P; j++) {
    pairEdge[j] = -1;
    if (!pairShown[j]) continue;
    var a = unitOf[pairs[j][0]], b = unitOf[pairs[j][1]];
    if (a === b) continue; /* inside a group */
    if (a < N && b < N) { pairEdge[j] = j; continue; }
    var slot = slotOf(a, b);
    if (linkStamp[slot] !== linkRound) {
      linkStamp[slot] = linkRound;
      linkCount[slot] = 0;
      linkTypes.fill(0, slot * T, slot * T + T);
      touched.push(slot);
    }
    pairEdge[j] = P + slot;
    for (k = partStart[j]; k < partStart[j + 1]; k++) {
      if (partOn[k]) { linkCount[slot]++; linkTypes[slot * T + partType[k]]++; }
    }
  }
  return touched;
}

function linkType(slot) {
  var best = 0;
  for (var t = 1; t < T; t++) if (linkTypes[slot * T + t] > linkTypes[slot * T + best]) best = t;
  return best;
}

/* a line between groups is as wide on screen whatever the zoom (the map of a
 * national network spans 30,000 pixels), thinner while the whole of Japan is in
 * view (tiles under 400 px): its width is set again whenever the zoom changes */
function linkPx(slot) { return Math.min(0.6 + 0.75 * Math.log2(linkCount[slot]), 5); }
var linkScale = 0;
function scaleLinks() {
  var scale = network.getScale(), edges = network.body.edges;
  if (scale === linkScale) return;
  linkScale = scale;
  var k = Math.max(0.2, Math.min(1, scale * data.geo.size / 400)) / scale;
  drawnEdges.forEach(function (key, id) {
    if (id >= P && edges[id]) edges[id].options.width = linkPx(id - P) * k;
  });
}

function linkItem(slot) {
  var n = linkCount[slot], lg = Math.log2(n);
  var c = rgba(types[linkType(slot)].color, Math.min(0.85, 0.3 + 0.08 * lg).toFixed(2));
  linkScale = 0; /* new widths to set */
  return {
    id: P + slot, from: linkEnds[2 * slot], to: linkEnds[2 * slot + 1],
    width: linkPx(slot) / (network ? network.getScale() : 1), dashes: false,
    color: { color: c, highlight: c, hover: c, inherit: false, opacity: 1 },
  };
}

/* lines between two groups drawn: the strongest LINK_MAX (each costs ~30 µs a frame);
 * returns the fewest partnerships a line between groups needs */
var LINK_MAX = 2500, linkMin = 1;
function strongest(touched) {
  var between = touched.filter(function (s) { return linkEnds[2 * s] >= N; });
  if (between.length <= LINK_MAX) return 1;
  var counts = Int32Array.from(between, function (s) { return linkCount[s]; }).sort();
  return counts[counts.length - LINK_MAX - 1] + 1;
}

function groupSize(g) {
  return Math.max(6, groups[g].size * Math.sqrt(groupCount[g] / groups[g].n));
}

function groupItem(g) {
  var gr = groups[g], s = sectors[gr.s];
  return {
    id: N + g, x: gr.x, y: gr.y, size: groupSize(g), shape: s.shape, borderWidth: 2,
    color: { background: s.color, border: darker(s.color),
             highlight: { background: s.color, border: "#000000" },
             hover: { background: s.color, border: "#000000" } },
  };
}

/* the difference between what vis-network holds and what should be drawn, pushed */
function pushSummary() {
  var touched = computeUnits(), i, g, j;
  var addN = [], updN = [], delN = [], addE = [], updE = [], delE = [], want = new Map();
  for (i = 0; i < N; i++) if (unitOf[i] === i) want.set(i, 0);
  for (g = 0; g < G; g++) if (groupCount[g]) want.set(N + g, groupCount[g]);
  want.forEach(function (key, id) {
    var had = drawnNodes.get(id);
    if (had === undefined) addN.push(id < N ? nodeItem(id) : groupItem(id - N));
    else if (had !== key) updN.push({ id: id, size: groupSize(id - N) });
  });
  drawnNodes.forEach(function (key, id) { if (!want.has(id)) delN.push(id); });
  drawnNodes = want;
  var wantE = new Map();
  for (j = 0; j < P; j++) if (pairEdge[j] === j) wantE.set(j, styleKey(j));
  linkMin = strongest(touched);
  touched.forEach(function (slot) {
    if (linkEnds[2 * slot] >= N && linkCount[slot] < linkMin) return;
    wantE.set(P + slot, linkCount[slot] * (T + 1) + linkType(slot));
  });
  for (j = 0; j < P; j++) if (pairEdge[j] >= P && !wantE.has(pairEdge[j])) pairEdge[j] = -1;
  wantE.forEach(function (key, id) {
    var had = drawnEdges.get(id);
    if (had === key) return;
    var item = id < P ? pairItem(id) : linkItem(id - P);
    (had === undefined ? addE : updE).push(item);
  });
  drawnEdges.forEach(function (key, id) { if (!wantE.has(id)) delE.push(id); });
  drawnEdges = wantE;
  if (delE.length) edgeData.remove(delE);
  if (delN.length) nodeData.remove(delN);
  if (addN.length) nodeData.add(addN);
  if (updN.length) nodeData.update(updN);
  if (addE.length) edgeData.add(addE);
  if (updE.length) edgeData.update(updE);
}

/* the groups' names, 12 px on screen, once the view is close enough for them (a tile
 * 160 px wide or more): vis-network's own labels grow with the zoom */
function drawGroupNames(ctx) {
  var scale = network.getScale(), body = network.body;
  if (scale * data.geo.size < 160) return;
  var w = mapEl.clientWidth, h = mapEl.clientHeight;
  var a = network.DOMtoCanvas({ x: -100, y: -40 }), b = network.DOMtoCanvas({ x: w + 100, y: h + 40 });
  drawnNodes.forEach(function (key, id) {
    var node = body.nodes[id];
    if (id < N || !node || node.x < a.x || node.x > b.x || node.y < a.y || node.y > b.y) return;
    drawName(ctx, id);
  });
}

/* a group's organisations in its place (and the view on them), or all groups closed */
function openGroup(g) {
  groupOpen[g] = 1;
  state.highlight = null;
  apply(false);
  var ids = [];
  for (var m = gStart[g]; m < gStart[g + 1]; m++) if (unitOf[gMember[m]] >= 0) ids.push(gMember[m]);
  var zoom = Math.min(0.9, 1200 / data.geo.size); /* close enough to tell them apart */
  if (network && ids.length) network.fit({ nodes: ids, maxZoomLevel: zoom, animation: animation(250) });
}

function closeGroups() {
  groupOpen.fill(0);
}

/* the tooltip of a group and of a line standing for several pairs */
function groupTip(g) {
  var gr = groups[g], box = el("div"), inside = 0, outside = 0;
  for (var m = gStart[g]; m < gStart[g + 1]; m++) {
    var i = gMember[m];
    for (var a = adjStart[i]; a < adjStart[i + 1]; a++) {
      var j = adjPair[a];
      if (!pairShown[j]) continue;
      var other = pairs[j][0] === i ? pairs[j][1] : pairs[j][0];
      if (groupOf[other] !== g) outside += pairCount[j];
      else if (other > i) inside += pairCount[j];
    }
  }
  box.appendChild(el("div", "title", gr.label));
  var t = el("table");
  row(t, ui.sector, sectors[gr.s].label);
  row(t, ui.prefecture, gr.pref);
  row(t, ui.organisations, groupCount[g] === gr.n ? gr.n : groupCount[g] + " / " + gr.n);
  row(t, ui.inside, inside);
  row(t, ui.outside, outside);
  box.appendChild(t);
  box.appendChild(el("div", "sub", ui.group_open));
  return box;
}

function unitName(u) { return u < N ? nodes[u].name : groups[u - N].label; }

function linkTip(slot) {
  var box = el("div"), t = el("table");
  box.appendChild(el("div", "title", unitName(linkEnds[2 * slot]) + " — " + unitName(linkEnds[2 * slot + 1])));
  box.appendChild(el("div", "sub", ui.partnerships + ": " + linkCount[slot]));
  types.forEach(function (ty, k) {
    var n = linkTypes[slot * T + k];
    if (!n) return;
    var tr = el("tr"), td = el("td"), mark = el("span", "mark");
    mark.style.background = ty.color;
    td.appendChild(mark);
    td.appendChild(document.createTextNode(ty.label));
    tr.appendChild(td);
    tr.appendChild(el("td", null, n));
    t.appendChild(tr);
  });
  box.appendChild(t);
  return box;
}
