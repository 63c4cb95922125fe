"""The wall chart (挂图督战): a table model over ledger.board, a delegate painting each cell, two-level column
headers, row headers with totals, the legend and the toolbar. The painting helpers also serve the print module."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ledger import board as lb
from ledger.board import BoardData, BoardScheme, Cell, Totals
from ledger.service import Changed, Ledger
from ledger.store import TaskFilter

log = logging.getLogger(__name__)

CellRole = Qt.ItemDataRole.UserRole + 1  # the Cell (or None) behind an index
TotalsRole = Qt.ItemDataRole.UserRole + 2  # header: the row's or column's Totals
GroupRole = Qt.ItemDataRole.UserRole + 3  # horizontal header: the column group's label ("" if none)
KeyRole = Qt.ItemDataRole.UserRole  # cells: (community id, column key); headers: the axis key

HEADER_BG = QColor("#EEF0F2")
GRID = QColor("#C9CDD2")
ACCENT = QColor("#B0252B")  # the restrained 党建 red: today's week, the title rule
INK = QColor("#202124")
OVERDUE_INK = QColor("#C62828")
TOOLTIP_TASKS = 12


# ---- painting shared by the screen and the printer ---------------------------------------------------------
def contrast(bg: QColor) -> QColor:
    """Black or white text, whichever reads better on ``bg``."""
    lum = 0.2126 * bg.redF() ** 2.2 + 0.7152 * bg.greenF() ** 2.2 + 0.0722 * bg.blueF() ** 2.2
    return QColor("#FFFFFF") if lum < 0.22 else INK


@dataclass
class Fonts:
    letter: QFont
    text: QFont
    small: QFont
    header: QFont
    group: QFont


def make_fonts(base: QFont, text_pt: float = 11.0) -> Fonts:
    """Fonts at ``text_pt`` for the days text; letters a little larger and bold."""
    def f(pt: float, bold: bool = False) -> QFont:
        font = QFont(base)
        font.setPointSizeF(pt)
        font.setBold(bold)
        return font
    return Fonts(f(text_pt * 1.15, True), f(text_pt, True), f(text_pt), f(text_pt), f(text_pt, True))


def paint_cell(p: QPainter, rect: QRectF, cell: Cell | None, scheme: BoardScheme, fonts: Fonts, *,
               selected: bool = False, today: bool = False) -> None:
    """A cell: its state's colour, the state letter top left, the task count top right when several, the days
    (逾3 / 剩5) below, and a thin bar of the states' shares along the bottom for cells of several tasks."""
    state = cell.worst if cell is not None else lb.EMPTY
    bg = QColor(scheme.color(state))
    p.fillRect(rect, bg)
    unit = max(1.0, rect.height() / 40.0)
    if state == lb.NOT_STARTED:
        pen = QPen(QColor(scheme.border), 1.6 * unit)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        inset = 2.5 * unit
        p.drawRect(rect.adjusted(inset, inset, -inset, -inset))
    if today:
        p.fillRect(QRectF(rect.left(), rect.top(), 2.5 * unit, rect.height()), ACCENT)
        p.fillRect(QRectF(rect.right() - 2.5 * unit, rect.top(), 2.5 * unit, rect.height()), ACCENT)
    if cell is not None:
        fg = contrast(bg)
        p.setPen(fg)
        pad = 4.0 * unit
        bar = 4.0 * unit if cell.total > 1 else 0.0
        inner = rect.adjusted(pad, 1.5 * unit, -pad, -1.5 * unit - bar)
        half = inner.height() / 2
        top = QRectF(inner.left(), inner.top(), inner.width(), half)
        bottom = QRectF(inner.left(), inner.top() + half, inner.width(), half)
        p.setFont(fonts.letter)
        p.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, scheme.letter(state))
        if cell.total > 1:
            p.setFont(fonts.small)
            p.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{cell.total}项")
        text = cell.text
        if not text and cell.total > 1 and cell.closed:
            text = f"销{cell.closed}"
        if text:
            p.setFont(fonts.text)
            p.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text)
        if bar:
            _paint_share_bar(p, QRectF(rect.left(), rect.bottom() - bar, rect.width(), bar), cell, scheme)
    if selected:
        pen = QPen(INK, 2.5 * unit)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect.adjusted(1.25 * unit, 1.25 * unit, -1.25 * unit, -1.25 * unit))


def _paint_share_bar(p: QPainter, rect: QRectF, cell: Cell, scheme: BoardScheme) -> None:
    p.fillRect(rect, QColor("#FFFFFF"))
    x = rect.left()
    inner = rect.adjusted(0, rect.height() * 0.25, 0, 0)
    for state in sorted(cell.counts, key=lb.state_rank):
        w = inner.width() * cell.counts[state] / cell.total
        color = QColor(scheme.color(state))
        if state == lb.NOT_STARTED:
            color = QColor(scheme.border)
        p.fillRect(QRectF(x, inner.top(), w, inner.height()), color)
        x += w


def legend_items(scheme: BoardScheme) -> list[tuple[str, str]]:
    return [(state, scheme.label(state)) for state in scheme.states()]


def legend_layout(rect: QRectF, scheme: BoardScheme, font: QFont) -> tuple[list[tuple[str, str, QRectF, QRectF]], float]:
    """Where each legend item goes (state, label, swatch, label box), wrapped into lines; and the height used."""
    fm = QFontMetricsF(font)
    sw = fm.height() * 1.25
    gap = fm.horizontalAdvance("汉")
    x, y = rect.left(), rect.top()
    out = []
    for state, label in legend_items(scheme):
        width = sw + gap * 0.4 + fm.horizontalAdvance(label) + gap * 1.2
        if x + width > rect.right() and x > rect.left():
            x, y = rect.left(), y + sw + fm.height() * 0.35
        out.append((state, label, QRectF(x, y, sw, sw), QRectF(x + sw + gap * 0.4, y, width, sw)))
        x += width
    return out, y + sw - rect.top()


def paint_legend(p: QPainter, rect: QRectF, scheme: BoardScheme, font: QFont) -> float:
    """Swatches (the colour with its letter) and labels; returns the height used."""
    items, height = legend_layout(rect, scheme, font)
    p.setFont(font)
    width = max(1.0, QFontMetricsF(font).height() / 18.0)
    for state, label, box, text_box in items:
        bg = QColor(scheme.color(state))
        p.fillRect(box, bg)
        p.setPen(QPen(QColor(scheme.border) if state in (lb.NOT_STARTED, lb.EMPTY) else bg.darker(125), width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(box)
        p.setPen(contrast(bg))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, scheme.letter(state))
        p.setPen(INK)
        p.drawText(text_box, Qt.AlignmentFlag.AlignVCenter, label)
    return height


def totals_text(t: Totals) -> str:
    return f"销{t.pct_closed:.0f}%" if t.tasks else ""


def hairline(fonts: Fonts) -> float:
    """A grid line: one pixel on screen, about half a point on paper."""
    return max(1.0, QFontMetricsF(fonts.small).height() / 24.0)


def paint_row_header(p: QPainter, rect: QRectF, label: str, totals: Totals | None, fonts: Fonts) -> None:
    p.fillRect(rect, HEADER_BG)
    p.setPen(QPen(GRID, hairline(fonts)))
    p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
    p.drawLine(QPointF(rect.right(), rect.top()), QPointF(rect.right(), rect.bottom()))
    fm = QFontMetricsF(fonts.small)
    pad = fm.horizontalAdvance("汉") * 0.4
    right_w = fm.horizontalAdvance("销100%") + pad
    inner = rect.adjusted(pad, 0, -pad, 0)
    if totals is not None and totals.tasks:
        upper = QRectF(inner.right() - right_w, inner.top(), right_w, inner.height() / 2)
        lower = QRectF(inner.right() - right_w, inner.top() + inner.height() / 2, right_w, inner.height() / 2)
        p.setFont(fonts.small)
        p.setPen(INK)
        p.drawText(upper, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, totals_text(totals))
        if totals.overdue:
            p.setPen(OVERDUE_INK)
            p.drawText(lower, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"逾期{totals.overdue}")
        inner.setRight(inner.right() - right_w)
    p.setFont(fonts.header)
    p.setPen(INK)
    name = QFontMetricsF(fonts.header).elidedText(label, Qt.TextElideMode.ElideRight, inner.width())
    p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)


def wrap_elide(fm: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` (anywhere: Chinese has no spaces), eliding the last line."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and fm.horizontalAdvance(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1:])
        lines = lines[: max_lines - 1] + [fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


def paint_column_header(p: QPainter, rect: QRectF, label: str, totals: Totals | None, fonts: Fonts, *,
                        today: bool = False) -> None:
    """A column's label (wrapped) and, on its last line, 销% and the overdue count."""
    p.fillRect(rect, QColor("#FBE9E7") if today else HEADER_BG)
    p.setPen(QPen(GRID, hairline(fonts)))
    p.drawLine(QPointF(rect.right(), rect.top()), QPointF(rect.right(), rect.bottom()))
    p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
    fm = QFontMetricsF(fonts.small)
    pad = fm.height() * 0.18
    line = fm.height()
    foot = QRectF(rect.left() + pad, rect.bottom() - line * (2.1 if totals and totals.overdue else 1.1),
                  rect.width() - 2 * pad, line * (2 if totals and totals.overdue else 1))
    body = QRectF(rect.left() + pad, rect.top() + pad, rect.width() - 2 * pad, foot.top() - rect.top() - pad)
    p.setFont(fonts.header)
    p.setPen(ACCENT if today else INK)
    hfm = QFontMetricsF(fonts.header)
    max_lines = max(1, int(body.height() // hfm.lineSpacing()))
    lines = wrap_elide(hfm, ("本周\n" if today else "") + label, body.width(), max_lines)
    p.drawText(body, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), "\n".join(lines))
    if totals is not None and totals.tasks:
        p.setFont(fonts.small)
        p.setPen(INK)
        p.drawText(QRectF(foot.left(), foot.top(), foot.width(), line), Qt.AlignmentFlag.AlignHCenter,
                   totals_text(totals))
        if totals.overdue:
            p.setPen(OVERDUE_INK)
            p.drawText(QRectF(foot.left(), foot.top() + line, foot.width(), line), Qt.AlignmentFlag.AlignHCenter,
                       f"逾{totals.overdue}")


def paint_group(p: QPainter, rect: QRectF, label: str, fonts: Fonts, visible: QRectF | None = None) -> None:
    """A column group's band (a category over its problems, a month over its weeks); the label is centred on
    the visible part of the band so that it stays readable when the band is scrolled half away."""
    p.fillRect(rect, QColor("#E2E6EA"))
    p.setPen(QPen(GRID, hairline(fonts)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    shown = rect.intersected(visible) if visible is not None else rect
    p.setFont(fonts.group)
    p.setPen(INK)
    fm = QFontMetricsF(fonts.group)
    text = fm.elidedText(label, Qt.TextElideMode.ElideRight, max(0.0, shown.width() - fm.height() * 0.4))
    p.drawText(shown, Qt.AlignmentFlag.AlignCenter, text)


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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
        totals = (self.data_.column_totals if horizontal else self.data_.row_totals)[section]  # rows: lazily read
        if role == Qt.ItemDataRole.ToolTipRole:
            group = self.data_.groups[axis.group].title + "\n" if horizontal and axis.group >= 0 else ""
            text = f"{group}{axis.title}\n共{totals.tasks}项，已销号{totals.closed}项（{totals.pct_closed:.0f}%）"
            return text + (f"，逾期{totals.overdue}项" if totals.overdue else "")
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
                deadline = t.deadline.isoformat() if t.deadline else "无时限"
                color = self.scheme.color(state)
                lines.append(
                    f"<tr><td><span style='background:{color}'>&nbsp;{html.escape(self.scheme.letter(state))}"
                    f"&nbsp;</span></td><td>{html.escape(t.measure[:40])}</td><td>{html.escape(t.owner)}</td>"
                    f"<td>{deadline} {days}</td><td>{html.escape(t.status.label)}</td></tr>")
                if t.return_reason:  # a returned or reopened task says why, here as on the task
                    lines.append(f"<tr><td></td><td colspan='4' style='color:#b3261e'>"
                                 f"{html.escape(t.return_reason)}</td></tr>")
            more = (cell.total - len(tasks)) if cell else 0
            tail = f"<p>……还有 {more} 项，点击查看全部</p>" if more > 0 else ""
            self._tips[key] = f"<p>{head}</p><table cellspacing='4'>{''.join(lines)}</table>{tail}"
        return self._tips.get(key, "")


# ---- delegate and headers ----------------------------------------------------------------------------------
class BoardDelegate(QStyledItemDelegate):
    """Paints a cell with paint_cell; the today column of the 倒排工期 view gets the accent edges."""

    def __init__(self, model: BoardModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fonts = make_fonts(QFont())

    def set_base_font(self, font: QFont) -> None:
        self.fonts = make_fonts(font, max(11.0, font.pointSizeF()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        data = self.model.data_
        cell = data.cells.get((index.row(), index.column())) if data is not None else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        today = data is not None and data.today_column == index.column()
        painter.save()
        paint_cell(painter, QRectF(option.rect), cell, self.model.scheme, self.fonts,  # type: ignore[attr-defined]
                   selected=selected, today=today)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(cell_width(self.fonts), cell_height(self.fonts))


def cell_width(fonts: Fonts) -> int:
    """Room for "逾100" in a cell and five characters of a column label."""
    return int(max(QFontMetricsF(fonts.text).horizontalAdvance("逾100") + 18,
                   QFontMetricsF(fonts.header).horizontalAdvance("汉") * 5 + 10))


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
        has_groups = model is not None and model.columnCount() and any(
            model.headerData(i, Qt.Orientation.Horizontal, GroupRole) for i in (0, model.columnCount() - 1))
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
        return min(lines + (1 if getattr(model, "data_", None) and model.data_.today_column is not None else 0), 5)

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
                x1 = self.sectionViewportPosition(g.first + g.count - 1) + self.sectionSize(g.first + g.count - 1)
                painter.setClipRect(QRectF(r.left(), r.top(), r.width(), band))
                paint_group(painter, QRectF(x0, r.top(), x1 - x0 - 1, band - 1), g.label, self.fonts,
                            QRectF(0, r.top(), self.viewport().width(), band))
                painter.setClipping(False)
        label = str(model.headerData(logicalIndex, Qt.Orientation.Horizontal) or "")
        totals = model.headerData(logicalIndex, Qt.Orientation.Horizontal, TotalsRole)
        today = data is not None and data.today_column == logicalIndex
        paint_column_header(painter, QRectF(r.left(), r.top() + band, r.width(), r.height() - band), label,
                            totals, self.fonts, today=today)
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
                    names = max(names, fm.horizontalAdvance(str(model.headerData(i, Qt.Orientation.Vertical) or "")))
            width = min(names, fm.horizontalAdvance("汉") * 9) + small.horizontalAdvance("销100%") + 24
            self._hint = (key, QSize(int(max(width, fm.horizontalAdvance("汉") * 6)), super().sizeHint().height()))
        return QSize(self._hint[1])

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        model = self.model()
        if model is None:
            return
        painter.save()
        paint_row_header(painter, QRectF(rect), str(model.headerData(logicalIndex, Qt.Orientation.Vertical) or ""),
                         model.headerData(logicalIndex, Qt.Orientation.Vertical, TotalsRole), self.fonts)
        painter.restore()


class LegendWidget(QWidget):
    """The always-visible key: every colour with its letter and label."""

    def __init__(self, scheme: BoardScheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme = scheme

    def set_scheme(self, scheme: BoardScheme) -> None:
        self.scheme = scheme
        self.updateGeometry()
        self.update()

    def _height_for(self, width: int) -> int:
        return int(legend_layout(QRectF(0, 0, max(200, width - 4), 1000), self.scheme, self.font())[1]) + 6

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_for(width)

    def sizeHint(self) -> QSize:
        return QSize(900, self._height_for(self.width() or 900))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._height_for(self.width() or 900))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.height() != self._height_for(self.width()):
            self.updateGeometry()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        paint_legend(p, QRectF(2, 3, self.width() - 4, self.height() - 3), self.scheme, self.font())
        p.end()


class BigFigure(QWidget):
    """A caption over a number in large type (the header's 已销号 % and 逾期 count)."""

    def __init__(self, caption: str, color: QColor = INK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(30)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {color.name()};")
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 12, 0)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)


# ---- the view ----------------------------------------------------------------------------------------------
class BoardView(QWidget):
    """The 挂图督战 tab. ``tasksActivated(list)`` gives the task ids of a clicked cell; ``taskHovered(str)`` the
    most urgent task of the cell under the mouse ("" over an empty cell). It subscribes to nothing: the window
    calls ``set_filter`` / ``refresh`` / ``on_changed``."""

    tasksActivated = Signal(list)
    taskHovered = Signal(str)
    columnsChanged = Signal(str)
    schemeChanged = Signal(object)

    MODES = ("problem", "category", "owner", "week")

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, columns: str = "problem") -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.ledger = ledger
        self._filter = TaskFilter()
        self._columns = columns
        self._hovered: tuple[int, int] = (-1, -1)
        self.model = BoardModel(ledger, self)
        self.fonts = make_fonts(self.font(), max(11.0, self.font().pointSizeF()))

        self.table = QTableView(self)
        self.table.setObjectName("boardTable")
        self.delegate = BoardDelegate(self.model, self.table)
        self.delegate.fonts = self.fonts
        self.table.setItemDelegate(self.delegate)
        self.table.setHorizontalHeader(GroupHeader(self.fonts, self.table))
        self.table.setVerticalHeader(RowHeader(self.fonts, self.table))
        self.table.setModel(self.model)
        self.table.setShowGrid(True)
        self.table.setGridStyle(Qt.PenStyle.SolidLine)
        self.table.setStyleSheet("QTableView { gridline-color: #FFFFFF; background: #FFFFFF; }")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMouseTracking(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setCornerButtonEnabled(False)
        for header, size in ((self.table.horizontalHeader(), cell_width(self.fonts)),
                             (self.table.verticalHeader(), cell_height(self.fonts))):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(size)
            header.setMinimumSectionSize(size)
        self.table.clicked.connect(self._clicked)
        self.table.entered.connect(self._entered)
        self.table.viewportEntered.connect(lambda: self._entered(QModelIndex()))
        self.table.installEventFilter(self)  # Enter on the current cell activates it, like a click

        # the header: title and date at the left, the figures that matter in large type at the right
        self.title = QLabel()
        self.title.setObjectName("boardTitle")
        font = self.title.font()
        font.setPointSizeF(18)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.fig_closed = BigFigure(self.tr("Signed off"))
        self.fig_overdue = BigFigure(self.tr("Overdue"), OVERDUE_INK)
        self.fig_tasks = BigFigure(self.tr("Tasks"))
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        for fig in (self.fig_tasks, self.fig_closed, self.fig_overdue):
            head.addWidget(fig)

        # the toolbar: what the columns are, and the colours
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Columns:")))
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_buttons: dict[str, QToolButton] = {}
        names = {"problem": self.tr("Problems"), "category": self.tr("Categories"), "owner": self.tr("Owners"),
                 "week": self.tr("Weeks to deadline")}
        tips = {"problem": self.tr("One column per problem, grouped by category"),
                "category": self.tr("One column per category"),
                "owner": self.tr("One column per responsible person"),
                "week": self.tr("One column per deadline week, scheduled backwards; this week is marked")}
        for mode in self.MODES:
            btn = QToolButton()
            btn.setText(names[mode])
            btn.setToolTip(tips[mode])
            btn.setCheckable(True)
            btn.setObjectName(f"boardMode_{mode}")
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.mode_group.addButton(btn)
            self.mode_buttons[mode] = btn
            bar.addWidget(btn)
            btn.clicked.connect(lambda _c=False, m=mode: self.set_columns(m))
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Colours:")))
        self.scheme_box = QComboBox()
        self.scheme_box.setObjectName("boardScheme")
        self.scheme_box.setToolTip(self.tr("Colour scheme of the chart, saved in the ledger"))
        for key, preset in lb.PRESETS.items():
            self.scheme_box.addItem(preset.name, key)
        self.scheme_box.addItem(self.tr("Custom"), "custom")
        self.scheme_box.activated.connect(self._preset_chosen)
        bar.addWidget(self.scheme_box)
        self.settings_button = QPushButton(self.tr("Colours and warnings…"))
        self.settings_button.setToolTip(self.tr("Change each colour and the warning days before deadlines"))
        self.settings_button.clicked.connect(self.edit_scheme)
        bar.addWidget(self.settings_button)
        bar.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print the chart on A3 landscape sheets"))
        self.print_button.clicked.connect(self.print_chart)
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setToolTip(self.tr("Save the chart as a PDF to print or send"))
        self.export_button.clicked.connect(self.export_pdf)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)

        self.legend = LegendWidget(self.model.scheme)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(head)
        lay.addLayout(bar)
        lay.addWidget(self.legend)
        lay.addWidget(self.table, 1)
        self.mode_buttons[columns].setChecked(True)
        self._sync_scheme_box()
        self.refresh()

    # public API
    @property
    def scheme(self) -> BoardScheme:
        return self.model.scheme

    def columns(self) -> str:
        return self._columns

    def set_filter(self, task_filter: TaskFilter | None) -> None:
        self._filter = task_filter or TaskFilter()
        self.refresh()

    def set_columns(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(mode)
        self.mode_buttons[mode].setChecked(True)
        if mode != self._columns:
            self._columns = mode
            self.table.horizontalScrollBar().setValue(0)
            self.refresh()
            self.columnsChanged.emit(mode)

    def refresh(self) -> None:
        """Recompute the chart from the ledger (keeps the scroll position)."""
        h, v = self.table.horizontalScrollBar().value(), self.table.verticalScrollBar().value()
        self.model.reload(self._filter, self._columns)
        self._fit_columns()
        self.table.horizontalScrollBar().setValue(h)
        self.table.verticalScrollBar().setValue(v)
        self._update_header()

    def on_changed(self, changed: Changed) -> None:
        if "setting" in changed.tables:
            scheme = lb.load_scheme(self.ledger)
            if scheme != self.model.scheme:
                self.set_scheme(scheme, save=False)
        if changed.tables & {"task", "community", "category", "problem", "setting"}:
            self.refresh()

    def set_scheme(self, scheme: BoardScheme, *, save: bool = True) -> None:
        """Use ``scheme``; with ``save`` it is stored in the ledger (journalled)."""
        if save:
            lb.save_scheme(self.ledger, scheme)
        bands_changed = scheme.bands != self.model.scheme.bands
        self.model.set_scheme(scheme)
        self.legend.set_scheme(scheme)
        self._sync_scheme_box()
        if bands_changed:
            self.refresh()
        self.table.viewport().update()
        self.schemeChanged.emit(scheme)

    def edit_scheme(self) -> None:
        from ui.board_settings import BoardSettingsDialog
        scheme = BoardSettingsDialog.ask(self, self.ledger)
        if scheme is not None:
            self.set_scheme(scheme, save=False)

    def print_chart(self) -> None:
        from ui.board_print import print_board
        print_board(self, self.ledger, columns=self._columns, task_filter=self._filter)

    def export_pdf(self) -> None:
        from ui.board_print import export_with_dialog
        export_with_dialog(self, self.ledger, columns=self._columns, task_filter=self._filter)

    # internals
    def _fit_columns(self) -> None:
        """Few columns share the width (up to 240 px each); many keep the narrow width and scroll."""
        header = self.table.horizontalHeader()
        n = self.model.columnCount()
        base = cell_width(self.fonts)
        available = self.table.viewport().width() or (self.width() - self.table.verticalHeader().width() - 30)
        width = base if n == 0 or n * base >= available else min(240, available // n)
        if header.defaultSectionSize() != width:
            header.setDefaultSectionSize(width)
        header.updateGeometry()
        self.table.verticalHeader().updateGeometry()
        self.table.updateGeometries()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _update_header(self) -> None:
        data = self.model.data_
        self.title.setText(self.tr("%1 — inspection rectification wall chart").replace("%1", self.ledger.org_name))
        today = self.ledger.today()
        self.subtitle.setText(f"{today.year}年{today.month}月{today.day}日")
        if data is not None:
            self.fig_tasks.value.setText(str(data.total.tasks))
            self.fig_closed.value.setText(f"{data.total.pct_closed:.1f}%")
            self.fig_overdue.value.setText(str(data.total.overdue))

    def _sync_scheme_box(self) -> None:
        key = lb.preset_of(self.model.scheme) or "custom"
        self.scheme_box.setCurrentIndex(max(0, self.scheme_box.findData(key)))

    def _preset_chosen(self, row: int) -> None:
        key = self.scheme_box.itemData(row)
        if key in lb.PRESETS:
            preset = lb.PRESETS[key]
            if len(preset.bands) == 1:
                days = self.ledger.due_soon_days
                preset = preset.with_bands((days,) if days > 0 else (), preset.band_colors if days > 0 else ())
            self.set_scheme(preset)
        else:
            self.edit_scheme()

    def _clicked(self, index: QModelIndex) -> None:
        ids = self.model.task_ids(index)
        if ids:
            self.tasksActivated.emit(ids)

    def _entered(self, index: QModelIndex) -> None:
        key = (index.row(), index.column())
        if key != self._hovered:
            self._hovered = key
            self.taskHovered.emit(self.model.first_task_id(index) if index.isValid() else "")

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentIndex().isValid():
            self._clicked(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)


ZH = {
    "Signed off": "已销号",
    "Overdue": "逾期",
    "Tasks": "任务总数",
    "Columns:": "列：",
    "Problems": "问题",
    "Categories": "类别",
    "Owners": "责任人",
    "Weeks to deadline": "倒排工期",
    "One column per problem, grouped by category": "每个反馈问题一列，按问题类别分组",
    "One column per category": "每个问题类别一列",
    "One column per responsible person": "每位责任人一列",
    "One column per deadline week, scheduled backwards; this week is marked": "按整改时限所在周排列（倒排工期），本周标红",
    "Colours:": "配色：",
    "Colour scheme of the chart, saved in the ledger": "挂图的配色方案，保存在台账中",
    "Custom": "自定义",
    "Colours and warnings…": "配色与预警…",
    "Change each colour and the warning days before deadlines": "修改各状态颜色和到期前的预警天数",
    "Print…": "打印…",
    "Print the chart on A3 landscape sheets": "用 A3 横向纸打印挂图",
    "Export PDF…": "导出 PDF…",
    "Save the chart as a PDF to print or send": "把挂图存为 PDF，便于打印或报送",
    "%1 — inspection rectification wall chart": "%1巡察整改挂图督战",
}
