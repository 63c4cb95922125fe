"""Where the window's start-up spends its instructions, module by module, up to the first paint.

    python tools/startup_profile.py LEDGER [--top N] [--tree] [--min M]

Runs ``main.py --ledger LEDGER --startup-time`` once under valgrind's callgrind (about 40 s). A small boot script
marks the start and the end of every module's first import and the first paint (the program's
``time.process_time()`` call) with a call to ``os.getppid()``, after which callgrind writes its counts
(``--dump-after=os_getppid*``). Each stretch between two marks belongs to the module being imported then (its
"self" count: its own body, the Qt types and enums it first touches, ...) or to "<not importing>" (opening the
ledger, building and painting the window). The boot script itself (runpy) adds about 1% that a plain start has not.

Deterministic: two runs agree to within 0.01%, so a change of 1 million instructions (~0.1% of the start-up) can be
seen, which the CPU-time ratio of ``benchmarks/test_bench_window.py`` cannot. See also
``benchmarks/test_bench_startup_instructions.py`` (the program against the floor window, in instructions).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BOOT = r"""
import os, sys, time, runpy
import _frozen_importlib as bootstrap
EVENTS = []
_find_and_load = bootstrap._find_and_load
def find_and_load(name, import_):
    if name in sys.modules:
        return _find_and_load(name, import_)
    os.getppid(); EVENTS.append("b " + name)
    try:
        return _find_and_load(name, import_)
    finally:
        os.getppid(); EVENTS.append("e " + name)
bootstrap._find_and_load = find_and_load
_process_time = time.process_time
def process_time():
    if not EVENTS or EVENTS[-1] != "paint":
        os.getppid(); EVENTS.append("paint")
        with open(os.environ["STARTUP_PROFILE_EVENTS"], "w", encoding="utf-8") as f:
            f.write("\n".join(EVENTS))
    return _process_time()
time.process_time = process_time
sys.argv = ["main.py", *sys.argv[1:]]
sys.path.insert(0, os.getcwd())
runpy.run_path("main.py", run_name="__main__")
"""


def measure(ledger: Path, work: Path) -> tuple[list[int], list[str]]:
    """(instructions of each stretch between two marks, the marks)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("需要 valgrind（apt-get install valgrind）")
    config = work / "config" / "zhenggai"
    config.mkdir(parents=True)
    (config / "zhenggai-ledger.conf").write_text("[operator]\nname=测\nrole=work_team\n", encoding="utf-8")
    events = work / "events.txt"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(work / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "STARTUP_PROFILE_EVENTS": str(events),
    }
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "main.py", "ledger", "ui"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            valgrind,
            "--tool=callgrind",
            "--dump-after=os_getppid*",
            f"--callgrind-out-file={work / 'counts'}",
            sys.executable,
            "-c",
            BOOT,
            "--ledger",
            str(ledger),
            "--data-dir",
            str(work / "data"),
            "--today",
            "2025-11-20",
            "--startup-time",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=env,
    )
    marks = events.read_text(encoding="utf-8").split("\n")
    counts = []
    for n in range(1, len(marks) + 1):  # counts.N: the stretch that ended at the N-th mark
        text = (work / f"counts.{n}").read_text()
        counts.append(next(int(line.split()[1]) for line in text.splitlines() if line.startswith("totals:")))
    return counts, marks


def attribute(
    counts: list[int], marks: list[str]
) -> tuple[Counter[str], dict[str, int], list[tuple[int, str]]]:
    """Each stretch to the module being imported during it: (self counts, inclusive counts, (depth, module) in
    import order)."""
    own: Counter[str] = Counter()
    inclusive: dict[str, int] = {}
    order: list[tuple[int, str]] = []
    stack: list[str] = []
    started: dict[str, int] = {}
    total = 0
    for count, mark in zip(counts, marks, strict=True):
        own[stack[-1] if stack else "<not importing>"] += count
        total += count
        if mark == "paint":
            break
        kind, name = mark.split(" ", 1)
        if kind == "b":
            order.append((len(stack), name))
            stack.append(name)
            started[name] = total
        else:
            stack.pop()
            inclusive[name] = total - started[name]
    return own, inclusive, order


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--top", type=int, default=40, help="the N modules with the largest self counts")
    parser.add_argument("--tree", action="store_true", help="the program's own modules as an import tree")
    parser.add_argument("--min", type=float, default=1.0, help="--tree: leave out modules under M million")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        counts, marks = measure(args.ledger.resolve(), Path(tmp))
    own, inclusive, order = attribute(counts, marks)
    total = sum(own.values())
    print(f"to the first paint: {total / 1e6:.1f} M instructions")
    ours = sum(v for k, v in own.items() if k.startswith(("ledger", "ui")))
    print(
        f"the program's own modules (self): {ours / 1e6:.1f} M; not importing: {own['<not importing>'] / 1e6:.1f} M"
    )
    if args.tree:
        for depth, name in order:
            if (name.startswith(("ledger", "ui")) or depth == 0) and inclusive.get(name, 0) >= args.min * 1e6:
                print(f"{'  ' * depth}{name}  {inclusive[name] / 1e6:.1f} M (self {own[name] / 1e6:.1f} M)")
    else:
        for name, value in own.most_common(args.top):
            print(f"{value / 1e6:8.2f} M self {inclusive.get(name, 0) / 1e6:8.2f} M incl  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
