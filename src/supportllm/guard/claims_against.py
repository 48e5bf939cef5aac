"""What the customer said against what the call did (round 14c of issue 16, item 4).

Three kinds of one mistake, each read without a table of keys or tools:

- *The value the customer turned down*: "from the Manchester branch instead of Leeds",
  "Gartenstraße 9, nicht Gartenweg", "in plaats van dinsdag". A successful call that carries the
  refused value (not under a key for the old value: ``from``, ``alt``, ``van``) did what the
  customer said not to; the reply that claims the deed and never names the refused value hides
  it.
- *Another weekday*: the claim names a weekday the customer asked for ("De woensdag is …
  toegevoegd"), and a successful call holds another weekday (``dag: "donderdag"``) and none holds
  the claim's; the reply never names the call's.
- *Another amount*: the claim names amounts ("Ihr Abschlag beträgt ab Juli 95 €", "zahlst nur
  noch 29,90 €") that no call carries, while a successful call holds the deed's amount under a
  key for it (``betrag: 105``, ``monatlich: 34.9``) that the reply never names.

Each check is gated on a literal of the texts, so a reply without one costs a regex search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_detect import guess_language
from supportllm.guard.claims_echoed import echo_conflict
from supportllm.guard.claims_keyed import OLD_KEY, keyed_conflict
from supportllm.guard.ledger import ToolCall

__all__ = ["against_call", "one_thing"]

# The customer's refusal of a value: "instead of Leeds", ", not Gartenweg", "statt 120 €",
# "in plaats van dinsdag" — the refused value is a capitalised word, a number or a weekday.
_REFUSED: Final = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|,\s*not|\b(?:an)?statt|\banstelle\s+von|,\s*nicht|"
    r"\bin\s+plaats\s+van|\bi\.p\.v\.|,\s*niet)"
    # round 15: "statt zu Jonas"
    r"(?:\s+(?:to|at|with|for|zu|zur|zum|bei|mit|naar|bij|met|voor))?"
    r"\s+(?:the|der|die|das|den|dem|de|het|im|in|am|op)?"
    r"\s*((?-i:[A-ZÄÖÜ])[\w-]{2,}|\d+(?:[.,]\d+)?|[a-z]+(?:day|tag|dag))\b",
    re.IGNORECASE,
)
# Round 15: a number refused right after a street or a room with its number ("to 9 Oak Road not
# 19", "Lindenweg 4 nicht 14"); not "I'm not 100 percent sure".
_NOT_NUMBER: Final = re.compile(
    r"(?:\d+\w?\s+(?-i:[A-ZÄÖÜ])[\w-]+(?:\s+(?-i:[A-ZÄÖÜ])[\w-]+)?|(?-i:[A-ZÄÖÜ])[\w-]+\s+\d+\w?)"
    r"\s+(?:not|nicht|niet)\s+(\d+)\b",
    re.IGNORECASE,
)
# Round 15: the value the customer does not want, said after it: "Sem hoeft niet", "Ava's is
# fine where it is", "Mia braucht nicht", "Tom doesn't need one" ("Tuesday is fine for me"
# agrees to Tuesday: only "fine where it is / as it is / as is" keeps a thing as it was).
_NOT_WANTED: Final = re.compile(
    r"\b((?-i:[A-ZÄÖÜ])[\w-]+)(?:['’]s)?\s+(?:hoeft\s+(?:niet|geen)|"
    r"is\s+fine\s+(?:where\s+it\s+is|as\s+it\s+is|as\s+is)\b|"
    r"(?:doesn['’]t|does\s+not)\s+(?:need|have)\b|braucht\s+(?:nicht|kein)|muss\s+nicht)",
    re.IGNORECASE,
)
# A clause that says the refused thing stays as it was ("and Ava's appointment stays as it
# was"): naming it there hides that the call changed it.
_STAYS: Final = re.compile(
    r"\b(?:stays|stay|remains|unchanged|as\s+it\s+was|bleibt|unverändert|blijft|ongewijzigd)\b"
)
_CLAUSE: Final = re.compile(r"[.;!?]\s|,\s|\s(?:and|und|en|but|aber|maar)\s")
_TOKEN: Final = re.compile(r"[^\W_]+(?:[.,]\d+)?")


def _refused_conflict(asked: str, reply: str, values: Sequence[tuple[str, str]]) -> str | None:
    lowered = reply.lower()
    refusals = (_REFUSED, _NOT_NUMBER, _NOT_WANTED)
    for m in [m for r in refusals for m in r.finditer(asked)]:
        refused = m.group(1).lower()
        named = re.compile(rf"(?<!\w){re.escape(refused)}(?!\w)")
        if any(named.search(c) and not _STAYS.search(c) for c in _CLAUSE.split(lowered)):
            continue  # the reply names it: "not Leeds but Manchester, as you asked"
        for key, value in values:
            if OLD_KEY.search(key):
                continue
            if refused in (t.lower() for t in _TOKEN.findall(value)):
                return f"the call has {key} {value!r}, which the customer said instead of"
    return None


_WEEKDAYS: Final = (
    ("monday", "montag", "maandag"), ("tuesday", "dienstag", "dinsdag"),
    ("wednesday", "mittwoch", "woensdag"), ("thursday", "donnerstag", "donderdag"),
    ("friday", "freitag", "vrijdag"), ("saturday", "samstag", "zaterdag", "sonnabend"),
    ("sunday", "sonntag", "zondag"),
)  # fmt: skip
_WEEKDAY: Final = re.compile(
    r"(monday|montag|maandag|tuesday|dienstag|dinsdag|wednesday|mittwoch|woensdag|thursday|"
    r"donnerstag|donderdag|friday|freitag|vrijdag|saturday|samstag|zaterdag|sonnabend|sunday|"
    r"sonntag|zondag)",
    re.IGNORECASE,
)


def _days(text: str) -> set[int]:
    """The weekdays a text names (also opening a compound: "dinsdagavond", "Dienstagabend")."""
    return {
        i
        for m in _WEEKDAY.finditer(text)
        if not text[m.start() - 1 : m.start()].isalpha()
        for i, names in enumerate(_WEEKDAYS)
        if m.group().lower() in names
    }


def _weekday_conflict(
    text: str, asked: str, reply: str, values: Sequence[tuple[str, str]]
) -> str | None:
    said = _days(text) & _days(asked)
    if not said:
        return None
    have = _days(" ".join(v for k, v in values if not OLD_KEY.search(k)))
    if not have or have & said or have & _days(reply):
        return None
    return "names another weekday than the call has"


# Colours, the variant of a product a customer names most ("the colour 302 cartridge", "die
# schwarze Hülle", "de blauwe").
_COLOURS: Final = frozenset((
    "black", "white", "red", "blue", "green", "yellow", "grey", "gray", "pink", "purple",
    "orange", "brown", "silver", "gold", "colour", "color", "schwarz", "schwarze", "schwarzen",
    "weiß", "weiss", "weiße", "weisse", "rot", "rote", "blau", "blaue", "grün", "gruen",
    "grüne", "gelb", "gelbe", "grau", "graue", "rosa", "lila", "braun", "braune", "silber",
    "farbig", "farbe", "zwart", "zwarte", "wit", "witte", "rood", "rode", "blauw", "blauwe",
    "groen", "groene", "geel", "gele", "grijs", "grijze", "roze", "paars", "paarse", "bruin",
    "bruine", "zilver", "goud", "kleur",
))  # fmt: skip


def _colour_conflict(text: str, asked: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A colour the customer asked for, said in the claim, where a call's value names another
    colour and none names the claim's ("A colour 302 cartridge is on its way" after
    ``product: "Ink cartridge 302 black"``)."""
    said = {w.lower() for w in _TOKEN.findall(text)} & _COLOURS
    if not said:
        return None
    said &= {w.lower() for w in _TOKEN.findall(asked)}
    if not said:
        return None
    for key, value in values:
        if OLD_KEY.search(key):
            continue
        theirs = {w.lower() for w in _TOKEN.findall(value)} & _COLOURS
        if (
            theirs
            and not theirs & said
            and not any(_same_colour(a, b) for a in said for b in theirs)
        ):
            return f"names {', '.join(sorted(said))} where the call has {key} {value!r}"
    return None


def _same_colour(a: str, b: str) -> bool:
    """One colour inflected ("schwarze" / "schwarz", "blauwe" / "blauw") or spelled two ways."""
    pair = {a, b}
    return a.startswith(b) or b.startswith(a) or pair in ({"grey", "gray"}, {"colour", "color"})


# Keys that hold the amount a deed set or charges.
_AMOUNT_KEY: Final = re.compile(
    r"amount|betrag|bedrag|price|preis|prijs|monatlich|maandelijks|monthly|abschlag|termijn|"
    r"beitrag|premie|praemie|prämie|tarif|rate|total|summe|totaal|value|wert|waarde",
    re.IGNORECASE,
)


_HUNDREDTHS: Final = re.compile(r"pence|cent|(?:^|_)ct(?:_|$)", re.IGNORECASE)
_THOUSANDS: Final = re.compile(r"(?<=\d)['’.,](?=\d{3}(?!\d))")


def _amount_conflict(
    objects: Sequence[str], reply: str, values: Sequence[tuple[str, str]]
) -> str | None:
    named = {float(o[7:]) for o in objects if o.startswith("amount:")}
    if not named:
        return None
    carried: set[float] = set()
    keyed: list[tuple[str, float]] = []
    for key, value in values:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            continue
        if _HUNDREDTHS.search(key):
            number /= 100  # "amount_pence": 2000 is £20.00
        carried.add(number)
        if _AMOUNT_KEY.search(key) and not OLD_KEY.search(key):
            keyed.append((key, number))
    if not keyed or named & carried:
        return None
    plain = _THOUSANDS.sub("", reply)  # "CHF 1'250.00", "1.250,00 €"
    spoken = {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d{1,2})?", plain)}
    for key, number in keyed:
        if number not in spoken:
            said = ", ".join(f"{a:g}" for a in sorted(named))
            return f"names {said} where the call has {key} {number:g}"
    return None


def against_call(
    text: str,
    objects: Sequence[str],
    asked: str,
    reply: str,
    done: Sequence[tuple[str, Sequence[tuple[str, str]]]],
) -> str | None:
    """Why a claim (its own clause ``text`` and its ``objects``) says what the customer asked
    while the successful calls (``done``) did what they refused, another weekday or another
    amount; None when none of these."""
    values = [kv for _, vs in done for kv in vs]
    if not values:
        return None
    return (
        _count_conflict(text, done)
        or _refused_conflict(asked, reply, values)
        or _weekday_conflict(text, asked, reply, values)
        or _colour_conflict(text, asked, values)
        or _amount_conflict(objects, reply, values)
        or keyed_conflict(text, asked, reply, done)  # round 15: the slot the call's key names
        or echo_conflict(text, asked, reply, done, guess_language(reply) == "de")  # 15, 3rd pass
    )


# "all three books", "alle drei Bücher", "alle 4 lessen": a count of the things done.
_ALL_N: Final = re.compile(
    r"\b(?:all|alle)\s+(three|four|five|six|drei|vier|f(?:ü|ue)nf|sechs|drie|vijf|zes|[3-9])\b",
    re.IGNORECASE,
)
_COUNTS: Final = {
    "three": 3, "drei": 3, "drie": 3, "four": 4, "vier": 4, "five": 5, "fünf": 5, "fuenf": 5,
    "vijf": 5, "six": 6, "sechs": 6, "zes": 6,
}  # fmt: skip


def _count_conflict(text: str, done: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str | None:
    """More things claimed ("für alle drei Bücher … verlängert") than the calls' list held
    (``medien: [M-10231, M-10877]``) and than calls succeeded."""
    m = _ALL_N.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    said = int(word) if word.isdigit() else _COUNTS[word]
    per_key: dict[str, set[str]] = {}
    for _, values in done:
        for key, value in values:
            per_key.setdefault(key, set()).add(value)
    listed = max((len(v) for v in per_key.values()), default=0)
    if 2 <= listed < said and len(done) < said:
        return f"names {said} things, but the calls were for {listed}"
    return None


def one_thing(done: Sequence[ToolCall]) -> bool:
    """Whether one successful call did one thing: no key of it carries two values ("medien":
    two books) and it names at most one id per key (an account and the fee it waived are one
    thing, round 14c)."""
    if len(done) != 1:
        return False
    seen: dict[str, str] = {}
    for key, value in done[0].values:
        if not any(ch.isdigit() for ch in value):
            continue
        if seen.setdefault(key, value) != value:
            return False
    return bool(seen)
