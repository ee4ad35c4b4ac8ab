# Set-up and everyday commands.  Everything installs into .venv from the
# package registries; nothing downloads at run time.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install demo test lint typecheck eval pin-floors bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

demo: install
	$(BIN)/blotter extract samples/articles.jsonl -o out/sample-events.jsonl
	@echo "events written to out/sample-events.jsonl"

lint: install
	$(BIN)/ruff check blotter benchmarks
	$(BIN)/mypy blotter

test: install lint
	$(BIN)/pytest -q

# Every dev set, one table, the floors gate (docs/evaluation.md); the baseline JSON
# and predictions go to out/.  `make pin-floors` re-pins floors.toml from a run.
eval: install
	BLOTTER_SHARED=$(SHARED) $(BIN)/blotter eval --all --check --json out/eval.json \
		--save-predictions out/eval-pred

# PIN_ARGS=--allow-lower accepts lower floors (say why in the commit message).
PIN_ARGS ?=
pin-floors: install
	BLOTTER_SHARED=$(SHARED) $(BIN)/blotter eval --all --pin-floors $(PIN_ARGS) --json out/eval.json

# Throughput/memory benchmark (not part of the test suite); results in out/bench.json.
# Distinct texts only (MUC-4 dev + ACLED 2024 dev notes); ARTICLES=0 takes all of them.
# ARTICLES=100000 BENCH_ARGS="--allow-repeats --no-baseline --no-ingest" for the memory check.
ARTICLES ?= 0
BENCH_ARGS ?=
bench: install
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/extract_bench.py --articles $(ARTICLES) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out build *.egg-info
