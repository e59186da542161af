// allsource pages: draws the charts and graphs whose data the server embedded as JSON, and
// wires the few interactive controls. Untrusted text only ever reaches the page as textContent.
"use strict";

const TYPE_COLOURS = {state: "#2b4c7e", person: "#c06c2b", organization: "#2f7d5b", place: "#7a5ea8", facility: "#8c564b",
  weapon: "#b5413a", product: "#7f7f7f", agreement: "#bcbd22", event: "#17becf", other: "#999999"};
const PLOT_CONFIG = {responsive: true, displaylogo: false};

function embedded(selector) {
  return Array.from(document.querySelectorAll(selector)).map((el) => [el, JSON.parse(el.textContent)]);
}

function drawCharts() {
  for (const [el, figure] of embedded("script[data-chart]")) {
    Plotly.newPlot(document.getElementById(el.dataset.chart), figure.data, figure.layout, PLOT_CONFIG);
  }
}

function graphTraces(data, small) {
  const at = new Map(data.nodes.map((n) => [n.id, n]));
  const lineX = [], lineY = [], midX = [], midY = [], midText = [], midEdge = [];
  data.edges.forEach((e, i) => {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) return;
    lineX.push(a.x, b.x, null); lineY.push(a.y, b.y, null);
    midX.push((a.x + b.x) / 2); midY.push((a.y + b.y) / 2); midEdge.push(i);
    midText.push(`${a.name} —${e.predicate}→ ${b.name} (${e.statements})`);
  });
  const kind = small ? "scatter" : "scattergl";
  const maxDegree = data.nodes.reduce((m, n) => Math.max(m, n.degree), 1);
  const labelled = small ? [] : [...data.nodes].sort((a, b) => b.degree - a.degree).slice(0, 25);
  return [
    {type: kind, mode: "lines", x: lineX, y: lineY, hoverinfo: "skip", line: {width: 0.6, color: "#b8c0cc"}, name: "links"},
    {type: kind, mode: "markers", x: midX, y: midY, text: midText, customdata: midEdge, hoverinfo: "text",
     marker: {size: small ? 7 : 5, color: "#8a96a8", opacity: 0.5}, name: "link evidence"},
    {type: kind, mode: small ? "markers+text" : "markers", x: data.nodes.map((n) => n.x), y: data.nodes.map((n) => n.y),
     text: data.nodes.map((n) => n.name), customdata: data.nodes.map((n) => n.id), textposition: "top center",
     hovertext: data.nodes.map((n) => `${n.name} (${n.type}, ${n.degree} links)`), hoverinfo: "text",
     marker: {size: data.nodes.map((n) => 6 + 14 * Math.sqrt(n.degree / maxDegree)),
              color: data.nodes.map((n) => TYPE_COLOURS[n.type] || "#999"), line: {width: 0.5, color: "#fff"}},
     name: "entities"},
    // names of the best-connected nodes stay visible; the rest show on hover
    {type: kind, mode: "text", x: labelled.map((n) => n.x), y: labelled.map((n) => n.y), text: labelled.map((n) => n.name),
     textposition: "top center", hoverinfo: "skip", textfont: {size: 11, color: "#1d2430"}, name: "labels"},
  ];
}

function showEdge(panel, data, edge) {
  const params = new URLSearchParams({source: edge.source, target: edge.target, predicate: edge.predicate});
  panel.replaceChildren(Object.assign(document.createElement("p"), {textContent: "Loading…"}));
  fetch(`/api/graph/edge?${params}`).then((r) => r.json()).then((found) => {
    const title = document.createElement("h3");
    title.textContent = `${found.source.name} —${found.predicate}→ ${found.target.name}`;
    const list = document.createElement("ul");
    list.className = "records";
    for (const s of found.statements || []) {
      const item = document.createElement("li");
      const quote = document.createElement("span");
      quote.className = "sentence";
      quote.textContent = `“${s.sentence || ""}” `;
      const link = Object.assign(document.createElement("a"), {href: `/evidence/${encodeURIComponent(s.id)}`,
                                                              textContent: "evidence"});
      item.append(quote, link);
      list.append(item);
    }
    panel.replaceChildren(title, list);
  });
}

function drawGraphs() {
  for (const [el, data] of embedded("script[data-graph]")) {
    const small = el.dataset.mode === "small";
    const target = document.getElementById(el.dataset.graph);
    const axis = {visible: false, zeroline: false, showgrid: false};
    Plotly.newPlot(target, graphTraces(data, small), {showlegend: false, hovermode: "closest", dragmode: "pan",
      margin: {l: 10, r: 10, t: 10, b: 10}, xaxis: axis, yaxis: {...axis, scaleanchor: "x"}},
      {...PLOT_CONFIG, scrollZoom: true});
    target.on("plotly_click", (event) => {
      const point = event.points[0];
      if (point.curveNumber === 2) {
        if (small) { window.location.href = `/entity/${encodeURIComponent(point.customdata)}`; return; }
        const url = new URL(window.location.href);
        url.searchParams.append("expand", point.customdata);
        window.location.href = url.toString();
      } else if (point.curveNumber === 1) {
        const edge = data.edges[point.customdata];
        const panel = document.querySelector(".edge-body");
        if (panel) showEdge(panel, data, edge);
        else window.location.href = `/dyad/${encodeURIComponent(edge.source)}/${encodeURIComponent(edge.target)}`;
      }
    });
  }
}

function drawTypeLegend() {
  for (const legend of document.querySelectorAll(".type-legend")) {
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const dot = document.createElement("i");
      dot.style.background = colour;
      const item = document.createElement("span");
      item.append(dot, type);
      legend.append(item);
    }
  }
}

function wireUnmerge() {
  const status = document.querySelector(".unmerge-result");
  for (const button of document.querySelectorAll("button.unmerge")) {
    button.addEventListener("click", () => {
      if (!window.confirm(`Split “${button.dataset.name}” out of this entity?`)) return;
      fetch("/api/unmerge", {method: "POST", headers: {"Content-Type": "application/json"},
                             body: JSON.stringify({member: button.dataset.member})})
        .then((r) => r.json().then((body) => ({ok: r.ok, body})))
        .then(({ok, body}) => {
          if (ok) { window.location.reload(); return; }
          status.textContent = body.error ? body.error.message : "unmerge failed";
        });
    });
  }
}

function scrollToFocus() {
  const focus = document.querySelector("article.text mark.focus");
  if (focus) { focus.id = "focus"; focus.scrollIntoView({block: "center"}); }
}

drawCharts();
drawGraphs();
drawTypeLegend();
wireUnmerge();
scrollToFocus();
