"""导入其他台账: another tool's ledger, with the column of each of our fields confirmed, a dry run, then the import."""

from __future__ import annotations

import logging
from pathlib import Path

from openpyxl.utils import get_column_letter
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.office import foreign as excel_foreign
from ledger.service import Ledger
from ui.common import messages
from ui.common.preview import sentence_label as _sentence_label
from ui.common.util import say

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("excel_returns", text)


class ForeignImportDialog(QDialog):
    """Another tool's 台账: the detected header, one combo per field of ours (guessed), 预览 (dry run) and 导入."""

    def __init__(self, ledger: Ledger, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.path = Path(path)
        self.import_result: excel_foreign.ForeignImport | None = None
        self.error = ""
        self.headers: list[str] = []
        self.boxes: dict[str, QComboBox] = {}
        self.setObjectName("foreignImportDialog")
        self.setWindowTitle(self.tr("Import another ledger") + f" — {self.path.name}")
        self.header_label = QLabel()
        self.header_label.setObjectName("foreignHeader")
        self.header_label.setWordWrap(True)
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro = QLabel(
            self.tr(
                "Check which column of the file holds each of our fields (guessed from the header). "
                "Fields marked * are required. Preview first; nothing is created until you press "
                "Import."
            )
        )
        intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = _sentence_label("foreignResult")
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("previewForeign")
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importForeign")
        self.import_button.clicked.connect(self.apply)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("closeForeign")
        self.close_button.clicked.connect(self._close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 44)
        self._load()

    def _load(self) -> None:
        try:
            sheet, header_row, headers, _rows = excel_foreign.read_foreign(self.ledger, self.path)
        except LedgerError as exc:
            self.error = messages.error_text(exc)
            say(self.message, self.error, warn=True)
            self.preview_button.setEnabled(False)
            self.import_button.setEnabled(False)
            self.close_button.setText(self.tr("Close"))
            return
        self.headers = headers
        shown = "、".join(h for h in headers if h)
        self.header_label.setText(
            self.tr("Sheet “{sheet}”, header in row {row}: {headers}").format(
                sheet=sheet, row=header_row, headers=shown
            )
        )
        guess = excel_foreign.guess_mapping(headers)
        for fld, (label, _words) in excel_foreign.SYNONYMS.items():
            box = QComboBox()
            box.setObjectName(f"map_{fld}")
            box.addItem(self.tr("(not imported)"), -1)
            for i, h in enumerate(headers):
                box.addItem(
                    self.tr("Column {letter}: {header}").format(letter=get_column_letter(i + 1), header=h), i
                )
            box.setCurrentIndex(max(0, box.findData(guess.get(fld, -1))))
            box.currentIndexChanged.connect(lambda _i: say(self.message, ""))
            self.boxes[fld] = box
            self.form.addRow(label + (" *" if fld in excel_foreign.REQUIRED else ""), box)

    def mapping(self) -> dict[str, int]:
        return {fld: int(box.currentData()) for fld, box in self.boxes.items() if int(box.currentData()) >= 0}

    def set_column(self, fld: str, index: int) -> None:
        """Map our field ``fld`` to the file's 0-based column ``index`` (-1: not imported), as the user would."""
        box = self.boxes[fld]
        box.setCurrentIndex(max(0, box.findData(index)))

    def _run(self, dry_run: bool) -> excel_foreign.ForeignImport | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return excel_foreign.import_foreign_ledger(
                self.ledger, self.path, self.mapping(), dry_run=dry_run
            )
        except LedgerError as exc:
            self.error = messages.error_text(exc)
            say(self.message, self.error, warn=True)
            return None
        finally:
            QApplication.restoreOverrideCursor()

    def _counts(self, r: excel_foreign.ForeignImport) -> dict[str, int]:
        return {
            "tasks": r.tasks,
            "problems": r.problems,
            "categories": len(r.categories),
            "communities": len(r.communities),
        }

    def _details(self, r: excel_foreign.ForeignImport) -> str:
        """New communities, and the rows skipped because their task is there already."""
        text = (
            self.tr(" New communities: {names}.").format(names="、".join(r.communities))
            if r.communities
            else ""
        )
        if r.skipped:
            rows = "、".join(str(s["row"]) for s in r.skipped[:20]) + ("……" if len(r.skipped) > 20 else "")
            text += self.tr(
                " Skipped {n} rows whose task the ledger already has (or that repeat an earlier row): "
                "rows {rows}."
            ).format(n=len(r.skipped), rows=rows)
        return text

    def preview(self) -> excel_foreign.ForeignImport | None:
        if not self.boxes or self.import_result is not None:
            return None
        r = self._run(dry_run=True)
        if r is not None:
            text = self.tr(
                "Preview: {tasks} tasks, {problems} new problems, {categories} new categories, "
                "{communities} new communities. Nothing has been created yet."
            ).format(**self._counts(r))
            say(self.message, text + self._details(r))
        return r

    def apply(self) -> excel_foreign.ForeignImport | None:
        if not self.boxes or self.import_result is not None:
            return self.import_result
        r = self._run(dry_run=False)
        if r is None:
            return None
        self.import_result = r
        text = self.tr(
            "Imported: {tasks} tasks, {problems} new problems, {categories} new categories, "
            "{communities} new communities."
        ).format(**self._counts(r)) + self._details(r)
        if r.backup:
            text += self.tr(" Backup before the import: {path}").format(path=r.backup)
        say(self.message, text)
        for box in self.boxes.values():
            box.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.close_button.setText(self.tr("Close"))
        log.info("foreign ledger %s imported: %d tasks", self.path.name, r.tasks)
        return r

    def _close(self) -> None:
        if self.import_result is not None:
            self.accept()
        else:
            self.reject()

    @classmethod
    def run(
        cls, parent: QWidget | None, ledger: Ledger, path: str | Path
    ) -> excel_foreign.ForeignImport | None:
        dlg = cls(ledger, path, parent)
        if not dlg.boxes:
            messages.show_error(parent, dlg.error, _tr("Import Excel"))
            dlg.deleteLater()
            return None
        dlg.exec()
        return dlg.import_result
