"""Upgrading a ledger file of schema 8 (before the search index) at 10k, 100k and 1M tasks: its cost with the
progress reports against without them, and the longest time the GUI thread is blocked opening it in the window,
before (the upgrade ran inside ``Ledger.open`` on the GUI thread) and now (in a worker thread behind a dialog).

Issue 20: "any operation over 200 ms on the GUI thread shows progress or runs in a worker thread". Never asserted.
Each upgrade runs on a fresh copy in a child process (benchmarks/upgrade_run.py), plain and reported alternating,
so its CPU time and peak memory are its own. The 1M file is a schema-8 ledger named by BENCH_OLD_1M (for example
a copy of /work/bench/1m.db); skipped when absent.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest benchmarks/test_bench_upgrade.py --benchmark-enable
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import undo_schema_9

HERE = Path(__file__).resolve().parent
OLD_1M = Path(os.environ.get("BENCH_OLD_1M", "/tmp/ledger-1m-schema8.db"))


@pytest.fixture(scope="module")
def old_files(ledger_paths, tmp_path_factory) -> dict[str, Path]:
    """Schema-8 copies of the generated ledgers (and the 1M file when there is one)."""
    out = {}
    for n, path in ledger_paths.items():
        old = tmp_path_factory.mktemp(f"old{n}") / f"old-{n}.db"
        shutil.copyfile(path, old)
        conn = sqlite3.connect(old)
        undo_schema_9(conn)
        conn.execute("PRAGMA user_version = 8")
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        out[f"{n // 1000}k"] = old
    if OLD_1M.exists():
        out["1M"] = OLD_1M
    return out


def _copy(src: Path, folder: Path) -> Path:
    for leftover in folder.iterdir():
        leftover.unlink()
    target = folder / src.name
    shutil.copyfile(src, target)
    return target


def _run(path: Path, *flags: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(HERE / "upgrade_run.py"), str(path), *flags],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("size", ["10k", "100k", "1M"])
def test_upgrade_with_and_without_progress(benchmark, old_files, tmp_path, size) -> None:
    if size not in old_files:
        pytest.skip(f"no schema-8 ledger of {size} tasks (BENCH_OLD_1M)")
    rounds = 1 if size == "1M" else 3
    figures: dict[str, list[dict]] = {"plain": [], "reported": []}

    def measure() -> None:
        for _ in range(rounds):
            for kind, flags in (("plain", ()), ("reported", ("--report",))):
                figures[kind].append(_run(_copy(old_files[size], tmp_path), *flags))

    benchmark.pedantic(measure, rounds=1, iterations=1)
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    info = benchmark.extra_info
    for kind, runs in figures.items():
        for key in ("wall", "cpu", "vm_hwm_mb"):
            info[f"{kind}_{key}"] = round(statistics.median(r[key] for r in runs), 3)
    info["reported_stages"] = figures["reported"][-1]["stages"]
    info["reports"] = figures["reported"][-1]["reports"]
    info["cpu_ratio"] = round(info["reported_cpu"] / info["plain_cpu"], 3)
    print(size, json.dumps(info, ensure_ascii=False))


def _longest_block(app, action) -> float:
    """The longest gap between two ticks of a 5 ms timer on the GUI thread while ``action`` runs there."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    loop = QEventLoop()

    def go() -> None:
        ticks.append(time.perf_counter())
        try:
            action()
        finally:
            ticks.append(time.perf_counter())
            QTimer.singleShot(20, loop.quit)

    QTimer.singleShot(20, go)
    loop.exec()
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


@pytest.mark.parametrize("size", ["10k", "100k", "1M"])
def test_longest_gui_thread_block_opening_an_older_file(
    benchmark, qapp, old_files, tmp_path, monkeypatch, size
):
    if size not in old_files:
        pytest.skip(f"no schema-8 ledger of {size} tasks (BENCH_OLD_1M)")
    from ledger.core import FixedClock, Operator, Role
    from ledger.service import Ledger
    from ui.window.app import Controller, make_app
    from ui.window.upgrade import UpgradeQuestion

    monkeypatch.setattr(UpgradeQuestion, "ask", classmethod(lambda cls, *a: True))
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("测", Role.WORK_TEAM))
    app = make_app("zh")
    opened: list[Ledger] = []
    result: dict[str, float] = {}

    def measure() -> None:
        path = _copy(old_files[size], tmp_path)
        result["before"] = _longest_block(app, lambda: opened.append(Ledger.open(path)))
        opened.pop().close()
        path = _copy(old_files[size], tmp_path)
        ctl = Controller(app, tmp_path / "data", FixedClock.on("2025-11-20"))
        result["after"] = _longest_block(app, lambda: opened.append(ctl.open_path(path)))
        opened.pop().close()

    benchmark.pedantic(measure, rounds=1, iterations=1)
    for leftover in tmp_path.iterdir():
        if leftover.is_file():
            leftover.unlink()
    benchmark.extra_info.update({k: round(v, 3) for k, v in result.items()})
    print(size, "longest GUI-thread block: before", result["before"], "after", result["after"])
