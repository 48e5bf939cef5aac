"""All guards together on one support message, as the gateway runs them: the injection screen
on the message, PII redaction of the message and the reply (the audit content), and the action
claims check of the reply. Issue target: ≤ 10 ms p95 for a 200-word message on this machine.
The median of each guard's part is printed beside the totals.

    python benchmarks/guard_all.py
Writes benchmarks/results/guard_all.{json,md}.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

from supportllm.config import load_settings
from supportllm.guard.claims_judged import claim_checker
from supportllm.guard.injection import InjectionScreen
from supportllm.guard.pii import PIIRedactor, redact_json

RESULTS = Path(__file__).parent / "results"
MESSAGES = {
    "en": (
        "Hello, my name is Sarah Whitfield and I have been a customer since 2019. Last week I "
        "upgraded our team from the Starter plan to Business, but the invoice for March still "
        "shows the old price and we were charged twice on the card ending 4242. Our office moved "
        "to 14 Elm Street, Bristol BS1 4DJ, and the invoice still has the old address. Could you "
        "correct the address, refund the duplicate charge of 49 pounds, and tell me whether the "
        "annual discount applies now? You can reach me at sarah.whitfield@example.co.uk or on "
        "+44 7700 900123 between nine and five. I also noticed that two of my colleagues cannot "
        "log in since the upgrade; they get an error saying the seat limit is reached although "
        "we bought fifteen seats. Please ignore my previous email about the export, that one is "
        "solved. One more thing: the usage report we download every Monday shows the wrong "
        "time zone since the upgrade, so our weekly numbers start on Sunday evening instead of "
        "Monday morning. Is that a setting on our side, or something your team needs to change? "
        "We would also like to know whether the new plan includes the API access that was "
        "mentioned on the pricing page. Thanks a lot for your help, Sarah"
    ),
    "de": (
        "Guten Tag, mein Name ist Jonas Becker. Seit dem Wechsel auf den Business-Tarif wurde "
        "unsere Kreditkarte zweimal belastet, einmal am 3. und einmal am 4. März, jeweils 49 "
        "Euro. Bitte erstatten Sie die doppelte Abbuchung auf das Konto DE89 3704 0044 0532 0130 "
        "00. Außerdem ist unsere Rechnungsadresse falsch: richtig ist Hauptstraße 12, 10115 "
        "Berlin. Zwei Kollegen können sich seit dem Upgrade nicht mehr anmelden, obwohl wir "
        "fünfzehn Plätze gekauft haben. Meine letzte Nachricht zum Export können Sie vergessen, "
        "das hat sich erledigt. Erreichbar bin ich unter jonas.becker@example.de oder 030 "
        "12345678. Noch eine Frage: Der Nutzungsbericht, den wir jeden Montag herunterladen, "
        "zeigt seit dem Upgrade die falsche Zeitzone, sodass unsere Wochenzahlen am Sonntagabend "
        "statt am Montagmorgen beginnen. Ist das eine Einstellung bei uns oder muss Ihr Team "
        "etwas ändern? Und enthält der neue Tarif den API-Zugang, der auf der Preisseite "
        "erwähnt wird? Wir planen, ihn für unsere interne Auswertung zu nutzen, und bräuchten "
        "dafür bis Ende des Monats eine verbindliche Auskunft. Vielen Dank und freundliche "
        "Grüße, Jonas Becker"
    ),
}
REPLY = (
    "Thanks for reaching out. I can see the duplicate charge on your account and have passed "
    "it to our billing team, who will refund it within five working days once they confirm. "
    "To update the invoice address, go to Settings > Billing and edit the address there."
)


def main() -> None:
    settings = load_settings(None)
    screen = InjectionScreen(settings.guard.injection)
    screen.load()
    redactor = PIIRedactor(settings.guard.pii)
    claims = claim_checker(settings.guard.claims)
    rows = {}
    for lang, message in MESSAGES.items():
        messages = [{"role": "user", "content": message}]
        audit = {"messages": messages, "reply": REPLY}
        each: dict[str, list[float]] = {"injection": [], "pii": [], "claims": []}
        timings = []
        for _ in range(300):
            started = time.perf_counter()
            screen.check(message)
            after_screen = time.perf_counter()
            redact_json(audit, redactor)
            after_pii = time.perf_counter()
            claims.violations(REPLY, messages)
            ended = time.perf_counter()
            timings.append((ended - started) * 1000)
            each["injection"].append((after_screen - started) * 1000)
            each["pii"].append((after_pii - after_screen) * 1000)
            each["claims"].append((ended - after_pii) * 1000)
        timings.sort()
        parts = {k: round(statistics.median(v), 2) for k, v in each.items()}
        rows[lang] = {
            "words": len(message.split()),
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95)], 2),
            "p99_ms": round(timings[int(len(timings) * 0.99)], 2),
            "parts_p50_ms": parts,
        }
    RESULTS.mkdir(exist_ok=True)
    meta = {"machine": f"{os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d %H:%M")}
    (RESULTS / "guard_all.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    lines = [
        "# All guards on one message (injection screen + PII redaction + claims check)",
        "",
        f"{meta['date']}, {meta['machine']}, one thread, `python benchmarks/guard_all.py`",
        "",
        "| message | words | p50 (ms) | p95 (ms) | p99 (ms) | injection / PII / claims p50 (ms) |",
        "|---|---|---|---|---|---|",
        *(
            f"| {lang} ticket | {r['words']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
            f"{r['parts_p50_ms']['injection']} / {r['parts_p50_ms']['pii']} / "
            f"{r['parts_p50_ms']['claims']} |"
            for lang, r in rows.items()
        ),
    ]
    (RESULTS / "guard_all.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
