"""What the benchmark sends: support-shaped prompts from real text, replayed tickets, random words.

``support`` (the default) is shaped like the seeds' traffic: a system prompt, k knowledge-base
passages and a customer ticket, with input and output lengths drawn from distributions. A share
of each prompt is a prefix common to every request (the system prompt and standing guidance), so
an engine's prefix cache helps exactly as much as it would in production, no more.

Lengths are targets in the *server's* tokens: a word-to-token estimate, calibrated against the
server's own ``usage`` by a probe before the run, turns them into words. The achieved lengths are
measured and reported, never assumed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from supportllm.bench.lengths import LengthDist
from supportllm.errors import InvalidInputError
from supportllm.tickets import Ticket, read_tickets

WorkloadKind = Literal["support", "replay", "random"]

SYSTEM_PROMPT = (
    "You are the customer-support assistant of our help desk. Answer the customer's message "
    "politely, precisely and briefly, using only the knowledge-base passages below. If they do "
    "not answer the question, say so and offer to hand the ticket to a human agent. Never "
    "promise refunds, credits or account changes yourself. Reply in the customer's language."
)
_PASSAGE_WORDS = 120
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class TokenEstimate:
    """tokens ≈ per_word × words + overhead (the chat template's own tokens per request)."""

    per_word: float = 1.35
    overhead: float = 0.0

    def tokens(self, words: int) -> int:
        return round(self.per_word * words + self.overhead)

    def words_for(self, tokens: float) -> int:
        return max(1, round((tokens - self.overhead) / self.per_word))


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    lang: str | None


@dataclass
class Corpus:
    """Real text to build prompts from: knowledge-base passages and customer tickets."""

    passages: list[Passage]
    tickets: list[Ticket]
    sources: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Prompt:
    """One request's content, before it is turned into an HTTP body."""

    system: str
    user: str
    output_tokens: int
    target_input_tokens: int | None
    lang: str | None = None

    @property
    def words(self) -> int:
        return len(self.system.split()) + len(self.user.split())


@dataclass(frozen=True)
class WorkloadSpec:
    kind: WorkloadKind = "support"
    input_tokens: LengthDist = field(default_factory=lambda: LengthDist("uniform", 200, 800))
    output_tokens: LengthDist = field(default_factory=lambda: LengthDist("uniform", 80, 300))
    prefix_share: float = 0.25
    passages: int = 4
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.prefix_share <= 0.9:
            raise ValueError("the common-prefix share must be between 0 and 0.9")
        if self.passages < 0:
            raise ValueError("the number of passages must be >= 0")

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "input_tokens": self.input_tokens.describe() if self.kind != "replay" else "tickets",
            "output_tokens": self.output_tokens.describe(),
            "prefix_share": self.prefix_share if self.kind != "replay" else None,
            "passages": self.passages if self.kind == "support" else None,
            "seed": self.seed,
        }


# Reading real text ------------------------------------------------------------------------------


def _passages(doc_id: str, text: str, lang: str | None) -> list[Passage]:
    """Paragraphs grouped into passages of about _PASSAGE_WORDS words."""
    out: list[Passage] = []
    current: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        words = paragraph.split()
        if not words:
            continue
        if current and len(current) + len(words) > _PASSAGE_WORDS:
            out.append(Passage(f"{doc_id}#{len(out) + 1}", " ".join(current), lang))
            current = []
        current.extend(words[: _PASSAGE_WORDS * 3])
    if current:
        out.append(Passage(f"{doc_id}#{len(out) + 1}", " ".join(current), lang))
    return out


def _as_list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if isinstance(item, str) and item.strip()]


def _stackfaq(path: Path) -> Corpus:
    """The StackFAQ collection: one article per thread, its paraphrased queries as tickets."""
    try:
        pairs = orjson.loads(path.read_bytes())["root"]["qapair"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError) as error:
        raise InvalidInputError(f"{path} is not a StackFAQ file ({error})") from None
    passages: list[Passage] = []
    tickets: list[Ticket] = []
    for number, pair in enumerate(pairs, start=1):
        doc_id = f"stackfaq-{number:03d}"
        question = " ".join(_as_list(pair.get("question")))
        answers = "\n\n".join(_as_list(pair.get("answer")))
        passages += _passages(doc_id, f"{question}\n\n{answers}", "en")
        for query in _as_list(pair.get("rephr")):
            if query != "*":
                ident = f"{doc_id}-q{len(tickets)}"
                tickets.append(Ticket(ident, query, lang="en", relevant=(doc_id,)))
    return Corpus(passages, tickets, [str(path)])


def _stackfaq_file(path: Path) -> Path | None:
    if path.is_file() and path.suffix == ".json":
        return path
    candidate = path / "stackExchange-FAQ.json"
    return candidate if candidate.is_file() else None


def load_corpus(paths: Sequence[Path], tickets: Path | None = None) -> Corpus:
    """Passages and tickets from KB folders/files (anything ``kb ingest`` reads) and StackFAQ.

    With no paths, the demo help centre and its labelled queries (en/de/nl) are used.
    """
    from supportllm.retrieval.documents import Document
    from supportllm.retrieval.loaders import load_path

    corpus = Corpus([], [])
    if not paths:
        from supportllm.demo import demo_kb_path, demo_queries_path

        paths = [demo_kb_path()]
        tickets = tickets or demo_queries_path()
        corpus.sources.append("demo help centre (en/de/nl)")
    for path in paths:
        stackfaq = _stackfaq_file(path)
        if stackfaq is not None:
            part = _stackfaq(stackfaq)
            corpus.passages += part.passages
            corpus.tickets += part.tickets
            corpus.sources += part.sources
            continue
        found = 0
        for item in load_path(path):
            if isinstance(item, Document):
                corpus.passages += _passages(item.id, f"{item.title}\n\n{item.text}", item.lang)
                found += 1
            else:
                corpus.problems.append(f"{item.origin}: {item.message}")
        if found == 0:
            raise InvalidInputError(f"no knowledge-base documents could be read from {path}")
        corpus.sources.append(str(path))
    if tickets is not None:
        read = read_tickets(tickets)
        corpus.tickets += read.tickets
        corpus.problems += read.problems
        corpus.sources.append(str(tickets))
    return corpus


# Building prompts -------------------------------------------------------------------------------


def _words(text: str, count: int) -> str:
    return " ".join(text.split()[: max(0, count)])


def _common_prefix(system: str, filler: Iterable[str], words: int) -> str:
    """``system`` followed by standing guidance until the prefix has ``words`` words."""
    have = len(system.split())
    if words <= have:
        return system
    parts = [system, "\n\nStanding guidance:"]
    have += 2
    for text in filler:
        if have >= words:
            break
        take = min(len(text.split()), words - have)
        parts.append("\n" + _words(text, take))
        have += take
    return "".join(parts)


def _support(
    spec: WorkloadSpec, corpus: Corpus, count: int, estimate: TokenEstimate
) -> list[Prompt]:
    if not corpus.passages or not corpus.tickets:
        raise InvalidInputError(
            "the support workload needs knowledge-base text and tickets; give --corpus with "
            "documents and --tickets (or a StackFAQ file, which has both)"
        )
    rng = random.Random(spec.seed)
    by_id = {p.id.split("#", 1)[0]: p for p in reversed(corpus.passages)}
    by_lang: dict[str | None, list[Passage]] = defaultdict(list)
    for passage in corpus.passages:
        by_lang[passage.lang].append(passage)
    sample = random.Random(spec.seed + 1).sample(corpus.passages, k=min(50, len(corpus.passages)))
    guidance = [p.text for p in sample]
    prefix = _common_prefix(
        SYSTEM_PROMPT, guidance, estimate.words_for(spec.prefix_share * spec.input_tokens.mean)
    )
    prefix_words = len(prefix.split())
    prompts: list[Prompt] = []
    for _ in range(count):
        target = spec.input_tokens.sample(rng)
        ticket = rng.choice(corpus.tickets)
        budget = estimate.words_for(target) - prefix_words - len(ticket.text.split())
        pool = by_lang.get(ticket.lang) or corpus.passages
        chosen = [by_id[r] for r in ticket.relevant if r in by_id]
        chosen += rng.sample(pool, k=min(len(pool), spec.passages + 2))
        parts: list[str] = []
        seen: set[str] = set()
        for passage in chosen:
            if len(seen) >= spec.passages or budget <= 3 or passage.id in seen:
                continue
            seen.add(passage.id)
            take = min(len(passage.text.split()), budget - 1)
            parts.append(f"[{passage.id}] {_words(passage.text, take)}")
            budget -= take + 1
        while budget > 3 and parts:  # short passages: extend the last with more real text
            extra = rng.choice(pool).text
            take = min(len(extra.split()), budget)
            parts[-1] += " " + _words(extra, take)
            budget -= take
        system = prefix + ("\n\nKnowledge-base passages:\n" + "\n".join(parts) if parts else "")
        out = spec.output_tokens.sample(rng)
        prompts.append(Prompt(system, ticket.text, out, target, ticket.lang))
    return prompts


def _replay(spec: WorkloadSpec, corpus: Corpus, count: int) -> list[Prompt]:
    if not corpus.tickets:
        raise InvalidInputError("the replay workload needs a tickets file: give --tickets PATH")
    rng = random.Random(spec.seed)
    order = list(corpus.tickets)
    prompts: list[Prompt] = []
    while len(prompts) < count:
        rng.shuffle(order)
        for ticket in order[: count - len(prompts)]:
            out = spec.output_tokens.sample(rng)
            prompts.append(Prompt(SYSTEM_PROMPT, ticket.text, out, None, ticket.lang))
    return prompts


def _vocabulary(corpus: Corpus) -> list[str]:
    words: set[str] = set()
    for passage in corpus.passages:
        words.update(w.lower() for w in _WORD.findall(passage.text))
    return sorted(words) or ["support", "ticket", "invoice", "account", "password", "refund"]


def _random(
    spec: WorkloadSpec, corpus: Corpus, count: int, estimate: TokenEstimate
) -> list[Prompt]:
    rng = random.Random(spec.seed)
    vocab = _vocabulary(corpus)
    prefix_words = estimate.words_for(spec.prefix_share * spec.input_tokens.mean)
    prefix = " ".join(rng.choices(vocab, k=prefix_words)) if spec.prefix_share > 0 else ""
    prompts: list[Prompt] = []
    for _ in range(count):
        target = spec.input_tokens.sample(rng)
        words = max(1, estimate.words_for(target) - (prefix_words if prefix else 0))
        text = " ".join(rng.choices(vocab, k=words))
        user = f"{prefix} {text}" if prefix else text
        prompts.append(Prompt("", user, spec.output_tokens.sample(rng), target))
    return prompts


def build_prompts(
    spec: WorkloadSpec, corpus: Corpus, count: int, estimate: TokenEstimate | None = None
) -> list[Prompt]:
    """``count`` prompts for the workload, the same for the same seed and estimate."""
    estimate = estimate or TokenEstimate()
    if spec.kind == "support":
        return _support(spec, corpus, count, estimate)
    if spec.kind == "replay":
        return _replay(spec, corpus, count)
    return _random(spec, corpus, count, estimate)
