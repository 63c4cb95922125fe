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

The floor (issue 20: the export within 1.2x "a plain xlsxwriter floor writing the same workbook"): the export is
run once with its sheets recorded (every row's cells and formats, heights, merges, page breaks, print set-up);
the floor is a plain xlsxwriter script that reads the same task rows from SQLite in one query (the data every
export must read) and writes that recorded workbook — same options (constant memory), same formats, no
ledger code. Each starts its clock before its own ``import xlsxwriter`` (the children check that nothing loaded
it earlier): before, the floor module took its formats from ``xlsx_book`` and so loaded xlsxwriter (~25 ms)
outside its timing, while the export paid for it inside. Both run with cached bytecode (``_compiled_env``)
after one uncounted warm-up round. ``test_export_vs_floor_*`` time the two interleaved, in the same run, and record the medians and
the ratio in ``extra_info`` (``floor_s``, ``ours_s``, ``ours_over_floor``), with each one's peak memory.

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
from ledger.office.xlsx_book import BookSheet, format_properties  # noqa: E402
from ledger.office.xlsx_layout import PAPER_SIZES, scheme  # noqa: E402
from ledger.service import Ledger  # noqa: E402
from ledger.storage import NATURAL_ORDER, ROW_COLUMNS, TASK_JOIN  # noqa: E402

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
assert "xlsxwriter" not in sys.modules  # the export loads it, timed (as the floor does)
before = rss()
started, cpu = time.perf_counter(), time.process_time()
result = export_ledger(led, sys.argv[3], **json.loads(sys.argv[4]))
print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu,
                  "rss_before_mb": before, "peak_rss_mb": rss(), "tasks": result.tasks}))
"""


_FLOOR_CHILD = r"""
import gc, json, pickle, sys, time
sys.path.insert(0, sys.argv[1])
from benchmarks.excel_floor import plain_xlsxwriter
with open(sys.argv[4], "rb") as fh:
    record = pickle.load(fh)
assert "xlsxwriter" not in sys.modules and "ledger" not in sys.modules  # both are the floor's to load, timed
gc.freeze()  # the recorded workbook is the floor's input: no collection need ever walk it
started, cpu = time.perf_counter(), time.process_time()
plain_xlsxwriter(record, sys.argv[2], sys.argv[3])
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak}))
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


# the rows the export reads, as SQL text only (no ledger code runs in the floor)
FLOOR_QUERY = f"SELECT {ROW_COLUMNS} {TASK_JOIN} WHERE t.deleted_at IS NULL ORDER BY {NATURAL_ORDER}"


def _record(db: Path, out: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Export once and note, per sheet, everything written (for the floor to write the same workbook), with the
    query and the format properties the floor needs, so that it runs no ledger code."""
    sheets: list[dict[str, Any]] = []
    init, append, merge, finish = BookSheet.__init__, BookSheet.append, BookSheet.merge, BookSheet.finish
    append_values = BookSheet.append_values

    def rec_init(self: BookSheet, book: Any, title: str, widths: Any, **kw: Any) -> None:
        init(self, book, title, widths, **kw)
        sheets.append(
            {
                "title": title,
                "widths": list(widths),
                "hidden": list(kw.get("hidden", ())),
                "paper": self.paper,
                "paper_size": PAPER_SIZES[self.paper],
                "header_row": self.header_row,
                "rows": [],
                "merges": [],
                "breaks": [],
                "filter_last": None,
            }
        )
        self.record = sheets[-1]  # type: ignore[attr-defined]

    def rec_append(self: BookSheet, cells: Any, height: float | None = None) -> int:
        cells = list(cells)
        # as written: an empty text is a blank cell (cell_values.write_row)
        written = [(None, key) if value == "" else (value, key) for value, key in cells]
        self.record["rows"].append((written, height))  # type: ignore[attr-defined]
        return append(self, cells, height)

    def rec_append_values(self: BookSheet, values: Any, formats: Any, quoted: Any, height: float) -> int:
        values = list(values)
        key = {id(f): k for k, f in self.formats.items()}  # the formats back to their style keys
        written = [(None if v == "" else v, key[id(f)]) for v, f in zip(values, formats, strict=True)]
        self.record["rows"].append((written, height))  # type: ignore[attr-defined]
        return append_values(self, values, formats, quoted, height)

    def rec_merge(self: BookSheet, *args: int) -> None:
        self.record["merges"].append(args)  # type: ignore[attr-defined]
        merge(self, *args)

    def rec_finish(self: BookSheet, *, autofilter: bool = True, last_row: int | None = None) -> None:
        self.record["breaks"] = list(self.breaks)  # type: ignore[attr-defined]
        self.record["filter_last"] = max(last_row or self.row, self.header_row) if autofilter else None  # type: ignore[attr-defined]
        finish(self, autofilter=autofilter, last_row=last_row)

    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(BookSheet, "__init__", rec_init)
        mp.setattr(BookSheet, "append", rec_append)
        mp.setattr(BookSheet, "append_values", rec_append_values)
        mp.setattr(BookSheet, "merge", rec_merge)
        mp.setattr(BookSheet, "finish", rec_finish)
        led = Ledger.open(db, clock=FixedClock(), lock=False)
        try:
            export_ledger(led, out, **options)
            formats = format_properties(scheme(led.setting("board_scheme")))
        finally:
            led.close()
    finally:
        mp.undo()
    return {"query": FLOOR_QUERY, "formats": formats, "sheets": sheets}


def _compiled_env(tmp_path: Path) -> dict[str, str]:
    """The children's environment: bytecode cached (in a folder of this run), as an installed program has it.

    With PYTHONDONTWRITEBYTECODE set (as on the shared machines) every fresh process would compile the export's
    own modules from source inside its timing (~10 ms at 10,000 tasks), while xlsxwriter, installed by pip with
    its bytecode, and the floor's one small module (loaded before its clock) would not."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    return env


def _versus_floor(
    benchmark: Any, ledger_file: Callable[[int], Path], n: int, tmp_path: Path, rounds: int
) -> None:
    """The export and the plain-xlsxwriter floor, interleaved in fresh processes: medians, ratio, peak memory."""
    import pickle
    import statistics

    db = ledger_file(n)
    rec = tmp_path / "record.pickle"
    rec.write_bytes(pickle.dumps(_record(db, tmp_path / "recorded.xlsx", {})))
    env = _compiled_env(tmp_path)
    floor: list[dict[str, Any]] = []
    ours: list[dict[str, Any]] = []
    for n_round in range(
        rounds + 1
    ):  # round 0 compiles both to bytecode and warms the file cache: not counted
        done = subprocess.run(
            [sys.executable, "-c", _FLOOR_CHILD, str(ROOT), str(db), str(tmp_path / "floor.xlsx"), str(rec)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        if n_round:
            floor.append(json.loads(done.stdout.strip().splitlines()[-1]))
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(ROOT), str(db), str(tmp_path / "ours.xlsx"), "{}"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        if n_round:
            ours.append(json.loads(done.stdout.strip().splitlines()[-1]))
    floor_s = statistics.median(r["seconds"] for r in floor)
    ours_s = statistics.median(r["seconds"] for r in ours)
    floor_cpu = statistics.median(r["cpu_seconds"] for r in floor)
    ours_cpu = statistics.median(r["cpu_seconds"] for r in ours)
    benchmark.extra_info.update(
        {
            "tasks": n,
            "cores": os.cpu_count(),
            "floor_s": round(floor_s, 2),
            "ours_s": round(ours_s, 2),
            "ours_over_floor": round(ours_s / floor_s, 2),
            # on a shared machine the processor time is the steadier comparison (wall time waits for others)
            "floor_cpu_s": round(floor_cpu, 2),
            "ours_cpu_s": round(ours_cpu, 2),
            "ours_over_floor_cpu": round(ours_cpu / floor_cpu, 2),
            "floor_peak_rss_mb": round(max(r["peak_rss_mb"] for r in floor), 1),
            "ours_peak_rss_mb": round(max(r["peak_rss_mb"] for r in ours), 1),
            "floor_mb": round((tmp_path / "floor.xlsx").stat().st_size / 2**20, 1),
            "ours_mb": round((tmp_path / "ours.xlsx").stat().st_size / 2**20, 1),
        }
    )
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)  # the figures are in extra_info


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory from /proc/self/status")
def test_export_vs_floor_10k(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _versus_floor(benchmark, ledger_file, 10_000, tmp_path, 5)


@FULL
@pytest.mark.skipif(sys.platform != "linux", reason="peak memory from /proc/self/status")
def test_export_vs_floor_100k(benchmark: Any, ledger_file: Callable[[int], Path], tmp_path: Path) -> None:
    _versus_floor(benchmark, ledger_file, 100_000, tmp_path, 3)


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
