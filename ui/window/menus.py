"""The main window's menus: 文件, 编辑, 查看, 设置, and 最近打开的台账 filled each time it opens."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from ui.common.util import settings

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate(
        "MainWindow", text
    )  # the window's own context: the texts stay as they were


def action(
    win: MainWindow, text: str, slot: Callable[[], Any], shortcut: Any = None, name: str = "", tip: str = ""
) -> QAction:
    """A window action (its shortcut works anywhere in the window), named for tests and the status bar."""
    act = QAction(text, win)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if name:
        act.setObjectName(name)
    if tip:
        act.setToolTip(tip)
        act.setStatusTip(tip)
    act.triggered.connect(lambda _checked=False: slot())
    win.addAction(act)
    return act


def build_menus(win: MainWindow) -> None:
    """文件, 编辑, 查看, 设置; the package commands only on a master ledger (not in a community package)."""
    bar = win.menuBar()
    m = bar.addMenu(_tr("&File"))
    m.addAction(
        action(
            win,
            _tr("New blank ledger…"),
            lambda: win.openRequested.emit("blank"),
            QKeySequence.StandardKey.New,
            "newLedger",
        )
    )
    m.addAction(
        action(
            win,
            _tr("Open ledger…"),
            lambda: win.openRequested.emit("open"),
            QKeySequence.StandardKey.Open,
            "openLedger",
        )
    )
    m.addAction(
        action(
            win, _tr("Open the example ledger"), lambda: win.openRequested.emit("example"), name="openExample"
        )
    )
    win.recent_menu = m.addMenu(_tr("Recent ledgers"))
    win.recent_menu.setObjectName("recentMenu")
    win.recent_menu.aboutToShow.connect(lambda: fill_recent(win))
    m.addSeparator()
    m.addAction(
        action(
            win,
            _tr("Import rectification plan…"),
            win.import_plan,
            QKeySequence("Ctrl+I"),
            "importPlan",
            _tr("Read a plan, feedback or notice (.txt, .docx) into the ledger"),
        )
    )
    m.addAction(
        action(
            win,
            _tr("Export ledger to Excel…"),
            win.export_excel,
            QKeySequence("Ctrl+E"),
            "exportExcel",
            _tr("An .xlsx ledger that superiors can print as it is"),
        )
    )
    m.addAction(
        action(
            win,
            _tr("Draft the progress notice…"),
            win.export_notice,
            name="exportNotice",
            tip=_tr("A .docx draft of the 通报 to finish in Word"),
        )
    )
    m.addAction(
        action(
            win,
            _tr("Export evidence as a zip…"),
            win.export_evidence,
            name="exportEvidence",
            tip=_tr(
                "The evidence of the ledger (or the selected community), arranged community / problem / task"
            ),
        )
    )
    m.addSeparator()
    m.addAction(
        action(
            win, _tr("Print the wall chart…"), win.print_board, QKeySequence.StandardKey.Print, "printBoard"
        )
    )
    m.addAction(
        action(win, _tr("Export the wall chart to PDF or PNG…"), win.export_board, name="exportBoard")
    )
    if win.ledger.package is None:
        m.addSeparator()
        m.addAction(
            action(
                win,
                _tr("Issue community packages…"),
                win.issue_packages,
                name="issuePackages",
                tip=_tr("A file per community for its secretary to work on offline"),
            )
        )
        m.addAction(
            action(
                win,
                _tr("Import a community's return…"),
                win.merge_return,
                QKeySequence("Ctrl+Shift+I"),
                "mergeReturn",
                tip=_tr("Preview, decide conflicts, then merge after a backup"),
            )
        )
        m.addAction(action(win, _tr("Open conflicts…"), win.open_conflicts, name="openConflicts"))
        m.addAction(
            action(
                win,
                _tr("Export a community's fill-in form…"),
                win.export_fill_form,
                name="exportFillForm",
                tip=_tr("An .xlsx where only progress, actuals and 申请销号 can be filled in"),
            )
        )
        m.addAction(
            action(
                win,
                _tr("Import Excel…"),
                win.import_excel,
                name="importExcel",
                tip=_tr("A filled-in form, or a ledger made with another tool"),
            )
        )
    m.addSeparator()
    m.addAction(
        action(
            win,
            _tr("Open the folder of automatic backups"),
            win.open_backups,
            name="openBackups",
            tip=_tr("A copy of this ledger is kept there each time it closes changed (the newest 10)"),
        )
    )
    m.addAction(
        action(
            win,
            _tr("Export the change record…"),
            win.export_audit,
            name="exportAudit",
            tip=_tr("Every change, who made it and when, as an .xlsx for the discipline committee"),
        )
    )
    m.addAction(
        action(
            win,
            _tr("Check the ledger's integrity…"),
            win.verify_ledger,
            name="verifyLedger",
            tip=_tr(
                "Replay the journal against every table, and check the journal "
                "anchors printed on a 周报 or 销号审批表"
            ),
        )
    )
    m.addSeparator()
    m.addAction(action(win, _tr("Quit"), win.close, QKeySequence.StandardKey.Quit, "quit"))
    m = bar.addMenu(_tr("&Edit"))
    win.undo_action = action(win, _tr("Undo"), win.undo, QKeySequence("Ctrl+Z"), "undo")
    win.redo_action = action(win, _tr("Redo"), win.redo, QKeySequence("Ctrl+Shift+Z"), "redo")
    m.addAction(win.undo_action)
    m.addAction(win.redo_action)
    m.addSeparator()
    m.addAction(action(win, _tr("New task…"), win.new_task, QKeySequence("Ctrl+Shift+N"), "newTask"))
    m.addAction(
        action(win, _tr("Delete task…"), win.delete_task, QKeySequence.StandardKey.Delete, "deleteTask")
    )
    m.addSeparator()
    m.addAction(action(win, _tr("Communities and problems…"), win.edit_structure, name="structure"))
    m.addAction(
        action(
            win,
            _tr("Look-back re-check…"),
            win.look_back,
            name="lookBack",
            tip=_tr("Draw signed-off tasks to re-check, with a recorded seed"),
        )
    )
    m = bar.addMenu(_tr("&View"))
    m.setObjectName("viewMenu")
    for i in range(win.tabs.count()):  # every view, in the order of the tabs (the package tabs on a master)
        m.addAction(
            action(
                win,
                win.tabs.tabText(i),
                partial(win.tabs.setCurrentIndex, i),
                QKeySequence(f"Ctrl+{i + 1}") if i < 9 else None,
                f"show_{view_key(win, i)}",
            )
        )
    m.addSeparator()
    win.task_panel_action = action(
        win,
        _tr("Task panel"),
        lambda: win.show_task_panel(win.task_panel_action.isChecked()),
        "Ctrl+T",
        "taskPanel",
    )
    win.task_panel_action.setCheckable(True)
    win.task_panel_action.setChecked(settings().value("window/taskPanel", True) not in (False, "false"))
    m.addAction(win.task_panel_action)
    m.addSeparator()
    m.addAction(
        action(win, _tr("Find"), lambda: win.filters.search.setFocus(), QKeySequence.StandardKey.Find, "find")
    )
    m.addAction(action(win, _tr("Show overdue"), lambda: win.filters.set_due("overdue"), name="overdue"))
    m.addAction(action(win, _tr("Show all"), win.clear_filters, QKeySequence("Ctrl+Shift+A"), "showAll"))
    m = bar.addMenu(_tr("&Settings"))
    m.addAction(action(win, _tr("Who am I…"), win.change_operator, name="operator"))
    m.addAction(action(win, _tr("People register…"), win.edit_people, name="people"))
    m.addAction(
        action(win, _tr("Wall chart colours and warnings…"), win.edit_board_scheme, name="boardScheme")
    )
    build_help(win)


def view_key(win: MainWindow, index: int) -> str:
    """The short name of the tab at ``index``: table, board, kanban, overview, queue, reconcile, packages."""
    name = win.page(index).objectName()
    keys = {
        "ledgerTable": "table",
        "ledgerPage": "table",
        "boardView": "board",
        "kanbanView": "kanban",
        "overviewView": "overview",
        "reviewQueueView": "queue",
        "reconcileView": "reconcile",
        "packageStatusView": "packages",
    }
    return keys.get(name, name.removeprefix("lazy_"))


def build_help(win: MainWindow) -> None:
    """帮助: the user guide, where the data are, 关于."""
    m = win.menuBar().addMenu(_tr("&Help"))
    m.setObjectName("helpMenu")
    m.addAction(
        action(
            win,
            _tr("User guide…"),
            lambda: _guide().show_guide(win),
            QKeySequence.StandardKey.HelpContents,
            "guide",
        )
    )
    m.addSeparator()
    m.addAction(action(win, _tr("About…"), lambda: _guide().show_about(win), name="about"))


def _guide() -> Any:
    """ui.window.help, imported when the guide or 关于 is opened (its version look-up imports importlib.metadata,
    ~10-25 ms that the window's first paint need not wait for)."""
    from ui.window import help as guide

    return guide


def fill_recent(win: MainWindow) -> None:
    """The recent ledgers still on disk, this one marked; read from the settings each time the menu opens."""
    from ui.common.util import recent_ledgers

    win.recent_menu.clear()
    here = str(win.ledger.path.resolve())
    for i, path in enumerate(recent_ledgers()):
        label = f"&{i + 1} {Path(path).name}" if i < 9 else Path(path).name
        act = win.recent_menu.addAction(label)
        act.setToolTip(path)
        act.setStatusTip(path)
        act.setCheckable(True)
        act.setChecked(str(Path(path).resolve()) == here)
        act.triggered.connect(lambda _checked=False, p=path: win.openPathRequested.emit(p))
    if win.recent_menu.isEmpty():
        win.recent_menu.addAction(_tr("(none yet)")).setEnabled(False)
