/* egov-assess: what every chart and edition slider of the app needs, in one place.
 *
 * 1. Nothing leaves the machine: as soon as Plotly is loaded (it is loaded lazily, on the first page with a
 *    chart), its defaults lose the "Share chart..." cloud upload, the Chart Studio link and any server URL
 *    (Plotly.setPlotConfig), for every chart, including those a page builds with dcc.Graph directly.
 * 2. Text alternatives: each chart gets role="img" and an aria-label made of its title and the one-sentence
 *    summary the figure carries in layout.meta.summary (assess.reports.chart_style.describe).
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

  if (window.Plotly) {
    configure(window.Plotly);
  } else {
    Object.defineProperty(window, "Plotly", {
      configurable: true, enumerable: true,
      get: function () { return plotly; },
      set: function (value) { plotly = value; configure(value); }
    });
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
