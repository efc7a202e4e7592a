#!/usr/bin/env bash
# The README's first command: install, make sure PostgreSQL and Redis run, create the
# database, build the API and the console, and start the API (which serves the console at /)
# and the worker (migrations and demo seed at start).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh
mla_install
mla_ensure_database "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mla_hub}"
mla_build
echo
echo "MLA Hub console: http://${HOST:-127.0.0.1}:${PORT:-3000}/  (sign in as prosecutor@vn.example, officer@sg.example, … password demo-password-2026)"
echo
# The configuration refuses to guess the mode (issue 22): this script runs a developer's instance.
export NODE_ENV="${NODE_ENV:-development}"
exec npm start
