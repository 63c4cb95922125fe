"""The left panel: communities as a tree, and filters by status, deadline and free text."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import Status
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.common import words

ALL = "__all__"


class FilterPanel(QWidget):
    """Emits ``filterChanged`` with a TaskFilter whenever the user changes a choice."""

    filterChanged = Signal(object)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("communityTree")
        self.tree.itemSelectionChanged.connect(self._emit)
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusFilter")
        self.status_box.addItem(self.tr("All states"), None)
        self.status_box.addItem(self.tr("Open (not signed off)"), "open")
        for s in Status:
            self.status_box.addItem(words.status(s), s.value)
        self.status_box.currentIndexChanged.connect(self._emit)
        self.due_group = QButtonGroup(self)
        due_box = QWidget()
        due_layout = QVBoxLayout(due_box)
        due_layout.setContentsMargins(0, 0, 0, 0)
        self.due_buttons: dict[str | None, QRadioButton] = {}
        for key, text in (
            (None, self.tr("Any deadline")),
            ("overdue", self.tr("Overdue")),
            ("due_soon", self.tr("Due within 7 days")),
        ):
            b = QRadioButton(text)
            b.setObjectName(f"due_{key or 'any'}")
            self.due_group.addButton(b)
            due_layout.addWidget(b)
            self.due_buttons[key] = b
        self.due_buttons[None].setChecked(True)
        self.due_group.buttonToggled.connect(self._due_toggled)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search problem, measure, progress"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._emit)

        form = QFormLayout()
        form.addRow(self.tr("State"), self.status_box)
        form.addRow(self.tr("Deadline"), due_box)
        form.addRow(self.tr("Search"), self.search)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Communities"))
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        self._blocked = False
        self.reload_communities()

    def stop(self) -> None:
        """No more signals: the window is closing (its ledger may close next)."""
        self._debounce.stop()
        self._blocked = True

    def reload_communities(self) -> None:
        selected = self.selected_community_ids()
        self._blocked = True
        self.tree.clear()
        root = QTreeWidgetItem([self.tr("All communities")])
        root.setData(0, Qt.ItemDataRole.UserRole, ALL)
        self.tree.addTopLevelItem(root)
        counts = self.ledger.stats()["by_community"]
        tip = self.tr("Secretary: {name}")
        items = []
        role = Qt.ItemDataRole.UserRole  # looked up once, not for each of (say) 500 communities
        for c in self.ledger.communities():
            item = QTreeWidgetItem([f"{c['name']}（{counts.get(c['name'], 0)}）"])
            item.setData(0, role, c["id"])
            item.setToolTip(0, tip.format(name=c["secretary"] or "—"))
            items.append(item)
        root.addChildren(items)  # one call: 500 communities need not repaint the tree 500 times
        if selected:
            for item in items:
                item.setSelected(item.data(0, Qt.ItemDataRole.UserRole) in selected)
        root.setExpanded(True)
        if not selected:
            root.setSelected(True)
        self._blocked = False

    def selected_community_ids(self) -> frozenset[str] | None:
        ids = {it.data(0, Qt.ItemDataRole.UserRole) for it in self.tree.selectedItems()}
        if not ids or ALL in ids:
            return None
        return frozenset(ids)

    def single_community(self) -> str | None:
        """The one community chosen in the tree, or None (all, or several)."""
        ids = self.selected_community_ids()
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def select_community(self, community_id: str | None) -> None:
        """Show one community (None: all); one filter change, not one per step of the selection."""
        root = self.tree.topLevelItem(0)
        if root is None:
            return
        with self._quiet():
            self.tree.clearSelection()
            if community_id is None:
                root.setSelected(True)
            for i in range(root.childCount() if community_id is not None else 0):
                child = root.child(i)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == community_id:
                    child.setSelected(True)
                    self.tree.scrollToItem(child)

    def clear(self) -> None:
        """Every filter back to 全部 (View → Show all), as one filter change."""
        with self._quiet():
            self.search.clear()
            self._debounce.stop()
            self.status_box.setCurrentIndex(0)
            self.set_due(None)
            self.select_community(None)

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """Signals held while several choices change; then one filterChanged (unless one is held outside)."""
        outer = not self._blocked
        self._blocked = True
        try:
            yield
        finally:
            if outer:
                self._blocked = False
                self._emit()

    def set_due(self, key: str | None) -> None:
        self.due_buttons[key].setChecked(True)

    def current_filter(self) -> TaskFilter:
        status = self.status_box.currentData()
        statuses: frozenset[str] | None
        if status is None:
            statuses = None
        elif status == "open":
            statuses = frozenset(s.value for s in Status if s not in (Status.CLOSED,))
        else:
            statuses = frozenset({status})
        due = next((k for k, b in self.due_buttons.items() if b.isChecked()), None)
        return TaskFilter(
            community_ids=self.selected_community_ids(),
            statuses=statuses,
            due=due,
            text=self.search.text().strip(),
            due_soon_days=self.ledger.due_soon_days,
        )

    def _due_toggled(self, _button: QAbstractButton, on: bool) -> None:
        if on:  # (each change toggles two buttons: one filter change)
            self._emit()

    def _emit(self) -> None:
        if not self._blocked:
            self.filterChanged.emit(self.current_filter())
