/* coopnet interactive map (MIT licence) — 3/5: the panel on the left (filters,
 * search, focus, the case list) and the tooltips. Every user string is set with
 * textContent (el) or as a title attribute: never as markup. */
var panel = document.getElementById("panel");
var tip = document.getElementById("tip");
var statsEl, backButton, yearLabel, caseButtons = [];

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function number(n) { return Number(n).toLocaleString(data.lang === "ja" ? "ja-JP" : "en-GB"); }

function lineSample(t) {
  var c = document.createElement("canvas"), ratio = window.devicePixelRatio || 1;
  c.className = "line";
  c.width = 34 * ratio;
  c.height = 10 * ratio;
  var g = c.getContext("2d");
  g.scale(ratio, ratio);
  g.strokeStyle = t.color;
  g.lineWidth = 2.5;
  if (t.dashes && data.dashed) g.setLineDash(t.dashes.map(function (d) { return d * 0.8; }));
  g.beginPath();
  g.moveTo(1, 5);
  g.lineTo(33, 5);
  g.stroke();
  return c;
}

function swatch(shape, color) {
  var c = document.createElement("canvas"), ratio = window.devicePixelRatio || 1;
  c.className = "swatch";
  c.width = c.height = 14 * ratio;
  var g = c.getContext("2d");
  g.scale(ratio, ratio);
  shapePath(g, shape, 7, 7, 5.2);
  g.fillStyle = color;
  g.fill();
  g.strokeStyle = darker(color);
  g.stroke();
  return c;
}

function yearPref(c) {
  return [c.year === null ? "" : String(c.year), c.pref].filter(Boolean).join(" · ");
}

/* ------------------------------------------------------------ panel */
function updatePanel() {
  if (!statsEl) return;
  var n = counts();
  statsEl.textContent = ui.stats.replace("{o}", number(n.nodes) + "/" + number(n.allNodes))
    .replace("{p}", number(n.partnerships) + "/" + number(n.allPartnerships));
  var h = state.highlight;
  caseButtons.forEach(function (b, ci) {
    if (!b) return;
    var on = h !== null && h.kind === "case" && h.index === ci;
    b.classList.toggle("on", on);
    b.setAttribute("aria-pressed", String(on));
    b.classList.toggle("off", !caseOn[ci] || (cases[ci].t >= 0 && !state.typeOn[cases[ci].t]));
  });
  if (backButton) {
    backButton.hidden = state.focus < 0 && !anyOpen();
    backButton.textContent = state.focus < 0 ? ui.regroup : ui.back;
  }
  if (yearLabel) {
    yearLabel.textContent = yearsOn() ? ui.until.replace("{y}", state.year) : ui.until_all;
  }
}

function filterSection(heading, items, flags, marker, name) {
  var h = el("h2", null, heading), toggles = el("span", "toggles"), boxes = [];
  [[ui.all, 1], [ui.none, 0]].forEach(function (pair) {
    var b = el("button", null, pair[0]);
    b.type = "button";
    b.addEventListener("click", function () {
      boxes.forEach(function (box, k) { box.checked = !!pair[1]; flags[k] = pair[1]; });
      filtersChanged();
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
    box.addEventListener("change", function () { flags[k] = box.checked ? 1 : 0; filtersChanged(); });
    boxes.push(box);
    label.appendChild(box);
    var m = marker(item);
    if (m) label.appendChild(m);
    label.appendChild(el("span", "name", item.label));
    label.appendChild(el("span", "count", number(item.count)));
    section.appendChild(label);
  });
  panel.appendChild(section);
  return boxes;
}

function buildSearch() {
  var input = el("input", "search");
  input.type = "search";
  input.placeholder = ui.search;
  input.setAttribute("aria-label", ui.search);
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    input.classList.toggle("nomatch", api.find(input.value) === null && normalise(input.value) !== "");
  });
  input.addEventListener("input", function () { input.classList.remove("nomatch"); });
  panel.appendChild(input);
}

function buildTools() {
  var tools = el("div", "tools"), save = el("button", "save", ui.save);
  save.type = "button";
  save.addEventListener("click", savePicture);
  tools.appendChild(save);
  panel.appendChild(tools);
  var box = el("fieldset", "focus");
  box.appendChild(el("legend", null, ui.focus));
  [0, 1, 2].forEach(function (r) {
    var label = el("label"), input = el("input");
    input.type = "radio";
    input.name = "focus";
    input.value = String(r);
    input.checked = r === 0;
    input.addEventListener("change", function () { if (input.checked) api.setRadius(r); });
    label.appendChild(input);
    label.appendChild(el("span", null, ui["focus_" + r]));
    box.appendChild(label);
  });
  panel.appendChild(box);
  backButton = el("button", "back", ui.back);
  backButton.type = "button";
  backButton.hidden = true;
  backButton.addEventListener("click", function () { api.clear(true); });
  document.getElementById("view").appendChild(backButton);
}

/* the year slider: the network as of a year, cumulative; undated things behind a box */
function buildYears() {
  if (!data.years) return;
  var section = el("section", "years"), h = el("h2", null, ui.year);
  yearLabel = el("span", "until");
  h.appendChild(yearLabel);
  section.appendChild(h);
  var slider = el("input", "year");
  slider.type = "range";
  slider.min = String(data.years[0]);
  slider.max = String(data.years[1]);
  slider.step = "1";
  slider.value = String(state.year);
  slider.setAttribute("aria-label", ui.year);
  var pending = false;
  slider.addEventListener("input", function () {
    if (pending) return; /* one update a frame while the slider is dragged */
    pending = true;
    requestAnimationFrame(function () { pending = false; api.setYear(Number(slider.value)); });
  });
  section.appendChild(slider);
  var ends = el("div", "ends");
  ends.appendChild(el("span", null, data.years[0]));
  ends.appendChild(el("span", null, data.years[1]));
  section.appendChild(ends);
  var label = el("label"), box = el("input");
  box.type = "checkbox";
  box.className = "undated";
  box.checked = state.undated;
  box.addEventListener("change", function () { api.setYear(state.year, box.checked); });
  label.appendChild(box);
  label.appendChild(el("span", null, ui.undated));
  section.appendChild(label);
  panel.appendChild(section);
}

/* the layout: as laid out (つながり / network) or on the tile map of Japan */
function buildLayouts() {
  if (!data.geo || data.groups) return;
  var box = el("fieldset", "layout");
  box.appendChild(el("legend", null, ui.layout));
  ["network", "geo"].forEach(function (v) {
    var label = el("label"), input = el("input");
    input.type = "radio";
    input.name = "layout";
    input.value = v;
    input.checked = state.view === v;
    input.addEventListener("change", function () { if (input.checked) api.setView(v); });
    label.appendChild(input);
    label.appendChild(el("span", null, ui["layout_" + v]));
    box.appendChild(label);
  });
  panel.appendChild(box);
}

function caseEntry(ci) {
  var c = cases[ci], b = el("button", "case" + (c.parent >= 0 ? " sub" : ""));
  b.type = "button";
  b.setAttribute("aria-pressed", "false");
  b.appendChild(el("span", "name", (c.parent >= 0 ? "└ " : "") + c.label));
  var meta = yearPref(c);
  if (meta) b.appendChild(el("span", "meta", meta));
  var more = [c.summary, c.source ? ui.source + ": " + c.source : ""].filter(Boolean);
  if (more.length) b.title = more.join("\n");
  var detail = el("span", "detail");
  if (c.summary) detail.appendChild(el("span", null, c.summary));
  if (c.source) detail.appendChild(el("span", "source", ui.source + ": " + c.source));
  detail.appendChild(el("span", "source", ui.members + " " + c.members.length + " · " +
                        ui.partnerships + " " + caseParts[ci]));
  b.appendChild(detail);
  b.addEventListener("click", function () { api.highlightCase(ci); });
  caseButtons[ci] = b;
  return b;
}

var CASE_PAGE = 200; /* case entries made at a time (a national network has 70,000) */

function buildCases() {
  if (!C) return;
  var section = el("section", "cases");
  section.appendChild(el("h2", null, ui.cases + " (" + number(C) + ")"));
  section.appendChild(el("p", "hint", ui.case_hint));
  var byType = types.map(function () { return []; }), other = [];
  cases.forEach(function (c, ci) { (c.t >= 0 ? byType[c.t] : other).push(ci); });
  var kinds = byType.map(function (list, t) { return [types[t], list]; });
  if (other.length) kinds.push([{ label: ui.unknown, color: "#999999", dashes: false }, other]);
  kinds.forEach(function (g) {
    if (!g[1].length) return;
    var d = el("details"), s = el("summary"), made = 0, more = null;
    s.appendChild(lineSample(g[0]));
    s.appendChild(el("span", "name", g[0].label));
    s.appendChild(el("span", "count", number(g[1].length)));
    d.appendChild(s);
    function fill() {
      var end = Math.min(g[1].length, made + CASE_PAGE);
      for (; made < end; made++) d.insertBefore(caseEntry(g[1][made]), more);
      if (made < g[1].length) {
        if (!more) {
          more = el("button", "more");
          more.type = "button";
          more.addEventListener("click", fill);
          d.appendChild(more);
        }
        more.textContent = ui.more.replace("{n}", number(g[1].length - made));
      } else if (more) {
        more.remove();
      }
      updatePanel();
    }
    d.addEventListener("toggle", function () { if (d.open && !made) fill(); });
    if (C <= 60) { d.open = true; fill(); }
    section.appendChild(d);
  });
  panel.appendChild(section);
}

function buildPanel() {
  panel.appendChild(el("h1", null, data.title));
  if (data.subtitle) panel.appendChild(el("p", "subtitle", data.subtitle));
  statsEl = el("p", "stats");
  panel.appendChild(statsEl);
  buildSearch();
  buildTools();
  buildLayouts();
  buildYears();
  filterSection(ui.types, types, state.typeOn, lineSample, "types");
  filterSection(ui.sectors, sectors, state.sectorOn, function (s) {
    return data.colorBy === "sector" ? swatch(s.shape, s.color) : swatch(s.shape, "#999999");
  }, "sectors");
  if (data.colors.length) {
    var sec = el("section", "colors");
    sec.appendChild(el("h2", null, data.colorTitle));
    data.colors.forEach(function (c) {
      var d = el("div");
      d.appendChild(swatch("dot", c.color));
      d.appendChild(el("span", null, c.label));
      sec.appendChild(d);
    });
    panel.appendChild(sec);
  }
  buildCases();
  panel.appendChild(el("p", "hint", ui.hint));
  updatePanel();
}

/* ------------------------------------------------------------ tooltips */
function row(table, key, value) {
  var tr = el("tr");
  tr.appendChild(el("td", "k", key));
  tr.appendChild(el("td", null, value));
  table.appendChild(tr);
}

function nodeTip(i) {
  var n = nodes[i], box = el("div");
  box.appendChild(el("div", "title", n.name));
  if (n.sub) box.appendChild(el("div", "sub", n.sub));
  var t = el("table");
  row(t, ui.sector, sectors[n.s].label);
  row(t, ui.prefecture, n.pref || ui.unknown);
  row(t, ui.n_partners, n.partners);
  row(t, ui.n_partnerships, n.np);
  box.appendChild(t);
  var list = nodeCases[i];
  if (list.length) {
    box.appendChild(el("div", "k", ui.cases + " (" + list.length + ")"));
    var ul = el("ul"), limit = 12;
    list.slice(0, limit).forEach(function (m) {
      var c = cases[m[0]], extra = [m[1], c.year === null ? "" : String(c.year)].filter(Boolean);
      ul.appendChild(el("li", null, c.label + (extra.length ? " (" + extra.join(", ") + ")" : "")));
    });
    if (list.length > limit) ul.appendChild(el("li", "sub", ui.more.replace("{n}", list.length - limit)));
    box.appendChild(ul);
  }
  return box;
}

function pairTip(j) {
  var p = pairs[j], box = el("div"), seen = new Set();
  box.appendChild(el("div", "title", nodes[p[0]].name + " — " + nodes[p[1]].name));
  box.appendChild(el("div", "sub", ui.partnerships + ": " + p[2].length));
  var t = el("table"), head = el("tr");
  [ui.type, ui.case, ui.year].forEach(function (h) { head.appendChild(el("td", "k", h)); });
  t.appendChild(head);
  p[2].forEach(function (q, n) {
    var on = partOn[partStart[j] + n];
    var c = cases[q[1]], tr = el("tr", on ? null : "off"), td = el("td");
    var mark = el("span", "mark");
    mark.style.background = types[q[0]].color;
    td.appendChild(mark);
    td.appendChild(document.createTextNode(types[q[0]].label));
    tr.appendChild(td);
    tr.appendChild(el("td", null, c.label));
    tr.appendChild(el("td", null, q[2] === null ? "—" : q[2]));
    t.appendChild(tr);
    if (c.summary && !seen.has(q[1])) {
      seen.add(q[1]);
      var more = el("tr", "summary" + (on ? "" : " off")), cell = el("td", null, c.summary);
      cell.colSpan = 3;
      more.appendChild(cell);
      t.appendChild(more);
    }
  });
  box.appendChild(t);
  return box;
}

function showTip(content, pointer) {
  tip.replaceChildren(content);
  tip.hidden = false;
  var r = document.getElementById("map").getBoundingClientRect();
  var x = r.left + pointer.x + 14, y = r.top + pointer.y + 14;
  var w = tip.offsetWidth, h = tip.offsetHeight;
  if (x + w > window.innerWidth - 4) x = Math.max(4, r.left + pointer.x - w - 14);
  if (y + h > window.innerHeight - 4) y = Math.max(4, r.top + pointer.y - h - 14);
  tip.style.left = x + "px";
  tip.style.top = y + "px";
}

function hideTip() { tip.hidden = true; tip.replaceChildren(); }
