"""One upgrade of an older ledger file in this process, for test_bench_upgrade.py: prints its JSON figures.

    python benchmarks/upgrade_run.py PATH [--report]

``--report``: with a report like the window's (every stage turned into a label), else none (the upgrade as it ran
before it reported anything: one backup step, no progress handler). Wall and CPU time of the upgrade, the peak
resident memory of the process (VmHWM), and the seconds per stage."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger.storage import Store  # noqa: E402
from ledger.storage.upgrade import Stage  # noqa: E402


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    path = Path(sys.argv[1])
    stages: dict[str, float] = {}
    labels: list[str] = []
    current: list[str] = []
    last = [time.perf_counter()]

    def report(stage: Stage) -> None:
        labels.append(stage.sentence())
        key = f"{stage.kind}{stage.schema or ''}"
        now = time.perf_counter()
        if current and current[-1] != key:
            stages[current[-1]] = stages.get(current[-1], 0.0) + now - last[0]
            last[0] = now
        if not current or current[-1] != key:
            current.append(key)

    wall, cpu = time.perf_counter(), time.process_time()
    Store.upgrade(path, report if "--report" in sys.argv else None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        json.dumps(
            {"wall": wall, "cpu": cpu, "vm_hwm_mb": vm_hwm_mb(), "reports": len(labels), "stages": stages},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
