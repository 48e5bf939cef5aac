"""Action words across languages, for matching a claim's words to a tool's name.

Tool names are English (``pause_subscription``, ``freeze_card``, ``reschedule_exam``) while the
claim may be German or Dutch ("Ihr Abo ist pausiert", "je pas is geblokkeerd", "Ihre Prüfung ist
jetzt am 28. Juni"). Each group lists the starts of one action's words in the three languages
(participles with "ge-" are matched without it); two words share an action when they start like
the same group. Only words that name an action or its usual object are listed: a false bridge
makes an unbacked claim look backed.
"""

from __future__ import annotations

import functools
import re
from typing import Final

__all__ = ["UMLAUTS", "action_groups", "bridged", "other_action", "same_deed", "tool_words"]

# German letters as codes and status values spell them ("bestätigt" / "bestaetigt").
UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

GROUPS: Final[tuple[tuple[str, ...], ...]] = (
    ("paus", "pauz", "onderbr", "unterbr", "ruht", "hold", "freez", "bevries", "bevror",
     "einfrier", "eingefror", "suspend", "holiday"),  # a frozen membership, a suspended line,
    # a payment holiday: paused
    ("block", "sperr", "blokk", "freez", "froze", "einfrier", "eingefror", "bevries", "bevror",
     "lock", "slot", "suspend"),
    ("cancel", "storn", "kündig", "annul", "opzeg", "opgezeg", "terminat", "beend", "beëind"),
    ("refund", "erstatt", "rückerstatt", "terugbeta", "terugstor", "teruggestor", "teruggeboek",
     "rückbuch", "zurückgebuch", "reimburs", "restitu", "revers", "terugboek", "storn"),
    ("reschedul", "verschieb", "verschob", "umbuch", "umgebuch", "verzet", "omboek", "omgeboek",
     "rebook", "moved", "verleg", "verplaat", "geplant", "gepland"),
    ("book", "buch", "boek", "reserv", "inplan", "ingepland", "eingeplant", "einplan", "schedul",
     "planen", "plannen",
     "beauftrag", "arrang", "termin", "afspraak", "appoint", "rebook", "umbuch", "umgebuch",
     "omboek", "omgeboek"),  # a rebooking books: "Sie sind jetzt auf XY1240 gebucht"
    ("send", "sent", "schick", "sende", "stuur", "stuurd", "mail", "zugesch", "dispatch",
     "ship", "versand", "versend", "verzend", "zustell", "deliver", "bezorg", "express",
     "nastur", "nagestuurd", "nachschick", "nachgeschick", "nachsend", "nachgesend",
     "nachliefer", "nachgeliefer", "versturen", "verstuurd"),
    ("add", "hinzu", "toevoeg", "toegevoeg", "dazu", "extra", "erweit", "uitbreid", "buch"),
    ("remov", "entfern", "verwijder", "delet", "lösch", "gelösch", "gewist", "wiss", "erase",
     "revok", "widerruf", "ingetrokken", "intrek"),
    ("credit", "gutschr", "gutgeschr", "tegoed", "crediteer", "voucher", "gutschein", "coupon",
     "compensat", "entschädig", "schadevergoed", "grant"),
    ("ticket", "meld", "report", "störung", "storing", "complaint", "beschwerd", "klacht",
     "forward", "weitergeleit", "weiterleit", "doorgestuurd", "doorsturen", "doorgezet",
     "escalat", "eskalier", "escaleer", "geëscaleerd"),
    ("repair", "reparat", "reparier", "repareer", "monteur", "techni", "maintenan", "wartung",
     "onderhoud"),
    ("enabl", "activ", "aktivi", "freischalt", "freigeschalt", "activeer", "geactiveerd",
     "unlock", "entsperr", "ontgrendel", "vrijgegeven", "vrijgeg", "switched on", "turned on",
     "eingeschalt", "ingeschakel", "inschakel", "aangezet"),
    ("disabl", "deactiv", "deaktiv", "gedeactiveerd", "ausgeschalt", "abgeschalt",
     "uitgeschakel", "uitschakel", "switched off", "turned off", "uitgezet"),
    ("logout", "signout", "signed out", "logged out", "ausgeloggt", "abgemeldet", "uitgelogd",
     "revok"),
    ("enrol", "anmeld", "angemeld", "inschrijv", "ingeschrev", "aanmeld", "aangemeld"),
    ("unenrol", "abmeld", "abgemeld", "uitschrijv", "uitgeschrev", "afmeld", "afgemeld"),
    ("upgrad", "downgrad", "tarif", "plan", "abonnement", "bundel", "tariff", "wechsel", "switch",
     "overgestapt", "overstap", "umgestellt", "umstell"),
    ("address", "adress", "adres", "anschrift"),
    ("password", "passwort", "wachtwoord", "kennwort", "mfa", "2fa", "authenticat", "authentif",
     "two-factor", "zwei-faktor", "tweestaps"),
    ("limit", "limiet", "rahmen"),
    ("waiv", "erlass", "kwijtschel", "kwijtgescholden", "fee", "gebühr", "kosten"),
    ("pickup", "pick", "collect", "abhol", "ophaal", "ophal", "opgehaald", "abgehol"),
    ("return", "retour", "rücksend", "label"),
    ("appl", "angewend", "angewand", "toegepast", "toepas", "eingelös", "einlös", "ingewisseld",
     "inwissel", "redeem"),
    ("order", "bestell", "bestel", "nachbestell", "beauftrag", "auftrag"),
    ("lift", "aufheb", "aufgehob", "opgeheven", "ophef", "unban", "entbann"),  # a ban lifted
    ("replac", "reissu", "re-issu", "ersetz", "austausch", "ausgetausch", "vervang",
     "neu ausgestellt", "opnieuw uitgegeven"),  # a certificate reissued replaces the old one
    ("reset", "zurückgesetzt", "zurücksetz", "gereset", "resett"),
    ("swap", "tausch", "getausch", "austausch", "omgeruild", "omruil"),
    ("requested", "angefragt", "beantragt", "antrag", "aangevraagd", "aanvraag"),
    ("notif", "informed", "benachrichtig", "bescheid", "geïnformeerd", "ingelicht"),
    ("note", "notiz", "notier", "notitie", "noteer", "genoteerd", "vermerk", "vormerk",
     "vorgemerkt", "comment",
     "kommentar", "opmerking", "memo", "remark"),
)  # fmt: skip


def tool_words(tool: str) -> tuple[str, ...]:
    """ "remove_payment_method", "rebookFlight", "block-card" -> the name's words, lower-cased."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", tool)
    return tuple(t.lower() for t in re.split(r"[\W_]+", spaced) if t)


@functools.lru_cache(maxsize=4096)
def action_groups(word: str) -> frozenset[int]:
    """The groups whose starts begin ``word`` (lower-cased; a participle's "ge-" dropped)."""
    w = word.lower()
    forms = (w, w[2:]) if w.startswith("ge") and len(w) > 5 else (w,)
    # A German tool name spells its umlauts out ("gutschein_einloesen", "gebuehr_erlassen"):
    # a start with an umlaut is matched in that spelling too (round 14e, v25).
    return frozenset(
        i
        for i, starts in enumerate(GROUPS)
        for start in starts
        if any(form.startswith((start, start.translate(UMLAUTS))) for form in forms)
    )


# The infinitive ending of a German or Dutch verb at the end of a tool's name.
_VERB_LAST: Final = re.compile(r"(?:en|ern|eln)$")

# Groups that also name one deed: money credited back is a refund, a booking cancelled is an
# unenrolment.
_RELATED: Final = (
    frozenset({"refund", "credit"}),
    frozenset({"cancel", "unenrol"}),  # a class booking cancelled: "uitgeschreven voor de les"
)


def same_deed(a: str, b: str) -> bool:
    """Whether two words name the same action, or two actions one deed ("refunded" and
    "credited back"): a restatement, not a second change."""
    ga, gb = action_groups(a), action_groups(b)
    if ga & gb:
        return True
    heads = {GROUPS[i][0] for i in ga}, {GROUPS[i][0] for i in gb}
    return any(heads[0] & pair and heads[1] & pair for pair in _RELATED)


# A tool name's first word whose group is found by its participle ("request" is also a noun).
_VERB_FORM: Final = {
    "request": "requested", "ask": "requested", "notify": "notified", "inform": "informed",
}  # fmt: skip


def bridged(key: str, token: str) -> bool:
    """Whether a claim's word and a tool name's word name the same action in two languages."""
    return bool(action_groups(key) & action_groups(_VERB_FORM.get(token, token)))


def other_action(verb: str, tool: str) -> bool:
    """Whether the tool's name starts with a verb of another action than the claim's verb
    ("cancelled" and ``pause_subscription``): then a shared object word ("subscription") does
    not make the tool back the claim. False when either side names no known action."""
    words = tool_words(tool)
    claimed = action_groups(verb) if verb else frozenset()
    done = action_groups(_VERB_FORM.get(words[0], words[0])) if words else frozenset()
    if len(words) > 1 and _VERB_LAST.search(words[-1]):
        last = action_groups(words[-1])
        if claimed and last & action_groups("note") and not claimed & last:
            # round 14e: kuendigung_vormerken notes a cancellation down; it does not cancel
            # ("Ihr Vertrag ist gekündigt"), now that "kuendigung" is read as one
            return True
    if done and len(words) > 1 and _VERB_LAST.search(words[-1]):
        # German and Dutch names put the verb last: the pickup of abholung_planen is planned
        done = done | action_groups(words[-1])
    if words and words[0] in _VERB_FORM:
        # request_refund asks for a refund: its later words name what was asked for
        return bool(claimed and done and not claimed & done)
    if claimed and any(claimed & _head_groups(w) for w in words):
        return False  # round 15: a compound's head names it ("liftreservering", "Gastumbuchung")
    # a later word may name the claimed action itself: apply_voucher for "€ 5 tegoed"
    return bool(claimed and done and not any(same_deed(verb, w) for w in words))


def _head_groups(word: str) -> frozenset[int]:
    """The action groups of a German or Dutch compound's head ("liftreservering" ->
    "reservering"): a noun of three letters or more before a head of six or more."""
    out: frozenset[int] = frozenset()
    for i in range(3, len(word) - 5):
        out |= action_groups(word[i:])
    return out
