"""Turn the shared StackFAQ set into a KB export and labelled queries (the project's formats).

One article per thread (question + its answers); every non-placeholder paraphrase ("rephr") is a
labelled query whose relevant document is its thread. Written to a folder of the caller's; the
shared data itself is never copied into the repository.

    python benchmarks/stackfaq.py ../shared/data/stackfaq runs/stackfaq
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import orjson


def _as_list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if isinstance(item, str) and item.strip()]


def convert(folder: Path, out_dir: Path) -> tuple[Path, Path]:
    data = orjson.loads((folder / "stackExchange-FAQ.json").read_bytes())
    pairs = data["root"]["qapair"]
    out_dir.mkdir(parents=True, exist_ok=True)
    docs_file, queries_file = out_dir / "stackfaq-docs.jsonl", out_dir / "stackfaq-queries.jsonl"
    with docs_file.open("wb") as docs, queries_file.open("wb") as queries:
        for number, pair in enumerate(pairs, start=1):
            doc_id = f"stackfaq-{number:03d}"
            question = " ".join(_as_list(pair.get("question")))
            answers = _as_list(pair.get("answer"))
            text = "\n\n".join([question, *(f"Answer: {a}" for a in answers)])
            record = {"id": doc_id, "title": question[:120], "text": text, "lang": "en"}
            docs.write(orjson.dumps(record) + b"\n")
            for query in _as_list(pair.get("rephr")):
                if query != "*":
                    labelled = {"query": query, "relevant": [doc_id], "lang": "en"}
                    queries.write(orjson.dumps(labelled) + b"\n")
    return docs_file, queries_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="../shared/data/stackfaq")
    parser.add_argument("out", type=Path, help="folder for the two JSONL files")
    args = parser.parse_args()
    for path in convert(args.folder, args.out):
        print(path)


if __name__ == "__main__":
    main()
