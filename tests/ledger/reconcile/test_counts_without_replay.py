"""对账 reads only the tasks a period's entries changed (counts of the rest from the tally and the late-task index):
its opening, lines, effects, counts at the cut and per community equal those of replaying every task, after random
work in and after the week (added, deleted, new deadlines, signed off, reopened, indicators changed)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from ledger import reconcile
from ledger.core import Action, FixedClock, Operator, Role, Status
from ledger.reconcile.reconciliation import replay_lines
from ledger.reconcile.week_counts import current_state, undo_entries
from ledger.service import Ledger
from ledger.storage import journal
from tests.helpers import as_, sign_off
from tests.ledger.reconcile.random_ledgers import STARTABLE, random_ledger, random_steps

L2 = Operator("陈书记", Role.LEADER)
W47, W48 = "2025-W47", "2025-W48"  # windows 2025-11-15 .. 11-21 and 11-22 .. 11-28


def every_task_replayed(led: Ledger, week: str) -> dict[str, Any]:
    """What reconcile() showed before it read only the changed tasks: every task replayed to the cut."""
    p = reconcile.period(led, week)
    lines, _, at_cut = replay_lines(led, p)
    as_of = reconcile.reconcile(led, week).as_of
    groups: dict[Any, dict[str, dict[str, Any]]] = {}
    for k, v in at_cut.items():
        groups.setdefault(v.get("community_id"), {})[k] = v
    by_community = {}
    for r in led.store.rows("SELECT id, name FROM community ORDER BY sort, rowid"):
        c = reconcile.counts(groups.get(r["id"], {}), as_of)
        by_community[r["name"]] = {k: c[k] for k in ("tasks", "signed_off", "open", "overdue")}
    return {
        "now": reconcile.counts(at_cut, as_of),
        "by_community": by_community,
        "lines": [(ln.entry_id, ln.effect, ln.items) for ln in lines],
    }


def opening_by_replay(led: Ledger, week: str) -> dict[str, int]:
    start, _end = reconcile.week_window(led, week)
    start_seq = int(
        led.store.one("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE at < ?", (start.isoformat(),))
    )
    state = current_state(led)
    undo_entries(state, journal.entries(led.store, since_seq=start_seq))
    return reconcile.counts(state, start)


def random_work(
    led: Ledger, rnd: random.Random, clock: FixedClock, coms: list[str], p: str, steps: int
) -> None:
    def step(tid: str, status: Status) -> None:
        op = rnd.randrange(7)
        if op == 0 and status in STARTABLE:
            sign_off(led, tid)
        elif op == 1:
            led.add_task(p, rnd.choice(coms), "新措施", deadline=f"2025-11-{rnd.randint(12, 30)}")
        elif op == 2 and status != Status.CLOSED:
            led.delete_task(tid)
        elif op == 3 and status == Status.CLOSED:
            as_(led, L2).act(tid, Action.REOPEN, reason="反弹")
        elif op == 4:  # an indicator added, then its actual changed (a line on the task's indicator)
            iid = led.add_indicator(tid, f"指标{rnd.randrange(3)}", "处", 10)
            led.update_indicator(iid, actual=rnd.randrange(10))
        elif op == 5:
            led.update_task(tid, deadline=dt.date(2025, 11, rnd.randint(12, 30)))
        elif op == 6:
            led.update_progress(tid, f"进展 {rnd.random():.3f}")

    random_steps(led, rnd, clock, steps, step, hours=9)


@pytest.mark.parametrize("seed", range(5))
def test_the_same_figures_as_replaying_every_task(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    led, clock, coms, p = random_ledger(tmp_path / "r.db", rnd, 12)
    clock.at = dt.datetime(2025, 11, 17, 9)
    random_work(led, rnd, clock, coms, p, 10)  # in W47
    want_opening = opening_by_replay(led, W47)
    reconcile.open_period(led, W47)
    assert reconcile.period(led, W47).opening == want_opening
    random_work(led, rnd, clock, coms, p, 12)  # the rest of W47 and on into W48: entries after the cut too
    rec = reconcile.reconcile(led, W47)
    want = every_task_replayed(led, W47)
    assert rec.now == want["now"]
    assert rec.by_community == want["by_community"]
    assert [(ln.entry_id, ln.effect, ln.items) for ln in rec.lines] == want["lines"]
    assert rec.lines and any(ln.effect for ln in rec.lines)
    reconcile.tick(led, W47)
    reconcile.close_period(led, W47)
    clock.at = dt.datetime(2025, 11, 27, 9)
    reconcile.open_period(led, W48)
    random_work(led, rnd, clock, coms, p, 6)
    assert reconcile.reconcile(led, W48).now == every_task_replayed(led, W48)["now"]
    led.close()
