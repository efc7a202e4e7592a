#!/usr/bin/env bash
# Starts PostgreSQL and Redis when they are installed here but not running; then waits
# until both answer. Does nothing to services that already run (or that live elsewhere:
# set DATABASE_URL / REDIS_URL and TEST_DATABASE_ADMIN_URL / TEST_REDIS_URL).
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432 and is not installed here (or use: docker compose -f docker/compose.yaml up -d postgres redis)" >&2
  fi
fi
if ! redis_up; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "Starting Redis…"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --maxmemory-policy noeviction --hash-max-listpack-value 256 --dir /var/lib/redis --logfile /var/log/redis/ci.log
  else
    echo "Redis is not running on 127.0.0.1:6379 and is not installed here" >&2
  fi
fi

for _ in $(seq 1 60); do
  if pg_up && redis_up; then
    # BullMQ needs Redis to never evict keys (DESIGN §10); a delayed job's hash stays in
    # Redis's compact encoding up to 256-byte fields (~40 % less memory per deadline).
    redis-cli -h 127.0.0.1 -p 6379 config set maxmemory-policy noeviction >/dev/null 2>&1 || true
    redis-cli -h 127.0.0.1 -p 6379 config set hash-max-listpack-value 256 >/dev/null 2>&1 || true
    exit 0
  fi
  sleep 0.5
done
echo "PostgreSQL or Redis did not come up on 127.0.0.1 (5432, 6379)" >&2
exit 1
