"""The task panel's 修改记录 tab: every journal entry that touched the task, newest first, in the user's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ledger.audit.history import history_rows
from ledger.storage.journal import Entry


class ChangeHistory(QTableWidget):
    """When · Who · Field · Before · After; long values wrap instead of ending in "…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("history")
        self.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)

    def fill(self, history: list[Entry]) -> None:
        rows = history_rows(history)
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                self.setItem(r, c, QTableWidgetItem(v))
        self.resizeColumnsToContents()
        cap = self.fontMetrics().horizontalAdvance("中") * 7  # long before/after values wrap instead of "…"
        for c in (2, 3):
            self.setColumnWidth(c, min(self.columnWidth(c), cap))
        self.resizeRowsToContents()
