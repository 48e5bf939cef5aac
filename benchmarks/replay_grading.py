"""Replay and grading speed: 500 tickets replayed through the fake engine at concurrency 32 (with
the demo knowledge base, so retrieval runs), and the grading page's response time with 10,000
stored replies.

Both use the real CLI in its own process (`supportllm replay`, `supportllm grade serve`).

    python benchmarks/replay_grading.py [--tickets 500] [--replies 10000]

Writes benchmarks/results/replay_grading.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import CLI, free_port, wait_http
from supportllm.bench.metrics import percentile

RESULTS = Path(__file__).parent / "results"


def tickets_file(path: Path, count: int) -> None:
    from supportllm.demo import demo_tickets_path

    base = [json.loads(line) for line in demo_tickets_path().read_text().splitlines()]
    with path.open("w") as handle:
        for number in range(count):
            ticket = dict(base[number % len(base)], id=f"t{number:05d}")
            handle.write(json.dumps(ticket, ensure_ascii=False) + "\n")


def replay_speed(work: Path, count: int) -> dict[str, float]:
    env = {**os.environ, "SUPPORTLLM_DATA_DIR": str(work / "data")}
    subprocess.run([*CLI, "kb", "ingest", "--demo"], env=env, check=True, capture_output=True)
    port = free_port()
    fake = subprocess.Popen(
        [*CLI, "engine", "fake", "--port", str(port), "--ttft-ms", "50", "--itl-ms", "10",
         "--tokens", "40"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/v1/models")
        tickets_file(work / "tickets.jsonl", count)
        started = time.monotonic()
        subprocess.run(
            [*CLI, "replay", "--tickets", str(work / "tickets.jsonl"), "--concurrency", "32",
             "--candidate", f"fake=http://127.0.0.1:{port}/v1", "--out", str(work / "replay")],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        wall = time.monotonic() - started
    finally:
        fake.terminate()
        fake.wait(10)
    replies = [json.loads(x) for x in (work / "replay" / "replies.jsonl").read_text().splitlines()]
    return {
        "tickets": count,
        "replies_done": sum(r["status"] == "done" for r in replies),
        "with_sources": sum(bool(r["sources"]) for r in replies),
        "wall_s": wall,
    }


def grading_speed(work: Path, count: int, samples: int) -> dict[str, float]:
    from supportllm.evals.replay import ReplayStore
    from supportllm.evals.tickets_db import TicketStore
    from supportllm.store.db import migrate, open_database
    from supportllm.tickets import Ticket

    data = work / "grading"
    engine = open_database(f"sqlite:///{data / 'supportllm.db'}")
    migrate(engine)
    tickets = TicketStore(engine)
    per_ticket = 5
    tickets.import_tickets(
        "big",
        [
            Ticket(f"t{i}", f"Ticket {i}: where is my invoice?", lang="en")
            for i in range(count // per_ticket)
        ],
    )
    stored = tickets.tickets("big")
    replays = ReplayStore(engine)
    replays.open_run("big", "big", {"tickets": [t.id for t in stored]})
    source = [{"id": "doc#1", "title": "Invoices", "url": None, "text": "Open Settings. " * 40}]
    with engine.begin() as conn:
        from supportllm.store.models import ReplyRow

        rows = [
            {"run_id": "big", "ticket_id": t.id, "candidate": f"model-{m}", "status": "done",
             "text": "Thanks for writing. " * 30, "sources": json.dumps(source),
             "attempts": 1, "finished_at": __import__("datetime").datetime.now()}
            for t in stored for m in range(per_ticket)
        ]  # fmt: skip
        conn.execute(ReplyRow.__table__.insert(), rows)  # type: ignore[attr-defined]
    (work / "big").mkdir()
    (work / "big" / "replay.json").write_text(json.dumps({"run_id": "big"}))
    port = free_port()
    env = {**os.environ, "SUPPORTLLM_DATA_DIR": str(data)}
    server = subprocess.Popen(
        [*CLI, "grade", "serve", str(work / "big"), "--graders", "anna,ben", "--per-item", "2",
         "--port", str(port)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        link = ""
        while "/g/" not in link:
            link = server.stdout.readline().strip()
        token = link.rsplit("/g/", 1)[1]
        wait_http(f"http://127.0.0.1:{port}/g/{token}")
        base = f"http://127.0.0.1:{port}/g/{token}"
        rng = random.Random(1)
        views, posts = [], []
        with httpx.Client() as http:
            for _ in range(samples):
                position = rng.randint(1, count)
                t0 = time.perf_counter()
                page = http.get(f"{base}/{position}")
                views.append((time.perf_counter() - t0) * 1000)
                assert page.status_code == 200
                t0 = time.perf_counter()
                csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
                saved = http.post(
                    f"{base}/{position}",
                    data={"tone_a": "4", "accuracy_a": "4", "send_a": "yes", "csrf": csrf},
                )
                posts.append((time.perf_counter() - t0) * 1000)
                assert saved.status_code == 303
    finally:
        server.terminate()
        server.wait(10)
    return {
        "stored_replies": count,
        "items_per_grader": count,
        "page_p50_ms": percentile(views, 50),
        "page_p95_ms": percentile(views, 95),
        "page_max_ms": max(views),
        "grade_post_p50_ms": percentile(posts, 50),
        "grade_post_p95_ms": percentile(posts, 95),
        "samples": samples,
        "page_mean_ms": statistics.fmean(views),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=500)
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()  # --tickets 0 measures the grading page only
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        replay = replay_speed(work, args.tickets) if args.tickets else {}
        print("replay:", replay, flush=True)
        grading = grading_speed(work, args.replies, args.samples)
        print("grading:", grading, flush=True)
    if not replay:
        return  # --tickets 0: a partial run does not replace the recorded figures
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "replay_grading.json").write_text(
        json.dumps({"replay": replay, "grading": grading}, indent=2)
    )
    md = [
        "# Replay and grading speed",
        "",
        f"Machine: {os.cpu_count()} cores. Command: `python benchmarks/replay_grading.py`.",
        "",
        "| what | result | target |",
        "|---|---|---|",
        f"| replay {replay['tickets']} tickets (demo KB retrieval + template + fake engine 50 ms + "
        f"40 × 10 ms), concurrency 32 | **{replay['wall_s']:.1f} s** ({replay['replies_done']} "
        f"done, {replay['with_sources']} with sources) | < 60 s |",
        f"| grading page, {grading['stored_replies']:,} stored replies, "
        f"{grading['samples']} random items | **p50 {grading['page_p50_ms']:.1f} ms, "
        f"p95 {grading['page_p95_ms']:.1f} ms** "
        f"(max {grading['page_max_ms']:.1f}) | < 50 ms |",
        f"| saving a grade (POST → 303) | p50 {grading['grade_post_p50_ms']:.1f} ms, p95 "
        f"{grading['grade_post_p95_ms']:.1f} ms | — |",
    ]
    (RESULTS / "replay_grading.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
