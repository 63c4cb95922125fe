"""导入整改方案: open a plan, edit its tree (ui/imports/plan_tree.py), choose each measure's communities, import."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.office.plan_table import load_plan_document
from ledger.plan import (
    ImportResult,
    ParsedPlan,
    PlanFileError,
    import_plan,
    mentions,
    preview_import,
    resolve_names,
)
from ledger.service import Ledger
from ui.common import messages, palette
from ui.imports.plan_levels import PlanLevelEditing, PlanTree
from ui.imports.plan_tree import ASSIGNED, DETAIL, FACTS, KIND, NAMED, PlanTreeEditing, children

log = logging.getLogger(__name__)


NAME = Qt.ItemDataRole.UserRole + 6  # community list: the community's name ("" for 全部)


class PlanImportDialog(PlanLevelEditing, PlanTreeEditing, QDialog):
    """The preview tree on the left, the selected measure's text and communities on the right, 导入 below."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ledger: Ledger, path: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.path: Path | None = None
        self.plan: ParsedPlan | None = None
        self.import_result: ImportResult | None = None
        self.known = [c["name"] for c in ledger.communities()]
        self.unknown: list[str] = []
        self._syncing = False
        self.setWindowTitle(self.tr("Import a rectification plan"))
        self.setObjectName("planImport")
        self.resize(1180, 720)

        self.file_label = QLabel(self.tr("No file opened yet."))
        self.file_label.setObjectName("planFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton(self.tr("Open file…"))
        open_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(open_button)

        self.banner = QLabel()
        self.banner.setObjectName("warning")
        self.banner.setWordWrap(True)
        warning = palette.PLAN_WARNING
        self.banner.setStyleSheet(
            f"QLabel#warning {{ background: {warning.background}; border: 1px solid {warning.border}; "
            f"border-radius: 3px; padding: 6px 8px; color: {warning.text}; }}"
        )
        self.banner.hide()

        # left: the tree and its editing buttons
        hint = QLabel(
            self.tr(
                "Categories → problems → measures. Double-click a title to rename it, drag an item to move it; "
                "nothing is written before Import."
            )
        )
        hint.setWordWrap(True)
        self.tree = PlanTree()
        self.tree.on_move = self.move_to
        self.tree.setObjectName("planTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Falls to"), self.tr("Lines")])
        self.tree.headerItem().setToolTip(
            2, self.tr("The lines of the document (rows of a table) it came from")
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.tree.editItem(item, 0))
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.edit_buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            (
                "rename",
                self.tr("Rename"),
                self.tr("Rename the selected title (or double-click it)"),
                self.rename,
            ),
            (
                "merge",
                self.tr("Merge into the item above"),
                self.tr("Merge the selected item into the one above it at the same level"),
                self.merge_with_previous,
            ),
            (
                "split",
                self.tr("Split"),
                self.tr("Split the selected measure at the cursor in its text, or else at every “；”"),
                self.split,
            ),
            (
                "drop",
                self.tr("Drop"),
                self.tr("Leave the selected items out of the import"),
                self.drop_selected,
            ),
            (
                "promote",
                self.tr("Up a level"),
                self.tr(
                    "Make the selected measure a problem, or problem a category; what follows it at its level "
                    "comes along under it"
                ),
                self.promote,
            ),
            (
                "demote",
                self.tr("Down a level"),
                self.tr(
                    "Put the selected category or problem under the one above it, one level down, with what is "
                    "under it"
                ),
                self.demote,
            ),
            ("up", self.tr("Move up"), self.tr("Move up (or drag it)"), lambda: self.move_item(-1)),
            ("down", self.tr("Move down"), self.tr("Move down"), lambda: self.move_item(1)),
        ):
            b = QPushButton(text)
            b.setObjectName(key)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.edit_buttons[key] = b
        buttons.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(hint)
        lv.addWidget(self.tree, 1)
        lv.addLayout(buttons)

        # right: the measure's text and its communities
        self.detail_label = QLabel(
            self.tr("Measure text (place the cursor here and press Split to cut it in two)")
        )
        self.detail_label.setWordWrap(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.textChanged.connect(self._detail_changed)
        self.detail.setPlaceholderText(
            self.tr("Select a measure to see its text and choose its communities.")
        )
        com_label = QLabel(self.tr("Communities this measure falls to"))
        com_label.setWordWrap(True)
        self.communities = QListWidget()
        self.communities.setObjectName("communities")
        self.communities.itemChanged.connect(self._community_toggled)
        all_button = QPushButton(self.tr("All communities"))
        all_button.setToolTip(self.tr("Give every selected measure to every community"))
        all_button.clicked.connect(lambda: self._assign_selected("all"))
        named_button = QPushButton(self.tr("Those named in the text"))
        named_button.setToolTip(
            self.tr("Give each selected measure to the communities its text names (all when it names none)")
        )
        named_button.clicked.connect(lambda: self._assign_selected("named"))
        quick = QHBoxLayout()
        quick.addWidget(all_button)
        quick.addWidget(named_button)
        quick.addStretch(1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.detail_label)
        rv.addWidget(self.detail, 2)
        self.facts = QLabel()
        self.facts.setObjectName("facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rv.addWidget(self.facts)
        rv.addWidget(com_label)
        rv.addWidget(self.communities, 3)
        rv.addLayout(quick)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QDialogButtonBox()
        self.import_button = box.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setToolTip(
            self.tr("Import the tree into the ledger as one step (a backup is taken first)")
        )
        self.import_button.setDefault(True)
        close = box.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.do_import)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self._set_enabled()
        if path is not None:
            self.load(path)

    # ---- opening -----------------------------------------------------------------------------
    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger) -> ImportResult | None:
        """Ask for a file, show the dialog modally, return what was imported (None when nothing was)."""
        path = cls._ask_path(parent)
        if not path:
            return None
        dlg = cls(ledger, path, parent)
        dlg.exec()
        return dlg.import_result

    @classmethod
    def _ask_path(cls, parent: QWidget | None) -> str:
        def tr(text: str) -> str:
            return QCoreApplication.translate("PlanImportDialog", text)

        path, _ = QFileDialog.getOpenFileName(
            parent,
            tr("Open a rectification plan"),
            "",
            tr("Plans, feedback and notices (*.docx *.pdf *.xlsx *.txt);;All files (*)"),
        )
        return path

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a rectification plan"),
            str(self.path.parent) if self.path else "",
            self.tr("Plans, feedback and notices (*.docx *.pdf *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.load(path)

    def load(self, path: str | Path) -> bool:
        """Read and parse ``path`` into the tree; a file that cannot be read leaves a sentence and an empty tree."""
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.import_result = None
        self.message.clear()
        try:
            plan = load_plan_document(self.path, self.ledger)
        except PlanFileError as exc:
            log.info("plan file refused: %s", exc.message())
            self.plan = None
            self._fill(None)
            self._say(messages.error_text(exc), error=True)
            return False
        self.plan = plan
        self._fill(plan)
        return True

    # ---- the right-hand pane -----------------------------------------------------------------

    def _fill_communities(self) -> None:
        self.communities.clear()
        everyone = QListWidgetItem(self.tr("All communities"))
        everyone.setData(NAME, "")
        f = QFont(everyone.font())
        f.setBold(True)
        everyone.setFont(f)
        self.communities.addItem(everyone)
        for name in self.known:
            item = QListWidgetItem(name)
            item.setData(NAME, name)
            self.communities.addItem(item)
        for name in self.unknown:
            item = QListWidgetItem(
                self.tr("{name} (named in the text, not in the ledger: tick to create)").replace(
                    "{name}", name
                )
            )
            item.setData(NAME, name)
            self.communities.addItem(item)
        for i in range(self.communities.count()):
            item = self.communities.item(i)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def _selected_measures(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        seen: set[int] = set()

        def add(item: QTreeWidgetItem) -> None:
            if item.data(0, KIND) == "measure":
                if id(item) not in seen:
                    seen.add(id(item))
                    out.append(item)
            else:
                for child in children(item):
                    add(child)

        for item in self.tree.selectedItems():
            add(item)
        return out

    def _selection_changed(self) -> None:
        self._set_enabled()
        current = self._current()
        self._show_detail(current if current is not None and len(self.tree.selectedItems()) == 1 else None)
        measures = self._selected_measures()
        self._syncing = True
        try:
            everyone = list(self.known)
            for i in range(self.communities.count()):
                row = self.communities.item(i)
                name = row.data(NAME)
                if not measures:
                    state = Qt.CheckState.Unchecked
                else:
                    if name:
                        hits = sum(1 for m in measures if name in (m.data(0, ASSIGNED) or []))
                    else:
                        hits = sum(
                            1
                            for m in measures
                            if everyone and set(everyone) <= set(m.data(0, ASSIGNED) or [])
                        )
                    state = (
                        Qt.CheckState.Checked
                        if hits == len(measures)
                        else Qt.CheckState.PartiallyChecked
                        if hits
                        else Qt.CheckState.Unchecked
                    )
                row.setCheckState(state)
        finally:
            self._syncing = False
        self.communities.setEnabled(bool(measures))

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        self._syncing = True
        try:
            if item is None:
                self.detail.setPlainText("")
                self.detail.setReadOnly(True)
            else:
                self.detail.setPlainText(item.data(0, DETAIL) or "")
                self.detail.setReadOnly(item.data(0, KIND) != "measure")
            self.facts.setText(self._facts_text(item))
            self.facts.setVisible(bool(self.facts.text()))
        finally:
            self._syncing = False

    def _facts_text(self, item: QTreeWidgetItem | None) -> str:
        """The measure's 责任领导 / 责任部门 / 责任人 / 完成时限 as the document gave them (imported with it)."""
        facts = item.data(0, FACTS) if item is not None else None
        if not isinstance(facts, dict):
            return ""
        owners = "、".join(str(o) for o in facts.get("owners") or [])
        deadline = str(facts.get("deadline") or facts.get("kind") or "")
        parts = [
            template.replace("{0}", value)
            for template, value in (
                (self.tr("Leader: {0}"), str(facts.get("leader") or "")),
                (self.tr("Department: {0}"), str(facts.get("department") or "")),
                (self.tr("Responsible: {0}"), owners),
                (self.tr("Deadline: {0}"), deadline),
            )
            if value
        ]
        return "　".join(parts)

    def _detail_changed(self) -> None:
        if self._syncing:
            return
        item = self._current()
        if item is not None and item.data(0, KIND) == "measure" and len(self.tree.selectedItems()) == 1:
            text = self.detail.toPlainText()
            item.setData(0, DETAIL, text)
            self._tip(item)
            item.setData(0, NAMED, mentions(item.text(0) + "。" + text, self.known + self.unknown))

    def _community_toggled(self, row: QListWidgetItem) -> None:
        if self._syncing:
            return
        measures = self._selected_measures()
        name = row.data(NAME)
        on = row.checkState() == Qt.CheckState.Checked
        for m in measures:
            names = list(m.data(0, ASSIGNED) or [])
            targets = [name] if name else list(self.known)
            if on:
                names += [n for n in targets if n not in names]
            else:
                names = [n for n in names if n not in targets]
            m.setData(0, ASSIGNED, self._ordered(names))
            self._show_assignment(m)
        self._selection_changed()
        self.refresh_preview()

    def _assign_selected(self, mode: str) -> None:
        measures = self._selected_measures() or self.measure_items()
        for m in measures:
            if mode == "all":
                names = list(self.known)
            else:
                named = resolve_names(m.data(0, NAMED) or [], self.known)[0]
                problem = m.parent()
                if not named and problem is not None:
                    named = resolve_names(
                        mentions(problem.text(0), problem.data(0, NAMED) or []), self.known
                    )[0]
                names = named or list(self.known)
            m.setData(0, ASSIGNED, names)
            self._show_assignment(m)
        self._selection_changed()
        self.refresh_preview()

    def _ordered(self, names: list[str]) -> list[str]:
        order = {n: i for i, n in enumerate(self.known + self.unknown)}
        return sorted(dict.fromkeys(names), key=lambda n: order.get(n, len(order)))

    def _show_assignment(self, item: QTreeWidgetItem) -> None:
        names = list(item.data(0, ASSIGNED) or [])
        was = self._syncing
        self._syncing = True
        try:
            if self.known and set(self.known) <= set(names):
                extra = [n for n in names if n not in self.known]
                text = self.tr("All ({n})").replace("{n}", str(len(self.known)))
                text += "".join(f"、＋{n}" for n in extra)
            elif names:
                text = "、".join(n if n in self.known else f"＋{n}" for n in names)
            else:
                text = self.tr("(none)")
            item.setText(1, text)
            item.setToolTip(1, "、".join(names))
        finally:
            self._syncing = was

    # ---- preview and import ------------------------------------------------------------------
    def _set_enabled(self) -> None:
        has_tree = self.tree.topLevelItemCount() > 0
        current = self._current()
        for key, button in self.edit_buttons.items():
            button.setEnabled(
                has_tree and current is not None and (key != "split" or current.data(0, KIND) == "measure")
            )
        self.import_button.setEnabled(has_tree and self.import_result is None)

    def refresh_preview(self) -> None:
        if self.tree.topLevelItemCount() == 0:
            self.summary.clear()
            self._set_enabled()
            return
        plan, assignment = self.current_plan()
        try:
            preview = preview_import(self.ledger, plan, assignment)
        except LedgerError as exc:
            self.summary.setText(messages.error_text(exc))
        else:
            self.summary.setText(preview.sentence(messages.lang()))
        self._set_enabled()

    def do_import(self) -> ImportResult | None:
        """Write the tree to the ledger (one command, after a backup); the outcome is shown as a sentence."""
        if self.tree.topLevelItemCount() == 0:
            self._say(self.tr("Nothing to import: the tree is empty."), error=True)
            return None
        plan, assignment = self.current_plan()
        try:
            result = import_plan(
                self.ledger, plan, assignment, source_name=self.path.name if self.path else "整改方案"
            )
        except LedgerError as exc:
            log.warning("plan import refused: %s", exc)
            self._say(messages.error_text(exc), error=True)
            return None
        self.import_result = result
        self._say(result.sentence(messages.lang()))
        self._set_enabled()
        self.imported.emit(result)
        return result

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {palette.ACCENT};" if error else "")
        self.message.setText(text)
