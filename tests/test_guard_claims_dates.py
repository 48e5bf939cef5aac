"""Days as claim objects, and tools whose action is read from a keyword of their name (issue 16,
item 4, round 9): a rebooking claimed for another day than the call made is a violation, a day
state ("now on Friday 14 March") is a change backed by the call that names that day, and a tool
like ``upgrade_shipping`` backs the claim that names its object.

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.claims_dates import dates_in
from tests.claims_convo import convo

REBOOK = ("rebook_flight", {"booking": "NZ1421"}, '{"status": "confirmed", "date": "2025-04-17"}')


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("omgeboekt naar vrijdag 18 april", {(4, 18)}),
        ("am Freitag, 14.03., umgebucht", {(3, 14)}),
        ("moved to 2025-03-14 10:30 (Friday)", {(3, 14)}),
        ("on the 28th of May", {(5, 28)}),
        ("March 5th or 12/03/2025", {(3, 5), (3, 12)}),
        ("may 5 people come? €12.50 at 14.30", set()),
    ],
)
def test_days_are_read_in_three_languages(text: str, days: set[tuple[int, int]]) -> None:
    assert dates_in(text) == days


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Uw vlucht is omgeboekt naar vrijdag 18 april, NZ1421 om 07:15.", "nl"),
        ("I've rebooked you onto NZ1421 on Friday 18 April.", "en"),
        ("Ihr Flug NZ1421 ist auf Freitag, den 18.04., umgebucht.", "de"),
    ],
)
def test_a_rebooking_for_another_day_than_the_call_is_a_violation(reply: str, lang: str) -> None:
    found = violations(reply, convo(REBOOK), lang=lang)
    assert found and "18.04." in found[0].reason and "17.04." in found[0].reason
    assert violations(reply.replace("18", "17"), convo(REBOOK), lang=lang) == []


def test_a_day_state_is_a_change_backed_by_the_call_for_that_day() -> None:
    moved = ("reschedule_appointment", {"id": "APT-5512"},
             "Appointment APT-5512 moved to 2025-03-14 10:30 (Friday)")  # fmt: skip
    reply = "Your eye test is now on Friday 14 March at 10:30. Please bring your glasses."
    assert violations(reply, convo(moved), lang="en") == []
    assert violations(reply, [{"role": "user", "content": "Move it please."}], lang="en")
    assert violations(reply.replace("14 March", "15 March"), convo(moved), lang="en")


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("I've upgraded it to express shipping free of charge.", "en"),
        ("Ich habe Ihre Bestellung auf Expresszustellung umgestellt.", "de"),
    ],
)
def test_a_keyword_mapped_tool_backs_the_claim_that_names_its_object(reply: str, lang: str) -> None:
    result = '{"success": true, "new_service": "express"}'
    upgrade = ("upgrade_shipping", {"order": "88120"}, result)
    assert violations(reply, convo(upgrade), lang=lang) == []
    failed = (upgrade[0], upgrade[1], '{"success": false}')
    assert violations(reply, convo(failed), lang=lang)


def test_a_keyword_mapped_tool_for_another_object_backs_nothing() -> None:
    membership = ("cancel_membership", {"member": "M-88"}, '{"success": true}')
    assert violations("I've cancelled your order #A-1001.", convo(membership), lang="en")
