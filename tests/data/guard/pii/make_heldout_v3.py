# ruff: noqa: E501
"""Build heldout_v3.jsonl from the hand-written tickets below.

The ticket texts are written by hand (by an LLM helper session). This script only
(1) computes check digits for IBANs, card numbers (Luhn) and BSNs (11-proof) so the
values are valid, and (2) turns inline marks ``[[TYPE|value]]`` into exact character
offsets. Run: ``python tests/data/guard/pii/make_heldout_v3.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def iban(country: str, bban: str, sep: str = " ") -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    raw = f"{country}{check:02d}{bban}"
    return sep.join(raw[i : i + 4] for i in range(0, len(raw), 4)) if sep else raw


def luhn(partial: str, groups: tuple[int, ...] = (4, 4, 4, 4), sep: str = " ") -> str:
    for d in range(10):
        num = partial + str(d)
        total = 0
        for i, ch in enumerate(reversed(num)):
            n = int(ch)
            if i % 2 == 1:
                n = n * 2 - 9 if n * 2 > 9 else n * 2
            total += n
        if total % 10 == 0:
            break
    out, pos = [], 0
    for g in groups:
        out.append(num[pos : pos + g])
        pos += g
    return sep.join(out)


def bsn(first8: str, fmt: str = "plain") -> str:
    for d in range(10):
        num = first8 + str(d)
        s = sum(int(c) * w for c, w in zip(num[:8], range(9, 1, -1), strict=True)) - int(num[8])
        if s % 11 == 0:
            return f"{num[:4]}.{num[4:6]}.{num[6:]}" if fmt == "dots" else num
    raise ValueError(f"no valid BSN from {first8}")


V = {
    "ib_gb1": iban("GB", "NWBK60161331926819"),
    "ib_gb2": iban("GB", "BARC20038471529630", sep=""),
    "ib_gb3": iban("GB", "LOYD30962245811203"),
    "ib_de1": iban("DE", "370400440532013000"),
    "ib_de2": iban("DE", "500105175407324931", sep=""),
    "ib_de3": iban("DE", "100700240912345600"),
    "ib_de4": iban("DE", "760501010010293847"),
    "ib_de5": iban("DE", "200411440223344550"),
    "ib_nl1": iban("NL", "ABNA0417164300"),
    "ib_nl2": iban("NL", "INGB0006843217", sep=""),
    "ib_nl3": iban("NL", "RABO0312458790"),
    "ib_nl4": iban("NL", "SNSB0927364510"),
    "ib_nl5": iban("NL", "TRIO0391827364"),
    "ib_be": iban("BE", "539007547034"),
    "cc1": luhn("453201511283036"),
    "cc2": luhn("542523343010990", sep="-"),
    "cc3": luhn("37144963539843", groups=(4, 6, 5)),
    "cc4": luhn("601100099013942", sep=""),
    "cc5": luhn("491761000000000"),
    "cc6": luhn("522233440098712", sep=""),
    "cc7": luhn("402400715364981"),
    "cc8": luhn("535310448203914", sep="-"),
    "bsn1": bsn("11122233"),
    "bsn2": bsn("23456781", "dots"),
    "bsn3": bsn("17362549"),
    "bsn4": bsn("30921874"),
    "bsn5": bsn("24681358", "dots"),
    "bsn6": bsn("19283746"),
}

EN = r"""
Hi, this is [[PERSON|Jan de Vries]]. My card [[CREDIT_CARD|{cc1}]] was charged twice for the same order, please check.
Could you send the invoice to [[EMAIL|priya.raman@fastmail.co.uk]]? My colleague [[PERSON|Tom Okafor]] needs it for expenses.
Please deliver to [[ADDRESS|42 Harcourt Road, Sheffield S10 1DJ]] instead, I'm staying with my sister until June.
You can reach me on [[PHONE|+44 7700 900461]] after 5pm.
My refund should go to [[IBAN|{ib_gb1}]], account name [[PERSON|Marek Kowalczyk]].
Our office IP is [[IP|203.0.113.47]] and we can't reach the admin dashboard since yesterday's update.
Hello, I'm [[PERSON|Siobhan O'Connell]], customer since 2019. The parcel went to [[ADDRESS|17 Quay Street, Galway H91 X2F6]] but nobody there ordered it.
Call me at [[PHONE|(415) 555-0187]] please, I'm in California so mornings are best.
Order 88213 arrived without the charger. Version 2.4 of the app also crashes on start. No other details, thanks.
The payment with [[CREDIT_CARD|{cc3}]] failed three times but my bank says there's no block.
Hi team, [[PERSON|Aisha Bello]] here. New email: [[EMAIL|aisha.b@protonmail.com]], please update my profile.
I live at [[ADDRESS|1180 Maple Avenue, Apt 3B, Denver, CO 80203]] and the courier keeps leaving packages at 1108.
Please refund to this account: [[IBAN|{ib_gb2}]]. Thanks, [[PERSON|Daniel Ferreira]]
The login alert said someone signed in from [[IP|81.2.69.160]] - that wasn't me!
My mum [[PERSON|Margaret Thornton]] ordered the heater on my account. Her number is [[PHONE|01632 960 754]].
Ticket 55-2210: the voucher code SPRING24 doesn't apply to the sale items. Can you check?
I paid with my Visa ending 4417, not the full number obviously. When will the refund show?
Contact for delivery: [[PERSON|Chen Wei]], [[PHONE|+1 646 555 0142]], [[ADDRESS|350 West 42nd Street, New York, NY 10036]].
hi its [[PERSON|kevin murphy]] again, same problem as last week, email is [[EMAIL|kmurphy88@gmail.com]]
Could Ms [[PERSON|Adeyemi]] call me back? She handled my case last time. My landline is [[PHONE|020 7946 0831]].
The direct debit from [[IBAN|{ib_gb3}]] bounced, but there's plenty of money in the account.
Please use card [[CREDIT_CARD|{cc2}]] for the renewal instead of the old one.
Our server at [[IP|2001:db8:85a3::8a2e:370:7334]] gets a 403 from your API.
My address on file is wrong: it should be [[ADDRESS|Flat 6, 23 Lansdowne Crescent, Edinburgh EH12 5EH]].
Hi, I'm [[PERSON|Rafael Gutiérrez-Molina]] and I'd like to know whether the 30-day trial includes the export feature.
For the business account, send invoices to [[EMAIL|accounts@brightwave-studio.com]] and cc [[EMAIL|j.lindqvist@brightwave-studio.com]].
I tried calling [[PHONE|+44 (0)161 496 0742]] which is my own number and it says your system doesn't recognise it.
Please cancel order 40017. It was a gift for Christmas but plans changed.
[[PERSON|Fatima Zahra El Amrani]] - I need my order history for the last two years for a warranty claim.
Card used: [[CREDIT_CARD|{cc4}]] (Discover). The charge is 79.90 but the item was 69.90.
The technician should come to [[ADDRESS|8 Church Lane, Bath BA2 3JT]] - ring twice, the bell is faulty.
My husband [[PERSON|Graham]] said he spoke to someone called [[PERSON|Lucy]] yesterday about this.
Reach me at [[EMAIL|n.papadopoulos@outlook.com]] or [[PHONE|07700 900 318]].
The error log mentions port 8443 as blocked? Is that on your side? I'm on version 5.1.2.
Refund to my Dutch account please: [[IBAN|{ib_nl1}]], name [[PERSON|Sanne van den Berg]].
I'm writing on behalf of Dr. [[PERSON|Oluwaseun Adebayo]]; he's travelling and can't log in.
Hi! Quick question about delivery times to Ireland. Do you ship on Saturdays?
My Mastercard [[CREDIT_CARD|{cc6}]] expired, can I update it here?
Please send the replacement to my work: [[ADDRESS|Unit 4, Riverside Business Park, Leeds LS11 5QT]], attention [[PERSON|Hannah Wright]].
Our VPN exit is [[IP|198.51.100.23]], please whitelist it for the SFTP export.
"""

DE = r"""
Guten Tag, mein Name ist [[PERSON|Mehmet Yılmaz]], die Lieferung an [[ADDRESS|Sonnenallee 112, 12045 Berlin]] ist nie angekommen.
Bitte erstatten Sie den Betrag auf [[IBAN|{ib_de1}]], Kontoinhaberin [[PERSON|Katarzyna Nowak]].
Sie erreichen mich unter [[PHONE|0171 4829365]] oder per Mail an [[EMAIL|k.nowak@web.de]].
Rückruf bitte unter [[PHONE|+49 30 88712345]], ich bin bis 18 Uhr im Büro.
Meine Kreditkarte [[CREDIT_CARD|{cc5}]] wurde doppelt belastet, Bestellnummer 700231.
Hallo, hier [[PERSON|Jürgen Weißmüller]]. Neue Anschrift: [[ADDRESS|Am Hofgarten 7a, 53113 Bonn]].
Die Rechnung 2024-118 über 89,90 € stimmt nicht, es waren nur zwei Artikel. Bitte korrigieren.
Bitte den Lastschrifteinzug von [[IBAN|{ib_de2}]] stoppen, das Konto ist aufgelöst.
Unsere Firewall meldet Zugriffe von [[IP|85.214.132.117]] auf Ihr Kundenportal - gehört die IP zu Ihnen?
Sehr geehrte Frau [[PERSON|Schneider]], vielen Dank für den Rückruf. Meine Telefonnummer hat sich geändert: [[PHONE|030/4417 2290]].
Lieferadresse: [[PERSON|Ayşe Demir]], [[ADDRESS|Kaiserstraße 45, 60329 Frankfurt am Main]], 3. OG.
Ich heiße [[PERSON|Dragan Petrović]] und möchte mein Abo kündigen. Kundennummer 44810.
Können Sie die Gutschrift bitte an [[EMAIL|buchhaltung@schmidt-elektro.de]] schicken?
Der Techniker soll zu [[ADDRESS|Lindenstraße 3, 01067 Dresden]] kommen, Klingel "Hoffmann/Krause".
Meine Frau [[PERSON|Svetlana Becker]] hat mit der Karte [[CREDIT_CARD|{cc7}]] bezahlt, aber die Bestellung ist storniert.
Die Montage am 14.03. hat nicht geklappt, der Monteur kam zwei Stunden zu spät. Bitte um Rückmeldung.
Erreichbar bin ich mobil unter [[PHONE|+49 (0)152 23456789]].
Bitte Konto [[IBAN|{ib_de3}]] für künftige Erstattungen hinterlegen.
Hallo! Gibt es den Staubsauger X200 noch in Rot? Im Shop steht "ausverkauft".
Ich bin [[PERSON|Lukas Brandt]], mein Kollege [[PERSON|Emre Kaya]] hat das Ticket eröffnet. Mail: [[EMAIL|e.kaya@kanzlei-kaya.de]].
Die Rücksendung ging an [[ADDRESS|Industriestraße 20, 76185 Karlsruhe]], laut Sendungsverfolgung ist sie dort angekommen.
Im Fehlerprotokoll steht: Verbindung zu [[IP|172.16.254.9]] abgelehnt. Liegt das an Ihrem Update?
Mein Vater [[PERSON|Hans-Peter Zimmermann]] (86) kommt mit der App nicht klar. Bitte rufen Sie ihn an: [[PHONE|0221 9483721]].
Zahlungsdaten: Mastercard [[CREDIT_CARD|{cc8}]], gültig bis 09/27.
Erstattung bitte auf das Konto meiner Tochter [[PERSON|Lea Vogel]]: [[IBAN|{ib_de4}]].
Wir sind die Bäckerei Hansen GmbH, Ansprechpartner Frau [[PERSON|Ingrid Hansen]], [[ADDRESS|Hauptstraße 88, 24937 Flensburg]].
Warum kostet der Versand nach Österreich 12 Euro? Bei der Konkurrenz sind es 5.
Ich hatte geschrieben von [[EMAIL|tobias.krueger91@gmx.net]], aber keine Antwort bekommen.
Neue Rufnummer: [[PHONE|+49 89 2180 4455]] (Festnetz, München).
Hallo, ich bin [[PERSON|Olena Shevchenko]], seit März in Deutschland. Adresse: [[ADDRESS|Bahnhofstr. 14, 90402 Nürnberg]].
Das Paket mit der Sendungsnummer 00340434161094015902 liegt seit einer Woche im Verteilzentrum.
Bitte löschen Sie alle Daten zu [[EMAIL|m.wagner@t-online.de]] gemäß Art. 17 DSGVO.
Lastschrift bitte über [[IBAN|{ib_de5}]], Kontoinhaber [[PERSON|Karl-Heinz Schäfer]].
Der Router unter [[IP|192.168.178.1]] zeigt "Firmware-Update fehlgeschlagen".
Ich heiße [[PERSON|Giuseppe Romano]], wohne in [[ADDRESS|Weinbergweg 2, 70190 Stuttgart]] und warte auf meine Waschmaschine.
Für Rückfragen: Dr. [[PERSON|Sabine Krüger]], Tel. [[PHONE|0711 56 78 90]], Mail [[EMAIL|s.krueger@praxis-krueger.de]].
Bitte senden Sie mir die Bestellbestätigung für Auftrag 88-4410 noch einmal zu.
Die Karte [[CREDIT_CARD|{cc1}]] ist gesperrt, bitte belasten Sie stattdessen mein Paypal-Konto.
[[PERSON|Fatma Öztürk]] hier, die Lieferung an [[ADDRESS|Veilchenweg 9, 44137 Dortmund]] ist beschädigt angekommen.
Bitte überweisen Sie die 45 € auf mein belgisches Konto [[IBAN|{ib_be}]].
"""

NL = r"""
Goedemiddag, ik ben [[PERSON|Sanne van den Berg]]. Mijn pakket is bezorgd op [[ADDRESS|Oudegracht 231, 3511 NK Utrecht]], maar ik woon op nummer 213.
Mijn BSN is [[BSN|{bsn1}]], dat vroeg de medewerker vorige week voor de zorgpolis.
Bel me gerust op [[PHONE|06-12874593]] of mail naar [[EMAIL|sanne.vdberg@ziggo.nl]].
Graag het bedrag terugstorten op [[IBAN|{ib_nl1}]] t.n.v. [[PERSON|J. de Vries]].
Hallo, [[PERSON|Mohamed El Idrissi]] hier. Nieuw adres: [[ADDRESS|Javastraat 88-2, 1094 HL Amsterdam]].
Mijn vaste nummer is [[PHONE|020-6243987]], mobiel werkt hier slecht.
De incasso van [[IBAN|{ib_nl2}]] is mislukt, maar er staat genoeg op de rekening.
Ik heb met creditcard [[CREDIT_CARD|{cc2}]] betaald en zie het bedrag twee keer.
Bestelling 2024-55810 is nog steeds niet verzonden. Kunt u kijken wat er aan de hand is?
Voor de belastingaangifte heb ik mijn burgerservicenummer [[BSN|{bsn2}]] nodig op de factuur, kan dat?
Mijn moeder [[PERSON|Wilhelmina Jansen-Bakker]] woont op [[ADDRESS|Kerkstraat 4, 9711 HE Groningen]] en heeft geen internet.
Ons kantoor-IP is [[IP|145.53.207.18]], graag toevoegen aan de whitelist.
Bereikbaar via [[PHONE|+31 6 4938 2017]] (WhatsApp ook goed).
Hoi, ik ben [[PERSON|Piotr Zieliński]], ik werk hier sinds 2021. Waarom is mijn abonnement duurder geworden?
Stuur de factuur naar [[EMAIL|administratie@bakkerij-de-molen.nl]], ter attentie van [[PERSON|Henk Mulder]].
Terugbetaling graag op [[IBAN|{ib_nl3}]], het oude rekeningnummer is opgeheven.
De monteur moet naar [[ADDRESS|Dorpsweg 17, 1617 KL Westwoud]] komen, achterom lopen.
Kunt u mij vertellen of de actie van 20% korting ook geldt voor de winterjassen?
Mijn BSN: [[BSN|{bsn3}]]. Mijn naam: [[PERSON|Fleur Hendriks]]. Ik wil mijn gegevens inzien (AVG).
Het betaalverzoek ging naar [[PHONE|+31 (0)10 4123 876]], maar dat is ons oude kantoornummer.
Ik heb gisteren gebeld met [[PERSON|Bram]] van jullie klantenservice, hij zou terugbellen.
Gebruik voortaan kaart [[CREDIT_CARD|{cc6}]] voor de maandelijkse betaling.
Ik ben [[PERSON|Yasmina Bouzid]], mijn e-mail is [[EMAIL|y.bouzid@hotmail.nl]] en ik kan niet inloggen.
De modem op [[IP|192.168.1.254]] geeft een rode storingslamp, al sinds vrijdag.
Bezorgadres: [[PERSON|Thijs van der Meer]], [[ADDRESS|Lange Voorhout 34, 2514 EE Den Haag]].
Ik wil graag het abonnement van mijn overleden vader [[PERSON|Gerrit Visser]] opzeggen. Zijn BSN is [[BSN|{bsn4}]].
Graag contact via [[PHONE|0612345678]], liever niet via e-mail.
Waarom duurt de terugbetaling van factuur 7781 zo lang? Het is nu al drie weken.
Rekeningnummer voor de terugstorting: [[IBAN|{ib_nl4}]], ten name van [[PERSON|Kees Zwart]].
Hallo, ik ben [[PERSON|Ana Sofia Ribeiro]] en woon op [[ADDRESS|Stationsplein 5, 5611 AB Eindhoven]].
Mijn creditcard [[CREDIT_CARD|{cc7}]] is gestolen, blokkeer alstublieft alle betalingen ermee.
Voor de nieuwe huurwoning: BSN [[BSN|{bsn5}]], geboren in Leiden.
De factuur is naar het verkeerde adres gegaan, het moet [[ADDRESS|Markt 12, 6211 CL Maastricht]] zijn.
Mijn collega [[PERSON|Ruud de Graaf]] ([[EMAIL|r.degraaf@gemeente-voorbeeld.nl]]) neemt het over tijdens mijn vakantie.
Welke openingstijden heeft de winkel in Zwolle tijdens de feestdagen?
Het gaat om mevrouw [[PERSON|Van Dijk]], zij belde vanaf [[PHONE|+31 20 794 5521]].
Graag storten op [[IBAN|{ib_nl5}]]. Alvast bedankt, [[PERSON|Emma de Boer]].
Ik zie inlogpogingen vanaf [[IP|77.163.45.201]], dat ben ik niet. BSN ter verificatie: [[BSN|{bsn6}]].
Mijn zoon [[PERSON|Daan Smit]] heeft per ongeluk met mijn kaart [[CREDIT_CARD|{cc3}]] besteld.
Nieuw adres per 1 mei: [[ADDRESS|Vechtstraat 61-III, 1079 JC Amsterdam]], telefoon blijft [[PHONE|06 - 218 743 90]].
"""

MARK = re.compile(r"\[\[([A-Z_]+)\|(.+?)\]\]")


def parse(line: str) -> tuple[str, list[dict[str, object]]]:
    line = line.format(**V)
    text, spans, pos = "", [], 0
    for m in MARK.finditer(line):
        text += line[pos : m.start()]
        start = len(text)
        text += m.group(2)
        spans.append({"start": start, "end": len(text), "type": m.group(1)})
        pos = m.end()
    text += line[pos:]
    assert "[[" not in text and "]]" not in text and "{" not in text, text
    return text, spans


def main() -> None:
    out = Path(__file__).with_name("heldout_v3.jsonl")
    rows = []
    for lang, block in (("en", EN), ("de", DE), ("nl", NL)):
        lines = [ln for ln in block.strip().splitlines() if ln.strip()]
        for i, line in enumerate(lines, 1):
            marked = line.format(**V)
            text, spans = parse(line)
            values = [m.group(2) for m in MARK.finditer(marked)]
            assert [text[s["start"] : s["end"]] for s in spans] == values
            rows.append({"id": f"{lang}-v3-{i:03d}", "lang": lang, "text": text, "spans": spans})
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
