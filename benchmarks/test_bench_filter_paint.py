"""Every kind of filter and sort change in the real window, timed to the table's repaint in the event loop.

Issue 20: the first screen painted under 100 ms at 100k and 250 ms at 1M (never asserted). The clock starts at
``apply_filter`` (or the header click's sort) and stops when a zero-length timer started by the viewport's Paint
event fires, i.e. after the paint pass; the remaining ids are read after that and timed apart (``rest_s``).
CPU seconds of this process are reported beside the wall time: the machine is shared, and the wall time of one
round varies with the others' load. The 1M ledger: see test_bench_history.py (skipped when absent).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest benchmarks/test_bench_filter_paint.py --benchmark-enable
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.test_bench_history import MILLION  # type: ignore[import-not-found]

CASES = [
    "overdue",
    "overdue_community",
    "text_sort_progress",
    "text_none_sort_owner",
    "text_common_sort_progress",
    "text_two_chars_sort_owner",
    "text_community_sort_progress",
    "text_common_status_sort_measure",
    "sort_progress",
    "status_sort_measure",
]


def _path(request, ledger_paths, size: str) -> Path:
    if size == "1M":
        if not MILLION.exists():
            pytest.skip(f"no 1M ledger at {MILLION}")
        return MILLION
    return ledger_paths[{"10k": 10_000, "100k": 100_000}[size]]


@contextlib.contextmanager
def ready_window(request, ledger_paths, size: str) -> Iterator[Any]:
    """The window (1440×900) over the ledger of ``size``, shown, its task panel built and every id of the table in;
    closed with its ledger afterwards."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.gui_block import pump_until  # type: ignore[import-not-found]
    from ledger.core import FixedClock, Operator, Role
    from ledger.service import Ledger
    from ui.window.main_window import MainWindow

    led = Ledger.open(
        _path(request, ledger_paths, size),
        clock=FixedClock.on("2025-11-20"),
        operator=Operator("测", Role.WORK_TEAM),
        lock=False,
    )
    win = MainWindow(led, remember_layout=False)
    try:
        win.resize(1440, 900)
        win.show()
        pump_until(lambda: win._panel is not None and win.model._complete)
        QApplication.processEvents()
        yield win
    finally:
        win.close()
        led.close()


@pytest.mark.parametrize("size", ["10k", "100k", "1M"])
@pytest.mark.parametrize("case", CASES)
def test_filter_to_repaint(benchmark, qapp, request, ledger_paths, size, case):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ledger.storage import TaskFilter

    with ready_window(request, ledger_paths, size) as win:
        community = frozenset({win.ledger.communities()[3]["id"]})
        flips = {
            "overdue": (TaskFilter(due="overdue"), "order"),
            "overdue_community": (TaskFilter(due="overdue", community_ids=community), "order"),
            "text_sort_progress": (TaskFilter(text="第12"), "progress"),
            "text_none_sort_owner": (TaskFilter(text="没有这个词"), "owner"),
            "text_common_sort_progress": (TaskFilter(text="整改"), "progress"),  # in every task
            "text_two_chars_sort_owner": (TaskFilter(text="消防"), "owner"),  # in ~15% of the tasks
            "text_community_sort_progress": (TaskFilter(text="第12", community_ids=community), "progress"),
            "text_common_status_sort_measure": (
                TaskFilter(text="整改", statuses=frozenset({"returned"})),
                "measure",
            ),
            "sort_progress": (TaskFilter(), "progress"),
            "status_sort_measure": (TaskFilter(statuses=frozenset({"returned"})), "measure"),
        }
        flt, sort = flips[case]
        painted: list[tuple[float, float]] = []  # (wall, CPU) when the paint pass is over

        class AfterPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and not painted:
                    QTimer.singleShot(0, lambda: painted.append((time.perf_counter(), time.process_time())))
                return False

        probe = AfterPaint()
        win.table.viewport().installEventFilter(probe)
        # (the case's change?, wall, cpu, rest of the ids)
        rounds: list[tuple[bool, float, float, float]] = []
        state = {"i": 0}

        def change_to_paint() -> float:
            state["i"] += 1
            on = state["i"] % 2 == 1
            painted.clear()
            c0, t0 = time.process_time(), time.perf_counter()
            win.model.filter.sort = sort if on else "order"
            win.apply_filter(TaskFilter(**flt.__dict__) if on else TaskFilter())
            while not painted:
                QApplication.processEvents()
            wall, c1 = painted[0][0] - t0, painted[0][1] - c0
            while not win.model._complete:  # (the same processEvents may already have read them)
                QApplication.processEvents()
            rounds.append((on, wall, c1, time.perf_counter() - painted[0][0]))
            return wall

        benchmark.pedantic(change_to_paint, rounds=8, iterations=1, warmup_rounds=1)
        mine = [r for r in rounds[1:] if r[0]]
        benchmark.extra_info.update(
            case_wall_median_ms=round(1000 * statistics.median(r[1] for r in mine), 1),
            case_cpu_median_ms=round(1000 * statistics.median(r[2] for r in mine), 1),
            paint_to_rest_median_ms=round(1000 * statistics.median(r[3] for r in mine), 1),
        )


REST_CASES = {
    "text_common_sort_progress": ("整改", "progress"),  # every task matches: the rest is the whole ledger
    "text_two_chars_sort_owner": ("消防", "owner"),  # ~15 %
    "sort_progress": ("", "progress"),
}


@pytest.mark.parametrize("size", ["100k", "1M"])
@pytest.mark.parametrize("case", list(REST_CASES))
def test_rest_of_ids_block(benchmark, qapp, request, ledger_paths, size, case):
    """Issue 20: nothing over 200 ms on the GUI thread. From a filter change until every id of the new filter is in
    the model (the count in the status bar final): the GUI thread's longest block (``gui_block.Heartbeat``), wall
    and the GUI thread's own CPU, and the whole time to the complete list."""
    from benchmarks.gui_block import Heartbeat, pump_until  # type: ignore[import-not-found]
    from ledger.storage import TaskFilter

    with ready_window(request, ledger_paths, size) as win:
        text, sort = REST_CASES[case]
        # (the case?, longest wall, longest cpu, whole, rows)
        rounds: list[tuple[bool, float, float, float, int]] = []
        state = {"i": 0}

        def change_to_complete() -> float:
            state["i"] += 1
            on = state["i"] % 2 == 1
            with Heartbeat() as beat:
                t0 = time.perf_counter()
                win.model.filter.sort = sort if on else "order"
                win.apply_filter(TaskFilter(text=text) if on else TaskFilter(community_ids=frozenset()))
                pump_until(lambda: win.model._complete)
                whole = time.perf_counter() - t0
            rounds.append((on, beat.longest_wall, beat.longest_cpu, whole, win.model.rowCount()))
            return beat.longest_wall

        benchmark.pedantic(change_to_complete, rounds=6, iterations=1, warmup_rounds=1)
        mine = [r for r in rounds[1:] if r[0]]
        benchmark.extra_info.update(
            longest_block_wall_ms=round(1000 * statistics.median(r[1] for r in mine), 1),
            longest_block_wall_max_ms=round(1000 * max(r[1] for r in mine), 1),
            longest_block_gui_cpu_ms=round(1000 * statistics.median(r[2] for r in mine), 1),
            to_complete_s=round(statistics.median(r[3] for r in mine), 2),
            rows=mine[0][4],
        )
