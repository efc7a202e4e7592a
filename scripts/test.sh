#!/usr/bin/env bash
# The README's second command: install, make sure PostgreSQL and Redis run, build (the
# OpenAPI check and the worker-crash test use the build), check the import rules, check and
# build the console, and run the whole test suite: the console's component tests (Vitest),
# then unit, e2e and the browser walk (jest; Debian's Chromium at /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 (fetched into .toolchain/ when the machine's node is older than 22), first on PATH.
. scripts/ensure-node.sh
npm ci --no-audit --no-fund
bash scripts/ensure-services.sh
npm run build
# Imports one way: apps -> libs, libs through their @mla/* aliases along the layers, no cycle.
npm run --silent lint:deps
# The OpenAPI document passes Redocly's recommended rules (redocly.yaml); the jest suite checks it is current.
npm run --silent lint:openapi
# The console: its typed client matches docs/openapi.json, it type-checks, its imports go one way; then its build.
npm run console:check
npm run console:build
results="$(mktemp)"
console_results="$(mktemp)"
status=0
npx vitest run --config apps/console/vite.config.mts --reporter=default --reporter=json --outputFile="$console_results" || status=$?
npm test -- --json --outputFile="$results" || status=$?
# One plain closing line: "N passed, N failed" (Vitest and jest together).
node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return { numPassedTests: 0, numFailedTests: 1, numTotalTests: 0 }; } };
  const [jest, vitest] = [read(process.argv[1]), read(process.argv[2])];
  const passed = jest.numPassedTests + vitest.numPassedTests;
  const failed = jest.numFailedTests + vitest.numFailedTests;
  console.log(`${passed} passed, ${failed} failed`);
  if (jest.numTotalTests === 0 || vitest.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" "$console_results" || status=1
rm -f "$results" "$console_results"
exit "$status"
