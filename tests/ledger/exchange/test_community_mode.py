"""A community package runs in community mode: the secretary's work is allowed, the work team's is refused."""

from __future__ import annotations

import pytest

from ledger import signoff
from ledger.core import Action, Operator, Role, Status
from ledger.exchange import packages as exchange
from ledger.service import Ledger
from tests.helpers import refuse

SEC = Operator("王书记", Role.SECRETARY)


@pytest.fixture
def package(filled, tmp_path, clock):
    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "包.db")
    pkg = Ledger.open(path, clock=clock, operator=SEC)
    yield pkg
    pkg.close()


def _task(pkg: Ledger, owner: str) -> str:
    return next(t["id"] for t in pkg.tasks_json() if t["owner"] == owner)


def test_only_the_packages_community_travels(package):
    assert package.package is not None and package.package["community"] == "南郊别墅"
    assert {t["community"] for t in package.tasks_json()} == {"南郊别墅"}


def test_secretary_work_is_allowed(package, tmp_path):
    tid = _task(package, "孙三")
    package.update_progress(tid, "已整治 3 处")
    iid = package.add_indicator(tid, "整治", "处", 5, 3)
    package.update_indicator(iid, target=6)  # added here: the secretary may still correct it
    package.remove_indicator(iid)
    package.act(tid, Action.START)
    ev = tmp_path / "照片.jpg"
    ev.write_bytes(b"\xff\xd8jpeg")
    signoff.attach_evidence(package, tid, ev)
    package.act(tid, Action.SUBMIT, reason="已完成")
    assert package.task(tid).status == Status.SUBMITTED


@pytest.mark.parametrize(
    "attempt",
    [
        lambda p, t: p.update_task(t, deadline="2026-03-01"),
        lambda p, t: p.update_task(t, owner="别人"),
        lambda p, t: p.update_task(t, measure="改写的措施"),
        lambda p, t: p.add_community("新居民区"),
        lambda p, t: p.update_problem(p.problems()[0]["id"], title="改写的问题"),
        lambda p, t: p.delete_task(t),
        lambda p, t: p.set_setting("due_soon_days", 3),
    ],
)
def test_work_team_fields_and_commands_are_refused(package, attempt):
    tid = _task(package, "孙三")
    message = refuse(package, "package_mode", attempt, package, tid)
    assert "南郊别墅" in message and "工作专班" in message


def test_review_decisions_are_refused_even_for_a_leader(package):
    tid = _task(package, "孙三")
    package.act(tid, Action.START)
    package.act(tid, Action.SUBMIT, reason="已完成")
    package.operator = Operator("专班", Role.WORK_TEAM)
    refuse(package, "package_mode", package.act, tid, Action.APPROVE, grade="好", exception="纸质")


def test_received_indicators_accept_actuals_only(filled, tmp_path, clock):
    tid = next(t["id"] for t in filled.tasks_json() if t["owner"] == "孙三")
    iid = filled.add_indicator(tid, "整治", "处", 5, 0)
    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "包2.db")
    pkg = Ledger.open(path, clock=clock, operator=SEC)
    try:
        pkg.update_indicator(iid, actual=4)
        assert pkg.indicators(tid)[0].actual == 4
        refuse(pkg, "package_mode", pkg.update_indicator, iid, target=1)
        refuse(pkg, "package_mode", pkg.remove_indicator, iid)
    finally:
        pkg.close()
