"""PII redaction's shortcut for one lower-case word (round 25): JSON values such as a message's
role skip every finder. What a user would notice if the shortcut were wrong is a name left
unredacted; these tests check that no word it skips is one the finders would have found."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import supportllm.guard.pii as pii_module
from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor, redact_json

LISTS = Path(pii_module.__file__).with_name("data")
NUMBER_WORDS = frozenset(
    re.findall(
        r"\w+",
        "zero one two three four five six seven eight nine ten eleven twelve twenty hundred "
        "null eins zwei drei vier fünf sechs sieben acht neun zehn nul een twee drie vijf zes "
        "zeven negen tien at dot punkt punt minus plus oh double dubbel doppel",
    )
)


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def _plain_words() -> list[str]:
    """Every name-list word (first names, surnames, ambiguous names; EN/DE/NL), lower-cased,
    the number and e-mail words the spoken-number and spoken-e-mail finders read, and 2,000
    random words of the shortcut's alphabet (a fixed seed)."""
    words = {w.lower() for f in LISTS.glob("*.txt") for w in f.read_text().split()}
    words.update(NUMBER_WORDS)
    chance = random.Random(25)
    letters = "abcdefghijklmnopqrstuvwxyz_"
    words.update(
        "".join(chance.choice(letters) for _ in range(chance.randint(1, 32))) for _ in range(2000)
    )
    return sorted(w for w in words if pii_module._PLAIN_WORD.fullmatch(w))


def test_no_word_the_shortcut_skips_is_found_by_the_finders(
    redactor: PIIRedactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = _plain_words()
    assert len(words) > 20_000  # the name lists are there: the check is not vacuous
    monkeypatch.setattr(pii_module, "_PLAIN_WORD", re.compile(r"(?!)"))  # shortcut off
    # no language given: every language's cue words are read (a superset of each one's)
    found = {word: spans for word in words if (spans := redactor.find(word))}
    assert found == {}


def test_the_shortcut_keeps_protocol_words_and_still_redacts_content(
    redactor: PIIRedactor,
) -> None:
    content = {
        "messages": [
            {"role": "system", "content": "You are a support assistant."},
            {"role": "user", "content": "my name is anna de vries, mail anna@example.nl"},
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "refund_order", "arguments": '{"order": "A1"}'},
                    }
                ],
            },
        ],
        "reply": "sarah",
    }
    out = redact_json(content, redactor)
    assert [m["role"] for m in out["messages"]] == ["system", "user", "assistant"]
    assert out["messages"][2]["tool_calls"][0]["function"]["name"] == "refund_order"
    assert out["messages"][1]["content"] == "my name is <PERSON>, mail <EMAIL>"
    # one capitalised word is not a plain word: the finders still read it
    assert redactor.redact("Sarah") == "<PERSON>"
    # a lower-case name after a cue is found as before (the shortcut is for one word only)
    assert redactor.redact("groetjes, jens") == "groetjes, <PERSON>"
