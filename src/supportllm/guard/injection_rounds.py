"""The later rounds' injection rules in one list, so ``injection_rules`` stays small.

Rounds 11 to 17 (modules ``injection_rules_r11`` … ``injection_rules_r17``; the last is
round 23's set, plain patterns only) add plain patterns, scanned by ``InjectionRules`` as
groups of their own after the older ones, and two-signal families, tried in order; some
also add a decoded copy of the text to scan (written backwards, or in ROT13).

The families' signals gate each alternative on its literals; which of them a text holds comes
from the one ``LiteralIndex`` scan of ``InjectionRules`` (``signal_literals`` lists them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from types import ModuleType
from typing import Final

from supportllm.guard import (
    injection_rules_r11,
    injection_rules_r12,
    injection_rules_r13,
    injection_rules_r14,
    injection_rules_r15,
    injection_rules_r16,
)
from supportllm.guard.injection_rules_r11 import ROUND11, Signal, cooccurrence_kind, reversed_copy
from supportllm.guard.injection_rules_r12 import ROUND12, round12_kind
from supportllm.guard.injection_rules_r13 import ROUND13, round13_kind
from supportllm.guard.injection_rules_r14 import ROUND14, round14_kind
from supportllm.guard.injection_rules_r15 import ROUND15, rot13_copy, round15_kind
from supportllm.guard.injection_rules_r16 import round16_kind
from supportllm.guard.injection_rules_r17 import ROUND17

__all__ = [
    "LATER_ROUNDS",
    "decoded_copy",
    "later_kind",
    "literals_in",
    "signal_literals",
]

LATER_ROUNDS: Final[tuple[Mapping[str, Sequence[str]], ...]] = (
    ROUND11,
    ROUND12,
    ROUND13,
    ROUND14,
    ROUND15,
    ROUND17,
)


_SIGNAL_MODULES: Final[tuple[ModuleType, ...]] = (
    injection_rules_r11,
    injection_rules_r12,
    injection_rules_r13,
    injection_rules_r14,
    injection_rules_r15,
    injection_rules_r16,
)


def signal_literals() -> set[str]:
    """Every literal that a signal of rounds 11 to 16 (the families' and the decoding cues')
    is gated on: the literal index must hold them all, as a literal it lacks reads as absent.
    Read from the modules' signal constants, so a new signal cannot be left out."""
    return {
        literal
        for module in _SIGNAL_MODULES
        for value in vars(module).values()
        if isinstance(value, Signal)
        for literal in value.literals()
    }


def literals_in(text: str) -> set[str]:
    """The ``signal_literals`` a text holds, found one by one (for tests of one round's
    families; the screen takes them from its one index scan)."""
    return {literal for literal in signal_literals() if literal in text}


def later_kind(normalized: str, present: Set[str]) -> str | None:
    """The first two-signal family of rounds 11 to 16 that matches, or None. ``present``: the
    ``signal_literals`` the text holds."""
    return (
        cooccurrence_kind(normalized, present)
        or round12_kind(normalized, present)
        or round13_kind(normalized, present)
        or round14_kind(normalized, present)
        or round15_kind(normalized, present)
        or round16_kind(normalized, present)
    )


def decoded_copy(normalized: str, present: Set[str]) -> str | None:
    """The text read backwards or decoded from ROT13, when it holds trigger words so written."""
    return reversed_copy(normalized, present) or rot13_copy(normalized, present)
