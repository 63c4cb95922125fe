"""帮助: a short user guide inside the program (how a round works, the keyboard shortcuts, where the data, the
backups and the log live) and 关于 (the version)."""

from __future__ import annotations

import html
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.common.util import exec_and_free, fit_to_screen, open_folder, settings

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def version() -> str:
    try:
        return metadata.version("zhenggai-ledger")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def round_steps() -> list[tuple[str, str]]:
    """A round of rectification, step by step: (the step, what to do and where)."""
    return [
        (
            _tr("1. Issue"),
            _tr(
                "The work team makes a package per community: File → Issue community packages…. Copy each file "
                "to its secretary (USB stick, e-mail)."
            ),
        ),
        (
            _tr("2. Fill in"),
            _tr(
                "The secretary opens the package on their own PC (File → Open ledger…) and writes the progress, "
                "the indicators and the evidence of each task; a task that is done gets 申请销号."
            ),
        ),
        (
            _tr("3. Return"),
            _tr(
                "The secretary presses “Return…” above the table and gives the return file to the work team."
            ),
        ),
        (
            _tr("4. Merge"),
            _tr(
                "The work team imports it: File → Import a community's return…. A backup is made first; "
                "conflicts are shown to decide one by one."
            ),
        ),
        (
            _tr("5. Review"),
            _tr(
                "Reviewers find the requests under the “Awaiting my review” tab and approve or return each "
                "with an opinion."
            ),
        ),
        (
            _tr("6. Reconcile"),
            _tr(
                "Each week the “Reconciliation” tab compares the week's changes with the counts; tick the lines, "
                "then close the week."
            ),
        ),
        (
            _tr("7. Weekly report"),
            _tr(
                "From the closed week the report is drafted (.docx or .xlsx); the wall chart and the ledger can be "
                "printed or exported from the File menu."
            ),
        ),
    ]


def shortcut_rows(win: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every window action with a shortcut, in menu order."""
    rows = []
    for act in win.actions():
        keys = act.shortcut().toString()
        if keys and act.text():
            rows.append((keys, act.text().replace("&", "")))
    return rows


def locations(win: MainWindow) -> list[tuple[str, Path]]:
    """(what, where) for the ledger file, its automatic backups, the log and the settings."""
    from ledger.service.backups import folder_for
    from ui.window.app import LOG_FILE, data_dir

    folder = win.data_dir or data_dir()
    return [
        (_tr("This ledger"), Path(win.ledger.path)),
        (_tr("Automatic backups of this ledger"), folder_for(Path(win.ledger.path), folder)),
        (_tr("The program's log"), folder / LOG_FILE),
        (_tr("The program's settings"), Path(settings().fileName())),
    ]


class GuideDialog(QDialog):
    """帮助 → 使用说明: the round, the shortcuts and where things are, in three tabs."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.setObjectName("guideDialog")
        self.setWindowTitle(_tr("User guide"))
        tabs = QTabWidget()
        steps = "".join(
            f"<p><b>{html.escape(step)}</b><br>{html.escape(text)}</p>" for step, text in round_steps()
        )
        intro = html.escape(
            _tr(
                "The ledger holds the rectification tasks of a round of inspection: each problem, its measures per "
                "community, who is responsible, the deadline and the progress. A round goes like this:"
            )
        )
        tips = html.escape(
            _tr(
                "Tips: choose a task in the table to see and edit it on the right; right-click the table's header "
                "to show, hide or reorder columns; every change is recorded and can be undone (Ctrl+Z)."
            )
        )
        tabs.addTab(self._browser(f"<p>{intro}</p>{steps}<p>{tips}</p>"), _tr("How a round works"))
        keys = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(k)}</b></td><td>{html.escape(t)}</td></tr>"
            for k, t in shortcut_rows(win)
        )
        tabs.addTab(self._browser(f"<table>{keys}</table>"), _tr("Keyboard shortcuts"))
        tabs.addTab(self._places(win), _tr("Where your data is"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 560)

    def _browser(self, text: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setOpenExternalLinks(False)
        view.setHtml(text)
        return view

    def _places(self, win: MainWindow) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        for what, path in locations(win):
            label = QLabel(f"<b>{html.escape(what)}</b><br>{html.escape(str(path))}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(label, 1)
            button = QPushButton(_tr("Open the folder"))
            folder = path if path.suffix == "" else path.parent
            button.clicked.connect(lambda _c=False, f=folder: self._open(f))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        note = QLabel(
            _tr(
                "A copy of the ledger is kept in the backups folder each time it closes changed (the newest 10). "
                "To move to another PC, copy the ledger file; the backups stay with this PC."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        return box

    def _open(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        open_folder(self, folder)


def about_text() -> str:
    return _tr(
        "<h3>Rectification Ledger {version}</h3><p>The ledger of an inspection's rectification tasks: progress, "
        "evidence, reviews and sign-off, the wall chart and the weekly report. It works offline; the data stay "
        "in the ledger file on this PC.</p><p>Python {python} · Qt for Python {qt}</p>"
    ).format(version=version(), python=platform.python_version(), qt=pyside_version)


def show_guide(win: MainWindow) -> None:
    exec_and_free(GuideDialog(win))


def show_about(win: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, _tr("About"), about_text(), parent=win)
    box.setObjectName("aboutBox")
    box.setTextFormat(Qt.TextFormat.RichText)
    exec_and_free(box)
