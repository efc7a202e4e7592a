#!/usr/bin/env bash
# Two nodes on one machine (DESIGN §15): a VN node and an SG node side by side, each with its
# own port, database, Redis queue prefix, key file and folders, its API (serving its console)
# and its worker; migrations and each node's demo seed run when its API starts. Then the nodes
# are peered through the API, as an ADMIN would, and both consoles' addresses and logins are
# printed. Ctrl-C stops both. The one-node demo stays `bash scripts/run.sh`.
#
# Settings (environment): VN_PORT (3101), SG_PORT (3102), FEDERATION_DIR (.data/federation),
# DATABASE_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh

VN_PORT="${VN_PORT:-3101}"
SG_PORT="${SG_PORT:-3102}"
DIR="${FEDERATION_DIR:-.data/federation}"
PG_ADMIN_URL="${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
READY_SECONDS="${READY_SECONDS:-180}"

mla_install
mla_build
export NODE_ENV="${NODE_ENV:-development}"

pids=()
tail_pid=""
stop() {
  trap - INT TERM EXIT
  [ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# start_node <name> <countries> <port>: its database, folders and JWT secret (kept between runs,
# so that its sealed certificates stay readable), then API and worker together (scripts/start.js).
start_node() {
  local name="$1" countries="$2" port="$3" home="${DIR}/$1"
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    echo "Port ${port} (the ${name} node's) is in use on 127.0.0.1: stop what runs there, or set ${name^^}_PORT." >&2
    exit 1
  fi
  mkdir -p "$home"
  [ -s "${home}/jwt-secret" ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' > "${home}/jwt-secret"
  chmod 600 "${home}/jwt-secret"
  local db_url="${PG_ADMIN_URL%/*}/mla_hub_${name}"
  mla_ensure_database "$db_url"
  : > "${home}/node.log"
  NODE_ID="${name}.mla.localhost" NODE_COUNTRIES="$countries" NODE_URL="http://127.0.0.1:${port}" \
    NODE_KEY_FILE="${home}/node-key.pem" HOST=127.0.0.1 PORT="$port" DATABASE_URL="$db_url" QUEUE_PREFIX="mla-${name}" \
    JWT_SECRET="$(cat "${home}/jwt-secret")" EVIDENCE_STORAGE_DIR="${home}/evidence" SEAL_KEYS_DIR="${home}/seal-keys" \
    node scripts/start.js >> "${home}/node.log" 2>&1 &
  pids+=("$!")
}

# wait_ready <name> <port> <pid>: until /health/ready answers 200; stops everything, showing the log's tail, if the node exits or takes too long.
wait_ready() {
  local name="$1" port="$2" pid="$3" waited=0
  until curl -fsS -o /dev/null "http://127.0.0.1:${port}/health/ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge "$((READY_SECONDS * 2))" ]; then
      echo "The ${name} node did not start (log: ${DIR}/${name}/node.log); its last lines:" >&2
      tail -n 40 "${DIR}/${name}/node.log" >&2
      exit 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

start_node vn VN "$VN_PORT"
start_node sg SG "$SG_PORT"
wait_ready vn "$VN_PORT" "${pids[0]}"
wait_ready sg "$SG_PORT" "${pids[1]}"

VN_URL="http://127.0.0.1:${VN_PORT}"
SG_URL="http://127.0.0.1:${SG_PORT}"
# Peering both ways (DESIGN §15): each node's admin adds the other with its key thumbprint.
# federation-peer.mjs reads the thumbprint from the other node's /.well-known/mla-hub: in this
# script that stands in for the out-of-band exchange between the two central authorities.
peering="peered"
# The first pair again at the end: the VN node then reads the SG directory, which SG gives only
# once it has peered with VN (each side's directory of LOCAL authorities becomes PEER on the other).
for pair in "${VN_URL} ${SG_URL}" "${SG_URL} ${VN_URL}" "${VN_URL} ${SG_URL}"; do
  set +e
  # shellcheck disable=SC2086
  node scripts/federation-peer.mjs $pair
  status=$?
  set -e
  if [ "$status" -eq 3 ]; then peering="not peered (this build has no federation API)"; break; fi
  if [ "$status" -ne 0 ]; then peering="not peered (see the error above)"; fi
done

logins() { grep -m1 -o 'Demo logins.*' "${DIR}/$1/node.log" || echo "Demo logins: see ${DIR}/$1/node.log"; }
cat <<TEXT

Two MLA Hub nodes are running (${peering}):
  VN node (NODE_COUNTRIES=VN): console http://127.0.0.1:${VN_PORT}/   API ${VN_URL}/api/v1   database mla_hub_vn
    $(logins vn)
  SG node (NODE_COUNTRIES=SG): console http://localhost:${SG_PORT}/   API ${SG_URL}/api/v1   database mla_hub_sg
    $(logins sg)
  The SG console is opened as localhost, the VN one as 127.0.0.1: a browser shares cookies between
  the ports of one host name, so two names keep the two sessions apart.
  Each node's people sign in on their own node only; the admin (admin@example.org) exists on both.
  Logs, key files and secrets: ${DIR}/vn/ and ${DIR}/sg/. Ctrl-C stops both nodes.

TEXT
# Both logs from now on (tail names the file before each change of node); stops both when one exits.
tail -n 0 -F "${DIR}/vn/node.log" "${DIR}/sg/node.log" &
tail_pid=$!
wait -n "${pids[@]}" || true
echo "A node stopped (see its log above): stopping the other." >&2
