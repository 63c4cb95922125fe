"""文件 → 导出修改记录…: the journal as a printable .xlsx for the discipline committee, by date, person and community."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ledger import audit
from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common import messages, palette
from ui.common.util import advance, open_folder, progress_dialog
from ui.exports.ledger_xlsx import default_folder, remember_folder

log = logging.getLogger(__name__)


def _qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class AuditExportDialog(QDialog):
    """Which entries; the file is asked for when 导出… is pressed."""

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, community_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("auditExportDialog")
        self.setWindowTitle(self.tr("Export the change record"))
        intro = QLabel(
            self.tr(
                "Every change made to the ledger, oldest first, one row per changed field: who, when, from where, what it "
                "was and what it became. The file prints on A4 landscape as it is, with the journal anchor in its "
                "heading."
            )
        )
        intro.setWordWrap(True)
        today = ledger.today()
        self.use_dates = QCheckBox(self.tr("Only from"))
        self.use_dates.setObjectName("auditUseDates")
        self.since = QDateEdit(QDate(today.year, today.month, 1))
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.since, "auditSince"), (self.until, "auditUntil")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.use_dates.toggled.connect(edit.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.since)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.until)
        dates.addStretch(1)
        self.person = QComboBox()
        self.person.setObjectName("auditPerson")
        self.person.addItem(self.tr("Everyone"), None)
        for name in audit.actors(ledger):
            self.person.addItem(name, name)
        self.community = QComboBox()
        self.community.setObjectName("auditCommunity")
        self.community.addItem(self.tr("All communities"), None)
        for c in ledger.communities():
            self.community.addItem(c["name"], c["id"])
        if community_id is not None:
            self.community.setCurrentIndex(max(0, self.community.findData(community_id)))
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person)
        form.addRow(self.tr("Community"), self.community)
        self.message = QLabel()
        self.message.setObjectName("auditMessage")
        self.message.setStyleSheet(f"color:{palette.ACCENT};")
        self.message.setVisible(False)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("auditExport")
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(dates)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)

    def chosen(self) -> audit.AuditFilter:
        since = _qdate(self.since.date()) if self.use_dates.isChecked() else None
        until = _qdate(self.until.date()) if self.use_dates.isChecked() else None
        return audit.AuditFilter(since, until, self.person.currentData(), self.community.currentData())

    def _accept(self) -> None:
        flt = self.chosen()
        if flt.since and flt.until and flt.since > flt.until:
            self.message.setText(self.tr("The start date is after the end date."))
            self.message.setVisible(True)
            return
        self.accept()

    def ask_path(self) -> str:
        """Where to save (tests patch this)."""
        name = self.tr("{org} change record {date}.xlsx").format(
            org=self.ledger.org_name, date=self.ledger.today().isoformat()
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the change record"),
            str(default_folder() / name),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        return path

    def run(self) -> audit.AuditExport | None:
        """Ask for the file, export behind a progress dialog that can be cancelled, say where it went."""
        chosen = self.ask_path()
        if not chosen:
            return None
        flt = self.chosen()
        progress = progress_dialog(
            self.parentWidget(),
            self.windowTitle(),
            self.tr("Exporting… {done} of {total} entries").format(done=0, total=0),
        )

        def report(done: int, total: int) -> None:
            advance(
                progress,
                done,
                total,
                self.tr("Exporting… {done} of {total} entries").format(done=done, total=total),
            )

        progress.show()
        QApplication.processEvents()
        try:
            result = audit.export_audit(
                self.ledger, chosen, flt, progress=report, cancel=progress.wasCanceled
            )
        except audit.AuditCancelled:
            messages.info(self.parentWidget(), self.tr("The export was cancelled; no file was written."))
            return None
        except LedgerError as exc:
            messages.show_error(self.parentWidget(), exc, self.tr("Cannot export the change record"))
            return None
        finally:
            progress.close()
            progress.deleteLater()
        remember_folder(result.path.parent)
        self.show_done(result)
        return result

    def show_done(self, result: audit.AuditExport) -> None:
        """Where the file went, with a button that opens its folder (tests patch this)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Export finished"),
            self.tr(
                "The change record was exported: {entries} journal entries, {rows} rows.\nFile: {path}"
            ).format(entries=result.entries, rows=result.rows, path=result.path),
            parent=self.parentWidget(),
        )
        folder = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is folder:
            open_folder(self.parentWidget(), Path(result.path).parent)


def export_audit_from_window(
    parent: QWidget | None, ledger: Ledger, community_id: str | None = None
) -> audit.AuditExport | None:
    dlg = AuditExportDialog(ledger, parent, community_id)
    try:
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.run()
    finally:
        dlg.deleteLater()
