"""Does the time a key check takes reveal whether a key id exists?

Through the gateway (real uvicorn, SQLite key store, the fake engine): interleaved requests with
an unknown key id and with a known key id and a wrong secret, ``--tries`` of each; the client
times each 401 on a warm keep-alive connection. A Mann-Whitney U test compares the two samples
(|z| < 2: no detectable difference).

    python benchmarks/key_timing.py [--tries 2000]

Writes benchmarks/results/key_timing.json and .md.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from scipy.stats import mannwhitneyu

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.conftest import serve_in_thread

from supportllm.config import load_settings
from supportllm.engines.fake import FakeEngineConfig, fake_engine_in_thread
from supportllm.gateway.app import build_app
from supportllm.gateway.setup import build_parts, open_keystore

RESULTS = Path(__file__).parent / "results"
BODY = {"model": "support", "messages": [{"role": "user", "content": "hi"}]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="supportllm-key-timing-"))
    with fake_engine_in_thread(FakeEngineConfig(port=0)) as engine:
        settings = load_settings(
            None, data_dir=work, engine_url=engine.url, log_requests_to_stdout=False,
            retrieval={"enabled": False},
        )  # fmt: skip
        keys = open_keystore(settings)
        known = keys.create("bench", frozenset({"chat"})).record.key_id
        parts = build_parts(
            settings, engine_url=engine.url, engine_name="fake", served_model=None, keys=keys
        )
        with serve_in_thread(build_app(parts), settings) as base, httpx.Client() as http:
            samples: dict[str, list[float]] = {"unknown id": [], "known id, wrong secret": []}
            for i in range(args.tries * 2 + 200):
                kind = "unknown id" if i % 2 else "known id, wrong secret"
                key_id = secrets.token_hex(6) if i % 2 else known
                token = f"sk-sllm-{key_id}-{secrets.token_urlsafe(32)}"
                started = time.perf_counter()
                response = http.post(
                    f"{base}/v1/chat/completions", json=BODY,
                    headers={"authorization": f"Bearer {token}"},
                )  # fmt: skip
                elapsed = time.perf_counter() - started
                assert response.status_code == 401, response.text
                if i >= 200:  # warm-up
                    samples[kind].append(elapsed * 1e6)
    test = mannwhitneyu(samples["unknown id"], samples["known id, wrong secret"])
    n1, n2 = len(samples["unknown id"]), len(samples["known id, wrong secret"])
    mean_u, sd_u = n1 * n2 / 2, (n1 * n2 * (n1 + n2 + 1) / 12) ** 0.5
    z = (float(test.statistic) - mean_u) / sd_u
    rows = {
        kind: {
            "n": len(values),
            "median_us": round(statistics.median(values), 1),
            "p25_us": round(statistics.quantiles(values, n=4)[0], 1),
            "p75_us": round(statistics.quantiles(values, n=4)[2], 1),
        }
        for kind, values in samples.items()
    }
    document = {"tries": args.tries, "rows": rows, "mann_whitney_z": round(z, 2),
                "p_value": float(test.pvalue)}  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "key_timing.json").write_text(json.dumps(document, indent=2) + "\n")
    lines = [
        "# Key checks: does the time reveal which key ids exist?",
        "",
        f"`python benchmarks/key_timing.py --tries {args.tries}`: interleaved 401s through the "
        "gateway (SQLite key store), timed by the client.",
        "",
        "| key | n | median (µs) | p25 | p75 |",
        "|---|---|---|---|---|",
        *(
            f"| {kind} | {r['n']} | {r['median_us']} | {r['p25_us']} | {r['p75_us']} |"
            for kind, r in rows.items()
        ),
        "",
        f"Mann-Whitney U: z = {z:.2f}, p = {test.pvalue:.3g} (|z| < 2: no detectable difference).",
    ]
    (RESULTS / "key_timing.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
