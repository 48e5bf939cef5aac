"""How long `audit verify` takes over a long chain, and how fast records are appended.

Builds a chain of N request records (realistic fields, content on every record, a signed
checkpoint every 1,000) in a fresh SQLite file with the same append path the gateway uses, then
verifies it. Writes benchmarks/results/audit_verify.{json,md}.

    python benchmarks/audit_verify.py --records 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import orjson

from supportllm.audit.append import Entry, append
from supportllm.audit.signing import load_signer
from supportllm.audit.verify import verify
from supportllm.store.db import migrate, open_database

RESULTS = Path(__file__).parent / "results"


def record(i: int) -> dict[str, object]:
    return {
        "request_id": f"req_bench{i:010d}", "ts": 1_764_000_000 + i * 0.01,
        "path": "/v1/chat/completions", "client": "10.0.3.17", "team": "billing",
        "key_id": "7969eea5a87b", "model": "support", "engine": "vllm",
        "upstream_model": "Qwen/Qwen2.5-7B-Instruct", "channel": "chat", "stream": True,
        "retrieval": "ok", "retrieval_ms": 3.2, "sources": ["refunds#0", "billing#2"],
        "ttft_ms": 182.4, "prompt_tokens": 812, "completion_tokens": 196, "status": 200,
        "total_ms": 2410.7,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="supportllm-audit-"))
    engine = open_database(f"sqlite:///{folder / 'audit.db'}")
    migrate(engine)
    signer = load_signer(folder / "keys")
    content = orjson.dumps(
        {"messages": [{"role": "user", "content": "Where is my invoice for March? " * 8}],
         "reply": "You can download every invoice under Billing → Invoices. " * 6}
    )  # fmt: skip
    started = time.perf_counter()
    for first in range(0, args.records, args.batch):
        count = min(args.batch, args.records - first)
        entries = [Entry("request", record(first + i), content) for i in range(count)]
        append(engine, entries, signer, checkpoint=True)
        if first and first % 100_000 == 0:
            print(f"appended {first:,}", flush=True)
    append_s = time.perf_counter() - started
    started = time.perf_counter()
    verdict = verify(engine, signer.public)
    verify_s = time.perf_counter() - started
    assert verdict.ok, verdict.problems
    size = (folder / "audit.db").stat().st_size
    result = {
        "records": verdict.records, "checkpoints": verdict.checkpoints,
        "contents_checked": verdict.contents, "append_s": round(append_s, 1),
        "append_records_per_s": round(args.records / append_s),
        "verify_s": round(verify_s, 1), "verify_records_per_s": round(verdict.records / verify_s),
        "database_mib": round(size / 2**20), "machine": f"{os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "command": f"python benchmarks/audit_verify.py --records {args.records}",
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "audit_verify.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# audit verify over a long chain",
        "",
        f"{result['date']}, {result['machine']}, SQLite, `{result['command']}`",
        "",
        "| records (+ checkpoints) | content checked | append (records/s) | verify (s) | "
        "verify (records/s) | database (MiB) |",
        "|---|---|---|---|---|---|",
        f"| {args.records:,} (+{verdict.checkpoints:,}) | {verdict.contents:,} | "
        f"{result['append_records_per_s']:,} | {result['verify_s']} | "
        f"{result['verify_records_per_s']:,} | {result['database_mib']} |",
    ]
    (RESULTS / "audit_verify.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
