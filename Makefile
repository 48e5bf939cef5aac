# supportllm: the two set-up commands are `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TORCH_VERSION ?= 2.13.0
SOURCES := src tests benchmarks

.PHONY: run trial test check lint bench system-deps clean

## make run: install, load the demo knowledge base, start the embedded llama.cpp engine + gateway
run: $(STAMP)
	$(BIN)/supportllm kb ingest --demo --if-empty
	@echo "supportllm is in $(VENV)/: in another terminal, 'source $(VENV)/bin/activate' puts it on PATH"
	$(BIN)/supportllm serve

## make trial: install, then the whole trial on the embedded engine (offline, 2-5 minutes on 2 cores)
trial: $(STAMP)
	$(BIN)/supportllm trial --demo

## make test: install, install what the tests need (PostgreSQL), lint + types + tests
test: $(STAMP) system-deps lint
	$(BIN)/pytest

check: test

lint: $(STAMP)
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy src

## make bench: gateway overhead, llama.cpp pass-through, retrieval speed and quality, the load
## generator's accuracy and the llama.cpp bench tables
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_accuracy.py
	$(BIN)/python benchmarks/bench_llamacpp.py
	$(BIN)/python benchmarks/llamacpp_threads.py
	$(BIN)/python benchmarks/gateway_overhead.py
	$(BIN)/python benchmarks/key_timing.py
	$(BIN)/python benchmarks/llamacpp_passthrough.py
	$(BIN)/python benchmarks/retrieval_speed.py
	$(BIN)/python benchmarks/retrieval_quality.py

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "supportllm needs Python >= 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# torch first, pinned: otherwise pip resolves sentence-transformers to the newest CUDA build (GBs)
	$(BIN)/python -m pip install --quiet "torch==$(TORCH_VERSION)"
	@echo "installing supportllm (llama-cpp-python builds from source the first time: ~5 min on 2 cores)"
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/python -m pip install --quiet -e ".[dev,otel]"
	touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) .supportllm .mypy_cache .ruff_cache
