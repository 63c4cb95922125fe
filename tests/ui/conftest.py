"""UI tests: the window's settings go to a temporary folder, never the user's real configuration; ``window`` is the
main window shown over the filled example ledger."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


@pytest.fixture
def window(qtbot, filled):
    from ui.window.app import make_app
    from ui.window.main_window import MainWindow

    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    return win
