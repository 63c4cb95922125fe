"""待我审核 on a large ledger: read only when shown, read again only after a change, and a long list read on a
worker thread behind a progress dialog while the window keeps painting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from ledger.core import Action, Operator, Role
from ledger.service import Ledger
from ui.signoff import queue
from ui.signoff.queue import ReviewQueueView
from ui.window.app import make_app

SECRETARY = Operator("王书记", Role.SECRETARY)
WORK_TEAM = Operator("张专班", Role.WORK_TEAM)


def _submit_all(led: Ledger) -> list[str]:
    led.operator = SECRETARY
    ids = []
    for t in led.tasks_json():
        if t["status"] == "not_started":
            led.act(t["id"], Action.START)
            led.act(t["id"], Action.SUBMIT, reason="已完成。")
            ids.append(str(t["id"]))
    led.operator = WORK_TEAM
    return ids


@pytest.fixture
def reads(monkeypatch):
    """How many times the queue was read, and on which thread."""
    seen: list[bool] = []
    real = queue.read_queue

    def counted(led: Ledger):
        import threading

        seen.append(threading.current_thread() is threading.main_thread())
        return real(led)

    monkeypatch.setattr(queue, "read_queue", counted)
    return seen


def test_a_long_list_is_read_on_a_worker_while_the_window_paints(qtbot, filled, reads, monkeypatch):
    waiting = _submit_all(filled)
    assert len(waiting) >= 2
    monkeypatch.setattr(queue, "BIG_QUEUE", 1)  # the example's list counts as long
    make_app("zh")
    view = ReviewQueueView(filled)
    qtbot.addWidget(view)
    assert reads == [] and "正在读取" in view.summary.text()  # nothing read before the tab is shown
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    view.show()
    qtbot.waitUntil(lambda: bool(view.task_ids()), timeout=20000)
    timer.stop()
    assert sorted(view.task_ids()) == sorted(waiting)
    assert reads == [False]  # read once, on a pool thread
    assert "项任务等待您审核" in view.summary.text()
    assert ticks  # the event loop ran while the list was read


def test_a_hidden_tab_reads_nothing_until_shown_and_an_unchanged_ledger_is_not_read_again(
    qtbot, filled, reads
):
    _submit_all(filled)
    view = ReviewQueueView(filled)
    qtbot.addWidget(view)
    view.show()
    assert reads == [True]  # a short list: read at once, on the GUI thread
    first = view.task_ids()
    view.hide()
    view.show()
    assert reads == [True]  # nothing changed: the list stands
    view.hide()
    tid = first[0]
    filled.act(tid, Action.APPROVE, grade="好", opinion="同意", exception="材料为纸质存档")
    assert reads == [True]  # hidden: the change is noted, not read
    view.show()
    assert reads == [True, True]
    assert tid not in view.task_ids() and len(view.task_ids()) == len(first) - 1
