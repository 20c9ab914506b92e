#!/usr/bin/env bash
# `npm run bench [-- name...]`: benchmarks against the real local services; results as a table and JSON
# (also written to .local/bench/results.json).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
bash tools/services/up.sh >&2
set -a
# shellcheck disable=SC1091
. .local/services.env
set +a
bash tools/build.sh
exec node --enable-source-maps dist/tools/bench/run.js "$@"
