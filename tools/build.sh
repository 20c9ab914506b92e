#!/usr/bin/env bash
# Compiles every app and library to dist/ with swc (decorator metadata kept; seconds, not minutes).
# Type checking is `npm run typecheck` / `npm run check`, not part of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
rm -rf dist
npx swc apps libs tools -d dist --quiet --ignore '**/*.spec.ts,**/*.int-spec.ts,apps/web/**'
mkdir -p dist/apps/web && cp -r apps/web/public dist/apps/web/
# Data files the code reads at run time (the sample fund master) travel beside the compiled code.
find apps libs -path '*/src/*' -name '*.csv' -exec cp --parents {} dist/ \;
