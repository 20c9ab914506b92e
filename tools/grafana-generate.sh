#!/usr/bin/env bash
# Regenerates grafana/dashboards/*.json from the dashboards as code in grafana/src (grafana-foundation-sdk).
# Commit the result: tools/monitoring/grafana-dashboards.spec.ts fails while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
out=.local/grafana-build
rm -rf "$out"
npx swc grafana/src -d "$out" --strip-leading-paths --quiet --ignore '**/*.spec.ts'
node "$out/src/generate.js" grafana/dashboards
