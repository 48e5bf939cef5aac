"""Names marked by where they stand and by a few more cues (PII, round 12): the signature at the
end of a message, the speaker of a timestamped chat, the name on a doorbell, "my client", initials
after "t.n.v.", the Austrian title "Mag.". The texts were written for this project.
"""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def _persons(redactor: PIIRedactor, text: str, lang: str | None = None) -> list[str]:
    return [s.text for s in redactor.find(text, lang) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Left a voicemail, will retry tomorrow. -- gaz", "en", "gaz"),
        ("Refund approved, customer informed. /petra", "en", "petra"),
        ("Can you reset my 2FA please? - Oyelaran", "en", "Oyelaran"),
        ("Geht das auch per Lastschrift? Danke, LG Steffi", "de", "Steffi"),
        ("Kan iemand dit oppakken? Thx, Bram", "nl", "Bram"),
        ("mein paket ist immer noch nicht da. thomas", "de", "thomas"),
    ],
)
def test_signature_at_the_end_is_a_name(
    redactor: PIIRedactor, text: str, lang: str, name: str
) -> None:
    assert name in _persons(redactor, text, lang)


@pytest.mark.parametrize(
    "text",
    [
        "Archive messages - Gmail Help",
        "It broke again. - Urgent",
        "Please check the logs. Thanks - Support",
        "Fixed in 2.3 - ASAP",
    ],
)
def test_titles_and_words_at_the_end_are_not_names(redactor: PIIRedactor, text: str) -> None:
    assert _persons(redactor, text, "en") == []


def test_chat_speaker_after_a_timestamp(redactor: PIIRedactor) -> None:
    text = (
        "14:10:02 Adaeze: hello?\n14:10:30 Support Bot: How can I help?\n"
        "14:11:05 Adaeze: my card was charged twice"
    )
    assert _persons(redactor, text, "en").count("Adaeze") == 2


def test_agenda_times_are_not_speakers(redactor: PIIRedactor) -> None:
    text = "09:00 Registration: hall A\n10:00 Keynote: main stage\n12:30 Lunch: canteen"
    assert _persons(redactor, text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Bitte beim Nachbarn oder bei Wojciechowski klingeln.", "de", "Wojciechowski"),
        ("Naam op de bel: Verhoeven. Graag na 18 uur bezorgen.", "nl", "Verhoeven"),
        ("Ship it c/o Familie Aydın, 2nd floor.", "en", "Aydın"),
    ],
)
def test_name_on_the_doorbell(redactor: PIIRedactor, text: str, lang: str, name: str) -> None:
    assert any(name in p for p in _persons(redactor, text, lang))


def test_my_client_and_initials_after_tnv(redactor: PIIRedactor) -> None:
    assert "Marguerite Okonkwo-Hale" in _persons(
        redactor, "I act for my client Marguerite Okonkwo-Hale in this matter.", "en"
    )
    nl = "Graag terugstorten t.n.v. A.C. van Dijk, dank u."
    assert any("van Dijk" in p for p in _persons(redactor, nl, "nl"))


def test_dutch_particles_stay_in_the_name(redactor: PIIRedactor) -> None:
    assert "Sanne de Wit" in _persons(redactor, "Mijn buurvrouw Sanne de Wit neemt het aan.", "nl")


def test_austrian_title_is_not_part_of_the_name(redactor: PIIRedactor) -> None:
    persons = _persons(redactor, "Ansprechpartnerin: Mag. Ilse Brunnhuber, Tel. folgt.", "de")
    assert "Ilse Brunnhuber" in persons
    assert "Mag" not in persons
