#!/usr/bin/env bash
# Creates the virtual environment `make` uses (called by the Makefile's stamp rule).
#
# The slow part of a fresh install is building llama-cpp-python from source (~5 minutes on 2
# cores). It is built into a wheel in the background while torch and every other dependency
# install, then that wheel is installed and the project itself last. The build runs in pip's
# isolated build environment and writes only into its own folder, so the two never touch the
# same files.
#
# Usage: scripts/install-venv.sh PYTHON VENV TORCH_VERSION LLAMA_REQ LLAMA_CMAKE_ARGS
set -euo pipefail

python=$1
venv=$2
torch_version=$3
llama_req=$4
llama_cmake_args=$5
bin="$venv/bin"
wheels="$venv/.llama-wheel"
extras="dev,otel"  # the project's extras installed with it (and their requirements first)
build_log="$venv/.llama-build.log"

stamp() { printf '[install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

"$python" -m venv "$venv"
"$bin/python" -m pip install --quiet --upgrade pip

stamp "building llama-cpp-python from source in the background (~5 min on 2 cores; not from" \
      "pip's wheel cache, which may hold a build for another CPU); log: $build_log"
rm -rf "$wheels"
# Its own process group (job control on for this one job), so that stopping the install stops
# the compilers under pip too, not only pip.
set -m
(
  CMAKE_ARGS="$llama_cmake_args" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    "$bin/python" -m pip wheel --quiet --no-deps --no-cache-dir --wheel-dir "$wheels" "$llama_req"
) >"$build_log" 2>&1 &
build_pid=$!
set +m
# A failed foreground step, Ctrl-C or a TERM must not leave the build running behind it.
stop_build() { kill -- -"$build_pid" 2>/dev/null || true; }
trap stop_build EXIT
trap 'stop_build; exit 130' INT
trap 'stop_build; exit 143' TERM

# torch first, pinned: otherwise pip resolves sentence-transformers to the newest CUDA build (GBs).
stamp "installing torch==$torch_version"
"$bin/python" -m pip install --quiet "torch==$torch_version"

stamp "installing the other dependencies"
"$bin/python" - "$llama_req" "$extras" >"$venv/.deps.txt" <<'EOF'
import re
import sys
import tomllib

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
wanted = list(project["dependencies"])
for extra in sys.argv[2].split(","):
    wanted += project["optional-dependencies"].get(extra, [])
llama = re.split(r"[\[=<>~!; ]", sys.argv[1], maxsplit=1)[0].lower()
for req in wanted:
    if re.split(r"[\[=<>~!; ]", req, maxsplit=1)[0].lower() != llama:
        print(req)
EOF
"$bin/python" -m pip install --quiet -r "$venv/.deps.txt"

stamp "waiting for the llama-cpp-python build"
if ! wait "$build_pid"; then
  trap - EXIT INT TERM
  echo "building llama-cpp-python failed; the last lines of $build_log:" >&2
  tail -n 40 "$build_log" >&2
  exit 1
fi
trap - EXIT INT TERM
llama_extras=""
if [[ $llama_req =~ \[([^]]+)\] ]]; then
  llama_extras="[${BASH_REMATCH[1]}]"
fi
wheel=$(ls "$wheels"/llama_cpp_python-*.whl)
"$bin/python" -m pip install --quiet "$wheel$llama_extras"

stamp "installing supportllm (editable)"
"$bin/python" -m pip install --quiet -e ".[$extras]"
rm -rf "$wheels"
stamp "done"
