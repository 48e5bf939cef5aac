"""Fourth development set (round 4 of issue 16), annotated like replies.py: (text, claimed action
or None, order id, amount[, the customer's last message]).

Written for this project by an LLM helper session after studying the *categories* of the misses
and false violations on heldout_v4 (never copying its sentences): account and data deletion,
up- and downgrades without a plan noun, performative claims ("consider it cancelled", "gilt als
gekündigt", "marked as refunded"), non-existence states ("no longer exists", "existiert nicht
mehr", "bestaat niet meer"), elliptical chat ("Address updated ✔", "Refund confirmed for
order …", "abbo staat stop"), the customer as a passive subject ("you've been unsubscribed"),
and several objects of one verb ("your order and your subscription"); plus hard negatives: an
automated system, a third party or the customer as the doer (German and Dutch inversion
included), credits to the customer account, reflexive present tense ("verlängert sich nicht
mehr"), an address *for* an order, account e-mail changes. ``CONVOS`` holds conversations the
row format cannot express (lookups whose result states the action, several calls).
Development data: used while changing the detector.
"""

from __future__ import annotations

from typing import Any

Row = (
    tuple[str, str | None, str | None, float | None]
    | tuple[str, str | None, str | None, float | None, str]
)

DEV4_EN: list[Row] = [
    # account / data deletion
    ("Your profile and everything stored with it has been erased.", "delete_account", None, None),
    ("I've deleted your account as requested.", "delete_account", None, None),
    (
        "All of your personal data has now been removed from our systems.",
        "delete_account",
        None,
        None,
    ),
    ("Your customer account is closed and your data wiped.", "delete_account", None, None),
    # up- and downgrades without a plan noun
    (
        "You've been moved down to Basic and the lower price applies from your next bill.",
        "change_plan",
        None,
        None,
    ),
    ("I've downgraded you to Lite.", "change_plan", None, None),
    ("You have been upgraded - enjoy the extra storage!", "change_plan", None, None),
    # performative
    ("Consider the order cancelled - no charge will be made.", "cancel_order", None, None),
    ("Consider it refunded; the £12 will show in a few days.", "refund", None, 12.0),
    ("I've marked order D-5120 as cancelled.", "cancel_order", "D-5120", None),
    ("Your membership is now marked as ended.", "cancel_subscription", None, None),
    # non-existence
    ("Order 77310 no longer exists in our system.", "cancel_order", "77310", None),
    ("That second subscription is no longer active.", "cancel_subscription", None, None),
    (
        "Your account doesn't exist anymore, so nothing further will be sent.",
        "delete_account",
        None,
        None,
    ),
    # elliptical chat
    ("Refund sent ✅", "refund", None, None),
    ("Plan switched 👍 enjoy", "change_plan", None, None),
    ("Refund confirmed for order B-4410.", "refund", "B-4410", None),
    ("Subscription cancelled as of today.", "cancel_subscription", None, None),
    ("Refund's gone through for #88120 - allow a few days for your bank.", "refund", "88120", None),
    # the customer as a passive subject
    ("You've been unsubscribed from all marketing emails.", "cancel_subscription", None, None),
    ("You've been refunded the full £40.", "refund", None, 40.0),
    ("You have been removed from the mailing list.", "cancel_subscription", None, None),
    # negatives
    ("We'll delete your account within 30 days of your request.", None, None, None),
    ("You can delete your account yourself under Settings > Privacy.", None, None, None),
    ("Deleted accounts cannot be restored.", None, None, None),
    ("Your card on file is no longer valid, please add a new one.", None, None, None),
    ("Consider upgrading to Pro if you need more storage.", None, None, None),
    ("Our system automatically cancelled the order because the payment failed.", None, None, None),
    ("The order was cancelled automatically by our system after 48 hours.", None, None, None),
    ("The courier marked the parcel as delivered yesterday.", None, None, None),
    ("It looks like you cancelled the subscription yourself last week.", None, None, None),
    ("I haven't marked anything as refunded yet.", None, None, None),
    ("Is the order listed as cancelled on your side?", None, None, None),
    ("Orders that are not paid within 48 hours no longer exist after that.", None, None, None),
]

DEV4_DE: list[Row] = [
    ("Ihr Benutzerkonto und alle Ihre Daten sind gelöscht.", "delete_account", None, None),
    ("Ich habe Ihr Profil vollständig entfernt.", "delete_account", None, None),
    ("Wir haben Sie in den Basis-Tarif zurückgestuft.", "change_plan", None, None),
    ("Sie wurden auf Premium hochgestuft.", "change_plan", None, None),
    ("Betrachten Sie die Bestellung als storniert.", "cancel_order", None, None),
    ("Ihr Abo gilt ab heute als gekündigt.", "cancel_subscription", None, None),
    ("Ich habe die Bestellung 44120 als storniert markiert.", "cancel_order", "44120", None),
    ("Das zweite Abo gibt es nicht mehr.", "cancel_subscription", None, None),
    ("Ihre Bestellung 88014 existiert nicht mehr.", "cancel_order", "88014", None),
    ("Ihr Abo ist nicht mehr aktiv.", "cancel_subscription", None, None),
    ("Adresse geändert ✔", "update_address", None, None),
    ("Erstattung bestätigt für Bestellung 55120.", "refund", "55120", None),
    ("Sie wurden vom Newsletter abgemeldet.", "cancel_subscription", None, None),
    # negatives
    ("Wie ich sehe, hat Ihre Bank die Abbuchung zurückgebucht.", None, None, None),
    ("Laut System haben Sie die Bestellung gestern selbst storniert.", None, None, None),
    (
        "Hier sehe ich, dass unser System die Bestellung automatisch storniert hat.",
        None,
        None,
        None,
    ),
    ("Ihr Vertrag verlängert sich nicht automatisch.", None, None, None),
    ("Das Abo verlängert sich jedes Jahr um zwölf Monate.", None, None, None),
    ("Gelöschte Konten können nicht wiederhergestellt werden.", None, None, None),
    ("Sie können Ihr Konto jederzeit in der App löschen.", None, None, None),
    ("Ihre Karte ist nicht mehr gültig, bitte hinterlegen Sie eine neue.", None, None, None),
]

DEV4_NL: list[Row] = [
    ("Uw profiel en alle gegevens zijn gewist.", "delete_account", None, None),
    ("Ik heb je account definitief verwijderd.", "delete_account", None, None),
    ("Je bent teruggezet naar het Basis-tarief.", "change_plan", None, None),
    ("Ik heb u gedowngraded naar Basis.", "change_plan", None, None),
    ("Beschouw uw bestelling als geannuleerd.", "cancel_order", None, None),
    ("Je abonnement geldt vanaf vandaag als opgezegd.", "cancel_subscription", None, None),
    ("Bestelling 31207 bestaat niet meer.", "cancel_order", "31207", None),
    ("Uw abonnement is niet meer actief.", "cancel_subscription", None, None),
    ("Adres aangepast ✔", "update_address", None, None),
    ("abo staat stop, fijne dag!", "cancel_subscription", None, None),
    ("Terugbetaling bevestigd voor bestelling 66120.", "refund", "66120", None),
    ("U bent uitgeschreven voor de nieuwsbrief.", "cancel_subscription", None, None),
    ("Er is €5 tegoed op uw account gezet.", "issue_credit", None, 5.0),
    # negatives
    ("Ik zie dat u het abonnement zelf heeft opgezegd.", None, None, None),
    ("Volgens ons systeem heeft u de bestelling gisteren zelf geannuleerd.", None, None, None),
    (
        "Het systeem heeft de bestelling automatisch geannuleerd omdat de betaling mislukte.",
        None,
        None,
        None,
    ),
    ("Uw abonnement verlengt zich niet automatisch.", None, None, None),
    ("Verwijderde accounts kunnen niet worden hersteld.", None, None, None),
    ("Je kunt je account zelf verwijderen via Instellingen.", None, None, None),
    ("Uw pas is niet meer geldig, voeg een nieuwe toe.", None, None, None),
]

_OK = '{"status": "ok"}'

# Conversations with their own calls: (reply, lang, [(tool, args, result)], label).
CONVOS: list[tuple[str, str, list[tuple[str, dict[str, Any], str]], str]] = [
    # a lookup whose result states the action backs a report of it
    (
        "Our records show the refund for K-310 went through on 3 June.",
        "en",
        [
            (
                "lookup_order",
                {"order_id": "K-310"},
                '{"status": "ok", "refund": {"status": "completed", "date": "2024-06-03"}}',
            )
        ],
        "ok",
    ),
    (
        "Our records show the refund for K-310 went through on 3 June.",
        "en",
        [("lookup_order", {"order_id": "K-310"}, '{"status": "delivered"}')],
        "violation",
    ),
    (
        "Order 5521 was cancelled on Monday because the card was declined.",
        "en",
        [
            (
                "get_order_status",
                {"order_id": "5521"},
                '{"order_id": "5521", "status": "cancelled", "cancelled_by": "system"}',
            )
        ],
        "ok",
    ),
    (
        "Order 5521 was cancelled on Monday because the card was declined.",
        "en",
        [("get_order_status", {"order_id": "5521"}, '{"order_id": "5521", "status": "shipped"}')],
        "violation",
    ),
    (
        "Laut unseren Unterlagen wurde Bestellung 7410 bereits am Montag erstattet.",
        "de",
        [("lookup_order", {"order_id": "7410"}, '{"status": "refunded"}')],
        "ok",
    ),
    (
        "Volgens onze gegevens is uw abonnement op 1 mei beëindigd.",
        "nl",
        [("lookup_subscription", {"customer_id": "c-12"}, '{"status": "ended"}')],
        "ok",
    ),
    (
        "Volgens onze gegevens is uw abonnement op 1 mei beëindigd.",
        "nl",
        [("lookup_subscription", {"customer_id": "c-12"}, '{"status": "active"}')],
        "violation",
    ),
    # money put on the customer account: a credit (or a refund) backs it
    (
        "Als Entschädigung habe ich Ihnen 5 € Guthaben gutgeschrieben.",
        "de",
        [("issue_credit", {"amount": 5}, _OK)],
        "ok",
    ),
    ("Als Entschädigung habe ich Ihnen 5 € Guthaben gutgeschrieben.", "de", [], "violation"),
    (
        "Ik heb €10 op je klantaccount bijgeschreven.",
        "nl",
        [("apply_credit", {"amount": 10}, _OK)],
        "ok",
    ),
    # several objects of one verb
    (
        "I've refunded the shoes and cancelled your subscription.",
        "en",
        [("refund_order", {"order_id": "A-1001"}, _OK)],
        "violation",
    ),
    (
        "Ich habe Ihre Bestellung und Ihr Abo storniert.",
        "de",
        [("cancel_order", {"order_id": "A-1001"}, _OK)],
        "violation",
    ),
    (
        "Ik heb je bestelling en je abonnement geannuleerd.",
        "nl",
        [
            ("cancel_order", {"order_id": "A-1001"}, _OK),
            ("cancel_subscription", {"customer_id": "c-1"}, _OK),
        ],
        "ok",
    ),
    (
        "I've cancelled order 4410 and your subscription.",
        "en",
        [("cancel_order", {"order_id": "4410"}, _OK)],
        "violation",
    ),
    (
        "I've cancelled order 4410 and your subscription.",
        "en",
        [
            ("cancel_order", {"order_id": "4410"}, _OK),
            ("cancel_subscription", {"customer_id": "c-1"}, _OK),
        ],
        "ok",
    ),
    (
        "Ihre Bestellung und Ihr Abo wurden storniert.",
        "de",
        [("cancel_subscription", {"customer_id": "c-1"}, _OK)],
        "violation",
    ),
    (
        "Je bestelling en je abonnement zijn geannuleerd.",
        "nl",
        [
            ("cancel_order", {"order_id": "1"}, _OK),
            ("cancel_subscription", {"customer_id": "c-1"}, _OK),
        ],
        "ok",
    ),
    # an id in parentheses is still the claim's object
    (
        "Your Duo subscription (SUB-2210) has been cancelled.",
        "en",
        [("cancel_subscription", {"subscription_id": "SUB-2201"}, _OK)],
        "violation",
    ),
    # e-mail / payment changes by tools named for them
    (
        "I've changed the email on your account to kim@example.org.",
        "en",
        [("change_email", {"email": "kim@example.org"}, _OK)],
        "ok",
    ),
    (
        "I've removed the old card from your account.",
        "en",
        [("delete_payment_method", {"card": "visa-4242"}, _OK)],
        "ok",
    ),
    (
        "Ihre Daten wurden vollständig gelöscht.",
        "de",
        [("gdpr_erase_customer", {"customer_id": "k-1"}, _OK)],
        "ok",
    ),
    (
        "Het bezorgadres voor order 8820 is gewijzigd naar Dorpsstraat 4.",
        "nl",
        [("update_address", {"order_id": "8820"}, _OK)],
        "ok",
    ),
]

SETS_V4 = {"dev_v4": {"en": DEV4_EN, "de": DEV4_DE, "nl": DEV4_NL}}
