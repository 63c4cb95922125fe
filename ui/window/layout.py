"""Where the main window sits and how big it is, and what keeps it that size.

- It opens inside the screen's available area (``QScreen.availableGeometry``, the taskbar left out) and remembers
  its geometry per screen (a 1366×768 laptop and a 1920×1080 monitor each keep their own).
- A view never makes it grow: each view that is not itself a scrolling table sits in a ``ViewPage`` (a scroll area
  whose minimum size is small), so a view wider than the space left scrolls instead of pushing the window past the
  screen edge.
- The view tabs sit in a bar across the whole window above the side panels, so they do not jump when a view hides
  the panels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QMargins, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ui.common.util import settings

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

DEFAULT_SIZE = QSize(1440, 900)
# Until the window manager has framed the window its frame is unknown: a title bar and thin borders, as on Windows.
GUESSED_FRAME = QMargins(8, 31, 8, 8)


class ViewPage(QScrollArea):
    """A tab's page holding one view: the view fills the page, or scrolls when the page is smaller than the view
    can be; the page's own minimum size stays small, so the window never grows for it."""

    def __init__(self, view: QWidget) -> None:
        super().__init__()
        self.view = view
        self.setObjectName(f"{view.objectName()}Page")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(view)

        self.empty = QLabel(self.viewport())
        self.empty.setObjectName("emptyView")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAutoFillBackground(True)
        self.empty.hide()

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 80)

    def set_empty(self, text: str) -> None:
        """Cover the view with ``text`` (a ledger without tasks has nothing to show here); "" uncovers it."""
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        if text:
            self.empty.setGeometry(self.viewport().rect())
            self.empty.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty.setGeometry(self.viewport().rect())


def page_view(page: QWidget | None) -> QWidget | None:
    """The view a tab's page shows (the page itself for the ledger table and for views not yet built)."""
    return page.view if isinstance(page, ViewPage) else page


class ViewTabs(QTabWidget):
    """The window's views; their own tab bar is hidden (``tabs_on_top`` shows a copy across the window)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 120)


class TaskDock(QDockWidget):
    """The task panel's dock: its close button hides the panel until the user shows it again (查看 → 任务面板)."""

    closedByUser = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closedByUser.emit()


def tabs_on_top(win: MainWindow) -> QTabBar:
    """A tab bar in a fixed tool bar above the docks, kept in step with ``win.tabs``."""
    bar = QTabBar()
    bar.setObjectName("viewTabs")
    bar.setDocumentMode(True)
    bar.setExpanding(False)
    bar.setDrawBase(False)
    for i in range(win.tabs.count()):
        bar.addTab(win.tabs.tabText(i))
    win.tabs.tabBar().hide()

    def follow(index: int) -> None:
        bar.blockSignals(True)
        bar.setCurrentIndex(index)
        bar.blockSignals(False)

    bar.currentChanged.connect(win.tabs.setCurrentIndex)
    win.tabs.currentChanged.connect(follow)
    holder = QToolBar(QCoreApplication.translate("MainWindow", "Views"))
    holder.setObjectName("viewBar")
    holder.setMovable(False)
    holder.setFloatable(False)
    holder.toggleViewAction().setVisible(False)
    holder.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
    holder.addWidget(bar)
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, holder)
    return bar


# ---- geometry -------------------------------------------------------------------------------------------------
def screen_key(screen: QScreen) -> str:
    g = screen.geometry()
    name = screen.name().replace("/", "_").replace("\\", "_") or "screen"
    return f"window/geometry/{name}@{g.width()}x{g.height()}"


def frame_margins(win: QWidget) -> QMargins:
    if win.isVisible():
        outer, inner = win.frameGeometry(), win.geometry()
        m = QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
        if m.left() or m.top() or m.right() or m.bottom():
            return m
    return GUESSED_FRAME


def fit_into(win: QWidget, avail: QRect) -> None:
    """Move and shrink the window (not maximised) until its frame lies inside ``avail``."""
    if win.isMaximized() or win.isFullScreen():
        return
    m = frame_margins(win)
    room = avail.marginsRemoved(m)
    g = win.geometry()
    width = min(g.width(), room.width())
    height = min(g.height(), room.height())
    x = min(max(g.x(), room.left()), room.right() + 1 - width)
    y = min(max(g.y(), room.top()), room.bottom() + 1 - height)
    if (x, y, width, height) != (g.x(), g.y(), g.width(), g.height()):
        win.setGeometry(x, y, width, height)


def default_geometry(win: QWidget, screen: QScreen) -> None:
    """The default size, or the available area when that is smaller, centred."""
    avail = screen.availableGeometry()
    room = avail.marginsRemoved(GUESSED_FRAME)
    size = DEFAULT_SIZE.boundedTo(room.size())
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(room.center())
    win.setGeometry(rect)


def window_screen(win: QWidget) -> QScreen:
    screen = win.screen() or QApplication.primaryScreen()
    assert screen is not None
    return screen


def restore_geometry(win: MainWindow) -> None:
    """The geometry saved for this screen, kept inside its available area; the default size without one."""
    screen = window_screen(win)
    saved = settings().value(screen_key(screen))
    if isinstance(saved, QByteArray) and not saved.isEmpty() and win.restoreGeometry(saved):
        fit_into(win, screen.availableGeometry())
    else:
        default_geometry(win, screen)


def save_geometry(win: MainWindow) -> None:
    settings().setValue(screen_key(window_screen(win)), win.saveGeometry())


def cover_empty_pages(win: MainWindow) -> None:
    """A ledger without tasks: each built view says so and where to start, instead of an empty grid."""
    empty = win.ledger.stats()["tasks"] == 0
    text = (
        QCoreApplication.translate(
            "MainWindow",
            "The ledger has no tasks yet. Start on the “Ledger” tab: import the rectification plan.",
        )
        if empty
        else ""
    )
    for i in range(1, win.tabs.count()):
        page = win.tabs.widget(i)
        if isinstance(page, ViewPage):
            page.set_empty(text)


def default_dock_width(win: MainWindow, dock: QDockWidget) -> int:
    """The filters a sixth of the window, the task panel 28 %: on a 1280-pixel window the table keeps ~700."""
    if dock is win.docks[0]:
        return max(190, min(240, win.width() // 6))
    return max(330, min(440, int(win.width() * 0.28)))
