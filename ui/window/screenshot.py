"""Render each main view of a ledger to PNG files without a display (offscreen Qt, CJK font)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ledger.core import Clock, Operator, Role, TodayClock
from ledger.service import Ledger


def render_all(
    ledger_path: Path,
    outdir: Path,
    *,
    lang: str = "zh",
    today: str | None = None,
    size: tuple[int, int] = (1600, 1000),
) -> list[Path]:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.window.app import make_app
    from ui.window.main_window import MainWindow

    make_app(lang)
    clock: Clock = TodayClock(dt.date.fromisoformat(today)) if today else Clock()
    # Read-only use: no lock, and the operator is only shown, never journalled.
    led = Ledger.open(ledger_path, clock=clock, operator=Operator("截图", Role.WORK_TEAM), lock=False)
    outdir.mkdir(parents=True, exist_ok=True)
    win = MainWindow(led, remember_layout=False)
    win.resize(*size)
    win.show()
    paths: list[Path] = []
    try:
        if win.model.rowCount():
            win.table.selectRow(0)
        QApplication.processEvents()
        for i in range(win.tabs.count()):
            win.tabs.setCurrentIndex(i)
            QApplication.processEvents()
            name = win.tabs.widget(i).objectName() or f"tab{i}"
            path = outdir / f"{i + 1:02d}-{name}.png"
            win.grab().save(str(path))
            paths.append(path)
    finally:
        win.close()
        led.close()
    return paths
