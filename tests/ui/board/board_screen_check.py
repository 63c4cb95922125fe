"""Run in a subprocess by test_board_screens.py: opens the window on an offscreen screen of the given size (and
QT_SCALE_FACTOR from the environment), shows 挂图督战 and prints, as JSON, which of its controls and figures a user
sees whole: once with the demo ledger's figures, once with a district's (100,000 tasks), and once more with a task
open in the panel beside the chart."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget

from ledger.board import CLOSED, OVERDUE, Totals
from ledger.core import Operator, Role, TodayClock
from ledger.service import Ledger
from ui.board.view import BoardView
from ui.window.app import make_app
from ui.window.main_window import MainWindow


def visible_in(widget: QWidget, area: QWidget) -> bool:
    """``widget`` is shown and lies wholly inside ``area`` (a scroll area's viewport) and every parent between."""
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(area, QPoint(0, 0)), widget.size())
    parent: QWidget | None = widget
    while parent is not None and parent is not area:
        parent = parent.parentWidget()
        if parent is not None and not QRect(parent.mapTo(area, QPoint(0, 0)), parent.size()).contains(rect):
            return False
    return area.rect().contains(rect)


def text_whole(label: QLabel) -> bool:
    """A one-line label is at least as wide as its text."""
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def look(app: QApplication, view: BoardView, area: QWidget) -> dict[str, object]:
    for _ in range(4):
        app.processEvents()
    controls: list[QWidget] = [
        *view.toolbar.findChildren(QAbstractButton),
        *view.toolbar.findChildren(QComboBox),
    ]
    figures = [view.fig_tasks, view.fig_closed, view.fig_overdue]
    return {
        "controls": len(controls),
        "cut": sorted(
            (w.text() if isinstance(w, QAbstractButton) else w.objectName())
            for w in controls
            if not visible_in(w, area)
        ),
        "figures": [f.value.text() for f in figures],
        "figures_cut": [
            f.caption.text()
            for f in figures
            if not (visible_in(f.value, area) and visible_in(f.caption, area) and text_whole(f.value))
        ],
        "title_cut": not visible_in(view.title, area),
        # rows of cells the chart has room for under its header (the tab scrolls to show them on a short screen)
        "chart_rows": view.table.viewport().height() // max(1, view.table.rowHeight(0)),
        "toolbar_rows": len(view.toolbar.layout().rows(view.toolbar.width())),  # type: ignore[attr-defined]
        "area_width": area.width(),
    }


def main(ledger_path: str, settings_dir: str) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = make_app("zh")
    led = Ledger.open(
        Path(ledger_path), clock=TodayClock(dt.date(2025, 12, 10)), operator=Operator("张三", Role.WORK_TEAM)
    )
    win = MainWindow(led, remember_layout=False)
    screen = app.primaryScreen()
    win.setGeometry(screen.availableGeometry())
    win.show()
    for _ in range(3):
        app.processEvents()
    view = win.view("board")
    assert isinstance(view, BoardView)
    for i in range(win.tabs.count()):
        if win.page(i) is view:
            win.tab_bar.setCurrentIndex(i)
    page = win.tabs.currentWidget()
    area = page.viewport()  # type: ignore[attr-defined]
    out: dict[str, object] = {"window": [win.width(), win.height()], "demo": look(app, view, area)}
    # a district's figures: six digits of tasks, five of overdue ones
    data = view.model.data_
    assert data is not None
    total = Totals(counts={CLOSED: 18_272, OVERDUE: 23_456}, tasks=100_000)
    view._show_board(dataclasses.replace(data, total=total))
    out["district"] = look(app, view, area)
    # a cell clicked: its task opens in the panel beside the chart, which narrows (the 1400 px case of 100k)
    cell = next(
        view.model.index(r, c)
        for r in range(view.model.rowCount())
        for c in range(view.model.columnCount())
        if view.model.task_ids(view.model.index(r, c))
    )
    view.tasksActivated.emit(view.model.task_ids(cell))
    out["panel_open"] = win.docks[1].isVisible()
    out["with_panel"] = look(app, view, area)
    # 总览 beside it: its figures, lists and three charts within the tab's width (no sideways scrolling)
    overview = win.view("overview")
    for _ in range(4):
        app.processEvents()
    overview_page = win.tabs.currentWidget()
    out["overview_width"] = [overview.width(), overview_page.viewport().width()]  # type: ignore[attr-defined]
    print(json.dumps(out, ensure_ascii=False))
    win.close()
    led.close()
    app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
