#!/usr/bin/env bash
# The README's second command: install, make sure PostgreSQL and Redis run, build (the
# OpenAPI test reads the build), and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/ensure-services.sh
npm run build
npm test
