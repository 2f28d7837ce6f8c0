/* Citation graph: radial start (centre, ring 1, ring 2) relaxed by a small force layout, drawn in SVG.
   Data: {nodes: [{id, label, type, href, center, title, validity}], edges: [{source, target, label}]}.
   Readable on a phone: labels and nodes keep their on-screen size whatever the scale (recomputed on
   resize); a tap on a node or an edge shows it in the info panel (#graph-info) instead of a hover
   tooltip, a second tap (or the panel's link) opens the document; on a mouse device a click opens
   it at once. Node rings show validity (replaced / repealed / amended / expired). */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph");
  var raw = document.getElementById("graph-data");
  if (!svg || !raw) return;
  var data = JSON.parse(raw.textContent || '{"nodes":[],"edges":[]}');
  var nodes = data.nodes, edges = data.edges;
  if (!nodes.length) return;

  var PALETTE = {
    "Chỉ thị": "#d1495b", "Kế hoạch": "#2e86ab", "Quyết định": "#edae49", "Chương trình": "#66a182",
    "Nghị quyết": "#8e5ea2", "Nghị định": "#00798c", "Luật": "#3d405b", "Thông tư": "#f18f01",
    "Quy định": "#c73e1d", "Kết luận": "#6c757d", "Công văn": "#a26769", "Thông báo": "#588157",
    "Tin bài": "#adb5bd", "Hướng dẫn": "#bc6c25"
  };
  var extra = ["#264653", "#e76f51", "#2a9d8f", "#9c6644", "#7209b7", "#4361ee"];
  function colour(type) {
    if (PALETTE[type]) return PALETTE[type];
    var h = 0; for (var i = 0; i < type.length; i++) h = (h * 31 + type.charCodeAt(i)) >>> 0;
    return extra[h % extra.length];
  }

  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var center = nodes.filter(function (n) { return n.center; })[0] || nodes[0];
  center.center = true;

  /* depth by breadth-first search, ignoring edge direction */
  var adj = {};
  nodes.forEach(function (n) { adj[n.id] = []; });
  edges.forEach(function (e) { adj[e.source].push(e.target); adj[e.target].push(e.source); });
  center._d = 0;
  var queue = [center.id];
  while (queue.length) {
    var cur = queue.shift();
    adj[cur].forEach(function (nb) {
      if (byId[nb]._d === undefined) { byId[nb]._d = byId[cur]._d + 1; queue.push(nb); }
    });
  }
  nodes.forEach(function (n) { if (n._d === undefined) n._d = 3; });

  /* radial start: one ring per depth, wide enough for its nodes */
  var RING = 190, SPACING = 95;
  var rings = {}, radius = { 0: 0 };
  nodes.forEach(function (n) { (rings[n._d] = rings[n._d] || []).push(n); });
  for (var d = 1; d <= 3; d++) {
    var count = (rings[d] || []).length;
    radius[d] = Math.max(radius[d - 1] + RING, (count * SPACING) / (2 * Math.PI));
  }
  Object.keys(rings).forEach(function (d) {
    var list = rings[d];
    list.forEach(function (n, i) {
      var a = (2 * Math.PI * i) / list.length + d * 0.4;
      n.x = d == 0 ? 0 : Math.cos(a) * radius[d];
      n.y = d == 0 ? 0 : Math.sin(a) * radius[d];
    });
  });

  /* force relaxation: repulsion, springs on edges, a pull back to the node's ring */
  for (var it = 0; it < 300; it++) {
    var cool = 1 - it / 300;
    nodes.forEach(function (n) { n.fx = 0; n.fy = 0; });
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j];
        var dx = a.x - b.x, dy = a.y - b.y;
        var d2 = dx * dx + dy * dy + 0.01, d = Math.sqrt(d2);
        var f = 9000 / d2;
        a.fx += f * dx / d; a.fy += f * dy / d; b.fx -= f * dx / d; b.fy -= f * dy / d;
      }
    }
    edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target];
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      var f = (d - RING * 0.9) * 0.01;
      a.fx += f * dx / d; a.fy += f * dy / d; b.fx -= f * dx / d; b.fy -= f * dy / d;
    });
    nodes.forEach(function (n) {
      if (n === center) return;
      var r = Math.sqrt(n.x * n.x + n.y * n.y) + 0.01, want = radius[Math.min(n._d, 3)];
      var f = (want - r) * 0.12;
      n.fx += f * n.x / r; n.fy += f * n.y / r;
      var step = Math.sqrt(n.fx * n.fx + n.fy * n.fy), max = 25 * cool + 1;
      if (step > max) { n.fx *= max / step; n.fy *= max / step; }
      n.x += n.fx; n.y += n.fy;
    });
  }

  /* fit the view box */
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  nodes.forEach(function (n) {
    minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
  });
  var padX = 110, padY = 50;
  var w = Math.max(maxX - minX + 2 * padX, 320), h = Math.max(maxY - minY + 2 * padY, 260);
  svg.setAttribute("viewBox", [(minX + maxX) / 2 - w / 2, (minY + maxY) / 2 - h / 2, w, h].join(" "));

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  var VALIDITY = {
    replaced: "bị thay thế", repealed: "bị bãi bỏ", partly_repealed: "bị bãi bỏ một phần",
    amended: "được sửa đổi, bổ sung", expired: "hết hiệu lực theo thời hạn"
  };
  var defs = el("defs", {}, svg);
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
  el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#98a2b3" }, marker);

  var info = document.getElementById("graph-info");
  var touch = window.matchMedia ? !window.matchMedia("(hover: hover)").matches : false;
  var selected = null;

  function showInfo(html, href) {
    if (!info) return;
    info.innerHTML = "";
    info.hidden = false;
    html.forEach(function (line, i) {
      var p = document.createElement(i === 0 ? "strong" : "p");
      p.textContent = line;
      info.appendChild(p);
    });
    if (href) {
      var a = document.createElement("a");
      a.href = href; a.className = "button"; a.id = "graph-open";
      a.textContent = "Mở văn bản →";
      info.appendChild(a);
    }
  }
  function nodeLines(n) {
    var lines = [(n.type && n.type !== "Khác" ? n.type + " " : "") + n.label];
    if (n.title) lines.push(n.title);
    if (VALIDITY[n.validity]) lines.push("Tình trạng hiệu lực: " + VALIDITY[n.validity]);
    if (!n.in_corpus) lines.push("Chưa có trong kho (chỉ được trích dẫn).");
    return lines;
  }

  var gEdges = el("g", { "class": "edges" }, svg);
  var edgeEls = [];
  edges.forEach(function (e) {
    var a = byId[e.source], b = byId[e.target];
    var line = el("line", { "class": "edge" }, gEdges);
    var hit = el("line", { "class": "edge-hit" }, gEdges);
    var tip = el("title", {}, hit);
    var text = (a.label || "") + " — " + (e.label || "") + " → " + (b.label || "");
    tip.textContent = text;
    hit.addEventListener("click", function () {
      showInfo([e.label || "", (a.label || "") + " → " + (b.label || "")], null);
    });
    var label = null;
    if (edges.length <= 24) {
      label = el("text", { "class": "edge-label", "text-anchor": "middle" }, gEdges);
      label.textContent = e.label || "";
    }
    edgeEls.push({ e: e, a: a, b: b, line: line, hit: hit, label: label });
  });
  var gNodes = el("g", { "class": "nodes" }, svg);
  var nodeEls = [];
  nodes.forEach(function (n) {
    var link = el("a", { href: n.href, "class": "node" + (n.center ? " center" : "") +
      (VALIDITY[n.validity] ? " validity-" + n.validity : "") }, gNodes);
    link.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", n.href);
    var title = el("title", {}, link);
    title.textContent = nodeLines(n).join(" — ");
    var ring = VALIDITY[n.validity] ? el("circle", { "class": "ring", cx: n.x, cy: n.y }, link) : null;
    var circle = el("circle", { cx: n.x, cy: n.y, fill: colour(n.type || "Khác") }, link);
    var t = el("text", { x: n.x, "text-anchor": "middle" }, link);
    t.textContent = n.label.length > 24 ? n.label.slice(0, 23) + "…" : n.label;
    link.addEventListener("click", function (ev) {
      if (!touch) return;  /* a mouse click opens the document */
      if (selected === n) return;  /* second tap: follow the link */
      ev.preventDefault();
      selected = n;
      nodeEls.forEach(function (x) { x.link.classList.toggle("selected", x.n === n); });
      showInfo(nodeLines(n), n.href);
    });
    nodeEls.push({ n: n, link: link, ring: ring, circle: circle, text: t });
  });

  /* sizes in view-box units for a constant on-screen size: 13 px labels, 12 px node radius */
  var vb = svg.getAttribute("viewBox").split(" ").map(Number);
  function layout() {
    var px = svg.clientWidth || svg.getBoundingClientRect().width || vb[2];
    var pxh = svg.clientHeight || svg.getBoundingClientRect().height || vb[3];
    var unit = Math.max(vb[2] / px, vb[3] / pxh);  /* view-box units per screen pixel */
    var font = 13 * unit, R = Math.max(12 * unit, 6);
    svg.style.setProperty("--u", unit + "px");  /* app.css sizes text and strokes with it */
    nodeEls.forEach(function (x) {
      var r = x.n.center ? R * 1.35 : R;
      x.circle.setAttribute("r", r);
      if (x.ring) { x.ring.setAttribute("r", r + 4 * unit); x.ring.setAttribute("stroke-width", 3 * unit); }
      x.text.setAttribute("y", x.n.y + r + font * 1.1);
      x.text.setAttribute("font-size", font);
      x.r = r;
    });
    edgeEls.forEach(function (x) {
      var a = x.a, b = x.b;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      var ra = R, rb = (b.center ? R * 1.35 : R) + 2 * unit;
      [x.line, x.hit].forEach(function (l) {
        l.setAttribute("x1", a.x + dx / d * ra); l.setAttribute("y1", a.y + dy / d * ra);
        l.setAttribute("x2", b.x - dx / d * rb); l.setAttribute("y2", b.y - dy / d * rb);
      });
      x.line.setAttribute("stroke-width", 1.5 * unit);
      x.hit.setAttribute("stroke-width", 16 * unit);
      x.line.setAttribute("marker-end", "url(#arrow)");
      if (x.label) {
        x.label.setAttribute("x", (a.x + b.x) / 2);
        x.label.setAttribute("y", (a.y + b.y) / 2 - 3 * unit);
        x.label.setAttribute("font-size", font * 0.85);
      }
    });
  }
  layout();
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(layout);
  });

  /* legend: the types present, then the validity rings present */
  var legend = document.getElementById("legend");
  if (legend) {
    var seen = {};
    nodes.forEach(function (n) {
      var type = n.type || "Khác";
      if (seen[type]) return; seen[type] = true;
      var li = document.createElement("li");
      var dot = document.createElement("i"); dot.style.background = colour(type);
      li.appendChild(dot); li.appendChild(document.createTextNode(type));
      legend.appendChild(li);
    });
    var seenV = {};
    nodes.forEach(function (n) {
      if (!VALIDITY[n.validity] || seenV[n.validity]) return; seenV[n.validity] = true;
      var li = document.createElement("li");
      li.className = "validity-key validity-" + n.validity;
      var ring = document.createElement("i"); ring.className = "ring";
      li.appendChild(ring); li.appendChild(document.createTextNode(VALIDITY[n.validity]));
      legend.appendChild(li);
    });
  }
})();
