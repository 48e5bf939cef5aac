"""The later rounds' injection rules in one list, so ``injection_rules`` stays small.

Rounds 11 to 16 (modules ``injection_rules_r11`` … ``injection_rules_r16``) add plain
patterns, scanned by ``InjectionRules`` as groups of their own after the older ones, and
two-signal families, tried in order; some also add a decoded copy of the text to scan
(written backwards, or in ROT13).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from supportllm.guard.injection_rules_r11 import ROUND11, cooccurrence_kind, reversed_copy
from supportllm.guard.injection_rules_r12 import ROUND12, round12_kind
from supportllm.guard.injection_rules_r13 import ROUND13, round13_kind
from supportllm.guard.injection_rules_r14 import ROUND14, round14_kind
from supportllm.guard.injection_rules_r15 import ROUND15, rot13_copy, round15_kind
from supportllm.guard.injection_rules_r16 import round16_kind

__all__ = ["LATER_ROUNDS", "decoded_copy", "later_kind"]

LATER_ROUNDS: Final[tuple[Mapping[str, Sequence[str]], ...]] = (
    ROUND11,
    ROUND12,
    ROUND13,
    ROUND14,
    ROUND15,
)


def later_kind(normalized: str) -> str | None:
    """The first two-signal family of rounds 11 to 16 that matches, or None."""
    return (
        cooccurrence_kind(normalized)
        or round12_kind(normalized)
        or round13_kind(normalized)
        or round14_kind(normalized)
        or round15_kind(normalized)
        or round16_kind(normalized)
    )


def decoded_copy(normalized: str) -> str | None:
    """The text read backwards or decoded from ROT13, when it holds trigger words so written."""
    return reversed_copy(normalized) or rot13_copy(normalized)
