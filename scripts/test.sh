#!/usr/bin/env bash
# The README's second command: install, make sure PostgreSQL and Redis run, build (the
# OpenAPI check and the worker-crash test use the build), check the import rules, and run
# the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
bash scripts/ensure-services.sh
npm run build
# Imports one way: apps -> libs, libs through their @mla/* aliases along the layers, no cycle.
npm run --silent lint:deps
results="$(mktemp)"
status=0
npm test -- --json --outputFile="$results" || status=$?
# One plain closing line: "N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" || status=1
rm -f "$results"
exit "$status"
