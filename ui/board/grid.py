"""The wall chart's grid: a table model over ledger.board, the cell delegate, the column and row headers."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ledger import board as lb
from ledger.board import BoardData, BoardScheme, Cell
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.board.paint import (
    Fonts,
    contrast,
    make_fonts,
    paint_cell,
    paint_column_header,
    paint_group,
    paint_row_header,
    wrap_elide,
)
from ui.common import palette, words

CellRole = Qt.ItemDataRole.UserRole + 1  # the Cell (or None) behind an index
TotalsRole = Qt.ItemDataRole.UserRole + 2  # header: the row's or column's Totals
GroupRole = Qt.ItemDataRole.UserRole + 3  # horizontal header: the column group's label ("" if none)
KeyRole = Qt.ItemDataRole.UserRole  # cells: (community id, column key); headers: the axis key
TOOLTIP_TASKS = 12


# ---- the model ---------------------------------------------------------------------------------------------
class BoardModel(QAbstractTableModel):
    """Communities × columns of one BoardData. Cells are read from memory; only tooltips and a cell's task ids
    go back to the ledger, for that one cell."""

    def __init__(self, ledger: Ledger, parent: Any = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.scheme: BoardScheme = lb.load_scheme(ledger)
        self.data_: BoardData | None = None
        self._tips: dict[tuple[int, int], str] = {}

    @property
    def board(self) -> BoardData | None:
        """The BoardData shown (None before the first reload)."""
        return self.data_

    # loading
    def reload(self, task_filter: TaskFilter | None = None, columns: str = "problem") -> None:
        data = lb.board_data(self.ledger, task_filter, columns, bands=self.scheme.bands)
        self.set_board(data)

    def set_board(self, data: BoardData, scheme: BoardScheme | None = None) -> None:
        self.beginResetModel()
        self.data_ = data
        if scheme is not None:
            self.scheme = scheme
        self._tips.clear()
        self.endResetModel()

    def set_scheme(self, scheme: BoardScheme) -> None:
        self.scheme = scheme
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # reading
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.columns)

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> Cell | None:
        if self.data_ is None or not index.isValid():
            return None
        return self.data_.cells.get((index.row(), index.column()))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.data_ is None or not index.isValid():
            return None
        cell = self.data_.cells.get((index.row(), index.column()))
        if role == CellRole:
            return cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if cell is None:
                return ""
            parts = [self.scheme.letter(cell.worst), cell.text]
            if cell.total > 1:
                parts.append(f"{cell.total}项")
            return " ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(self.scheme.color(cell.worst if cell else lb.EMPTY)))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(contrast(QColor(self.scheme.color(cell.worst if cell else lb.EMPTY))))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(index.row(), index.column()) if cell is not None else None
        if role == KeyRole:
            return (self.data_.rows[index.row()].key, self.data_.columns[index.column()].key)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.data_ is None:
            return None
        horizontal = orientation == Qt.Orientation.Horizontal
        axes = self.data_.columns if horizontal else self.data_.rows
        if not 0 <= section < len(axes):
            return None
        axis = axes[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return axis.label
        if role not in (Qt.ItemDataRole.ToolTipRole, TotalsRole, KeyRole, GroupRole):
            return None
        totals = (self.data_.column_totals if horizontal else self.data_.row_totals)[
            section
        ]  # rows: lazily read
        if role == Qt.ItemDataRole.ToolTipRole:
            group = self.data_.groups[axis.group].title + "\n" if horizontal and axis.group >= 0 else ""
            text = f"{group}{axis.title}\n" + self.tr("{tasks} tasks, {closed} signed off ({pct}%)").format(
                tasks=totals.tasks, closed=totals.closed, pct=f"{totals.pct_closed:.0f}"
            )
            return text + (self.tr(", {n} overdue").format(n=totals.overdue) if totals.overdue else "")
        if role == TotalsRole:
            return totals
        if role == KeyRole:
            return axis.key
        if role == GroupRole:
            return self.data_.groups[axis.group].label if horizontal and axis.group >= 0 else ""
        return None

    # the tasks behind a cell
    def task_ids(self, index: QModelIndex | QPersistentModelIndex) -> list[str]:
        if self.cell(index) is None or self.data_ is None:
            return []
        return lb.cell_task_ids(self.ledger, self.data_, index.row(), index.column())

    def first_task_id(self, index: QModelIndex | QPersistentModelIndex) -> str:
        if self.cell(index) is None or self.data_ is None:
            return ""
        rowids = lb.cell_task_rowids(self.ledger, self.data_, index.row(), index.column(), limit=1)
        raw = self.ledger.store.task_rows(rowids)
        return str(raw[rowids[0]][1]) if rowids and rowids[0] in raw else ""

    def tooltip(self, row: int, column: int) -> str:
        key = (row, column)
        if key not in self._tips and self.data_ is not None:
            cell = self.data_.cells.get(key)
            tasks = lb.cell_tasks(self.ledger, self.data_, row, column, limit=TOOLTIP_TASKS)
            head = f"<b>{html.escape(self.data_.rows[row].label)}</b> · {html.escape(self.data_.columns[column].title)}"
            lines = []
            for t in tasks:
                state = lb.cell_health(t.status, t.deadline, self.data_.today, self.data_.bands)
                days = lb.days_text(t.days_left(self.data_.today)) if lb.deadline_driven(state) else ""
                deadline = t.deadline.isoformat() if t.deadline else self.tr("No deadline")
                color = self.scheme.color(state)
                lines.append(
                    f"<tr><td><span style='background:{color}'>&nbsp;{html.escape(self.scheme.letter(state))}"
                    f"&nbsp;</span></td><td>{html.escape(t.measure[:40])}</td><td>{html.escape(t.owner)}</td>"
                    f"<td>{deadline} {days}</td><td>{html.escape(words.status(t.status))}</td></tr>"
                )
                if t.return_reason:  # a returned or reopened task says why, here as on the task
                    lines.append(
                        f"<tr><td></td><td colspan='4' style='color:{palette.ACCENT}'>"
                        f"{html.escape(t.return_reason)}</td></tr>"
                    )
            more = (cell.total - len(tasks)) if cell else 0
            tail = (
                "<p>" + self.tr("…and {n} more: click to see them all").format(n=more) + "</p>"
                if more > 0
                else ""
            )
            self._tips[key] = f"<p>{head}</p><table cellspacing='4'>{''.join(lines)}</table>{tail}"
        return self._tips.get(key, "")


# ---- delegate and headers ----------------------------------------------------------------------------------
class BoardDelegate(QStyledItemDelegate):
    """Paints a cell with paint_cell; the today column of the 倒排工期 view gets the accent edges."""

    def __init__(self, model: BoardModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fonts = make_fonts(QFont())

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        data = self.model.data_
        cell = data.cells.get((index.row(), index.column())) if data is not None else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        today = data is not None and data.today_column == index.column()
        painter.save()
        paint_cell(
            painter,
            QRectF(option.rect),
            cell,
            self.model.scheme,
            self.fonts,
            selected=selected,
            today=today,
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(cell_width(self.fonts), cell_height(self.fonts))


def cell_width(fonts: Fonts) -> int:
    """Room for "逾100" in a cell and five characters of a column label."""
    return int(
        max(
            QFontMetricsF(fonts.text).horizontalAdvance("逾100") + 18,
            QFontMetricsF(fonts.header).horizontalAdvance("汉") * 5 + 10,
        )
    )


def cell_height(fonts: Fonts) -> int:
    return int(QFontMetricsF(fonts.letter).height() + QFontMetricsF(fonts.text).height() + 12)


class GroupHeader(QHeaderView):
    """The horizontal header: a band with the column group (category or month) over each column's label."""

    def __init__(self, fonts: Fonts, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.fonts = fonts
        self.setSectionsClickable(True)
        self.setHighlightSections(False)

    def _band(self) -> float:
        model = self.model()
        has_groups = (
            model is not None
            and model.columnCount()
            and any(
                model.headerData(i, Qt.Orientation.Horizontal, GroupRole)
                for i in (0, model.columnCount() - 1)
            )
        )
        return QFontMetricsF(self.fonts.group).height() * 1.6 if has_groups else 0.0

    def label_lines(self) -> int:
        """Lines the longest column label needs at the current widths (at most six)."""
        model = self.model()
        if model is None or not model.columnCount():
            return 1
        fm = QFontMetricsF(self.fonts.header)
        lines = 1
        for i in range(min(model.columnCount(), 400)):
            label = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            lines = max(lines, len(wrap_elide(fm, label, max(10, self.sectionSize(i) - 6), 4)))
        data = model.data_ if isinstance(model, BoardModel) else None
        return min(lines + (1 if data is not None and data.today_column is not None else 0), 5)

    def sizeHint(self) -> QSize:
        model = self.model()
        key = (id(getattr(model, "data_", None)), self.defaultSectionSize(), self.count())
        if getattr(self, "_hint", (None, None))[0] != key:
            line = QFontMetricsF(self.fonts.header).lineSpacing()
            small = QFontMetricsF(self.fonts.small).height()
            height = int(self._band() + line * self.label_lines() + small * 2.2 + 10)
            self._hint = (key, QSize(super().sizeHint().width(), height))
        return QSize(self._hint[1])

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        model = self.model()
        if model is None:
            return
        band = self._band()
        painter.save()
        r = QRectF(rect)
        data: BoardData | None = getattr(model, "data_", None)
        if band and data is not None:
            axis = data.columns[logicalIndex]
            if axis.group >= 0:
                g = data.groups[axis.group]
                x0 = self.sectionViewportPosition(g.first)
                x1 = self.sectionViewportPosition(g.first + g.count - 1) + self.sectionSize(
                    g.first + g.count - 1
                )
                painter.setClipRect(QRectF(r.left(), r.top(), r.width(), band))
                paint_group(
                    painter,
                    QRectF(x0, r.top(), x1 - x0 - 1, band - 1),
                    g.label,
                    self.fonts,
                    QRectF(0, r.top(), self.viewport().width(), band),
                )
                painter.setClipping(False)
        label = str(model.headerData(logicalIndex, Qt.Orientation.Horizontal) or "")
        totals = model.headerData(logicalIndex, Qt.Orientation.Horizontal, TotalsRole)
        today = data is not None and data.today_column == logicalIndex
        paint_column_header(
            painter,
            QRectF(r.left(), r.top() + band, r.width(), r.height() - band),
            label,
            totals,
            self.fonts,
            today=today,
        )
        painter.restore()


class RowHeader(QHeaderView):
    """The vertical header: community names, with 销% and the overdue count at the right."""

    def __init__(self, fonts: Fonts, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.fonts = fonts
        self.setSectionsClickable(True)
        self.setHighlightSections(False)

    def sizeHint(self) -> QSize:
        model = self.model()
        key = (id(getattr(model, "data_", None)), self.count())
        if getattr(self, "_hint", (None, None))[0] != key:
            fm = QFontMetricsF(self.fonts.header)
            small = QFontMetricsF(self.fonts.small)
            names = 0.0
            if model is not None:
                for i in range(min(model.rowCount(), 2000)):
                    names = max(
                        names, fm.horizontalAdvance(str(model.headerData(i, Qt.Orientation.Vertical) or ""))
                    )
            width = min(names, fm.horizontalAdvance("汉") * 9) + small.horizontalAdvance("销100%") + 24
            self._hint = (
                key,
                QSize(int(max(width, fm.horizontalAdvance("汉") * 6)), super().sizeHint().height()),
            )
        return QSize(self._hint[1])

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        model = self.model()
        if model is None:
            return
        painter.save()
        paint_row_header(
            painter,
            QRectF(rect),
            str(model.headerData(logicalIndex, Qt.Orientation.Vertical) or ""),
            model.headerData(logicalIndex, Qt.Orientation.Vertical, TotalsRole),
            self.fonts,
        )
        painter.restore()
