"""Token-length distributions for prompts and replies: ``300``, ``200:800``, ``normal:500,100``."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Literal

Kind = Literal["fixed", "uniform", "normal", "lognormal"]

SYNTAX = (
    "N (fixed), A:B or uniform:A,B, normal:MEAN,SD or lognormal:MEDIAN,SIGMA "
    "(e.g. 300, 200:800, normal:500,100)"
)


@dataclass(frozen=True)
class LengthDist:
    """A distribution of positive integer lengths, sampled with the run's seeded RNG."""

    kind: Kind
    a: float
    b: float = 0.0

    @classmethod
    def parse(cls, text: str) -> LengthDist:
        spec = text.strip().lower()
        try:
            if ":" not in spec:
                return cls._checked("fixed", float(spec))
            head, _, rest = spec.partition(":")
            if head in ("uniform", "normal", "lognormal"):
                first, _, second = rest.partition(",")
                return cls._checked(head, float(first), float(second))  # type: ignore[arg-type]
            return cls._checked("uniform", float(head), float(rest))
        except ValueError as error:
            detail = str(error) if "must" in str(error) else "not a number"
            message = f"'{text}' is not a length distribution ({detail}); use {SYNTAX}"
            raise ValueError(message) from None

    @classmethod
    def _checked(cls, kind: Kind, a: float, b: float = 0.0) -> LengthDist:
        if not (math.isfinite(a) and math.isfinite(b)):
            raise ValueError("values must be finite")
        if kind == "fixed" and (a < 1 or a != int(a)):
            raise ValueError("a fixed length must be a whole number >= 1")
        if kind == "uniform" and not 1 <= a <= b:
            raise ValueError("uniform bounds must satisfy 1 <= A <= B")
        if kind in ("normal", "lognormal") and (a < 1 or b < 0):
            raise ValueError("the centre must be >= 1 and the spread >= 0")
        return cls(kind, a, b)

    def sample(self, rng: random.Random) -> int:
        if self.kind == "fixed":
            value = self.a
        elif self.kind == "uniform":
            value = rng.randint(int(self.a), int(self.b))
        elif self.kind == "normal":
            value = rng.gauss(self.a, self.b)
        else:
            value = self.a * math.exp(rng.gauss(0.0, self.b))
        return max(1, round(value))

    @property
    def mean(self) -> float:
        if self.kind == "fixed":
            return self.a
        if self.kind == "uniform":
            return (self.a + self.b) / 2
        if self.kind == "normal":
            return self.a
        return self.a * math.exp(self.b * self.b / 2)

    def describe(self) -> str:
        if self.kind == "fixed":
            return f"{int(self.a)}"
        if self.kind == "uniform":
            return f"uniform {int(self.a)}–{int(self.b)}"
        return f"{self.kind}({self.a:g}, {self.b:g})"
