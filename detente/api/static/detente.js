/* Détente dashboard: the dyad plot and evidence highlighting in articles.
 * Every page works without this script (links reload the page with the span marked by the server);
 * the script makes the same things happen in place. */
(function () {
  "use strict";

  // ---------------------------------------------------------------- offsets
  // Détente's offsets count Unicode code points (Python str); JavaScript strings count UTF-16 units.
  function codePoints(str) {
    var n = 0;
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) i++;
      n++;
    }
    return n;
  }

  function unitIndex(str, cp) {
    var i = 0, n = 0;
    while (n < cp && i < str.length) {
      var c = str.charCodeAt(i);
      i += (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) ? 2 : 1;
      n++;
    }
    return i;
  }

  // ---------------------------------------------------------------- article highlighting
  function clearMarks(root) {
    root.querySelectorAll("mark.hl").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
  }

  /* Wrap the characters [start, end) of the article text in <mark class="hl">; returns the first mark. */
  function highlight(root, start, end) {
    clearMarks(root);
    var first = null;
    root.querySelectorAll("p[data-start]").forEach(function (p) {
      var offset = Number(p.getAttribute("data-start"));
      var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var length = codePoints(node.data);
        var a = Math.max(start, offset), b = Math.min(end, offset + length);
        if (a < b) {
          var u1 = unitIndex(node.data, a - offset), u2 = unitIndex(node.data, b - offset);
          var middle = node.splitText(u1);
          middle.splitText(u2 - u1);
          var mark = document.createElement("mark");
          mark.className = "hl";
          middle.parentNode.replaceChild(mark, middle);
          mark.appendChild(middle);
          if (!first) first = mark;
        }
        offset += length;
      });
    });
    if (first) first.id = "hl";
    return first;
  }

  function reveal(mark) {
    if (!mark) return;
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    mark.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  }

  function initArticle() {
    var root = document.getElementById("article-text");
    if (!root) return;
    document.addEventListener("click", function (ev) {
      var link = ev.target.closest && ev.target.closest("a.span-link");
      if (!link || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      var start = Number(link.getAttribute("data-start")), end = Number(link.getAttribute("data-end"));
      if (!isFinite(start) || !isFinite(end) || end <= start) return; // no span: let the link load
      ev.preventDefault();
      var mark = highlight(root, start, end);
      document.querySelectorAll("a.span-link.current").forEach(function (a) { a.classList.remove("current"); });
      link.classList.add("current");
      var note = document.getElementById("selection");
      if (note) {
        note.textContent = "Highlighted: " + (link.getAttribute("data-label") || "");
        note.classList.add("active");
      }
      history.replaceState(null, "", link.getAttribute("href"));
      reveal(mark);
    });
    var marked = document.getElementById("hl");
    if (marked) window.addEventListener("load", function () { reveal(marked); });
  }

  // ---------------------------------------------------------------- dyad plot
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

  function ticks(up, down) {
    var top = Math.max(1, up), bottom = Math.max(0, down);
    var step = Math.max(1, Math.ceil(Math.max(top, bottom) / 4));
    var values = [];
    for (var v = -Math.ceil(bottom / step) * step; v <= Math.ceil(top / step) * step; v += step) values.push(v);
    return { tickvals: values, ticktext: values.map(function (x) { return String(Math.abs(x)); }) };
  }

  function initDyad() {
    var el = document.getElementById("dyad-plot"), source = document.getElementById("dyad-data");
    if (!el || !source) return;
    if (!window.Plotly) {
      el.textContent = "The plot needs plotly.js, which did not load; the table below holds the same figures.";
      return;
    }
    var d = JSON.parse(source.textContent);
    var css = getComputedStyle(document.documentElement);
    var traces = [1, 2, 3, 4].map(function (q) {
      var counts = d["q" + q];
      return {
        type: "bar", name: QUAD_NAMES[q], x: d.rows, customdata: counts,
        y: counts.map(function (v) { return q > 2 ? -v : v; }),
        marker: { color: css.getPropertyValue("--q" + q).trim() },
        hovertemplate: "%{x}: %{customdata} " + QUAD_NAMES[q] + "<extra></extra>"
      };
    });
    traces.push({
      type: "scatter", mode: "lines+markers", name: "share of cooperation", x: d.rows, yaxis: "y2",
      y: d.cooperation.map(function (v) { return v === null ? null : Math.round(v * 100); }),
      line: { color: "#1f5fa8", width: 2 }, marker: { size: 6 }, connectgaps: false,
      hovertemplate: "%{x}: %{y}% cooperation<extra></extra>"
    });
    var up = Math.max.apply(null, d.rows.map(function (_, i) { return d.q1[i] + d.q2[i]; }).concat([0]));
    var down = Math.max.apply(null, d.rows.map(function (_, i) { return d.q3[i] + d.q4[i]; }).concat([0]));
    var t = ticks(up, down);
    var layout = {
      barmode: "relative", hovermode: "closest", bargap: 0.25,
      margin: { l: 56, r: 12, t: 8, b: 8 },
      font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12, color: "#1d2330" },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      showlegend: false, // the legend is HTML under the plot, so it wraps on a narrow screen
      // One x axis under both panels: the period labels sit at the bottom, under the share of cooperation.
      xaxis: { type: "category", anchor: "y2", automargin: true, tickfont: { size: 11 } },
      yaxis: { domain: [0.3, 1], title: { text: "stories" }, tickvals: t.tickvals, ticktext: t.ticktext,
               zeroline: true, zerolinecolor: "#6d7688", zerolinewidth: 1.5, gridcolor: "#e8eaee", fixedrange: true },
      yaxis2: { domain: [0, 0.22], range: [-5, 105], title: { text: "coop. %" }, tickvals: [0, 50, 100],
                gridcolor: "#e8eaee", fixedrange: true },
      annotations: [
        { xref: "paper", yref: "y domain", x: 0, y: 1, xanchor: "left", yanchor: "top", showarrow: false,
          text: "cooperation ↑", font: { size: 11, color: "#1b7837" } },
        { xref: "paper", yref: "y domain", x: 0, y: 0, xanchor: "left", yanchor: "bottom", showarrow: false,
          text: "conflict ↓", font: { size: 11, color: "#b2182b" } }
      ]
    };
    Plotly.newPlot(el, traces, layout, {
      responsive: true, displaylogo: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"]
    });
    el.on("plotly_click", function (ev) {
      var point = ev.points && ev.points[0];
      if (!point) return;
      var section = document.getElementById("p-" + point.x);
      if (!section) return;
      location.hash = "p-" + point.x;
      section.focus({ preventScroll: true });
    });
  }

  // ---------------------------------------------------------------- start
  function start() {
    initArticle();
    initDyad();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
