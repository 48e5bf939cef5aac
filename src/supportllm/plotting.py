"""matplotlib's pyplot on the headless Agg backend: every PNG the project writes (bench runs,
cost break-even, grading results, guard trade-off curves) is drawn without a display, and
matplotlib is imported only when a plot is made."""

from __future__ import annotations

from typing import Any

__all__ = ["pyplot"]


def pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
