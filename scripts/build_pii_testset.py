"""Turn the hand-written PII tickets (tests/data/guard/pii/tickets_{de,nl,en}.txt, inline
[[TYPE:value]] marks, blocks headed '=== dev' or '=== heldout') into dev.jsonl and heldout.jsonl
({"text", "spans": [{"start", "end", "type"}], "lang", "id"}).

    python scripts/build_pii_testset.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DIR = Path(__file__).resolve().parent.parent / "tests/data/guard/pii"
MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]", re.DOTALL)


def convert(block: str) -> tuple[str, list[dict[str, object]]]:
    text, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(block):
        text.append(block[pos : m.start()])
        length += m.start() - pos
        spans.append({"start": length, "end": length + len(m.group(2)), "type": m.group(1)})
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(block[pos:])
    return "".join(text), spans


def main() -> None:
    out: dict[str, list[str]] = {"dev": [], "heldout": []}
    for lang in ("en", "de", "nl"):
        source = (DIR / f"tickets_{lang}.txt").read_text("utf-8")
        for n, chunk in enumerate(re.split(r"^=== ", source, flags=re.M)[1:]):
            split, _, block = chunk.partition("\n")
            text, spans = convert(block.strip("\n"))
            record = {"id": f"{lang}-{n:03d}", "lang": lang, "text": text, "spans": spans}
            out[split.strip()].append(json.dumps(record, ensure_ascii=False))
    for split, lines in out.items():
        (DIR / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{split}: {len(lines)} tickets")


if __name__ == "__main__":
    main()
