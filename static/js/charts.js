/*
 * Draws every chart on the page from the figure its json_script element holds.
 * Loaded with `defer` after static/vendor/plotly/plotly-basic.min.js. Without JavaScript, or when drawing
 * fails, the table beside each chart still shows the same numbers.
 */
(function () {
  "use strict";

  function drawAll() {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll("[data-chart-figure]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-chart-figure"));
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      var config = Object.assign({}, figure.config || {}, { responsive: true, displaylogo: false });
      window.Plotly.newPlot(container, figure.data, figure.layout, config).then(function () {
        container.classList.add("chart__plot--drawn");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
