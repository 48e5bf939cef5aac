"""Addresses: the street patterns of `RulePatterns` and `StreetPatterns`, each match grown by
the building number before it and the lines of an address block after it; an address label's
value when no pattern matched inside it; a unit alone ("Flat 2").

Out of pii_rules.py (round 13, second pass) to keep each module under 600 lines.
"""

from __future__ import annotations

import re

from supportllm.guard.pii_rules import ADDRESS_PREFIX_STOP, Candidate, RulePatterns, _before

# a full stop after a number, a code with a digit or a word of four letters or more, then a
# new sentence ("6AR. I'm", "Roma. Thanks"); not "St. Helens", "Imm. 3"
_SENTENCE_END = re.compile(r"(?:\d|\d[A-Z]{1,3}|[^\W\d_]{4})([.!?])[ \t]+(?=[A-ZÀ-Þ\"'(„“])")
_TRAILING_LOWER = re.compile(r"(?:[ \t]+[a-zà-ÿ]{2,}[.!?]?)+[ \t.!?]*$")
_ADDRESS_WORD = re.compile(
    r"(?i)(?:address|adresse|adres|anschrift|street|straße|strasse|straat)\b[^\n:]{0,30}:[ \t]*$"
)
_UNIT_BEFORE = re.compile(
    r"(?<![\w])(?:Apt|Apartment|Suite|Unit|Flat|Appt|Wohnung|Whg)\.?[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?"
    r",?[ \t]+$"
)
_NOT_POSTAL = ("mac-", "mac ", "ip-", "ip ", "mail-", "mail ", "mail", "web", "web ", "web-")


def _not_pii_before(p: RulePatterns, text: str, start: int) -> bool:
    """An order, invoice … cue right before: no address, unless an address label stands before
    that cue ("our home address for the invoice: Moda Cad. No: 112")."""
    before = _before(text, start, 25).lower()
    if not p.not_pii_before.search(before):
        return False
    return not _ADDRESS_WORD.search(_before(text, start, 50))


def _clause_end(part: str) -> int:
    """Where the address part after a comma ends: at a sentence's end ("Leicester LE4 6AR. I'm
    Rohan", not at "St. Helens" or "Imm. 3"), without the lower-case words that trail after
    the town ("20121 Milano please", "111 21 Stockholm last week")."""
    cut = _SENTENCE_END.search(part)
    end = cut.start(1) if cut else len(part)
    trail = _TRAILING_LOWER.search(part, 0, end)
    return trail.start() if trail and trail.start() > 0 else end


def _extend_address(p: RulePatterns, text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a building number before the street ("3482 Via Franscini 71") and the lines of
    an address block after it (unit, city, postcode, country; one blank line allowed)."""
    line_start = text.rfind("\n", 0, start) + 1
    m = p.number_before.search(text[line_start:start])
    if m:
        start = line_start + m.start()
    m = _UNIT_BEFORE.search(text, max(line_start, start - 24), start)
    if m:  # "Unit 4, 88 Cavendish Street": the unit belongs to it
        start = m.start()
    lines_taken = 0
    for _ in range(4):
        if text.startswith("\n", end) or text.startswith(",", end):
            nxt = end + 1
        else:
            break
        same_line = text[end] == ","
        if text.startswith("\n", nxt):
            nxt += 1
        line_end = text.find("\n", nxt)
        line_end = len(text) if line_end < 0 else line_end
        if same_line:
            comma = text.find(",", nxt, line_end)
            line_end = line_end if comma < 0 else comma
            line_end = nxt + _clause_end(text[nxt:line_end])
        line = text[nxt:line_end]
        body = line.strip(" \t>?")
        if not body or len(body) > 40 or not p.block_line.fullmatch(line):
            break
        if sum(c.isdigit() for c in body) >= 8 or ":" in body or "@" in body:  # PT: 4050-265
            break
        if not same_line and p.date.search(body):
            break  # "geb. am 23. Juli 1955" below the town is the next field, not the address
        words = body.split()
        # A town or country line of capitalised words ("Pines Beach", "New Zealand 34694") is
        # taken on a later line of a block, not as the first line after the street.
        titled = all(w[0].isupper() or w.lower() in ("de", "la", "van", "am", "an", "nad")
                     for w in words) and len(words) <= 4  # fmt: skip
        if not any(c.isdigit() for c in body) and not (
            ((same_line or lines_taken > 0) and titled) or len(words) == 1 or body.isupper()
        ):
            break
        lines_taken += 0 if same_line else 1
        end = nxt + len(line.rstrip(" \t.")) if same_line else nxt + len(line.rstrip(" \t"))
        if same_line or body.endswith("."):
            break
    return start, end


# A day and a month name without the year (round 15, v22): "3 Nov. Aged 71" is no street.
_DAY_MONTH = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?\.?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"januar|februar|märz|mai|juni|juli|oktober|dezember|januari|februari|maart|mei|augustus)"
    r"(?![\w])",
    re.IGNORECASE,
)


def find_addresses(p: RulePatterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for rx, prio in (
        (p.street_en, 60),
        (p.street_de_nl, 60),
        (p.street_de_sep, 60),
        (p.street_prefix, 60),
        (p.street_num_word_num, 60),
        (p.po_box, 60),
        (p.lives_on, 60),
    ):
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if _not_pii_before(p, text, s):
                continue
            if rx is p.street_num_word_num and (p.date.match(text, s) or _DAY_MONTH.match(text, s)):
                continue  # "Date: Tue, 4 Mar 2025 at 10:12", "renewal on 3 Nov. Aged 71"
            words = text[s:e].split(maxsplit=1)
            if len(words) == 2 and words[0].lower() in ADDRESS_PREFIX_STOP:
                s = e - len(words[1])
            if rx is p.lives_on:
                s = m.start(1)
            s, e = _extend_address(p, text, s, e)
            out.append(Candidate(s, e, "ADDRESS", prio))
    for s, e in p.streets_abroad.spans(text) + p.abroad.streets(text):
        if not _not_pii_before(p, text, s):
            out.append(Candidate(*_extend_address(p, text, s, e), "ADDRESS", 60))
    # "Address: <anything up to the end of the line>" when no pattern matched inside it.
    for m in p.address_ctx.finditer(text):
        if _before(text, m.start(), 5).lower().endswith(_NOT_POSTAL):
            continue  # a device's "MAC-adres", "IP-Adresse", an "e-mail address"
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        segment = text[m.end() : line_end]
        cut = re.search(r"[.;!?](?:\s|$)", segment)
        stop = m.end() + (cut.start() if cut else len(segment))
        value = text[m.end() : stop].strip()  # "address from 1 September:" introduces one
        if value.endswith(":") or re.match(r"(?i)(?:from|as of|ab|vanaf|per|seit|sinds)\b", value):
            continue
        if stop - m.end() >= 5 and any(c.isdigit() for c in value):
            out.append(Candidate(m.end(), stop, "ADDRESS", 57))
    for m in p.unit_alone.finditer(text):
        out.append(Candidate(m.start(), m.end(), "ADDRESS", 40))
    return out
