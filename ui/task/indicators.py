"""The task panel's 量化指标: a table of the task's indicators (名称, 单位, 目标值, 完成值), edited in place, with
添加 / 删除; every edit is a Ledger command, and a refused one says why and shows the ledger's values again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.audit.history import value_text
from ledger.core.errors import LedgerError
from ledger.core.model import FIELD_LABELS
from ledger.core.values import parse_number
from ledger.service.commands import Ledger
from ui.common import messages, words


class IndicatorTable(QWidget):
    """``table`` holds one row per indicator (its id in UserRole); ``show_task`` fills it for a task, or empties it."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.task_id: str | None = None
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("indicators")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Indicator"), self.tr("Unit"), self.tr("Target"), self.tr("Actual")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._edited)
        self.table.setMinimumHeight(90)
        add = QPushButton(self.tr("Add indicator"))
        add.clicked.connect(self.add)
        remove = QPushButton(self.tr("Remove indicator"))
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_task(self, task_id: str | None) -> None:
        self.task_id = task_id
        self.setEnabled(task_id is not None)
        self.fill()

    def fill(self) -> None:
        inds = self.ledger.indicators(self.task_id) if self.task_id else []
        self.table.blockSignals(True)  # filling is not editing
        self.table.setRowCount(len(inds))
        for r, ind in enumerate(inds):
            for c, value in enumerate((ind.name, ind.unit, ind.target, ind.actual)):
                item = QTableWidgetItem(value_text(value) if value is not None else "")
                item.setData(Qt.ItemDataRole.UserRole, ind.id)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self.task_id is None:
            return
        ind_id = item.data(Qt.ItemDataRole.UserRole)
        field = ("name", "unit", "target", "actual")[item.column()]
        try:
            if field in ("target", "actual"):
                parse_number(item.text(), words.word(FIELD_LABELS[field]))
            self.ledger.update_indicator(ind_id, **{field: item.text()})
        except LedgerError as exc:
            messages.show_error(self, exc, self.tr("Not saved"))
            self.fill()

    def add(self) -> None:
        if self.task_id is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Add indicator"), self.tr("Indicator name, e.g. 培训次数")
        )
        if not ok or not name.strip():
            return
        try:
            self.ledger.add_indicator(self.task_id, name)
        except LedgerError as exc:
            messages.show_error(self, exc)

    def remove(self) -> None:
        if self.task_id is None:
            return
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        if not messages.confirm(
            self, self.tr("Remove the indicator “{name}”?").format(name=item.text()), destructive=True
        ):
            return
        try:
            self.ledger.remove_indicator(item.data(Qt.ItemDataRole.UserRole))
        except LedgerError as exc:
            messages.show_error(self, exc)
