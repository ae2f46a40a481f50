# The two commands of the README: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export COOPDEC_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test install system-deps oidc-provider-deps lint types layers unit postgres-tests clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

system-deps:
	bash scripts/system_deps.sh

# `make run` serves as production does (DEBUG off: no technical pages for visitors), with a
# secret generated once into the data directory; plain HTTP on this machine, so no redirect
# to HTTPS. `make run PORT=8080 HOST=0.0.0.0` (or those environment variables) to change.
HOST ?= 127.0.0.1
PORT ?= 8000
run: install
	$(BIN)/coopdec init
	COOPDEC_SECURE_SSL_REDIRECT=$${COOPDEC_SECURE_SSL_REDIRECT:-0} $(BIN)/coopdec serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

types: install
	$(BIN)/mypy src

# The import-linter contracts of pyproject.toml: imports go one way, pure logic has no Django.
layers: install
	$(BIN)/lint-imports

# The loopback OpenID Connect provider of the sign-in tests: npm packages from the lock file.
oidc-provider-deps: system-deps
	cd tests/oidc_provider && [ -d node_modules/oidc-provider ] || npm ci --no-audit --no-fund --silent

unit: install system-deps oidc-provider-deps
	$(BIN)/pytest

postgres-tests: install system-deps oidc-provider-deps
	COOPDEC_TEST_DATABASE_ONLY=1 $(BIN)/python scripts/pg_test_cluster.py -- $(BIN)/pytest -m "not browser"

test: lint types layers unit postgres-tests

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
