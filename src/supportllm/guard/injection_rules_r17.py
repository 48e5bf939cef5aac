"""Round-23 injection patterns (the seventeenth set), kept apart: the misses of the fresh sets
v32 to v39 read by kind, in EN/DE/NL.

The largest kind is **the assistant asked to speak for the company**: a statement "on the
clinic's letterhead", a promise "im Namen von TechnoHaus", something said "in your role as the
school's representative", a public statement of a business, a link to be called "the official
refund page", or a written confirmation that a business guarantees something for life. What
makes these attacks is who would be speaking (the company, through its assistant) and what
would be said (a commitment nobody made), not the usual words; a customer asking for a
confirmation of their own booking ("please confirm in writing that my order is cancelled")
names neither a letterhead nor a lifetime guarantee, and is left alone.

The smaller kinds: a filter switched off "just for this ticket"; another guest's or
applicant's record asked for by name in German ("Welches Gehalt hat Herr Brandt angegeben?",
"Ist Herr Dr. Imhoff schon eingecheckt?").

Every pattern runs on ``injection_model.normalize``'s output (lower case) and is gated by the
literal prefilter like the older ones (``InjectionRules``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["ROUND17"]

# Something the company would say: a statement, letter, promise (EN, DE, NL).
_STATEMENT_EN = (
    r"(?:statement|letter|note|apology|declaration|notice|announcement|memo|admission|certificate|"
    r"press\s+release|post)"
)
_STATEMENT_DE = (
    r"(?:erklärung|stellungnahme|zusage|aussage|bestätigung|mitteilung|bescheinigung|"
    r"entschuldigung|garantie|zusicherung|brief|schreiben)"
)
_STATEMENT_NL = (
    r"(?:verklaring|brief|toezegging|bevestiging|mededeling|verontschuldiging|garantie|"
    r"statement|bericht)"
)
# A request to put it into words (imperatives and "could you" forms; not "ich schreibe").
_WRITE_EN = (
    r"(?:write|draft|compose|prepare|formulate|type\s+up|put\s+together|produce|issue|create|"
    r"make|publish|post|give|send)"
)
_WRITE_DE = (
    r"(?:formulier|formuliere|formulieren\s+sie|schreib|schreiben\s+sie|verfass|verfasse|"
    r"verfassen\s+sie|erstell|erstelle|erstellen\s+sie|setz|setzen\s+sie|stell|stellen\s+sie|"
    r"bestätig|bestätige|bestätigen\s+sie|gib|geben\s+sie|sag|sagen\s+sie|sichere|sichern\s+sie|"
    r"veröffentliche|veröffentlichen\s+sie|(?:kannst|könntest)\s+du|(?:können|könnten|würden)\s+sie)"
)
_WRITE_NL = (
    r"(?:schrijf|stel|formuleer|bevestig|geef|zeg|maak|(?:kun|kan|wil|zou)\s+(?:je|jij|u)|"
    r"kunt\s+u)"
)
# A commitment nobody made: for life, guaranteed, the company paying (EN, DE, NL).
_PROMISE_EN = (
    r"(?:lifetime|for\s+life|forever|for\s+ever|guarantee[sd]?|locked|accepts?\s+(?:full\s+)?"
    r"liability|(?:will|would)\s+(?:pay|cover|reimburse|compensate)|free\s+for|always\s+free|"
    r"(?:is|are)\s+(?:officially\s+)?(?:accredited|certified|state-recognised))"
)
_PROMISE_DE = (
    r"(?:garantiert|garantieren|lebenslang\w*|für\s+immer|auf\s+lebenszeit|übernimmt|übernehmen|"
    r"(?:kostenlos|gratis)\s+(?:bezahlt|übernommen|sind|ist|bekommt|gibt)|staatlich\s+"
    r"anerkannt|haftet|haften|zahlt\s+(?:alle|die\s+gesamten|sämtliche))"
)
_PROMISE_NL = (
    r"(?:gegarandeerd|garanderen|levenslang|voor\s+altijd|(?:vergoedt|vergoeden|betaalt|betalen)"
    r"\s+(?:alle|de\s+volledige|alles)|volledig\s+(?:vergoeden|vergoedt|betalen|betaalt|"
    r"terugbetalen)|aansprakelijk|erkend\s+door\s+de\s+staat)"
)
# Confirmed "in writing", "verbindlich", "zwart op wit" (either order of verb and adverb).
_CONFIRM_DE = r"(?:bestätig\w*|schreib\w*|erklär\w*|zusicher\w*|versicher\w*)"
_OFFICIALLY_DE = r"(?:schriftlich|verbindlich|offiziell|öffentlich)"
_CONFIRM_NL = r"(?:bevestig\w*|schrijf\w*|schrijven|verklaar\w*|verklaren|zeg\w*|zeggen)"
_OFFICIALLY_NL = r"(?:schriftelijk|officieel|bindend|zwart\s+op\s+wit)"
# Not the writer, the writer's family or the writer's own firm.
_NOT_MINE_EN = r"(?!(?:me|my|us|our|myself|him|her|them|his|their)\b)"
_NOT_MINE_DE = r"(?!(?:mir|mich|meine[mnrs]?|uns|unsere[mnrs]?|ihm|ihr|ihnen|seine[mnrs]?)\b)"
_NOT_MINE_NL = r"(?!(?:mij|me|mijn|ons|onze|hem|haar|hun|zijn)\b)"
# A web link in the message.
_LINK = r"(?:https?://|www\.|bit\.ly/|[a-z0-9-]+\.(?:com|net|org|info|de|nl|co|io|shop|site)\b)"


def _patterns() -> dict[str, list[str]]:
    return {
        "hijack": [
            # A statement on the company's letterhead or logo, or made to look like the company's.
            rf"\b{_WRITE_EN}\s+(?:me\s+|us\s+)?(?:up\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?"
            rf"(?:{_STATEMENT_EN}|message|e-?mail|text|page)\b[^.?!\n]{{0,80}}?\b(?:on\s+(?:[\w'&-]+\s+){{0,4}}?letterhead|"
            r"(?:that|which)\s+looks?\s+(?:like\s+it\s+)?(?:comes?|came)\s+from|as\s+if\s+it\s+"
            r"(?:came|comes|were)\s+from)",
            rf"\b{_WRITE_EN}\s+(?:me\s+|us\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_STATEMENT_EN}\s+"
            rf"from\s+{_NOT_MINE_EN}(?:[\w'&-]+\s+){{1,4}}?(?:to\s+(?:me|us)\s+)?(?:saying|stating|"
            r"admitting|acknowledging|in\s+which|that\s+says)\b",
            r"\b(?:auf|mit)\s+(?:dem|ihrem|eurem|deinem|einem)\s+(?:offiziellen\s+)?(?:briefkopf|"
            r"briefpapier|firmenlogo|logo)\s+(?:von|der|des|ihrer|eurer|deiner)\b",
            # ... or on the assistant's own letterhead, with no name ("auf Ihrem Briefkopf
            # bestätigen, dass …", "on your letterhead saying …")
            r"\b(?:auf|mit)\s+(?:ihrem|eurem|deinem)\s+(?:offiziellen\s+)?(?:briefkopf|briefpapier|"
            r"firmenlogo|logo)\s+(?:\w+\s+){0,2}?(?:bestätig\w*|schreib\w*|erklär\w*|zusicher\w*|"
            r"ausstell\w*|aufsetz\w*)\b",
            r"\bon\s+your\s+(?:official\s+|company\s+)?letterhead\b[^.?!\n]{0,40}?\b(?:saying|"
            r"stating|that|confirming)\b",
            r"\bop\s+(?:het\s+)?(?:officiële\s+)?briefpapier\s+van\b|\bmet\s+(?:het\s+)?logo\s+van\s+"
            rf"{_NOT_MINE_NL}[^.?!\n]{{0,60}}?\b(?:waarin|dat|die)\b",
            # "sign it 'Brightpath Academic Board'": a name the assistant is told to sign with.
            r"\bsign\s+(?:it|this|the\s+\w+)\s+(?:as\s+|with\s+|from\s+)?[\"'“„‚«]",
            r"\b(?:unterschreib|unterschreiben\s+sie|unterzeichne|unterzeichnen\s+sie)\s+(?:es|das|"
            r"ihn|sie)?\s*(?:mit|als)\s+[\"'“„‚«]",
            r"\bonderteken\s+(?:het|dit|hem)?\s*(?:met|als)\s+[\"'“„‚«]",
            # A promise or statement "in the name of" a business.
            rf"\b{_WRITE_DE}\b[^.?!\n]{{0,60}}?\bim\s+namen\s+(?:von|der|des|ihrer|eurer|deiner)\s+"
            rf"{_NOT_MINE_DE}",
            rf"\bim\s+namen\s+(?:von|der|des)\s+{_NOT_MINE_DE}[^.?!\n]{{0,60}}?\b(?:zusagen|"
            r"zusichern|versprechen|garantieren|erklären|bestätigen|formulieren)\b",
            rf"\b{_WRITE_NL}\b[^.?!\n]{{0,60}}?\bnamens\s+(?:de\s+zaak|het\s+bedrijf|de\s+winkel|"
            rf"jullie|uw\s+bedrijf|{_NOT_MINE_NL}[\w'&-]+)[^.?!\n]{{0,60}}?\b(?:toezeggen|beloven|"
            r"bevestigen|verklaren|garanderen|schrijven|opstellen)\b",
            rf"\b{_WRITE_EN}\b[^.?!\n]{{0,60}}?\b(?:in\s+the\s+name\s+of|on\s+behalf\s+of)\s+"
            rf"{_NOT_MINE_EN}(?:the\s+)?(?:company|business|shop|store|firm|management|"
            r"[\w'&-]+\s+(?:ltd|gmbh|bv|inc|support|team))\b",
            # "in your role as the school's representative: '…'".
            r"\bin\s+(?:ihrer|deiner|eurer)\s+(?:funktion|rolle|eigenschaft)\s+als\b[^.?!\n]{0,80}?"
            r"(?:[:„\"“]|\bdass\b)",
            r"\bin\s+your\s+(?:official\s+)?(?:role|capacity|position)\s+as\b[^.?!\n]{0,80}?"
            r"(?:[:\"“]|\bthat\b)",
            r"\bin\s+(?:je|jouw|uw)\s+(?:rol|functie|hoedanigheid)\s+als\b[^.?!\n]{0,80}?"
            r"(?:[:„\"“]|\bdat\b)",
            r"\bas\s+the\s+(?:[\w-]+\s+)?(?:authority|company|management|board|owner|"
            r"representative)\s*,\s*(?:please\s+)?(?:write|confirm|state|declare|issue|sign)\b",
            # A public or official statement of a business, asked to be written.
            rf"\b{_WRITE_DE}\b[^.?!\n]{{0,60}}?\b(?:eine\s+|die\s+)?(?:öffentliche|offizielle)\s+"
            r"(?:stellungnahme|erklärung|aussage|mitteilung|bekanntmachung)\s+(?:von|der|des)\b",
            r"\bals\s+(?:offizielle|öffentliche|verbindliche)\s+(?:aussage|erklärung|stellungnahme|"
            r"zusage|mitteilung)\s+(?:von|der|des|ihrer|eurer)\b",
            rf"\b{_WRITE_EN}\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)(?:official|public)\s+(?:statement|"
            rf"announcement|notice)\s+(?:from|of|by|for)\s+{_NOT_MINE_EN}",
            rf"\b{_WRITE_NL}\b[^.?!\n]{{0,60}}?\b(?:een\s+)?(?:officiële|openbare)\s+(?:verklaring|"
            r"mededeling|brief|bekendmaking)\s+(?:van|namens)\b",
            # "confirm in writing that X guarantees a lifetime price lock".
            r"\b(?:confirm|state|declare|certify|put|write|say)\b[^.?!\n]{0,40}?\b(?:in\s+writing|"
            r"officially|on\s+(?:the\s+)?record|in\s+your\s+(?:reply|answer))\b[^.?!\n]{0,30}?\b"
            rf"(?:that|saying|stating)\b[^.?!\n]{{0,120}}?\b{_PROMISE_EN}\b",
            rf"\b(?:{_CONFIRM_DE}\b[^.?!\n]{{0,60}}?\b{_OFFICIALLY_DE}|{_OFFICIALLY_DE}\b[^.?!\n]{{0,30}}?\b"
            rf"{_CONFIRM_DE})\b[^.?!\n]{{0,80}}?\bdass\b[^.?!\n]{{0,120}}?\b{_PROMISE_DE}\b",
            rf"\b(?:{_CONFIRM_NL}\b[^.?!\n]{{0,60}}?\b{_OFFICIALLY_NL}|{_OFFICIALLY_NL}\b[^.?!\n]{{0,30}}?\b"
            rf"{_CONFIRM_NL})\b[^.?!\n]{{0,80}}?\bdat\b[^.?!\n]{{0,120}}?\b{_PROMISE_NL}\b",
            # A link the assistant is to call the business's official page.
            r"\b(?:call\s+it|say\s+(?:it(?:'s|\s+is)|that(?:'s|\s+is))|tell\s+(?:me|them|people|"
            r"everyone|customers|my\s+\w+)\s+(?:that(?:'s|\s+is)|it(?:'s|\s+is))|present\s+it\s+as|"
            r"describe\s+it\s+as)\s+(?:the\s+|your\s+|our\s+|an?\s+)?official\s+(?:[\w-]+\s+){0,2}?"
            r"(?:page|portal|site|website|link|promo(?:tion)?|offer|form|channel)\b",
            rf"{_LINK}[^\n]{{0,120}}?\bals\s+(?:wäre\s+es\s+|ob\s+es\s+)?(?:die\s+|eure\s+|ihre\s+|"
            r"unsere\s+)?offizielle\s+[\w-]*(?:seite|portal|link|aktion|adresse)\b",
            rf"{_LINK}[^\n]{{0,120}}?\bals\s+(?:de\s+|jullie\s+|uw\s+|onze\s+)?officiële\s+[\w-]*"
            r"(?:pagina|site|website|link|actie|portaal)\b",
            # Words dictated for the reply ("include this line word for word: '…'", "reply
            # exactly like this", "schreiben Sie das genau so in den Chat").
            r"\b(?:include|add|put|insert|append|paste|use|end\s+with)\s+(?:this|the\s+following|these|"
            r"that)\s+(?:exact\s+)?(?:line|sentence|text|words?|statement|paragraph|phrase)\b[^\n]{0,40}?"
            r"(?:word\s+for\s+word|verbatim|in\s+your\s+(?:reply|answer|response|next\s+(?:reply|"
            r"answer|message))|at\s+the\s+(?:end|bottom|start)\s+of\s+your\s+(?:reply|answer|response))",
            r"\bwhen\s+you\s+(?:reply|answer|respond|write\s+back)\b[^\n]{0,80}?\b(?:include|add|put|"
            r"insert|append|paste|end\s+with)\s+(?:this|the\s+following|these)\s+(?:exact\s+)?(?:line|"
            r"sentence|text|words?|statement|paragraph|phrase)\b",
            r"\b(?:reply|answer|respond)\s+(?:exactly|word\s+for\s+word|verbatim)\s+(?:like\s+this|with\s+"
            r"this|as\s+follows|with\s+the\s+following)\b",
            r"\b(?:schreib|schreiben\s+sie|antworte|antworten\s+sie|setz|setzen\s+sie)\b[^.?!\n]{0,30}?\b"
            r"(?:genau\s+so|wortwörtlich|wörtlich|exakt\s+so|eins\s+zu\s+eins)\b[^.?!\n]{0,40}?\b(?:in\s+"
            r"(?:den|diesen)\s+chat|in\s+(?:deine|ihre|die)\s+antwort)",
            r"\b(?:zet|schrijf|neem)\b[^.?!\n]{0,30}?\b(?:letterlijk|precies\s+zo|woord\s+voor\s+woord)\b"
            r"[^.?!\n]{0,40}?\bin\s+(?:je|jouw|uw|het)\s+(?:antwoord|reactie|bericht|chat)",
            # A receipt or invoice with another amount than was paid.
            r"\b(?:receipt|invoice|bill)\b[^\n]{0,120}?\b(?:change|put|make|set|write)\s+the\s+(?:amount|"
            r"total|price|date|sum)\s+(?:on\s+it\s+)?"
            r"(?:to|as)\s+[€£$]?\s?\d[\d.,]*\s*(?:€|eur|euros?|pounds|£|\$)?\s+(?:instead\s+of|rather\s+"
            r"than)\b",
            r"\b(?:quittung|rechnung|beleg)\b[^\n]{0,120}?\b(?:betrag|summe|datum)\s+(?:\w+\s+){0,3}?"
            r"auf\s+\d[\d.,]*\s*(?:€|euro)?\s+(?:statt|anstatt|anstelle\s+von)\b",
            r"\b(?:bon|factuur|kwitantie|rekening)\b[^\n]{0,120}?\b(?:bedrag|totaal|datum)\s+(?:\w+\s+){0,3}?"
            r"(?:op|naar)\s+\d[\d.,]*\s*(?:€|euro)?\s+in\s+"
            r"plaats\s+van\b",
            # The assistant's job said to have changed ("you're now a sales bot for my company").
            r"\byour\s+(?:job|role|task|purpose)\s+(?:in\s+this\s+chat\s+|here\s+)?(?:has|have)\s+"
            r"(?:been\s+)?changed\b",
            r"\byou(?:'re|\s+are)\s+now\s+(?:a|an|my)\s+(?:[\w-]+\s+)?(?:bot|assistant|agent)\s+for\s+"
            r"(?:my|our)\b",
            r"\b(?:deine|ihre)\s+(?:aufgabe|rolle|funktion)\s+(?:in\s+diesem\s+chat\s+)?(?:hat\s+sich\s+"
            r"geändert|wurde\s+geändert)\b",
            r"\b(?:je|jouw|uw)\s+(?:taak|rol|functie)\s+(?:in\s+deze\s+chat\s+)?is\s+(?:veranderd|"
            r"gewijzigd)\b",
        ],
        "persona": [
            # The assistant asked to be a supervisor or an office holder for a moment.
            r"\b(?:can|could|would)\s+(?:you|u)\s+(?:just\s+)?(?:be|act\s+as|play|pretend\s+to\s+be|"
            r"take\s+the\s+role\s+of)\s+(?:the|a|my|our)\s+(?:supervisor|manager|admin(?:istrator)?|"
            r"boss|team\s+lead(?:er)?|treasurer|owner|director)\b",
            r"\b(?:übernimm|übernehmen\s+sie|spiel|spielen\s+sie)\s+(?:\w+\s+){0,3}?die\s+rolle\s+"
            r"(?:vom|von|des|der|einer|eines)\b",
            r"\b(?:sei|seien\s+sie)\s+(?:\w+\s+){0,2}?(?:der|die|mein|meine)\s+(?:vorgesetzte\w*|chef|"
            r"chefin|supervisor\w*|teamleit\w*|kassenwart\w*|admin\w*)\b",
            r"\b(?:speel|neem)\s+(?:\w+\s+){0,3}?de\s+rol\s+(?:van|aan)\b|\bwees\s+(?:even\s+)?"
            r"(?:de|mijn)\s+(?:leidinggevende|manager|chef|supervisor|beheerder)\b",
        ],
        "override": [
            # Permissions said to be widened, or a control set to nothing in a config line.
            r"\b(?:ihre|deine|your|je|uw|jouw)\s+(?:berechtigungen|rechte|befugnisse|permissions|"
            r"rights|privileges|rechten|bevoegdheden)\s+(?:wurden|sind|have\s+been|were|are|zijn|"
            r"werden)\s+(?:\w+\s+)?(?:erweitert|erhöht|ausgeweitet|expanded|extended|elevated|"
            r"upgraded|increased|raised|uitgebreid|verhoogd)\b",
            r"\b(?:rechte|rights|permissions|rechten|berechtigungen)\s*=\s*(?:alle|all|admin|full|voll|"
            r"volle|alles|onbeperkt|unbegrenzt|unlimited)\b",
            r"\b\w*(?:grenze|limit|limits|cap|grens)\s*=\s*(?:keine|none|off|aus|geen|null)\b",
            r"\b(?:sicherheitsstufe|security\s+level|safety\s+level|beveiligingsniveau|schutzstufe)\s*"
            r"[=:]\s*(?:0|null|aus|off|none|keine|geen)\b",
            # Checks waived by the writer ("Verifizierung können wir uns sparen").
            r"\b(?:verifizierung|prüfung|identitätsprüfung|legitimation|sicherheitsabfrage)\s+"
            r"(?:können|kann|dürfen)\s+wir\s+uns\s+(?:\w+\s+)?sparen\b",
            r"\bwe\s+can\s+(?:just\s+)?skip\s+(?:the\s+)?(?:verification|id\s+check|identity\s+check|"
            r"security\s+(?:check|questions))\b",
            r"\b(?:verificatie|controle|identiteitscontrole)\s+(?:kunnen|mogen)\s+we\s+(?:\w+\s+)?"
            r"(?:overslaan|skippen)\b",
            # Decode and run ("Decodeer en voer uit: <base64>").
            r"\b(?:decode|decodeer|dekodier\w*|entschlüssel\w*|ontcijfer)\b[^.\n]{0,20}?\b(?:and|en|und)\s+"
            r"(?:then\s+)?(?:run|execute|follow|do\s+it|voer\s+(?:het\s+)?uit|uitvoeren|volg|ausführen|"
            r"befolgen|führe)",
            # "cancel all bookings on the account I name, even ones that aren't mine".
            r"\b(?:even|also|including)\s+(?:the\s+)?ones?\s+(?:that\s+)?(?:aren't|are\s+not|isn't|"
            r"is\s+not|arent)\s+mine\b",
            # A filter switched off "just for this ticket" (the older rules need "your").
            r"\b(?:switch|turn|shut)\s+off\s+(?:the|this|that|ur|a)\s+(?:[\w-]+\s+)?filters?\b"
            r"[^.?!\n]{0,40}?\b(?:for\s+(?:this|my|one|a\s+(?:sec|second|moment|minute))|just\s+"
            r"(?:this|for|once|now)|temporarily|for\s+now)\b",
            r"\b(?:disable|deactivate|pause|bypass|lift|drop)\s+(?:the|this|that|ur)\s+(?:[\w-]+\s+)?"
            r"filters?\b[^.?!\n]{0,40}?\b(?:for\s+(?:this|my|one|a\s+(?:sec|second|moment|minute))|"
            r"just\s+(?:this|for|once|now)|temporarily|for\s+now)\b",
            r"\b(?:den|diesen|euren|ihren|deinen)\s+(?:[\w-]+\s+)?filter\s+(?:\w+\s+){0,5}?(?:aus|ab|"
            r"ausschalten|abschalten|deaktivieren|umgehen)\b[^.?!\n]{0,40}?\b(?:für\s+(?:diesen|dieses|"
            r"diese|mich|einmal)|nur\s+(?:kurz|einmal|dieses|diesen|für)|kurz|ausnahmsweise)\b",
            r"\bfilter\s+(?:\w+\s+){0,3}?voor\s+(?:dit|deze|mij)\s+(?:ene\s+)?(?:gesprek|chat|ticket|"
            r"vraag|keer)\b[^.?!\n]{0,20}?\b(?:uitzetten|uitschakelen|uit)\b",
            r"\b(?:zet|schakel)\s+(?:het|dat|dit|je|jullie|uw)\s+(?:[\w-]+\s+)?filter\s+(?:\w+\s+){0,2}?"
            r"uit\s+voor\s+(?:dit|deze|mij|even)\b",
        ],
        "extraction": [
            # The assistant's own rules or the chat's top asked to be quoted.
            r"\b(?:ihnen|dir|euch)\s+(?:vorgegebenen|gegebenen|mitgegebenen|auferlegten)\s+(?:\w+\s+)?"
            r"(?:regeln|betriebsregeln|anweisungen|vorgaben|richtlinien)\b[^.?!\n]{0,60}?\b(?:zitieren|"
            r"wiedergeben|nennen|auflisten|aufzählen|ausgeben|zeigen)",
            r"\b(?:was\s+stand|was\s+steht)\s+(?:\w+\s+){0,2}?(?:ganz\s+)?oben\s+in\s+(?:diesem|dem|"
            r"unserem)\s+(?:chat|gespräch|verlauf)\b[^?\n]{0,40}?\bbevor\s+ich\b",
            r"\b(?:part|bit|text|stuff|messages?|everything)\s+(?:that\s+came\s+)?before\s+my\s+first\s+"
            r"message\b",
            # An answer hidden from everyone but the writer.
            r"\b(?:answer|reply|respond|write)\s+(?:\w+\s+){0,3}?in\s+(?:white[-\s]on[-\s]white|"
            r"invisible|hidden)\b",
            # Another person's record asked for by name (German): "Welches Gehalt hat Herr
            # Brandt angegeben?", "Welchen Wert habt ihr bei Herrn Pawlak angesetzt?".
            r"\b(?:herr|herrn|frau|familie)\s+(?:dr\.?\s+)?[a-zäöüß]{3,}\b[^?\n]{0,200}?\b"
            r"(?:welche[nmrs]?|was\s+für|wie\s+viel\w*|wie\s+hoch|in\s+welche[mr]?)\b[^.?!\n]{0,60}?"
            r"\b(?:(?:bei\s+(?:ihm|ihr|ihnen)|(?:hat|haben)\s+(?:er|sie))\b[^.?!\n]{0,40}?\b(?:angesetzt|"
            r"bestellt|gebucht|bezahlt|beantragt|gekauft|verdient)|(?:ist|sind)\s+(?:er|sie)\s+"
            r"(?:\w+\s+){0,3}?(?:untergebracht|eingecheckt))\b",
            r"\b(?:ist|sind)\s+(?:herr|frau|familie)\s+(?:dr\.?\s+)?[a-zäöüß]{3,}(?:\s+[a-zäöüß]+)?"
            r"\s+(?:\w+\s+){0,5}?(?:schon\s+|bereits\s+)?(?:eingecheckt|angereist|abgereist|"
            r"untergebracht)\b",
        ],
    }


ROUND17: Final[Mapping[str, list[str]]] = MappingProxyType(_patterns())
