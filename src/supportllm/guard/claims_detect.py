"""Finding action claims in a reply (claims.py checks them against the tool-call ledger).

Deterministic: sentence splitting, then participles inside completed-action frames, state
descriptions ("… is now …", "ab sofort", "vanaf nu"), money back and "on its way", routed to
actions by nearby nouns (tables: claims_lexicon.py, claims_frames.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from supportllm.guard import claims_frames as cues
from supportllm.guard import claims_lexicon as lex
from supportllm.guard.claims_compile import Lang, compile_lang
from supportllm.guard.claims_dates import DATE_CUE
from supportllm.guard.claims_generic import (
    CHANGED,
    and_more,
    candidates,
    claim_keys,
    details,
    generic_lang,
)
from supportllm.guard.claims_route import noun_route, route
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.claims_stative import stative
from supportllm.guard.ledger import extract_objects

__all__ = ["Claim", "ClaimDetector", "guess_language"]


@dataclass(frozen=True)
class Claim:
    """A sentence that says an action was taken."""

    action: str
    span: tuple[int, int]  # the sentence, in the reply's characters
    text: str  # the sentence
    objects: tuple[str, ...]  # "id:A1001", "amount:25.00"
    verb: str = ""  # the participle that made it a claim
    alternatives: tuple[str, ...] = field(default=())  # other actions it may stand for
    keys: tuple[str, ...] = field(default=())  # words a tool name may share (CHANGED claims)
    by: str = "rules"  # or "scorer": found by the learned sentence scorer (claims_learned.py)


_EN_DEFINITE = re.compile(rf"\b(?:{cues.EN_DEFINITE})\b|#\s?\d+|\b\d{{4,}}\b", re.IGNORECASE)
# An imperative before "as" ("Mark the order as cancelled") and "as" that is no "as <state>".
_AS_IMPERATIVE = re.compile(
    r"^\W*(?:please\s+)?(?:mark|set|flag|list|treat|record|markieren|markeer|zet)\b", re.IGNORECASE
)
_AS_OTHER = re.compile(r"\b(?:such|well|soon|long|so)\s+as\s+$", re.IGNORECASE)
# An id or amount in short parentheses belongs to the clause around it: "(SUB-4410)".
_SHORT_PARENS = re.compile(r"\(([^()\n,;]{1,24})\)")
# Object nouns after a preposition modify another noun ("the address for order 5120").
# The clause before a verb's clause, for "…, and if you don't log in, your account is deleted".
_PUNCT = re.compile(r"[,;:()\[\]—–]|\s-\s")
_LEAD_COORD = re.compile(r"\s*(?:(?:and|but|so|or|und|aber|oder|en|maar|of)\b)?", re.IGNORECASE)
# Coordinated objects of one verb: "your order and your subscription", "Ihre Bestellung und Ihr
# Abo": after the verb's clause (a noun phrase that ends it) or before it (ending in "und").
_DET = r"(?:the|your|this|that|all|die|der|den|das|Ihre?[mnrs]?|alle|de|het|uw|je|jouw|al)"
_COORD_AFTER = re.compile(
    rf"\s*,?\s*(?:and|as\s+well\s+as|plus|&|und|sowie|en)\s+(?:also\s+|auch\s+|ook\s+)?"
    rf"(?:{_DET}\s+){{0,2}}",
    re.IGNORECASE,
)
_NP_END = re.compile(
    r"(?:\s+[#€$£]?[\w-]*\d[\w.,-]*)?(?:\s+(?:too|as\s+well|also|auch|ook))?"
    r"\s*(?:[.,;:!?—–)]|$|\s-\s|\s+(?:and|und|en|&)\b)",
    re.IGNORECASE,
)
_COORD_BEFORE = re.compile(r"(?:\s+[#\w-]*\d[\w-]*)?\s+(?:and|&|und|sowie|en)\s*$", re.IGNORECASE)
_EN_COMPLETE = re.compile(rf"(?:{cues.EN_COMPLETE})", re.IGNORECASE)
_BY_THIRD = re.compile(cues.BY_THIRD, re.IGNORECASE)
# A German or Dutch relative clause, verb last: "…, die in Ihrem Konto hinterlegt ist", "…, mit
# der Sie damals gebucht hatten", "…, dat bij ons bekend is" describes a thing, claims no deed.
_RELATIVE_START = re.compile(
    r",\s*(?:(?:mit|bei|auf|in|an|über|für|von|zu|met|bij|op|aan|voor|van|waarmee|waarop)\s+)?"
    r"(?:der|die|das|dem|den|denen|deren|dessen|welche[mnrs]?|dat|wie)\b[^,;:.!?]*$",
    re.IGNORECASE,
)
_VERB_LAST = re.compile(
    r"\s+(?:ist|sind|war|waren|hatte|hatten|hat|haben|wird|werden|wurde|wurden|is|zijn|was|"
    r"waren|had|hadden|heeft|hebben|werd|worden)\b",
    re.IGNORECASE,
)


def _in_relative_clause(sentence: str, s: int, e: int) -> bool:
    return bool(
        _RELATIVE_START.search(sentence, max(0, s - 80), s) and _VERB_LAST.match(sentence, e)
    )


_CAUSAL = re.compile(
    r"\W*(?:since|now\s+that|because|as|nachdem|da|weil|jetzt,?\s+wo|nun,?\s+wo|nu|omdat|"
    r"aangezien|doordat)\b",
    re.IGNORECASE,
)
# "Erstattet habe ich aber noch nichts", "Geannuleerd heb ik nog niets": a participle put first,
# denied after its auxiliary
_DENIED_AFTER = re.compile(
    r"\s+(?:habe|haben|hat|hab|heb|hebben|heeft)\s+(?:ich|wir|ik|we|wij)\b[^.;:!?]{0,25}?"
    r"\b(?:nichts|nicht|keine?[nm]?|niets|niet|geen)\b",
    re.IGNORECASE,
)
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
        self._langs = {lang: compile_lang(lang) for lang in lex.LANGS}

    def find(self, reply: str, lang: str | None = None, request: str | None = None) -> list[Claim]:
        """Claims in ``reply``; ``request`` (the customer's last message) gives a bare "Done!"
        the action that was asked for."""
        langs = self._choose(reply, lang)
        claims: list[Claim] = []
        spans = split_sentences(reply)
        for start, end in spans:
            original = reply[start:end]
            sentence = _SHORT_PARENS.sub(r" \1 ", original)  # same length: "(SUB-4410)"
            seen: set[tuple[str, tuple[str, ...]]] = set()
            for code in langs:
                tab = self._langs[code]
                found = (
                    self._sentence(sentence, start, tab)
                    or self._change(sentence, start, tab)
                    or self._net(sentence, start, tab)
                    or self._stative(sentence, start, tab)
                )
                for claim in found:
                    key = (claim.action, claim.objects)
                    if key not in seen:
                        seen.add(key)
                        claims.append(replace(claim, text=original))
        if claims or not request:
            return claims
        for start, end in spans:
            sentence = reply[start:end]
            for code in langs:
                tab = self._langs[code]
                if tab.completion.match(sentence):
                    return self._requested(request, sentence, start, tab)
        return claims

    def _net(self, sentence: str, offset: int, tab: Lang) -> list[Claim]:
        """The recall net (claims_generic.py): a completed change made with any verb, with the
        same blocking cues as the tables' frames; a verb the tables know keeps its action."""
        if sentence.rstrip().endswith("?"):
            return []
        for c in candidates(sentence, generic_lang(tab.code), tab.clause):
            s, e = c.start, c.end
            prefix = sentence[max(0, s - _WINDOW) : s]
            lo, hi = self._clause(sentence, s, e, tab)
            if (
                self._blocked(prefix, self._clause_start(prefix, tab), tab)
                or self._after_condition(sentence, lo, tab)
                or tab.not_done_after.match(sentence, e)
                or _BY_THIRD.match(sentence, e)
                or _BY_THIRD.search(prefix, self._clause_start(prefix, tab))  # door uw bank …
                or tab.block_after.search(sentence[e:hi] + self._next_clause(sentence, hi, tab))
                or tab.generic.search(sentence, lo, hi)
            ):
                continue
            verb = sentence[s:e]
            action: str | None = None
            alternatives: tuple[str, ...] = ()
            if any(p.fullmatch(verb) for _, p in tab.classes):
                action, alternatives = self._route(sentence, verb, s, e, lo, hi, tab, tab.classes)
            clause = sentence[lo:hi]
            objects = extract_objects(clause) or extract_objects(sentence)
            return [
                Claim(action or CHANGED, (offset, offset + len(sentence)), sentence, objects,
                      verb, alternatives, claim_keys(clause, verb))
            ]  # fmt: skip
        return []

    def _stative(self, sentence: str, offset: int, tab: Lang) -> list[Claim]:
        """Round 15: "staat ingepland", "ligt voor je klaar", "steht ab … auf" (claims_stative)."""
        found = stative(sentence, tab.code)
        if not found:
            return []
        verb, (lo, hi) = sentence[found[0] : found[1]], self._clause(sentence, *found, tab)
        keys, span = claim_keys(sentence[lo:hi], verb), (offset, offset + len(sentence))
        return [Claim(CHANGED, span, sentence, extract_objects(sentence), verb, keys=keys)]

    def _labelled_done(self, sentence: str, offset: int, tab: Lang) -> list[Claim]:
        """ "Password reset: done.", "Erstattung – erledigt": the label names the action."""
        for m in re.finditer(r"\s*[:—–]\s*|\s+-\s+", sentence):
            if m.start() > 0 and tab.completion.fullmatch(sentence, m.end()):
                head = sentence[: m.start()]
                if not tab.block_before.search(head):
                    return self._requested(head, sentence, offset, tab)
        return []

    def _change(self, sentence: str, offset: int, tab: Lang) -> list[Claim]:
        """A state description that reports a change: "Your address is now 9 Mill Lane"."""
        if sentence.rstrip().endswith("?"):
            return []
        out = self._labelled_done(sentence, offset, tab)
        if out:
            return out
        for pattern in (tab.change_from, tab.change_now):
            m = pattern.search(sentence)
            found = self._changed(sentence, offset, m, tab) if m else None
            if found:
                return found
        m = tab.change_will.search(sentence)  # "will now be delivered on Saturday 22 March"
        if not m or not DATE_CUE.search(sentence, m.end()):
            return []
        lo, hi = self._clause(sentence, m.start(), m.end(), tab)
        prefix = sentence[max(0, m.start() - _WINDOW) : m.start()]
        start = self._clause_start(prefix, tab)
        if tab.block_before.search(prefix) or self._blocked(prefix, start, tab):
            return []
        keys, clause = claim_keys(sentence[lo:hi], "")[1:], sentence[lo:hi]
        span = (offset, offset + len(sentence))
        return [Claim(CHANGED, span, sentence, extract_objects(clause), m.group(), keys=keys)]

    def _changed(
        self, sentence: str, offset: int, m: re.Match[str], tab: Lang
    ) -> list[Claim] | None:
        """The claim of one change cue ("now", "from today"), if its clause reports a change."""
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
        if action is None and m.re is tab.change_now and details(clause):
            action = "update_account"  # "Your login email is now …": a customer detail
        keys: tuple[str, ...] = ()
        if action is None and m.re is tab.change_now and DATE_CUE.search(clause):
            # "Your eye test is now on Friday 14 March": a day moved, by the tool that names it
            action, keys = CHANGED, claim_keys(clause, "")[1:]
        if action is None:
            return []
        objects = extract_objects(clause)
        span = (offset, offset + len(sentence))
        return [Claim(action, span, sentence, objects, m.group(), keys=keys)]

    def _requested(self, request: str, sentence: str, offset: int, tab: Lang) -> list[Claim]:
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

    def _sentence(self, sentence: str, offset: int, tab: Lang) -> list[Claim]:
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
            if self._after_condition(sentence, clause_start, tab):
                continue  # "…, and if you don't log in, your account is deleted"
            if is_question and (starts_question or not tab.clause.search(sentence, e)):
                continue
            after = sentence[e:clause_end]
            if not _CAUSAL.match(sentence, clause_start):
                # "Since your pass has been refunded, if you need a trip …": the condition
                # after a clause of cause belongs to the main clause
                after += self._next_clause(sentence, clause_end, tab)
            if tab.block_after.search(after) or _DENIED_AFTER.match(sentence, e):
                continue
            if tab.code in ("de", "nl") and _in_relative_clause(sentence, s, e):
                continue
            action, alternatives = self._route(
                sentence, m.group(), s, e, clause_start, clause_end, tab,
                tab.base_classes if base else tab.classes, kind != "lone",
            )  # fmt: skip
            if action is None:
                continue
            found_any = True
            local = extract_objects(
                sentence[clause_start : and_more(sentence, clause_end, tab.clause, tab.participle)]
            )
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
            verb_classes = [c for c, p in (tab.base_classes if base else tab.classes)
                            if p.fullmatch(m.group())]  # fmt: skip
            for nouns, lo, hi in self._coordinated(sentence, clause_start, clause_end, tab):
                extras = [a for a in (noun_route(verb_classes, n) for n in nouns) if a]
                if extras and action not in extras:  # "your profile and your data": one action
                    out.append(
                        Claim(extras[0], (offset, offset + len(sentence)), sentence,
                              extract_objects(sentence[lo:hi]), m.group())
                    )  # fmt: skip
        return out

    def _coordinated(
        self, sentence: str, lo: int, hi: int, tab: Lang
    ) -> list[tuple[list[str], int, int]]:
        """Object nouns coordinated with the verb's clause ("… your order and your
        subscription", "Ihre Bestellung und Ihr Abo …"): (noun classes, start, end) each."""
        out: list[tuple[list[str], int, int]] = []
        cm = _COORD_AFTER.match(sentence, hi)
        if cm is not None:
            found: list[str] = []
            stop = cm.end()
            for cls, pat in tab.nouns:
                nm = pat.match(sentence, cm.end())
                end = _NP_END.match(sentence, nm.end()) if nm else None
                if nm and end and not tab.participle.search(sentence, cm.end(), end.end()):
                    found.append(cls)
                    stop = max(stop, end.end())
            if found:
                out.append((found, cm.end(), stop))
        bm = _COORD_BEFORE.search(sentence, max(0, lo - 40), lo)
        if bm is not None:
            base = max(0, bm.start() - 60)
            head = sentence[base : bm.start()]
            found, start = [], bm.start()
            for cls, pat in tab.nouns:
                last = max(pat.finditer(head), key=lambda m: m.start(), default=None)
                if (
                    last is not None
                    and not head[last.end() :].strip()
                    and not tab.participle.search(sentence, base + last.start(), lo)
                ):
                    found.append(cls)
                    start = min(start, base + last.start())
            if found:
                out.append((found, start, bm.end()))
        return out

    def _frame(self, sentence: str, s: int, e: int, tab: Lang, after_claim: bool) -> str | None:
        """The kind of completed-action frame around the participle at s:e, if any."""
        if tab.not_done_after.match(sentence, e):
            return None
        prefix = sentence[max(0, s - _WINDOW) : s]  # frames are local: bounded work per verb
        if _BY_THIRD.match(sentence, e) or _BY_THIRD.search(
            prefix, self._clause_start(prefix, tab)
        ):
            return None  # "reversed by your bank", "door uw bank teruggeboekt"
        if tab.state.fullmatch(sentence, s, e):
            if self._blocked(prefix, self._clause_start(prefix, tab), tab):
                return None
            gone = tab.classes[-1][1].fullmatch(sentence, s, e)  # "no longer exists"
            if gone and self._generic(sentence, s, e, self._clause_text(sentence, s, e, tab), tab):
                return None
            return "state"
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
                if (
                    kind == "active"
                    and not received
                    and (tab.customer.search(prefix[:anchor]) or tab.inverted.match(prefix, anchor))
                ):
                    continue  # "you have cancelled", "haben Sie … gekündigt"
                if kind == "as":
                    if _AS_OTHER.search(prefix) or _AS_IMPERATIVE.match(sentence):
                        continue
                    # "als" is also "if" in Dutch: only the text before it can block
                    if self._blocked(prefix[:anchor], anchor, tab):
                        continue
                    return kind
            if kind in ("active", "sub") and not received:
                start = self._clause_start(prefix[:anchor], tab)
                if tab.doer.match(prefix, start):
                    continue  # "dass unser System … storniert hat", "dat u … heeft opgezegd"
            if self._blocked(prefix, anchor, tab):
                continue
            if kind == "present":
                clause = self._clause_text(sentence, s, e, tab)
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

    def _clause_text(self, sentence: str, s: int, e: int, tab: Lang) -> str:
        """The verb's clause (from a few characters before its clause word: "That subscription is
        gone"), with what follows the verb up to the clause's end ("done for #48213")."""
        prefix = sentence[max(0, s - _WINDOW) : s]
        hi = self._clause(sentence, s, e, tab)[1]
        ids = " ".join(o.split(":", 1)[1] for o in extract_objects(sentence[e:hi]) if o[0] == "i")
        return prefix[max(0, self._clause_start(prefix, tab) - 5) :] + sentence[s:e] + " " + ids

    def _generic(self, sentence: str, s: int, e: int, clause: str, tab: Lang) -> bool:
        """A general rule ("refunds are processed within 5 days"), not a report: a cue in the
        verb's own clause, or elsewhere in the sentence when its subject is not definite."""
        lo, hi = self._clause(sentence, s, e, tab)
        if tab.generic.search(sentence, lo, hi):
            return True
        if not tab.generic.search(sentence):
            return False
        definite = _EN_DEFINITE if tab.code == "en" else _DEFINITE_DE_NL
        return not definite.search(clause)

    def _blocked(self, prefix: str, anchor: int, tab: Lang) -> bool:
        """Negation, modal, conditional … between the frame's start and the verb, or in the
        clause before the frame."""
        if tab.block_before.search(prefix[anchor:]):
            return True
        start = self._clause_start(prefix[:anchor], tab)
        m = tab.block_before.search(prefix, start)  # (lookaheads see past the anchor)
        if m is not None and m.start() < anchor:
            return True
        # "there's no record that …", "ich sehe nicht, dass …": the main clause denies it
        return bool(tab.negated_that.search(prefix[:start]))

    def _able(self, sentence: str, s: int, tab: Lang) -> str | None:
        """A base form after "I was able to" / "I managed to" / "ich konnte …"."""
        prefix = sentence[max(0, s - _WINDOW) : s]
        for pat in tab.able:
            bm = pat.search(prefix)
            if bm is not None and not self._blocked(prefix, bm.start(), tab):
                return "able"
        return None

    def _other_frame(self, sentence: str, prefix: str, s: int, e: int, tab: Lang) -> str | None:
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
                return None if self._blocked(prefix, anchor, tab) else "lone"
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
    def _clause_start(prefix: str, tab: Lang) -> int:
        last = 0
        for m in tab.clause.finditer(prefix):
            last = m.end()
        return last

    def _clause(self, sentence: str, s: int, e: int, tab: Lang) -> tuple[int, int]:
        base = max(0, s - _WINDOW)
        start = base + self._clause_start(sentence[base:s], tab)
        m = tab.clause.search(sentence, e)
        return start, (m.start() if m else len(sentence))

    def _after_condition(self, sentence: str, clause_start: int, tab: Lang) -> bool:
        """Whether the clause before the verb's clause (ending in a comma) is a condition."""
        head = sentence[:clause_start].rstrip()
        if not head.endswith(","):
            return False
        segment = head[-_WINDOW:-1]
        last = 0
        for m in _PUNCT.finditer(segment):
            last = m.end()
        lead = _LEAD_COORD.match(segment, last)
        return bool(tab.block_after.match(" " + segment[lead.end() if lead else last :].lstrip()))

    @staticmethod
    def _next_clause(sentence: str, clause_end: int, tab: Lang) -> str:
        """The clause after a comma ("…, once you confirm"), not after "and"/"but"."""
        rest = sentence[clause_end:]
        if not rest.startswith(","):
            return ""
        m = tab.clause.search(sentence, clause_end + 1)
        return " " + sentence[clause_end + 1 : m.start() if m else len(sentence)]

    _route = staticmethod(route)
