// egov-assess: plotly.js 4.1.1 with only the traces the dashboard draws (custom bundle, see assets/vendor/README.md)
var Plotly = require('plotly.js/lib/core');
Plotly.register([
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/choropleth'),
  require('plotly.js/lib/scattergeo'),
  require('plotly.js/lib/scatterpolar'),
  require('plotly.js/lib/barpolar'),
  require('plotly.js/lib/pie'),
  require('plotly.js/lib/heatmap'),
  require('plotly.js/lib/histogram'),
  require('plotly.js/lib/box'),
  require('plotly.js/lib/waterfall'),
  require('plotly.js/lib/funnel'),
  require('plotly.js/lib/sunburst'),
  require('plotly.js/lib/treemap'),
  require('plotly.js/lib/sankey'),
  require('plotly.js/lib/indicator'),
  require('plotly.js/lib/table'),
]);
window.Plotly = Plotly;
module.exports = Plotly;
