"""The lists beside 对账 (chase list, sign-offs and extensions waiting, new overdue): a table over a list model.

At 100,000 tasks the sign-offs waiting can be 18,000 rows; a QTableWidget made an item per cell (72,000 of them,
seconds and tens of megabytes), this model keeps one tuple of texts per row and Qt asks for the visible ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class SideRows(QAbstractTableModel):
    """Rows of texts, each with an optional colour for all its cells."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[str, ...]] = []
        self.colors: list[str | None] = []

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        colors: Sequence[str | None] | None = None,
        *,
        texts: bool = False,
    ) -> None:
        """``texts``: ``rows`` are tuples of strings already (made off the GUI thread), taken as they are."""
        self.beginResetModel()
        if texts:
            self.rows = list(rows)  # type: ignore[arg-type]
        else:
            self.rows = [tuple("" if v is None else str(v) for v in r) for r in rows]
        self.colors = list(colors) if colors else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole and index.row() < len(self.colors):
            color = self.colors[index.row()]
            return QColor(color) if color else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class SideTable(QTableView):
    """A read-only table of SideRows."""

    def __init__(self, name: str, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.rows = SideRows(headers, self)
        self.setModel(self.rows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setResizeContentsPrecision(200)  # widths from the first 200 rows, not 1,000

    def fill(
        self,
        rows: Sequence[Sequence[Any]],
        colors: Sequence[str | None] | None = None,
        *,
        texts: bool = False,
    ) -> None:
        self.rows.set_rows(rows, colors, texts=texts)

    def row_count(self) -> int:
        return self.rows.rowCount()

    def text(self, row: int, column: int) -> str:
        return self.rows.rows[row][column]
