/* egov-assess: what every chart and edition slider of the app needs, in one place.
 *
 * 1. Nothing leaves the machine: as soon as Plotly is loaded (it is loaded lazily, on the first page with a
 *    chart), its defaults lose the "Share chart..." cloud upload, the Chart Studio link and any server URL
 *    (Plotly.setPlotConfig), for every chart, including those a page builds with dcc.Graph directly.
 * 2. Text alternatives: each chart gets role="img" and an aria-label made of its title and the one-sentence
 *    summary the figure carries in layout.meta.summary (assess.reports.chart_style.describe).
 * 2a. Plotly is the project's own bundle of plotly.js with only the traces the app draws (1.9 MB instead of
 *    4.8 MB: tools/plotly-bundle/README.md).
 * 2b. Plotly is fetched and compiled early: on a page with charts it starts loading as the page opens, while
 *    the layout and the first callbacks are on their way, instead of after them. Until it has run,
 *    window.Plotly is a promise of it, which Dash's graph loader waits on (it loads Plotly only when
 *    window.Plotly is unset), so it is never loaded twice.
 * 3. The edition slider announces the year: a slider inside an element with data-years="2003,2004,..."
 *    gets aria-valuetext = the year of its position (the slider's value is a position) and an aria-label.
 */
(function () {
  "use strict";
  var NO_CLOUD = {showSendToCloud: false, showEditInChartStudio: false, showLink: false, sendData: false,
                  plotlyServerURL: ""};
  var plotly;

  function configure(P) {
    try { if (P && P.setPlotConfig) { P.setPlotConfig(NO_CLOUD); } } catch (e) { /* never break a page */ }
  }

  // plotly.js with only the traces the dashboard draws (tools/plotly-bundle/README.md): 1.9 MB, not 4.8 MB
  var PLOTLY_URL = "/assets/vendor/plotly-egov-4.1.1.min.js";
  // Dash's graph loader loads window._dashPlotlyJSURL when window.Plotly is unset: always this bundle
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true, enumerable: true, get: function () { return PLOTLY_URL; }, set: function () {}
  });
  var NO_CHARTS = ["/data"];
  var early = null;
  var resolveEarly = null;

  if (window.Plotly) {
    configure(window.Plotly);
  } else {
    Object.defineProperty(window, "Plotly", {
      configurable: true, enumerable: true,
      get: function () { return plotly || early || undefined; },
      set: function (value) {
        plotly = value;
        configure(value);
        if (resolveEarly) { resolveEarly(value); }
      }
    });
    if (NO_CHARTS.indexOf(window.location.pathname) < 0) {
      early = new Promise(function (resolve) { resolveEarly = resolve; });
      var script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.async = true;
      script.onerror = function () {  // let Dash's own loader try
        early = null;
      };
      document.head.appendChild(script);
    }
  }

  function plain(text) {
    var box = document.createElement("div");
    box.innerHTML = String(text || "").replace(/<br\s*\/?>/gi, " ");
    return (box.textContent || "").trim();
  }

  function labelChart(gd) {
    var layout = gd.layout || {};
    var title = layout.title ? (typeof layout.title === "string" ? layout.title : layout.title.text) : "";
    var summary = layout.meta && layout.meta.summary ? layout.meta.summary : "";
    var text = [plain(title).replace(/\.$/, ""), plain(summary)].filter(Boolean).join(". ");
    if (text && gd.getAttribute("aria-label") !== text) {
      gd.setAttribute("role", "img");
      gd.setAttribute("aria-label", text);
    }
  }

  function labelSliders(box) {
    var years = (box.getAttribute("data-years") || "").split(",");
    var name = box.getAttribute("data-label") || "Edition";
    box.querySelectorAll("[role=slider]").forEach(function (handle) {
      var year = years[parseInt(handle.getAttribute("aria-valuenow"), 10)];
      if (year && handle.getAttribute("aria-valuetext") !== year) {
        handle.setAttribute("aria-valuetext", year);
      }
      if (handle.getAttribute("aria-label") !== name) { handle.setAttribute("aria-label", name); }
    });
  }

  var pending = false;
  function sweep() {
    pending = false;
    document.querySelectorAll(".js-plotly-plot").forEach(labelChart);
    document.querySelectorAll("[data-years]").forEach(labelSliders);
  }

  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(sweep); }
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"]
    });
    schedule();
  }

  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
