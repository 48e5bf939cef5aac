# supportllm: the two set-up commands are `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SOURCES := src tests benchmarks

.PHONY: run test check lint bench system-deps clean

## make run: install, start the embedded llama.cpp engine + gateway, print how to call it
run: $(STAMP)
	$(BIN)/supportllm serve

## make test: install, install what the tests need (PostgreSQL), lint + types + tests
test: $(STAMP) system-deps lint
	$(BIN)/pytest

check: test

lint: $(STAMP)
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy src

## make bench: gateway overhead against the fake engine, and llama.cpp pass-through
bench: $(STAMP)
	$(BIN)/python benchmarks/gateway_overhead.py
	$(BIN)/python benchmarks/llamacpp_passthrough.py

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "supportllm needs Python >= 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "installing supportllm (llama-cpp-python builds from source the first time: ~5 min on 2 cores)"
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) .supportllm .mypy_cache .ruff_cache
