"""The main window's views other than the ledger table, each built (and its module imported) the first time its
tab is shown, and wired to the window: a click on a task there selects it in the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

VIEW_NAMES = {
    "board": "boardView",
    "kanban": "kanbanView",
    "overview": "overviewView",
    "queue": "reviewQueueView",
    "packages": "packageStatusView",
    "reconcile": "reconcileView",
}


def make_view(win: MainWindow, key: str) -> QWidget:
    """The view ``key`` (one of ``VIEW_NAMES``) on the window's ledger."""
    view: QWidget
    if key == "board":
        from ui.board.view import BoardView

        view = BoardView(win.ledger)
        view.tasksActivated.connect(win.select_tasks)
        win.closing.connect(view.stop)  # its ledger closes next: a read on a worker is dropped
    elif key == "kanban":
        from ui.board.kanban import KanbanView

        view = KanbanView(win.ledger)
        view.tasksActivated.connect(win.select_tasks)
        win.closing.connect(view.stop)
    elif key == "overview":
        from ui.board.overview import OverviewView

        view = OverviewView(win.ledger)
        view.tasksActivated.connect(win.select_tasks)
        view.communityActivated.connect(win.filters.select_community)
        win.closing.connect(view.stop)  # its ledger closes next: a worker replaying the journal stops
    elif key == "queue":
        from ui.signoff.queue import ReviewQueueView

        view = ReviewQueueView(win.ledger)
        view.tasksActivated.connect(win.select_tasks)
    elif key == "packages":
        from ui.packages.status import PackageStatusView

        view = PackageStatusView(win.ledger)
    elif key == "reconcile":
        from ui.reconcile.view import ReconcileView

        view = ReconcileView(win.ledger)
    else:
        raise KeyError(key)
    view.setObjectName(VIEW_NAMES[key])
    return view
