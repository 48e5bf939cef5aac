"""What the claims judge (claims_judge.py) reads of one reply and its conversation.

Numbers only, no words: how sure the sentence scorer is that the reply's sentences claim a deed,
and for the two most claim-like sentences whether their numbers, ids, amounts and word stems
appear in a successful state-changing call, only in a look-up, a failed call or the customer's
own words, or nowhere; whether they speak in the first person, negate, hedge or ask; how many
claims the rules found and whether a successful call of a granting action backs each. A model
over these (trained across ~35 independently written sets, scripts/train_claims_judge.py) does
not learn any set's phrasing, only how backing and its absence look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from supportllm.guard.call_pairs import AnsweredCall, answered_calls, parsed_arguments
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_judge_values import VALUE_FEATURES, value_features
from supportllm.guard.claims_learned import LearnedDetector, substantial
from supportllm.guard.claims_lexicon import ACTION_GRANTS
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.claims_values import call_values
from supportllm.guard.ledger import extract_objects, lookups, tool_calls
from supportllm.guard.tool_results import tool_result_ok

__all__ = ["FEATURES", "JudgeInput", "reply_features", "sentence_scores", "sentences_of"]

_NUM: Final = re.compile(r"\d+(?:[.,:]\d+)*")
# PII placeholders ("<EMAIL_1>", claims are checked on redacted text) carry no values
_PLACEHOLDER: Final = re.compile(r"<[A-Z][A-Z_]*_\d+>")
_WORD: Final = re.compile(r"[^\W\d_]{3,}")
# "3,20" / "1.840,50" / "2.5": a decimal part of one or two digits after the last separator
_DECIMAL: Final = re.compile(r"(\d+(?:[.,]\d{3})*)[.,](\d{1,2})")
_AFTERNOON: Final = re.compile(r"\s?(?:pm\b|p\.m\.)", re.IGNORECASE)
_CLOCK_WORD: Final = re.compile(r"\s?(?:uur|uhr|h|u)\b", re.IGNORECASE)
_HOUR: Final = re.compile(r"(0?[1-9]|1[01])(?:[:.](\d\d))?")
_SPELLED: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_FIRST: Final = re.compile(
    r"\b(?:i|i've|i'm|we|we've|ich|wir|hab|habe|haben|ik|wij|heb|hebben)\b", re.IGNORECASE
)
_NEG: Final = re.compile(
    r"\b(?:not|n't|no|never|nicht|kein\w*|nie|niet|geen|nooit|unable|couldn't|konnte|kon)\b",
    re.IGNORECASE,
)
_MODAL: Final = re.compile(
    r"\b(?:will|can|could|would|shall|should|may|might|once|if|when|as soon|werde|wird|kann|"
    r"können|könnte|sobald|wenn|falls|zal|kan|kunnen|zodra|als|wil|willst|wollen|want)\b",
    re.IGNORECASE,
)
_PAST: Final = re.compile(
    r"\b(?:have|has|had|been|was|were|is now|are now|habe|hat|haben|wurde|wurden|ist|sind|heb|"
    r"heeft|hebben|is|zijn|werd|werden)\b",
    re.IGNORECASE,
)
_QUESTION: Final = re.compile(r"\?\s*$")
# A tool that reads rather than changes: get_order, lookupBooking, zoek_klant, status.check
_LOOKUP: Final = re.compile(
    r"^(?:get|fetch|lookup|look_up|find|search|check|list|read|show|view|query|status|track|"
    r"retrieve|abrufen|suchen|zoek|opvragen|bekijk|info)",
    re.IGNORECASE,
)
_SENTENCE_PARTS: Final = (
    "s", "nums", "num_ok", "num_look", "num_fail", "num_user", "num_none", "num_notok", "st_ok",
    "st_fail", "st_user", "first", "neg", "modal", "past", "q", "len",
)  # fmt: skip
FEATURES: Final = (
    "n_sent", "n_ok_state", "n_ok_look", "n_failed", "n_calls", "max_s", "s2", "n_s50", "n_s80",
    *(f"t1_{p}" for p in _SENTENCE_PARTS), *(f"t2_{p}" for p in _SENTENCE_PARTS),
    "hi_num_notok", "hi_num_fail", "lang_en", "lang_de", "lang_nl", "r_claims", "r_vetoed",
    "c_unmatched", "c_matched", "c_obj_notok", "c_obj_fail", "n_ok_act", "n_fail_act",
    "hi_obj_notok", "hi_obj_fail", "hi_obj_look", "unseen_claim", *VALUE_FEATURES,
)  # fmt: skip


@dataclass(frozen=True)
class JudgeInput:
    """One reply as the judge sees it: the reply's sentences with the scorer's probabilities,
    the claims the rules found (and the ones the scorer vetoed), and the conversation."""

    reply: str
    messages: list[dict[str, Any]]
    lang: str | None
    sentences: list[str]
    scores: list[float]
    claims: list[Claim]
    vetoed: list[Claim]
    asked: str
    tool_actions: dict[str, str]


def _numbers(text: str) -> set[str]:
    """The numbers of a text in comparable forms: digits without separators ("48.812" and
    48812, "14:30" and 1430 alike), the whole part, a decimal without trailing zeros ("3,20 €"
    and ``3.2``, "1.840,50" and ``1840.5`` alike; a clock time written with a dot, "14.30
    uur", is 14 and 1430), and an afternoon hour on the 24-hour clock ("2 pm" and
    "2:30 pm" as 14 / 1400 and 1430, like "14:00" and "14:30")."""
    out: set[str] = set()
    plain = _PLACEHOLDER.sub(" ", text)
    for m in _NUM.finditer(plain):
        raw = m.group(0)
        joined = re.sub(r"[.,:]", "", raw).lstrip("0") or "0"
        hour = _HOUR.fullmatch(raw)
        if hour and _AFTERNOON.match(plain, m.end()):
            late = int(hour.group(1)) + 12
            out |= {str(late), f"{late}{hour.group(2) or '00'}"}
        elif decimal := _DECIMAL.fullmatch(raw):
            head = re.sub(r"[.,]", "", decimal.group(1)).lstrip("0") or "0"
            tail = decimal.group(2).rstrip("0")
            if _CLOCK_WORD.match(plain, m.end()):  # "om 14.30 uur": a time, not 14.3
                out |= {head, joined}
            else:
                out |= {head, f"{head}.{tail}" if tail else head}
        else:
            out.add(joined)
            if whole := re.split(r"[.,:]", raw)[0].lstrip("0"):
                out.add(whole)
    return out


def _stems(text: str) -> set[str]:
    """Five-letter stems, umlauts spelled out as tool names write them ("prüfort" and
    ``pruefort_aendern`` alike)."""
    return {w.lower().translate(_SPELLED)[:5] for w in set(_WORD.findall(text))}


def _raw_calls(messages: list[dict[str, Any]]) -> list[tuple[AnsweredCall, bool]]:
    """Every answered tool call, and whether it succeeded."""
    out: list[tuple[AnsweredCall, bool]] = []
    for call in answered_calls(messages):
        args = call.arguments
        off = isinstance(args, dict) and any(v is False for v in args.values())
        out.append((call, tool_result_ok(call.content, call.name, switched_off=off)))
    return out


def _sentence_part(
    sentence: str, score: float, known: dict[str, set[str]], stems: dict[str, set[str]]
) -> list[float]:
    n, st = _numbers(sentence), _stems(sentence)
    ok, look, fail, user = known["ok"], known["look"], known["fail"], known["user"]
    return [
        score, len(n), len(n & ok), len(n & (look - ok)), len(n & (fail - ok)),
        len(n & (user - ok)), len(n - ok - look - fail - user), len(n - ok),
        len(st & stems["ok"]), len(st & (stems["fail"] - stems["ok"])), len(st & stems["user"]),
        float(bool(_FIRST.search(sentence))), float(bool(_NEG.search(sentence))),
        float(bool(_MODAL.search(sentence))), float(bool(_PAST.search(sentence))),
        float(bool(_QUESTION.search(sentence))), len(sentence.split()),
    ]  # fmt: skip


def reply_features(item: JudgeInput) -> list[float]:
    """The values of FEATURES, in that order."""
    users = " ".join(
        str(m.get("content") or "")
        for m in item.messages
        if isinstance(m, dict) and m.get("role") == "user"
    )
    raw = _raw_calls(item.messages)
    ok_state = [c for c, ok in raw if ok and not _is_lookup(c.name)]
    ok_look = [c for c, ok in raw if ok and _is_lookup(c.name)]
    failed = [c for c, ok in raw if not ok]

    def text(calls: list[AnsweredCall]) -> str:
        return " ".join(f"{c.name} {c.raw_arguments} {c.text}" for c in calls)

    ok_text, fail_text = text(ok_state), text(failed)
    known = {
        "ok": _numbers(ok_text), "look": _numbers(text(ok_look)), "fail": _numbers(fail_text),
        "user": _numbers(users),
    }  # fmt: skip
    stems = {
        "ok": _stems(ok_text.replace("_", " ")),
        "fail": _stems(fail_text.replace("_", " ")),
        "user": _stems(users),
    }
    sentences, scores = item.sentences, item.scores or [0.0]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    top = order[0] if sentences else None
    second = order[1] if len(order) > 1 else None
    out: list[float] = [
        len(sentences), len(ok_state), len(ok_look), len(failed), len(raw),
        scores[order[0]] if sentences else 0.0, scores[second] if second is not None else 0.0,
        sum(s >= 0.5 for s in scores), sum(s >= 0.8 for s in scores),
    ]  # fmt: skip
    for index in (top, second):
        sentence = sentences[index] if index is not None else ""
        score = scores[index] if index is not None else 0.0
        out += _sentence_part(sentence, score, known, stems)
    high = [s for s, score in zip(sentences, scores, strict=False) if score >= 0.5]
    out += [
        sum(len(_numbers(s) - known["ok"]) for s in high),
        sum(len(_numbers(s) & (known["fail"] - known["ok"])) for s in high),
        float(item.lang == "en"), float(item.lang == "de"), float(item.lang == "nl"),
        len(item.claims), len(item.vetoed),
    ]  # fmt: skip
    out += _backing(item, high)
    out.append(float(not item.claims and bool(sentences) and scores[order[0]] >= 0.5))
    changes = [(c.name, call_values(c.arguments, parsed_arguments(c.text))) for c in ok_state]
    out += value_features(item.messages, sentences, item.scores, item.asked, changes)
    return out


def _is_lookup(name: str) -> bool:
    return bool(_LOOKUP.search(name.split(".")[-1]))


def _backing(item: JudgeInput, high: list[str]) -> list[float]:
    calls = tool_calls(item.messages, item.tool_actions)
    done = [c for c in calls if c.ok]
    failed = [c for c in calls if not c.ok]
    done_objects = {o for c in done for o in c.objects}
    failed_objects = {o for c in failed for o in c.objects}
    looked: set[str] = set()
    for _, result, _ in lookups(item.messages, item.tool_actions):
        looked |= set(extract_objects(result))
    unmatched = matched = not_done = in_failed = 0
    for claim in [*item.claims, *item.vetoed]:
        grants = ACTION_GRANTS.get(claim.action, (claim.action,))
        if any(c.action in grants for c in done):
            matched += 1
        else:
            unmatched += 1
        not_done += sum(1 for o in claim.objects if o not in done_objects)
        in_failed += sum(1 for o in claim.objects if o in failed_objects and o not in done_objects)
    high_not_done = high_failed = high_looked = 0
    for sentence in high:
        objects = set(extract_objects(sentence))
        high_not_done += len(objects - done_objects)
        high_failed += len(objects & (failed_objects - done_objects))
        high_looked += len(objects & (looked - done_objects))
    return [
        unmatched, matched, not_done, in_failed, len(done), len(failed),
        high_not_done, high_failed, high_looked,
    ]  # fmt: skip


def sentences_of(reply: str) -> list[str]:
    """The reply's distinct non-empty sentences, as the judge reads them (a sentence said
    twice claims no more than once)."""
    return list(
        dict.fromkeys(s for s in (reply[a:b].strip() for a, b in split_sentences(reply)) if s)
    )


def sentence_scores(detector: LearnedDetector, sentences: list[str]) -> list[float]:
    """The scorer's probabilities; 0 for a sentence of one short word (a lone "I" of a cut-off
    reply scores 0.99 on its own: the rules read such a sentence with the request)."""
    return [detector.score(s) if substantial(s) else 0.0 for s in sentences]
