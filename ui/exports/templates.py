"""The ledger template editor: pick a template, change its columns (header, width, order, which ones), save it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.office import (
    BUILTIN_TEMPLATE,
    COLUMNS,
    DEFAULT_WIDTHS,
    MAX_WIDTH,
    MIN_WIDTH,
    default_template_name,
    delete_template,
    save_template,
    set_default_template,
    templates,
)
from ledger.service import Ledger
from ui.common import messages, palette
from ui.common.util import exec_and_free

KeyRole = Qt.ItemDataRole.UserRole
HEADER_COL, CONTENTS_COL, WIDTH_COL = 0, 1, 2


def hint(label: QLabel) -> QLabel:
    """A grey, wrapped note under a control (the export dialog uses it too)."""
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {palette.MUTED};")
    return label


class _ReadOnly(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> Any:
        return None


class _WidthDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(MIN_WIDTH, MAX_WIDTH)
        return spin


class TemplateDialog(QDialog):
    """Pick a template, change its columns (header text, width, order, which ones), save it under a name."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, current: str | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Ledger templates"))
        self.chosen: str | None = None
        self._loaded = ""
        self._loading = False
        self.dirty = False

        self.template_box = QComboBox()
        self.template_box.setObjectName("templateBox")
        self.template_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.template_box.activated.connect(self._template_picked)
        self.default_button = QPushButton(self.tr("Make default"))
        self.default_button.setObjectName("makeDefault")
        self.default_button.clicked.connect(self.make_default)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteTemplate")
        self.delete_button.clicked.connect(self.delete)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template")))
        top.addWidget(self.template_box, 1)
        top.addWidget(self.default_button)
        top.addWidget(self.delete_button)
        self.builtin_note = hint(
            QLabel(
                self.tr(
                    "The built-in template “{name}” cannot be changed. Change the "
                    "columns, then save them under a new name."
                ).format(name=BUILTIN_TEMPLATE)
            )
        )

        self.available = QListWidget()
        self.available.setObjectName("availableColumns")
        self.available.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.available.itemDoubleClicked.connect(lambda _it: self.add_selected())
        self.tree = QTreeWidget()
        self.tree.setObjectName("templateColumns")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Header"), self.tr("Contents"), self.tr("Width")])
        self.tree.headerItem().setToolTip(
            WIDTH_COL, self.tr("Column width in characters; a Chinese character takes two.")
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setItemDelegateForColumn(CONTENTS_COL, _ReadOnly(self.tree))
        self.tree.setItemDelegateForColumn(WIDTH_COL, _WidthDelegate(self.tree))
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(HEADER_COL, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(CONTENTS_COL, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(WIDTH_COL, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(lambda _it, _col: self._touched())
        model = self.tree.model()
        model.rowsInserted.connect(lambda *_a: self._touched())
        model.rowsRemoved.connect(lambda *_a: self._touched())
        model.rowsMoved.connect(lambda *_a: self._touched())
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())

        self.add_button = QPushButton(self.tr("Add →"))
        self.add_button.setObjectName("addColumn")
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button = QPushButton(self.tr("← Remove"))
        self.remove_button.setObjectName("removeColumn")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.setObjectName("moveUp")
        self.up_button.clicked.connect(lambda: self.move_column(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.setObjectName("moveDown")
        self.down_button.clicked.connect(lambda: self.move_column(1))
        middle = QVBoxLayout()
        middle.addStretch(1)
        for b in (self.add_button, self.remove_button):
            middle.addWidget(b)
        middle.addSpacing(24)
        for b in (self.up_button, self.down_button):
            middle.addWidget(b)
        middle.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Columns you can add")), 0, 0)
        grid.addWidget(QLabel(self.tr("Columns of the ledger, left to right")), 0, 2)
        grid.addWidget(self.available, 1, 0)
        grid.addLayout(middle, 1, 1)
        grid.addWidget(self.tree, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 5)
        tip = hint(
            QLabel(
                self.tr(
                    "Double-click a header or a width to change it; drag a row, or use Move up and "
                    "Move down, to change the order."
                )
            )
        )

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("templateName")
        self.name_edit.setPlaceholderText(self.tr("Template name, e.g. 简版"))
        self.name_edit.setMaxLength(40)
        save = QPushButton(self.tr("Save template"))
        save.setObjectName("saveTemplate")
        save.clicked.connect(lambda: self.save())
        self.name_edit.returnPressed.connect(lambda: self.save())
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Save as")))
        bottom.addWidget(self.name_edit, 1)
        bottom.addWidget(save)
        self.status = QLabel()
        self.status.setObjectName("templateStatus")
        self.status.setStyleSheet(f"color: {palette.SAVED};")

        buttons = QDialogButtonBox()
        use = buttons.addButton(self.tr("Use this template"), QDialogButtonBox.ButtonRole.AcceptRole)
        use.setObjectName("useTemplate")
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._use)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.builtin_note)
        layout.addLayout(grid, 1)
        layout.addWidget(tip)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 760), 560)

        self.reload(current or default_template_name(ledger))

    # -- loading
    def reload(self, select: str) -> None:
        """Fill the template list and load ``select`` (or the default, if it is gone)."""
        default = default_template_name(self.ledger)
        names = list(templates(self.ledger))
        if select not in names:
            select = default
        self.template_box.clear()
        for name in names:
            self.template_box.addItem(
                self.tr("{name} (default)").format(name=name) if name == default else name, name
            )
        self.template_box.setCurrentIndex(self.template_box.findData(select))
        self.load(select)

    def load(self, name: str) -> None:
        cols = templates(self.ledger).get(name, [])
        self._loading = True
        try:
            self.tree.clear()
            for c in cols:
                if isinstance(c, dict) and c.get("key") in COLUMNS:
                    self.tree.addTopLevelItem(
                        self._item(c["key"], str(c.get("title") or COLUMNS[c["key"]]), c.get("width"))
                    )
            self._fill_available()
        finally:
            self._loading = False
        self._loaded = name
        self.dirty = False
        builtin = name == BUILTIN_TEMPLATE
        self.builtin_note.setVisible(builtin)
        self.name_edit.setText("" if builtin else name)
        self.status.clear()
        self._update_buttons()

    def _item(self, key: str, title: str, width: Any = None) -> QTreeWidgetItem:
        if isinstance(width, bool) or not isinstance(width, int | float):
            width = DEFAULT_WIDTHS[key]
        item = QTreeWidgetItem()
        item.setText(HEADER_COL, title)
        item.setText(CONTENTS_COL, COLUMNS[key])
        item.setData(WIDTH_COL, Qt.ItemDataRole.EditRole, round(width))
        item.setData(HEADER_COL, KeyRole, key)
        item.setToolTip(HEADER_COL, COLUMNS[key])
        item.setFlags(
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        return item

    def _fill_available(self) -> None:
        used = set(self.keys())
        self.available.clear()
        for key, title in COLUMNS.items():
            if key not in used:
                it = QListWidgetItem(title)
                it.setData(KeyRole, key)
                self.available.addItem(it)

    # -- reading
    def _items(self) -> list[QTreeWidgetItem]:
        """The column rows in order (topLevelItem(i) is None only for an index out of range)."""
        root = self.tree.invisibleRootItem()
        return [it for i in range(root.childCount()) if (it := root.child(i)) is not None]

    def keys(self) -> list[str]:
        return [it.data(HEADER_COL, KeyRole) for it in self._items()]

    def columns(self) -> list[dict[str, Any]]:
        """The columns as save_template takes them: [{"key", "title", "width"}, …] in order."""
        out = []
        for it in self._items():
            out.append(
                {
                    "key": it.data(HEADER_COL, KeyRole),
                    "title": it.text(HEADER_COL).strip(),
                    "width": it.data(WIDTH_COL, Qt.ItemDataRole.EditRole),
                }
            )
        return out

    # -- editing
    def _touched(self) -> None:
        if not self._loading:
            self.dirty = True
            self.status.clear()
            self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.tree.currentItem()
        row = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.tree.topLevelItemCount() - 1)
        builtin = self._loaded == BUILTIN_TEMPLATE
        self.delete_button.setEnabled(not builtin)
        self.default_button.setEnabled(self._loaded != default_template_name(self.ledger))

    def add_selected(self) -> None:
        picked = self.available.selectedItems() or (
            [self.available.currentItem()] if self.available.currentItem() else []
        )
        current = self.tree.currentItem()
        at = self.tree.indexOfTopLevelItem(current) + 1 if current else self.tree.topLevelItemCount()
        last = None
        for it in picked:
            key = it.data(KeyRole)
            last = self._item(key, COLUMNS[key])
            self.tree.insertTopLevelItem(at, last)
            at += 1
            self.available.takeItem(self.available.row(it))
        if last is not None:
            self.tree.setCurrentItem(last)
        self._update_buttons()

    def remove_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        self.tree.takeTopLevelItem(row)
        self._fill_available()
        items = self._items()
        if items:
            self.tree.setCurrentItem(items[min(row, len(items) - 1)])
        self._update_buttons()

    def move_column(self, delta: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        to = row + delta
        if not 0 <= to < self.tree.topLevelItemCount():
            return
        self.tree.takeTopLevelItem(row)
        self.tree.insertTopLevelItem(to, item)
        self.tree.setCurrentItem(item)
        self._update_buttons()

    # -- the template list
    def _may_leave(self) -> bool:
        return not self.dirty or messages.confirm(
            self,
            self.tr("The columns of “{name}” have unsaved changes. Discard them?").format(name=self._loaded),
        )

    def _template_picked(self, _index: int) -> None:
        name = self.template_box.currentData()
        if name == self._loaded:
            return
        if not self._may_leave():
            self.template_box.setCurrentIndex(self.template_box.findData(self._loaded))
            return
        self.load(name)

    def save(self, name: str | None = None) -> bool:
        """Save the columns under ``name`` (default: the name field); a sentence and nothing saved if invalid."""
        name = (self.name_edit.text() if name is None else name).strip()
        if (
            name
            and name != self._loaded
            and name in templates(self.ledger)
            and name != BUILTIN_TEMPLATE
            and not messages.confirm(
                self,
                self.tr("There is already a template named “{name}”. Replace its columns with these?").format(
                    name=name
                ),
            )
        ):
            return False
        try:
            save_template(self.ledger, name, self.columns())
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        self.reload(name)
        self.status.setText(self.tr("Saved the template “{name}”.").format(name=name))
        return True

    def make_default(self) -> None:
        try:
            set_default_template(self.ledger, self._loaded)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        dirty, columns = self.dirty, self.columns()
        self.reload(self._loaded)
        if dirty:  # keep the unsaved edits on screen
            self._restore(columns)
        self.status.setText(self.tr("“{name}” is now the default template.").format(name=self._loaded))

    def _restore(self, columns: list[dict[str, Any]]) -> None:
        self._loading = True
        try:
            self.tree.clear()
            for c in columns:
                self.tree.addTopLevelItem(self._item(c["key"], c["title"], c["width"]))
            self._fill_available()
        finally:
            self._loading = False
        self.dirty = True

    def delete(self) -> None:
        name = self._loaded
        if name == BUILTIN_TEMPLATE or not messages.confirm(
            self,
            self.tr("Delete the template “{name}”? Files already exported are not affected.").format(
                name=name
            ),
            destructive=True,
        ):
            return
        try:
            delete_template(self.ledger, name)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        self.reload(default_template_name(self.ledger))

    def _use(self) -> None:
        if not self._may_leave():
            return
        self.chosen = self._loaded
        self.accept()

    def reject(self) -> None:
        if self._may_leave():
            super().reject()

    @classmethod
    def ask(cls, ledger: Ledger, parent: QWidget | None = None, current: str | None = None) -> str | None:
        """The template to use (None when closed without choosing); saves happen inside the dialog."""
        dlg = cls(ledger, parent, current)
        return dlg.chosen if exec_and_free(dlg) == QDialog.DialogCode.Accepted else None
