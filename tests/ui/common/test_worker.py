"""Long work in a worker thread: the window keeps running, 取消 stops it, errors and results come back."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common.worker import Cancelled, run_in_worker, run_on_ledger


def _dialog() -> QProgressDialog | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QProgressDialog) and w.objectName() == "workerProgress" and w.isVisible():
            return w
    return None


def test_the_window_keeps_running_while_the_work_runs(qtbot) -> None:
    """A timer of the GUI thread ticks while the work waits for those very ticks: the GUI thread was free."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ticks: list[int] = []
    enough = threading.Event()
    seen_dialog: list[bool] = []

    def tick() -> None:
        ticks.append(1)
        seen_dialog.append(_dialog() is not None)
        if len(ticks) >= 5:
            enough.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)

    def work(progress) -> str:
        for i in range(100):
            progress(i, 100)
            if enough.wait(0.05):
                return "完成"
        return "timer never ticked"

    assert run_in_worker(parent, "导出", "正在导出……", work) == "完成"
    timer.stop()
    assert len(ticks) >= 5 and any(seen_dialog)
    assert _dialog() is None  # closed when the work is over


def test_cancel_stops_the_work_at_its_next_step_and_leaves_the_ledger_unchanged(
    qtbot, filled: Ledger
) -> None:
    before = [c["name"] for c in filled.communities()]
    started = threading.Event()
    steps: list[int] = []

    def press_cancel() -> None:
        dlg = _dialog()
        if dlg is None or not started.is_set():
            QTimer.singleShot(10, press_cancel)
            return
        button = dlg.findChild(QPushButton)
        assert button is not None
        button.click()

    QTimer.singleShot(10, press_cancel)

    def work(own: Ledger, progress) -> None:
        started.set()
        for i in range(10_000):
            progress(i, 10_000)  # raises Cancelled once 取消 was pressed
            steps.append(i)
            threading.Event().wait(0.002)
        own.add_community("不该写入的居民区")  # never reached

    with pytest.raises(Cancelled):
        run_on_ledger(None, "导入", "正在导入……", filled, work, write=True)
    assert len(steps) < 10_000
    assert [c["name"] for c in filled.communities()] == before


def test_an_error_comes_back_to_the_gui_thread_as_the_usual_error(qtbot, filled: Ledger) -> None:
    def work(own: Ledger, _progress) -> None:
        own.add_community("南郊别墅")  # already there: refused with a sentence

    with pytest.raises(LedgerError) as refused:
        run_on_ledger(None, "导入", "正在导入……", filled, work, write=True)
    assert "南郊别墅" in refused.value.message()


def test_a_writing_worker_uses_its_own_connection_and_the_window_hears_of_the_change(
    qtbot, filled: Ledger
) -> None:
    heard = []
    filled.subscribe(heard.append)
    threads: list[bool] = []

    def work(own: Ledger, _progress) -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        assert own is not filled and own.store.conn is not filled.store.conn
        return own.add_community("新建居民区")

    cid = run_on_ledger(None, "新增", "正在写入……", filled, work, write=True)
    assert threads == [False]
    assert "新建居民区" in [c["name"] for c in filled.communities()]
    assert any(c.command == "add_community" for c in heard)
    assert cid in [c["id"] for c in filled.communities()]


def test_a_reading_worker_cannot_write(qtbot, filled: Ledger) -> None:
    def work(own: Ledger, _progress) -> None:
        own.add_community("不该写入的居民区")

    with pytest.raises(LedgerError):
        run_on_ledger(None, "读取", "正在读取……", filled, work)
    assert "不该写入的居民区" not in [c["name"] for c in filled.communities()]
