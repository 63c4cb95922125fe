"""The 台账 table's remaining ids on a large ledger (the threshold set low): read on a pool thread after the first
screen, a newer filter cancelling an older read, callers waiting for the complete list served, the status text
counting until then, the ledger closing while a read runs; and a small ledger still complete at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from ledger.core import FixedClock, Operator, Role
from ledger.example import generate
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ledger.storage.store import Store
from ui.table import model as table_model
from ui.table.model import FIRST_SCREEN, TaskTableModel

TASKS = 1500


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rest") / "ledger-1500.db"
    generate(path, tasks=TASKS, communities=20, clock=FixedClock.on("2025-11-20")).close()
    return path


@pytest.fixture
def led(big_path: Path) -> Iterator[Ledger]:
    ledger = Ledger.open(
        big_path, clock=FixedClock.on("2025-11-20"), operator=Operator("测", Role.WORK_TEAM), lock=False
    )
    yield ledger
    ledger.close()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, bool]]:
    """Each id read: (its limit, read on the GUI thread)."""
    seen: list[tuple[int | None, bool]] = []
    real = Store.task_rowids

    def spy(self: Store, *args: Any, **kwargs: Any) -> list[int]:
        limit = kwargs.get("limit", args[3] if len(args) > 3 else None)
        seen.append((limit, threading.current_thread() is threading.main_thread()))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "task_rowids", spy)
    return seen


def hold_worker_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Reads on a worker wait for ``release`` (``started`` says one is waiting)."""
    started, release = threading.Event(), threading.Event()
    real = Store.task_rowids

    def slow(self: Store, *args: Any, **kwargs: Any) -> list[int]:
        if threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "task_rowids", slow)
    return started, release


def big_model(led: Ledger, qtbot: Any) -> TaskTableModel:
    model = TaskTableModel(led, defer_rest=True)
    model.threshold = 10  # live tasks: 1500 count as a large ledger here
    return model


def test_the_rest_is_read_on_a_worker_and_the_count_follows(led, qtbot, qtmodeltester, reads):
    model = big_model(led, qtbot)
    assert model.rowCount() == FIRST_SCREEN and not model._complete
    assert model.shown_text() != str(FIRST_SCREEN) and model.shown_text().startswith(f"{FIRST_SCREEN}+")
    counted: list[int] = []
    model.reloaded.connect(counted.append)
    model.load_rest_soon()
    QCoreApplication.processEvents()
    assert model.reading() or model._complete
    qtbot.waitUntil(lambda: model._complete)
    assert not model.reading()
    assert model.rowCount() == TASKS and counted == [TASKS] and model.shown_text() == str(TASKS)
    # the first screen on the GUI thread, the rest on a worker
    assert reads == [(FIRST_SCREEN, True), (None, False)]
    assert model._rowids == led.task_rowids(TaskFilter())
    assert model.task_id_at(TASKS - 1) == led.store.one(
        "SELECT id FROM task WHERE rowid = ?", (model._rowids[-1],)
    )
    qtmodeltester.check(model)


def test_a_newer_filter_cancels_the_older_read(led, qtbot, monkeypatch):
    started, release = hold_worker_reads(monkeypatch)
    model = big_model(led, qtbot)
    model.load_rest_soon()
    qtbot.waitUntil(started.is_set)
    first = model._reading
    assert model.reading() and "+" in model.shown_text()
    model.filter.sort = "progress"
    model.set_filter(TaskFilter(text="整改"))
    assert first is not None and first.is_set()  # the older read stops at its next step
    model.load_rest_soon()
    release.set()
    qtbot.waitUntil(lambda: model._complete)
    want = led.task_rowids(TaskFilter(text="整改", sort="progress"))
    assert len(want) > FIRST_SCREEN and model._rowids == want and model.rowCount() == len(want)
    for _ in range(20):  # an outdated result that still arrives is dropped
        QCoreApplication.processEvents()
    assert model._rowids == want


def test_callers_waiting_for_the_whole_list_get_it(led, qtbot):
    model = big_model(led, qtbot)
    got: list[int] = []
    model.when_complete(lambda: got.append(model.rowCount()))
    assert got == []
    model.load_rest_soon()
    qtbot.waitUntil(lambda: bool(got))
    assert got == [TASKS]
    # a task beyond the first screen asked for at once: read here, and the worker's read dropped
    model.set_filter(TaskFilter())
    model.load_rest_soon()
    last = led.store.one("SELECT id FROM task WHERE rowid = ?", (led.task_rowids(TaskFilter())[-1],))
    assert model.row_of_task(last) == TASKS - 1 and model._complete and not model.reading()


def test_rows_asked_for_beyond_the_first_screen_wait_for_the_worker(led, qtbot, reads):
    """Selecting a task from another view (a cell of 挂图督战) while the ids still arrive: the rows come when the
    worker's read ends, never read on the GUI thread; rows among the first screen come at once."""
    ids = led.task_rowids(TaskFilter())
    first = led.store.one("SELECT id FROM task WHERE rowid = ?", (ids[0],))
    last = led.store.one("SELECT id FROM task WHERE rowid = ?", (ids[-1],))
    reads.clear()
    model = big_model(led, qtbot)
    got: list[list[int | None]] = []
    model.with_rows_of([first, "没有这项"], got.append)
    assert got == [[0, None]]  # at once
    model.with_rows_of([last, first], got.append)
    assert len(got) == 1 and not model._complete  # waits
    model.load_rest_soon()
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got[1] == [TASKS - 1, 0]
    assert reads == [(FIRST_SCREEN, True), (None, False)]  # the rest on the worker only


def test_closing_while_a_read_runs(led, qtbot, monkeypatch):
    started, release = hold_worker_reads(monkeypatch)
    model = big_model(led, qtbot)
    model.load_rest_soon()
    qtbot.waitUntil(started.is_set)
    model.stop()  # the window closing: returns at once, the read is dropped
    assert not model.reading()
    release.set()
    for _ in range(50):
        QCoreApplication.processEvents()
    assert not model._complete and model.rowCount() == FIRST_SCREEN


def test_a_failed_worker_read_falls_back_to_reading_here(led, qtbot, monkeypatch):
    def gone(*_args: Any, **_kwargs: Any) -> Any:
        raise table_model.sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(table_model, "own_ledger", gone)
    model = big_model(led, qtbot)
    model.load_rest_soon()
    qtbot.waitUntil(lambda: model._complete)
    assert model.rowCount() == TASKS


def test_a_small_ledger_is_complete_at_once(led, qtbot, reads):
    model = TaskTableModel(led, defer_rest=True)  # 1500 live tasks: below the real threshold
    model.load_rest_soon()
    QCoreApplication.processEvents()
    assert model._complete and model.rowCount() == TASKS and not model.reading()
    assert reads == [(FIRST_SCREEN, True), (None, True)]


def test_a_cancelled_read_stops_sqlite_at_its_next_look(led, monkeypatch):
    """The cancel flag is looked at by SQLite's progress handler: the query itself is interrupted."""
    monkeypatch.setattr(table_model, "CHECK_EVERY", 1)
    cancel = threading.Event()
    raised: list[BaseException] = []
    real = Store.task_rowids

    def cancelled_meanwhile(self: Store, *args: Any, **kwargs: Any) -> list[int]:
        cancel.set()  # a newer reload, or the ledger closing, while SQLite reads
        try:
            return real(self, *args, **kwargs)
        except BaseException as exc:
            raised.append(exc)
            raise

    monkeypatch.setattr(Store, "task_rowids", cancelled_meanwhile)
    delivered: list[Any] = []
    out = table_model.RestDelivered()
    out.done.connect(delivered.append)
    table_model.RestRead(
        led, TaskFilter(), 1, cancel, out
    ).run()  # run here: the same code a pool thread runs
    QCoreApplication.processEvents()
    assert len(raised) == 1 and "interrupted" in str(raised[0]) and delivered == []
