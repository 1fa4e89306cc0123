# The two commands of the README: `make run` and `make test`. Everything else here serves them.
#
# Tools are installed once per machine (cargo's bin folder, ~/.cache/crowd/tools); the cargo target folder and
# the npm cache live under ~/.cache/crowd so that a fresh clone on the same machine reuses earlier builds.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE            ?= $(HOME)/.cache/crowd
export CARGO_TARGET_DIR ?= $(CACHE)/target
export npm_config_cache ?= $(CACHE)/npm
TOOLS            := $(CACHE)/tools
export PATH      := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.11
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION     := 132

DATABASE_URL ?= sqlite://data/crowd.sqlite?mode=rwc
CROWD_ADDR   ?= 127.0.0.1:3000
CROWD        := $(CARGO_TARGET_DIR)/release/crowd
# mimalloc as deployed (docs/deploy.md, docs/architecture.md "Allocator"): freed memory handed back at once,
# and each thread's heap collected every 1,000 allocations of mimalloc's slow path instead of every 10,000
# (it checks every 1,000: any value up to 1,000 means that), so pages left over from a burst of requests go
# back too. A caller's own values win.
MIMALLOC_AS_DEPLOYED := MIMALLOC_PURGE_DELAY=$${MIMALLOC_PURGE_DELAY:-0} MIMALLOC_GENERIC_COLLECT=$${MIMALLOC_GENERIC_COLLECT:-100}
# PostgreSQL for the second run of the domain tests; `.ci/run` creates this role and database.
CROWD_TEST_PG_URL ?= postgres://crowd:crowd@127.0.0.1:5432/crowd_test

say = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help run test tools build fmt-check clippy test-rust test-pg e2e e2e-deps docs-screenshots clean-data bench \
	cluster cluster-stop test-cluster test-cluster-built cluster-if-root

help:
	@echo "make run    build everything needed and serve http://$(CROWD_ADDR) (SQLite, demo data on first start)"
	@echo "make test   formatting, lints, unit and integration tests on SQLite and PostgreSQL, browser tests"
	@echo "make bench  figures side by side: the release server over HTTP on Moscow-scale data, then the domain's reads"

## ---------------------------------------------------------------- tools, once per machine
tools:
	$(call say,checking tools (a first install takes about 20 minutes on 2 cores; later runs skip it))
	@rustup target list --installed | grep -q wasm32-unknown-unknown || { \
	  echo "installing the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 7 minutes, once)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --ignore-rust-version --debug \
	    --target-dir $(CACHE)/tools-target; fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 5 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --debug \
	    --target-dir $(CACHE)/tools-target; fi
	@if ! wasm-opt --version 2>/dev/null | grep -q "version $(BINARYEN_VERSION)"; then \
	  echo "installing wasm-opt from npm binaryen@$(BINARYEN_VERSION) (Debian's binaryen breaks the release wasm)"; \
	  mkdir -p $(TOOLS) && npm install --prefix $(TOOLS) --no-audit --no-fund binaryen@$(BINARYEN_VERSION); fi
	@echo "tools ready: $$(cargo leptos --version), $$(wasm-bindgen --version), $$(wasm-opt --version)"

## ---------------------------------------------------------------- make run
build: tools
	$(call say,building the release site (about 20 minutes cold, 18 after a change to the app, seconds when warm))
	cargo leptos build --release --split --project crowd
	$(CROWD) precompress target/site/pkg

run: build
	$(call say,migrating $(DATABASE_URL))
	DATABASE_URL='$(DATABASE_URL)' $(CROWD) migrate
	$(call say,loading demo data if the database is empty)
	DATABASE_URL='$(DATABASE_URL)' $(CROWD) seed --demo
	$(call say,serving http://$(CROWD_ADDR) (Ctrl-C stops))
	DATABASE_URL='$(DATABASE_URL)' CROWD_ADDR='$(CROWD_ADDR)' $(MIMALLOC_AS_DEPLOYED) $(CROWD) serve

## ---------------------------------------------------------------- make bench (figures, not tests)
# The Moscow-scale database is made once (about a minute) and kept; each run serves a copy of it.
BENCH_DATA ?= $(CACHE)/bench/moscow-v3.sqlite

LIGHTHOUSE_VERSION := 12.2.3

bench: build e2e-deps
	@lighthouse --version 2>/dev/null | grep -q "$(LIGHTHOUSE_VERSION)" || { \
	  echo "installing lighthouse@$(LIGHTHOUSE_VERSION) (once)"; \
	  npm install --prefix $(TOOLS) --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION); }
	$(call say,the release server over HTTP on Moscow-scale data (crowd bench --site))
	@mkdir -p $(dir $(BENCH_DATA))
	$(CROWD) bench --site --data $(BENCH_DATA) --phone end2end/bench/phone.mjs
	$(call say,the domain's reads at 1,000 and 105,000 ideas (crowd bench))
	$(CROWD) bench

## ---------------------------------------------------------------- make test
test: tools fmt-check clippy test-rust test-pg e2e cluster-if-root
	$(call say,all tests passed)

# The cluster tests install nginx and start PostgreSQL's cluster: as root (CI) only. The site is built
# once per `make test` (cargo-leptos redoes the wasm's split, bindings and optimisation, about five
# minutes, even when nothing changed), so the inner make skips `build`.
cluster-if-root: build e2e-deps
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory test-cluster-built; else \
	  printf '\n\033[1;31m!!! SKIPPED: the cluster tests (make test-cluster) need root.\033[0m\n\n'; fi

fmt-check:
	$(call say,rustfmt)
	cargo fmt --all -- --check

clippy:
	$(call say,clippy (warnings denied), server side and browser side)
	cargo clippy -p wire -p domain -p migration -p app -p server --all-targets -- -D warnings
	cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

# CROWD_TEST_PG_URL is removed here so that these runs stay on SQLite even where CI exports it for test-pg.
test-rust:
	$(call say,unit and integration tests on SQLite)
	env -u CROWD_TEST_PG_URL cargo test -p wire -p migration -p domain
	env -u CROWD_TEST_PG_URL cargo test -p app --features ssr
	env -u CROWD_TEST_PG_URL cargo test -p server -- --test-threads=1 --skip crash::
	$(call say,the crash test on SQLite, with its figures)
	env -u CROWD_TEST_PG_URL cargo test -p server --test all crash:: -- --nocapture

test-pg:
	$(call say,domain and HTTP tests again on PostgreSQL ($(CROWD_TEST_PG_URL)))
	@if psql '$(CROWD_TEST_PG_URL)' -qAtc 'select 1' >/dev/null 2>&1; then \
	  psql '$(CROWD_TEST_PG_URL)' -qAtc "select 'drop schema \"' || nspname || '\" cascade;' from pg_namespace where nspname like 't\_%'" \
	    | PGOPTIONS='-c client_min_messages=warning' psql '$(CROWD_TEST_PG_URL)' -q >/dev/null; \
	  CROWD_TEST_PG_URL='$(CROWD_TEST_PG_URL)' cargo test -p domain --test all; \
	  CROWD_TEST_PG_URL='$(CROWD_TEST_PG_URL)' cargo test -p server --test all -- --test-threads=1 --skip crash:: && \
	  CROWD_TEST_PG_URL='$(CROWD_TEST_PG_URL)' cargo test -p server --test all crash:: -- --nocapture; \
	elif [ "$${CROWD_REQUIRE_PG:-0}" = 1 ]; then \
	  echo "PostgreSQL is required (CROWD_REQUIRE_PG=1) but $(CROWD_TEST_PG_URL) is not reachable" >&2; exit 1; \
	else \
	  printf '\n\033[1;31m!!! SKIPPED: PostgreSQL tests. %s is not reachable.\033[0m\n' '$(CROWD_TEST_PG_URL)'; \
	  printf '\033[1;31m!!! Start it (see README, "Running on PostgreSQL") or set CROWD_TEST_PG_URL.\033[0m\n\n'; \
	fi

e2e-deps:
	@test -x /usr/bin/chromium || { echo "Chromium is missing: apt-get install -y chromium (as root)" >&2; exit 1; }
	cd end2end && npm ci --no-audit --no-fund --prefer-offline

e2e: build e2e-deps
	$(call say,browser tests (Playwright in Debian's Chromium) against the release build)
	CROWD='$(CROWD)' end2end/run.sh

## ---------------------------------------------------------------- several instances behind nginx
# deploy/cluster.sh: PostgreSQL, two `crowd serve` instances and nginx on http://127.0.0.1:8080 (root).
cluster: build
	CROWD='$(CROWD)' deploy/cluster.sh start

cluster-stop:
	deploy/cluster.sh stop

test-cluster: build e2e-deps
	@$(MAKE) --no-print-directory test-cluster-built

test-cluster-built:
	$(call say,two instances on PostgreSQL behind nginx (deploy/cluster.sh, end2end/cluster))
	CROWD='$(CROWD)' deploy/cluster.sh start
	status=0; (cd end2end && npx playwright test -c cluster.config.ts) || status=$$?; \
	  deploy/cluster.sh stop; exit $$status

## ---------------------------------------------------------------- helpers
docs-screenshots: build e2e-deps
	$(call say,refreshing the screenshots in docs/img)
	CROWD_DOCS_SCREENSHOTS=1 CROWD='$(CROWD)' end2end/run.sh tests/staff.spec.ts tests/frame.spec.ts

clean-data:
	rm -rf data
