"""Run in a subprocess by test_screens.py: opens the main window on an offscreen screen of the given size (and
QT_SCALE_FACTOR from the environment), drives it as a user would and prints what a user would see as JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QStyle, QToolButton, QWidget

from ledger.core import Operator, Role, TodayClock
from ledger.service import Ledger
from ui.window.app import make_app
from ui.window.main_window import MainWindow

KEY_COLUMNS = ("status", "days_left", "deadline", "community", "measure", "owner", "progress")


def inside(widget: QWidget, window: QWidget) -> bool:
    """The widget is shown and lies wholly inside the window's visible area and its clipping parents."""
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(rect):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clip = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        if not clip.contains(rect):
            return False
        parent = parent.parentWidget()
    return True


def main(ledger_path: str, settings_dir: str) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, settings_dir)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = make_app("zh")
    clock = TodayClock(dt.date(2025, 12, 10))
    led = Ledger.open(Path(ledger_path), clock=clock, operator=Operator("张三", Role.WORK_TEAM))
    win = MainWindow(led)
    win.show()
    for _ in range(3):
        app.processEvents()
    screen = win.screen().availableGeometry()
    out: dict[str, object] = {
        "screen": [screen.width(), screen.height()],
        "frame": [
            win.frameGeometry().x(),
            win.frameGeometry().y(),
            win.frameGeometry().width(),
            win.frameGeometry().height(),
        ],
        "fits": screen.contains(win.frameGeometry()),
    }
    size0 = win.size()
    sizes = []
    tab_bar = win.tab_bar.mapTo(win, QPoint(0, 0))
    bar_moved = False
    order = [*range(win.tabs.count()), 0, win.tabs.count() - 1, 1, 0]
    for i in order:
        win.tab_bar.setCurrentIndex(i)
        for _ in range(3):
            app.processEvents()
        sizes.append([win.width(), win.height()])
        bar_moved |= win.tab_bar.mapTo(win, QPoint(0, 0)) != tab_bar
    out["sizes_same"] = all(s == [size0.width(), size0.height()] for s in sizes)
    out["sizes"] = sizes
    out["tab_bar_moved"] = bar_moved
    win.table.selectRow(0)
    for _ in range(3):
        app.processEvents()
    header = win.table.horizontalHeader()
    from ui.table.model import COLUMN_INDEX

    width = win.table.viewport().width()
    out["columns_outside"] = [
        key
        for key in KEY_COLUMNS
        if header.isSectionHidden(COLUMN_INDEX[key])
        or header.sectionViewportPosition(COLUMN_INDEX[key]) < 0
        or header.sectionViewportPosition(COLUMN_INDEX[key]) + header.sectionSize(COLUMN_INDEX[key]) > width
    ]
    # 责任人: the ledger's longest name (with its role) is written whole, not "赵敏（…"
    owners = [win.model.index(r, COLUMN_INDEX["owner"]).data() or "" for r in range(win.model.rowCount())]
    longest = max(owners, key=win.table.fontMetrics().horizontalAdvance)
    margin = win.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, win.table) + 1
    out["owner_fits"] = win.table.fontMetrics().horizontalAdvance(longest) + 2 * margin <= header.sectionSize(
        COLUMN_INDEX["owner"]
    )
    out["owner_longest"] = [longest, header.sectionSize(COLUMN_INDEX["owner"])]
    out["measure_wider_than_progress"] = header.sectionSize(COLUMN_INDEX["measure"]) >= header.sectionSize(
        COLUMN_INDEX["progress"]
    )
    panel = win.panel
    # the task panel's tabs: every label inside the bar, no scroll arrows hiding 修改记录
    bar = panel.tabs.tabBar()
    out["tabs_fit"] = all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count())) and not any(
        b.isVisible() for b in bar.findChildren(QToolButton)
    )
    out["tabs"] = [bar.tabText(i) for i in range(bar.count())]
    out["panel_shown"] = win.docks[1].isVisible()
    out["save_visible"] = inside(panel.save_button, win)
    out["action_buttons_visible"] = all(
        inside(b, win) for b in panel.action_buttons.values() if b.isVisibleTo(panel)
    )
    out["search_visible"] = inside(win.filters.search, win)
    out["status_visible"] = inside(win.status_counts, win)
    print(json.dumps(out, ensure_ascii=False))
    win.close()
    led.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
