"""Start-up to the first paint counted in instructions (issue 20): the program against the floor window of
test_bench_window, each run once under valgrind's callgrind.

Why a count: on this shared 2-core machine the CPU-time ratio of cold starts moves by about 5% between two runs of
seven rounds, more than one change to the start-up path takes away, so a change could not be judged by it.
callgrind counts the instructions a process runs; two runs of the same program agree to within 0.01%.

Where the count stops: both programs call ``time.process_time()`` once their first paint is over, and not before
(the program in ``--startup-time``'s report, the floor in its probe). ``--dump-before=time_process_time*`` makes
callgrind write its totals just before that call; the first file's total is the count.

What it leaves out: the kernel's work for the process (opening files, mapping memory) and the cost of cache
misses. The program does more of both than the floor, so the CPU-time ratio runs above the instruction ratio
(0.04-0.09 above it when measured on 2026-12-03). The count is a lever for finding and judging changes; the goal
itself is the CPU-time ratio of test_bench_window.

Run: QT_QPA_PLATFORM=offscreen python -m pytest benchmarks/test_bench_startup_instructions.py --benchmark-enable
(about 1 minute per ledger size; skipped where valgrind is not installed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.conftest import ROOT, SIZES  # type: ignore[import-not-found]
from benchmarks.test_bench_window import FLOOR, paint_ledgers, window_command  # type: ignore[import-not-found]

__all__ = ["paint_ledgers"]  # the fixture, shared with test_bench_window

VALGRIND = shutil.which("valgrind")


def instructions(argv: list[str], env: dict[str, str] | None, out: Path) -> int:
    """Instructions ``argv`` runs until its first ``time.process_time()`` call."""
    out.mkdir(parents=True, exist_ok=True)
    assert VALGRIND
    subprocess.run(
        [
            VALGRIND,
            "--tool=callgrind",
            "--dump-before=time_process_time*",
            f"--callgrind-out-file={out / 'counts'}",
            *argv,
        ],
        capture_output=True,
        cwd=ROOT,
        check=True,
        env=env,
    )
    first = out / "counts.1"  # the dump written at the first call; "counts" holds the rest, up to the exit
    assert first.exists(), "the program never reached its first paint"
    totals = [line for line in first.read_text().splitlines() if line.startswith("totals:")]
    return int(totals[0].split()[1])


@pytest.mark.skipif(VALGRIND is None, reason="valgrind is not installed")
@pytest.mark.parametrize("size", [*SIZES, 1_000_000])
def test_first_paint_instructions_vs_the_floor(benchmark, paint_ledgers, size, tmp_path):
    if size not in paint_ledgers:
        pytest.skip("no 1M ledger (BENCH_LEDGER_1M)")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "main.py", "ledger", "ui"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    counts: dict[str, int] = {}

    def both() -> None:
        argv, env = window_command(paint_ledgers[size], tmp_path)
        counts["ours"] = instructions(argv, env, tmp_path / "ours")
        counts["floor"] = instructions([sys.executable, "-c", FLOOR], {**env}, tmp_path / "floor")

    benchmark.pedantic(both, rounds=1, iterations=1)
    benchmark.extra_info.update(
        floor_instructions_m=round(counts["floor"] / 1e6, 1),
        ours_instructions_m=round(counts["ours"] / 1e6, 1),
        ours_over_floor=round(counts["ours"] / counts["floor"], 3),
    )
    print(f"\n{size}: floor {counts['floor'] / 1e6:.1f} M, ours {counts['ours'] / 1e6:.1f} M instructions")
