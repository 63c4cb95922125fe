"""导入整改方案's preview: promote / demote an item one level and drag items where they belong.

Promote and demote follow an outline: everything under the item moves with it one level up or down. A measure
promoted becomes a problem and takes the measures after it; a problem promoted becomes a category whose problems
are its former measures and the problems after it. A problem demoted becomes a measure of the problem above (its
measures follow it); a category demoted becomes a problem of the category above (its problems become measures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from ui.imports.plan_tree import ASSIGNED, DETAIL, FACTS, KIND, NAMED, children

_PARENT_KIND = {"category": None, "problem": "category", "measure": "problem"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanImportDialog", text)


class PlanTree(QTreeWidget):
    """The preview tree; an item dragged onto or between others lands only where its level belongs (a measure
    under a problem, a problem under a category, a category at the top)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.on_move: Callable[[list[QTreeWidgetItem], QTreeWidgetItem | None, int], bool] | None = None

    def drop_target(
        self, item: QTreeWidgetItem, target: QTreeWidgetItem | None, where: str
    ) -> tuple[QTreeWidgetItem | None, int] | None:
        """(new parent, index) for item dropped "on", "above" or "below" target; None when it cannot go there."""
        kind = item.data(0, KIND)
        wanted = _PARENT_KIND.get(kind)
        if target is None:
            return (None, self.topLevelItemCount()) if wanted is None else None
        tkind = target.data(0, KIND)
        if where == "on" and tkind == wanted:
            return target, target.childCount()
        if tkind == kind:  # beside an item of its own level
            parent = target.parent()
            index = parent.indexOfChild(target) if parent else self.indexOfTopLevelItem(target)
            return parent, index + (1 if where != "above" else 0)
        return None
        return None

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        items = self.selectedItems()
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        where = "on"
        if target is not None:
            rect = self.visualItemRect(target)
            if pos.y() < rect.top() + rect.height() // 4:
                where = "above"
            elif pos.y() > rect.bottom() - rect.height() // 4:
                where = "below"
        moved = False
        if items and self.on_move is not None:
            spot = self.drop_target(items[0], target, where)
            if spot is not None and all(i.data(0, KIND) == items[0].data(0, KIND) for i in items):
                moved = self.on_move(items, spot[0], spot[1])
        # the items are moved here: the drag must not remove them from where they came from
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept() if moved else event.ignore()


class PlanLevelEditing:
    """Promote / demote / move-to for PlanImportDialog (mixed in after PlanTreeEditing)."""

    tree: PlanTree
    known: list[str]

    if TYPE_CHECKING:  # given by the dialog and PlanTreeEditing

        def refresh_preview(self) -> None: ...
        def _say(self, text: str, *, error: bool = False) -> None: ...
        def _new_item(
            self,
            kind: str,
            title: str,
            detail: str = "",
            named: list[str] | None = None,
            lines: tuple[int, int] | None = None,
        ) -> QTreeWidgetItem: ...
        def _current(self) -> QTreeWidgetItem | None: ...
        def _siblings(self, item: QTreeWidgetItem) -> tuple[QTreeWidgetItem | None, int]: ...
        def _take(self, item: QTreeWidgetItem) -> None: ...
        def _insert(self, parent: QTreeWidgetItem | None, index: int, item: QTreeWidgetItem) -> None: ...
        def _sibling(self, parent: QTreeWidgetItem | None, index: int) -> QTreeWidgetItem | None: ...
        def _select(self, item: QTreeWidgetItem) -> None: ...
        def _show_assignment(self, item: QTreeWidgetItem) -> None: ...

    def _retyped(self, item: QTreeWidgetItem, kind: str) -> QTreeWidgetItem:
        """A new item of ``kind`` with item's title, text and communities (children not copied)."""
        new = self._new_item(kind, item.text(0), item.data(0, DETAIL) or "", list(item.data(0, NAMED) or []))
        new.setText(2, item.text(2))
        if kind == "measure":
            assigned = item.data(0, ASSIGNED)
            if assigned is None:  # a former problem: the communities its measures fell to
                assigned = []
                for child in children(item):
                    assigned += [n for n in child.data(0, ASSIGNED) or [] if n not in assigned]
            new.setData(0, ASSIGNED, list(assigned or self.known))
            new.setData(0, FACTS, item.data(0, FACTS) or {})
        return new

    def _after_edit(self, item: QTreeWidgetItem) -> None:
        for measure in _measures_under(item):
            self._show_assignment(measure)
        self._select(item)
        self.refresh_preview()

    def promote(self) -> None:
        item = self._current()
        if item is None:
            return
        kind = item.data(0, KIND)
        if kind == "category":
            self._say(_tr("A category is already at the top level."))
            return
        parent, index = self._siblings(item)
        assert parent is not None
        up_kind = "problem" if kind == "measure" else "category"
        new = self._retyped(item, up_kind)
        if kind == "problem":  # its measures become the new category's problems
            for child in item.takeChildren():
                problem = self._retyped(child, "problem")
                new.addChild(problem)
        following = children(parent)[index + 1 :]
        for child in following:
            parent.removeChild(child)
            new.addChild(child)
        self._take(item)
        grand, pindex = self._siblings(parent)
        self._insert(grand, pindex + 1, new)
        new.setExpanded(True)
        self._after_edit(new)

    def demote(self) -> None:
        item = self._current()
        if item is None:
            return
        kind = item.data(0, KIND)
        if kind == "measure":
            self._say(_tr("A measure is already at the lowest level."))
            return
        parent, index = self._siblings(item)
        above = self._sibling(parent, index - 1)
        if above is None:
            self._say(_tr("There is nothing above at the same level to put it under."))
            return
        down_kind = "problem" if kind == "category" else "measure"
        new = self._retyped(item, down_kind)
        children = item.takeChildren()
        self._take(item)
        above.addChild(new)
        for child in children:
            if (
                kind == "category"
            ):  # its problems become measures of the new problem, their measures after them
                new.addChild(self._retyped(child, "measure"))
                for grandchild in child.takeChildren():
                    new.addChild(grandchild)
            else:  # a problem's measures follow it into the problem above
                above.addChild(child)
        above.setExpanded(True)
        new.setExpanded(True)
        self._after_edit(new)

    def move_to(self, items: list[QTreeWidgetItem], parent: QTreeWidgetItem | None, index: int) -> bool:
        """Put items under parent at index (what a drop does); False when one would land inside itself."""
        for item in items:
            ancestor = parent
            while ancestor is not None:
                if ancestor is item:
                    return False
                ancestor = ancestor.parent()
        for item in items:
            old_parent, old_index = self._siblings(item)
            if old_parent is parent and old_index < index:
                index -= 1
            expanded = item.isExpanded()
            self._take(item)
            self._insert(parent, index, item)
            item.setExpanded(expanded)
            index += 1
        if parent is not None:
            parent.setExpanded(True)
        self._after_edit(items[0])
        return True


def _measures_under(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    if item.data(0, KIND) == "measure":
        return [item]
    out: list[QTreeWidgetItem] = []
    for child in children(item):
        out += _measures_under(child)
    return out
