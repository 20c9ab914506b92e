#!/usr/bin/env bash
# `npm start`: the whole product in one process on its embedded defaults (PGlite, embedded bus,
# simulators), the console on http://localhost:${PORT:-8080}, data under ${DATA_DIR:-./data}.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
bash tools/build.sh
exec node --enable-source-maps dist/apps/standalone/src/main.js
