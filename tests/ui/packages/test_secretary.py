"""A secretary opens a 社区包 on their own PC: the program proposes the secretary the package names, asks only to
confirm, and offers only what a secretary may do in a package."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from ledger import exchange
from ledger.core import FixedClock, Operator, Role
from ui.common.util import save_operator, saved_operator
from ui.packages.secretary import SecretaryDialog
from ui.window.app import Controller, make_app
from ui.window.dialogs import OperatorDialog


@pytest.fixture
def package(filled, tmp_path) -> Path:
    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "南郊别墅-下发.db")
    filled.close()
    return path


@pytest.fixture
def confirmations(monkeypatch) -> list[str]:
    """Each secretary dialog shown: the name it proposed; the user presses 确认 without typing."""
    shown: list[str] = []

    def confirm(dlg: SecretaryDialog) -> int:
        shown.append(dlg.name.text())
        dlg._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SecretaryDialog, "exec", confirm)
    monkeypatch.setattr(OperatorDialog, "ask", classmethod(lambda *a, **k: pytest.fail("asked a whole form")))
    return shown


def test_a_fresh_pc_proposes_the_packages_secretary_and_asks_only_to_confirm(
    qtbot, tmp_path, package, confirmations
):
    assert saved_operator() is None  # a PC that has never run the program
    ctl = Controller(make_app("zh"), tmp_path / "data", FixedClock.on("2025-11-20"))
    led = ctl.open_path(package)
    assert confirmations == ["王书记"]
    assert led is not None and led.operator == Operator("王书记", Role.SECRETARY)
    assert saved_operator() == Operator("王书记", Role.SECRETARY)
    ctl.show(led)
    win = ctl.window
    qtbot.addWidget(win)
    assert "居民区书记" in win.windowTitle() and "工作专班" not in win.windowTitle()
    for name in ("newTask", "deleteTask", "structure", "importPlan", "lookBack", "boardScheme"):
        act = win.findChild(QAction, name)
        assert act is not None and not act.isVisible(), name  # what a secretary may not do is not offered
    win.table.selectRow(0)
    panel = win.panel
    assert not panel.action_buttons[next(a for a in panel.action_buttons if a.value == "approve")].isVisible()
    assert not panel.action_buttons[next(a for a in panel.action_buttons if a.value == "return")].isVisible()
    win.close()
    ctl.close_ledger(led)
    ctl.window = None
    again = ctl.open_path(package)  # the next time: nothing asked
    assert confirmations == ["王书记"] and again is not None and again.operator.name == "王书记"
    again.close()


def test_a_work_team_pc_opening_a_package_is_not_taken_for_the_work_team(tmp_path, package, confirmations):
    save_operator(Operator("王建华", Role.WORK_TEAM))
    ctl = Controller(make_app("zh"), tmp_path / "data", FixedClock.on("2025-11-20"))
    led = ctl.open_path(package)
    assert confirmations == ["王书记"]
    assert led is not None and led.operator.role == Role.SECRETARY
    assert saved_operator() == Operator("王建华", Role.WORK_TEAM)  # the master ledger still opens as before
    led.close()


def test_a_master_ledger_offers_the_work_teams_commands(qtbot, filled):
    from ui.window.main_window import MainWindow

    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    for name in ("newTask", "structure", "importPlan", "lookBack"):
        assert win.findChild(QAction, name).isVisible(), name
    filled.operator = Operator("王书记", Role.SECRETARY)
    win.change_operator = lambda: None
    from ui.window.permissions import apply_permissions

    apply_permissions(win)
    assert not win.findChild(QAction, "lookBack").isVisible()  # 回头看 is for the work team and leaders
    assert win.findChild(QAction, "newTask").isVisible()
    win.close()
