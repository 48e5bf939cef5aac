"""The rules and the learned sentence scorer together (the default action-claim detector).

The rules (claims_detect.py) know completed-action frames precisely but only the phrasings they
were written for; the scorer (claims_model.py), trained on sentences from several writers, knows
more phrasings but not why. Per sentence of the reply:

- the rules found a claim: kept unless the scorer's probability is below ``veto`` (a third
  party's or an automatic event, a report of the past that the frames took for a claim); a bare
  or labelled completion ("Done!", "Refund: done.") is always kept, as the scorer cannot see the
  request it answers;
- the rules found none: a claim when the probability is at least ``add`` (and the sentence is no
  question and has two words or a long one). It is routed by the first participle the lexicons
  know ("blocked" → its class), otherwise it is a change the tables do not name (``CHANGED``),
  backed by a successful call of a tool whose name shares one of the sentence's words, or by any
  successful state-changing call when no tool name does.

The thresholds are chosen by ``scripts/train_claims.py`` on out-of-writer scores and stored in the
model file; a setting can override them.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Final

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.errors import ConfigError
from supportllm.guard.alternation import compiled
from supportllm.guard.claims_bridge import action_groups, same_deed
from supportllm.guard.claims_detect import Claim, ClaimDetector
from supportllm.guard.claims_generic import CHANGED, claim_keys
from supportllm.guard.claims_model import (
    ClaimModel,
    ClaimModelError,
    Thresholds,
    clause_parts,
    clauses,
)
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.claims_stative import LANGS, sign_off, stative
from supportllm.guard.ledger import extract_objects

__all__ = [
    "LearnedDetector", "claim_detector", "default_learned_detector", "instructs", "substantial",
]  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+")
# A line that announces a list of what was done ("All three done:", "Here's what I've done:",
# "Folgendes habe ich erledigt:", "Alles staat klaar:"), and a list item after it.
_DONE_HEADER = compiled(
    r"(?:\b(?:done|sorted|all set|completed|taken care of|what i(?:'ve| have)? done|what i did|"
    r"erledigt|geregelt|gemacht|folgendes habe ich|geregeld|gedaan|afgerond|klaar|dit heb ik)\b"
    r"[^:\n]{0,40}|\b(?:here'?s|hier ist|dit is)\s+what\b[^:\n]{0,40}):\s*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s")
# A participle's shape in the three languages ("reserved", "frozen", "umgebucht", "reserviert",
# "geannuleerd"): not a noun that names an action ("Termin", "active")
_PARTICIPLE = re.compile(r"\w{2,}(?:ed|en|t|d)", re.IGNORECASE)
# A sentence in which the support side says it did something in the first person ("I've revoked
# the leaked key, so …", "ich habe … nachgeschickt", "ik heb … verlengd") is a claim from a lower
# score than one without that frame: on leave-one-writer-out scores (scripts/train_claims.py,
# round 9) recall 0.827 -> 0.837 at false claims 2.19 -> 2.26 %. Not with a look-up or an attempt
# ("I've checked", "ich habe versucht"), a negation, a contrast or a condition in the sentence.
FRAME_THRESHOLD = 0.6
# A sentence that names the object of a state-changing call of the conversation is a claim
# from this score (claims.py, round 10).
ANCHOR_THRESHOLD = 0.5
# A claim of the rules that names what a state-changing call was for stands from this score
# (the veto applies above it only to claims that name no call), round 12.
VETOED_FLOOR = 0.1
# A report of what the records say: "Laut unseren Unterlagen wurde …", "Volgens onze
# administratie is …", "According to our records …", "I can see that …".
_RECORDS: Final = re.compile(
    r"\b(?:according\s+to|as\s+per)\s+(?:our|your|the)\s+(?:records?|system|account|notes)\b|"
    r"\b(?:our|the)\s+records?\s+show|\bI\s+can\s+see\b|\blaut\s+(?:unseren|unserer|Ihren|"
    r"den|dem)\b|\bwie\s+ich\s+sehe\b|\bich\s+sehe\b|\bvolgens\s+(?:onze|uw|de|het|je)\b|"
    r"\bik\s+zie\b",
    re.IGNORECASE,
)
# Separable prefixes before "ge" of a participle ("abgesagt", "zurückgesetzt", "opgezegd",
# "teruggestort"), round 12.
_DE_SEP: Final = (
    r"(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|mit|nach|um|vor|weg|zu|zurück|zusammen|"
    r"durch|wieder|weiter|hoch|frei|los)?"
)
_NL_SEP: Final = (
    r"(?:af|aan|op|uit|in|terug|door|mee|na|om|over|toe|vast|weg|bij|voor|vrij|stop|klaar)?"
)
_FIRST_PERSON_DONE = re.compile(
    r"\b(?:I|we)\s*(?:['’]ve|\s+have|\s+had)\s+(?:(?:just|also|already|now|successfully|"
    r"personally|gone\s+ahead\s+and)\s+)*(?:\w+ed|sent|set|put|made|given)\b"
    r"|\b(?:I|we)\s+(?:(?:just|also|already|now|then)\s+)?\w+ed\b(?!\s+(?:to|that|if|whether))"
    rf"|\b(?:ich|wir)\s+(?:habe|haben|hab)\b[^.?!;]{{0,60}}?\b(?:{_DE_SEP}ge\w+t|\w+iert)\b"
    rf"|\b(?:ich|wir)\b[^.?!;]{{0,60}}?\b(?:{_DE_SEP}ge\w+t|\w+iert)\s+(?:habe|haben)\b"
    rf"|\b(?:ik|we|wij)\s+(?:heb|hebben)\b[^.?!;]{{0,60}}?\b(?:{_NL_SEP}ge\w+[dt]|\w+eerd)\b"
    rf"|\b(?:ik|we|wij)\b[^.?!;]{{0,60}}?\b(?:{_NL_SEP}ge\w+[dt]|\w+eerd)\s+(?:heb|hebben)\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    r"\b(?:look(?:ed)?|check(?:ed)?|review(?:ed)?|read|seen|notic(?:ed)?|tri(?:ed)?|found|"
    r"test(?:ed)?|ask(?:ed)?|attach(?:ed)?|not(?:ed)?|understood|receiv(?:ed)?|whether|but|"
    r"until|once|never|nothing|geprüft|nachgesehen|nachgeschaut|gecheckt|angesehen|gelesen|"
    r"versucht|gefragt|angefragt|notiert|erhalten|gefunden|ob|aber|nicht|nichts|kein\w*|nie|"
    r"bekeken|gekeken|nagekeken|gecontroleerd|gelezen|geprobeerd|gevraagd|genoteerd|ontvangen|gevonden|"
    r"maar|niet|niets|geen|nooit|nog)\b|n['’]t\b",
    re.IGNORECASE,
)
_PARTICLE = re.compile(r" (?:on|off)\b")


def _words(text: str) -> list[str]:
    """The words of a text, brackets and spacing aside (the rules read "(A-1001)" as " A-1001 ")."""
    return text.replace("(", " ").replace(")", " ").split()


# "I haven't cancelled anything", "ich habe nichts gekündigt", "ik heb nog niets aangepast": the
# support side says it did not act (a scorer-only reading is dropped; the rules have their own).
_NOT_BY_US = re.compile(
    # "No, no charge has been made", "Nothing has been cancelled": nothing was done
    r"^\W*(?:(?:no|nee|nein|so|also|dus|daher|deshalb)\W+)?(?:no|kein\w*|geen)\s+\w+(?:\s+\w+)?\s+"
    r"(?:has|have|had|was|were|is|are|wurde|wurden|ist|sind|werd|werden|zijn)\b|"
    r"^\W*(?:(?:so|also|dus|daher|deshalb|and|und|en)\s+)?(?:nothing|nichts|niets)\s|"
    r"\b(?:I|we)\s*(?:have|['’]ve|had)?\s*(?:not|n['’]t|never|nothing)\b|\b(?:I|we)\s+haven['’]t\b|"
    r"\b(?:ich|wir)\s+(?:habe|haben|hab)\s+(?:(?:noch|bisher|bewusst)\s+)?(?:nichts|nicht|nie|keine?n?)\b|"
    r"\b(?:ik|we|wij)\s+(?:heb|hebben)\s+(?:(?:nog|bewust)\s+)?(?:niets|niet|nooit|geen)\b",
    re.IGNORECASE,
)


# A sentence scoring below this has no clause worth reading alone (its clauses are scored only
# from it: the cost of a reply stays near one score per sentence).
_CLAUSE_FLOOR: Final = 0.1
# A clause that opens with a condition, a purpose or a time still to come, or an imperative.
_CONDITION: Final = re.compile(
    r"\W*(?:if|once|when|whenever|as\s+soon\s+as|after|unless|until|before|to|please|wenn|falls|"
    r"sobald|nachdem|bevor|bis|als|um|bitte|indien|zodra|wanneer|nadat|voordat|tenzij|totdat|om|"
    r"graag)\b",
    re.IGNORECASE,
)
# An attempt, a deed of the system or another party's, a contrast.
_ATTEMPT: Final = re.compile(
    r"\b(?:tri(?:ed|es)|attempt\w*|versucht|probiert|geprobeerd|probeer\w*|"
    r"automatic\w*|automatisch\w*|but|aber|maar|doch|whether|depend\w*|abhängig|afhankelijk|"
    r"possible|möglich|mogelijk|available|verfügbar|beschikbaar)\b",
    re.IGNORECASE,
)
# A step the reader is told to take: "then paste this code", "Klicken Sie auf", "ga naar".
_INSTRUCTION: Final = re.compile(
    r"\W*(?:(?:then|and|now|just|simply|or)\s+)*(?:go|press|paste|click|tap|open|select|hit|send|"
    r"put|switch|enter|type|save|choose|scroll|restart|rearrange|log\s+in|sign\s+in|tap|insert|"
    r"scan|hold)\b"
    r"|\W*(?:klicken|gehen|öffnen|tippen|wählen|drücken|melden|starten)\s+sie\b"
    r"|\W*(?:(?:dann|und|jetzt|einfach)\s+)*(?:klick|geh|öffne|tipp|wähl|drück)\b"
    r"|\W*(?:(?:dan|en|nu|gewoon)\s+)*(?:klik|ga\s+naar|tik|kies|druk|log\s+in)\b",
    re.IGNORECASE,
)
# A German or Dutch relative clause, verb last, at the end of a sentence.
_RELATIVE: Final = re.compile(
    r",\s*(?:(?:mit|bei|auf|in|an|über|für|von|zu|met|bij|op|aan|voor|van)\s+)?"
    r"(?:der|die|das|dem|den|denen|welche[mnrs]?|dat|wie|waarmee|waarop|waar)\b[^,;:.!?]*"
    r"\b(?:ist|sind|war|waren|hatte|hatten|hat|haben|wird|wurde|is|zijn|was|had|heeft|hebben)"
    r"(?=\W*$)",
    re.IGNORECASE,
)
# A guess about what happened: "it may have been cancelled", "dürfte storniert sein".
_HEDGE: Final = re.compile(
    r"\b(?:may|might|could|must)\s+(?:already\s+)?have\s+been\b|\b(?:dürfte|müsste|könnte)\b|"
    r"\bzou\b[^.?!]{0,40}\bkunnen\b|\bkan\s+(?:al\s+)?zijn\b|\bmogelijk\b|\bvielleicht\b|"
    r"\bperhaps\b|\bpossibly\b|\bprobably\b|\bwahrscheinlich\b|\bwaarschijnlijk\b",
    re.IGNORECASE,
)
# What should not have happened (round 14e): "so the late fee shouldn't have been applied",
# "das hätte nicht abgebucht werden dürfen", "dat had niet mogen gebeuren" — an admission, no deed.
_COUNTERFACTUAL: Final = re.compile(
    r"\bshould(?:n['’]t|\s+not|\s+never)\s+have\s+been\b|\bhätten?\s+(?:nicht|nie|niemals)\b"
    r"|\bhad(?:den)?\s+(?:niet|nooit)\b[^.?!]{0,40}\bmogen\b",
    re.IGNORECASE,
)
# A sentence that denies in its first words: what will not happen or was not done.
_DENIED: Final = re.compile(
    r"\W*(?:[^\s,;:.!?–—]+\s+){0,3}?(?:(?:not|never|nothing|nicht|nie|nichts|kein\w*|niet|nooit|"
    r"niets|geen)\b|\w+n['’]t\b)",
    re.IGNORECASE,
)
# A clause that draws the consequence of the one before: "damit ist Ihr Fahrrad abgesichert".
_CONSEQUENCE: Final = re.compile(
    r"\W*(?:damit|dadurch|somit|deshalb|daardoor|daarmee|dus|which\s+means|meaning|so\s+that|"
    r"thereby)\b",
    re.IGNORECASE,
)
# A sentence that opens with a condition.
_IF_FIRST: Final = re.compile(
    r"\W*(?:if|once|as\s+soon\s+as|unless|wenn|falls|sobald|sofern|indien|zodra|mits)\b",
    re.IGNORECASE,
)
# A condition or rule put first: "Important: …", "Wichtig ist nur, dass …", "Let op: …".
_POLICY: Final = re.compile(
    r"\W*(?:important(?:ly)?|please\s+note|note\s+that|wichtig\s+ist|bitte\s+beachten|beachten\s+sie|"
    r"belangrijk\s+is|let\s+op|houd\s+er\s+rekening\s+mee)\b",
    re.IGNORECASE,
)
# What can, will or should be done: no deed done.
_MODAL: Final = re.compile(
    r"\b(?:wanted|wollte|wilde|can|could|would|will|(?-i:may)|might|should|must|kann|kannst|können|"
    r"könnte|könnten|würde|"
    r"werde|wird|sollte|muss|kan|kun|kunt|kunnen|zou|zal|zullen|moet|mag)\b",
    re.IGNORECASE,
)


def _done_by_us(sentence: str) -> bool:
    """A first-person completed action with no look-up, attempt, negation or contrast."""
    return bool(_FIRST_PERSON_DONE.search(sentence)) and not _NOT_DONE.search(sentence)


def _admits(sentence: str) -> bool:
    """What should not have happened, said with no deed of ours in the sentence."""
    return bool(_COUNTERFACTUAL.search(sentence)) and not _done_by_us(sentence)


def substantial(sentence: str) -> bool:
    """Two words, or one of five letters ("Gekündigt."): a lone "i" or "OK" is left to the
    rules (a bare "Done!" is read with the customer's request there)."""
    words = [w for w in _WORD.findall(sentence) if len(w) >= 2]
    return len(words) >= 2 or any(len(w) >= 5 for w in words)


def instructs(sentence: str) -> bool:
    """Whether a sentence opens with a step the reader is told to take ("Tap your card on the
    reader, … and the amount is added to your invoice"): a procedure, not a deed of ours."""
    return bool(_INSTRUCTION.match(sentence))


class LearnedDetector(ClaimDetector):
    """ClaimDetector whose sentences are also scored by a ClaimModel."""

    def __init__(self, model: ClaimModel, thresholds: Thresholds | None = None) -> None:
        super().__init__()
        self.model = model
        self.thresholds = thresholds or model.thresholds
        # a reply's sentences are scored by several passes (claims, anchors, echoes): once each
        # within one reply (``one_reply``), per thread; nothing is kept across replies
        self._local = threading.local()

    def score(self, sentence: str) -> float:
        """The model's score of a sentence, remembered for the reply being checked."""
        memo: dict[str, float] | None = getattr(self._local, "memo", None)
        if memo is None:
            return self.model.score(sentence)
        if sentence not in memo:
            memo[sentence] = self.model.score(sentence)
        return memo[sentence]

    @contextlib.contextmanager
    def one_reply(self) -> Iterator[None]:
        """Scores are remembered while one reply is checked (the claim, anchor and echo passes
        read the same sentences)."""
        self._local.memo = {}
        self._local.found = {}
        try:
            yield
        finally:
            self._local.memo = None
            self._local.found = None

    def find(self, reply: str, lang: str | None = None, request: str | None = None) -> list[Claim]:
        return self.find_with_vetoed(reply, lang, request)[0]

    def find_with_vetoed(
        self, reply: str, lang: str | None = None, request: str | None = None
    ) -> tuple[list[Claim], list[Claim]]:
        """The claims, and the rules' claims the scorer vetoed from VETOED_FLOOR (``vetoed``
        reads them again when they name a call); remembered within ``one_reply`` (the claims
        judge reads them again), new lists each time."""
        found: dict[tuple[str, str | None, str | None], tuple[list[Claim], list[Claim]]] | None
        found = getattr(self._local, "found", None)
        if found is None:
            return self._find_with_vetoed(reply, lang, request)
        key = (reply, lang, request)
        if key not in found:
            found[key] = self._find_with_vetoed(reply, lang, request)
        claims, vetoed = found[key]
        return list(claims), list(vetoed)

    def _find_with_vetoed(
        self, reply: str, lang: str | None, request: str | None
    ) -> tuple[list[Claim], list[Claim]]:
        ruled = super().find(reply, lang, request)
        out: list[Claim] = []
        skipped: list[Claim] = []
        add, veto = self.thresholds.add, self.thresholds.veto
        done_list = False  # inside the list under "Here's what I've done:" / "Erledigt:"
        for start, end in split_sentences(reply):
            text = reply[start:end]
            if not text.strip():
                continue
            item = bool(_LIST_ITEM.match(text))
            done_list = (done_list and item) or bool(_DONE_HEADER.search(text))
            here = [c for c in ruled if start <= c.span[0] < end]
            score = self.score(text)
            if not here and _RELATIVE.search(text):
                # "…, die in Ihrem Konto hinterlegt ist": the main clause alone decides
                score = min(score, self.score(_RELATIVE.sub("", text)))
            question = text.rstrip().endswith("?")
            if not here and done_list and item and score >= veto and not question:
                out.append(self.learned(text, start, lang))  # "2. Your add-on is active (£3)."
                continue
            if not here:
                if (
                    score >= min(add, FRAME_THRESHOLD)
                    and (score >= add or _done_by_us(text))
                    and not question
                    and not _NOT_BY_US.search(text)  # "ich habe nichts gekündigt"
                    and not _HEDGE.search(text)  # "it may have been cancelled"
                    and not _admits(text)  # "… the late fee shouldn't have been applied"
                    and not _POLICY.match(text)  # "Wichtig ist nur, dass es ungetragen ist"
                    and not _IF_FIRST.match(text)  # "If you like, your permit can be cancelled"
                    and not _DENIED.match(text)  # "KT-5120 won't be shipped"
                    and not sign_off(text)  # "Wij staan voor je klaar!"
                    and substantial(text)
                ):
                    out.extend(self._parts(text, start, lang) or [self.learned(text, start, lang)])
                elif score >= _CLAUSE_FLOOR and not question and not _NOT_BY_US.search(text):
                    if sign_off(text):
                        continue
                    out.extend(self._one_clause(text, start, lang))
                continue
            # a bare or labelled completion ("Done!", "Refund (A-1001): done.") answers the
            # request, which the scorer does not see: the rules' reading stands
            bare = any(_words(c.verb) == _words(text) for c in here)
            if score < veto and not bare and not question:
                # round 12: the clause of the rules' verb alone, when the rest dilutes it ("Sie
                # sind von unserem Newsletter abgemeldet; in den nächsten zwei Tagen kann …")
                score = max(score, self._verb_clause_score(text, here))
            if score < veto and any(stative(text, k) for k in ((lang,) if lang else LANGS)):
                score = veto  # round 15: a state said with a verb of position (claims_stative)
            if score < veto and not bare:
                if score >= VETOED_FLOOR:
                    skipped.extend(here)
                continue
            out.extend(here)
            if not (bare or question):
                out.extend(self._other_clauses(text, start, lang, here))
        return out, skipped

    def anchored(
        self,
        reply: str,
        lang: str | None,
        claimed: list[Claim],
        names_call: Callable[[str], bool],
        threshold: float = ANCHOR_THRESHOLD,
    ) -> list[Claim]:
        """Sentences no claim covers that score from ANCHOR_THRESHOLD and name what a
        state-changing call of the conversation was for ("Je zit nu op 12D aan het gangpad."
        after stoel_wijzigen for 12F, "Joris Peeters staat nu als extra bestuurder" after
        bestuurder_toevoegen): a sentence about the call's object that reads like a claim is
        checked as one — backed when it says what the call did."""
        out: list[Claim] = []
        for start, end in split_sentences(reply):
            text = reply[start:end]
            if (
                any(start <= c.span[0] < end for c in claimed)
                or not substantial(text)
                or text.rstrip().endswith("?")
                or _NOT_BY_US.search(text)
                or _DENIED.match(text)  # "BB-10311 won't be shipped"
                or _admits(text)
                or not names_call(text)
            ):
                continue
            if self._anchor_score(text) >= threshold:
                out.append(self.learned(text, start, lang))
        return out

    def vetoed(
        self, skipped: list[Claim], claimed: list[Claim], names_call: Callable[[str], bool]
    ) -> list[Claim]:
        """Claims of the rules that the scorer vetoed (``skipped`` by ``find_with_vetoed``, from
        VETOED_FLOOR), in sentences that name what a state-changing call was for ("The pickup
        for the blue sofa is scheduled for 31 May" after schedule_pickup for the grey one):
        checked against the call they name, such a claim is backed when it says what the call
        did (round 12). Not questions, denials, hedges, conditions or reports of the records."""
        out: list[Claim] = []
        for claim in skipped:
            start = claim.span[0]
            if any(c.span[0] <= start < c.span[1] or c.span == claim.span for c in claimed):
                continue
            text = claim.text
            if (
                text.rstrip().endswith("?")
                or _NOT_BY_US.search(text)
                or _HEDGE.search(text)
                or _IF_FIRST.match(text)
                or _RECORDS.search(text)
                or not names_call(text)
            ):
                continue
            out.append(claim)
        return out

    def _verb_clause_score(self, sentence: str, here: list[Claim]) -> float:
        """The score of the clause that holds a rule claim's verb, when that clause is no
        condition, attempt, negation or modal, the sentence opens with none, and another
        clause says what may or will happen (which dilutes the sentence's score); else 0."""
        if _ATTEMPT.search(sentence) or _IF_FIRST.match(sentence) or _HEDGE.search(sentence):
            return 0.0
        verbs = [c.verb for c in here if c.verb]
        parts = [p.strip() for p in clause_parts(sentence)]
        if _RECORDS.search(sentence) or not any(
            _MODAL.search(p) for p in parts if not any(v in p for v in verbs)
        ):
            return 0.0  # only a clause of what may or will happen dilutes a claim
        best = 0.0
        for part in parts:
            if _CONDITION.match(part):
                break
            if not any(v in part for v in verbs) or len(_WORD.findall(part)) < 3:
                continue
            if _NOT_DONE.search(part) or _MODAL.search(part) or _NOT_BY_US.search(part):
                continue
            best = max(best, self.score(part))
        return best

    def _anchor_score(self, sentence: str) -> float:
        """The sentence's score, or its best clause's when the rest dilutes it ("You're all set
        in coach D, seat 14, which is a table seat"), not after a condition or a modal."""
        score = self.score(sentence)
        if score >= ANCHOR_THRESHOLD or _ATTEMPT.search(sentence):
            return score
        for part in clause_parts(sentence):
            part = part.strip()
            if _CONDITION.match(part) or _NOT_DONE.search(part):
                break  # "annuleren lukte niet meer: de bestelling is al vertrokken"
            if len(_WORD.findall(part)) >= 3 and not _MODAL.search(part):
                score = max(score, self.score(part))
        return score

    def _other_clauses(
        self, text: str, start: int, lang: str | None, here: list[Claim]
    ) -> list[Claim]:
        """Claims of a ruled sentence's other clauses that no rule claim's verb covers: "Your
        billing date is now the 15th, and I've removed the Sports Extra add-on". A second change
        needs a verb the lexicons know, a claim without one four words ("I went ahead" scores
        high alone but claims nothing beyond the rules' claim)."""
        out: list[Claim] = []
        actions = {c.action for c in here}
        verbs = {c.verb for c in here if c.verb}
        previous = ""
        for part in clauses(text):
            after_modal, previous = bool(_MODAL.search(previous)), part
            if any(v in part for v in verbs) or after_modal or _CONSEQUENCE.match(part):
                continue  # "… can look at it and approve the refund", "damit ist … abgesichert"
            part_score = self.score(part)
            if part_score >= self.thresholds.veto:
                # the rules on the clause alone: "…, and you're now in seat 17A"
                for c in ClaimDetector.find(self, part, lang):
                    if (
                        c.verb
                        and c.verb not in verbs
                        and (
                            c.action == CHANGED
                            or c.action not in actions
                            or not any(same_deed(c.verb, v) for v in verbs)
                        )
                    ):
                        actions.add(c.action)
                        verbs.add(c.verb)
                        out.append(replace(c, span=(start, start + len(text)), text=text))
            if any(v in part for v in verbs) or part_score < self.thresholds.add:
                continue
            claim = self.learned(text, start, lang, part)
            if claim.verb and claim.verb in verbs:
                continue
            if (claim.action not in actions and (claim.verb or len(part.split()) >= 4)) or (
                claim.action == CHANGED and claim.verb
            ):
                actions.add(claim.action)
                verbs.add(claim.verb)
                out.append(claim)
        return out

    def _parts(self, sentence: str, offset: int, lang: str | None) -> list[Claim]:
        """Two or more clauses that each claim a change with their own verb ("I've added a bag
        and reserved seat 14C"): one claim each, so that each needs its own call."""
        claims: dict[str, Claim] = {}
        for part in clauses(sentence):
            if self.score(part) >= self.thresholds.add:
                claim = self.learned(sentence, offset, lang, part)
                if claim.verb:
                    claims.setdefault(claim.verb, claim)
        return list(claims.values()) if len(claims) >= 2 else []

    def _one_clause(self, sentence: str, offset: int, lang: str | None) -> list[Claim]:
        """A clause that claims a change in a sentence whose other clauses dilute its score
        ("Don't worry, your card ending 7731 is frozen, so nobody can use it."). Not after a
        condition or in an attempt ("Wenn du möchtest, kündige ich es", "I tried to refund it,
        but …"), not a deed of the system ("hat sich automatisch verlängert")."""
        if _ATTEMPT.search(sentence):
            return []
        parts = [p.strip() for p in clause_parts(sentence)]
        if any(_INSTRUCTION.match(p) for p in parts):
            return []  # "Now press Ctrl + Shift + J and then paste this code": steps to follow
        for part in parts:
            if _CONDITION.match(part):
                return []
            if len(_WORD.findall(part)) < 4 or _NOT_DONE.search(part) or _MODAL.search(part):
                continue
            if _RELATIVE.search(", " + part):
                continue  # "die in Ihrem Konto hinterlegt ist": a description
            if self.score(part) >= self.thresholds.add:
                claim = self.learned(sentence, offset, lang, part)
                if claim.verb or len(_WORD.findall(part)) >= 5:
                    return [claim]  # a short fragment with no verb ("best I've got") is none
        return []

    def learned(self, sentence: str, offset: int, lang: str | None = None, part: str = "") -> Claim:
        """The claim of a sentence (or of its clause ``part``) only the scorer read as one."""
        span = (offset, offset + len(sentence))
        part = part or sentence
        objects = extract_objects(part) or extract_objects(sentence)
        for code in self._choose(part, lang):
            tab = self._langs[code]
            for m in _WORD.finditer(part):
                verb = m.group()
                if not any(_in_context(p, part, m) for _, p in tab.classes):
                    continue  # round 16: "rond 15:30" is "around", not "rond" (done)
                lo, hi = self._clause(part, m.start(), m.end(), tab)
                action, alternatives = self._route(
                    part, verb, m.start(), m.end(), lo, hi, tab, tab.classes
                )
                if action is not None:
                    keys = claim_keys(part, verb)
                    return Claim(
                        action, span, sentence, objects, verb, alternatives, keys, by="scorer"
                    )
        keys = claim_keys(part, "")[1:]  # no verb: the clause's content words
        # its action verb, if a participle names one ("reserviert": claims_bridge.py), with
        # its particle ("switched on" is enabled, "switched" alone a plan change)
        verb = next((m.group() + (p.group() if (p := _PARTICLE.match(part, m.end())) else "")
                     for m in _WORD.finditer(part) if _PARTICIPLE.fullmatch(m.group())
                     and action_groups(m.group())
                     and (m.group().islower() or part.startswith(m.group()))), "")  # fmt: skip
        return Claim(CHANGED, span, sentence, objects, verb, keys=keys, by="scorer")


def _in_context(pattern: re.Pattern[str], text: str, word: re.Match[str]) -> bool:
    """Whether a verb class's pattern matches the word where it stands: its lookaheads see
    the words after it (a bare ``fullmatch`` of the word alone would pass them all)."""
    m = pattern.match(text, word.start())
    return m is not None and m.end() == word.end()


@functools.cache
def default_learned_detector() -> LearnedDetector:
    """The rules with the built-in scorer, one per process (loading takes ~0.1 s)."""
    return LearnedDetector(ClaimModel())


def claim_detector(settings: ClaimsGuardSettings) -> ClaimDetector:
    """The detector ``guard.claims`` asks for; ConfigError naming a missing or corrupt file."""
    name = settings.model.strip()
    if not name:
        return ClaimDetector()
    add, veto = settings.add_threshold, settings.veto_threshold
    try:
        if name == "builtin" and add is None and veto is None:
            return default_learned_detector()
        model = ClaimModel(None if name == "builtin" else Path(name).expanduser())
    except ClaimModelError as exc:
        raise ConfigError(f"setting 'guard.claims.model': {exc}") from exc
    thresholds = model.thresholds
    return LearnedDetector(
        model,
        Thresholds(
            thresholds.add if add is None else add, thresholds.veto if veto is None else veto
        ),
    )
