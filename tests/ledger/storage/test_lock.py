"""A signed-off task is locked: nothing changes it until it is reopened with a reason."""

from __future__ import annotations

from ledger.core import Action, Operator, Role, Status
from tests.helpers import refuse


def _close(led, tid):
    led.operator = Operator("王书记", Role.SECRETARY)
    led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="已完成")
    for name, role in (("甲", Role.WORK_TEAM), ("乙", Role.LEADER), ("丙", Role.LEADER)):
        led.operator = Operator(name, role)
        led.act(tid, Action.APPROVE, grade="好", exception="纸质材料已核")
    assert led.task(tid).status == Status.CLOSED


def test_signed_off_task_refuses_edits_until_reopened(filled):
    tid = next(t["id"] for t in filled.tasks_json() if t["owner"] == "孙三")
    ind = filled.add_indicator(tid, "整治", "处", 5, 5)
    filled.operator = Operator("王书记", Role.SECRETARY)
    edit = filled.update_progress(tid, "销号前的进展")
    _close(filled, tid)
    message = refuse(filled, "task_locked", filled.update_task, tid, progress="销号后想改")
    assert "已销号" in message and "重启整改" in message
    refuse(filled, "task_locked", filled.update_task, tid, owner="别人")
    refuse(filled, "task_locked", filled.update_indicator, ind, actual=9)
    refuse(filled, "task_locked", filled.add_indicator, tid, "新指标")
    refuse(filled, "task_locked", filled.remove_indicator, ind)
    refuse(filled, "task_locked", filled.undo, edit)
    filled.operator = Operator("甲", Role.WORK_TEAM)
    refuse(filled, "reason_required", filled.act, tid, Action.REOPEN)
    filled.act(tid, Action.REOPEN, reason="回访发现反弹")
    filled.update_progress(tid, "重新整改中")
    assert filled.task(tid).progress == "重新整改中"
