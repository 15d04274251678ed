# Tambon Atlas: `make run` serves the app, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

PROCESSES ?= 2

.PHONY: setup seed run run-nginx test test-fast lint format bench clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## Create the schema and seed whatever is missing (the full demo on first run, about half a minute).
seed: setup
	$(PY) -m data_access.seed

## PROCESSES (2: one per core of a small server) app processes behind nginx on PORT when nginx is
## installed, each warmed at start; one process otherwise, or with PROCESSES=1 (deploy/README.md).
run: seed
	@if [ "$(PROCESSES)" -gt 1 ] && command -v nginx >/dev/null 2>&1; then \
		$(PY) -m serving.nginx --processes $(PROCESSES) --port $(PORT); \
	else \
		command -v nginx >/dev/null 2>&1 || echo "nginx not found: one process (apt-get install nginx-light serves $(PROCESSES))"; \
		$(PY) serve.py --server.port $(PORT); \
	fi

## The deployment recipe on this machine: PROCESSES app processes behind nginx on PORT (deploy/README.md).
run-nginx: seed
	$(PY) -m serving.nginx --processes $(PROCESSES) --port $(PORT)

## Lint and the layer contracts (.importlinter), then every test: unit, AppTest and PostgreSQL on two cores
## (pytest-xdist), then the browser tests one at a time (those skip with a hint when the
## server binaries or Chromium are missing, unless REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1).
test: setup
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n 2 -m "not browser"
	$(PY) -m pytest tests/browser

test-fast: setup
	$(PY) -m pytest -m "not postgres and not browser"

lint: setup
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

BENCH_STAMP := $(VENV)/.bench-$(shell cat requirements.txt requirements-bench.txt | cksum | cut -d' ' -f1)

$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	rm -f $(VENV)/.bench-*
	touch $(BENCH_STAMP)

## Benchmarks print figures; they need the comparison packages of requirements-bench.txt besides the app's.
bench: $(BENCH_STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
