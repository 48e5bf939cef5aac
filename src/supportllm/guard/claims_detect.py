"""Finding action claims in a reply (claims.py checks them against the tool-call ledger).

Deterministic: sentence splitting, then participles inside completed-action frames, state
descriptions ("… is now …", "ab sofort", "vanaf nu"), money back and "on its way", routed to
actions by nearby nouns (tables: claims_lexicon.py, claims_frames.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from supportllm.guard import claims_frames as cues
from supportllm.guard import claims_lexicon as lex
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.ledger import extract_objects

__all__ = ["Claim", "ClaimDetector", "default_detector", "find_claims", "guess_language"]


@dataclass(frozen=True)
class Claim:
    """A sentence that says an action was taken."""

    action: str
    span: tuple[int, int]  # the sentence, in the reply's characters
    text: str  # the sentence
    objects: tuple[str, ...]  # "id:A1001", "amount:25.00"
    verb: str = ""  # the participle that made it a claim
    alternatives: tuple[str, ...] = field(default=())  # other actions it may stand for


# ---------------------------------------------------------------------------- detection


def _words(alternation: str) -> str:
    return rf"(?:{alternation})"


@dataclass(frozen=True)
class _Lang:
    code: str
    state: re.Pattern[str]
    participle: re.Pattern[str]
    classes: tuple[tuple[str, re.Pattern[str]], ...]
    nouns: tuple[tuple[str, re.Pattern[str]], ...]
    frames: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]
    block_before: re.Pattern[str]
    block_after: re.Pattern[str]
    not_done_after: re.Pattern[str]
    customer: re.Pattern[str]
    question: re.Pattern[str]
    clause: re.Pattern[str]
    generic: re.Pattern[str]
    base: re.Pattern[str]
    base_classes: tuple[tuple[str, re.Pattern[str]], ...]
    able: tuple[re.Pattern[str], ...]
    cause: tuple[re.Pattern[str], ...]
    bare_head: re.Pattern[str]
    bare_lead: re.Pattern[str]
    bare_after: re.Pattern[str]
    bare_end: re.Pattern[str]
    completion: re.Pattern[str]
    negated_that: re.Pattern[str]
    change_now: re.Pattern[str]
    change_from: re.Pattern[str]
    change_copula: re.Pattern[str]
    on_plan: re.Pattern[str]
    quantifier: re.Pattern[str]


def _compile(lang: str) -> _Lang:
    flags = re.IGNORECASE
    verbs = lex.VERBS[lang]
    alternation = "|".join(f"(?:{pat})" for pat in verbs.values())
    states = f"{cues.STATES[lang]}|{cues.MONEY_BACK[lang]}|{cues.UNDERWAY_STATE[lang]}"
    participle = re.compile(rf"\b(?:{alternation}|{states}|{cues.UNDERWAY[lang]})\b", flags)
    classes = tuple((cls, re.compile(rf"(?:{pat})", flags)) for cls, pat in verbs.items())
    classes += (
        ("moneyback", re.compile(cues.MONEY_BACK[lang], flags)),
        ("underway", re.compile(rf"{cues.UNDERWAY[lang]}|{cues.UNDERWAY_STATE[lang]}", flags)),
    )
    nouns = tuple(
        (cls, re.compile(rf"\b(?:{pat})\b", flags)) for cls, pat in lex.NOUNS[lang].items()
    )
    frames = tuple(
        (
            kind,
            re.compile(before, flags) if before else None,
            re.compile(after, flags) if after else None,
        )
        for kind, before, after in cues.FRAMES[lang]
    )
    base_verbs = lex.BASE_VERBS[lang]
    base_alt = "|".join(f"(?:{pat})" for pat in base_verbs.values())
    nouns_alt = "|".join(f"(?:{pat})" for pat in lex.NOUNS[lang].values())
    token = rf"(?:{cues.BARE_DETERMINERS[lang]}|{nouns_alt}|[#€$£]?[\w.,-]*\d[\w.,-]*[€$£]?)"
    return _Lang(
        code=lang,
        state=re.compile(rf"(?:{states})", flags),
        participle=participle,
        classes=classes,
        nouns=nouns,
        frames=frames,
        block_before=re.compile(rf"\b{_words(cues.BLOCK_BEFORE[lang])}(?!\w)", flags),
        block_after=re.compile(rf"(?:^|[\s,])(?:{cues.BLOCK_AFTER[lang]})\b", flags),
        not_done_after=re.compile(cues.NOT_DONE_AFTER[lang], flags),
        customer=re.compile(rf"\b(?:{cues.CUSTOMER_SUBJECT[lang]})\s*$", flags),
        question=re.compile(rf"^\W*(?:{cues.QUESTION_START[lang]})\b", flags),
        clause=re.compile(
            rf"(?<!\d),|,(?!\s?[\d-])|[;:()\[\]—–]|\s-\s|\b(?:{cues.CLAUSE_WORDS[lang]})\b", flags
        ),
        generic=re.compile(rf"\b(?:{cues.GENERIC[lang]})\b", flags),
        base=re.compile(rf"\b(?:{base_alt})\b", flags),
        base_classes=tuple(
            (cls, re.compile(rf"(?:{pat})", flags)) for cls, pat in base_verbs.items()
        ),
        able=tuple(re.compile(pat, flags) for pat in cues.ABLE_FRAMES[lang]),
        cause=tuple(re.compile(pat, flags) for pat in cues.CAUSE_FRAMES[lang]),
        bare_head=re.compile(rf"\W*(?:{token}\W*\s+){{1,4}}", flags),
        bare_lead=re.compile(rf"\W*(?:{cues.BARE_LEAD[lang]}\s+)?", flags),
        bare_after=re.compile(cues.BARE_OBJECT_AFTER[lang], flags),
        bare_end=re.compile(rf"\s*(?:[.!,;:—–]|\s-\s|$)|\s+(?:{cues.BARE_END[lang]})\b", flags),
        negated_that=re.compile(
            rf"\b(?:{cues.NEGATION[lang]})\b[^.;:!?]*\b(?:{cues.COMPLEMENTIZER[lang]})\s*$",
            flags,
        ),
        completion=re.compile(rf"\W*(?:{cues.COMPLETION[lang]})\s*(?:[.!,;:—–-]|$)", flags),
        change_now=re.compile(cues.CHANGE_NOW[lang], flags),
        change_from=re.compile(cues.CHANGE_FROM[lang], flags),
        change_copula=re.compile(cues.CHANGE_COPULA[lang], flags),
        on_plan=re.compile(cues.ON_PLAN[lang]),  # case matters: a plan's name
        quantifier=re.compile(rf"\b(?:{cues.QUANTIFIER[lang]})\b", flags),
    )


_EN_DEFINITE = re.compile(rf"\b(?:{cues.EN_DEFINITE})\b", re.IGNORECASE)
_EN_COMPLETE = re.compile(rf"(?:{cues.EN_COMPLETE})", re.IGNORECASE)
_BY_THIRD = re.compile(cues.BY_THIRD, re.IGNORECASE)
_DEFINITE_DE_NL = re.compile(
    r"\b(?:der|die|das|den|dem|Ihr\w*|de|het|uw|je|jouw|beide|alle)\b|\b[A-Z]{1,5}-?\d+",
    re.IGNORECASE,
)
_PLAN_NOUNS = frozenset({"plan", "subscription"})
# A lower-case word after "is now" is an adjective ("now empty"), unless it leads a value.
_ADJECTIVE = re.compile(
    r"\s+(?!(?:on|onto|the|a|an|your|set|at|to|in|im|auf|bei|der|die|das|ein|eine|ihr|ihre|"
    r"op|het|de|een|uw|je|bij|you|sie|du|u|jij)\b)[a-zäöüßéëï]+\b(?![@.]\w)"
)
_UPDATE = (("update", re.compile("")),)  # routes a state description like an "update" verb
_RECEIVED = frozenset({"received"})  # "you've got the money back": the customer as subject
_CHANGE_NOUNS = ("address", "password", "plan", "subscription", "account")
_STATE_CLASS = "generic"
_NOUN_MODIFIER = re.compile(rf"\s+(?:{cues.NOUN_MODIFIER_HEADS})\b", re.IGNORECASE)
_WINDOW = 300  # characters before a participle that can hold its frame and clause
# A bare "Done." after a request that names only a thing: the thing's usual action.
_NOUN_ACTIONS = (
    ("refund", "refund"),
    ("cancellation", "cancel_order"),
    ("replacement", "place_order"),
    ("address", "update_address"),
    ("password", "reset_password"),
)


def guess_language(text: str) -> str | None:
    """en/de/nl by function words; None when no language has a clear lead."""
    words = re.findall(r"[a-zäöüßéèëï]+", text.lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in cues.STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


class ClaimDetector:
    """Compiled lexicons for the three languages; cheap to share, safe across threads."""

    def __init__(self) -> None:
        self._langs = {lang: _compile(lang) for lang in lex.LANGS}

    def find(self, reply: str, lang: str | None = None, request: str | None = None) -> list[Claim]:
        """Claims in ``reply``; ``request`` (the customer's last message) gives a bare "Done!"
        the action that was asked for."""
        langs = self._choose(reply, lang)
        claims: list[Claim] = []
        spans = split_sentences(reply)
        for start, end in spans:
            sentence = reply[start:end]
            seen: set[tuple[str, tuple[str, ...]]] = set()
            for code in langs:
                tab = self._langs[code]
                found = self._sentence(sentence, start, tab) or self._change(sentence, start, tab)
                for claim in found:
                    key = (claim.action, claim.objects)
                    if key not in seen:
                        seen.add(key)
                        claims.append(claim)
        if claims or not request:
            return claims
        for start, end in spans:
            sentence = reply[start:end]
            for code in langs:
                tab = self._langs[code]
                if tab.completion.match(sentence):
                    return self._requested(request, sentence, start, tab)
        return claims

    def _labelled_done(self, sentence: str, offset: int, tab: _Lang) -> list[Claim]:
        """ "Password reset: done.", "Erstattung – erledigt": the label names the action."""
        for m in re.finditer(r"\s*[:—–]\s*|\s+-\s+", sentence):
            if m.start() > 0 and tab.completion.fullmatch(sentence, m.end()):
                head = sentence[: m.start()]
                if not tab.block_before.search(head):
                    return self._requested(head, sentence, offset, tab)
        return []

    def _change(self, sentence: str, offset: int, tab: _Lang) -> list[Claim]:
        """A state description that reports a change: "Your address is now 9 Mill Lane"."""
        if sentence.rstrip().endswith("?"):
            return []
        out = self._labelled_done(sentence, offset, tab)
        if out:
            return out
        m = tab.change_from.search(sentence) or tab.change_now.search(sentence)
        if m is None:
            return []
        if m.re is tab.change_now and _ADJECTIVE.match(sentence, m.end()):
            return []  # "your account is now empty": a description, not a new value
        lo, hi = self._clause(sentence, m.start(), m.end(), tab)
        if m.re is tab.change_from:
            # "From now on, …": the copula may sit in the next clause
            hi = len(sentence) if lo == m.start() else hi
            if not tab.change_copula.search(sentence, lo, hi):
                return []
        prefix = sentence[max(0, m.start() - _WINDOW) : m.start()]
        clause = sentence[lo:hi]
        if self._blocked(prefix, self._clause_start(prefix, tab), tab):
            return []
        if tab.block_before.search(clause) or tab.block_after.search(sentence, hi):
            return []
        if lo > 0 and tab.block_after.match(sentence):
            return []  # "Once you confirm, you're on Plus from today."
        present = {cls for cls, pat in tab.nouns if pat.search(clause)}
        action: str | None = None
        for cls in _CHANGE_NOUNS:
            if cls in present:
                action = self._route(clause, "", 0, 0, 0, len(clause), tab, _UPDATE)[0]
                break
        if action is None and tab.on_plan.search(clause) and not present - _PLAN_NOUNS:
            action = "change_plan"
        if action is None:
            return []
        objects = extract_objects(clause)
        return [Claim(action, (offset, offset + len(sentence)), sentence, objects, m.group())]

    def _requested(self, request: str, sentence: str, offset: int, tab: _Lang) -> list[Claim]:
        """The actions the customer's request asks for, as claims of a bare completion."""
        out: list[Claim] = []
        objects: tuple[str, ...] = ()  # "Done!" names no object; the request may name several
        for m in tab.base.finditer(request):
            action, alternatives = self._route(
                request, m.group(), *m.span(), 0, len(request), tab, tab.base_classes
            )
            if action is not None and all(c.action != action for c in out):
                out.append(
                    Claim(action, (offset, offset + len(sentence)), sentence, objects,
                          sentence.strip(), alternatives)
                )  # fmt: skip
        if not out:
            for noun, action in _NOUN_ACTIONS:
                if any(cls == noun and pat.search(request) for cls, pat in tab.nouns):
                    out.append(
                        Claim(action, (offset, offset + len(sentence)), sentence, objects,
                              sentence.strip())
                    )  # fmt: skip
                    break
        return out

    def quantified(self, sentence: str, lang: str | None = None) -> bool:
        """Whether a claim's sentence speaks of several objects at once ("both", "beide")."""
        return any(self._langs[c].quantifier.search(sentence) for c in self._choose(sentence, lang))

    def _choose(self, text: str, lang: str | None) -> tuple[str, ...]:
        if lang:
            code = lang.lower().split("-")[0].split("_")[0]
            if code in self._langs:
                return (code,)
        guessed = guess_language(text)
        return (guessed,) if guessed else lex.LANGS

    def _sentence(self, sentence: str, offset: int, tab: _Lang) -> list[Claim]:
        out: list[Claim] = []
        is_question = sentence.rstrip().endswith("?")
        starts_question = bool(tab.question.match(sentence))
        found_any = False
        candidates = [(m, False) for m in tab.participle.finditer(sentence)]
        candidates += [(m, True) for m in tab.base.finditer(sentence)]
        for m, base in candidates:
            s, e = m.span()
            if _NOUN_MODIFIER.match(sentence, e):
                continue  # "a password reset request", "the refund form": a noun, not a deed
            if base:
                kind = self._able(sentence, s, tab)
            else:
                kind = self._frame(sentence, s, e, tab, found_any)
            if kind is None:
                continue
            clause_start, clause_end = self._clause(sentence, s, e, tab)
            if is_question and (starts_question or not tab.clause.search(sentence, e)):
                continue
            after = sentence[e:clause_end] + self._next_clause(sentence, clause_end, tab)
            if tab.block_after.search(after):
                continue
            action, alternatives = self._route(
                sentence, m.group(), s, e, clause_start, clause_end, tab,
                tab.base_classes if base else tab.classes,
            )  # fmt: skip
            if action is None:
                continue
            found_any = True
            local = extract_objects(sentence[clause_start:clause_end])
            objects = local or extract_objects(sentence)
            out.append(
                Claim(
                    action=action,
                    span=(offset, offset + len(sentence)),
                    text=sentence,
                    objects=objects,
                    verb=m.group(),
                    alternatives=alternatives,
                )
            )
        return out

    def _frame(self, sentence: str, s: int, e: int, tab: _Lang, after_claim: bool) -> str | None:
        """The kind of completed-action frame around the participle at s:e, if any."""
        if tab.not_done_after.match(sentence, e):
            return None
        prefix = sentence[max(0, s - _WINDOW) : s]  # frames are local: bounded work per verb
        if _BY_THIRD.match(sentence, e):
            return None  # "reversed by your bank"
        if tab.state.fullmatch(sentence, s, e):
            blocked = self._blocked(prefix, self._clause_start(prefix, tab), tab)
            return None if blocked else "state"
        received = {c for c, pat in tab.classes if pat.fullmatch(sentence, s, e)} <= _RECEIVED
        for kind, before, after in tab.frames:
            if kind == "coord" and not after_claim:
                continue
            if after is not None:
                if not after.match(sentence, e):
                    continue
                anchor = self._clause_start(prefix, tab)
            else:
                assert before is not None
                bm = before.search(prefix)
                if bm is None:
                    continue
                anchor = bm.start()
                if kind == "active" and tab.customer.search(prefix[:anchor]) and not received:
                    continue
            if self._blocked(prefix, anchor, tab):
                continue
            if kind == "present":
                # (from the clause word on: "That subscription is gone")
                clause = prefix[max(0, self._clause_start(prefix, tab) - 5) :] + sentence[s:e]
                if self._generic(sentence, s, e, clause, tab):
                    continue
                if (
                    tab.code == "en"
                    and not _EN_DEFINITE.search(clause)
                    and not _EN_COMPLETE.fullmatch(sentence, s, e)
                ):
                    continue
            return kind
        return self._other_frame(sentence, prefix, s, e, tab)

    def _generic(self, sentence: str, s: int, e: int, clause: str, tab: _Lang) -> bool:
        """A general rule ("refunds are processed within 5 days"), not a report: a cue in the
        verb's own clause, or elsewhere in the sentence when its subject is not definite."""
        lo, hi = self._clause(sentence, s, e, tab)
        if tab.generic.search(sentence, lo, hi):
            return True
        if not tab.generic.search(sentence):
            return False
        definite = _EN_DEFINITE if tab.code == "en" else _DEFINITE_DE_NL
        return not definite.search(clause)

    def _blocked(self, prefix: str, anchor: int, tab: _Lang) -> bool:
        """Negation, modal, conditional … between the frame's start and the verb, or in the
        clause before the frame."""
        if tab.block_before.search(prefix[anchor:]):
            return True
        start = self._clause_start(prefix[:anchor], tab)
        if tab.block_before.search(prefix[start:anchor]):
            return True
        # "there's no record that …", "ich sehe nicht, dass …": the main clause denies it
        return bool(tab.negated_that.search(prefix[:start]))

    def _able(self, sentence: str, s: int, tab: _Lang) -> str | None:
        """A base form after "I was able to" / "I managed to" / "ich konnte …"."""
        prefix = sentence[max(0, s - _WINDOW) : s]
        for pat in tab.able:
            bm = pat.search(prefix)
            if bm is not None and not self._blocked(prefix, bm.start(), tab):
                return "able"
        return None

    def _other_frame(self, sentence: str, prefix: str, s: int, e: int, tab: _Lang) -> str | None:
        """Causative ("I got your order cancelled") and telegraphic ("Refund processed.",
        "Just refunded it") frames."""
        for pat in tab.cause:
            bm = pat.search(prefix)
            if bm is not None and not self._blocked(prefix, bm.start(), tab):
                return "cause"
        anchor = self._clause_start(prefix, tab)
        head = prefix[anchor:]
        lead_ok = anchor == 0 or not prefix[:anchor].rstrip()[-1:].isalnum()
        if tab.bare_lead.fullmatch(head):
            # a participle opening the sentence (or a clause after punctuation), with an object
            verb = sentence[s:e]
            if anchor == 0 and not head.strip() and tab.bare_end.match(sentence, e):
                # a lone participle opening the sentence: "Cancelled - you won't be billed again."
                return None if self._blocked(prefix, anchor, tab) else "bare"
            if (
                lead_ok
                and " " not in verb.strip()  # "Let the team know", "Put through" are imperatives
                and not tab.base.fullmatch(verb)  # "Reset your password" too
                and tab.bare_after.match(sentence, e)
                and not self._blocked(prefix, anchor, tab)
            ):
                return "bare"
            return None
        if (
            tab.bare_head.fullmatch(head)
            and tab.bare_end.match(sentence, e)
            and any(pat.search(head) for _, pat in tab.nouns)
            and not self._blocked(prefix, anchor, tab)
        ):
            return "bare"
        return None

    @staticmethod
    def _clause_start(prefix: str, tab: _Lang) -> int:
        last = 0
        for m in tab.clause.finditer(prefix):
            last = m.end()
        return last

    def _clause(self, sentence: str, s: int, e: int, tab: _Lang) -> tuple[int, int]:
        base = max(0, s - _WINDOW)
        start = base + self._clause_start(sentence[base:s], tab)
        m = tab.clause.search(sentence, e)
        return start, (m.start() if m else len(sentence))

    @staticmethod
    def _next_clause(sentence: str, clause_end: int, tab: _Lang) -> str:
        """The clause after a comma ("…, once you confirm"), not after "and"/"but"."""
        rest = sentence[clause_end:]
        if not rest.startswith(","):
            return ""
        m = tab.clause.search(sentence, clause_end + 1)
        return " " + sentence[clause_end + 1 : m.start() if m else len(sentence)]

    def _route(
        self,
        sentence: str,
        verb: str,
        s: int,
        e: int,
        clause_start: int,
        clause_end: int,
        tab: _Lang,
        classes: tuple[tuple[str, re.Pattern[str]], ...],
    ) -> tuple[str | None, tuple[str, ...]]:
        verb_classes = [cls for cls, pat in classes if pat.fullmatch(verb)] or [_STATE_CLASS]
        for lo, hi in ((clause_start, clause_end), (0, len(sentence))):
            positions: dict[str, int] = {}
            for cls, pat in tab.nouns:
                for nm in pat.finditer(sentence, lo, hi):
                    distance = min(abs(nm.start() - e), abs(s - nm.end()))
                    positions[cls] = min(positions.get(cls, distance), distance)
            best: tuple[int, int, str, tuple[str, ...]] | None = None
            for order, (cls, needs, action) in enumerate(lex.ROUTES):
                if cls not in verb_classes or not needs:
                    continue
                if all(n in positions for n in needs):
                    rank = (positions[needs[0]], order, action, (cls, *needs))
                    if best is None or rank < best:
                        best = rank
            if best is not None:
                cls_, *needs_ = best[3]
                if "credit" in positions:  # "promo code applied to your account": a credit
                    return best[2], ()
                return best[2], lex.ROUTE_ALTERNATIVES.get((cls_, tuple(needs_)), ())
        for cls, needs, action in lex.ROUTES:
            if cls in verb_classes and not needs:
                return action, lex.UNSPECIFIC.get(action, ())
        return None, ()


@functools.cache
def default_detector() -> ClaimDetector:
    """One compiled detector per process (immutable tables; compiling takes ~20 ms)."""
    return ClaimDetector()


def find_claims(reply: str, lang: str | None = None) -> list[Claim]:
    """Sentences of ``reply`` (or one sentence) that claim an action was taken."""
    return default_detector().find(reply, lang)
