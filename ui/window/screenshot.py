"""Render each main view of a ledger, and the main dialogs, to PNG files without a display (offscreen Qt).

``size`` is the screen's size in pixels and ``scale`` its scaling (Windows' 125 % is 1.25): a 1920×1080 screen at
150 % gives the window 1280×720 logical pixels, as a user there has. The window fills the screen's available area;
the pictures are saved at the screen's pixels.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.core import Clock, Operator, Role, TodayClock
from ledger.service import Ledger

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.window.main_window import MainWindow

log = logging.getLogger(__name__)

# Seconds a tab may take to finish what it reads on workers before it is grabbed all the same (a warning in the log):
# at 25,000 tasks well under one; at 1M the overview's first reading of the journal takes tens of seconds.
SETTLE_SECONDS = 300.0


def parse_size(text: str | None) -> tuple[int, int] | None:
    """ "1366x768" (or 1366×768) → (1366, 768); None for none; a bad size is a LedgerError."""
    if not text:
        return None
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) == 2 and all(p.strip().isdigit() and int(p) >= 320 for p in parts):
        return int(parts[0]), int(parts[1])
    from ledger.core import LedgerError

    raise LedgerError("bad_value", field="--size", value=text, detail="应为 宽x高，如 1366x768")


def prepare_screen(size: tuple[int, int] | None, scale: float | None) -> None:
    """Before the QApplication exists: an offscreen screen of ``size`` and Qt's scale factor ``scale``."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return  # too late to choose a screen: the window is sized instead
    offscreen = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if scale:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    if offscreen and size:
        config = {
            "windowFrameMargins": False,
            "screens": [
                {"name": "Screen", "x": 0, "y": 0, "width": size[0], "height": size[1], "logicalDpi": 96}
            ],
        }
        path = Path(tempfile.gettempdir()) / f"zhenggai-screen-{size[0]}x{size[1]}.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    elif offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def render_all(
    ledger_path: Path,
    outdir: Path,
    *,
    lang: str = "zh",
    today: str | None = None,
    size: tuple[int, int] | None = None,
    scale: float | None = None,
    dialogs: bool = True,
) -> list[Path]:
    prepare_screen(size, scale)
    from PySide6.QtWidgets import QApplication

    from ui.window.app import make_app
    from ui.window.main_window import MainWindow

    app = make_app(lang)
    clock: Clock = TodayClock(dt.date.fromisoformat(today)) if today else Clock()
    # Read-only use: no lock, an older file refused with a sentence (not upgraded behind the user's back), and the
    # operator only shown, never journalled. A connection that could write all the same: closed last, it removes
    # SQLite's -wal and -shm files, which a read-only one leaves beside a ledger nobody else has open.
    op = Operator("截图", Role.WORK_TEAM)
    led = Ledger.open(ledger_path, clock=clock, operator=op, lock=False, upgrade=False)
    outdir.mkdir(parents=True, exist_ok=True)
    win = MainWindow(led, remember_layout=False)
    screen = app.primaryScreen()
    if size and screen is not None and screen.size().width() * (scale or 1) >= size[0] - 1:
        win.setGeometry(screen.availableGeometry())
    else:
        logical = scale or 1
        win.resize(*(int(v / logical) for v in (size or (1600, 1000))))
    win.show()
    paths: list[Path] = []
    try:
        for _ in range(3):
            QApplication.processEvents()
        if win.model.rowCount():
            win.table.selectRow(0)
        QApplication.processEvents()
        paths += render_tabs(win, outdir)
        if dialogs:
            paths += render_dialogs(win, outdir, len(paths) + 1)
    finally:
        win.close()
        led.close()
    return paths


def render_tabs(win: MainWindow, outdir: Path) -> list[Path]:
    """Each tab of ``win`` to a PNG, once it has finished reading: past 20,000 tasks the table reads the rest of its
    ids on a worker (the status bar counts "400+" meanwhile) and the boards, the overview and 对账 read on
    workers (正在读取…); a tab is grabbed when that is done, the event loop running meanwhile, or after
    ``SETTLE_SECONDS``."""
    from PySide6.QtWidgets import QApplication

    table_complete: list[bool] = []
    win.model.when_complete(lambda: table_complete.append(True))
    paths: list[Path] = []
    for i in range(win.tabs.count()):
        win.tab_bar.setCurrentIndex(i)
        for _ in range(2):  # the tab's showEvent, and the read it starts on the next turn of the loop
            QApplication.processEvents()
        view = win.page(i)
        name = view.objectName() or f"tab{i}"
        if not wait_until(partial(read_all, view, table_complete), SETTLE_SECONDS):
            log.warning("screenshot: %s still reading after %.0f s; grabbed as it is", name, SETTLE_SECONDS)
        # what the read filled in (the board's figures: "—" became "100000") is laid out on the next turns of the
        # loop, each layout asking its parent's in turn: grabbed before them, the figures would be cut
        for _ in range(3):
            QApplication.processEvents()
        path = outdir / f"{i + 1:02d}-{name}.png"
        win.grab().save(str(path))
        paths.append(path)
    win.tab_bar.setCurrentIndex(0)
    return paths


def read_all(view: QWidget, table_complete: list[bool]) -> bool:
    """The tab ``view`` in front has read what it shows, and the table every id (the status bar's count)."""
    return bool(table_complete) and not reading(view)


def reading(view: QWidget) -> bool:
    """Whether ``view`` still has a read to finish (it shows 正在读取… or its counts are not in yet): a board, the
    kanban or 对账 whose read is under way or not yet started; the overview counting; the review queue not yet
    read for the ledger as it is."""
    from ui.board.board_jobs import BoardReads
    from ui.board.overview import OverviewView
    from ui.signoff.queue import ReviewQueueView

    reads = getattr(view, "reads", None)
    if isinstance(reads, BoardReads):
        # under way, or not yet started (the tab starts it on the loop's next turn); one that failed (busy, gone:
        # the tab keeps what it showed) is not waited for
        return reads.reading() or (reads.asked is None and reads.reads == 0)
    if isinstance(view, OverviewView):
        return view.counting
    if isinstance(view, ReviewQueueView):
        return view.read_at != view.stamp()
    return False


def wait_until(done: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop (the workers' results are delivered through it) until ``done()``, looked at every 20 ms,
    or until ``seconds`` have passed; whether it is done."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return done()


def main_dialogs(win: object) -> list[tuple[str, Callable[[], object]]]:
    """(name, a function that builds the dialog over ``win``) for the dialogs a user meets first."""
    from ui.window.main_window import MainWindow

    assert isinstance(win, MainWindow)
    from ui.board.settings import BoardSettingsDialog
    from ui.window.dialogs import FirstRunDialog, NewTaskDialog, OperatorDialog
    from ui.window.help import GuideDialog
    from ui.window.structure import StructureDialog

    return [
        ("firstRun", lambda: FirstRunDialog(win)),
        ("operator", lambda: OperatorDialog(win.ledger.operator, win)),
        ("newTask", lambda: NewTaskDialog(win.ledger, None, win)),
        ("structure", lambda: StructureDialog(win.ledger, win)),
        ("boardScheme", lambda: BoardSettingsDialog(win.ledger, win)),
        ("guide", lambda: GuideDialog(win)),
    ]


def render_dialogs(win: object, outdir: Path, start: int) -> list[Path]:
    from PySide6.QtWidgets import QApplication, QWidget

    paths: list[Path] = []
    for n, (name, build) in enumerate(main_dialogs(win), start=start):
        dlg = build()
        assert isinstance(dlg, QWidget)
        dlg.show()
        for _ in range(2):
            QApplication.processEvents()
        path = outdir / f"{n:02d}-dialog-{name}.png"
        dlg.grab().save(str(path))
        paths.append(path)
        dlg.close()
        dlg.deleteLater()
    QApplication.processEvents()
    return paths
