"""``verify`` and ``generate`` at 10k, 100k and (opt-in) 1M tasks: time and peak memory.

Each run is a child process (``main.py verify`` / ``main.py generate``, as a user runs them), so the peak resident
memory (the child's own ``ru_maxrss``, printed by the wrapper below) is the command's alone, imports included.
The bounds of issue 20: verify under 1 GB (and 15 s) at 1M, generate 1M under 2 GB (and 3 minutes); the memory
bounds are asserted, the times are printed and kept by pytest-benchmark, never asserted.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/pytest benchmarks/test_bench_verify.py --benchmark-enable -s``; the
million adds minutes: ``LEDGER_BENCH_MILLION=1`` (``LEDGER_BENCH_TASKS`` changes its size). ``BENCH_LEDGER_1M``
names a ledger of a million tasks made before (a copy: opening it for writing migrates an older file) to verify
instead of generating one (then the generate test is skipped).

``verify`` of a large file runs some checks in child processes of its own: their CPU time is added to the figures
(``cpu``) and their largest resident size is reported beside the command's (``child_peak``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MILLION = int(os.environ.get("LEDGER_BENCH_TASKS", "1000000"))
GIB = 1024**3
VERIFY_BOUND = 1 * GIB
GENERATE_BOUND = 2 * GIB

# Runs main.py in this process and prints, as the last line, its exit code, wall time, CPU time and peak memory.
WRAPPER = """
import json, resource, runpy, sys, time
sys.argv = ["main.py", *sys.argv[1:]]
t0 = time.perf_counter()
code = 0
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as e:
    code = e.code or 0
r = resource.getrusage(resource.RUSAGE_SELF)
c = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = r.ru_maxrss * 1024  # Linux keeps ru_maxrss across exec (pytest's own size): VmHWM is this process's alone
try:
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({"code": code, "wall": time.perf_counter() - t0, "cpu": r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime,
                  "peak": peak, "child_peak": c.ru_maxrss * 1024}))
"""


def run(*args: str) -> dict[str, float]:
    """``main.py ARGS`` in a child process: its exit code, wall and CPU seconds, peak resident bytes."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["code"] == 0, done.stdout + done.stderr
    return figures


def report(benchmark, what: str, tasks: int, figures: dict[str, float]) -> None:
    cores = os.cpu_count()
    print(
        f"\n{what} {tasks} tasks: {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU, "
        f"peak {figures['peak'] / 2**20:.0f} MB, child processes' peak {figures.get('child_peak', 0) / 2**20:.0f} MB "
        f"({cores} cores, load {os.getloadavg()[0]:.1f})"
    )
    benchmark.extra_info.update(
        tasks=tasks,
        wall_s=round(figures["wall"], 2),
        cpu_s=round(figures["cpu"], 2),
        peak_mb=round(figures["peak"] / 2**20),
        child_peak_mb=round(figures.get("child_peak", 0) / 2**20),
        cores=cores,
    )


@pytest.mark.parametrize("size", [10_000, 100_000])
def test_verify(benchmark, ledger_paths, size: int) -> None:
    figures = benchmark.pedantic(run, args=("verify", str(ledger_paths[size])), rounds=1, iterations=1)
    report(benchmark, "verify", size, figures)
    assert figures["peak"] + 4 * figures["child_peak"] < VERIFY_BOUND  # four side checks at most at once


@pytest.mark.parametrize("size", [10_000, 100_000])
def test_generate(benchmark, tmp_path: Path, size: int) -> None:
    path = tmp_path / f"generated-{size}.db"
    figures = benchmark.pedantic(
        run, args=("generate", str(path), "--tasks", str(size)), rounds=1, iterations=1
    )
    report(benchmark, "generate", size, figures)
    assert figures["peak"] < GENERATE_BOUND


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, float]]:
    if os.environ.get("LEDGER_BENCH_MILLION") != "1":
        pytest.skip("minutes long: set LEDGER_BENCH_MILLION=1 to run")
    if os.environ.get("BENCH_LEDGER_1M"):
        return Path(os.environ["BENCH_LEDGER_1M"]), {}
    path = tmp_path_factory.mktemp("million") / f"ledger-{MILLION}.db"
    return path, run("generate", str(path), "--tasks", str(MILLION))


def test_generate_a_million_tasks_within_its_memory_bound(benchmark, million) -> None:
    _path, figures = million
    if not figures:
        pytest.skip("BENCH_LEDGER_1M names a ledger made before: nothing generated")
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    report(benchmark, "generate", MILLION, figures)
    assert figures["peak"] < GENERATE_BOUND


def test_verify_a_million_tasks_within_its_memory_bound(benchmark, million) -> None:
    path, _generated = million
    figures = benchmark.pedantic(run, args=("verify", str(path)), rounds=1, iterations=1)
    report(benchmark, "verify", MILLION, figures)
    assert figures["peak"] + 4 * figures["child_peak"] < VERIFY_BOUND  # four side checks at most at once
