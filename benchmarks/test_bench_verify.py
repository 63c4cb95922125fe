"""verify on a 1,000,000-task ledger: its time and its peak memory (the bound is 1 GB).

The ledger is made in this file's fixture (1,000,000 tasks over 500 communities, written as bulk commands of
50,000 tasks, as plan imports write them), then ``verify`` runs in a child process so that the peak resident
memory measured (``ru_maxrss`` of the child) is verify's alone, imports included.

It takes minutes, so it is not in any default run: ``LEDGER_BENCH_MILLION=1 python -m pytest
benchmarks/test_bench_verify.py -s`` (``LEDGER_BENCH_TASKS`` changes the size).
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ledger.core import FixedClock, Operator, Role, Status
from ledger.service import Ledger

TASKS = int(os.environ.get("LEDGER_BENCH_TASKS", "1000000"))
CHUNK = 50_000
MEMORY_BOUND = 1024 * 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    os.environ.get("LEDGER_BENCH_MILLION") != "1", reason="minutes long: set LEDGER_BENCH_MILLION=1 to run"
)

STATUSES = [s.value for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.CLOSED)]


def build(path: Path, tasks: int) -> None:
    rng = random.Random(7)
    led = Ledger.create(
        path,
        org="百万任务台账",
        clock=FixedClock.on("2025-11-20"),
        operator=Operator("生成器", Role.WORK_TEAM),
    )
    try:
        communities = [led.new_row("community", name=f"居民区{i + 1}", sort=i + 1) for i in range(500)]
        category = led.new_row("category", title="关于党建引领方面的整改", sort=1)
        problems = [
            led.new_row("problem", category_id=category["id"], title=f"针对第{i + 1}类问题", sort=i + 1)
            for i in range(100)
        ]
        led.bulk_insert(
            "generate", {"community": communities, "category": [category], "problem": problems}, {}
        )
        for start in range(0, tasks, CHUNK):
            rows: list[dict[str, Any]] = []
            for i in range(start, min(tasks, start + CHUNK)):
                rows.append(
                    led.new_row(
                        "task",
                        problem_id=problems[i % 100]["id"],
                        community_id=communities[i % 500]["id"],
                        sort=i + 1,
                        measure=f"强化宣传培训，落实整改第{i + 1}项",
                        owner="王伟",
                        deadline=f"2026-0{1 + i % 9}-1{i % 9}",
                        status=rng.choice(STATUSES),
                        progress=f"已开展入户走访{i % 30}次",
                    )
                )
            led.bulk_insert("generate", {"task": rows}, {"from": start})
    finally:
        led.close()


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("million") / f"ledger-{TASKS}.db"
    t0 = time.perf_counter()
    build(path, TASKS)
    print(f"\nbuilt {TASKS} tasks in {time.perf_counter() - t0:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def test_verify_a_million_tasks_within_its_memory_bound(million: Path) -> None:
    script = (
        "import sys, time\n"
        "from ledger.storage import Store, journal\n"
        "store = Store.open(sys.argv[1], read_only=True)\n"
        "t0 = time.perf_counter()\n"
        "problem = journal.verify(store)\n"
        "print(f'{time.perf_counter() - t0:.1f}', problem)\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-c", script, str(million)], capture_output=True, text=True, cwd=ROOT, timeout=3600
    )
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert done.returncode == 0, done.stderr
    seconds, verdict = done.stdout.split(maxsplit=1)
    assert verdict.strip() == "None"
    print(
        f"\nverify of {TASKS} tasks: {seconds} s, peak memory {peak_kib / 1024:.0f} MB (before: {before / 1024:.0f})"
    )
    assert peak_kib * 1024 < MEMORY_BOUND
