/* coopnet interactive map (MIT licence) — 1/5: the data and the state of the view.
 *
 * The five static files are inlined, in the order state, picture, panel, summary,
 * map, into one function scope. Organisations, pairs of partners and cases are
 * integers (their position in the data); user text (ids, names, case titles) is never
 * an object key, a vis-network id or markup: it reaches the page through textContent
 * or as canvas text only. Per-item state lives in typed arrays indexed by those
 * integers, and an interaction pushes to vis-network only the items whose state
 * changed.
 */
var data = JSON.parse(document.getElementById("coopnet-data").textContent);
var ui = data.ui;
var FONT = data.font;
var nodes = data.nodes, pairs = data.pairs, types = data.types, sectors = data.sectors;
var cases = data.cases;
var N = nodes.length, P = pairs.length, T = types.length, S = sectors.length, C = cases.length;

/* ------------------------------------------------------------ indices */
/* CSR lists: the pairs of each organisation, the partnerships of each pair (their
 * type, case and start year: NEVER when undated) */
var NEVER = 2147483647;
var adjStart = new Int32Array(N + 1), adjPair = new Int32Array(2 * P);
var partStart = new Int32Array(P + 1), partType, partCase, partYear, partOn;
(function () {
  var deg = new Int32Array(N), k = 0, total = 0, j;
  for (j = 0; j < P; j++) {
    deg[pairs[j][0]]++;
    if (pairs[j][1] !== pairs[j][0]) deg[pairs[j][1]]++;
    total += pairs[j][2].length;
  }
  for (var i = 0; i < N; i++) adjStart[i + 1] = adjStart[i] + deg[i];
  var fill = adjStart.slice(0, N);
  partType = new Int32Array(total);
  partCase = new Int32Array(total);
  partYear = new Int32Array(total);
  partOn = new Uint8Array(total);
  for (j = 0; j < P; j++) {
    var p = pairs[j];
    adjPair[fill[p[0]]++] = j;
    if (p[1] !== p[0]) adjPair[fill[p[1]]++] = j;
    partStart[j] = k;
    for (var q = 0; q < p[2].length; q++, k++) {
      partType[k] = p[2][q][0];
      partCase[k] = p[2][q][1];
      partYear[k] = p[2][q][2] === null ? NEVER : p[2][q][2];
    }
  }
  partStart[P] = k;
})();

/* each organisation's cases ([case, role, tied]) and those members.csv lists it in;
 * when each case and each organisation starts (coopnet.temporal: a case with its own
 * year or its first dated partnership, an organisation with its first dated
 * partnership or the start of a case that lists it; NEVER when undated) */
var nodeCases = nodes.map(function () { return []; });
var listedCases = nodes.map(function () { return null; });
var caseStart = new Int32Array(C), orgStart = new Int32Array(N).fill(NEVER);
cases.forEach(function (c, ci) {
  caseStart[ci] = c.start === null ? NEVER : c.start;
  c.members.forEach(function (m) {
    nodeCases[m[0]].push([ci, m[1], m[2]]);
    if (m[3]) {
      (listedCases[m[0]] = listedCases[m[0]] || []).push(ci);
      orgStart[m[0]] = Math.min(orgStart[m[0]], caseStart[ci]);
    }
  });
});
for (var j0 = 0; j0 < P; j0++) {
  for (var k1 = partStart[j0]; k1 < partStart[j0 + 1]; k1++) {
    var y0 = partYear[k1];
    if (y0 < orgStart[pairs[j0][0]]) orgStart[pairs[j0][0]] = y0;
    if (y0 < orgStart[pairs[j0][1]]) orgStart[pairs[j0][1]] = y0;
  }
}

var caseParts = new Int32Array(C); /* partnerships of each case */
for (var k0 = 0; k0 < partCase.length; k0++) caseParts[partCase[k0]]++;

var casePairs = null; /* the pairs with a partnership of each case, built on first use */
function pairsOfCase(c) {
  if (casePairs === null) {
    casePairs = cases.map(function () { return []; });
    for (var j = 0; j < P; j++) {
      for (var k = partStart[j]; k < partStart[j + 1]; k++) {
        var list = casePairs[partCase[k]];
        if (list[list.length - 1] !== j) list.push(j);
      }
    }
  }
  return casePairs[c];
}

/* ------------------------------------------------------------ state */
var state = {
  typeOn: new Uint8Array(T).fill(1),
  sectorOn: new Uint8Array(S).fill(1),
  radius: 0, /* the focus control: 0 (off), 1 or 2 steps */
  focus: -1, /* the organisation whose neighbourhood alone is shown, or -1 */
  highlight: null, /* {kind: "node" | "case", index} */
  /* the year slider: the network as of the end of `year` (Network.until), undated
   * partnerships, cases and organisations too when `undated`; at the last year with
   * undated on, the whole network */
  year: data.years ? data.years[1] : 0,
  undated: true,
  view: data.view, /* "network" or "geo" (organisations on the tile map of Japan) */
};
var caseOn = new Uint8Array(C).fill(1); /* started by the year shown */
var nodeOn = new Uint8Array(N), pairOn = new Uint8Array(P); /* pass the filters */
var nodeShown = new Uint8Array(N), pairShown = new Uint8Array(P); /* drawn */
var pairCount = new Int32Array(P), pairType = new Int32Array(P); /* under the type filter */
var lit = { nodes: [], pairs: [], node: new Uint8Array(N) }; /* highlighted, drawn on top */

function allTypesOn() {
  for (var t = 0; t < T; t++) if (!state.typeOn[t]) return false;
  return true;
}

function yearsOn() {
  return data.years !== null && (state.year < data.years[1] || !state.undated);
}

/* partnerships passing the type and year filters (partOn), how many of each pair do
 * and their most frequent type. Every filter on partnerships goes here; filters on
 * organisations go in computeShown. */
function countPairs() {
  var counts = new Int32Array(T), yearly = yearsOn(), year = state.year, undated = state.undated;
  for (var c = 0; c < C; c++) {
    caseOn[c] = !yearly || caseStart[c] <= year || (undated && caseStart[c] === NEVER) ? 1 : 0;
  }
  for (var j = 0; j < P; j++) {
    counts.fill(0);
    var shown = 0, best = partType[partStart[j]];
    for (var k = partStart[j]; k < partStart[j + 1]; k++) {
      var t = partType[k], y = partYear[k];
      partOn[k] = state.typeOn[t] &&
        (!yearly || y <= year || (undated && y === NEVER && caseOn[partCase[k]])) ? 1 : 0;
      if (partOn[k]) { counts[t]++; shown++; }
    }
    for (var u = 0; u < T; u++) if (counts[u] > counts[best]) best = u;
    pairCount[j] = shown;
    pairType[j] = best;
  }
}

/* organisations within `radius` steps of `centre` over the pairs that pass the
 * filters: 1 + their number of steps, 0 for the others */
function ball(centre, radius) {
  var near = new Uint8Array(N), frontier = [centre];
  near[centre] = 1;
  for (var step = 0; step < radius; step++) {
    var next = [];
    frontier.forEach(function (i) {
      for (var a = adjStart[i]; a < adjStart[i + 1]; a++) {
        var j = adjPair[a];
        if (!pairOn[j]) continue;
        var o = pairs[j][0] === i ? pairs[j][1] : pairs[j][0];
        if (!near[o]) { near[o] = step + 2; next.push(o); }
      }
    });
    frontier = next;
  }
  return near;
}
var nearOf = null; /* the focus's ball, or null */

/* which organisations and pairs are drawn: filters, then focus */
function computeShown() {
  countPairs();
  var s = state.sectorOn, i, j;
  for (j = 0; j < P; j++) {
    var p = pairs[j];
    pairOn[j] = pairCount[j] > 0 && s[nodes[p[0]].s] && s[nodes[p[1]].s] ? 1 : 0;
  }
  var typed = !allTypesOn(), yearly = yearsOn();
  if (!typed && !yearly) {
    for (i = 0; i < N; i++) nodeOn[i] = s[nodes[i].s];
  } else {
    /* a type or year filter is on: an organisation stays if it keeps a partnership,
     * or members.csv lists it in a case shown (of a type shown, started by the year);
     * with the year slider alone, undated ones stay with the undated box ticked */
    var shownCase = function (c) {
      return caseOn[c] && (!typed || (cases[c].t >= 0 && state.typeOn[cases[c].t]));
    };
    nodeOn.fill(0);
    for (j = 0; j < P; j++) if (pairOn[j]) { nodeOn[pairs[j][0]] = 1; nodeOn[pairs[j][1]] = 1; }
    for (i = 0; i < N; i++) {
      if (!nodeOn[i] && listedCases[i]) nodeOn[i] = listedCases[i].some(shownCase) ? 1 : 0;
      if (!nodeOn[i] && !typed && state.undated && orgStart[i] === NEVER) nodeOn[i] = 1;
      nodeOn[i] = nodeOn[i] && s[nodes[i].s] ? 1 : 0;
    }
  }
  if (state.focus >= 0 && !nodeOn[state.focus]) state.focus = -1;
  var near = nearOf = state.focus >= 0 ? ball(state.focus, state.radius) : null;
  for (i = 0; i < N; i++) nodeShown[i] = nodeOn[i] && (!near || near[i]) ? 1 : 0;
  for (j = 0; j < P; j++) {
    pairShown[j] = pairOn[j] && nodeShown[pairs[j][0]] && nodeShown[pairs[j][1]] ? 1 : 0;
  }
}

/* what is drawn on top of a veil: an organisation and its partners, or a case (in
 * focus mode nothing is veiled: what is left on screen is the neighbourhood) */
function computeLit() {
  lit.nodes.forEach(function (i) { lit.node[i] = 0; });
  lit.nodes = [];
  lit.pairs = [];
  var h = state.highlight;
  if (h === null || state.focus >= 0) return;
  function addNode(i) { if (nodeShown[i] && !lit.node[i]) { lit.node[i] = 1; lit.nodes.push(i); } }
  if (h.kind === "node") {
    if (!nodeShown[h.index]) { state.highlight = null; return; }
    addNode(h.index);
    for (var a = adjStart[h.index]; a < adjStart[h.index + 1]; a++) {
      var j = adjPair[a];
      if (!pairShown[j]) continue;
      lit.pairs.push(j);
      addNode(pairs[j][0]);
      addNode(pairs[j][1]);
    }
  } else {
    cases[h.index].members.forEach(function (m) { addNode(m[0]); });
    pairsOfCase(h.index).forEach(function (j) { if (pairShown[j]) lit.pairs.push(j); });
    if (!lit.nodes.length) state.highlight = null; /* filtered out entirely */
  }
}

function edgeWidth(count) { return Math.min(1.8 + 1.6 * (count - 1), 10); }

/* a pair's line: as wide as its partnerships shown, styled by their most frequent type */
function pairStyle(j) {
  var c = rgba(types[pairType[j]].color, 1);
  return {
    width: edgeWidth(Math.max(pairCount[j], 1)),
    dashes: data.dashed ? types[pairType[j]].dashes : false,
    color: { color: c, highlight: c, hover: c, inherit: false, opacity: 1 },
  };
}

/* "#rrggbb" as "rgba(r,g,b,a)": vis-network parses a hex colour again at every frame
 * for every line, and passes an rgba() string through */
function rgba(hex, alpha) {
  var v = parseInt(hex.slice(1), 16);
  return "rgba(" + ((v >> 16) & 255) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," + alpha + ")";
}

/* shown / all organisations and partnerships, for the panel */
function counts() {
  var o = 0, p = 0, all = partStart[P];
  for (var i = 0; i < N; i++) o += nodeShown[i];
  for (var j = 0; j < P; j++) if (pairShown[j]) p += pairCount[j];
  return { nodes: o, partnerships: p, allNodes: N, allPartnerships: all };
}

/* what is typed, normalised as coopnet normalises the data on loading: NFKC, trimmed */
function normalise(text) {
  var s = String(text);
  if (s.normalize) s = s.normalize("NFKC");
  return s.trim().toLowerCase();
}
var haystack = null;
function findNode(query) {
  var q = normalise(query);
  if (!q) return -1;
  if (haystack === null) {
    haystack = nodes.map(function (n) { return normalise(n.name + "\n" + n.sub + "\n" + n.id); });
  }
  for (var i = 0; i < N; i++) if (nodeOn[i] && haystack[i].indexOf(q) >= 0) return i;
  return -1;
}
