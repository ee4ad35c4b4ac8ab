# Set-up and everyday commands.  Everything installs into .venv from the
# package registries; nothing downloads at run time.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

# The package is installed once, and again only when pyproject.toml changes
# (the stamp file is newer than it otherwise): `make test` does not reinstall.
STAMP := $(VENV)/.installed
DEMO_DB := out/demo.sqlite

.PHONY: install demo test lint typecheck eval pin-floors bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

# The seed article, read from ../shared at run time when it is there (never copied).
SEED := $(wildcard $(SHARED)/examples/el_aguaje/input.jsonl)
# The demo editor of the workbench (a throwaway account in the demo store only).
DEMO_USER := demo-editor
DEMO_PASSWORD := demo-editor-pw
# SERVE=0 stops the demo before the workbench (e.g. on a machine without a browser).
SERVE ?= 1

# The sample corpus: per-record JSONL, then a store (ingest: deduplicate, extract,
# fuse), its ACLED CSV and GeoJSON, a table of what was found, and the analysts'
# workbench serving it.  Two sample records are broken on purpose to show
# per-record errors: ingest lists them and exits 1 ("some records failed"),
# which the demo expects.
demo: $(STAMP)
	$(BIN)/blotter extract samples/articles.jsonl -o out/sample-events.jsonl -q || [ $$? -eq 1 ]
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/blotter ingest samples/articles.jsonl $(SEED) --db $(DEMO_DB) || [ $$? -eq 1 ]
	$(BIN)/blotter export --db $(DEMO_DB) -o out/demo-events.csv
	$(BIN)/blotter export --db $(DEMO_DB) -f geojson -o out/demo-events.geojson
	$(BIN)/blotter events --db $(DEMO_DB) --table
	@if [ "$(SERVE)" = 1 ]; then \
	  $(BIN)/blotter user add $(DEMO_USER) --role editor --password $(DEMO_PASSWORD) --exist-ok \
	    --db sqlite:///$(abspath $(DEMO_DB)) && \
	  echo "Workbench: http://127.0.0.1:8000/  sign in as $(DEMO_USER) / $(DEMO_PASSWORD)  (Ctrl-C stops it)" && \
	  $(BIN)/blotter serve --db sqlite:///$(abspath $(DEMO_DB)); fi

lint: $(STAMP)
	$(BIN)/ruff check blotter benchmarks
	$(BIN)/mypy blotter benchmarks

test: $(STAMP) lint
	$(BIN)/pytest -q -n auto --dist loadfile

# Every dev set, one table, the floors gate (docs/evaluation.md); the baseline JSON
# and predictions go to out/.  `make pin-floors` re-pins floors.toml from a run.
eval: $(STAMP)
	BLOTTER_SHARED=$(SHARED) $(BIN)/blotter eval --all --check --json out/eval.json \
		--save-predictions out/eval-pred

# PIN_ARGS=--allow-lower accepts lower floors (say why in the commit message).
PIN_ARGS ?=
pin-floors: $(STAMP)
	BLOTTER_SHARED=$(SHARED) $(BIN)/blotter eval --all --pin-floors $(PIN_ARGS) --json out/eval.json

# Throughput/memory benchmark (not part of the test suite); results in out/bench.json.
# Distinct texts only (MUC-4 dev + ACLED 2024 dev notes); ARTICLES=0 takes all of them.
# ARTICLES=100000 BENCH_ARGS="--allow-repeats --no-baseline --no-ingest" for the memory check.
ARTICLES ?= 0
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/extract_bench.py --articles $(ARTICLES) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out build *.egg-info
