"""挂图督战 and 看板 on a large ledger (the threshold set low): a hidden tab reads nothing, an unchanged ledger is not
read again, and the read runs on a worker thread while the window's timers tick; what is shown is what the direct
read shows."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from ledger import board as lb
from ledger.core import FixedClock
from ledger.example.demo import build_demo
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.board import board_jobs
from ui.board.kanban import KanbanView
from ui.board.view import BoardView


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("boards") / "示例台账.db"
    build_demo(path, clock=FixedClock.on("2025-11-20")).close()
    return path


@pytest.fixture
def example(demo_path: Path) -> Iterator[Ledger]:
    led = Ledger.open(demo_path, clock=FixedClock.on("2025-11-20"), lock=False)
    yield led
    led.close()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each ledger read of the two tabs: (what, read on the GUI thread)."""
    seen: list[tuple[str, bool]] = []
    for name in ("board_data", "kanban_columns"):
        real = getattr(lb, name)

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen.append((_name, threading.current_thread() is threading.main_thread()))
            return _real(*args, **kwargs)

        monkeypatch.setattr(lb, name, spy)
    return seen


def big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_jobs, "BIG_LEDGER", 5)


def board_cells(view: BoardView) -> list[list[Any]]:
    m = view.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def shown_chart(view: BoardView) -> tuple[Any, ...]:
    m = view.model
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    rows = [m.headerData(r, Qt.Orientation.Vertical) for r in range(m.rowCount())]
    figs = (view.fig_tasks.value.text(), view.fig_closed.value.text(), view.fig_overdue.value.text())
    return figs, heads, rows, board_cells(view)


def shown_cards(view: KanbanView) -> dict[str, tuple[str, list[Any]]]:
    return {
        str(status): (col.title.text(), [col.model.index(i).data() for i in range(col.model.rowCount())])
        for status, col in view.columns.items()
        if not col.isHidden()
    }


def test_the_board_read_on_a_worker_shows_what_the_direct_read_shows(
    qtbot, example: Ledger, monkeypatch: pytest.MonkeyPatch, calls: list[tuple[str, bool]]
) -> None:
    flt = TaskFilter(due="overdue")
    direct = BoardView(example)
    qtbot.addWidget(direct)
    direct.resize(1400, 900)
    direct.show()
    direct.set_columns("owner")
    direct.set_filter(flt)
    assert calls and all(on_gui for _, on_gui in calls)  # a small ledger: read in place
    calls.clear()

    big(monkeypatch)
    view = BoardView(example)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    assert calls == [] and view.model.data_ is None  # hidden: nothing read
    view.show()
    view.set_columns("owner")
    view.set_filter(flt)
    qtbot.waitUntil(lambda: view.model.data_ is not None and not view.reads.reading())
    assert calls and not any(on_gui for _, on_gui in calls)  # read on a worker thread
    assert shown_chart(view) == shown_chart(direct)
    assert view.model.task_ids(view.model.index(0, 0)) == direct.model.task_ids(direct.model.index(0, 0))


def test_the_kanban_read_on_a_worker_shows_what_the_direct_read_shows(
    qtbot, example: Ledger, monkeypatch: pytest.MonkeyPatch, calls: list[tuple[str, bool]]
) -> None:
    direct = KanbanView(example, cap=7)
    qtbot.addWidget(direct)
    assert calls == [("kanban_columns", True)]
    calls.clear()
    big(monkeypatch)
    view = KanbanView(example, cap=7)
    qtbot.addWidget(view)
    assert calls == []  # hidden: nothing read
    view.show()
    qtbot.waitUntil(lambda: bool(calls) and not view.reads.reading())
    assert calls == [("kanban_columns", False)]
    assert shown_cards(view) == shown_cards(direct)
    assert view.hint.text() == view.hint_text


def test_a_hidden_tab_reads_nothing_and_an_unchanged_ledger_is_not_read_again(
    qtbot, example: Ledger, monkeypatch: pytest.MonkeyPatch, calls: list[tuple[str, bool]]
) -> None:
    big(monkeypatch)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front = QWidget()
    tabs.addTab(front, "台账")
    board, kanban = BoardView(example), KanbanView(example)
    tabs.addTab(board, "挂图督战")
    tabs.addTab(kanban, "看板")
    tabs.resize(1400, 900)
    tabs.show()
    qtbot.waitExposed(tabs)
    # hidden tabs: a filter, a change of the ledger — nothing is read
    board.set_filter(TaskFilter(due="overdue"))
    kanban.set_filter(TaskFilter(due="overdue"))
    tid = next(iter(example.store.task_rows(example.task_rowids()).values()))[1]
    for view in (board, kanban):
        example.subscribe(view.on_changed)
    example.update_task(tid, deadline="2026-06-30")
    assert calls == []

    tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.model.data_ is not None and not board.reads.reading())
    assert [what for what, _ in calls] == ["board_data"]
    tabs.setCurrentWidget(kanban)
    qtbot.waitUntil(lambda: len(calls) == 2 and not kanban.reads.reading())
    # shown again with nothing changed: not read again
    tabs.setCurrentWidget(board)
    tabs.setCurrentWidget(kanban)
    tabs.setCurrentWidget(front)
    qtbot.wait(50)
    assert [what for what, _ in calls] == ["board_data", "kanban_columns"]
    # a change while hidden: read once when shown
    example.update_task(tid, deadline="2026-07-31")
    assert len(calls) == 2
    tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: len(calls) == 3 and not board.reads.reading())
    direct = lb.board_data(example, TaskFilter(due="overdue"), "problem")
    assert board.fig_tasks.value.text() == str(direct.total.tasks)
    assert board.fig_overdue.value.text() == str(direct.total.overdue)


def test_the_window_keeps_ticking_while_the_chart_is_read(
    qtbot, example: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    big(monkeypatch)
    ticks = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    during: list[int] = []
    real = lb.board_data

    def slow(*args: Any, **kwargs: Any) -> Any:
        during.append(ticks[0])
        time.sleep(0.3)  # a slow disk: the GUI thread must not wait for it
        data = real(*args, **kwargs)
        during.append(ticks[0])
        return data

    monkeypatch.setattr(lb, "board_data", slow)
    view = BoardView(example)
    qtbot.addWidget(view)
    view.show()
    assert view.subtitle.text() in ("", view.tr("Reading the chart…"))
    qtbot.waitUntil(lambda: view.model.data_ is not None, timeout=10_000)
    timer.stop()
    assert len(during) == 2 and during[1] > during[0]
    assert view.subtitle.text() != view.tr("Reading the chart…")


@pytest.mark.parametrize(("view_class", "read"), [(BoardView, "board_data"), (KanbanView, "kanban_columns")])
def test_a_read_arriving_after_the_ledger_closed_is_dropped(
    qtbot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, view_class: Any, read: str
) -> None:
    """The window closes its ledger while a worker still reads the chart (another ledger opened in its place):
    the view is stopped first, and the late result is neither shown nor used to read the closed ledger (which
    raised in a Qt slot before)."""
    big(monkeypatch)
    gate = threading.Event()
    real = getattr(lb, read)

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(lb, read, held)
    led = Ledger.open(demo_path, clock=FixedClock.on("2025-11-20"), lock=False)
    view = view_class(led)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(view.reads.reading)  # on a worker, held
    view.stop()
    led.close()
    gate.set()
    QThreadPool.globalInstance().waitForDone()
    with qtbot.capture_exceptions() as raised:
        QApplication.processEvents()  # the result arrives: dropped
        view.hide()
        view.show()  # shown again: nothing is read from the closed ledger
        view.refresh()
        QApplication.processEvents()
    assert raised == [] and not view.reads.reading()


def test_the_window_closing_stops_the_chart_and_the_kanban(qtbot, example: Ledger) -> None:
    from ui.window.main_window import MainWindow

    win = MainWindow(example, remember_layout=False)
    qtbot.addWidget(win)
    win.show()
    views = [win.view("board"), win.view("kanban")]
    assert not any(v.reads.stopped for v in views)  # type: ignore[attr-defined]
    win.close()
    assert all(v.reads.stopped for v in views)  # type: ignore[attr-defined]


def test_an_outdated_read_stops_sqlite_instead_of_reading_on(qtbot, example: Ledger) -> None:
    """A read overtaken by a newer one, or by the ledger closing (``stop``), is interrupted by SQLite's progress
    handler: a million-task read no longer holds the pool (and the program's exit) for seconds."""
    started = threading.Event()

    def long_read(own: Ledger) -> Any:
        started.set()
        sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000) SELECT COUNT(*) FROM n"
        return own.store.conn.execute(sql).fetchone()[0]

    latest, got = [1], []
    out = board_jobs.Delivered()
    out.done.connect(got.append)
    QThreadPool.globalInstance().start(board_jobs.ReadJob(example, long_read, 1, latest, out))
    assert started.wait(60)
    latest[0] += 1  # a newer read was asked for (stop() does the same)
    qtbot.waitUntil(lambda: bool(got), timeout=120_000)
    generation, result = got[0]
    assert generation == 1
    assert isinstance(result, sqlite3.OperationalError) and "interrupt" in str(result)
