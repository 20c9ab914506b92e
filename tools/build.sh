#!/usr/bin/env bash
# Compiles every app and library to dist/ with swc (decorator metadata kept; seconds, not minutes).
# Type checking is `npm run typecheck` / `npm run check`, not part of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
source tools/node-env.sh
rm -rf dist
npx swc apps libs tools -d dist --quiet --ignore '**/*.spec.ts,**/*.int-spec.ts,apps/web/**'
# The console (apps/web): Vite builds it into the folder the standalone app serves at /.
npx vite build --config apps/web/vite.config.mts --logLevel warn
# Data files the code reads at run time (the sample fund master) travel beside the compiled code.
find apps libs -path '*/src/*' -name '*.csv' -exec cp --parents {} dist/ \;
