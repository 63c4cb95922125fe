"""导入整改方案's preview tree: filled from a parsed plan, edited (rename, merge, split, drop, move), read back as a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTreeWidgetItem

from ledger.plan import (
    MeasureKey,
    ParsedCategory,
    ParsedMeasure,
    ParsedPlan,
    ParsedProblem,
    default_assignment,
    merge_measures,
    resolve_names,
    split_measure,
)
from ledger.service import Ledger

if TYPE_CHECKING:  # plan_levels imports this module, so its tree class is named for the checker only
    from ui.imports.plan_levels import PlanTree

KIND = Qt.ItemDataRole.UserRole + 1  # "category" | "problem" | "measure"
DETAIL = Qt.ItemDataRole.UserRole + 2  # detail text
NAMED = Qt.ItemDataRole.UserRole + 3  # community names the text mentions
ASSIGNED = Qt.ItemDataRole.UserRole + 4  # measure: community names it falls to
TITLE = Qt.ItemDataRole.UserRole + 5  # the last good title (an emptied title is put back)
FACTS = (
    Qt.ItemDataRole.UserRole + 6
)  # measure: lines, leader, department, owners, deadline, kind from the document


def _lines_text(lines: tuple[int, int] | None) -> str:
    """ "12" or "12–14": the source lines (or table rows) an item came from."""
    if not lines or not lines[0]:
        return ""
    first, last = lines
    return str(first) if last <= first else f"{first}–{last}"


def _facts(measure: ParsedMeasure) -> dict[str, object]:
    return {
        "lines": measure.lines,
        "leader": measure.leader,
        "department": measure.department,
        "owners": list(measure.owners),
        "deadline": measure.deadline,
        "kind": measure.kind,
    }


def _with_facts(measure: ParsedMeasure, facts: object) -> ParsedMeasure:
    if isinstance(facts, dict):
        lines = facts.get("lines")
        measure.lines = tuple(lines) if isinstance(lines, (list, tuple)) and len(lines) == 2 else None
        measure.leader = str(facts.get("leader") or "")
        measure.department = str(facts.get("department") or "")
        measure.owners = [str(o) for o in facts.get("owners") or []]
        measure.deadline = facts.get("deadline") or None
        measure.kind = facts.get("kind") or None
    return measure


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """item's children in order; ``tree.invisibleRootItem()`` gives the top-level items. (child(i) is None only for
    an index out of range, which this never asks for.)"""
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def _tr(text: str) -> str:
    return QCoreApplication.translate(
        "PlanImportDialog", text
    )  # the dialog's context: these are its sentences


class PlanTreeEditing:
    """The tree half of PlanImportDialog, which mixes this in: ``self`` is the dialog, whose preview and right-hand
    pane each edit refreshes."""

    ledger: Ledger
    plan: ParsedPlan | None
    known: list[str]
    unknown: list[str]
    _syncing: bool
    tree: PlanTree
    detail: QPlainTextEdit
    banner: QLabel

    if TYPE_CHECKING:  # given by the dialog

        def refresh_preview(self) -> None: ...
        def _fill_communities(self) -> None: ...
        def _selection_changed(self) -> None: ...
        def _show_detail(self, item: QTreeWidgetItem | None) -> None: ...
        def _show_assignment(self, item: QTreeWidgetItem) -> None: ...
        def _say(self, text: str, *, error: bool = False) -> None: ...

    # ---- the tree ----------------------------------------------------------------------------
    def _new_item(
        self,
        kind: str,
        title: str,
        detail: str = "",
        named: list[str] | None = None,
        lines: tuple[int, int] | None = None,
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title, "", _lines_text(lines)])
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(0, KIND, kind)
        item.setData(0, DETAIL, detail)
        item.setData(0, NAMED, list(named or []))
        item.setData(0, TITLE, title)
        self._tip(item)
        if kind == "category":
            f = QFont(item.font(0))
            f.setBold(True)
            item.setFont(0, f)
        return item

    @staticmethod
    def _tip(item: QTreeWidgetItem) -> None:
        """The whole title and the start of the text: long titles are elided in the tree."""
        detail = str(item.data(0, DETAIL) or "")
        item.setToolTip(0, item.text(0) + ("\n\n" + detail[:300] if detail else ""))

    def _fill(self, plan: ParsedPlan | None) -> None:
        self._syncing = True
        try:
            self.tree.clear()
            self.unknown = []
            if plan is not None:
                assignment = default_assignment(plan, self.ledger)
                mentioned: list[str] = []
                for ci, cat in enumerate(plan.categories):
                    citem = self._new_item("category", cat.title, lines=cat.lines)
                    self.tree.addTopLevelItem(citem)
                    for pi, prob in enumerate(cat.problems):
                        pitem = self._new_item(
                            "problem", prob.title, prob.detail, prob.communities, prob.lines
                        )
                        citem.addChild(pitem)
                        mentioned += prob.communities
                        for mi, measure in enumerate(prob.measures):
                            mitem = self._new_item(
                                "measure", measure.title, measure.detail, measure.communities, measure.lines
                            )
                            mitem.setData(0, ASSIGNED, list(assignment.get((ci, pi, mi), [])))
                            mitem.setData(0, FACTS, _facts(measure))
                            pitem.addChild(mitem)
                            mentioned += measure.communities
                self.unknown = resolve_names(mentioned, self.known)[1]
                self.tree.expandAll()
            self._fill_communities()
            for item in self.measure_items():
                self._show_assignment(item)
        finally:
            self._syncing = False
        warnings = list(plan.warnings) if plan is not None else []
        if plan is not None and not self.known:
            warnings.append(
                _tr(
                    "The ledger has no communities yet: tick the communities named in the text, "
                    "or add communities first."
                )
            )
        self.banner.setText("\n".join(warnings))
        self.banner.setVisible(bool(warnings))
        self._selection_changed()
        self.refresh_preview()

    def measure_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for cat in children(self.tree.invisibleRootItem()):
            for prob in children(cat):
                out.extend(children(prob))
        return out

    def find_item(self, title: str) -> QTreeWidgetItem | None:
        """The first item (any level) with this title: for tests and for keeping the selection after an edit."""
        found = self.tree.findItems(title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
        return found[0] if found else None

    def current_plan(self) -> tuple[ParsedPlan, dict[MeasureKey, list[str]]]:
        """The tree as it stands: the (edited) plan and each measure's communities."""
        categories: list[ParsedCategory] = []
        assignment: dict[MeasureKey, list[str]] = {}
        for ci, citem in enumerate(children(self.tree.invisibleRootItem())):
            cat = ParsedCategory(citem.text(0).strip())
            for pi, pitem in enumerate(children(citem)):
                prob = ParsedProblem(
                    pitem.text(0).strip(), pitem.data(0, DETAIL) or "", [], list(pitem.data(0, NAMED) or [])
                )
                for mi, mitem in enumerate(children(pitem)):
                    prob.measures.append(
                        _with_facts(
                            ParsedMeasure(
                                mitem.text(0).strip(),
                                mitem.data(0, DETAIL) or "",
                                list(mitem.data(0, NAMED) or []),
                            ),
                            mitem.data(0, FACTS),
                        )
                    )
                    assignment[(ci, pi, mi)] = list(mitem.data(0, ASSIGNED) or [])
                cat.problems.append(prob)
            categories.append(cat)
        warnings = list(self.plan.warnings) if self.plan else []
        return ParsedPlan(categories, warnings, self.plan.structured if self.plan else True), assignment

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != 0:
            return
        text = item.text(0).strip()
        self._syncing = True
        try:
            if not text:
                item.setText(0, item.data(0, TITLE) or "")  # a title cannot be emptied
            else:
                if text != item.text(0):
                    item.setText(0, text)
                item.setData(0, TITLE, text)
            self._tip(item)
        finally:
            self._syncing = False
        self.refresh_preview()

    # ---- editing -----------------------------------------------------------------------------
    def _current(self) -> QTreeWidgetItem | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            selected = self.tree.selectedItems()
            item = selected[0] if selected else None
        return item

    def _siblings(self, item: QTreeWidgetItem) -> tuple[QTreeWidgetItem | None, int]:
        parent = item.parent()
        index = parent.indexOfChild(item) if parent else self.tree.indexOfTopLevelItem(item)
        return parent, index

    def _take(self, item: QTreeWidgetItem) -> None:
        parent, index = self._siblings(item)
        if parent is not None:
            parent.takeChild(index)
        else:
            self.tree.takeTopLevelItem(index)

    def _insert(self, parent: QTreeWidgetItem | None, index: int, item: QTreeWidgetItem) -> None:
        if parent is not None:
            parent.insertChild(index, item)
        else:
            self.tree.insertTopLevelItem(index, item)

    def _sibling(self, parent: QTreeWidgetItem | None, index: int) -> QTreeWidgetItem | None:
        count = parent.childCount() if parent else self.tree.topLevelItemCount()
        if not 0 <= index < count:
            return None
        return parent.child(index) if parent else self.tree.topLevelItem(index)

    def _select(self, item: QTreeWidgetItem) -> None:
        self.tree.clearSelection()
        self.tree.setCurrentItem(item)
        item.setSelected(True)
        self.tree.scrollToItem(item)

    def rename(self) -> None:
        item = self._current()
        if item is not None:
            self.tree.editItem(item, 0)

    def merge_with_previous(self) -> None:
        item = self._current()
        if item is None:
            return
        parent, index = self._siblings(item)
        previous = self._sibling(parent, index - 1)
        if previous is None:
            self._say(_tr("There is no item above at the same level to merge with."))
            return
        kind = item.data(0, KIND)
        self._syncing = True
        try:
            if kind == "measure":
                merged = merge_measures(self._measure_of(previous), self._measure_of(item))
                previous.setData(0, DETAIL, merged.detail)
                self._tip(previous)
                previous.setData(0, NAMED, merged.communities)
                both = list(previous.data(0, ASSIGNED) or [])
                both += [n for n in item.data(0, ASSIGNED) or [] if n not in both]
                previous.setData(0, ASSIGNED, both)
                self._show_assignment(previous)
            else:
                if kind == "problem":
                    extra = "。".join(t for t in (item.text(0), item.data(0, DETAIL) or "") if t)
                    detail = (previous.data(0, DETAIL) or "").rstrip("。")
                    previous.setData(0, DETAIL, (detail + "。" if detail else "") + extra)
                    named = list(previous.data(0, NAMED) or [])
                    previous.setData(
                        0, NAMED, named + [n for n in item.data(0, NAMED) or [] if n not in named]
                    )
                    self._tip(previous)
                for child in item.takeChildren():
                    previous.addChild(child)
                previous.setExpanded(True)
            self._take(item)
        finally:
            self._syncing = False
        self._select(previous)
        self.refresh_preview()

    def _measure_of(self, item: QTreeWidgetItem) -> ParsedMeasure:
        return ParsedMeasure(
            item.text(0).strip(), item.data(0, DETAIL) or "", list(item.data(0, NAMED) or [])
        )

    def split(self) -> None:
        item = self._current()
        if item is None or item.data(0, KIND) != "measure":
            self._say(_tr("Only a measure can be split: select a measure."))
            return
        cursor = self.detail.textCursor().position()
        text = item.data(0, DETAIL) or ""
        at = cursor if self.detail.toPlainText() == text and 0 < cursor < len(text) else None
        pieces = split_measure(self._measure_of(item), at)
        if len(pieces) < 2:
            self._say(_tr("Nothing to split: put the cursor inside the text, or use “；” between the parts."))
            return
        parent, index = self._siblings(item)
        original = list(item.data(0, ASSIGNED) or [])
        self._syncing = True
        try:
            first = pieces[0]
            item.setData(0, DETAIL, first.detail)
            self._tip(item)
            item.setData(0, NAMED, first.communities)
            for offset, piece in enumerate(pieces[1:], start=1):
                new = self._new_item("measure", piece.title, piece.detail, piece.communities)
                new.setText(2, item.text(2))
                new.setData(0, FACTS, item.data(0, FACTS) or {})
                named = resolve_names(piece.communities, self.known)[0]
                new.setData(0, ASSIGNED, named or original)
                self._insert(parent, index + offset, new)
                self._show_assignment(new)
        finally:
            self._syncing = False
        self._select(item)
        self._show_detail(item)
        self.refresh_preview()

    def drop_selected(self) -> None:
        selected = self.tree.selectedItems()
        if not selected:
            self._say(_tr("Select what to drop first."))
            return
        chosen = set(map(id, selected))
        for item in selected:
            ancestor = item.parent()
            while ancestor is not None and id(ancestor) not in chosen:
                ancestor = ancestor.parent()
            if ancestor is None:  # not inside another dropped item
                self._take(item)
        self.tree.clearSelection()
        self._selection_changed()
        self.refresh_preview()

    def move_item(self, delta: int) -> None:
        """Move among siblings; past the first or last, into the neighbouring parent (a measure to the next problem)."""
        item = self._current()
        if item is None:
            return
        parent, index = self._siblings(item)
        target = self._sibling(parent, index + delta)
        expanded = item.isExpanded()
        if target is not None:
            self._take(item)
            self._insert(parent, index + delta, item)
        elif parent is not None:
            grand, pindex = self._siblings(parent)
            neighbour = self._sibling(grand, pindex + delta)
            if neighbour is None:
                return
            self._take(item)
            self._insert(neighbour, neighbour.childCount() if delta < 0 else 0, item)
            neighbour.setExpanded(True)
        else:
            return
        item.setExpanded(expanded)
        self._select(item)
        self.refresh_preview()
