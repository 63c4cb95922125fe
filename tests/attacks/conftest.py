"""A ledger with a people register (tests/attacks/people.py) over the shared six-task ledger."""

from __future__ import annotations

import pytest

from ledger.core import Role
from ledger.service import Ledger, add_person
from tests.attacks.people import CLERK, L1, L2, SEC_A, SEC_B, WT


@pytest.fixture
def registered(filled: Ledger) -> Ledger:
    filled.operator = WT
    add_person(filled, WT.name, Role.WORK_TEAM)
    add_person(filled, CLERK.name, Role.WORK_TEAM)
    add_person(filled, L1.name, Role.LEADER)
    add_person(filled, L2.name, Role.LEADER)
    add_person(filled, SEC_A.name, Role.SECRETARY, "南郊别墅")
    add_person(filled, SEC_B.name, Role.SECRETARY, "鑫峰苑")
    return filled
