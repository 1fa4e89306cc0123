#!/usr/bin/env bash
# A cluster on this machine, as docs/deploy.md describes it: PostgreSQL (the machine's cluster, started as
# .ci/run does), N `crowd serve` instances on ports 3201.. sharing one database and one data folder, and
# Debian's nginx on port 8080 in front of them (installed when missing; run with its own configuration
# and folder, the system's nginx is left alone).
#
#   deploy/cluster.sh start   # prints the addresses; logs and pids in $CROWD_CLUSTER_DIR
#   deploy/cluster.sh stop
#
# Needs root (apt-get, PostgreSQL's superuser) and the release binary (`make build`).
set -euo pipefail
cd "$(dirname "$0")/.."

CROWD="${CROWD:-${CARGO_TARGET_DIR:-$HOME/.cache/crowd/target}/release/crowd}"
RUN="${CROWD_CLUSTER_DIR:-/tmp/crowd-cluster}"
PORT="${CROWD_CLUSTER_PORT:-8080}"
INSTANCES="${CROWD_CLUSTER_INSTANCES:-2}"
FIRST_PORT=3201
DATABASE="${CROWD_CLUSTER_DATABASE:-crowd_cluster}"
export DATABASE_URL="postgres://crowd:crowd@127.0.0.1:5432/${DATABASE}"

stop() {
  if [ -f "$RUN/nginx.pid" ]; then nginx -c "$RUN/nginx.conf" -s quit 2> /dev/null || true; fi
  for pid in "$RUN"/crowd-*.pid; do
    [ -f "$pid" ] || continue
    kill "$(cat "$pid")" 2> /dev/null || true
    rm -f "$pid"
  done
  sleep 0.5
}

start() {
  stop
  if ! command -v nginx > /dev/null; then
    echo "cluster: installing Debian's nginx"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx > /dev/null
  fi
  echo "cluster: PostgreSQL, a fresh database ${DATABASE}"
  pg_ctlcluster 15 main start 2> /dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname = 'crowd'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"create role crowd login password 'crowd'\""
  su postgres -c "psql -qc 'drop database if exists ${DATABASE} with (force)'"
  su postgres -c "psql -qc 'create database ${DATABASE} owner crowd'"
  rm -rf "$RUN" && mkdir -p "$RUN/data"
  export CROWD_DATA_DIR="$RUN/data" CROWD_SITE_ROOT="${CROWD_SITE_ROOT:-target/site}"
  export CROWD_TRUSTED_PROXIES=127.0.0.1 CROWD_PUBLIC_URL="http://127.0.0.1:${PORT}"
  "$CROWD" seed --demo > "$RUN/seed.log"
  local upstreams=""
  for i in $(seq 1 "$INSTANCES"); do
    local port=$((FIRST_PORT + i - 1))
    CROWD_ADDR="127.0.0.1:${port}" MIMALLOC_PURGE_DELAY=0 MIMALLOC_GENERIC_COLLECT=100 "$CROWD" serve > "$RUN/crowd-$i.log" 2>&1 &
    echo $! > "$RUN/crowd-$i.pid"
    upstreams+="        server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;"$'\n'
  done
  UPSTREAMS="$upstreams" RUN="$RUN" PORT="$PORT" perl -pe \
    's/\@UPSTREAMS\@\n/$ENV{UPSTREAMS}/; s/\@RUN\@/$ENV{RUN}/g; s/\@PORT\@/$ENV{PORT}/g' \
    deploy/nginx.conf > "$RUN/nginx.conf"
  nginx -t -q -c "$RUN/nginx.conf"
  nginx -c "$RUN/nginx.conf"
  for i in $(seq 1 "$INSTANCES"); do
    local port=$((FIRST_PORT + i - 1)) ready=""
    for _ in $(seq 1 60); do
      if curl -fsS "http://127.0.0.1:${port}/readyz" > /dev/null 2>&1; then ready=1; break; fi
      sleep 0.5
    done
    [ -n "$ready" ] || { echo "cluster: instance $i did not start:"; cat "$RUN/crowd-$i.log"; exit 1; }
  done
  curl -fsS "http://127.0.0.1:${PORT}/readyz" > /dev/null
  echo "cluster: http://127.0.0.1:${PORT} (nginx) in front of ${INSTANCES} instances on ports" \
    "${FIRST_PORT}..$((FIRST_PORT + INSTANCES - 1)); logs in ${RUN}"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
