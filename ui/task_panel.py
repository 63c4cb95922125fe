"""The right-hand panel: the selected task's fields, indicators, workflow steps and history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.errors import LedgerError
from ledger.journal import Entry
from ledger.model import FIELD_LABELS, Kind, Status, TaskRow, health
from ledger.service import Changed, Ledger, parse_number
from ledger.workflow import Action
from ui import messages
from ui.util import health_colour


def describe_entry(entry: Entry) -> list[tuple[str, str, str]]:
    """(field, before, after) lines of one journal entry, in the user's words."""
    lines = []
    for c in entry.changes:
        if c.op == "update":
            if c.field in ("updated_at", "sort", "review_level"):
                continue
            before, after = c.before, c.after
            if c.field == "status":
                before, after = Status(before).label, Status(after).label
            lines.append((FIELD_LABELS.get(c.field or "", c.field or ""), _s(before), _s(after)))
        elif c.op == "insert":
            row = c.row or {}
            what = {"task": "新建任务", "indicator": "新增指标", "review": "审核记录", "community": "新增居民区",
                    "category": "新增类别", "problem": "新增问题", "evidence": "新增佐证材料"}.get(c.table, c.table)
            desc = row.get("measure") or row.get("name") or row.get("title") or row.get("level_name") or ""
            if c.table == "review":
                desc = f"{row.get('level_name')}：{row.get('reviewer')} {row.get('decision')} {row.get('grade')} " \
                       f"{row.get('opinion')}"
            lines.append((what, "", _s(desc)))
        else:
            row = c.row or {}
            lines.append(({"indicator": "删除指标"}.get(c.table, "删除"), _s(row.get("name") or row.get("title")), ""))
    return lines


def _s(v: Any) -> str:
    if v is None:
        return "（空）"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class TaskPanel(QWidget):
    """Edits go through Ledger commands; a refused edit says why and leaves the ledger as it was."""

    entryMade = Signal(str)  # journal entry id of an edit made here (for undo)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.task: TaskRow | None = None
        self.title = QLabel(self.tr("No task selected"))
        self.title.setObjectName("taskTitle")
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("taskState")
        self.state.setWordWrap(True)

        self.measure = QLineEdit()
        self.owner = QLineEdit()
        self.owner.setObjectName("owner")
        self.leader = QLineEdit()
        self.department = QLineEdit()
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.no_deadline = QCheckBox(self.tr("No deadline"))
        self.no_deadline.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in Kind:
            self.kind.addItem(k.value, k.value)
        self.progress = QPlainTextEdit()
        self.progress.setObjectName("progress")
        self.progress.setTabChangesFocus(True)
        self.progress.setMinimumHeight(80)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.setObjectName("saveTask")
        self.save_button.setToolTip(self.tr("Save the fields above (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        deadline_row.addWidget(self.no_deadline)
        form = QFormLayout()
        form.addRow(self.tr("Measure"), self.measure)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Leader"), self.leader)
        form.addRow(self.tr("Department"), self.department)
        form.addRow(self.tr("Deadline"), deadline_row)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Progress"), self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        self.indicators = QTableWidget(0, 4)
        self.indicators.setObjectName("indicators")
        self.indicators.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Unit"), self.tr("Target"),
                                                   self.tr("Actual")])
        self.indicators.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.indicators.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.indicators.verticalHeader().hide()
        self.indicators.itemChanged.connect(self._indicator_edited)
        self.indicators.setMinimumHeight(90)
        add_ind = QPushButton(self.tr("Add indicator"))
        add_ind.clicked.connect(self.add_indicator)
        del_ind = QPushButton(self.tr("Remove indicator"))
        del_ind.clicked.connect(self.remove_indicator)
        ind_buttons = QHBoxLayout()
        ind_buttons.addWidget(add_ind)
        ind_buttons.addWidget(del_ind)
        ind_buttons.addStretch(1)

        self.action_row = QHBoxLayout()
        self.action_buttons: dict[Action, QPushButton] = {}
        for action in (Action.START, Action.SUBMIT, Action.SET_ONGOING, Action.APPROVE, Action.RETURN,
                       Action.REOPEN):
            b = QPushButton(action.label)
            b.setObjectName(f"action_{action.value}")
            b.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            self.action_buttons[action] = b
            self.action_row.addWidget(b)
        self.action_row.addStretch(1)

        self.history = QTableWidget(0, 5)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Field"),
                                                self.tr("Before"), self.tr("After")])
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.addLayout(form)
        dl.addLayout(buttons)
        dl.addWidget(QLabel(self.tr("Quantitative indicators")))
        dl.addWidget(self.indicators)
        dl.addLayout(ind_buttons)
        dl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.history, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.state)
        layout.addLayout(self.action_row)
        layout.addWidget(self.tabs, 1)
        self._loading = False
        self.show_task(None)

    # ---- showing ---------------------------------------------------------------------------
    def show_task(self, task_id: str | None) -> None:
        self._loading = True
        try:
            self.task = self.ledger.task(task_id) if task_id else None
        except LedgerError:
            self.task = None
        t = self.task
        enabled = t is not None
        for w in (self.measure, self.owner, self.leader, self.department, self.deadline, self.no_deadline,
                  self.kind, self.progress, self.save_button, self.revert_button, self.indicators):
            w.setEnabled(enabled)
        if t is None:
            self.title.setText(self.tr("No task selected"))
            self.where.setText(self.tr("Choose a task in the ledger to see and edit it here."))
            self.state.setText("")
            for w in (self.measure, self.owner, self.leader, self.department):
                w.clear()
            self.progress.clear()
            self.indicators.setRowCount(0)
            self.history.setRowCount(0)
            for b in self.action_buttons.values():
                b.setVisible(False)
            self._loading = False
            return
        self.title.setText(t.measure)
        example = self.tr(" · example data") if t.example else ""
        self.where.setText(f"{t.community} · {t.category} · {t.problem}{example}")
        today = self.ledger.today()
        h = health(t.status, t.deadline, today, self.ledger.due_soon_days)
        left = t.days_left(today)
        when = ""
        if left is not None and t.status != Status.CLOSED:
            when = self.tr("{n} days overdue").format(n=-left) if left < 0 else \
                self.tr("{n} days left").format(n=left)
        reason = f"<br>{t.return_reason}" if t.return_reason else ""
        self.state.setText(f"<span style='color:{health_colour(h).name()}; font-weight:bold'>"
                           f"■ {t.status.label}</span>　{when}{reason}")
        self.measure.setText(t.measure)
        self.owner.setText(t.owner)
        self.leader.setText(t.leader)
        self.department.setText(t.department)
        self.no_deadline.setChecked(t.deadline is None)
        if t.deadline:
            self.deadline.setDate(QDate(t.deadline.year, t.deadline.month, t.deadline.day))
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind)))
        self.progress.setPlainText(t.progress)
        self._fill_indicators()
        self._fill_history()
        allowed = set(self.ledger_actions())
        for action, b in self.action_buttons.items():
            b.setVisible(action in allowed)
        self._loading = False

    def ledger_actions(self) -> list[Action]:
        from ledger.workflow import allowed_actions
        if self.task is None:
            return []
        return allowed_actions(self.ledger.task_state(self.task.id), self.ledger.operator, self.ledger.chain)

    def _fill_indicators(self) -> None:
        assert self.task is not None
        inds = self.ledger.indicators(self.task.id)
        self.indicators.blockSignals(True)
        self.indicators.setRowCount(len(inds))
        for r, ind in enumerate(inds):
            for c, value in enumerate((ind.name, ind.unit, ind.target, ind.actual)):
                item = QTableWidgetItem(_s(value) if value is not None else "")
                item.setData(Qt.ItemDataRole.UserRole, ind.id)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.indicators.setItem(r, c, item)
        self.indicators.blockSignals(False)

    def _fill_history(self) -> None:
        assert self.task is not None
        rows: list[tuple[str, str, str, str, str]] = []
        for entry in reversed(self.ledger.history(self.task.id)):
            who = f"{entry.actor}（{entry.origin}）" if entry.origin != "本机" else entry.actor
            for fld, before, after in describe_entry(entry) or [(entry.command, "", "")]:
                rows.append((entry.at[:16], who, fld, before, after))
        self.history.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                self.history.setItem(r, c, QTableWidgetItem(v))
        self.history.resizeColumnsToContents()

    def on_changed(self, changed: Changed) -> None:
        if self.task is not None and (self.task.id in changed.task_ids or changed.structure):
            self.show_task(self.task.id)

    # ---- editing ---------------------------------------------------------------------------
    def pending_fields(self) -> dict[str, Any]:
        assert self.task is not None
        t = self.task
        d = self.deadline.date()
        deadline = None if self.no_deadline.isChecked() else dt.date(d.year(), d.month(), d.day())
        values = {"measure": self.measure.text().strip(), "owner": self.owner.text().strip(),
                  "leader": self.leader.text().strip(), "department": self.department.text().strip(),
                  "deadline": deadline, "kind": self.kind.currentData(),
                  "progress": self.progress.toPlainText().rstrip()}
        current = {"measure": t.measure, "owner": t.owner, "leader": t.leader, "department": t.department,
                   "deadline": t.deadline, "kind": t.kind, "progress": t.progress}
        return {k: v for k, v in values.items() if v != current[k]}

    def save(self) -> bool:
        if self.task is None:
            return False
        fields = self.pending_fields()
        if not fields:
            return True
        try:
            entry = self.ledger.update_task(self.task.id, **fields)
        except LedgerError as exc:
            messages.show_error(self, exc, self.tr("Not saved"))
            return False
        if entry:
            self.entryMade.emit(entry)
        return True

    def revert(self) -> None:
        if self.task is not None:
            self.show_task(self.task.id)

    def _indicator_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or self.task is None:
            return
        ind_id = item.data(Qt.ItemDataRole.UserRole)
        field = ("name", "unit", "target", "actual")[item.column()]
        try:
            if field in ("target", "actual"):
                parse_number(item.text(), FIELD_LABELS[field])
            self.ledger.update_indicator(ind_id, **{field: item.text()})
            self.entryMade.emit(self.ledger._last_entry_id())
        except LedgerError as exc:
            messages.show_error(self, exc, self.tr("Not saved"))
            self.show_task(self.task.id)

    def add_indicator(self) -> None:
        if self.task is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Add indicator"), self.tr("Indicator name, e.g. 培训次数"))
        if not ok or not name.strip():
            return
        try:
            self.ledger.add_indicator(self.task.id, name)
            self.entryMade.emit(self.ledger._last_entry_id())
        except LedgerError as exc:
            messages.show_error(self, exc)

    def remove_indicator(self) -> None:
        if self.task is None:
            return
        row = self.indicators.currentRow()
        item = self.indicators.item(row, 0) if row >= 0 else None
        if item is None:
            return
        if not messages.confirm(self, self.tr("Remove the indicator “{name}”?").format(name=item.text()),
                                destructive=True):
            return
        try:
            self.ledger.remove_indicator(item.data(Qt.ItemDataRole.UserRole))
            self.entryMade.emit(self.ledger._last_entry_id())
        except LedgerError as exc:
            messages.show_error(self, exc)

    def run_action(self, action: Action) -> None:
        if self.task is None:
            return
        reason = grade = opinion = exception = ""
        if action in (Action.SUBMIT, Action.RETURN, Action.REOPEN):
            prompt = {Action.SUBMIT: self.tr("Describe what was done (closing statement):"),
                      Action.RETURN: self.tr("Reason for returning (required):"),
                      Action.REOPEN: self.tr("Reason for reopening (required):")}[action]
            text, ok = QInputDialog.getMultiLineText(self, action.label, prompt)
            if not ok:
                return
            reason = text
        elif action == Action.APPROVE:
            from ledger.workflow import GRADES
            grade, ok = QInputDialog.getItem(self, action.label, self.tr("Acceptance grade:"), list(GRADES), 0,
                                             False)
            if not ok:
                return
            opinion, ok = QInputDialog.getMultiLineText(self, action.label, self.tr("Opinion:"))
            if not ok:
                return
        try:
            self.ledger.act(self.task.id, action, reason=reason, grade=grade, opinion=opinion, exception=exception)
            self.entryMade.emit(self.ledger._last_entry_id())
        except LedgerError as exc:
            messages.show_error(self, exc)


def bold(widget: QWidget) -> None:
    f: QFont = widget.font()
    f.setBold(True)
    widget.setFont(f)
