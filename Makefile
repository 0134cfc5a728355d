# Every workflow of the project; `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := all

VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly

.PHONY: all help install generate check-generated lint test test-fast serve bench bench-tools contract mutation docs system-tools changes release dist

all: install generate check-generated lint docs contract ## install, regenerate the client, lint, build the docs, contract-test the reference server
	@echo "make: done. Client in generated/, spec lint clean, docs in site/index.html, reference server passes the contract. Next: make test"

help: ## list the workflows
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/; s/\$$\(PORT\)/$(PORT)/g' | expand -t 18

install: $(INSTALLED) $(NODE_INSTALLED) ## install pinned Python (.venv) and Node (node_modules) dependencies

# Not generated/pyproject.toml: every generation rewrites it, and the client is not installed from it.
$(INSTALLED): requirements/lock.txt pyproject.toml testkit/pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	@# The test kit as an editable install: its console commands and pytest plugin (entry points)
	@# work, and edits under testkit/src are live. Its dependencies are all in the lock.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e testkit
	@# The workspace imports the client straight from generated/ (a .pth entry), so a regeneration
	@# is live at once; tests/client proves that the package also installs on its own.
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "buffer_profiles_client.pth").write_text(str(pathlib.Path("generated").resolve()) + "\n")'
	touch $@

# Redocly CLI needs Node >= 20.19; say so in one sentence rather than fail deep inside npm.
NODE_MINIMUM := 20.19
$(NODE_INSTALLED): package-lock.json
	@command -v node >/dev/null || { echo "make: node and npm are needed (Node >= $(NODE_MINIMUM), for Redocly and Spectral); install them and run make again."; exit 2; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number), [x,y]="$(NODE_MINIMUM)".split(".").map(Number); process.exit(a>x||(a===x&&b>=y)?0:1)' || { echo "make: Node $$(node --version) is too old: Redocly needs Node >= $(NODE_MINIMUM)."; exit 2; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: $(INSTALLED) ## wipe and regenerate generated/ from openapi.yaml
	$(PY) -m overrides.generate

check-generated: $(INSTALLED) ## fail, with a hint, when generated/ differs from a fresh generation
	@$(PY) -m overrides.generate --check

SPECTRAL := node_modules/.bin/spectral

dist: check-generated ## build the client and the test kit (wheels and sdists) into dist/ and check them with twine
	$(PY) -m overrides.dist --outdir dist

lint: install ## spec lint (Redocly, Spectral, openapi-spec-validator), ruff, mypy --strict on hand-written code
	$(REDOCLY) lint --format=stylish openapi.yaml
	$(SPECTRAL) lint --quiet --ruleset .spectral.yaml --fail-severity=hint openapi.yaml
	$(BIN)/openapi-spec-validator openapi.yaml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The docs tests drive Debian's chromium (never a downloaded browser build) and run the curl samples.
# CI runs as root; elsewhere, without them, install both once with sudo.
system-tools: ## install chromium and curl with apt-get, only when missing (for the docs tests)
	@missing="$$(test -x /usr/bin/chromium || echo chromium) $$(command -v curl >/dev/null || echo curl)"; \
	if [ -n "$${missing// /}" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# One pytest worker per core; a worker that runs out of tests takes over half of another's. What
# many tests share and is costly to build is built once per run (tests/built_once.py).
PARALLEL := -n auto --dist worksteal
# The quick loop takes one worker more: its tests wait on Chromium, servers and subprocesses in
# between, and the extra worker runs meanwhile. Measured back to back on the quiet 2-core machine:
# make test-fast 27.4 s with 3 workers against 30.1 s with 2; the whole suite, whose contract runs
# keep both cores busy, 89.7 s with 3 against 75.1 s with 2.
FAST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# The tests write Python's bytecode caches (__pycache__/, git-ignored) even where the environment
# turns them off: a run starts about a hundred interpreters (servers, examples, the generator), each
# of which would otherwise compile the project's modules again. make test-fast on a fresh clone of
# the quiet 2-core machine: 26.7-27.6 s with the caches against 29.4-31.0 s without.
test test-fast: export PYTHONDONTWRITEBYTECODE =

test: install check-generated changes system-tools ## the whole test suite, after the release check (make changes)
	$(BIN)/pytest $(PARALLEL)

test-fast: install system-tools ## every test but the slow ones (whole contract and release-check runs, installed wheels): the quick loop
	$(BIN)/pytest -n $(FAST_WORKERS) --dist worksteal -m "not slow"

# The last release is the committed snapshot in releases/latest/ (it travels with every clone).
changes: $(INSTALLED) ## what the spec edit breaks, for the API and the client, against BASE (default: last release) [CHANGELOG=1]
	$(PY) -m changes $(if $(BASE),--base '$(BASE)') $(if $(CHANGELOG),--changelog)

release: changes ## record the working tree as the last release in releases/latest/ (after the check passes)
	$(PY) -m changes --record-release

SITE := site/index.html

docs: $(SITE) ## build the API reference: one self-contained page, site/index.html
	@echo "docs: $(SITE) ($$(wc -c < $(SITE)) bytes); open it in a browser, or run make serve and visit http://127.0.0.1:8080/docs"

$(SITE): openapi.yaml redocly.yaml docs/page.hbs $(NODE_INSTALLED)
	@mkdir -p $(dir $@)
	$(REDOCLY) build-docs openapi.yaml --inlineBundle --template docs/page.hbs --title "Buffer Profiles API reference" --output $@

PORT ?= 8080
serve: $(INSTALLED) ## run the reference server on 127.0.0.1:$(PORT) with demo data (db in data/)
	$(BIN)/buffer-profiles-server --host 127.0.0.1 --port $(PORT) --db data/buffer-profiles.sqlite3 --demo --docs-dir site

# TOKEN travels in the environment, never on a command line, and the recipe is not echoed.
contract: $(INSTALLED) ## contract-test BASE_URL with TOKEN (default: the reference server) [OTHER_TOKEN SEED MAX_EXAMPLES READ_ONLY=1 REQUESTS_PER_MINUTE]
	@$(if $(TOKEN),BUFFER_ACCESS_TOKEN='$(TOKEN)') $(if $(OTHER_TOKEN),BUFFER_OTHER_ACCESS_TOKEN='$(OTHER_TOKEN)') $(BIN)/buffer-profiles-contract \
		$(if $(BASE_URL),--base-url '$(BASE_URL)') $(if $(SEED),--seed $(SEED)) \
		$(if $(MAX_EXAMPLES),--max-examples $(MAX_EXAMPLES)) $(if $(READ_ONLY),--read-only) \
		$(if $(REQUESTS_PER_MINUTE),--requests-per-minute $(REQUESTS_PER_MINUTE))

# Not part of make test: 377 mutants, 15 to 40 minutes on 2 cores (README). mutation/run.py says what counts as killed.
mutation: $(INSTALLED) ## mutate the reference server's contract-relevant code; count the mutants the contract suite kills [WORKERS]
	$(PY) mutation/run.py $(if $(WORKERS),--workers $(WORKERS))

# The load generator and the peer compared with are for benchmarks only: make test needs neither.
BENCH_PRISM := bench/prism/node_modules/.installed

bench-tools: $(BENCH_PRISM) ## install wrk (apt-get, when missing) and Prism (bench/prism, pinned) for make bench
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

$(BENCH_PRISM): bench/prism/package-lock.json
	cd bench/prism && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: $(INSTALLED) bench-tools ## the encoder; the server side by side with Prism and a constant-JSON app (wrk)
	$(PY) -m bench
