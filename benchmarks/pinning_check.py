"""What a pin check costs at engine start: a full SHA-256 of the model vs the fast (stat) check.

Writes a model folder of random bytes (default 1 GiB in two shards plus config files), pins it,
then times ``check`` in 'full' mode (every byte hashed, 1 MiB reads, file in the page cache)
and in 'fast' mode (size, mtime, ctime, inode compared; nothing hashed).

    python benchmarks/pinning_check.py [--mib 1024] [--repeat 3]

Writes benchmarks/results/pinning_check.{json,md}. A cold disk adds its read time to 'full'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from supportllm.engines.pinning import PinPolicy, check, pin

RESULTS = Path(__file__).parent / "results"


def _model(folder: Path, mib: int) -> None:
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "tokenizer.json").write_text("{}")
    block = os.urandom(1024 * 1024)
    for shard in (1, 2):
        with (folder / f"model-0000{shard}-of-00002.safetensors").open("wb") as out:
            for _ in range(mib // 2):
                out.write(block)


def _timed(spec: str, policy: PinPolicy, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        check(spec, None, policy)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, pins = Path(tmp) / "model", Path(tmp) / "pins"
        _model(folder, args.mib)
        started = time.perf_counter()
        pin(str(folder), pins, models_dir=Path(tmp))
        pin_s = time.perf_counter() - started
        full_s = _timed(str(folder), PinPolicy(pins, "full"), args.repeat)
        fast_s = _timed(str(folder), PinPolicy(pins, "fast"), args.repeat)
    result = {
        "model_mib": args.mib,
        "pin_s": round(pin_s, 3),
        "full_check_s": round(full_s, 3),
        "full_check_mib_per_s": round(args.mib / full_s, 1),
        "fast_check_ms": round(fast_s * 1000, 2),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pinning_check.json").write_text(json.dumps(result, indent=2) + "\n")
    table = (
        "# Pin check at engine start\n\n"
        f"Model folder of {args.mib} MiB (two safetensors shards + two JSON files), page cache "
        f"warm, best of {args.repeat}; `python benchmarks/pinning_check.py --mib {args.mib}`.\n\n"
        "| step | time | throughput |\n|---|---|---|\n"
        f"| `models pin` (hash everything) | {pin_s:.2f} s | {args.mib / pin_s:.0f} MiB/s |\n"
        f'| check, `pin_check = "full"` | {full_s:.2f} s | {args.mib / full_s:.0f} MiB/s |\n'
        f'| check, `pin_check = "fast"` | {fast_s * 1000:.1f} ms | (nothing hashed) |\n'
    )
    (RESULTS / "pinning_check.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
