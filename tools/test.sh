#!/usr/bin/env bash
# `npm test`: the whole suite. Unit specs, then integration tests against a real Kafka broker and a real
# PostgreSQL: the ones given by KAFKA_BROKERS / TEST_DATABASE_URL, or the local ones (tools/services/up.sh).
# Extra arguments go to Jest (e.g. `npm test -- libs/ledger`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
bash tools/system-deps.sh
npx tsc -p tsconfig.json
npx tsc -p apps/web/tsconfig.json # the console: browser types, JSX
npx vitest run --root apps/web # the console's component tests (jsdom)
bash tools/build.sh # process-level tests start the compiled apps
node node_modules/jest/bin/jest.js --maxWorkers=2 "$@"
