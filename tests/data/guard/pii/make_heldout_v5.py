# ruff: noqa: E501
"""Build heldout_v5.jsonl: hand-written EN/DE/NL support tickets with inline PII marks.

Marks are ``[[TYPE|value]]``. In values, ``??`` after an IBAN country code is replaced by the
mod-97 check digits, a trailing ``?`` in CREDIT_CARD by the Luhn digit and in BSN by the
11-proof digit. Offsets are computed exactly and every span is asserted to round-trip.
Run: python tests/data/guard/pii/make_heldout_v5.py
"""

from __future__ import annotations

import json
import pathlib
import re

MARK = re.compile(r"\[\[([A-Z_]+)\|(.+?)\]\]")
TYPES = {"PERSON", "EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "ADDRESS", "IP", "BSN"}


def iban(value: str) -> str:
    compact = value.replace(" ", "")
    country, bban = compact[:2], compact[4:]
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    out = value.replace("??", f"{check:02d}", 1)
    c = out.replace(" ", "")
    assert int("".join(str(int(ch, 36)) for ch in c[4:] + c[:4])) % 97 == 1, value
    return out


def luhn(value: str) -> str:
    digits = [int(c) for c in value if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):  # check digit position is index 0 (value 0 now)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return value[:-1] + str((10 - total % 10) % 10)


def bsn(value: str) -> str:
    digits = [int(c) for c in value if c.isdigit()]
    s = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True))
    check = s % 11
    assert check < 10, f"no valid BSN check digit for {value}"
    out = value[:-1] + str(check)
    d = [int(c) for c in out if c.isdigit()]
    assert (sum(w * x for w, x in zip(range(9, 1, -1), d[:8], strict=True)) - d[8]) % 11 == 0
    return out


def fill(kind: str, value: str) -> str:
    if kind == "IBAN" and "??" in value:
        return iban(value)
    if kind == "CREDIT_CARD" and value.endswith("?"):
        return luhn(value[:-1] + "0")
    if kind == "BSN" and value.endswith("?"):
        return bsn(value[:-1] + "0")
    return value


def build(src: str) -> tuple[str, list[dict[str, object]]]:
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(src):
        kind, value = m.group(1), fill(m.group(1), m.group(2))
        assert kind in TYPES, kind
        plain = src[pos : m.start()]
        assert "[[" not in plain and "]]" not in plain, plain
        out.append(plain)
        length += len(plain)
        spans.append({"start": length, "end": length + len(value), "type": kind})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(src[pos:])
    text = "".join(out)
    return text, spans


EN = [
    "Hi, this is [[PERSON|Oluwaseun Bakare]]. My parcel for order 88120 was meant to go to [[ADDRESS|Flat 3, 27 Rosebery Avenue, London EC1R 4SL]] but the tracking shows Croydon. Call me on [[PHONE|07700 900 482]] if needed.",
    "Please update the card on my account to [[CREDIT_CARD|4539 1488 0343 642?]], expiry 09/27. Thanks, [[PERSON|Megan O'Sullivan]]",
    "Refund should go to my UK account instead: [[IBAN|GB?? BARC 2004 1541 2938 77]], name [[PERSON|Rajesh Venkataraman]].",
    "hey its [[PERSON|Tomasz Wiśniewski]] again, new email is [[EMAIL|tomek.wisniewski88@gmail.com]], pls update",
    "Our office IP [[IP|203.0.113.47]] keeps getting blocked when we log in to the dashboard. Contact: [[PERSON|Chen Yuling]], [[EMAIL|y.chen@harborlogistics.co.uk]]",
    "Order 44102 arrived damaged. Ship the replacement to [[ADDRESS|1420 Maple Ridge Drive, Apt 5B, Columbus, OH 43215]]. Phone [[PHONE|(614) 555-0192]].",
    "I'm writing on behalf of my father, [[PERSON|Seamus Gallagher]], who lives at [[ADDRESS|14 Strand Road, Sandymount, Dublin 4, D04 V1W8]]. His landline is [[PHONE|+353 1 269 4417]].",
    "Can someone call me back? [[PHONE|+1 415 555 0133]] — ask for [[PERSON|Aisha Rahman]].",
    "The direct debit should come from [[IBAN|IE?? AIBK 9311 5212 3456 78]]. Account holder [[PERSON|Niamh Byrne]].",
    "My order number is 55120-X and the invoice says INV-2024-00871. The total was £129.99, model KX-400. Why the delay?",
    "Charged twice on my Amex [[CREDIT_CARD|3714 496353 9843?]]. Please refund one of them. — [[PERSON|Daniel Abergel]]",
    "Hello, I'm [[PERSON|Nguyễn Thị Lan]] and I can't receive texts at [[PHONE|+44 7911 234 567]]. Can you use my email [[EMAIL|lan.nguyen@outlook.com]] instead?",
    "Login alerts came from [[IP|198.51.100.23]] and [[IP|2001:db8:85a3::8a2e:370:7334]], neither is me. Please lock my account.",
    "Deliver to [[ADDRESS|Unit 7, Brook Industrial Estate, Hayes UB4 0JH]], attention [[PERSON|Kwame Mensah]], mobile [[PHONE|07456 112 903]].",
    "Hi! Just wanted to say the new app update is great, much faster on my Pixel 7. Version 4.12.1 I think.",
    "My wife [[PERSON|Sofia Moretti]] and I share the account. Her number is [[PHONE|020 7946 0831]] and mine is [[PHONE|07820 331 094]].",
    "Please send the paperwork to [[ADDRESS|88 Wellington Street, Glasgow G2 6HJ]]. Thank you, [[PERSON|Fiona MacLeod]].",
    "I've tried the card ending 4417 and it was declined. Do you accept PayPal? I'm 34 and have never had this issue.",
    "Account email [[EMAIL|priya.s+shopping@icloud.com]] — can you confirm my subscription renewal date?",
    "Dear team, [[PERSON|Dmitri Volkov]] here. I moved to [[ADDRESS|305 West 52nd Street, Apt 12C, New York, NY 10019]]. Please update my billing address.",
    "Use this card for the upgrade: [[CREDIT_CARD|5425 2334 3010 910?]]",
    "UPS tracking 1Z999AA10123456784 says delivered but nothing here. Ticket #77120.",
    "I'm [[PERSON|Chinedu Okafor]], customer since 2015, and I want to speak to a manager about my bill.",
    "Router at [[IP|192.168.1.254]] keeps dropping, my public IP is [[IP|81.2.69.160]]. Any outages in my area?",
    "Refund to [[IBAN|GB?? NWBK 6016 1331 9268 19]] please, not the card. Thanks [[PERSON|Hannah Goldberg]]",
    "hi can u call [[PERSON|Marisol Gutiérrez]] on [[PHONE|+1 (312) 555-0178]] she placed the order for me",
    "Where is my refund? It's been 3 weeks. Order 30021, £45.00.",
    "Billing contact changes: from [[PERSON|Liam Chen]] ([[EMAIL|liam.chen@brightpath.io]]) to [[PERSON|Zainab Hussain]] ([[EMAIL|zainab.hussain@brightpath.io]]).",
    "My old address was [[ADDRESS|22 Elm Grove, Bristol BS7 8QH]], new one is [[ADDRESS|5 Harbour View, Cardiff CF10 4GA]].",
    "Visa [[CREDIT_CARD|4916 3385 0612 775?]] expired, please remove it. Best regards, [[PERSON|Eleni Papadopoulos]]",
]
DE = [
    "Guten Tag, mein Name ist [[PERSON|Mehmet Yıldırım]]. Bitte liefern Sie an [[ADDRESS|Hauptstraße 112, 70563 Stuttgart]]. Telefon: [[PHONE|0711 4589320]].",
    "Die Erstattung bitte auf mein Konto [[IBAN|DE?? 5001 0517 5407 3249 31]], Kontoinhaberin [[PERSON|Katarzyna Nowak]].",
    "Hallo, hier ist [[PERSON|Jonas Becker]], meine neue Handynummer ist [[PHONE|0176 23456789]].",
    "Bitte die Rechnung an [[EMAIL|buchhaltung@mueller-haustechnik.de]] schicken, z. Hd. Frau [[PERSON|Sabine Müller]].",
    "Mein Paket sollte zu [[ADDRESS|Am Schlossgarten 4a, 01067 Dresden]] gehen, kam aber zurück. Bestellnr. 4410-22.",
    "Ich wurde doppelt belastet, Karte [[CREDIT_CARD|4024 0071 3653 571?]]. Bitte eine Buchung stornieren.",
    "Sehr geehrte Damen und Herren, ich, [[PERSON|Anastasia Petrova]], wohnhaft [[ADDRESS|Lindenallee 23, 2. OG, 50968 Köln]], kündige hiermit meinen Vertrag.",
    "Rückruf bitte unter [[PHONE|+49 30 8847 1123]], fragen Sie nach Herrn [[PERSON|Ahmad Karimi]].",
    "Die App läuft seit Version 3.2 nicht mehr auf meinem iPad. Kundennummer 10028813.",
    "Neue Adresse in Österreich: [[ADDRESS|Mariahilfer Straße 77/12, 1060 Wien]]. Tel. [[PHONE|+43 664 1234567]]. Gruß, [[PERSON|Lukas Gruber]]",
    "Lastschrift bitte von [[IBAN|AT?? 1904 3002 3457 3201]] einziehen.",
    "hi, [[PERSON|Svenja]] hier 😊 könnt ihr mir die Bestätigung an [[EMAIL|svenja.k92@gmx.de]] schicken?",
    "Unser Firmenzugang wird von [[IP|185.22.144.10]] aus gesperrt. Ansprechpartner: Dr. [[PERSON|Wolfgang Hoffmann]], [[PHONE|089 21096-445]].",
    "Mein Sohn [[PERSON|Leon Schulz]] hat mit meiner Karte [[CREDIT_CARD|5105 1051 0510 510?]] bestellt, ohne zu fragen. Kann ich das stornieren?",
    "Das Gerät (Seriennummer SN-77A-40012) zeigt Fehler E4. Kaufdatum März, Preis 249 €.",
    "Bitte schicken Sie den Techniker zu [[ADDRESS|Gartenstraße 8, 24103 Kiel]]. Ich bin ab 14 Uhr da. [[PERSON|Fatma Aydın]]",
    "Meine E-Mail hat sich geändert: alt [[EMAIL|p.wagner@t-online.de]], neu [[EMAIL|peter.wagner@posteo.de]].",
    "Sehr geehrter Herr [[PERSON|Nguyen]], vielen Dank für die Rückmeldung. Ich warte weiter auf die Gutschrift.",
    "Zugriff von einer unbekannten IP [[IP|91.64.12.201]] auf mein Konto! Bitte sofort sperren.",
    "Lieferung an meine Schwester [[PERSON|Giulia Romano]], [[ADDRESS|Friedrichstraße 45, 10117 Berlin]], Handy [[PHONE|+49 1512 3456789]].",
    "Wann kommt meine Bestellung? Ich warte seit 10 Tagen. Danke!",
    "Erstattung bitte an [[IBAN|DE?? 1203 0000 0000 2020 51]]. Grüße [[PERSON|Olena Kovalenko]]",
    "Rufen Sie bitte meine Frau an: [[PHONE|040 / 822 331 09]]. Sie heißt [[PERSON|Ayşe Demir]].",
    "Ich bin 67 Jahre alt und komme mit dem Online-Portal nicht zurecht. Geht das auch per Post?",
    "Vertrag läuft auf [[PERSON|Hans-Jürgen Krause]], [[ADDRESS|Bahnhofstr. 3, 97070 Würzburg]].",
    "Bitte keine Anrufe mehr auf [[PHONE|0221 9403 551]]! Kontakt nur per Mail: [[EMAIL|ines.fischer@web.de]]",
    "Kreditkarte [[CREDIT_CARD|3782 822463 1000?]] (Amex) bitte als Standard hinterlegen.",
    "Techniker kam nicht. Adresse: [[ADDRESS|Kirchweg 2, 33602 Bielefeld]]. Kundin: [[PERSON|Magdalena Zielińska]].",
    "Servus, [[PERSON|Florian Huber]] aus München hier. Meine Nummer: [[PHONE|+49 (0)89 5522 1040]].",
    "Die Rechnung RE-2024-0431 über 89,90 € ist falsch, der Tarif kostet 79,90 €.",
]
NL = [
    "Goedemiddag, ik ben [[PERSON|Fatima El Amrani]]. Mijn pakket moet naar [[ADDRESS|Kanaalstraat 112, 3531 CK Utrecht]]. Bel me op [[PHONE|06-41236587]].",
    "Graag het geld terugstorten op [[IBAN|NL?? INGB 0001 2345 67]] t.n.v. [[PERSON|Sanne de Vries]].",
    "Mijn BSN is [[BSN|11122233?]], hebben jullie dat nodig voor de zorgverzekering?",
    "Hoi, [[PERSON|Ruud van der Berg]] hier, mijn nieuwe e-mail is [[EMAIL|ruud.vdberg@ziggo.nl]].",
    "Bezorg het pakket alsjeblieft bij [[ADDRESS|Laan van Meerdervoort 250-A, 2563 AH Den Haag]].",
    "Dubbel afgeschreven van mijn creditcard [[CREDIT_CARD|4485 2756 3719 012?]], graag één keer terugboeken.",
    "Geachte heer/mevrouw, ondergetekende [[PERSON|Priscilla Mangroelal]], wonende aan [[ADDRESS|Bijlmerdreef 1021, 1103 TZ Amsterdam]], zegt hierbij het contract op.",
    "U kunt mij bereiken op [[PHONE|+31 20 555 1234]], vraag naar [[PERSON|Joost Hendriks]].",
    "De app crasht sinds versie 5.0.3 op mijn Samsung. Klantnummer 300128841.",
    "Nieuw adres in België: [[ADDRESS|Rue de la Loi 16, 1000 Brussel]]. Tel. [[PHONE|+32 2 512 34 56]].",
    "Incasso graag van [[IBAN|BE?? 5390 0754 7034]].",
    "hey! [[PERSON|Noor]] hier 😄 kunnen jullie de bevestiging naar [[EMAIL|noor.b@live.nl]] sturen?",
    "Ons kantoor op [[IP|145.53.212.8]] wordt geblokkeerd. Contactpersoon: [[PERSON|Bram Visser]], [[PHONE|010 - 414 22 90]].",
    "Mijn dochter [[PERSON|Lotte Smit]] heeft met mijn kaart [[CREDIT_CARD|5555 5555 5555 444?]] besteld zonder te vragen.",
    "Het apparaat (serienummer NL-88C-2201) geeft foutcode F07. Gekocht in april voor €399.",
    "Stuur de monteur naar [[ADDRESS|Dorpsstraat 8, 1191 BK Ouderkerk aan de Amstel]]. Ik ben er na 13:00. Groet, [[PERSON|Mustafa Yılmaz]]",
    "BSN voor de aanvraag: [[BSN|2345.67.89?]]. Naam: [[PERSON|Wouter Jansen]].",
    "Beste mevrouw [[PERSON|Bakker]], bedankt voor uw reactie.",
    "Onbekende inlog vanaf [[IP|77.161.45.3]] op mijn account! Graag direct blokkeren.",
    "Leveren bij mijn buurvrouw [[PERSON|Ingrid Koster]], [[ADDRESS|Prinsengracht 263, 1016 GV Amsterdam]], mobiel [[PHONE|+31 6 12345678]].",
    "Wanneer komt mijn bestelling? Ik wacht al een week. Bedankt!",
    "Terugbetaling graag naar [[IBAN|NL?? RABO 0300 0652 64]]. Groeten, [[PERSON|Thijs Mulder]]",
    "Bel mijn man even: [[PHONE|0031 6 87654321]], hij heet [[PERSON|Ravi Soerdjbalie]].",
    "Ik ben 72 en kan niet goed met de website overweg. Kan het ook per brief?",
    "Contract staat op naam van [[PERSON|Hendrik-Jan Bos]], [[ADDRESS|Stationsweg 14 bis, 9401 KM Assen]].",
    "Niet meer bellen op [[PHONE|030-2345678]] aub! Alleen mailen: [[EMAIL|c.peeters@kpnmail.nl]]",
    "Mijn BSN [[BSN|17282950?]] staat verkeerd in jullie systeem, het laatste cijfer klopt niet.",
    "Monteur kwam niet opdagen. Adres: [[ADDRESS|Vondellaan 31 hs, 2332 AA Leiden]]. Klant: [[PERSON|Yusuf Öztürk]].",
    "Hoi, ik ben [[PERSON|Anouk Verbeek]] uit Eindhoven, mijn nummer is [[PHONE|040-2911044]].",
    "Factuur F-2024-3310 van €64,50 klopt niet, mijn bundel kost €54,50.",
]


def main() -> None:
    rows = []
    for lang, tickets in (("en", EN), ("de", DE), ("nl", NL)):
        for src in tickets:
            text, spans = build(src)
            for span, m in zip(spans, MARK.finditer(src), strict=True):
                value = fill(m.group(1), m.group(2))
                assert text[span["start"] : span["end"]] == value, (value, text)
                assert value == value.strip() and value
            assert "[[" not in text and "]]" not in text
            rows.append({"text": text, "spans": spans, "lang": lang, "source": "written-v5"})
    out = pathlib.Path(__file__).with_name("heldout_v5.jsonl")
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    from collections import Counter

    print(len(rows), "tickets", Counter(s["type"] for r in rows for s in r["spans"]))
    print("without PII", Counter(r["lang"] for r in rows if not r["spans"]))


if __name__ == "__main__":
    main()
