"""Generated ledgers shared by the benchmarks (10k and 100k tasks over 500 communities)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ledger.core import FixedClock  # noqa: E402
from ledger.example import generate  # noqa: E402

SIZES = [10_000, 100_000]


@pytest.fixture(scope="session")
def ledger_paths(tmp_path_factory) -> dict[int, Path]:
    out = {}
    for n in SIZES:
        path = tmp_path_factory.mktemp(f"bench{n}") / f"ledger-{n}.db"
        generate(path, tasks=n, communities=500, clock=FixedClock.on("2025-11-20")).close()
        out[n] = path
    return out
