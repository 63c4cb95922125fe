"""修改记录 export (ledger.audit) of a year of weekly work: 20,000 journal entries on a 10,000-task ledger.

Run: python -m pytest benchmarks/test_bench_audit.py --benchmark-enable
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ledger import audit
from ledger.core import FixedClock
from ledger.example import generate
from ledger.service import Ledger

ENTRIES = 20_000


@pytest.fixture(scope="module")
def busy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("audit") / "busy.db"
    led = generate(path, tasks=10_000, communities=50, clock=FixedClock.on("2025-11-20"))
    open_ids = [
        r[0] for r in led.store.conn.execute("SELECT id FROM task WHERE status != 'closed' LIMIT 2000")
    ]
    t0 = time.perf_counter()
    for i in range(ENTRIES):
        led.update_progress(open_ids[i % len(open_ids)], f"第 {i} 次更新：本周入户走访 {i % 37} 户")
    print(f"\n{ENTRIES} commands in {time.perf_counter() - t0:.1f}s")
    led.close()
    return path


def test_export_20000_entries(benchmark, busy: Path, tmp_path: Path) -> None:
    led = Ledger.open(busy, clock=FixedClock.on("2025-11-20"), lock=False)
    results = []
    benchmark.pedantic(
        lambda: results.append(audit.export_audit(led, tmp_path / "修改记录.xlsx")), rounds=3, iterations=1
    )
    led.close()
    assert results[-1].entries == ENTRIES + 2  # the two entries of creating and generating the ledger
    benchmark.extra_info.update(
        rows=results[-1].rows, file_mb=round(results[-1].path.stat().st_size / 1e6, 1)
    )
