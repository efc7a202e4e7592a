# Sourced (from the repository's root) by scripts/run.sh (one node) and scripts/run-federation.sh
# (two nodes): the steps both take before starting anything.

# Node 24 first on PATH (fetched into .toolchain/ when the machine's node is older than 22), the
# dependencies installed, PostgreSQL and Redis running.
mla_install() {
  . scripts/ensure-node.sh
  npm ci --no-audit --no-fund
  bash scripts/ensure-services.sh
}

# Creates the database of a PostgreSQL URL when it does not exist.
mla_ensure_database() {
  local db_url="$1" db_name admin_url
  db_name="${db_url##*/}"; db_name="${db_name%%\?*}"
  admin_url="${db_url%/*}/postgres"
  if ! psql "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '${db_name}'" | grep -q 1; then
    echo "Creating database ${db_name}…"
    psql "$admin_url" -qc "CREATE DATABASE \"${db_name}\""
  fi
}

# The API and worker (dist/) and the console the API serves at / (apps/console/dist/).
mla_build() {
  npm run build
  npm run console:build
}
