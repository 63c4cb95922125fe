"""人员名册 in the window: the work team keeps it in a dialog; a signing act asks its signer's password then."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from ledger.core import Action, Operator, Role
from ledger.service import register, set_password
from ui.window import people as people_ui
from ui.window.app import make_app
from ui.window.main_window import MainWindow
from ui.window.people import PeopleDialog


@pytest.fixture
def shown(qtbot, filled, monkeypatch):
    make_app("zh")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    win = MainWindow(filled)
    qtbot.addWidget(win)
    return win, warnings


def test_the_register_is_kept_in_its_dialog(qtbot, shown, filled) -> None:
    win, warnings = shown
    assert win.findChild(QAction, "people") is not None  # 设置 → 人员名册…
    dlg = PeopleDialog(filled, win)
    qtbot.addWidget(dlg)
    dlg.name.setText("陈书记")
    dlg.role.setCurrentIndex(dlg.role.findData("leader"))
    dlg._add()
    assert register(filled) == [] and "名册的第一位须是工作专班的您本人" in warnings[-1]
    dlg.name.setText("张专班")
    dlg.role.setCurrentIndex(dlg.role.findData("work_team"))
    dlg._add()
    dlg.name.setText("王书记\u200b")
    dlg.role.setCurrentIndex(dlg.role.findData("secretary"))
    dlg.community.setCurrentIndex(dlg.community.findText("南郊别墅"))
    dlg._add()
    assert [(p.name, p.role) for p in register(filled)] == [
        ("张专班", Role.WORK_TEAM),
        ("王书记", Role.SECRETARY),
    ]
    assert dlg.table.rowCount() == 2 and dlg.table.item(1, 2).text() == "南郊别墅"
    dlg.table.setCurrentCell(1, 0)
    dlg._toggle()
    assert not register(filled)[1].active and dlg.table.item(1, 3).text() == "已停用"
    dlg.table.setCurrentCell(
        0, 0
    )  # 张专班, the only work-team member left: retiring them would lock everyone out
    dlg._toggle()
    assert register(filled)[0].active and dlg.table.item(0, 3).text() == "在用"
    assert "张专班是人员名册中唯一在用的工作专班成员" in warnings[-1]


def test_a_signing_act_asks_the_signers_password_at_that_moment(qtbot, shown, filled, monkeypatch) -> None:
    win, warnings = shown
    tid = filled.tasks_json()[0]["id"]
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="完成")
    filled.operator = Operator("张专班", Role.WORK_TEAM)
    set_password(filled, "专班的签字密码")
    asked: list[str] = []
    answers = iter([None, "猜的密码", "专班的签字密码"])

    def ask(parent, prompt, *, confirm=False):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(people_ui.PasswordDialog, "ask", classmethod(lambda cls, *a, **k: ask(*a, **k)))
    for code in ("password_required", "password_wrong"):
        with pytest.raises(Exception) as info:
            filled.act(tid, Action.APPROVE, grade="好", exception="材料为纸质存档")
        assert getattr(info.value, "code", "") == code
    filled.act(tid, Action.APPROVE, grade="好", exception="材料为纸质存档")
    assert len(asked) == 3 and "审核通过" in asked[0] and "张专班" in asked[0]
    assert filled.task(tid).review_level == 1
