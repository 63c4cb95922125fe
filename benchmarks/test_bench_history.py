"""A task's history (the panel's 历史 tab, `main.py history --task ID`) at 10k, 100k and 1M tasks.

Targets (issue 20): under 50 ms and 20 MB at 100k and 1M, never asserted. The 1M ledger is made once by
`main.py generate /tmp/ledger-1m.db --tasks 1000000` (or named by BENCH_LEDGER_1M) and skipped when absent.
``before`` is the query the panel used until the journal had its per-task index (payload LIKE), for the ratio.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest benchmarks/test_bench_history.py --benchmark-enable
"""

from __future__ import annotations

import dataclasses
import os
import tracemalloc
from pathlib import Path

import pytest

from ledger.audit import history_rows
from ledger.core import FixedClock, Operator, Role
from ledger.service import Ledger
from ledger.storage import Entry

MILLION = Path(os.environ.get("BENCH_LEDGER_1M", "/tmp/ledger-1m.db"))


def history_by_search(led: Ledger, task_id: str) -> list[Entry]:
    """The history as read before journal_task: every entry whose payload names the task, parsed whole."""
    rows = led.store.rows(
        "SELECT * FROM journal WHERE task_id = ? OR payload LIKE ? ORDER BY seq", (task_id, f'%"{task_id}"%')
    )
    out = []
    for e in map(Entry.from_row, rows):
        if e.task_id != task_id:
            mine = tuple(c for c in e.changes if c.id == task_id or (c.row or {}).get("task_id") == task_id)
            if mine:
                out.append(dataclasses.replace(e, changes=mine))
        else:
            out.append(e)
    return out


def _open(path: Path) -> Ledger:
    return Ledger.open(
        path, clock=FixedClock.on("2025-11-20"), operator=Operator("测", Role.WORK_TEAM), lock=False
    )


@pytest.fixture(params=["10k", "100k", "1M"])
def sized(request, ledger_paths) -> tuple[str, Ledger]:
    if request.param == "1M":
        if not MILLION.exists():
            pytest.skip(f"no 1M ledger at {MILLION}")
        path = MILLION
    else:
        path = ledger_paths[{"10k": 10_000, "100k": 100_000}[request.param]]
    led = _open(path)
    yield request.param, led
    led.close()


def _middle_task(led: Ledger) -> str:
    n = int(led.store.one("SELECT MAX(rowid) FROM task"))
    return str(led.store.one("SELECT id FROM task WHERE rowid >= ? LIMIT 1", (n // 2,)))


def test_history(benchmark, sized) -> None:
    size, led = sized
    tid = _middle_task(led)
    rows = benchmark(lambda: history_rows(led.history(tid)))
    assert rows and rows[-1][2] == "新建任务"
    tracemalloc.start()
    history_rows(led.history(tid))
    benchmark.extra_info["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
    tracemalloc.stop()


@pytest.mark.parametrize("size", [100_000])
def test_history_before(benchmark, ledger_paths, size) -> None:
    """The old query at 100k, for the ratio in the same run (1.3 s and 437 MB in the issue)."""
    led = _open(ledger_paths[size])
    try:
        tid = _middle_task(led)
        rows = benchmark.pedantic(lambda: history_rows(history_by_search(led, tid)), rounds=3, iterations=1)
        assert rows == history_rows(led.history(tid))
        tracemalloc.start()
        history_by_search(led, tid)
        benchmark.extra_info["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
        tracemalloc.stop()
    finally:
        led.close()
