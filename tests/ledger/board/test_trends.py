"""The overview's trends read task by task through journal_task give the figures the whole-journal replay gave.

The ledger: the example (a plan imported as one shared entry, ten weeks of work, sign-offs, extensions), then a
community package's return merged, a task moved to another community, a deadline moved, a task deleted and the
deletion undone, another deleted for good, a week reconciled and closed, and tasks generated in bulk. All at
fixed dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ledger import board as lb
from ledger import reconcile as rc
from ledger.core import Action, FixedClock, Operator, Role
from ledger.example import build_demo
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge
from ledger.service import Ledger
from tests.helpers import as_, secretary_of, sign_off
from tests.ledger.board.trends_reference import OldJournalReplay

WT = Operator("张专班", Role.WORK_TEAM)
TODAY = dt.date(2025, 11, 20)


def figures(t: object) -> tuple[object, ...]:
    return tuple(getattr(t, k) for k in ("weeks", "signed_off", "open_tasks", "newly_overdue", "start"))


def assert_same(led: Ledger, replay: lb.JournalReplay | None = None) -> None:
    """Old and new agree for the whole ledger and for communities alone and together, over several windows."""
    old = OldJournalReplay().update(led)
    new = (replay or lb.JournalReplay()).update(led)
    coms = [c["id"] for c in led.communities()]
    for weeks, today in ((12, TODAY), (5, TODAY + dt.timedelta(days=3)), (20, TODAY + dt.timedelta(days=40))):
        for ids in (None, frozenset(coms[:1]), frozenset(coms[1:3]), frozenset({"没有的居民区"})):
            assert figures(new.series(weeks, today, ids)) == figures(old.series(weeks, today, ids)), (
                weeks,
                today,
                ids,
            )


@pytest.fixture
def busy(tmp_path: Path) -> tuple[Ledger, FixedClock]:
    clock = FixedClock.on(TODAY.isoformat())
    led = build_demo(tmp_path / "示例.db", clock=clock)
    led.operator = WT
    return led, clock


def test_the_example_ledger_gives_the_same_trends(busy: tuple[Ledger, FixedClock]) -> None:
    led, _ = busy
    assert_same(led)
    assert (
        sum(lb.trends(led, 12).signed_off) > 0
    )  # the example has sign-offs in the window: a real comparison


def test_edits_merges_deletions_and_a_closed_week_give_the_same_trends_read_afresh_or_incrementally(
    busy: tuple[Ledger, FixedClock], tmp_path: Path
) -> None:
    led, clock = busy
    kept = lb.JournalReplay().update(led)
    tasks = [t["id"] for t in led.tasks_json() if t["status"] in ("not_started", "in_progress")]
    coms = [c["id"] for c in led.communities()]
    # a community package: the secretary starts a task there, the return is merged
    one = next(t for t in led.tasks_json() if t["status"] == "not_started")
    com_name = one["community"]
    path = exchange.issue_package(led, com_name, tmp_path / "out")
    clock.advance(days=1)
    pkg = Ledger.open(path, clock=clock, operator=secretary_of(led, one["id"]))
    pkg.act(one["id"], Action.START)
    pkg.close()
    ret = exchange.return_package(path, clock=clock)
    clock.advance(days=1)
    apply_merge(led, ret)
    assert_same(led, kept)
    # moved, re-dated, deleted and restored, deleted, signed off
    moved = tasks[-1]
    led.update_task(moved, community_id=next(c for c in coms if c != led.task(moved).community_id))
    led.update_task(tasks[-2], deadline="2025-11-01")
    led.delete_task(tasks[-3])
    led.undo(led.history(tasks[-3])[-1].id)
    led.delete_task(tasks[-4])
    clock.advance(days=2)
    sign_off(led, tasks[-5])
    assert_same(led, kept)
    # a week reconciled and closed
    week = rc.week_of(led, led.today())
    rc.open_period(as_(led, WT), week)
    rc.tick(led, week)
    rc.close_period(led, week)
    clock.advance(days=7)
    # tasks added in bulk, as an import would
    prob = led.problems()[0]["id"]
    rows = [
        led.new_row(
            "task", problem_id=prob, community_id=coms[i % 3], measure=f"批量{i}", deadline="2025-11-25"
        )
        for i in range(30)
    ]
    led.bulk_insert("import_plan", {"task": rows}, {"file": "批量.docx"})
    assert_same(led, kept)
    assert_same(led)


def test_the_replay_reads_the_index_in_its_own_order_and_each_entry_by_its_key(ledger: Ledger) -> None:
    """No sort of the whole index (a temporary b-tree of every change at 1M tasks), no scan of the journal."""
    from ledger.board.trends import ALL_TASKS_SQL, ONE_TASK_SQL

    for sql, args in ((ALL_TASKS_SQL, (1,)), (ONE_TASK_SQL, ("x", 1))):
        plan = " | ".join(r[3] for r in ledger.store.conn.execute("EXPLAIN QUERY PLAN " + sql, args))
        assert "TEMP B-TREE" not in plan and "SCAN j" not in plan, plan
        assert "USING INTEGER PRIMARY KEY" in plan, plan
