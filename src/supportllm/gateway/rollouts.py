"""The roll-out controller's background loop in the gateway: every ``tick_interval_s``, in a
worker thread, flush the arms' counters, evaluate the gates, advance / promote / roll back —
and write each event into the audit trail."""

from __future__ import annotations

import asyncio
import logging

from supportllm.gateway.audit import AuditStep
from supportllm.rollout.controller import RolloutController

_log = logging.getLogger("supportllm.gateway.rollout")


async def rollout_ticks(controller: RolloutController, audit: AuditStep | None) -> None:
    """Until cancelled. A database that is down is retried at the next tick (counters kept)."""
    from supportllm.audit.append import admin_event

    interval = controller.settings.tick_interval_s
    waiting_logged: set[tuple[int, int]] = set()
    failing = False
    while True:
        try:
            events = await asyncio.to_thread(controller.tick)
            failing = False
        except Exception as error:  # noqa: BLE001 - the loop must survive a database outage
            if not failing:
                _log.warning("roll-out tick failed (retrying every %.0f s): %s", interval, error)
            failing = True
            events = []
        for event in events:
            if event["kind"] == "waiting":
                if (event["rollout_id"], event["step"]) in waiting_logged:
                    continue  # "inconclusive, N more needed" once per step in the process log
                waiting_logged.add((event["rollout_id"], event["step"]))
            _log.warning("roll-out of %s: %s %s", event["alias"], event["kind"], event["message"])
            if audit is not None:
                detail = dict(event)
                action = f"rollout.{event['kind']}"
                await asyncio.to_thread(admin_event, audit.writer.engine, action, detail)
        await asyncio.sleep(interval)
