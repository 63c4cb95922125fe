"""Commands the operator may not run are not offered: the window's menu actions follow the ledger's own rules
(a community package runs only ``PACKAGE_COMMANDS``; 回头看 is for the work team and leaders, as
``ledger.signoff.rechecking`` requires). The task panel's buttons follow ``allowed_actions`` already."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ledger.core import Role
from ledger.service.commands import PACKAGE_COMMANDS

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

# a menu action's name → (the ledger command it runs, the roles that may run it; None: any role)
ACTION_COMMANDS: dict[str, tuple[str, frozenset[Role] | None]] = {
    "newTask": ("add_task", None),
    "deleteTask": ("delete_task", None),
    "structure": ("add_community", None),
    "importPlan": ("import_plan", None),
    "lookBack": ("draw_recheck", frozenset({Role.WORK_TEAM, Role.LEADER})),
    "boardScheme": ("set_setting", None),
}


def offered(win: MainWindow, name: str) -> bool:
    """May the window's operator run the command behind the action ``name`` on this ledger?"""
    command, roles = ACTION_COMMANDS[name]
    if win.ledger.package is not None and command not in PACKAGE_COMMANDS:
        return False
    return roles is None or win.ledger.operator.role in roles


def apply_permissions(win: MainWindow) -> None:
    """Show (and enable) each action the operator may run, hide (and disable: no shortcut) the others."""
    for name in ACTION_COMMANDS:
        act = win.findChild(QAction, name)
        if act is not None:
            allowed = offered(win, name)
            act.setVisible(allowed)
            act.setEnabled(allowed)
