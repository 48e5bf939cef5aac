"""The texts the injection screen is trained and measured on, split the same way everywhere.

Real benign support text comes from ``../shared/data`` (StackFAQ queries and answers, ABCD agent
guidelines and customer turns) and from the repository (the LLM-translated German/Dutch StackFAQ
sample in ``benchmarks/data/multilingual-faq``, the demo tickets, KB articles and KB queries).
StackFAQ threads split by number: even threads train, odd threads evaluate; the ABCD guidelines
by flow; the ABCD customer turns, demo tickets, demo KB and KB queries are evaluation only.
deepset/prompt-injections is split 70/30 (stratified, seeded); the 30 % is never trained on.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any, Literal

Part = Literal["train", "eval"]
Item = dict[str, Any]
SPLIT_SEED = 16
# Sources whose texts are documents (help-centre articles, forum answers, policy manuals): the
# screen judges them as knowledge-base articles and tool results, against the model's
# document threshold; every other source is a customer's message.
DOCUMENT_SOURCES = frozenset(
    {"stackfaq-answer", "multilingual-faq-doc", "abcd-guidelines", "demo-kb", "helpcentre"}
)
_HEADING_RE = re.compile(r"^#{1,3} ", re.MULTILINE)


def _item(text: str, label: int, lang: str | None, source: str, group: str = "") -> Item:
    """One text; ``group`` names the thread or flow it belongs to (rephrasings of one question
    share it), so the training script's cross-validation keeps a group in one fold."""
    item: Item = {"text": text, "label": label, "lang": lang, "source": source}
    if group:
        item["group"] = group
    return item


def read_jsonl(path: Path) -> list[Item]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def deepset_split(shared: Path, seed: int = SPLIT_SEED) -> tuple[list[Item], list[Item]]:
    """(train 70 %, held-out 30 %) of deepset/prompt-injections, stratified by label."""
    from supportllm.retrieval.language import LanguageDetector

    rows = read_jsonl(shared / "prompt-injections" / "train.jsonl")
    detector = LanguageDetector(["en", "de"])
    train: list[Item] = []
    test: list[Item] = []
    for label in (0, 1):
        group = [r for r in rows if int(r["label"]) == label]
        random.Random(seed + label).shuffle(group)
        cut = round(len(group) * 0.7)
        for i, row in enumerate(group):
            item = _item(row["text"], label, detector.detect(row["text"]), "deepset")
            (train if i < cut else test).append(item)
    return train, test


def _stackfaq(shared: Path, part: Part) -> list[Item]:
    data = json.loads((shared / "stackfaq" / "stackExchange-FAQ.json").read_text(encoding="utf-8"))
    want = 0 if part == "train" else 1
    out: list[Item] = []
    for n, pair in enumerate(data["root"]["qapair"], start=1):
        if n % 2 != want:
            continue
        out += [
            _item(q, 0, "en", "stackfaq-query", f"stackfaq-{n}")
            for q in pair["rephr"]
            if q and q.strip() != "*"
        ]
        answers = pair["answer"] if isinstance(pair["answer"], list) else [pair["answer"]]
        out += [
            _item(a, 0, "en", "stackfaq-answer", f"stackfaq-{n}")
            for a in answers
            if a and a.strip()
        ]
    return out


def _multilingual_faq(repo: Path, part: Part) -> list[Item]:
    folder = repo / "benchmarks" / "data" / "multilingual-faq"
    want = 0 if part == "train" else 1
    out: list[Item] = []
    for lang in ("de", "nl"):
        for name in ("queries-dev", "queries-heldout"):
            for row in read_jsonl(folder / f"{name}.{lang}.jsonl"):
                n = int(row["relevant"][0].split("-")[1].split(".")[0])
                if n % 2 == want:
                    out.append(_item(row["query"], 0, lang, "multilingual-faq-query", f"faq-{n}"))
        for row in read_jsonl(folder / f"docs.{lang}.jsonl"):
            n = int(row["id"].split("-")[1].split(".")[0])
            if n % 2 == want:
                out.append(_item(row["text"], 0, lang, "multilingual-faq-doc", f"faq-{n}"))
    return out


def _abcd_guidelines(shared: Path, part: Part) -> list[Item]:
    data = json.loads((shared / "abcd" / "guidelines.json").read_text(encoding="utf-8"))
    want = 0 if part == "train" else 1
    out: list[Item] = []
    for i, flow in enumerate(data.values()):
        if i % 2 != want:
            continue
        for subflow in flow["subflows"].values():
            for action in subflow["actions"]:
                text = " ".join([action["text"], *action.get("subtext", [])]).strip()
                if text:
                    out.append(_item(text, 0, "en", "abcd-guidelines", f"abcd-flow-{i}"))
    return out


def _abcd_customer_turns(shared: Path) -> list[Item]:
    convos = json.loads((shared / "abcd" / "abcd_sample.json").read_text(encoding="utf-8"))
    return [
        _item(text, 0, "en", "abcd-customer")
        for convo in convos
        for speaker, text in convo["original"]
        if speaker == "customer" and text.strip()
    ]


def _demo(repo: Path) -> list[Item]:
    demo = repo / "src" / "supportllm" / "demo"
    out = [
        _item(t["body"], 0, t["lang"], "demo-ticket") for t in read_jsonl(demo / "tickets.jsonl")
    ]
    out += [
        _item(q["query"], 0, q.get("lang"), "demo-kb-query")
        for q in read_jsonl(demo / "kb-queries.jsonl")
    ]
    for path in sorted((demo / "kb").glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for section in _HEADING_RE.split(body):
            if section.strip():
                out.append(_item(section.strip(), 0, path.parent.name, "demo-kb"))
    return out


def synthetic_texts(shared: Path, part: Part) -> list[Item]:
    """Presidio's synthetic English sentences (benign, varied: addresses, bios, card questions),
    split by template: even template ids train, odd ones evaluate. Kept apart from
    ``support_texts`` so the support figures stay comparable with earlier rounds."""
    path = shared / "pii-synthetic" / "synth_dataset_v2.first1000.json"
    want = 0 if part == "train" else 1
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        _item(r["full_text"], 0, "en", "presidio-synthetic", f"presidio-{r['template_id']}")
        for r in rows
        if int(r["template_id"]) % 2 == want and r["full_text"].strip()
    ]


def support_texts(shared: Path, repo: Path, part: Part) -> list[Item]:
    """Benign real support text (label 0): the training portion or the evaluation portion."""
    out = _stackfaq(shared, part) + _multilingual_faq(repo, part) + _abcd_guidelines(shared, part)
    if part == "eval":
        out += _abcd_customer_turns(shared) + _demo(repo)
    return out
