"""Person names in EN/DE/NL text without a statistical model: context cues (introductions,
titles, roles, greetings, sign-offs, verbs of saying after a name), first-name and surname
gazetteers, capitalisation, lists of names ("Kónya, Becker and Vasquez"), and propagation of a
name found once to its other mentions."""

from __future__ import annotations

import re
from importlib import resources

from supportllm.guard.alternation import compiled
from supportllm.guard.case_split import split_compiled
from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.pii_companies import CompanyWords, is_business, is_title_or_company
from supportllm.guard.pii_name_answers import NameAnswers, loose_name
from supportllm.guard.pii_name_births import NameBirths
from supportllm.guard.pii_name_caps import CapsNames
from supportllm.guard.pii_name_cues import (
    CAP_PARTICLES,
    GREETING_CUES,
    INNER_PARTICLES,
    INTRO_CUES,
    LIST_JOINER,
    LOWER_TOKEN,
    NAME_TOKEN,
    NON_PERSON,
    NOT_NAMES,
    PARTICLES,
    RELATION_CUES,
    ROLE_CUES,
    SIGNOFF_CUES,
    STRONG_CUES,
    TITLE_CUES,
    VERB_AFTER,
    WEAK_CUES,
)
from supportllm.guard.pii_name_forms import NameForms
from supportllm.guard.pii_name_last_line import LastLineName
from supportllm.guard.pii_name_marks import NameMarks
from supportllm.guard.pii_name_relations import drop_relation_words
from supportllm.guard.pii_name_roles import MoreCues
from supportllm.guard.pii_name_says import NameStatements
from supportllm.guard.pii_name_spots import NameSpots
from supportllm.guard.pii_name_tidy import drop_labels, is_label_word, trim_edges, whole_words
from supportllm.guard.pii_not_persons import NotPersons
from supportllm.guard.pii_places import PLACE_PREFIXES, PLACES, SHIP_PREFIXES
from supportllm.guard.pii_rules import Candidate

# Words before a lone surname that make it a place (round 14b): a town that is also a surname.
_PLACE_PREPOSITIONS = (" in", " uit", " aus", " nach", " naar", " near", " te")


def _load_list(name: str) -> frozenset[str]:
    text = resources.files("supportllm.guard").joinpath("data", name).read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _particle_name(word: str) -> bool:
    """A capitalised word after "von"/"van" that is no common word: a surname."""
    low = word.lower()
    return word[:1].isupper() and low not in NOT_NAMES and low not in NON_PERSON


def _glue(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join two names that touch inside one word into one ("MaryAnn", "JeanPierre"): the
    halves are found apart, but the word is one name."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if out and s == out[-1][1] and s > 0 and text[s - 1].isalpha() and text[s].isupper():
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


class NameFinder:
    """Finds person names; compiled cue patterns and the gazetteer belong to the instance."""

    def __init__(self, languages: list[str]) -> None:
        # faker's lists know few Dutch and Frisian call names and surnames ("Kees", "Truus",
        # "Wytske", "Dykstra", "Kamphuis"); a hand-kept list adds them (round 14)
        # round 14b: the stored faker lists miss Polish names as written with their letters
        # ("Małgorzata", "Wiśniewska", "Zielińska"), South Asian, Japanese and Scottish call
        # names ("Rajesh", "Kenji", "Morag") and short forms people sign with ("Tobi", "Tash",
        # "Basti"); hand-kept `*_more.txt` add them, less those that are common words
        self.first_names = (
            _load_list("first_names.txt")
            | _load_list("first_names_nl.txt")
            | _load_list("first_names_more.txt")
        )
        self.first_lower = frozenset(n.lower() for n in self.first_names)
        self.ambiguous = _load_list("ambiguous_first_names.txt")
        self.surnames = (
            _load_list("surnames.txt")
            | _load_list("surnames_nl.txt")
            | _load_list("surnames_more.txt")
        )
        self.languages = languages
        self._cue_cache: dict[str, tuple[re.Pattern[str], ...]] = {}
        name_seq = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{0,3}}"
        self.name_seq = re.compile(name_seq)
        self.name_seq_at = re.compile(rf"[ \t]*({name_seq})")
        self.lower_seq_at = re.compile(rf"[ \t]*({LOWER_TOKEN}(?:[ \t]+{LOWER_TOKEN})?)")
        self.token = re.compile(NAME_TOKEN)
        self.forms = NameForms()
        self.marks = NameMarks(self.first_lower, self.ambiguous, self._known_lower)
        self.companies = CompanyWords()
        self.spots = NameSpots()
        self.births = NameBirths()
        self.last_line = LastLineName(is_title_or_company)
        self.answers = NameAnswers(self._known_lower)
        self.says = NameStatements(self._known_lower, self.first_names, self.ambiguous)
        self.more_cues = MoreCues()
        self.not_persons = NotPersons(self._known_lower)
        self.caps = CapsNames(lambda w: w in self.first_names or w in self.surnames)
        self.before_verb = class_first_compiled(rf"(?<![\w])({name_seq})(?={VERB_AFTER})")
        member = rf"{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?"
        self.name_list = class_first_compiled(
            rf"(?<![\w])({member})((?:,[ \t]*{member})*){LIST_JOINER}({member})(?![\w])"
        )
        roles = "|".join(ROLE_CUES.values())
        self.role_word = split_compiled(rf"(?:{roles}|{TITLE_CUES})\.?", re.IGNORECASE)
        self.joiner_after = re.compile(rf"{LIST_JOINER}({NAME_TOKEN})(?![\w])")
        self.name_line = re.compile(
            rf"^[ \t>?]*({NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{1,3}})[ \t]*$",
            re.MULTILINE,
        )
        # a name and a comma right before an address/phone/e-mail, at a line's start or after
        # a label ("Account update: Oluwaseun Adebayo-Johnson, 45 Beechwood Road, …")
        self.name_before_anchor = re.compile(
            rf"(?:^|:)[ \t]*({NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{1,3}})"
            r",[ \t]*$",
            re.MULTILINE,
        )
        # a form's name field right below: the line above it is the form's title
        self.name_field_next = re.compile(
            r"[ \t]*\n[ \t]*(?:(?:full|first|last|sur|family)[ \t]?)?"
            r"(?:name|naam|vorname|nachname|voornaam|achternaam)[ \t]*:",
            re.IGNORECASE,
        )

    def _cues(self, lang: str | None) -> tuple[re.Pattern[str], ...]:
        key = lang or "*"
        if key not in self._cue_cache:
            langs = [lang] if lang in ("en", "de", "nl") else self.languages

            def join(cues: dict[str, str]) -> str:
                return "|".join(cues[x] for x in langs)

            i = re.IGNORECASE
            strong = split_compiled(
                rf"(?<![\w])(?:{join(STRONG_CUES)}|{join(RELATION_CUES)})(?!\w)[ \t]*[:,]?[ \t]*", i
            )
            weak = split_compiled(rf"(?<![\w])(?:{join(WEAK_CUES)})[ \t]*,?[ \t]*", i)
            title = split_compiled(rf"(?<![\w])(?:{TITLE_CUES})\.?[ \t]+", i)
            greet = compiled(rf"(?:^|(?<=[\n>]))[ \t]*(?:{join(GREETING_CUES)})[ \t]+", i | re.M)
            signoff = compiled(
                rf"(?:^|(?<=[\n>.!]))[ \t]*(?:{join(SIGNOFF_CUES)})[ \t]*[,!.—–-]?[ \t]*\n?[ \t>]*",
                i | re.M,
            )
            role = split_compiled(rf"(?<![\w])(?:{join(ROLE_CUES)})[ \t]*:?[ \t]*", i)
            intro = split_compiled(rf"(?<![\w])(?:{join(INTRO_CUES)})[ \t]*[:,]?[ \t]*", i)
            self._cue_cache[key] = (strong, weak, title, greet, signoff, role, intro)
        return self._cue_cache[key]

    def find(
        self, text: str, lang: str | None, anchors: list[int] | None = None
    ) -> list[Candidate]:
        """`anchors`: where addresses, phones and e-mails start; a line holding only a name
        just above them (a signature or address block), or a name and a comma right before
        one on its line, is a name."""
        anchors = anchors or []
        strong, weak, title, greet, signoff, role, intro = self._cues(lang)
        found: list[tuple[int, int]] = []
        for m in intro.finditer(text):
            # "its kwame", "bin der jannik", "ik ben fenna": a known first name in lower case too
            found.extend(
                self._name_after(text, m.end(), need_first=False, need_full=True, lower_ok=True)
            )
        for m in role.finditer(text):
            found.extend(self._name_after(text, m.end(), need_first=False, need_two=True))
        low = text.lower()
        for pos in self.more_cues.roles(text, low):
            found.extend(self._name_after(text, pos, need_first=False, need_two=True))
        for pos in self.more_cues.parties(text, low):
            found.extend(
                (s, e)
                for s, e in self._name_after(text, pos, need_first=False, need_two=True)
                if any(self._known(w) for w in re.split(r"[\s-]+", text[s:e]))
            )
        for pos in self.more_cues.name_fields(text, low):
            found.extend(self._name_after(text, pos, need_first=False, lower_ok=True))
            found.extend(loose_name(text, pos, self._known_lower))
        for pos in self.says.stated(text, low):  # round 16: "Name on the receipt is …"
            found.extend(self._name_after(text, pos, need_first=False, lower_ok=True))
            found.extend(self.says.lower_name(text, pos))
        for pos in self.says.agents(text, low):  # "you're chatting with Mark"
            for s, e in self._name_after(text, pos, need_first=False, lower_ok=True):
                if self.says.agent_name(text[s:e]):
                    found.append((s, e))
        found.extend(self.says.team_intros(text, low))  # "this is Mark from support"
        for m in title.finditer(text):
            found.extend(self._name_after(text, m.end(), need_first=False))
        for rx in (strong, greet, signoff):
            for m in rx.finditer(text):
                # a lower-case known first name after a strong cue or a sign-off
                # ("mein kumpel jonas", "groetjes, jens")
                lower_ok = rx is strong or rx is signoff
                found.extend(self._name_after(text, m.end(), need_first=False, lower_ok=lower_ok))
        for m in weak.finditer(text):
            # "ask for murat at reception": a known first name in lower case after asking for,
            # speaking or talking to someone (round 15)
            lower_ok = m.group().rstrip(" \t,").lower().endswith((" for", " to", " with"))
            found.extend(self._name_after(text, m.end(), need_first=True, lower_ok=lower_ok))
        found.extend(self._gazetteer(text))
        found.extend(self._surname_pairs(text))
        found.extend(self._before_verbs(text))
        found.extend(self._name_lines(text, anchors))
        found.extend(self.forms.find(text))
        found.extend(self.marks.find(text))
        found.extend(self.caps.find(text))
        found.extend(self.spots.find(text))
        found.extend(self.births.find(text))
        found.extend(self.last_line.find(text))
        found.extend(self.answers.find(text))
        found = self._persons_only(text, trim_edges(text, drop_relation_words(text, found)))
        found = drop_labels(text, _glue(text, found), self.first_names.__contains__)
        # round 16: no span starts or ends inside a word ("contact|ing"), nor spreads from one
        found = whole_words(text, found)
        more = self._lists(text, found)
        more += self._propagate(text, found + more)
        found += self._persons_only(text, trim_edges(text, more))
        return [Candidate(s, e, "PERSON", 50) for s, e in whole_words(text, _glue(text, found))]

    def _persons_only(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Drop what names a business or a place: "Doyle Family Dental", "Karl Brenninger
        GmbH", "Albert Heijn", "San Francisco"."""
        if not found:
            return found
        out: list[tuple[int, int]] = []
        for s, e in found:
            whole = e
            while whole < len(text) and text[whole].isalnum():
                whole += 1  # the rest of a word cut short ("Gmb|H")
            words = text[s:whole].split()
            if (
                is_business(words)
                or self.companies.business_after(text, whole)
                or self.companies.business_before(text, s)
                or self.companies.in_brand(text, s, whole, words)
                or self.companies.product_quote(text, s)
                or (len(words) > 1 and words[0] in PLACE_PREFIXES)
                or self._place_prefix_before(text, s)
                or self.not_persons.any(text, s, whole)
            ):
                continue
            out.append((s, e))
        return out

    def _known(self, token: str) -> bool:
        """A first name or surname that is not also a common word."""
        return (token in self.first_names and token not in self.ambiguous) or (
            token in self.surnames
        )

    def _plausible(self, tokens: list[str]) -> bool:
        return not any(t.lower() in NOT_NAMES or t.lower() in NON_PERSON for t in tokens) or (
            tokens[0].lower() in CAP_PARTICLES and len(tokens) > 1
        )

    def _name_after(
        self,
        text: str,
        pos: int,
        *,
        need_first: bool,
        lower_ok: bool = False,
        need_two: bool = False,
        need_full: bool = False,
    ) -> list[tuple[int, int]]:
        """The name starting at ``pos``. ``need_first``: its first word is a known first name;
        ``need_two``: two capitalised words unless the first is known; ``need_full``: two or
        three capitalised words, none of them a common word, ending the clause."""
        m = self.name_seq_at.match(text, pos)
        if m is None:
            if lower_ok:
                low = self.lower_seq_at.match(text, pos)
                words = low.group(1).split() if low else []
                # not a name that is also a common word ("my gf, my sister", "a friend made")
                if (
                    low
                    and words[0] in self.first_lower
                    and words[0].capitalize() not in (self.ambiguous)
                ):
                    # a second word only when it is a surname ("anton meier", not "jonas
                    # schicken")
                    two = len(words) > 1 and self._lower_surname(words[1])
                    return [(low.start(1), low.end(1) if two else low.start(1) + len(words[0]))]
            return []
        start, end = m.start(1), m.end(1)
        tokens = m.group(1).split()
        if tokens[0].lower() in NOT_NAMES and not (
            tokens[0].lower() in CAP_PARTICLES and len(tokens) > 1
        ):
            return []
        # Trim trailing words that are no name ("Anna Thanks", "Jan Bestellung" is rare).
        kept = self._trim(text, start, tokens)
        if not kept:
            return []
        end = kept
        first = tokens[0]
        if need_first and (first not in self.first_names or first in self.ambiguous):
            return []
        if need_two:
            kept_tokens = text[start:end].split()
            if any(t.lower() in NON_PERSON for t in kept_tokens):
                return []
            if len([t for t in kept_tokens if t[0].isupper()]) < 2 and not self._known(first):
                return []
        if need_full and not self._full_name(text, start, end):
            # "ich bin Trần Văn Minh vom Imbiss": the name ends before where the person is from
            cut = re.search(r"[ \t]+(?:vom|von|van|uit|aus|bij|from|at)[ \t]", text[start:end])
            if cut is None or not self._full_name(text, start, start + cut.start()):
                return []
            end = start + cut.start()
        if len(text[start:end]) < 2 or (text[start:end].endswith(".") and end - start <= 2):
            return []
        return [(start, end)]

    def _known_lower(self, word: str) -> bool:
        return word in self.first_lower or self._lower_surname(word)

    def _lower_surname(self, word: str) -> bool:
        """A surname typed in lower case: a known one in any of its capitalisations
        ("o'connor", "nowak-król", "zhang") or the Irish/Scottish shapes ("o'neill",
        "mcallister"); round 14b, the first only took "meier"-like words."""
        if re.fullmatch(r"(?:o|d)['’][a-z]{3,}|ma?c[a-z]{4,}", word):
            return True
        parts = [p for p in re.split(r"[-'’]", word) if p]
        return any(p.capitalize() in self.surnames for p in parts) and all(
            p.lower() not in NOT_NAMES for p in parts
        )

    def _full_name(self, text: str, start: int, end: int) -> bool:
        """First name + surname shape: 2-3 capitalised words (no initials), none a common
        word, followed by the end of the clause (punctuation, a line end, the text's end)."""
        tokens = text[start:end].split()
        if not 2 <= len(tokens) <= 3 or any(len(t) < 2 or t.endswith(".") for t in tokens):
            return False
        # a particle between two names is part of the name, capitalised or not ("Tran Van
        # Minh", "Pieter Van Dam")
        inner = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1
                 and t.lower() in CAP_PARTICLES)]  # fmt: skip
        if any(t.lower() in NOT_NAMES or t.lower() in NON_PERSON for t in inner):
            return False
        rest = text[end : end + 5]
        # or a clause that says where the person is from or works ("ik ben Wytske Dykstra uit
        # Drachten", "met Tran Van Minh van restaurant Saigon", "this is Ade Bello from Acme")
        return (
            not rest
            or rest[0] in ",.;:!?)\n"
            or rest.startswith((" (", " -", " –", " und ", " and ", " en "))
            or rest.startswith((" uit ", " van ", " from ", " of ", " aus ", " von ", " bij "))
            or rest.startswith((" vom", " beim", " at ", " with "))  # round 15
        )

    def _trim(self, text: str, start: int, tokens: list[str]) -> int:
        pos = start
        end = start
        prev = ""
        for i, tok in enumerate(tokens):
            idx = text.index(tok, pos)
            # "Jan de Vries", "Ursula von der Leyen" keep their particles; "Anna der Film" not
            # a capitalised particle too ("Tran Van Minh"), but the name does not end on it;
            # "von" (a mail header word too) when a known surname follows ("Anna Maria von
            # Weber"; not "Karl Huber von der Stadtverwaltung")
            inner = tok.lower() in INNER_PARTICLES or (tok in ("der", "den", "dem", "de") and
                                                       prev in ("van", "von"))  # fmt: skip
            if tok == "von" and not inner:
                nxt = [t for t in tokens[i + 1 : i + 3] if t not in ("der", "dem")][:1]
                inner = bool(nxt) and _particle_name(nxt[0]) and self._known(nxt[0])
            if tok.lower() in NOT_NAMES and end > start and not inner:
                break
            prev = tok
            pos = idx + len(tok)
            if tok[0].isupper() and not (end > start and tok.lower() in INNER_PARTICLES):
                end = pos
        return end

    def _gazetteer(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        covered = -1
        for tok in self.token.finditer(text):
            first = tok.group()
            if tok.start() < covered or first not in self.first_names:
                continue
            if first.lower() in NOT_NAMES:
                continue
            m = self.name_seq_at.match(text, tok.start())
            if m is None:
                continue
            s = tok.start()
            tokens = m.group(1).split()
            multi = (
                len(tokens) > 1 and tokens[1][0].isupper() and tokens[1].lower() not in NOT_NAMES
            )
            if first in self.ambiguous and not multi:
                continue
            end = self._trim(text, s, tokens)
            if end > s:
                out.append((s, end))
                covered = end
        return out

    def _surname_pairs(self, text: str) -> list[tuple[int, int]]:
        """A capitalised word (or initial) followed by a known surname: "Asya Godina",
        "Soib K. Kishiev"; nothing that reads as a street, company or place."""
        out: list[tuple[int, int]] = []
        for m in self.name_seq.finditer(text):
            if (
                (m.start() > 0 and text[m.start() - 1].isalnum())
                or text[m.end() : m.end() + 1] in ("/", "-", "_")
                or (m.end() < len(text) and text[m.end()].isalnum())
            ):
                continue  # inside a word or a compound: "GitHub Pages", "StackEdit", "Parent/Child"
            tokens = m.group().split()
            while tokens and (
                tokens[0].lower() in NOT_NAMES
                or self.role_word.fullmatch(tokens[0])
                or is_label_word(tokens[0])
            ):
                tokens = tokens[1:]
            if len(tokens) == 1 and tokens[0] in self.surnames and m.start() > 1:
                if tokens[0] in PLACES:
                    continue  # "moved to Porto", "uit Gent": a place, not a person
                prev = text[: m.start()].rstrip()
                if (" " + prev.lower()).endswith(_PLACE_PREPOSITIONS):
                    continue  # "ik woon in Emmen", "naar Engeland": a town or a country
                if prev and prev[-1] not in ".!?:\n\"'(" and self._plausible(tokens):
                    out.append((m.end() - len(tokens[0]), m.end()))
                continue
            if len(tokens) < 2 or not any(t in self.surnames for t in tokens[1:]):
                continue
            if not self._plausible(tokens) or tokens[0].endswith("."):
                continue
            if re.match(r"[ \t]*[\d(]", text[m.end() : m.end() + 3]):
                continue  # a model with its number ("Speedport Smart 4"), not a person
            start = m.start() + m.group().index(tokens[0])
            out.append((start, start + len(" ".join(tokens))) if " ".join(tokens) in m.group()
                       else (start, m.end()))  # fmt: skip
        return out

    def _before_verbs(self, text: str) -> list[tuple[int, int]]:
        """A capitalised sequence before a verb only people do: two words, or a known name."""
        out: list[tuple[int, int]] = []
        for m in self.before_verb.finditer(text):
            tokens = m.group(1).split()
            while tokens and (
                tokens[0].lower() in NOT_NAMES
                or self.role_word.fullmatch(tokens[0])
                or is_label_word(tokens[0])
            ):
                tokens = tokens[1:]
            if not tokens or not self._plausible(tokens):
                continue
            caps = [t for t in tokens if t[0].isupper()]
            if len(caps) < 2 and not self._known(tokens[0]):
                continue
            out.append((m.end(1) - len(m.group(1)) + m.group(1).index(tokens[0]), m.end(1)))
        return out

    def _lists(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names in a list: "Kónya, Becker and Vasquez" when two members are known names (or
        already found), and a known name joined to a name found elsewhere ("Gladys and Logan")."""
        out: list[tuple[int, int]] = []
        starts = {s for s, _ in found}
        for m in self.name_list.finditer(text):
            members: list[tuple[int, int]] = []
            for g in (1, 2, 3):
                for sub in re.finditer(r"[^,]+", m.group(g)):
                    raw = sub.group()
                    tok = raw.strip()
                    if tok:
                        s = m.start(g) + sub.start() + raw.index(tok)
                        members.append((s, s + len(tok)))
            tokens = [text[s:e] for s, e in members]
            if any(not self._plausible(t.split()) for t in tokens):
                continue
            known = sum(
                1
                for (s, _), t in zip(members, tokens, strict=True)
                if s in starts or all(self._known(w) and w not in PLACES for w in t.split())
            )
            if known >= 2:
                out.extend(members)
        for _s, e in found + out:
            j = self.joiner_after.match(text, e)
            if j and self._known(j.group(1)) and self._plausible([j.group(1)]):
                out.append((j.start(1), j.end(1)))
        return out

    def _place_prefix_before(self, text: str, start: int) -> bool:
        """ "San Francisco", "Bad Homburg": the word before is the start of a place name."""
        if text[start - 1 : start] not in (" ", "\t"):
            return False
        words = text[max(0, start - 12) : start].split()
        if not words:
            return False
        word = words[-1].lstrip(",;:(\"'")
        return word in PLACE_PREFIXES or (
            word in SHIP_PREFIXES and text[start + 1 : start + 2].islower()
        )

    def _name_lines(self, text: str, anchors: list[int]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if not anchors:
            return out
        for m in self.name_line.finditer(text):
            tokens = m.group(1).split()
            if any(t.lower() in NOT_NAMES for t in tokens if t.lower() not in CAP_PARTICLES):
                continue
            if is_title_or_company(tokens):
                continue  # "Senior Procurement Officer", "Halden Logistics Ltd" under a name
            if self.name_field_next.match(text, m.end()):
                continue  # "Bestellformular Weinversand⏎Name: …": a title, the name is below
            # The anchor must start within the next three lines.
            window_end = m.end()
            for _ in range(3):
                nxt = text.find("\n", window_end + 1)
                window_end = len(text) if nxt < 0 else nxt
            if any(m.end() < a <= window_end for a in anchors):
                out.append((m.start(1), m.end(1)))
        for a in anchors:
            line_start = text.rfind("\n", 0, a) + 1
            if a - line_start < 6 or text[a - 2 : a].strip() != ",":
                continue
            hit = self.name_before_anchor.search(text, max(line_start, a - 80), a)
            if hit is None:
                continue
            tokens = hit.group(1).split()
            known = any(self._known(w) for t in tokens for w in t.split("-"))  # no "Kestrel House"
            if known and self._plausible(tokens) and not is_title_or_company(tokens):
                out.append(hit.span(1))
        return out

    def _propagate(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        words: set[str] = set()
        for s, e in found:
            for tok in text[s:e].split():
                if (
                    len(tok) >= 3
                    and tok[0].isupper()
                    and tok.lower() not in NOT_NAMES
                    and tok not in self.ambiguous
                    and not tok.endswith(".")
                ):
                    words.add(tok)
        if not words:
            return []
        rx = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w])")
        out = [(m.start(), m.end()) for m in rx.finditer(text)]
        # "Agent (Priya): …  Customer: ok priya, …": a known name's lower-case mention too
        known = sorted(w.lower() for w in words if self._known(w))
        if known:
            low = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, known)) + r")(?![\w-])")
            out += [(m.start(), m.end()) for m in low.finditer(text)]
        return out
