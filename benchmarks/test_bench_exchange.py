"""Community packages at scale: a return of 5,000 changed tasks with 200 evidence files (~100 MB) against the
100k-task ledger. Targets (issue): preview < 3 s, apply < 5 s."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from ledger import exchange, signoff
from ledger.core import FixedClock, Operator, Role
from ledger.example import generate
from ledger.exchange import apply_merge, preview_merge
from ledger.service import Ledger

TASKS = 100_000
CHANGED = 5_000  # tasks the secretary changes
FILES = 200
FILE_BYTES = 500 * 1024  # 200 × 500 KiB ≈ 100 MB


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("exchange")
    clock = FixedClock.on("2025-11-20")
    t0 = time.perf_counter()
    # 16 communities: the first holds 6,250 tasks, of which more than 5,000 are not signed off (a signed-off task
    # is locked, in a package as anywhere), so the secretary can change 5,000.
    led = generate(base / "master.db", tasks=TASKS, communities=16, clock=clock)
    name, cid = led.store.conn.execute("SELECT name, id FROM community ORDER BY sort LIMIT 1").fetchone()
    t1 = time.perf_counter()
    pkg_path = exchange.issue_package(led, name, base / "out")
    t2 = time.perf_counter()
    led.close()
    pkg = Ledger.open(pkg_path, clock=clock, operator=Operator("王书记", Role.SECRETARY))
    tasks = [
        r[0]
        for r in pkg.store.conn.execute(
            "SELECT id FROM task WHERE community_id = ? AND status != 'closed' ORDER BY rowid", (cid,)
        )
    ][:CHANGED]
    assert len(tasks) == CHANGED
    for i, tid in enumerate(tasks):
        pkg.update_progress(tid, f"第{i}项：本周已完成入户走访")
    for i in range(FILES):
        signoff.attach_evidence(pkg, tasks[i], data=os.urandom(FILE_BYTES), file_name=f"佐证{i}.jpg")
    pkg.close()
    t3 = time.perf_counter()
    ret = exchange.return_package(pkg_path, clock=clock)
    t4 = time.perf_counter()
    print(
        f"\ngenerate {t1 - t0:.1f}s, issue the package {t2 - t1:.2f}s, secretary edits {t3 - t2:.1f}s, "
        f"return {t4 - t3:.2f}s, return file {ret.stat().st_size / 1e6:.0f} MB"
    )
    return {"master": base / "master.db", "return": ret, "base": base}


def _copy(setup: dict[str, Path], name: str) -> Ledger:
    target = setup["base"] / name
    shutil.copyfile(setup["master"], target)
    return Ledger.open(target, clock=FixedClock.on("2025-11-20"), operator=Operator("张专班", Role.WORK_TEAM))


def test_preview_5000_tasks_200_files(benchmark, setup) -> None:
    led = _copy(setup, "preview.db")
    try:
        result = benchmark.pedantic(preview_merge, args=(led, setup["return"]), rounds=3, iterations=1)
        assert len(result.applied) == CHANGED + FILES and not result.conflicts
        assert benchmark.stats.stats.max < 3.0
    finally:
        led.close()


def test_apply_5000_tasks_200_files(benchmark, setup) -> None:
    copies = iter(range(100))

    def fresh():
        return (_copy(setup, f"apply{next(copies)}.db"), setup["return"]), {}

    results = []

    def run(led, path):
        try:
            results.append(apply_merge(led, path))
        finally:
            led.close()

    benchmark.pedantic(run, setup=fresh, rounds=3, iterations=1)
    assert len(results[-1].applied) == CHANGED + FILES
    assert benchmark.stats.stats.max < 5.0
