"""台账 export speed and memory at 10,000 and 100,000 tasks (pytest-benchmark).

How it runs:

* ``pytest benchmarks/test_bench_excel.py`` — the project's ``addopts`` carry ``--benchmark-disable``, so the
  10,000-task cases run once as plain tests (about 40 s in all, the memory runs included) and the
  100,000-task cases are skipped.
* ``pytest benchmarks/ --benchmark-enable`` or ``BENCH_FULL=1 pytest benchmarks/`` — everything runs and is
  timed, the 100,000-task cases included (about 7 minutes on a 2-core machine: generating the ledger takes
  ~10 s, the plain export ~30-40 s, the export with every optional sheet ~2-2.5 minutes, each done twice,
  see below).
  A ``slow`` marker alone would not do: the default run does not deselect it.

Peak memory: after the timed rounds, each case runs the same export once more in a fresh interpreter and
records that process's peak resident size in ``extra_info["peak_rss_mb"]`` (with ``rss_before_mb``, the same
process after imports and opening the ledger). A separate process keeps the ledger generation and earlier
tests out of the figure; ``tracemalloc`` would slow the export several-fold and miss lxml's C buffers. On
Linux the figure is ``VmHWM`` from /proc/self/status, because ``ru_maxrss`` survives fork+exec and would
report the pytest parent's size; elsewhere ``ru_maxrss``. Not measured on Windows.

No time or memory limit is asserted here: the figures are recorded (``--benchmark-json``) and compared with
shared/MEASURED.md by a person.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks have no conftest of their own
    sys.path.insert(0, str(ROOT))

from ledger.core import FixedClock, Operator, Role  # noqa: E402
from ledger.example import generate  # noqa: E402
from ledger.office import export_ledger  # noqa: E402
from ledger.service import Ledger  # noqa: E402

FULL = pytest.mark.skipif(
    "os.environ.get('BENCH_FULL') != '1' and not config.getoption('benchmark_enable')",
    reason="100,000 tasks: run with BENCH_FULL=1 or --benchmark-enable",
)
ALL_SHEETS: dict[str, Any] = {"per_community_sheets": True, "three_lists": True}

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from ledger.core.clock import FixedClock
from ledger.office.ledger_xlsx import export_ledger
from ledger.service.commands import Ledger
def rss():
    try:  # Linux: this process's own high-water mark (ru_maxrss would include the forking parent's)
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except OSError:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
led = Ledger.open(sys.argv[2], clock=FixedClock(), lock=False)
before = rss()
started = time.perf_counter()
result = export_ledger(led, sys.argv[3], **json.loads(sys.argv[4]))
print(json.dumps({"seconds": time.perf_counter() - started, "rss_before_mb": before, "peak_rss_mb": rss(),
                  "tasks": result.tasks}))
"""


@pytest.fixture(scope="session")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """A generated ledger of n tasks (500 communities), made once per session and closed."""
    made: dict[int, Path] = {}

    def make(n: int) -> Path:
        if n not in made:
            path = tmp_path_factory.mktemp(f"ledger{n}") / f"generated-{n}.db"
            generate(path, tasks=n, clock=FixedClock()).close()
            made[n] = path
        return made[n]

    return make


def _peak_memory(db: Path, out: Path, options: dict[str, Any]) -> dict[str, Any]:
    if sys.platform == "win32":
        return {}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), str(db), str(out), json.dumps(options)],
        check=True,
        capture_output=True,
        text=True,
    )
    child = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "peak_rss_mb": round(child["peak_rss_mb"], 1),
        "rss_before_mb": round(child["rss_before_mb"], 1),
        "seconds_in_fresh_process": round(child["seconds"], 2),
    }


def _run(
    benchmark: Any,
    ledger_file: Callable[[int], Path],
    n: int,
    tmp_path: Path,
    rounds: int,
    options: dict[str, Any],
) -> None:
    db = ledger_file(n)
    led = Ledger.open(db, clock=FixedClock(), operator=Operator("基准", Role.WORK_TEAM), lock=False)
    out = tmp_path / "台账.xlsx"
    try:
        result = benchmark.pedantic(
            export_ledger, args=(led, out), kwargs=options, rounds=rounds, iterations=1
        )
    finally:
        led.close()
    assert result.tasks == n and out.exists()
    benchmark.extra_info.update(
        {
            "tasks": result.tasks,
            "sheets": len(result.sheets),
            "file_mb": round(out.stat().st_size / 2**20, 1),
            "cores": os.cpu_count(),
            "seconds_last_round": round(result.seconds, 2),
            **_peak_memory(db, tmp_path / "memory.xlsx", options),
        }
    )


def test_export_10k(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _run(benchmark, ledger_file, 10_000, tmp_path, 3, {})


def test_export_10k_all_sheets(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _run(benchmark, ledger_file, 10_000, tmp_path, 1, ALL_SHEETS)


@FULL
def test_export_100k(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _run(benchmark, ledger_file, 100_000, tmp_path, 1, {})


@FULL
def test_export_100k_all_sheets(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _run(benchmark, ledger_file, 100_000, tmp_path, 1, ALL_SHEETS)
