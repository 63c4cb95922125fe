"""Communities, categories and problems: add, rename, reorder, delete (empty ones only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common import messages


class StructureDialog(QDialog):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Communities and problems"))
        self.resize(720, 520)
        self.communities = QListWidget()
        self.communities.setObjectName("communities")
        self.problems = QTreeWidget()
        self.problems.setObjectName("problems")
        self.problems.setHeaderHidden(True)
        tabs = QTabWidget()
        tabs.addTab(
            self._with_buttons(
                self.communities,
                [
                    (self.tr("Add…"), self.add_community),
                    (self.tr("Rename…"), self.rename_community),
                    (self.tr("Move up"), lambda: self.move_community(-1)),
                    (self.tr("Move down"), lambda: self.move_community(1)),
                    (self.tr("Delete"), self.delete_community),
                ],
            ),
            self.tr("Communities"),
        )
        tabs.addTab(
            self._with_buttons(
                self.problems,
                [
                    (self.tr("Add category…"), self.add_category),
                    (self.tr("Add problem…"), self.add_problem),
                    (self.tr("Rename…"), self.rename_item),
                    (self.tr("Move up"), lambda: self.move_item(-1)),
                    (self.tr("Move down"), lambda: self.move_item(1)),
                    (self.tr("Delete"), self.delete_item),
                ],
            ),
            self.tr("Categories and problems"),
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(close)
        self.reload()

    def _with_buttons(self, view: QWidget, buttons: list[tuple[str, Callable[[], None]]]) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.addWidget(view, 1)
        col = QVBoxLayout()
        for text, slot in buttons:
            b = QPushButton(text)
            b.clicked.connect(slot)
            col.addWidget(b)
        col.addStretch(1)
        row.addLayout(col)
        return w

    def reload(self) -> None:
        cur = self.communities.currentItem()
        keep = cur.data(Qt.ItemDataRole.UserRole) if cur else None
        self.communities.clear()
        for c in self.ledger.communities():
            item = QListWidgetItem(c["name"])
            item.setData(Qt.ItemDataRole.UserRole, c["id"])
            self.communities.addItem(item)
            if c["id"] == keep:
                self.communities.setCurrentItem(item)
        sel = self.problems.currentItem()
        keep = sel.data(0, Qt.ItemDataRole.UserRole) if sel else None
        self.problems.clear()
        for cat in self.ledger.categories():
            top = QTreeWidgetItem([cat["title"]])
            top.setData(0, Qt.ItemDataRole.UserRole, ("category", cat["id"]))
            self.problems.addTopLevelItem(top)
            for p in self.ledger.problems(cat["id"]):
                child = QTreeWidgetItem([p["title"]])
                child.setData(0, Qt.ItemDataRole.UserRole, ("problem", p["id"]))
                top.addChild(child)
                if ("problem", p["id"]) == keep:
                    self.problems.setCurrentItem(child)
            top.setExpanded(True)
            if ("category", cat["id"]) == keep:
                self.problems.setCurrentItem(top)

    def _run(self, fn: Callable[[], object]) -> None:
        try:
            fn()
        except LedgerError as exc:
            messages.show_error(self, exc)
        self.reload()

    def _text(self, title: str, label: str, value: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=value)
        return text if ok else None

    # communities
    def _community(self) -> str | None:
        item = self.communities.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def add_community(self) -> None:
        name = self._text(self.tr("Add community"), self.tr("Name"))
        if name is not None:
            self._run(lambda: self.ledger.add_community(name))

    def rename_community(self) -> None:
        cid = self._community()
        if cid is None:
            return
        name = self._text(self.tr("Rename community"), self.tr("Name"), self.communities.currentItem().text())
        if name is not None:
            self._run(lambda: self.ledger.update_community(cid, name=name))

    def move_community(self, delta: int) -> None:
        cid = self._community()
        if cid:
            self._run(lambda: self.ledger.move_community(cid, delta))

    def delete_community(self) -> None:
        cid = self._community()
        if cid and messages.confirm(self, self.tr("Delete this community?"), destructive=True):
            self._run(lambda: self.ledger.delete_community(cid))

    # categories and problems
    def _item(self) -> tuple[str, str, str] | None:
        """The chosen category or problem: ("category" or "problem", its id, its title)."""
        item = self.problems.currentItem()
        if item is None:
            return None
        kind, id_ = item.data(0, Qt.ItemDataRole.UserRole)
        return kind, id_, item.text(0)

    def _category_of(self, kind: str, id_: str) -> str:
        """The chosen category, or the chosen problem's; a problem deleted elsewhere since the tree was filled is
        said as the ledger says it, and the tree is filled again (``_run``)."""
        if kind == "category":
            return id_
        problem = self.ledger.store.row("problem", id_)
        if problem is None:
            raise LedgerError("no_such_problem", id=id_)
        return str(problem["category_id"])

    def add_category(self) -> None:
        title = self._text(self.tr("Add category"), self.tr("Title, e.g. 关于……方面的整改"))
        if title is not None:
            self._run(lambda: self.ledger.add_category(title))

    def add_problem(self) -> None:
        sel = self._item()
        if sel is None:
            messages.info(self, self.tr("Choose the category the problem belongs to first."))
            return
        title = self._text(self.tr("Add problem"), self.tr("Title, e.g. 针对……的问题"))
        if title is not None:
            self._run(lambda: self.ledger.add_problem(self._category_of(sel[0], sel[1]), title))

    def rename_item(self) -> None:
        sel = self._item()
        if sel is None:
            return
        title = self._text(self.tr("Rename"), self.tr("Title"), sel[2])
        if title is None:
            return
        if sel[0] == "category":
            self._run(lambda: self.ledger.update_category(sel[1], title))
        else:
            self._run(lambda: self.ledger.update_problem(sel[1], title=title))

    def move_item(self, delta: int) -> None:
        sel = self._item()
        if sel is None:
            return
        fn = self.ledger.move_category if sel[0] == "category" else self.ledger.move_problem
        self._run(lambda: fn(sel[1], delta))

    def delete_item(self) -> None:
        sel = self._item()
        if sel is None or not messages.confirm(
            self,
            self.tr("Delete “{name}”?").format(name=sel[2]),
            destructive=True,
        ):
            return
        fn = self.ledger.delete_category if sel[0] == "category" else self.ledger.delete_problem
        self._run(lambda: fn(sel[1]))
