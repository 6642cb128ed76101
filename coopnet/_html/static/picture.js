/* coopnet interactive map (MIT licence) — 2/5: the legend under the map and the
 * picture saved by 画像を保存 / Save image. One drawing serves both: the legend
 * canvas on screen and the PNG, which adds the title and the current view. */
var LEGEND_PX = 13; /* legend text size (CSS pixels) */

function setFont(g, px, bold) {
  g.font = (bold ? "bold " : "") + px + "px " + FONT + ", sans-serif";
}

/* a sector's marker, as vis-network draws its shapes */
function shapePath(g, shape, x, y, r) {
  var k, a;
  g.beginPath();
  if (shape === "square") {
    g.rect(x - r, y - r, 2 * r, 2 * r);
  } else if (shape === "triangle" || shape === "triangleDown") {
    var s = shape === "triangle" ? 1 : -1, h = r * 1.15;
    g.moveTo(x, y - s * h);
    g.lineTo(x + h * 0.95, y + s * h * 0.6);
    g.lineTo(x - h * 0.95, y + s * h * 0.6);
  } else if (shape === "diamond") {
    g.moveTo(x, y - r * 1.2); g.lineTo(x + r * 1.2, y); g.lineTo(x, y + r * 1.2); g.lineTo(x - r * 1.2, y);
  } else if (shape === "star") {
    for (k = 0; k < 10; k++) {
      a = Math.PI / 2 + k * Math.PI / 5;
      var rr = k % 2 ? r * 0.5 : r * 1.25;
      g[k ? "lineTo" : "moveTo"](x + rr * Math.cos(a), y - rr * Math.sin(a));
    }
  } else if (shape === "hexagon") {
    for (k = 0; k < 6; k++) {
      a = k * Math.PI / 3;
      g[k ? "lineTo" : "moveTo"](x + r * 1.1 * Math.cos(a), y + r * 1.1 * Math.sin(a));
    }
  } else {
    g.arc(x, y, r, 0, 2 * Math.PI);
  }
  g.closePath();
}

function darker(hex) {
  var v = parseInt(hex.slice(1), 16);
  var r = Math.round(((v >> 16) & 255) * 0.7), gg = Math.round(((v >> 8) & 255) * 0.7),
      b = Math.round((v & 255) * 0.7);
  return "#" + ((1 << 24) + (r << 16) + (gg << 8) + b).toString(16).slice(1);
}

/* what the legend shows: the sectors (or colours) and types drawn now */
function legendSections() {
  var out = [], items, drawnSector = new Uint8Array(S), drawnType = new Uint8Array(T);
  var drawnColour = new Set(), i, j, k;
  for (i = 0; i < N; i++) {
    if (nodeShown[i]) { drawnSector[nodes[i].s] = 1; drawnColour.add(nodes[i].color); }
  }
  for (j = 0; j < P; j++) {
    if (!pairShown[j]) continue;
    for (k = partStart[j]; k < partStart[j + 1]; k++) if (partOn[k]) drawnType[partType[k]] = 1;
  }
  if (data.colorBy === "sector") {
    items = sectors.filter(function (s, k) { return drawnSector[k]; });
    out.push({ title: ui.sectors, items: items.map(function (s) {
      return { kind: "shape", shape: s.shape, color: s.color, label: s.label };
    }) });
  } else {
    items = data.colors.filter(function (c) { return drawnColour.has(c.color); });
    out.push({ title: data.colorTitle, items: items.map(function (c) {
      return { kind: "shape", shape: "dot", color: c.color, label: c.label };
    }) });
    if (sectors.some(function (s) { return s.shape !== "dot"; })) {
      items = sectors.filter(function (s, k) { return drawnSector[k]; });
      out.push({ title: ui.sectors, items: items.map(function (s) {
        return { kind: "shape", shape: s.shape, color: "#888888", label: s.label };
      }) });
    }
  }
  items = types.filter(function (t, k) { return drawnType[k]; });
  out.push({ title: ui.types, items: items.map(function (t) {
    return { kind: "line", color: t.color, dashes: data.dashed ? t.dashes : false, label: t.label };
  }) });
  var notes = [data.sizeNote, SUMMARY ? ui.groups_note : "",
               SUMMARY && linkMin > 1 ? ui.links_min.replace("{n}", linkMin) : ""].filter(Boolean);
  if (notes.length) out.push({ title: "", items: notes.map(function (n) { return { kind: "note", label: n }; }) });
  return out.filter(function (s) { return s.items.length; });
}

/* places every piece of the legend in a block `width` CSS pixels wide */
function legendLayout(g, width) {
  var pad = 8, line = LEGEND_PX + 7, marks = [], x, y = pad + line / 2;
  legendSections().forEach(function (sec) {
    x = pad;
    if (sec.title) {
      setFont(g, LEGEND_PX, true);
      marks.push({ kind: "title", x: x, y: y, label: sec.title });
      x += g.measureText(sec.title).width + 12;
    }
    setFont(g, LEGEND_PX, false);
    sec.items.forEach(function (it) {
      var mark = it.kind === "line" ? 30 : it.kind === "shape" ? 14 : 0;
      var w = mark + (mark ? 5 : 0) + g.measureText(it.label).width;
      if (x + w > width - pad && x > pad + 40) { x = pad + 16; y += line; }
      marks.push({ kind: it.kind, x: x, y: y, item: it, label: it.label });
      x += w + 16;
    });
    y += line;
  });
  return { width: width, height: marks.length ? Math.ceil(y - line / 2 + pad) : 0, marks: marks };
}

function drawLegend(g, layout, top) {
  g.save();
  g.translate(0, top);
  g.textBaseline = "middle";
  layout.marks.forEach(function (m) {
    var it = m.item, x = m.x;
    if (m.kind === "title") {
      setFont(g, LEGEND_PX, true);
      g.fillStyle = "#555555";
      g.fillText(m.label, x, m.y);
      return;
    }
    setFont(g, LEGEND_PX, false);
    if (m.kind === "shape") {
      shapePath(g, it.shape, x + 7, m.y, 6);
      g.fillStyle = it.color;
      g.fill();
      g.lineWidth = 1;
      g.strokeStyle = darker(it.color);
      g.stroke();
      x += 19;
    } else if (m.kind === "line") {
      g.beginPath();
      g.setLineDash(it.dashes ? it.dashes.map(function (d) { return d * 0.8; }) : []);
      g.lineWidth = 2.5;
      g.strokeStyle = it.color;
      g.moveTo(x, m.y);
      g.lineTo(x + 30, m.y);
      g.stroke();
      g.setLineDash([]);
      x += 35;
    }
    g.fillStyle = m.kind === "note" ? "#555555" : "#222222";
    g.fillText(m.label, x, m.y);
  });
  g.restore();
}

/* the tile map of Japan behind the organisations (the 地図 layout, the summary view):
 * one square per prefecture with its name, and the strip of national bodies */
function drawTiles(g) {
  var geo = data.geo, t = geo.size, gap = t * 0.04, k = 1 / network.getScale();
  var px = Math.min(t * 0.16, 16 * k); /* the names: at most 16 px on screen */
  g.save();
  g.fillStyle = "#F1F3F6";
  geo.tiles.forEach(function (tile) { g.fillRect(tile[0] + gap, tile[1] + gap, t - 2 * gap, t - 2 * gap); });
  var s = geo.strip;
  g.strokeStyle = "#C9CED6";
  g.lineWidth = t * 0.012;
  g.setLineDash([t * 0.05, t * 0.04]);
  g.strokeRect(s[0], s[1], s[2] - s[0], s[3] - s[1]);
  g.setLineDash([]);
  g.fillStyle = "#8C95A3";
  g.textBaseline = "top";
  setFont(g, px, false);
  geo.tiles.forEach(function (tile) { /* a long name shrinks to fit its tile */
    var w = g.measureText(tile[2]).width, room = t - 5 * gap;
    if (w > room) setFont(g, px * room / w, false);
    g.fillText(tile[2], tile[0] + 2.5 * gap, tile[1] + 2 * gap);
    if (w > room) setFont(g, px, false);
  });
  g.fillText(geo.stripLabel, s[0] + 2.5 * gap, s[1] + 2 * gap);
  g.restore();
}

/* the legend canvas under the map, redrawn when the filters or the width change */
var legendCanvas = document.getElementById("legend");
function drawLegendCanvas() {
  var ratio = window.devicePixelRatio || 1, width = legendCanvas.parentNode.clientWidth;
  var g = legendCanvas.getContext("2d"), layout = legendLayout(g, width);
  var height = layout.height + "px";
  legendCanvas.width = Math.round(width * ratio);
  legendCanvas.height = Math.round(layout.height * ratio);
  legendCanvas.style.width = width + "px";
  var resized = legendCanvas.style.height !== height;
  legendCanvas.style.height = height;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = "#FFFFFF";
  g.fillRect(0, 0, width, layout.height);
  drawLegend(g, layout, 0);
  legendCanvas.dataset.items = String(layout.marks.length);
  return resized;
}

/* the heading of the saved picture: title, sub-title and what the view shows */
function caption() {
  var parts = [], h = state.highlight;
  if (state.focus >= 0) parts.push(nodes[state.focus].name + " (" + ui["focus_" + state.radius] + ")");
  else if (h && h.kind === "case") parts.push(cases[h.index].label);
  else if (h && h.kind === "node") parts.push(nodes[h.index].name);
  if (!allTypesOn()) {
    var on = types.filter(function (t, k) { return state.typeOn[k]; });
    parts.push(ui.types + ": " + on.map(function (t) { return t.label; }).join(data.lang === "ja" ? "、" : ", "));
  }
  if (yearsOn()) parts.push(ui.until.replace("{y}", state.year) + (state.undated ? "" : " (" + ui.dated_only + ")"));
  return parts.join(" · ");
}

function headLayout(g, width) {
  var lines = [[data.title, 20, true, "#222222"]];
  if (data.subtitle) lines.push([data.subtitle, 13, false, "#666666"]);
  var extra = caption();
  if (extra) lines.push([extra, 14, false, "#333333"]);
  var y = 14, marks = [];
  lines.forEach(function (l) {
    setFont(g, l[1], l[2]);
    var text = l[0];
    while (text.length > 1 && g.measureText(text).width > width - 24) text = text.slice(0, -2) + "…";
    marks.push({ text: text, px: l[1], bold: l[2], color: l[3], y: y });
    y += l[1] * 1.45;
  });
  return { height: Math.ceil(y + 6), marks: marks };
}

/* a PNG of the current view at twice the screen's resolution, title and legend drawn in */
function pictureCanvas() {
  var net = api.network, cv = net.canvas, frame = cv.frame.canvas;
  var w = frame.clientWidth, h = frame.clientHeight;
  var ratio = Math.min(2 * (window.devicePixelRatio || 1), 16384 / Math.max(w, h));
  var probe = document.createElement("canvas").getContext("2d");
  var head = headLayout(probe, w), legend = legendLayout(probe, w);
  var out = document.createElement("canvas");
  out.width = Math.round(w * ratio);
  out.height = Math.round((head.height + h + legend.height) * ratio);
  var g = out.getContext("2d");
  g.fillStyle = "#FFFFFF";
  g.fillRect(0, 0, out.width, out.height);
  /* vis-network draws at canvas.pixelRatio: draw once at ours, copy, and put it back
   * (everything in one task, so the screen never shows the larger drawing) */
  var old = cv.pixelRatio;
  cv.pixelRatio = ratio;
  frame.width = Math.round(w * ratio);
  frame.height = Math.round(h * ratio);
  try {
    net.renderer._redraw();
    g.drawImage(frame, 0, Math.round(head.height * ratio));
  } finally {
    cv.pixelRatio = old;
    frame.width = Math.round(w * old);
    frame.height = Math.round(h * old);
    net.renderer._redraw();
  }
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.textBaseline = "top";
  head.marks.forEach(function (m) {
    setFont(g, m.px, m.bold);
    g.fillStyle = m.color;
    g.fillText(m.text, 12, m.y);
  });
  g.strokeStyle = "#E3E3E3";
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(0, head.height + h + 0.5);
  g.lineTo(w, head.height + h + 0.5);
  g.stroke();
  drawLegend(g, legend, head.height + h);
  return out;
}

function fileName() {
  var name = data.title.replace(/[\u0000-\u001f\u007f<>:"\/\\|?*]+/g, " ").trim().slice(0, 80);
  return (name || "coopnet-map") + ".png";
}

function savePicture() {
  if (!api.network) return;
  var out = pictureCanvas();
  out.toBlob(function (blob) {
    var url = URL.createObjectURL(blob), a = document.createElement("a");
    a.href = url;
    a.download = fileName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }, "image/png");
}
