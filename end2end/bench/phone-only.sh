#!/usr/bin/env bash
# The phone rows of `make bench` alone (a minute or two instead of the whole bench), for comparing two
# builds of the site side by side: serves a copy of the Moscow-scale data with a site and a release
# binary, runs end2end/bench/phone.mjs against it, prints its rows.
#
# Usage: end2end/bench/phone-only.sh [--lighthouse]
#   SITE=<site dir>  (default target/site)   BIN=<crowd binary>  (default the release build)
#   DATA=<sqlite file> (default ~/.cache/crowd/bench/moscow-v3.sqlite, made by `make bench`)
# A binary copied elsewhere needs the build's hash.txt beside it (Leptos reads the hashed file names
# from there), or its pages name files that do not exist and never hydrate.
set -euo pipefail
cd "$(dirname "$0")/../.."
SITE=${SITE:-target/site}
BIN=${BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/crowd/target}/release/crowd}
DATA=${DATA:-$HOME/.cache/crowd/bench/moscow-v3.sqlite}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$DATA" "$work/db.sqlite"
cp -r "$SITE" "$work/site"
port=$((20000 + RANDOM % 20000))
DATABASE_URL="sqlite://$work/db.sqlite" CROWD_ADDR="127.0.0.1:$port" CROWD_SITE_ROOT="$work/site" \
  CROWD_DATA_DIR="$work" RUST_LOG=warn "$BIN" serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 1
done
if [ "${1:-}" = "--lighthouse" ]; then
  export PATH="$HOME/.cache/crowd/tools/node_modules/.bin:$PATH"
fi
node end2end/bench/phone.mjs "http://127.0.0.1:$port" /projects/city-by-the-water
