"""The ledger table's cell editor: a date picker for the deadline, a fixed list for the kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QStyledItemDelegate, QWidget

from ledger.core.model import Kind
from ui.common import words
from ui.table.model import COLUMN_INDEX


class EditDelegate(QStyledItemDelegate):
    """Date picker for the deadline, a fixed list for the kind, a line edit for the rest."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
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
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)
