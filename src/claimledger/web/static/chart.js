// claimledger: the series timeline, one line per side, drawn with the vendored Vega-Lite.
// `ast: true` makes vega-embed interpret expressions instead of compiling them with
// Function(), so the strict Content-Security-Policy (no unsafe-eval) holds.
(function () {
  "use strict";
  var tag = document.getElementById("chart-data");
  var target = document.getElementById("chart");
  if (!tag || !target || typeof vegaEmbed !== "function") { return; }
  var data = JSON.parse(tag.textContent);
  data.points.forEach(function (p) { p.current = p.series === data.current ? "this side" : "other"; });
  var estimates = (data.estimates || []).filter(function (e) { return e.value !== null; })
    .map(function (e) { return { as_of: e.as_of, value: e.value, note: e.note }; });
  var x = { field: "as_of", type: "temporal", title: "as of" };
  var y = { field: "value", type: "quantitative", title: "figure" };
  // an incident's page sets one timeline for counts of very different sizes: a log-like scale
  if (data.scale) { y.scale = { type: data.scale }; }
  var spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: "container", height: 300,
    layer: [
      { data: { values: data.points }, mark: { type: "rule", opacity: 0.5 },
        encoding: { x: x, y: { field: "low", type: "quantitative" }, y2: { field: "high" },
                    color: { field: "side", type: "nominal", title: "side" } } },
      { data: { values: data.points }, mark: { type: "line", point: { size: 70, filled: true } },
        encoding: { x: x, y: y, color: { field: "side", type: "nominal", title: "side" },
                    strokeWidth: { field: "current", type: "nominal", legend: null,
                                   scale: { domain: ["other", "this side"], range: [1.5, 4] } },
                    tooltip: [{ field: "side" }, { field: "as_of", type: "temporal" },
                              { field: "value" }, { field: "qualifier" }, { field: "reports" },
                              { field: "outlets", title: "reported by" }] } },
      { data: { values: estimates }, mark: { type: "point", shape: "diamond", color: "black", size: 60 },
        encoding: { x: x, y: y, tooltip: [{ field: "note" }] } }
    ]
  };
  vegaEmbed(target, spec, { ast: true, actions: false, renderer: "svg", defaultStyle: false })
    .then(function () { target.setAttribute("data-rendered", "true"); })
    .catch(function (err) { target.textContent = "The chart could not be drawn: " + err; });
})();
