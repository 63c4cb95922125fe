"""Parsing a long 整改方案: the public notice repeated 20 times (560 measures). Target: well under 5 s, never asserted
(the test suite only checks what it parses). Run: .venv/bin/pytest benchmarks/test_bench_plan.py --benchmark-enable
"""

from __future__ import annotations

from pathlib import Path

from ledger.plan.text import parse_plan

SAMPLE = (
    Path(__file__).resolve().parents[1] / "resources" / "samples" / "xinzhuang-industrial-zone-notice.txt"
)


def test_parse_a_long_plan(benchmark) -> None:
    text = "\n".join([SAMPLE.read_text(encoding="utf-8")] * 20)
    plan = benchmark(parse_plan, text, ["天恒名城居民区", "南郊别墅居民区"])
    assert plan.counts()[2] == 28 * 20
