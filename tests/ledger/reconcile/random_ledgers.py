"""Small ledgers with random work in them, for the reconcile tests that compare its figures with a recount."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from ledger.core import FixedClock, LedgerError, Operator, Role, Status
from ledger.service import Ledger
from tests.helpers import as_

WT = Operator("张专班", Role.WORK_TEAM)
STARTABLE = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED, Status.REOPENED)


def random_ledger(path: Path, rnd: random.Random, tasks: int) -> tuple[Ledger, FixedClock, list[str], str]:
    """A new ledger (its clock on 2025-11-10) of three communities and one problem with ``tasks`` tasks due on
    random days of November 2025: the ledger, its clock, the communities' ids and the problem's id."""
    clock = FixedClock.on("2025-11-10")
    led = Ledger.create(path, org="测试", clock=clock, operator=WT)
    coms = [led.add_community(n, secretary=f"{n}书记") for n in ("甲", "乙", "丙")]
    p = led.add_problem(led.add_category("类别"), "问题")
    for i in range(tasks):
        led.add_task(p, rnd.choice(coms), f"措施{i}", deadline=f"2025-11-{rnd.randint(10, 28)}")
    return led, clock, coms, p


def random_steps(
    led: Ledger,
    rnd: random.Random,
    clock: FixedClock,
    steps: int,
    step: Callable[[str, Status], None],
    *,
    hours: int,
) -> None:
    """``steps`` times: ``step(task, its state)`` on a random live task (a step the workflow refuses leaves the
    ledger as it was), then the work team at the keyboard again and the clock ``hours`` on."""
    for _ in range(steps):
        tid = rnd.choice([t["id"] for t in led.tasks_json()])
        try:
            step(tid, led.task(tid).status)
        except LedgerError:
            pass
        as_(led, WT)
        clock.advance(hours=hours)
