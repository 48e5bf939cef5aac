"""A PNG of one or more trade-off curves (eval_curve): recall against the false-positive rate,
each file's current point marked, the issue's target drawn as the corner a curve must reach."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from supportllm.guard.eval_curve import Curve
from supportllm.plotting import pyplot

__all__ = ["TARGETS", "write_curves_png"]

# kind -> (recall at least, false-positive rate at most): the targets
TARGETS: Final = {"injection": (0.90, 0.02), "claims": (0.95, 0.02)}
_NAMES: Final = {"injection": ("attacks", "benign"), "claims": ("violations", "ok")}
_AXIS: Final = {
    "injection": "false-positive rate (benign texts flagged)",
    "claims": "false violations (ok replies flagged)",
}


def write_curves_png(curves: Sequence[tuple[str, Curve]], path: Path) -> None:
    """One line per (label, curve); the x axis runs to 40 % or past the furthest current
    point, where the choices a team makes lie. The folder must exist (the CLI checks it)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 5.5))
    kinds = sorted({c.kind for _, c in curves})
    right = max(0.4, *(min(1.0, c.current.fpr * 1.5) for _, c in curves))
    for label, curve in curves:
        xs = [0.0, *(p.fpr for p in curve.points)]
        ys = [0.0, *(p.recall for p in curve.points)]
        pos, neg = _NAMES[curve.kind]
        (line,) = ax.step(
            xs, ys, where="post",
            label=f"{label} ({curve.positives} {pos} / {curve.negatives} {neg})",
        )  # fmt: skip
        cur = curve.current
        ax.plot([cur.fpr], [cur.recall], "o", color=line.get_color(), markersize=7)
        ax.annotate(
            f"now {cur.recall:.2f} / {cur.fpr:.1%}",
            (cur.fpr, cur.recall),
            textcoords="offset points",
            xytext=(8, -12),
            fontsize=8,
            color=line.get_color(),
        )
    for kind in kinds:
        recall, fpr = TARGETS[kind]
        ax.fill_between(
            [0, fpr],
            recall,
            1.0,
            color="green",
            alpha=0.15 if kind == "claims" else 0.08,
            label=f"{kind} target: recall ≥ {recall:.2f} at ≤ {fpr:.0%}",
        )
    ax.set_xlim(0, right)
    ax.set_ylim(0, 1.02)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.set_xlabel(_AXIS[kinds[0]] if len(kinds) == 1 else "false-positive rate")
    ax.set_ylabel("recall")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Trade-off as the threshold moves (dot: the thresholds in force)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
