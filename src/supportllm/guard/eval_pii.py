"""Measure PII detection on labelled files: our JSONL ({"text", "spans": [{"start", "end",
"type"}], "lang"?}) and Presidio-research's synthetic format ({"full_text", "spans":
[{"entity_type", "start_position", "end_position"}]}), its type names mapped to ours.

Matching (span level, overlap based):
- a gold span counts as found when a predicted span of a compatible type shares at least one
  character with it (ADDRESS and POSTCODE are compatible: a postcode is part of an address);
- a predicted span is correct when it shares a character with a gold span of a compatible
  type; one that only touches a gold span of an unscored type (Presidio's ORGANIZATION, GPE,
  DATE_TIME, ...) is ignored; any other is a false positive;
- `redaction_recall`: gold spans overlapped by any prediction (whatever its type), and
  `char_recall`: the share of gold PII characters that redaction removes;
- false-positive rate: the share of texts without any gold PII in which something was flagged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportllm.guard.pii import PIIRedactor, PIISpan

PRESIDIO_TYPES: dict[str, str | None] = {
    "PERSON": "PERSON",
    "STREET_ADDRESS": "ADDRESS",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "EMAIL_ADDRESS": "EMAIL",
    "ZIP_CODE": "POSTCODE",
    # Not PII types of ours (or not reliably personal): never scored.
    "GPE": None,
    "ORGANIZATION": None,
    "DATE_TIME": None,
    "TITLE": None,
    "AGE": None,
    "NRP": None,
    "DOMAIN_NAME": None,
    "US_SSN": None,
    "US_DRIVER_LICENSE": None,
}
# Other common spellings of our types in hand-labelled files.
ALIASES: dict[str, str] = {
    "STEUER_ID": "DE_TAX_ID",
    "STEUERID": "DE_TAX_ID",
    "NINO": "TAX_ID",
    "NATIONAL_INSURANCE_NUMBER": "TAX_ID",
    "VAT_ID": "TAX_ID",
    "VAT_NUMBER": "TAX_ID",
    "UTR": "TAX_ID",
    "STEUERNUMMER": "TAX_ID",
    "DOB": "DATE_OF_BIRTH",
    "BIRTH_DATE": "DATE_OF_BIRTH",
    "NAME": "PERSON",
    "POSTAL_CODE": "POSTCODE",
    "ZIP": "POSTCODE",
}
# A gold TAX_ID may be a Steuer-ID (ours: DE_TAX_ID) or another tax number (ours: TAX_ID).
COMPATIBLE = {
    "ADDRESS": {"ADDRESS", "POSTCODE"},
    "POSTCODE": {"ADDRESS", "POSTCODE"},
    "DE_TAX_ID": {"TAX_ID"},
    "TAX_ID": {"DE_TAX_ID"},
}
STRUCTURED = ("EMAIL", "PHONE", "IBAN", "CARD", "BSN", "IP")


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    type: str | None  # None: present in the file but not scored


@dataclass(frozen=True)
class PIIItem:
    text: str
    spans: tuple[GoldSpan, ...]
    lang: str


def is_pii_record(obj: object) -> bool:
    """Whether one parsed line (or array element) is a PII record in either format."""
    if not isinstance(obj, dict) or not isinstance(obj.get("spans"), list):
        return False
    return isinstance(obj.get("text"), str) or isinstance(obj.get("full_text"), str)


def looks_like_pii_line(line: str) -> bool:
    """Recognise the format from the first line of a file (JSONL) or a JSON array's start."""
    line = line.strip()
    if line.startswith("["):
        return '"full_text"' in line or '"spans"' in line or line == "["
    try:
        return is_pii_record(json.loads(line))
    except ValueError:
        return False


def to_item(obj: dict[str, Any]) -> PIIItem:
    if "full_text" in obj:
        spans = tuple(
            GoldSpan(
                int(s["start_position"]),
                int(s["end_position"]),
                PRESIDIO_TYPES.get(str(s["entity_type"])),
            )
            for s in obj["spans"]
        )
        return PIIItem(str(obj["full_text"]), spans, str(obj.get("lang") or "en"))
    spans = tuple(
        GoldSpan(int(s["start"]), int(s["end"]), _our_type(str(s["type"]))) for s in obj["spans"]
    )
    return PIIItem(str(obj["text"]), spans, str(obj.get("lang") or "unknown"))


def _our_type(name: str) -> str:
    """A labelled file's type in our names: Presidio's spellings (CREDIT_CARD, PHONE_NUMBER,
    EMAIL_ADDRESS, …) and common aliases (TAX_ID, DOB, …) are accepted in the project's format
    too."""
    upper = name.upper()
    return PRESIDIO_TYPES.get(upper) or ALIASES.get(upper) or upper


def presidio_split(records: list[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """Presidio's synthetic set split by sentence template: `dev` = template_id % 3 == 0 (used
    while writing the rules), `heldout` = the rest (never looked at), so that held-out texts
    come from templates the rules were not written against. Records without a template id
    count as held-out."""
    if part not in ("dev", "heldout"):
        raise ValueError(f"part must be dev or heldout, not {part!r}")

    def is_dev(r: dict[str, Any]) -> bool:
        tid = r.get("template_id")
        return isinstance(tid, int) and tid % 3 == 0

    return [r for r in records if is_dev(r) == (part == "dev")]


def load_pii_file(path: Path) -> list[dict[str, Any]]:
    """A JSONL file or one JSON array (Presidio-research ships its set as an array)."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a JSON array")
        return [d for d in data if is_pii_record(d)]
    out: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
        if not is_pii_record(obj):
            raise ValueError(f"{path}:{n}: not a PII record (needs text/full_text and spans)")
        out.append(obj)
    return out


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _compatible(pred: str, gold: str) -> bool:
    return gold == pred or gold in COMPATIBLE.get(pred, set())


class _Tally:
    def __init__(self) -> None:
        self.tp_gold = 0
        self.gold = 0
        self.tp_pred = 0
        self.pred = 0
        self.any_found = 0

    def as_dict(self) -> dict[str, Any]:
        precision = self.tp_pred / self.pred if self.pred else 1.0
        recall = self.tp_gold / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "redaction_recall": round(self.any_found / self.gold, 4) if self.gold else 1.0,
            "gold": self.gold,
            "predicted": self.pred,
        }


def score_item(
    item: PIIItem, pred: list[PIISpan], tallies: dict[tuple[str, str], _Tally]
) -> tuple[int, int, bool]:
    """Adds one text to the tallies keyed (lang, type), (lang, '*'), ('*', type), ('*', '*');
    returns (gold characters, gold characters redacted, flagged anything)."""

    def bump(lang_type: str, attr: str) -> None:
        for key in ((item.lang, lang_type), (item.lang, "*"), ("*", lang_type), ("*", "*")):
            tally = tallies.setdefault(key, _Tally())
            setattr(tally, attr, getattr(tally, attr) + 1)

    scored = [g for g in item.spans if g.type is not None]
    for g in scored:
        assert g.type is not None
        bump(g.type, "gold")
        hits = [p for p in pred if _overlap(p.start, p.end, g.start, g.end)]
        if hits:
            bump(g.type, "any_found")
        if any(_compatible(p.type, g.type) for p in hits):
            bump(g.type, "tp_gold")
    for p in pred:
        touching = [g for g in item.spans if _overlap(p.start, p.end, g.start, g.end)]
        if any(g.type is not None and _compatible(p.type, g.type) for g in touching):
            bump(p.type, "pred")
            bump(p.type, "tp_pred")
        elif any(g.type is None for g in touching) and not any(g.type for g in touching):
            continue
        else:
            bump(p.type, "pred")
    covered: set[int] = set()
    for p in pred:
        covered.update(range(p.start, p.end))
    gold_chars: set[int] = set()
    for g in scored:
        gold_chars.update(range(g.start, g.end))
    return len(gold_chars), len(gold_chars & covered), bool(pred)


def evaluate_pii(
    items: list[dict[str, Any]], redactor: PIIRedactor | None = None
) -> dict[str, Any]:
    """Precision/recall/F1 overall, per language, per type and per language x type; JSON-ready.
    `redactor` defaults to one with default settings."""
    if redactor is None:
        from supportllm.config_sections import PIIGuardSettings

        redactor = PIIRedactor(PIIGuardSettings())
    tallies: dict[tuple[str, str], _Tally] = {}
    chars: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    negatives: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for raw in items:
        item = to_item(raw)
        lang = item.lang if item.lang in ("en", "de", "nl") else None
        pred = redactor.find(item.text, lang)
        gold_chars, hit_chars, flagged = score_item(item, pred, tallies)
        for key in (item.lang, "*"):
            chars[key][0] += gold_chars
            chars[key][1] += hit_chars
            if not any(g.type for g in item.spans):
                negatives[key][0] += 1
                negatives[key][1] += int(flagged)
    overall: dict[str, Any] = {}
    by_lang: dict[str, Any] = {}
    for (lang, kind), tally in sorted(tallies.items()):
        row = tally.as_dict()
        if lang == "*" and kind == "*":
            overall = row
        elif kind == "*":
            by_lang[lang] = {"overall": row, "types": {}}
    for (lang, kind), tally in sorted(tallies.items()):
        if lang != "*" and kind != "*":
            by_lang[lang]["types"][kind] = tally.as_dict()
    by_type = {
        k: t.as_dict() for (lang, k), t in sorted(tallies.items()) if lang == "*" and k != "*"
    }
    for key, (gold, hit) in chars.items():
        target = overall if key == "*" else by_lang.get(key, {}).get("overall")
        if target is not None:
            target["char_recall"] = round(hit / gold, 4) if gold else 1.0
    for key, (n, n_flagged) in negatives.items():
        target = overall if key == "*" else by_lang.get(key, {}).get("overall")
        if target is not None:
            target["negatives"] = n
            target["false_positive_rate"] = round(n_flagged / n, 4) if n else 0.0
    return {"items": len(items), "overall": overall, "by_type": by_type, "by_language": by_lang}
