# ruff: noqa: E501
"""Build heldout_v4.jsonl: hand-written EN/DE/NL support tickets with inline PII marks.

Each text marks PII as ``[[TYPE|value]]``. The script only fills in check digits where a value
contains ``?`` (IBAN mod-97, Luhn for cards, 11-proof for BSN), strips the marks, records exact
character offsets and asserts every span round-trips. Run from the repository root:

    python tests/data/guard/pii/make_heldout_v4.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MARK = re.compile(r"\[\[([A-Z_]+)\|(.+?)\]\]")
TYPES = {"PERSON", "EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "ADDRESS", "IP", "BSN"}


def iban(value: str) -> str:
    """Fill the two '?' check digits of an IBAN written like 'DE?? 3704 ...' (spaces kept)."""
    compact = value.replace(" ", "")
    assert compact[2:4] == "??", value
    rearranged = compact[4:] + compact[:2] + "00"
    digits = "".join(str(int(c, 36)) for c in rearranged)
    check = f"{98 - int(digits) % 97:02d}"
    out = value.replace("??", check, 1)
    full = out.replace(" ", "")
    assert int("".join(str(int(c, 36)) for c in full[4:] + full[:4])) % 97 == 1
    return out


def luhn(value: str) -> str:
    """Fill the final '?' of a card number so that it passes the Luhn check."""
    digits = [int(c) for c in value if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    out = value.replace("?", str((10 - total % 10) % 10))
    ds = [int(c) for c in out if c.isdigit()]
    doubled = [
        d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(reversed(ds))
    ]
    assert sum(doubled) % 10 == 0, out
    return out


def bsn(value: str) -> str:
    """Fill the final '?' of a BSN so that it passes the 11-proof."""
    digits = [int(c) for c in value if c.isdigit()]
    assert len(digits) == 8, value
    last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    assert last != 10, f"no valid BSN completes {value}"
    out = value.replace("?", str(last))
    ds = [int(c) for c in out if c.isdigit()]
    assert (sum(d * w for d, w in zip(ds[:8], range(9, 1, -1), strict=True)) - ds[8]) % 11 == 0
    return out


FILL = {"IBAN": iban, "CREDIT_CARD": luhn, "BSN": bsn}

EN = [
    "Hi, this is [[PERSON|Priya Raghunathan]]. My order never arrived. You can reach me on [[PHONE|07700 900461]] after 5pm.",
    "Please update my delivery address to [[ADDRESS|Flat 4, 27 Harcourt Road, Sheffield S10 1DJ]]. Thanks, [[PERSON|Tom Whitfield]]",
    "I was charged twice on my card [[CREDIT_CARD|4929 1234 5678 901?]]. Order number is 448120.",
    "Hello, my name is [[PERSON|Oluwaseun Adeyemi]] and my email is [[EMAIL|seun.adeyemi@mailbox.org]]. I'd like to return the boots.",
    "Can you send the invoice to our finance team at [[EMAIL|accounts@harbourlight-consulting.co.uk]] instead of to me?",
    "We're getting blocked when we call your API from [[IP|203.0.113.47]]. Is that IP on a deny list? Ticket 99120.",
    "My husband [[PERSON|Declan O'Sullivan]] placed the order but I'm the one who'll be home. Please ring me at [[PHONE|+353 87 555 0142]].",
    "Refund to my bank please: [[IBAN|GB?? NWBK 6016 1331 9268 19]], account holder [[PERSON|Agnieszka Nowak]].",
    "Ship it to [[ADDRESS|1180 Maple Avenue, Apt 3B, Columbus, OH 43215]] please. My number is [[PHONE|(614) 555-0187]].",
    "The courier left my parcel at the wrong house. I live at [[ADDRESS|12 Birch Close, Norwich NR4 7TJ]], not number 21.",
    "Order 55012 - the tracking number is 1Z999AA10123456784 and it's been stuck for a week. Version 2.3.1 of your app shows nothing.",
    "Hi! [[PERSON|Mei-Ling Chen]] here. I paid with the Visa ending 4417 and I'd like a receipt for order A-3390.",
    "Please call my colleague [[PERSON|Rafael Duarte]] on [[PHONE|+44 20 7946 0321]], he manages our business account.",
    "Login attempts from [[IP|198.51.100.23]] and [[IP|2001:db8:85a3::8a2e:370:7334]] weren't me! Please lock my account, my email is [[EMAIL|kofi.mensah88@gmail.com]].",
    "How long does a refund take to show up? I returned the kettle on Monday.",
    "Name on the account is [[PERSON|Svetlana Ivanova]], postcode on the account is the old one. New address: [[ADDRESS|3 Cedar Court, Leeds LS6 3HP]].",
    "I'd like to pay the outstanding £42.50 with my Mastercard [[CREDIT_CARD|5425 2334 3010 910?]], expiry on file.",
    "This is [[PERSON|Jamal Haddad]] from the Glasgow store. Customer [[PERSON|Fiona MacLeod]] wants a callback on [[PHONE|0141 496 0735]].",
    "Please stop texting [[PHONE|+1 415 555 0199]], that's not my number anymore.",
    "Is the 2-year warranty valid for refurbished models? Model number XR-4410, bought in March.",
    "Send the replacement to my office: [[ADDRESS|Unit 7, Riverside Business Park, Bristol BS2 0JZ]], attention [[PERSON|Hannah Blake]].",
    "My Amex [[CREDIT_CARD|3714 496353 9843?]] was declined even though it has funds. Can you check?",
    "Hi, I'm [[PERSON|Nguyen Van Minh]]. I changed my email to [[EMAIL|minh.nguyen@outlook.com]] but your newsletter still goes to the old one.",
    "Our server [[IP|192.0.2.155]] gets a 429 after 50 requests. Docs say the limit is 100 per minute.",
    "Could you contact my daughter [[PERSON|Isabella Rossi]] at [[EMAIL|bella.rossi@protonmail.com]]? She handles my orders now.",
    "What time does the Manchester store close on Sundays?",
    "I'm moving from [[ADDRESS|45 Queen Street, Cardiff CF10 2BU]] to [[ADDRESS|9 Heol y Nant, Swansea SA1 8PQ]] next week. Update both orders please.",
    "Please refund to [[IBAN|IE?? AIBK 9311 5212 3456 78]] - I closed the card I paid with. [[PERSON|Ciara Byrne]]",
    "Callback request: [[PERSON|Ahmed Siddiqui]], [[PHONE|+44 7911 123456]], re: broken dishwasher, order 77102.",
    "Account holder [[PERSON|Zoe Papadopoulos]], email [[EMAIL|zoe.papa@icloud.com]], phone [[PHONE|(212) 555-0148]]. Please merge my two accounts.",
]

DE = [
    "Guten Tag, hier ist [[PERSON|Katharina Vogt]]. Mein Paket ist nicht angekommen. Erreichbar unter [[PHONE|0176 23456789]].",
    "Bitte ändern Sie meine Lieferadresse auf [[ADDRESS|Schillerstraße 14, 10625 Berlin]]. Viele Grüße, [[PERSON|Jonas Becker]]",
    "Die Erstattung bitte auf mein Konto [[IBAN|DE?? 3704 0044 0532 0130 00]], Kontoinhaber [[PERSON|Mehmet Yılmaz]].",
    "Meine E-Mail-Adresse hat sich geändert, neu ist [[EMAIL|s.hoffmann@web.de]]. Bitte im Kundenkonto anpassen.",
    "Auf meiner Kreditkarte [[CREDIT_CARD|4111 1111 1111 111?]] wurde zweimal abgebucht. Bestellnummer 80231.",
    "Hallo, ich bin [[PERSON|Anastasia Petrenko]] und wohne jetzt in der [[ADDRESS|Am Lindenhof 3a, 04109 Leipzig]]. Bitte Adresse aktualisieren.",
    "Rufen Sie bitte meinen Mann [[PERSON|Giuseppe Romano]] unter [[PHONE|+49 89 12345678]] an, er ist tagsüber zu Hause.",
    "Unsere Firewall meldet Zugriffe von [[IP|203.0.113.201]] auf Ihr Kundenportal. Gehört die Adresse zu Ihnen?",
    "Wie lange dauert der Versand nach Österreich? Ich habe Artikel 4410-B bestellt.",
    "Lieferung bitte an [[ADDRESS|Hauptstraße 112, 70563 Stuttgart-Vaihingen]], z. Hd. [[PERSON|Lukas Schmid]].",
    "Mein Name ist [[PERSON|Aylin Demir]], Kundennummer 55098. Bitte schicken Sie die Rechnung an [[EMAIL|aylin.demir@gmx.de]].",
    "Ich möchte per Lastschrift zahlen: [[IBAN|DE?? 5001 0517 5407 3249 31]]. Kontoinhaberin ist [[PERSON|Franziska Lehmann]].",
    "Bitte keine Anrufe mehr auf [[PHONE|030 901820]], das ist unser Festnetz und wird nicht mehr genutzt.",
    "Die Mastercard [[CREDIT_CARD|5555 5555 5555 444?]] ist abgelaufen, bitte die neue verwenden, die ich im Konto hinterlegt habe.",
    "Rückruf erbeten: [[PERSON|Wojciech Kowalczyk]], [[PHONE|+49 170 9876543]], wegen defekter Waschmaschine (Auftrag 33120).",
    "Wir sind umgezogen von [[ADDRESS|Bahnhofstraße 7, 90402 Nürnberg]] nach [[ADDRESS|Kirchweg 21, 91052 Erlangen]].",
    "Gilt die Garantie auch für B-Ware? Modell KX-200, Seriennummer 7719-2201-AB.",
    "Hallo, [[PERSON|Chiara Esposito]] hier. Meine Tochter [[PERSON|Lea Esposito]] hat mit meinem Konto bestellt, bitte Bestellung 4410 stornieren.",
    "Bitte Kontakt nur per E-Mail an [[EMAIL|thomas.krueger@t-online.de]], telefonisch bin ich schlecht erreichbar.",
    "Unser Server mit der IP [[IP|198.51.100.77]] bekommt beim Abruf der Bestell-API ständig Timeouts.",
    "Die Ware bitte an meine Arbeitsstelle: [[ADDRESS|Industriestraße 5, Halle 3, 68169 Mannheim]].",
    "Im Auftrag von Frau [[PERSON|Ingrid Baumann]] (sie ist 84) bitte ich um Rückruf unter [[PHONE|0221 4711 0815]].",
    "Warum kostet der Versand nach Hamburg 4,90 €, obwohl ich Plus-Mitglied bin?",
    "Erstattung bitte auf [[IBAN|AT?? 1904 3002 3457 3201]] – ich wohne inzwischen in Wien. Gruß, [[PERSON|Stefan Huber]]",
    "Hier [[PERSON|Olga Schneider]], meine neue Nummer ist [[PHONE|+49 (0)151 22334455]] und meine Adresse [[ADDRESS|Rosenweg 9, 22085 Hamburg]].",
    "Ich habe mit der Karte [[CREDIT_CARD|4532 7597 3454 241?]] bezahlt, aber die Bestellung zeigt 'unbezahlt'.",
    "Bitte schreiben Sie an [[EMAIL|info@baeckerei-wagner.de]], das ist unsere Geschäftsadresse.",
    "Der Fahrer hat das Paket bei [[PERSON|Chinedu Okafor]] nebenan abgegeben – stimmt das?",
    "Mein Kollege [[PERSON|Dariusz Mazur]] ([[EMAIL|d.mazur@firma-beispiel.de]]) übernimmt ab Montag unsere Bestellungen.",
    "Können Sie mir sagen, wann das Lager in Kassel wieder Kühlschränke hat?",
]

NL = [
    "Hallo, met [[PERSON|Sanne de Jong]]. Mijn pakket is niet aangekomen. Bel me op [[PHONE|06 12345678]].",
    "Wilt u mijn adres wijzigen naar [[ADDRESS|Prinsengracht 263, 1016 GV Amsterdam]]? Groet, [[PERSON|Daan Visser]]",
    "Terugbetaling graag op [[IBAN|NL?? INGB 0001 2345 67]] ten name van [[PERSON|Fatima El Amrani]].",
    "Mijn BSN is [[BSN|2719.40.57?]], dat vroeg uw collega voor de huurtoeslagverklaring.",
    "Ik ben [[PERSON|Bram van der Linden]], mijn nieuwe e-mailadres is [[EMAIL|bram.vdlinden@ziggo.nl]].",
    "Er is twee keer afgeschreven van mijn creditcard [[CREDIT_CARD|4916 3385 0608 267?]]. Bestelnummer 70155.",
    "Bezorg het alsjeblieft op [[ADDRESS|Oudegracht 120-bis, 3511 AX Utrecht]], ik ben daar overdag.",
    "Kunt u mijn vrouw [[PERSON|Noor Hendriks]] bellen op [[PHONE|+31 6 87654321]]? Zij regelt de retour.",
    "Ons kantoor met IP-adres [[IP|203.0.113.9]] krijgt foutmelding 403 bij inloggen op het portaal.",
    "Hoe lang duurt verzending naar België? Ik heb artikel 5520-C besteld.",
    "Mijn naam is [[PERSON|Youssef Benali]], klantnummer 889120. Stuur de factuur naar [[EMAIL|y.benali@hotmail.nl]].",
    "Incasso graag van [[IBAN|NL?? RABO 0300 0652 64]]. Rekeninghouder: [[PERSON|Anouk Smit]].",
    "Graag geen telefoontjes meer op [[PHONE|020 555 0123]], dat is ons oude vaste nummer.",
    "Voor de verificatie: burgerservicenummer [[BSN|23456789?]], naam [[PERSON|Kees Mulder]].",
    "Terugbelverzoek: [[PERSON|Dewi Kartosen]], [[PHONE|+31 (0)10 412 3456]], over de kapotte wasmachine (order 44018).",
    "Wij zijn verhuisd van [[ADDRESS|Lange Voorhout 14, 2514 ED Den Haag]] naar [[ADDRESS|Stationsweg 3, 2312 AT Leiden]].",
    "Geldt de garantie ook voor refurbished toestellen? Model QX-9, serienummer 2023-88-1177.",
    "Hoi, [[PERSON|Lotte Janssen]] hier. Mijn zoon [[PERSON|Milan Janssen]] heeft op mijn account besteld, wil je bestelling 3301 annuleren?",
    "Neem alleen contact op via [[EMAIL|info@bakkerij-vandam.nl]], dat is ons zakelijke adres.",
    "Onze server [[IP|198.51.100.240]] krijgt steeds time-outs bij de bestel-API.",
    "Lever het af op mijn werk: [[ADDRESS|Industrieweg 22, unit 5, 5652 AB Eindhoven]].",
    "Namens mevrouw [[PERSON|Gerda Bosman]] (zij is 86) vraag ik of u haar terugbelt op [[PHONE|050 311 2244]].",
    "Waarom betaal ik verzendkosten terwijl ik Plus-lid ben?",
    "Terugstorten op [[IBAN|BE?? 5390 0754 7034]], ik woon inmiddels in Antwerpen. Groet, [[PERSON|Pieter Claes]]",
    "Met [[PERSON|Olena Kovalenko]], mijn nieuwe nummer is [[PHONE|+31 6 1122 3344]] en mijn adres [[ADDRESS|Vondelstraat 88 II, 1054 GN Amsterdam]].",
    "Ik heb betaald met Mastercard [[CREDIT_CARD|5105 1051 0510 510?]], maar de bestelling staat op 'niet betaald'.",
    "De bezorger zegt dat hij het pakket bij [[PERSON|Sevda Aydın]] op nummer 12 heeft afgegeven, klopt dat?",
    "Mijn collega [[PERSON|Ruben Kuipers]] ([[EMAIL|r.kuipers@voorbeeldbedrijf.nl]]) neemt vanaf maandag onze bestellingen over.",
    "Wanneer heeft het magazijn in Tilburg weer koelkasten op voorraad?",
    "Mijn BSN [[BSN|31415926?]] staat verkeerd op de factuur, dat moet weg. Adres: [[ADDRESS|Dorpsstraat 5, 7421 AB Deventer]].",
]


def build(text: str) -> tuple[str, list[dict[str, object]]]:
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(text):
        kind, value = m.group(1), m.group(2)
        assert kind in TYPES, kind
        if "?" in value:
            value = FILL[kind](value)
        plain = text[pos : m.start()]
        out.append(plain)
        length += len(plain)
        spans.append({"start": length, "end": length + len(value), "type": kind, "_value": value})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    full = "".join(out)
    assert "[[" not in full and "]]" not in full and "?]" not in full, full
    for s in spans:
        assert full[s["start"] : s["end"]] == s.pop("_value")  # type: ignore[misc]
    return full, spans


def main() -> None:
    rows = []
    for lang, texts in (("en", EN), ("de", DE), ("nl", NL)):
        for t in texts:
            full, spans = build(t)
            if lang != "nl":
                assert all(s["type"] != "BSN" for s in spans)
            rows.append({"text": full, "spans": spans, "lang": lang, "source": "written-v4"})
    target = Path(__file__).with_name("heldout_v4.jsonl")
    with target.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} tickets to {target}")


if __name__ == "__main__":
    main()
