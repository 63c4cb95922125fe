"""Shared fixtures: fresh ledgers in tmp_path on a fixed date, Qt offscreen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ledger.core import FixedClock, Operator, Role  # noqa: E402
from ledger.service import Ledger  # noqa: E402

TODAY = "2025-11-20"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(TODAY)


@pytest.fixture
def work_team() -> Operator:
    return Operator("张专班", Role.WORK_TEAM)


@pytest.fixture
def ledger(tmp_path: Path, clock: FixedClock, work_team: Operator):
    led = Ledger.create(tmp_path / "台账.db", org="测试工业区党工委", clock=clock, operator=work_team)
    yield led
    led.close()


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """Two communities, two categories, three problems, six tasks with varied deadlines and states."""
    a = ledger.add_community("南郊别墅", secretary="王书记")
    b = ledger.add_community("鑫峰苑", secretary="李书记")
    c1 = ledger.add_category("关于党建引领方面的整改")
    c2 = ledger.add_category("关于廉政建设方面的整改")
    p1 = ledger.add_problem(c1, "针对治理效能不足的问题")
    p2 = ledger.add_problem(c1, "针对安全隐患的问题")
    p3 = ledger.add_problem(c2, "针对补贴审核不严的问题")
    specs = [
        (p1, a, "强化宣传培训", "2025-11-10", "赵一"),  # overdue
        (p1, b, "强化宣传培训", "2025-11-25", "钱二"),  # due soon
        (p2, a, "开展专项整治", "2025-12-31", "孙三"),  # normal
        (p2, b, "加强日常巡查", "2025-11-18", "李四"),  # overdue
        (p3, a, "完善审核机制", "2026-01-15", "周五"),
        (p3, b, "强化警示教育", None, "吴六"),
    ]
    for prob, com, measure, deadline, owner in specs:
        ledger.add_task(prob, com, measure, deadline=deadline, owner=owner, leader="郑领导")
    return ledger
