"""The 对账 tab on a large ledger (the threshold set low): a hidden tab reads nothing, an unchanged ledger is not read
again, and the week is read on a worker thread while the tab says 正在读取…; what it then shows is what the tab
shows when it reads in place."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from ledger import reconcile as rc
from ledger.core import Action, FixedClock, Operator, Role
from ledger.service import Ledger
from ui.board import board_jobs
from ui.reconcile import view as view_mod
from ui.reconcile.view import ReconcileView

SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)


@pytest.fixture
def week(filled: Ledger, clock: FixedClock) -> Ledger:
    """A week later than the fixture's tasks, a period open and some work in it."""
    clock.advance(days=7)
    t = [x["id"] for x in filled.tasks_json()]
    filled.update_progress(t[2], "已排查 3 处隐患")
    filled.operator = SEC
    filled.act(t[4], Action.START)
    filled.operator = WT
    rc.open_period(filled, rc.week_of(filled, filled.today()))
    filled.update_progress(t[3], "本周推进")
    clock.advance(hours=1)
    return filled


RELEASE = threading.Event()  # a read on a worker waits for it (the tests see the tab while it reads)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each week read of the tab: read on the GUI thread?"""
    seen: list[bool] = []
    real = view_mod.read_week
    RELEASE.set()

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread() is threading.main_thread())
        if not seen[-1]:
            RELEASE.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(view_mod, "read_week", spy)
    return seen


def shown(v: ReconcileView) -> dict[str, Any]:
    return {
        "state": v.state_label.text(),
        "cells": {k: c.text() for k, c in v.cells.items()},
        "verdict": v.verdict.text(),
        "lines": [(ln.entry_id, ln.effect, ln.ticked) for ln in v.model.lines],
        "label": v.lines_label.text(),
        "side": [t.rows.rows for t in (v.chase, v.pending, v.extensions, v.overdue)],
        "buttons": [b.isEnabled() for b in (v.open_button, v.tick_all_button, v.close_button)],
    }


def test_a_large_ledger_is_read_on_a_worker_when_shown(qtbot, week, reads, monkeypatch):
    small = ReconcileView(week)
    qtbot.addWidget(small)
    want = shown(small)
    assert reads == [True] and want["lines"]
    reads.clear()

    monkeypatch.setattr(board_jobs, "BIG_LEDGER", 3)
    v = ReconcileView(week)
    qtbot.addWidget(v)
    assert reads == []  # hidden: nothing read
    RELEASE.clear()
    v.show()
    qtbot.waitUntil(lambda: bool(reads))
    assert v.reading() and v.lines_label.text() == v.tr("Reading…") and not v.open_button.isEnabled()
    RELEASE.set()
    qtbot.waitUntil(lambda: not v.reading())
    assert reads == [False] and shown(v) == want

    v.hide()
    v.show()  # nothing changed: nothing read
    qtbot.wait(10)  # (no read is started: there is no condition to wait for)
    assert reads == [False]

    v.hide()
    notices: list[Any] = []
    week.subscribe(notices.append)
    week.update_progress(week.tasks_json()[5]["id"], "又推进了")  # a change made elsewhere, the tab hidden
    v.on_changed(notices[-1])
    assert reads == [False]  # hidden: read when shown
    v.show()
    qtbot.waitUntil(lambda: len(reads) == 2 and not v.reading())
    assert reads == [False, False]
    small.refresh()
    assert shown(v) == shown(small)


def test_the_views_own_action_reads_again(qtbot, week, reads, monkeypatch):
    monkeypatch.setattr(board_jobs, "BIG_LEDGER", 3)
    v = ReconcileView(week)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: bool(reads) and not v.reading())
    assert v.tick_all_button.isEnabled()
    v.tick_all()
    qtbot.waitUntil(lambda: len(reads) == 2 and not v.reading())
    assert v.rec is not None and not v.rec.unticked and not v.tick_all_button.isEnabled()
    assert v.rec.balanced and v.verdict.text() == v.tr("Balanced")


def test_closing_a_large_ledgers_period_runs_on_a_worker(qtbot, week, reads, monkeypatch):
    monkeypatch.setattr(board_jobs, "BIG_LEDGER", 3)
    closed_on: list[bool] = []
    real = rc.close_period

    def spy(*args: Any, **kwargs: Any) -> Any:
        closed_on.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(view_mod.rc, "close_period", spy)
    v = ReconcileView(week)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: bool(reads) and not v.reading())
    v.tick_all()
    qtbot.waitUntil(lambda: len(reads) == 2 and not v.reading())
    v.close_period()
    assert closed_on == [False]  # on a worker, with its own connection
    qtbot.waitUntil(lambda: not v.reading() and v.per is not None and v.per.closed)
    assert v.state_label.text() == v.tr("Closed") and v.report_button.isEnabled()
    assert rc.period(week, rc.week_of(week, week.today())).closed


def test_the_program_ending_stops_a_read_under_way(qtbot, week, reads, monkeypatch):
    """Qt waits for the pool's threads at the end: the read's SQLite work is interrupted instead of finished."""
    monkeypatch.setattr(board_jobs, "BIG_LEDGER", 3)
    monkeypatch.setattr(view_mod, "CHECK_EVERY", 1)
    v = ReconcileView(week)
    qtbot.addWidget(v)
    v._quitting.set()  # (what QCoreApplication.aboutToQuit does)
    v.show()
    qtbot.waitUntil(lambda: bool(reads) and not v.reading())
    assert reads == [False] and v.reads.asked is None  # the read failed: read again on the next showing
    assert v.per is None and v.model.rowCount() == 0
