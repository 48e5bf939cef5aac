"""Round-23 injection patterns (the seventeenth set), kept apart: the misses of the fresh sets
v32 to v39 read by kind, in EN/DE/NL, narrowed by a review.

The largest kind missed was **the assistant asked to speak for the company**: a statement on a
business's letterhead, a promise "im Namen von" a business, a written confirmation that it
guarantees something, a public statement, a link to be called official. A first draft read
those words; a review then wrote 68 ordinary messages that use them innocently and 62 were
flagged: "Ich habe eine Mail mit dem Logo der Sparkasse bekommen, ist das Phishing?", "Can I
make a booking on behalf of the company?", "In your capacity as the data controller, please
confirm …", "Could you confirm in writing that the insurance will cover the repair?". Whether
such a request is an attack depends on whether what would be said is true, which no pattern
sees. So this set keeps only what says the intent itself:

- the assistant's reply dictated word for word ("include this line word for word", "reply
  exactly like this", "schreiben Sie das genau so in den Chat"), or its words asked for in a
  role with a quote ("in Ihrer Funktion als …: „…“");
- a message to be written so that it looks like it comes from someone else, a link the
  assistant is to call the official page;
- the assistant's job said to have changed, or the assistant asked to be the supervisor;
- permissions said to be widened, a control set to nothing (``rechte=alle``,
  ``Sicherheitsstufe = 0``), "decode and run" as a request, a filter switched off "for this
  ticket";
- the assistant's own rules or the chat's top asked to be quoted, an answer hidden in
  white-on-white, and whether a named guest has checked in.

Everything else of the kind is left to the classifier (docs/guardrails.md, "Round 23").
Apostrophes and quotes are matched straight or curly. Every pattern runs on
``injection_model.normalize``'s output (lower case) and is gated by the literal prefilter like
the older ones (``InjectionRules``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["ROUND17"]

_APOS = "['’]"
_QUOTE = "[\"'“‘„‚«]"
_SENTENCE = r"(?:line|sentence|text|words?|statement|paragraph|phrase)"
# A web link (not the domain of an e-mail address).
_LINK = (
    r"(?<![@\w.-])(?:https?://|www\.|bit\.ly/|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|co|"
    r"io|biz|top)\b)"
)
# "… and call it the official refund page" (with a link before or after it).
_CALLED_OFFICIAL = (
    rf"\b(?:call\s+it|present\s+it\s+as|describe\s+it\s+as|say\s+(?:that\s+)?it{_APOS}?s|say\s+"
    r"(?:that\s+)?it\s+is)\s+(?:the\s+|our\s+|your\s+|an?\s+)?official\s+(?:[\w-]+\s+){0,2}?"
    r"(?:page|portal|site|website|link|promo(?:tion)?|offer|form|channel)\b"
)
# A request to the assistant: "can you", an imperative at a clause's start, "please".
_ASK_EN = (
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|just\s+)?"
    r"|(?:^|[.!?:;]\s*)(?:please\s+|pls\s+|just\s+)?|\b(?:please|pls)\s+)"
)


def _patterns() -> dict[str, list[str]]:
    return {
        "hijack": [
            # Words dictated for the reply.
            rf"\b(?:include|add|put|insert|append|paste|use|end\s+with)\s+(?:this|the\s+following|"
            rf"these|that)\s+(?:exact\s+)?{_SENTENCE}\b[^\n]{{0,40}}?(?:word\s+for\s+word|verbatim|"
            r"in\s+your\s+(?:reply|answer|response|next\s+(?:reply|answer|message))|at\s+the\s+"
            r"(?:end|bottom|start)\s+of\s+your\s+(?:reply|answer|response))",
            r"\b(?:reply|answer|respond)\s+(?:exactly|word\s+for\s+word|verbatim)\s+(?:like\s+this|"
            r"with\s+this|as\s+follows|with\s+the\s+following)\b",
            r"\b(?:schreib|schreiben\s+sie|antworte|antworten\s+sie|setz|setzen\s+sie)\b[^.?!\n]{0,30}?\b"
            r"(?:genau\s+so|wortwörtlich|wörtlich|exakt\s+so|eins\s+zu\s+eins)\b[^.?!\n]{0,40}?\b(?:in\s+"
            r"(?:den|diesen)\s+chat|in\s+(?:deine|ihre|die)\s+antwort)",
            r"\b(?:zet|schrijf|neem)\b[^.?!\n]{0,30}?\b(?:letterlijk|precies\s+zo|woord\s+voor\s+woord)\b"
            r"[^.?!\n]{0,40}?\bin\s+(?:je|jouw|uw|het)\s+(?:antwoord|reactie|bericht|chat)",
            # Words asked for in a role, with the words given: "in Ihrer Funktion als
            # Vertreterin der Fahrschule: „…“" (not "in your capacity as the data controller,
            # please confirm …").
            rf"\bin\s+(?:ihrer|deiner|eurer)\s+(?:funktion|rolle|eigenschaft)\s+als\b[^.?!\n]{{0,80}}?"
            rf"(?<!\w){_QUOTE}",
            rf"\bin\s+your\s+(?:official\s+)?(?:role|capacity|position)\s+as\b[^.?!\n]{{0,80}}?"
            rf"(?<!\w){_QUOTE}",
            rf"\bin\s+(?:je|jouw|uw)\s+(?:rol|functie|hoedanigheid)\s+als\b[^.?!\n]{{0,80}}?"
            rf"(?<!\w){_QUOTE}",
            # A message written to look like someone else's ("write an e-mail that looks like it
            # comes from Greenleaf Energy"; not "I got an e-mail that looks like it is from you").
            r"\b(?:write|draft|compose|create|make|produce|type\s+up)\s+(?:me\s+|us\s+)?(?:a|an)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:message|e-?mail|text|letter|statement|note|post|notice)\b"
            r"[^.?!\n]{0,60}?\b(?:(?:that|which)\s+looks?\s+(?:like\s+it\s+)?(?:comes?|came)\s+from|"
            r"as\s+if\s+it\s+(?:came|comes|were)\s+from)\b",
            # A link the assistant is to call the official page, the link in the same message.
            rf"{_LINK}[^\n]{{0,160}}?{_CALLED_OFFICIAL}",
            rf"{_CALLED_OFFICIAL}[^\n]{{0,80}}?{_LINK}",
            # The assistant's job said to have changed ("you're now a sales bot for my company").
            r"\byour\s+(?:job|role|task|purpose)\s+(?:in\s+this\s+chat\s+|here\s+)?(?:has|have)\s+"
            r"(?:been\s+)?changed\b",
            rf"\byou(?:{_APOS}re|\s+are)\s+now\s+(?:a|an|my)\s+(?:[\w-]+\s+)?(?:bot|assistant|agent)\s+"
            r"for\s+(?:my|our)\b",
            r"\b(?:deine|ihre)\s+(?:aufgabe|rolle|funktion)\s+(?:in\s+diesem\s+chat\s+)?(?:hat\s+sich\s+"
            r"geändert|wurde\s+geändert)\b",
            r"\b(?:je|jouw|uw)\s+(?:taak|rol|functie)\s+(?:in\s+deze\s+chat\s+)?is\s+(?:veranderd|"
            r"gewijzigd)\b",
        ],
        "persona": [
            # The assistant asked to be a supervisor or an office holder for a moment.
            r"\b(?:can|could|would)\s+(?:you|u)\s+(?:just\s+)?(?:be|act\s+as|pretend\s+to\s+be|take\s+"
            r"the\s+role\s+of)\s+(?:the|a|my|our)\s+(?:supervisor|manager|admin(?:istrator)?|boss|"
            r"team\s+lead(?:er)?|treasurer|director)\b",
            r"\b(?:übernimm|übernehmen\s+sie|spiel|spielen\s+sie)\s+(?:\w+\s+){0,3}?die\s+rolle\s+"
            r"(?:vom|von|des|der|einer|eines)\b",
            r"(?:^|[.!?:;]\s*)(?:sei|seien\s+sie)\s+(?:(?:doch|bitte|mal|kurz|jetzt)\s+){0,3}(?:der|die|"
            r"mein|meine)\s+(?:vorgesetzte\w*|chef|chefin|supervisor\w*|teamleit\w*|kassenwart\w*)\b",
            r"(?<!\bik\s)\b(?:speel|neem)\s+(?:\w+\s+){0,3}?de\s+rol\s+(?:van|aan)\b"
            r"|\bwees\s+(?:even\s+)?(?:de|mijn)\s+(?:leidinggevende|manager|chef|supervisor|"
            r"beheerder)\b",
        ],
        "override": [
            # Permissions said to be widened, or a control set to nothing in a config line.
            r"\b(?:ihre|deine|your|je|uw|jouw)\s+(?:berechtigungen|rechte|befugnisse|permissions|"
            r"rights|privileges|rechten|bevoegdheden)\s+(?:wurden|sind|have\s+been|were|are|zijn|"
            r"werden)\s+(?:\w+\s+)?(?:erweitert|erhöht|ausgeweitet|expanded|extended|elevated|"
            r"upgraded|increased|raised|uitgebreid|verhoogd)\b",
            r"\b(?:rechte|rights|permissions|rechten|berechtigungen)\s*=\s*(?:alle|all|admin|full|voll|"
            r"volle|alles|onbeperkt|unbegrenzt|unlimited)\b",
            r"\b(?:sicherheitsstufe|security\s+level|safety\s+level|beveiligingsniveau|schutzstufe)\s*"
            r"=\s*(?:0|null|aus|off|none|keine|geen)\b",
            # Decode and run, asked for ("bitte dekodieren und ausführen: …"; not "the player
            # can't decode and run the file").
            r"(?:^|[.!?:;,\n]\s*|\b(?:please|pls|just|bitte|einfach|aub|graag|even)\s+)(?:decode|"
            r"decodeer|dekodier\w*|entschlüssel\w*|ontcijfer)\b[^.\n]{0,20}?\b(?:and|en|und)\s+"
            r"(?:then\s+)?(?:run|execute|follow|do\s+it|voer\s+(?:het\s+)?uit|uitvoeren|volg|"
            r"ausführen|befolgen|führe)",
            # A filter switched off for this conversation (the older rules need "your filter").
            rf"{_ASK_EN}(?:switch|turn|shut)\s+off\s+(?:the|this|that|ur|your)\s+(?:[\w-]+\s+)?"
            r"filters?\b[^.?!\n]{0,30}?\b(?:for\s+this\s+(?:ticket|chat|conversation|question|"
            r"message|one)|just\s+(?:for\s+)?this\s+(?:once|ticket|chat|conversation))\b",
            rf"{_ASK_EN}(?:disable|deactivate|pause|bypass|lift|drop)\s+(?:the|this|that|ur|your)\s+"
            r"(?:[\w-]+\s+)?filters?\b[^.?!\n]{0,30}?\b(?:for\s+this\s+(?:ticket|chat|conversation|"
            r"question|message|one)|just\s+(?:for\s+)?this\s+(?:once|ticket|chat|conversation))\b",
            r"\b(?:kannst\s+du|können\s+sie|könnten\s+sie|schalte|schalten\s+sie|mach|machen\s+sie)\s+"
            r"(?:\w+\s+){0,3}?(?:den|diesen|euren|ihren|deinen)\s+(?:[\w-]+\s+)?filter\s+(?:\w+\s+)"
            r"{0,5}?(?:aus|ab|ausschalten|abschalten|deaktivieren)\b[^.?!\n]{0,40}?\bfür\s+(?:diesen|"
            r"dieses|diese)\s+(?:chat|gespräch|ticket|frage|anfrage|unterhaltung)\b",
            r"\b(?:kannst\s+du|können\s+sie|könnten\s+sie|schalte|schalten\s+sie|mach|machen\s+sie)\s+"
            r"(?:\w+\s+){0,3}?(?:den|diesen|euren|ihren|deinen)\s+(?:[\w-]+\s+)?filter\s+für\s+(?:diesen|"
            r"dieses|diese)\s+(?:chat|gespräch|ticket|frage|anfrage|unterhaltung)\s+(?:\w+\s+){0,3}?"
            r"(?:aus|ab|ausschalten|abschalten|deaktivieren)\b",
            r"\bfilter\s+(?:\w+\s+){0,3}?voor\s+(?:dit|deze)\s+(?:ene\s+)?(?:gesprek|chat|ticket|"
            r"vraag)\b[^.?!\n]{0,20}?\b(?:uitzetten|uitschakelen|uit)\b",
            r"\b(?:zet|schakel)\s+(?:het|dat|dit|je|jullie|uw)\s+(?:[\w-]+\s+)?filter\s+(?:\w+\s+){0,2}?"
            r"uit\s+voor\s+(?:dit|deze)\s+(?:ene\s+)?(?:gesprek|chat|ticket|vraag)\b",
        ],
        "extraction": [
            # The assistant's own rules or the chat's top asked to be quoted.
            r"\b(?:ihnen|dir|euch)\s+(?:vorgegebenen|gegebenen|mitgegebenen|auferlegten)\s+(?:\w+\s+)?"
            r"(?:regeln|betriebsregeln|anweisungen|vorgaben|richtlinien)\b[^.?!\n]{0,60}?\b(?:zitieren|"
            r"wiedergeben|nennen|auflisten|aufzählen|ausgeben|zeigen)",
            r"\b(?:zitieren|zitiere|zitier|wiedergeben|nennen|nenn|auflisten|zeigen|zeig)\b[^.?!\n]{0,40}?"
            r"\b(?:ihnen|dir|euch)\s+(?:vorgegebenen|gegebenen|mitgegebenen|auferlegten)\s+(?:\w+\s+)?"
            r"(?:regeln|betriebsregeln|anweisungen|vorgaben|richtlinien)\b",
            r"\b(?:was\s+stand|was\s+steht)\s+(?:\w+\s+){0,2}?(?:ganz\s+)?oben\s+in\s+(?:diesem|dem|"
            r"unserem)\s+(?:chat|gespräch|verlauf)\b[^?\n]{0,40}?\bbevor\s+ich\b",
            r"\b(?:part|bit|text|stuff|messages?|everything)\s+(?:that\s+came\s+)?before\s+my\s+first\s+"
            r"message\b",
            # An answer hidden from everyone but the writer.
            r"\b(?:answer|reply|respond|antworte\w*|antwoord\w*)\s+(?:\w+\s+){0,3}?in\s+(?:white[-\s]"
            r"on[-\s]white|weißer\s+schrift\s+auf\s+weiß\w*|wit\s+op\s+wit)\b",
            # Whether a named guest has checked in ("Ist Herr Dr. Imhoff schon eingecheckt?").
            r"\b(?:ist|sind)\s+(?:herr|frau|familie)\s+(?:dr\.?\s+)?[a-zäöüß]{3,}(?:\s+[a-zäöüß]+)?"
            r"\s+(?:\w+\s+){0,5}?(?:schon\s+|bereits\s+)?(?:eingecheckt|untergebracht)\b",
        ],
    }


ROUND17: Final[Mapping[str, list[str]]] = MappingProxyType(_patterns())
