#!/usr/bin/env bash
# The README's first command: install, make sure PostgreSQL and Redis run, create the
# database, build the API and the console, and start the API (which serves the console at /)
# and the worker (migrations and demo seed at start).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 (fetched into .toolchain/ when the machine's node is older than 22), first on PATH.
. scripts/ensure-node.sh
npm ci --no-audit --no-fund
bash scripts/ensure-services.sh
DB_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mla_hub}"
DB_NAME="${DB_URL##*/}"; DB_NAME="${DB_NAME%%\?*}"
ADMIN_URL="${DB_URL%/*}/postgres"
if ! psql "$ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'" | grep -q 1; then
  echo "Creating database ${DB_NAME}…"
  psql "$ADMIN_URL" -qc "CREATE DATABASE \"${DB_NAME}\""
fi
npm run build
npm run console:build
echo
echo "MLA Hub console: http://${HOST:-127.0.0.1}:${PORT:-3000}/  (sign in as prosecutor@vn.example, officer@sg.example, … password demo-password-2026)"
echo
# The configuration refuses to guess the mode (issue 22): this script runs a developer's instance.
export NODE_ENV="${NODE_ENV:-development}"
exec npm start
