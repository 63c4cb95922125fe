"""Small Qt helpers shared by the views: text colours, the fixed-date clock, and the operator settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressDialog, QWidget

from ledger.core import Health, Operator
from ui.common import palette

ORG = "zhenggai"
APP = "zhenggai-ledger"


def health_colour(h: Health) -> QColor:
    return QColor(palette.HEALTH[h])


def settings() -> QSettings:
    return QSettings(ORG, APP)


def saved_operator() -> Operator | None:
    s = settings()
    name = s.value("operator/name", "")
    role = s.value("operator/role", "")
    if not name or not role:
        return None
    try:
        return Operator.of(str(name), str(role))
    except Exception:  # noqa: BLE001 - a damaged settings file just means "ask again"
        return None


def save_operator(op: Operator) -> None:
    s = settings()
    s.setValue("operator/name", op.name)
    s.setValue("operator/role", op.role.value)
    s.sync()


RECENT_KEY = "ledger/recent"
RECENT_MAX = 8


def recent_ledgers() -> list[str]:
    """Ledgers opened lately, newest first, those still on disk."""
    value = settings().value(RECENT_KEY, [])
    paths = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    return [str(p) for p in paths if p and Path(str(p)).is_file()]


def remember_ledger(path: str) -> None:
    """``path`` is the last ledger opened (the next start opens it) and heads the recent list."""
    s = settings()
    s.setValue("ledger/last", path)
    s.setValue(RECENT_KEY, [path, *[p for p in recent_ledgers() if p != path]][:RECENT_MAX])
    s.sync()


def documents_folder() -> Path:
    """Where a file the user saves or picks starts, unless a folder was used last: the Documents folder (the
    same for every export, package and report), else home. The ledger's own folder may be the program's hidden
    data folder."""
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to (width, height), or to 90% of the screen when it is smaller."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        width, height = min(width, int(avail.width() * 0.9)), min(height, int(avail.height() * 0.9))
    widget.resize(width, height)


def say(label: QLabel, text: str, *, warn: bool = False) -> None:
    """Put a sentence in a dialog's message line: red for a warning; hidden when empty."""
    label.setStyleSheet(f"color:{palette.ACCENT};" if warn else "")
    label.setText(text)
    label.setVisible(bool(text))


def _tr(text: str) -> str:
    return QCoreApplication.translate("util", text)


def progress_dialog(
    parent: QWidget | None, title: str, label: str, *, width_chars: int = 26
) -> QProgressDialog:
    """Long work on the GUI thread (the ledger's connection lives there): a window-modal progress dialog with
    取消, shown at once and kept open until the caller closes it. Drive it with ``advance``."""
    dlg = QProgressDialog(label, _tr("Cancel"), 0, 0, parent)
    dlg.setWindowTitle(title)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setMinimumWidth(dlg.fontMetrics().horizontalAdvance("中") * width_chars)
    return dlg


def advance(dlg: QProgressDialog, done: int, total: int, label: str | None = None) -> None:
    """Show ``done`` of ``total`` (and a new label), then let the dialog paint and 取消 be pressed."""
    dlg.setMaximum(max(total, 1))
    dlg.setValue(min(done, max(total, 1)))
    if label is not None:
        dlg.setLabelText(label)
    QApplication.processEvents()


def open_folder(parent: QWidget | None, folder: Path) -> None:
    """Show ``folder`` in the system's file manager; if that is not possible, say where it is."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from ui.common import messages

    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        messages.info(parent, _tr("Cannot open the folder. Open it yourself: {folder}").format(folder=folder))


def exec_and_free(dialog: QDialog) -> int:
    """Run a modal dialog and have Qt free it afterwards (its values may still be read at once): a dialog made
    per use would otherwise stay a child of the window for as long as the window lives."""
    try:
        return int(dialog.exec())
    finally:
        dialog.deleteLater()
