#!/usr/bin/env bash
# Starts the release server on a fresh SQLite file with the demo data, waits until it answers, runs the
# Playwright suite, and stops the server. The server log is kept in end2end/server.log.
set -euo pipefail
cd "$(dirname "$0")"

CROWD="${CROWD:?set CROWD to the release binary}"
PORT="${CROWD_E2E_PORT:-3100}"
export CROWD_E2E_URL="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d)"
export DATABASE_URL="sqlite://${WORK}/e2e.sqlite?mode=rwc"
# Uploads and the e-mail outbox of the run go with it.
export CROWD_DATA_DIR="${WORK}/data"
export CROWD_ADDR="127.0.0.1:${PORT}"
# The site folder (pkg/ with wasm, JS and CSS) that cargo-leptos built, relative to the workspace root.
export CROWD_SITE_ROOT="${CROWD_SITE_ROOT:-../target/site}"

"$CROWD" seed --demo
"$CROWD" serve > server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

for _ in $(seq 1 60); do
  if curl -fsS "${CROWD_E2E_URL}/readyz" > /dev/null 2>&1; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then echo "the server exited; its log:"; cat server.log; exit 1; fi
  sleep 0.5
done
curl -fsS "${CROWD_E2E_URL}/readyz" > /dev/null

npx playwright test "$@"
