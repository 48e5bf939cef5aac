# supportllm: the two set-up commands are `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TORCH_VERSION ?= 2.13.0
# llama.cpp is built for a portable AVX2 machine, not the build machine's own instruction set:
# the native build (GGML_NATIVE, AVX-512 here) crashed in every decode on an AVX-512 FP16 machine
# of this kind (round 10). Override for a faster native build: make LLAMA_CMAKE_ARGS=-DGGML_NATIVE=ON
# LLAVA_BUILD=OFF leaves out llama.cpp's multimodal library (mtmd: images and audio), which
# supportllm never loads (llama-cpp-python imports it only for its vision chat handlers): the
# build took 464 s instead of 507 s on 2 cores (round 24).
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAVA_BUILD=OFF
LLAMA_REQ := $(shell grep -o '"llama-cpp-python[^"]*"' pyproject.toml | tr -d '"')
SOURCES := src tests benchmarks
# pytest workers for the parallel part of `make test`: one per core of the 2-core CI machine;
# each test file runs on one worker (its module fixtures are set up once). The tests marked
# `serial` (timing checked to the millisecond, the real llama.cpp engine) then run alone
# (tests/conftest.py). Both parts always run; the target fails if either fails or selects no
# test. TEST_WORKERS=0 runs the first part in one process too.
TEST_WORKERS ?= 2
# Each worker's torch (the embedders, the NER model) would start one compute thread per core:
# two workers then run four busy threads on two cores. One thread each ran the retrieval and
# knowledge-base test files in 207-210 s instead of 251-265 s (round 24). Only with workers.
WORKER_THREADS := $(if $(filter 0,$(TEST_WORKERS)),,OMP_NUM_THREADS=1 MKL_NUM_THREADS=1)

.PHONY: run trial test deps check lint bench system-deps clean

## make run: install, load the demo knowledge base, start the embedded llama.cpp engine + gateway
run: $(STAMP)
	$(BIN)/supportllm kb ingest --demo --if-empty
	@echo "supportllm is in $(VENV)/: in another terminal, 'source $(VENV)/bin/activate' puts it on PATH"
	$(BIN)/supportllm serve

## make trial: install, then the whole trial on the embedded engine (offline, 2-5 minutes on 2 cores)
trial: $(STAMP)
	$(BIN)/supportllm trial --demo

## make test: install, install what the tests need (PostgreSQL, Chromium, Prometheus; alongside
## the Python install), lint + types + tests (on TEST_WORKERS pytest workers)
test: deps
	@# lint after deps, never beside it (make -j would install the environment twice at once)
	@$(MAKE) --no-print-directory lint
	@status=0; \
	$(WORKER_THREADS) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not serial" || status=$$?; \
	$(BIN)/pytest -m serial || status=$$?; \
	exit $$status

deps:
	@$(MAKE) --no-print-directory -j2 $(STAMP) system-deps

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
	@# llama-cpp-python builds from source in the background while torch (pinned: otherwise pip
	@# resolves sentence-transformers to the newest CUDA build) and the rest install
	bash scripts/install-venv.sh "$(PYTHON)" "$(VENV)" "$(TORCH_VERSION)" "$(LLAMA_REQ)" "$(LLAMA_CMAKE_ARGS)"
	touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) .supportllm .mypy_cache .ruff_cache
