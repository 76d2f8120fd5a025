/* Draws every dashboard chart: finds each [data-vega-spec] container, reads the spec
 * from its json_script element and renders it as SVG with vega-embed (the bundle is
 * built offline by vl-convert and served as a static file). Once a chart is drawn its
 * data table folds away (one click away, and open without JavaScript or if drawing
 * fails). Charts swapped in by htmx (e.g. a new date range) are drawn too. */
(function () {
  "use strict";

  function draw(container) {
    if (container.dataset.chartState) return;
    var script = document.getElementById(container.dataset.vegaSpec);
    if (!script || typeof window.vegaEmbed !== "function") return;
    container.dataset.chartState = "drawing";
    var spec = JSON.parse(script.textContent);
    // ast: vega-embed runs its bundled expression interpreter, not generated code, so
    // the CSP needs no 'unsafe-eval'.
    var options = { actions: false, renderer: "svg", ast: true };
    window.vegaEmbed(container, spec, options)
      .then(function () {
        container.dataset.chartState = "drawn";
        var figure = container.closest("figure");
        var table = figure && figure.querySelector("details[data-chart-data]");
        if (table) table.open = false;
      })
      .catch(function (error) {
        // Keep the table open: it holds the same data.
        container.dataset.chartState = "failed";
        if (window.console) console.error("Chart " + container.id + " failed:", error);
      });
  }

  function drawAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var containers = scope.querySelectorAll("[data-vega-spec]");
    for (var i = 0; i < containers.length; i++) draw(containers[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
