"""回头看: draw a sample of signed-off tasks with a recorded seed, repeat a draw to show it was fair, record results."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger import signoff
from ledger.core import LedgerError, Status
from ledger.service import Ledger
from ledger.signoff import Recheck, RecheckItem
from ui.common import messages, palette, words
from ui.signoff.dialogs import RelapseDialog


class RecheckDialog(QDialog):
    """Draw, verify and record 回头看. Everything it writes goes through ``ledger.signoff``; refusals are shown
    with their sentence."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recheckDialog")
        self.ledger = ledger
        self.setWindowTitle(self.tr("回头看 — look-back sampling"))
        self.draw_list: list[Recheck] = []
        self.item_list: list[RecheckItem] = []

        # ---- drawing
        self.percent_radio = QRadioButton(self.tr("By percentage"))
        self.count_radio = QRadioButton(self.tr("By number"))
        self.percent = QSpinBox()
        self.percent.setObjectName("recheckPercent")
        self.percent.setRange(1, 100)
        self.percent.setValue(10)
        self.percent.setSuffix(self.tr(" %"))
        self.count = QSpinBox()
        self.count.setObjectName("recheckCount")
        self.count.setRange(1, 9999)
        self.count.setValue(5)
        self.count.setSuffix(self.tr(" tasks"))
        method = QButtonGroup(self)
        method.addButton(self.percent_radio)
        method.addButton(self.count_radio)
        self.percent_radio.setChecked(True)
        self.percent_radio.toggled.connect(self._method_changed)
        how_row = QHBoxLayout()
        for w in (self.percent_radio, self.percent, self.count_radio, self.count):
            how_row.addWidget(w)
        how_row.addStretch(1)
        self.overall_radio = QRadioButton(self.tr("All together"))
        self.per_community_radio = QRadioButton(self.tr("Each community separately"))
        self.per_community_radio.setObjectName("recheckPerCommunity")
        scope = QButtonGroup(self)
        scope.addButton(self.overall_radio)
        scope.addButton(self.per_community_radio)
        self.overall_radio.setChecked(True)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.overall_radio)
        scope_row.addWidget(self.per_community_radio)
        scope_row.addStretch(1)
        self.communities = QListWidget()
        self.communities.setObjectName("recheckCommunities")
        self.communities.setMaximumHeight(self.fontMetrics().height() * 3 + 16)
        self.communities.setFlow(QListWidget.Flow.LeftToRight)
        self.communities.setWrapping(True)
        self.communities.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.communities.setSpacing(4)
        for c in ledger.communities():
            item = QListWidgetItem(c["name"])
            item.setData(Qt.ItemDataRole.UserRole, c["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.communities.addItem(item)
        self.seed = QLineEdit()
        self.seed.setObjectName("recheckSeed")
        self.seed.setPlaceholderText(self.tr("Leave empty for a new random seed"))
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,18}"), self.seed))
        self.seed.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 22 + 20)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. 2025年第四季度回头看"))
        self.draw_button = QPushButton(self.tr("Draw the sample"))
        self.draw_button.setObjectName("recheckDraw")
        self.draw_button.clicked.connect(lambda _c=False: self.draw())
        form = QFormLayout()
        form.addRow(self.tr("How many"), how_row)
        form.addRow(self.tr("Drawn from"), scope_row)
        comm_label = QLabel(self.tr("Only the ticked communities (all by default)"))
        comm_label.setWordWrap(True)
        comm_label.setStyleSheet(f"color:{palette.SOFT}")
        all_on = QPushButton(self.tr("Tick all"))
        all_on.clicked.connect(lambda _c=False: self._tick_all(True))
        all_off = QPushButton(self.tr("Untick all"))
        all_off.clicked.connect(lambda _c=False: self._tick_all(False))
        comm_row = QHBoxLayout()
        comm_row.addWidget(comm_label, 1)
        comm_row.addWidget(all_on)
        comm_row.addWidget(all_off)
        comm_box = QVBoxLayout()
        comm_box.addWidget(self.communities)
        comm_box.addLayout(comm_row)
        form.addRow(self.tr("Communities"), comm_box)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addStretch(1)
        seed_row.addWidget(self.draw_button)
        form.addRow(self.tr("Random seed"), seed_row)
        form.addRow(self.tr("Note"), self.note)
        box = QGroupBox(self.tr("Draw a new sample"))
        box.setLayout(form)

        # ---- past draws
        self.draws = QListWidget()
        self.draws.setObjectName("recheckDraws")
        self.draws.setWordWrap(True)
        self.draws.currentRowChanged.connect(self._draw_chosen)
        self.verify_button = QPushButton(self.tr("Repeat the draw to verify"))
        self.verify_button.setObjectName("recheckVerify")
        self.verify_button.clicked.connect(lambda _c=False: self.verify())
        self.verify_label = QLabel()
        self.verify_label.setObjectName("recheckVerifyResult")
        self.verify_label.setWordWrap(True)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Past draws (newest first)")))
        ll.addWidget(self.draws, 1)
        ll.addWidget(self.verify_button)
        ll.addWidget(self.verify_label)

        # ---- the chosen draw's sample
        self.draw_info = QLabel()
        self.draw_info.setObjectName("recheckDrawInfo")
        self.draw_info.setWordWrap(True)
        self.draw_info.setTextFormat(Qt.TextFormat.RichText)
        self.draw_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = QTableWidget(0, 6)
        self.items.setObjectName("recheckItems")
        self.items.setHorizontalHeaderLabels(
            [
                self.tr("Community"),
                self.tr("Measure"),
                self.tr("Result"),
                self.tr("What was found"),
                self.tr("Checked by"),
                self.tr("Checked"),
            ]
        )
        self.items.verticalHeader().hide()
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items.setWordWrap(True)
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.items.itemSelectionChanged.connect(self._update_buttons)
        self.pass_button = QPushButton(self.tr("Passed (合格)"))
        self.pass_button.setObjectName("recheckPass")
        self.pass_button.clicked.connect(lambda _c=False: self.mark_pass())
        self.relapse_button = QPushButton(self.tr("Relapse (反弹)…"))
        self.relapse_button.setObjectName("recheckRelapse")
        self.relapse_button.clicked.connect(lambda _c=False: self.mark_relapse())
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.draw_info)
        rl.addWidget(self.items, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.relapse_button)
        buttons.addStretch(1)
        rl.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setChildrenCollapsible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        for b in self.findChildren(
            QPushButton
        ):  # Enter in the seed or note field must not draw, tick or close
            b.setAutoDefault(False)
            b.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        self.resize(1080, 720)
        self._method_changed()
        self.reload_draws()

    # ---- drawing ---------------------------------------------------------------------------
    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.communities.count()):
            self.communities.item(i).setCheckState(state)

    def _method_changed(self) -> None:
        self.percent.setEnabled(self.percent_radio.isChecked())
        self.count.setEnabled(not self.percent_radio.isChecked())

    def draw_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "per_community": self.per_community_radio.isChecked(),
            "note": self.note.text().strip(),
        }
        if self.percent_radio.isChecked():
            kwargs["percent"] = self.percent.value()
        else:
            kwargs["count"] = self.count.value()
        checked = [self.communities.item(i) for i in range(self.communities.count())]
        ids = [
            it.data(Qt.ItemDataRole.UserRole) for it in checked if it.checkState() == Qt.CheckState.Checked
        ]
        if len(ids) != self.communities.count():
            kwargs["community_ids"] = ids
        seed = self.seed.text().strip()
        if seed:
            kwargs["seed"] = int(seed)
        return kwargs

    def draw(self) -> str | None:
        try:
            rid = signoff.draw_recheck(self.ledger, **self.draw_kwargs())
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        self.reload_draws(select=rid)
        return rid

    # ---- past draws ------------------------------------------------------------------------
    def _describe(self, rc: Recheck) -> dict[str, Any]:
        amount = int(rc.amount) if rc.amount.is_integer() else rc.amount
        how = (self.tr("{amount}%") if rc.method == "percent" else self.tr("{amount} tasks")).format(
            amount=amount
        )
        scope = self.tr("per community") if rc.scope == "per_community" else self.tr("overall")
        return {
            "at": rc.drawn_at[:16],
            "who": rc.drawn_by,
            "how": how,
            "scope": scope,
            "n": len(rc.sample),
            "total": len(rc.population),
            "seed": rc.seed,
        }

    def reload_draws(self, select: str | None = None) -> None:
        current = self.current_draw()
        keep = select or (current.id if current else None)
        self.draw_list = signoff.rechecks(self.ledger)
        self.draws.blockSignals(True)
        self.draws.clear()
        for rc in self.draw_list:
            text = self.tr("{at} · {who} · {how}, {scope} · {n} of {total} · seed {seed}").format(
                **self._describe(rc)
            )
            if rc.note:
                text += f"\n{rc.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rc.id)
            self.draws.addItem(item)
        self.draws.blockSignals(False)
        ids = [rc.id for rc in self.draw_list]
        self.draws.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self._draw_chosen(self.draws.currentRow())

    def current_draw(self) -> Recheck | None:
        row = self.draws.currentRow() if hasattr(self, "draws") else -1
        return self.draw_list[row] if 0 <= row < len(self.draw_list) else None

    def _draw_chosen(self, _row: int) -> None:
        self.verify_label.clear()
        rc = self.current_draw()
        self.verify_button.setEnabled(rc is not None)
        if rc is None:
            self.draw_info.setText("")
            self.item_list = []
        else:
            facts = {k: html.escape(str(v)) for k, v in self._describe(rc).items()}
            self.draw_info.setText(
                self.tr(
                    "Drawn {at} by {who}: {how}, {scope}, {n} of {total} signed-off tasks. Random seed <b>{seed}</b>: "
                    "anyone who repeats the draw with this seed gets the same sample."
                ).format(**facts)
            )
            self.item_list = signoff.recheck_items(self.ledger, rc.id)
        self._fill_items()

    def _fill_items(self) -> None:
        keep = self.items.currentRow()
        self.items.setRowCount(len(self.item_list))
        for r, it in enumerate(self.item_list):
            try:
                t = self.ledger.task(it.task_id)
                community, measure = t.community, t.measure
            except LedgerError:
                community, measure = "", self.tr("(task deleted)")
            result = words.word(it.label) if it.result else self.tr("Pending")
            values = [community, measure, result, it.finding, it.checked_by, (it.checked_at or "")[:16]]
            for c, v in enumerate(values):
                cell = QTableWidgetItem(v)
                cell.setData(Qt.ItemDataRole.UserRole, it.id)
                if c == 2 and it.result:
                    cell.setForeground(QColor(palette.DONE if it.result == "pass" else palette.ACCENT))
                self.items.setItem(r, c, cell)
        self.items.resizeRowsToContents()
        if 0 <= keep < len(self.item_list):
            self.items.selectRow(keep)
        self._update_buttons()

    def verify(self) -> bool | None:
        """Recompute the chosen draw from its recorded population and seed; say whether it matches."""
        rc = self.current_draw()
        if rc is None:
            messages.info(self, self.tr("Choose a draw in the list first."))
            return None
        try:
            again = signoff.repeat_draw(self.ledger, rc.id)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        same = list(again) == list(rc.sample)
        if same:
            self.verify_label.setText(
                self.tr("The repeated draw gives the same {n} tasks as recorded: the draw was fair.").format(
                    n=len(again)
                )
            )
        else:
            self.verify_label.setText(
                self.tr(
                    "The repeated draw does NOT match the recorded sample. Tell the work "
                    "team; the ledger may have been changed outside the program."
                )
            )
        self.verify_label.setStyleSheet(f"color:{palette.DONE if same else palette.ACCENT}; font-weight:bold")
        return same

    # ---- recording -------------------------------------------------------------------------
    def current_item(self) -> RecheckItem | None:
        row = self.items.currentRow()
        if not self.items.selectedItems():
            return None
        return self.item_list[row] if 0 <= row < len(self.item_list) else None

    def select_item(self, row: int) -> None:
        self.items.selectRow(row)

    def _update_buttons(self) -> None:
        it = self.current_item()
        open_ = it is not None and not it.result
        self.pass_button.setEnabled(open_)
        self.relapse_button.setEnabled(open_)

    def _record(self, result: str, finding: str = "") -> Status | None:
        it = self.current_item()
        if it is None:
            return None
        try:
            status = signoff.record_recheck(self.ledger, it.id, result, finding)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        self.item_list = signoff.recheck_items(self.ledger, it.recheck_id)
        self._fill_items()
        return status

    def mark_pass(self) -> Status | None:
        it = self.current_item()
        if it is None:
            messages.info(self, self.tr("Choose a task in the sample first."))
            return None
        try:
            measure = self.ledger.task(it.task_id).measure
        except LedgerError:
            measure = it.task_id
        if not messages.confirm(
            self,
            self.tr("Record “合格” for “{measure}”? It cannot be changed afterwards.").format(
                measure=measure
            ),
        ):
            return None
        return self._record("pass")

    def mark_relapse(self) -> Status | None:
        it = self.current_item()
        if it is None:
            messages.info(self, self.tr("Choose a task in the sample first."))
            return None
        try:
            answer = RelapseDialog.ask(self.ledger, it.task_id, self)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        if answer is None:
            return None
        return self._record("relapse", answer["finding"])

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger) -> None:
        """回头看…: the dialog, modal; what it records reaches the window through the ledger's change notices."""
        dlg = cls(ledger, parent)
        dlg.exec()
        dlg.deleteLater()
