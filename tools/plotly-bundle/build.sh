#!/bin/sh
# Rebuild assets/vendor/plotly-egov-4.1.1.min.js: plotly.js with only the traces the dashboard draws.
# Needs node and npm (the npm registry); run from the repository root: sh tools/plotly-bundle/build.sh
# The plotly.js version must be the one plotly.py ships (python -c "from plotly.offline import
# get_plotlyjs_version as v; print(v())"), so figures built in Python mean the same in the browser.
set -eu
VERSION=4.1.1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp tools/plotly-bundle/entry.js "$WORK/entry.js"
(cd "$WORK" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund "plotly.js@$VERSION" esbuild@0.25.12 >/dev/null)
"$WORK/node_modules/.bin/esbuild" "$WORK/entry.js" --bundle --minify --format=iife --global-name=PlotlyBundle \
  --target=es2016 --define:global=window --define:define.amd=false --define:process.env.NODE_DEBUG=false \
  --outfile=assets/vendor/plotly-egov-$VERSION.min.js --log-level=warning
cp "$WORK/node_modules/plotly.js/LICENSE" assets/vendor/PLOTLY-LICENSE.txt
sha256sum assets/vendor/plotly-egov-$VERSION.min.js
