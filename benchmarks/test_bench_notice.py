"""The 通报 draft (.docx) of a generated ledger, at 10k and 100k tasks. python-docx looks a style up by name with a
walk over every style and appends a paragraph after a walk over the body, per paragraph: the writer now resolves the
styles once and puts each paragraph straight before the section properties (10k: 46 s → 3.4 s CPU; the document.xml
is byte for byte the same). Run: .venv/bin/pytest benchmarks/test_bench_notice.py --benchmark-enable
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core import FixedClock
from ledger.office.notice import write_notice
from ledger.service import Ledger


@pytest.mark.parametrize("n", [10_000, 100_000])
def test_notice(benchmark, ledger_paths: dict[int, Path], tmp_path: Path, n: int) -> None:
    led = Ledger.open(ledger_paths[n], clock=FixedClock.on("2025-12-10"), lock=False)
    try:
        out = tmp_path / "通报.docx"
        benchmark.pedantic(write_notice, args=(led, out), rounds=1, iterations=1)
        assert out.stat().st_size > 0
    finally:
        led.close()
