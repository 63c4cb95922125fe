"""The ledger table's cells: the state as a chip (the wall chart's colour and letter, then the state's word), a line
above each problem's group of rows, and the editors (a date picker for the deadline, a fixed list for the kind).

Qt paints every cell itself: the chip is the state cell's icon (one small picture per colour and letter, drawn once)
and the group lines are drawn once per paint of the table, not once per cell. A delegate painting each of the ~500
cells of a screen in Python, with QStyle's types, cost ~5 ms of the window's first paint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from ledger.board.scheme import BoardScheme, cell_health, load_scheme
from ledger.core.model import Kind
from ui.common import palette, words
from ui.table.model import COLUMN_INDEX, GroupStartRole, TaskTableModel


def readable_on(colour: QColor) -> QColor:
    """Ink or paper, whichever reads on ``colour``."""
    return QColor(palette.INK if colour.lightnessF() > 0.6 else palette.PAPER)


class LedgerTable(QTableView):
    """The ledger table: a line above the first row of each problem's group, drawn across the row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, set up as Qt sets up its own: the first ``viewport()`` call on the one Qt makes asks
        # PySide6 which Python type it is, and that creates every widget type of QtWidgets (~56 M instructions,
        # ~5% of the start-up) before the first paint.
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None:
            return
        top, bottom = event.rect().top(), event.rect().bottom()
        first = self.rowAt(top)
        if first < 0:
            return
        last = self.rowAt(bottom)
        last = model.rowCount() - 1 if last < 0 else last
        right = self.horizontalHeader().length() - self.horizontalOffset()
        painter = QPainter(self.viewport())
        painter.setPen(QPen(QColor(palette.FRAME), 1))
        for row in range(max(first, 1), last + 1):
            if model.index(row, 0).data(GroupStartRole):
                y = self.rowViewportPosition(row)
                painter.drawLine(0, y, right, y)
        painter.end()


class EditDelegate(QStyledItemDelegate):
    """Date picker for the deadline, a fixed list for the kind, a line edit for the rest."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        # The editors' Qt types are made on first use (~6 ms that the window's first paint need not wait for).
        from PySide6.QtWidgets import QComboBox, QDateEdit

        if index.column() == COLUMN_INDEX["deadline"]:
            ed = QDateEdit(parent)
            ed.setCalendarPopup(True)
            ed.setDisplayFormat("yyyy-MM-dd")
            return ed
        if index.column() == COLUMN_INDEX["kind"]:
            box = QComboBox(parent)
            for k in Kind:
                box.addItem(words.word(k.value), k.value)
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        from PySide6.QtWidgets import QComboBox, QDateEdit

        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        if isinstance(editor, QDateEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            if value is not None and value.isValid():
                editor.setDate(value)
            return
        super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        from PySide6.QtWidgets import QComboBox

        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)


class StateChipDelegate(EditDelegate):
    """The state column: the wall chart's colour and letter as the cell's icon, then the state's word in the table's
    own weight (the chip says how late it is)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._scheme: BoardScheme | None = None
        self._chips: dict[tuple[str, str, int, float, bool], QIcon] = {}
        self._watched: TaskTableModel | None = None  # the model whose reloads make the scheme be read again

    def scheme(self, model: TaskTableModel) -> BoardScheme:
        """The wall chart's colours and letters (read again when the model reloads)."""
        if self._scheme is None:
            if self._watched is not model:  # connected once per model, not on every reload
                self._watched = model
                model.reloaded.connect(self._forget_scheme)
            self._scheme = load_scheme(model.ledger)
        return self._scheme

    def _forget_scheme(self, _rows: int = 0) -> None:
        self._scheme = None
        self._chips.clear()

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        if not isinstance(model, TaskTableModel):
            return
        t = model.task_at(index.row())
        if t is None:
            return
        scheme = self.scheme(model)
        state = cell_health(t.status, t.deadline, model.ledger.today(), scheme.bands)
        font = QFont(option.font)
        font.setBold(False)
        option.font = font
        side = option.fontMetrics.height() + 6
        option.icon = self.chip(scheme, state, side, font)
        option.decorationSize = QSize(side, side)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

    def chip(self, scheme: BoardScheme, state: str, side: int, font: QFont) -> QIcon:
        """A rounded square in the state's colour with its letter, ``side`` pixels wide (drawn once)."""
        widget = self.parent()
        ratio = widget.devicePixelRatioF() if isinstance(widget, QWidget) else 1.0
        colour = QColor(scheme.color(state))
        framed = colour.lightnessF() > 0.9
        key = (colour.name(), scheme.letter(state), side, ratio, framed)
        icon = self._chips.get(key)
        if icon is not None:
            return icon
        picture = QPixmap(round(side * ratio), round(side * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(scheme.border), 1) if framed else Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 3, 3)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(readable_on(colour))
        painter.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, key[1])
        painter.end()
        icon = QIcon()
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):  # selected: the same chip, not tinted
            icon.addPixmap(picture, mode)
        self._chips[key] = icon
        return icon
