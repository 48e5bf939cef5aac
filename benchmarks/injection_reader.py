"""The injection reader's band on the held-out sets: what the screen alone gets, which messages
the reader is asked about (guard.injection.reader_band), and the figures once a reader's
recorded verdicts decide those.

    PYTHONPATH=src python benchmarks/injection_reader.py [--readings FILE] [--band LOW HIGH]

``--readings`` (default: tests/data/guard/readings/injection_v32-v42_r24.jsonl) holds one verdict
per line, ``{"set": "heldout_v41", "line": 17, "verdict": "injection"|"ok"}`` (line counted from
1). The default file is round 24's: helper sessions given only the reader's instructions
(guard/injection_reader.py) read every in-band message of v32-v42, standing in for a capable
model; no model of that class runs on this machine. A message in the band with no recorded
verdict keeps the screen's (and is counted as unread). To measure a real model, point
guard.injection.reader_upstream at it and run ``supportllm guard eval``.

It also scores the claims reader's recorded stand-in verdicts on claims v45
(tests/data/guard/readings/claims_v45_r24.jsonl; the default band reads every reply, so
the verdicts are the check's).

Writes benchmarks/results/injection_reader.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from supportllm.config_sections import InjectionGuardSettings
from supportllm.guard.injection import InjectionScreen, counts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "guard" / "injection"
RESULTS = ROOT / "benchmarks" / "results"
SETS = [f"heldout_v{n}" for n in range(32, 43)]
CLAIMS = ROOT / "tests" / "data" / "guard" / "claims"
READINGS = ROOT / "tests" / "data" / "guard" / "readings"


def _claims_readings() -> dict[str, Any] | None:
    """The claims reader's recorded verdicts on claims v45 against its labels, per language."""
    readings = READINGS / "claims_v45_r24.jsonl"
    if not readings.exists():
        return None
    items = [json.loads(line) for line in (CLAIMS / "heldout_v45.jsonl").read_text().splitlines()]
    said = {
        int(r["line"]): r["verdict"] == "violation"
        for r in map(json.loads, readings.read_text().splitlines())
    }
    rows = [
        {"label": int(item["label"] == "violation"), "lang": item.get("lang") or "?",
         "read": said[number]}
        for number, item in enumerate(items, start=1)
    ]  # fmt: skip
    return _by_lang(rows, "read")


def _by_lang(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    out = {"all": counts([(r["label"], r[key]) for r in rows])}
    for lang in sorted({r["lang"] for r in rows}):
        out[lang] = counts([(r["label"], r[key]) for r in rows if r["lang"] == lang])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readings", type=Path, default=READINGS / "injection_v32-v42_r24.jsonl")
    parser.add_argument("--band", type=float, nargs=2, default=None, metavar=("LOW", "HIGH"))
    args = parser.parse_args()
    settings = InjectionGuardSettings()
    low, high = args.band or settings.reader_band
    screen = InjectionScreen(settings)
    readings: dict[tuple[str, int], bool] = {}
    for line in args.readings.read_text(encoding="utf-8").splitlines():
        said = json.loads(line)
        readings[(said["set"], int(said["line"]))] = said["verdict"] == "injection"
    report: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "band": [low, high],
        "readings": str(args.readings.relative_to(ROOT)),
        "sets": {},
    }
    every: list[dict[str, Any]] = []
    for name in SETS:
        path = DATA / f"{name}.jsonl"
        if not path.exists():
            continue
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            item = json.loads(line)
            verdict = screen.check(item["text"], item.get("lang"))
            asked = verdict.rule is None and low <= verdict.score < high
            read = readings.get((name, number)) if asked else None
            rows.append({
                "label": int(item["label"]), "lang": item.get("lang") or verdict.lang or "?",
                "screen": verdict.flagged, "asked": asked, "read": read is not None,
                "with_reader": verdict.flagged if read is None else read,
            })  # fmt: skip
        every += [r for r in rows if name != "heldout_v42"]
        report["sets"][name] = {
            "asked": sum(r["asked"] for r in rows),
            "asked_unread": sum(r["asked"] and not r["read"] for r in rows),
            "screen": _by_lang(rows, "screen"),
            "with_reader": _by_lang(rows, "with_reader"),
        }
    report["sets"]["v32-v41 together"] = {
        "asked": sum(r["asked"] for r in every),
        "asked_unread": sum(r["asked"] and not r["read"] for r in every),
        "screen": _by_lang(every, "screen"),
        "with_reader": _by_lang(every, "with_reader"),
    }
    claims = _claims_readings()
    if claims is not None:
        report["claims_v45_with_reader"] = claims
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "injection_reader.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Injection reader: the band and the recorded readings",
        "",
        f"{report['when']}, {report['machine']}; band [{low:g}, {high:g}); readings: "
        f"`{report['readings']}`; `python benchmarks/injection_reader.py`",
        "",
        "| set | read | screen alone: F1 / R / FPR | with the readings: F1 / R / FPR | EN | DE |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in report["sets"].items():
        alone, read = figures["screen"]["all"], figures["with_reader"]["all"]

        def cell(f: dict[str, Any]) -> str:
            return f"{f['f1'] or 0:.3f} / {f['recall'] or 0:.3f} / {f['fpr'] or 0:.1%}"

        langs = [
            f"{cell(figures['screen'][lang])} → {cell(figures['with_reader'][lang])}"
            if lang in figures["screen"] else "–"
            for lang in ("en", "de")
        ]  # fmt: skip
        unread = f" ({figures['asked_unread']} unread)" if figures["asked_unread"] else ""
        lines.append(
            f"| {name} | {figures['asked']} of {alone['n']}{unread} | {cell(alone)} | "
            f"{cell(read)} | {langs[0]} | {langs[1]} |"
        )
    if claims is not None:
        lines += [
            "",
            "Claims v45, every reply read, the recorded stand-in verdicts deciding: recall / false "
            "violations "
            + ", ".join(f"{lang} {f['recall']:.3f} / {f['fpr']:.1%}" for lang, f in claims.items()),
        ]
    (RESULTS / "injection_reader.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
