"""The ledger table's cells: the state as a chip (the wall chart's colour and letter, then the state's word), a line
above each problem's group of rows, and the editors (a date picker for the deadline, a fixed list for the kind)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ledger.board.scheme import BoardScheme, cell_health, load_scheme
from ledger.core.model import Kind
from ui.common import palette, words
from ui.table.model import COLUMN_INDEX, GroupStartRole


def readable_on(colour: QColor) -> QColor:
    """Ink or paper, whichever reads on ``colour``."""
    return QColor(palette.INK if colour.lightnessF() > 0.6 else palette.PAPER)


class EditDelegate(QStyledItemDelegate):
    """Date picker for the deadline, a fixed list for the kind, a line edit for the rest; paints the state chip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._scheme: BoardScheme | None = None

    def scheme(self, model: Any) -> BoardScheme:
        """The wall chart's colours and letters (read again when the model reloads)."""
        if self._scheme is None:
            self._scheme = load_scheme(model.ledger)
            model.reloaded.connect(self._forget_scheme)
        return self._scheme

    def _forget_scheme(self, _rows: int = 0) -> None:
        self._scheme = None

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = index.model()
        if index.column() == COLUMN_INDEX["status"] and hasattr(model, "task_at"):
            self._paint_chip(painter, option, index)
        else:
            super().paint(painter, option, index)
        if index.row() > 0 and index.data(GroupStartRole):
            painter.save()
            painter.setPen(QPen(QColor(palette.FRAME), 1))
            painter.drawLine(option.rect.topLeft(), option.rect.topRight())
            painter.restore()

    def _paint_chip(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = index.model()
        t = model.task_at(index.row())  # type: ignore[attr-defined]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if t is None:
            return
        scheme = self.scheme(model)
        state = cell_health(t.status, t.deadline, model.ledger.today(), scheme.bands)  # type: ignore[attr-defined]
        colour = QColor(scheme.color(state))
        letter = scheme.letter(state)
        rect = QRectF(option.rect).adjusted(4, 3, -4, -3)
        side = rect.height()
        square = QRectF(rect.left(), rect.top(), side, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(scheme.border), 1) if colour.lightnessF() > 0.9 else Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(square, 3, 3)
        font = opt.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(readable_on(colour))
        painter.drawText(square, Qt.AlignmentFlag.AlignCenter, letter)
        font.setBold(False)
        painter.setFont(font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
        text_rect = rect.adjusted(side + 6, 0, 0, 0)
        text = opt.fontMetrics.elidedText(
            words.status(t.status), Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
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

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
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

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        from PySide6.QtWidgets import QComboBox

        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)
