"""The monthly cost against volume, API line and self-hosted steps, crossover marked."""

from __future__ import annotations

from pathlib import Path

from supportllm.cost.model import SelfHosted, TicketShape, api_monthly
from supportllm.cost.prices import ApiPrice


def plot_cost(
    path: Path,
    price: ApiPrice,
    shape: TicketShape,
    hosted: SelfHosted,
    tickets: float,
    crossing: float | None,
    rate: float = 1.0,
    symbol: str = "$",
) -> None:
    from supportllm.plotting import pyplot

    plt = pyplot()
    top = max(tickets * 3, (crossing or 0) * 2, 1000)
    volumes = [top * i / 200 for i in range(1, 201)]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.plot(
        volumes, [api_monthly(price, shape, v) * rate for v in volumes], label=f"API: {price.name}"
    )
    ax.step(
        volumes,
        [hosted.monthly(shape, v)["total"] * rate for v in volumes],
        where="post",
        label="self-hosted",
    )
    if crossing is not None and crossing <= top:
        ax.axvline(crossing, color="grey", linestyle=":")
        at = (crossing, api_monthly(price, shape, crossing) * rate)
        ax.annotate(f"break-even {crossing:,.0f}", at,
                    textcoords="offset points", xytext=(8, -14))  # fmt: skip
    ax.axvline(tickets, color="black", linewidth=0.8, alpha=0.4)
    ax.set_xlabel("tickets per month")
    ax.set_ylabel(f"cost per month ({symbol})")
    ax.set_title("Monthly cost against volume")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
