"""The right-hand panel: the selected task's fields, indicators, 销号 steps, evidence, review trail and history."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger import signoff
from ledger.core.errors import LedgerError
from ledger.core.model import OPEN_STATUSES, Kind, Role, Status, TaskRow, health
from ledger.core.workflow import Action
from ledger.service.commands import Ledger
from ledger.service.tx import Changed
from ledger.signoff import Extension
from ui.common import messages, palette, words
from ui.common.util import health_colour
from ui.signoff.dialogs import (
    DecideExtensionDialog,
    ExtensionDialog,
    ReopenDialog,
    ReviewDialog,
    SubmitDialog,
)
from ui.task.dropping import DropsEvidence
from ui.task.evidence import EvidencePanel
from ui.task.history import ChangeHistory
from ui.task.indicators import IndicatorTable
from ui.task.trail import DeadlineHistory, ReviewTrail


def _e(text: Any) -> str:
    return html.escape(str(text or "")).replace("\n", "<br>")


class TaskPanel(DropsEvidence):
    """Edits go through Ledger commands; a refused edit says why and leaves the ledger as it was.
    Files dropped on the panel are attached to the shown task as 佐证材料."""

    taskShown = Signal(str)  # the id of the task now shown, or "" for none
    saved = Signal(str)  # the fields were saved (the window confirms it in the status bar)

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
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

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
        self.original = QLabel()
        self.original.setObjectName("originalDeadline")
        self.original.setStyleSheet(f"color:{palette.SOFT}")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in Kind:
            self.kind.addItem(words.word(k.value), k.value)
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
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)

        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        deadline_row.addWidget(self.no_deadline)
        deadline_row.addWidget(self.original)
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

        self.indicator_box = IndicatorTable(ledger)
        self.indicators = self.indicator_box.table

        self.action_row = QHBoxLayout()
        self.action_buttons: dict[Action, QPushButton] = {}
        for action in (
            Action.START,
            Action.SUBMIT,
            Action.SET_ONGOING,
            Action.APPROVE,
            Action.RETURN,
            Action.REOPEN,
        ):
            b = QPushButton(
                words.action(action) + ("…" if action not in (Action.START, Action.SET_ONGOING) else "")
            )
            b.setObjectName(f"action_{action.value}")
            b.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            self.action_buttons[action] = b
            self.action_row.addWidget(b)
        self.action_row.addStretch(1)

        self.extension_button = self._button(
            self.tr("Ask for a later deadline…"), "requestExtension", self.request_extension
        )
        self.approve_extension_button = self._button(
            self.tr("Approve the extension…"), "approveExtension", lambda: self.decide_extension(True)
        )
        self.refuse_extension_button = self._button(
            self.tr("Refuse the extension…"), "refuseExtension", lambda: self.decide_extension(False)
        )
        self.print_button = self._button(
            self.tr("Print the sign-off form…"), "printApprovalForm", self.print_form
        )
        self.print_button.setToolTip(
            self.tr("The 销号审批表 of this task as an A4 PDF, for the reviewers to sign on paper")
        )
        self.extra_row = QHBoxLayout()
        for b in (self.extension_button, self.approve_extension_button, self.refuse_extension_button):
            self.extra_row.addWidget(b)
        self.extra_row.addStretch(1)
        self.extra_row.addWidget(self.print_button)

        self.history = ChangeHistory()

        self.evidence = EvidencePanel(ledger)
        self.evidence.countChanged.connect(self._evidence_count)
        self.trail = ReviewTrail(ledger)
        self.deadlines = DeadlineHistory(ledger)

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.addLayout(form)
        dl.addWidget(QLabel(self.tr("Quantitative indicators")))
        dl.addWidget(self.indicator_box)
        dl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("taskTabs")
        self.tabs.setUsesScrollButtons(True)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.evidence_tab = QScrollArea()  # like 详情: a narrow dock scrolls instead of squeezing the buttons
        self.evidence_tab.setWidgetResizable(True)
        self.evidence_tab.setWidget(self.evidence)
        self.tabs.addTab(self.evidence_tab, self.tr("Evidence ({n})").format(n=0))
        # 审核记录 and 整改时限变更 share a tab, and the labels are short (详情 · 佐证（n） · 审核 · 修改记录): all four
        # fit the 330-pixel dock of a 1366×768 screen at 150 % without scroll arrows; each tab's tooltip says it whole.
        self.signoff_tab = QSplitter(Qt.Orientation.Vertical)
        self.signoff_tab.setObjectName("signoffTab")
        self.signoff_tab.setChildrenCollapsible(False)
        for heading, view, stretch in (
            (self.tr("Review trail"), self.trail, 2),
            (self.tr("Deadline changes"), self.deadlines, 1),
        ):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 4, 0, 0)
            bl.addWidget(bold(QLabel(heading)))
            bl.addWidget(view, 1)
            self.signoff_tab.addWidget(box)
            self.signoff_tab.setStretchFactor(self.signoff_tab.count() - 1, stretch)
        self.tabs.addTab(self.signoff_tab, self.tr("Reviews"))
        self.tabs.addTab(self.history, self.tr("History"))
        for page, tip in (
            (scroll, self.tr("The task's fields and quantitative indicators")),
            (self.evidence_tab, self.tr("Evidence: the files proving the measure was done")),
            (self.signoff_tab, self.tr("Review trail and deadline changes")),
            (self.history, self.tr("Every change to this task: who, when, before and after")),
        ):
            self.tabs.setTabToolTip(self.tabs.indexOf(page), tip)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addWidget(self.state)
        layout.addLayout(self.action_row)
        layout.addLayout(self.extra_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)  # below the tabs: never scrolled out of sight on a low screen
        self.setAcceptDrops(True)
        for w in (self.measure, self.owner, self.leader, self.department, self.progress.viewport()):
            w.installEventFilter(self)  # a file dropped on a text field is evidence, not text to paste
        self.show_task(None)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: slot())
        return b

    # ---- showing ---------------------------------------------------------------------------
    def show_task(self, task_id: str | None) -> None:
        self._show_task(task_id)
        self.taskShown.emit(self.task.id if self.task is not None else "")

    def _show_task(self, task_id: str | None) -> None:
        try:
            self.task = self.ledger.task(task_id) if task_id else None
        except LedgerError:
            self.task = None
        t = self.task
        enabled = t is not None
        for w in (
            self.measure,
            self.owner,
            self.leader,
            self.department,
            self.deadline,
            self.no_deadline,
            self.kind,
            self.progress,
            self.save_button,
            self.revert_button,
        ):
            w.setEnabled(enabled)
        self.evidence.set_task(t.id if t else None)
        self.indicator_box.show_task(t.id if t else None)
        if t is None:
            self.title.setText(self.tr("No task selected"))
            self.where.setText(self.tr("Choose a task in the ledger to see and edit it here."))
            self.state.setText("")
            for w in (self.measure, self.owner, self.leader, self.department):
                w.clear()
            self.original.clear()
            self.progress.clear()
            self.history.setRowCount(0)
            self.trail.show_task(None)
            self.deadlines.show_task(None)
            for b in (
                *self.action_buttons.values(),
                self.extension_button,
                self.approve_extension_button,
                self.refuse_extension_button,
                self.print_button,
            ):
                b.setVisible(False)
            return
        self.title.setText(t.measure)
        example = self.tr(" · example data") if t.example else ""
        self.where.setText(f"{t.community} · {t.category} · {t.problem}{example}")
        pending = self.pending_extension()
        self._show_state(t, pending)
        self.measure.setText(t.measure)
        self.owner.setText(t.owner)
        self.leader.setText(t.leader)
        self.department.setText(t.department)
        for edit in (self.measure, self.owner, self.leader, self.department):
            edit.setCursorPosition(0)  # a text longer than the box shows its beginning, not its end
        self.no_deadline.setChecked(t.deadline is None)
        if t.deadline:
            self.deadline.setDate(QDate(t.deadline.year, t.deadline.month, t.deadline.day))
        moved = t.original_deadline is not None and t.original_deadline != t.deadline
        self.original.setText(
            self.tr("Original: {date}").format(date=t.original_deadline.isoformat())
            if moved and t.original_deadline
            else ""
        )
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind)))
        self.progress.setPlainText(t.progress)
        history = self.ledger.history(t.id)  # read once for the three views that show it
        self.history.fill(history)
        self.trail.show_task(t, history)
        self.deadlines.show_task(t, history)
        allowed = set(self.ledger_actions())
        for action, b in self.action_buttons.items():
            b.setVisible(action in allowed)
        self._show_extension_buttons(t, pending)
        self.print_button.setVisible(True)

    def _show_state(self, t: TaskRow, pending: Extension | None) -> None:
        today = self.ledger.today()
        h = health(t.status, t.deadline, today, self.ledger.due_soon_days)
        left = t.days_left(today)
        when = ""
        if left is not None and t.status not in (Status.CLOSED, Status.ONGOING):  # 长期坚持 is never late
            when = (
                self.tr("{n} days overdue").format(n=-left)
                if left < 0
                else self.tr("{n} days left").format(n=left)
            )
        lines = [
            f"<span style='color:{health_colour(h).name()}; font-weight:bold'>■ {_e(words.status(t.status))}</span>"
            f"　{_e(when)}"
        ]
        if t.status in (Status.SUBMITTED, Status.IN_REVIEW):
            chain = self.ledger.chain
            index = min(t.review_level, len(chain) - 1)
            lines.append(
                _e(
                    self.tr("Waiting for {level} (level {n} of {total})").format(
                        level=chain[index].name, n=index + 1, total=len(chain)
                    )
                )
            )
        if t.return_reason:
            lines.append(
                f"<span style='color:{palette.ACCENT}; font-weight:bold'>{_e(t.return_reason)}</span>"
            )
        if pending is not None:
            asked = self.tr("Extension requested by {who} on {at}: to {new}, waiting for a leader").format(
                who=pending.requested_by, at=pending.requested_at[:10], new=pending.new_deadline.isoformat()
            )
            lines.append(f"<span style='color:{palette.CAUTION}'>{_e(asked)}</span>")
        self.state.setText("<br>".join(lines))

    def _show_extension_buttons(self, t: TaskRow, pending: Extension | None) -> None:
        role = self.ledger.operator.role
        can_ask = (
            role in (Role.SECRETARY, Role.WORK_TEAM)
            and t.status in OPEN_STATUSES
            and t.deadline is not None
            and pending is None
        )
        self.extension_button.setVisible(can_ask)
        late = t.deadline is not None and self.ledger.today() > t.deadline
        self.extension_button.setEnabled(not late)
        self.extension_button.setToolTip(
            self.tr("The deadline has passed; an extension must be asked for before it.")
            if late
            else self.tr("Ask a leader for a later deadline, with a reason (before the current one passes)")
        )
        decide = role == Role.LEADER and pending is not None
        self.approve_extension_button.setVisible(decide)
        self.refuse_extension_button.setVisible(decide)

    def pending_extension(self) -> Extension | None:
        if self.task is None:
            return None
        return next((x for x in signoff.extensions(self.ledger, self.task.id) if x.status == "pending"), None)

    def ledger_actions(self) -> list[Action]:
        from ledger.core import allowed_actions

        if self.task is None:
            return []
        return allowed_actions(self.ledger.task_state(self.task.id), self.ledger.operator, self.ledger.chain)

    def _evidence_count(self, n: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.evidence_tab), self.tr("Evidence ({n})").format(n=n))

    def on_changed(self, changed: Changed) -> None:
        if self.task is not None and (self.task.id in changed.task_ids or changed.affects_every_task):
            self.show_task(self.task.id)

    # ---- editing ---------------------------------------------------------------------------
    def pending_fields(self) -> dict[str, Any]:
        assert self.task is not None
        t = self.task
        d = self.deadline.date()
        deadline = None if self.no_deadline.isChecked() else dt.date(d.year(), d.month(), d.day())
        values = {
            "measure": self.measure.text().strip(),
            "owner": self.owner.text().strip(),
            "leader": self.leader.text().strip(),
            "department": self.department.text().strip(),
            "deadline": deadline,
            "kind": self.kind.currentData(),
            "progress": self.progress.toPlainText().rstrip(),
        }
        current = {
            "measure": t.measure,
            "owner": t.owner,
            "leader": t.leader,
            "department": t.department,
            "deadline": t.deadline,
            "kind": t.kind,
            "progress": t.progress,
        }
        return {k: v for k, v in values.items() if v != current[k]}

    def save(self) -> bool:
        if self.task is None:
            return False
        fields = self.pending_fields()
        if not fields:
            return True
        try:
            self.ledger.update_task(
                self.task.id, **fields
            )  # the window hears the change and records it for undo
        except LedgerError as exc:
            messages.show_error(self, exc, self.tr("Not saved"))
            return False
        self.saved.emit(self.task.measure if self.task is not None else "")
        return True

    def revert(self) -> None:
        if self.task is not None:
            self.show_task(self.task.id)

    # ---- 销号 ------------------------------------------------------------------------------
    def run_action(self, action: Action) -> bool:
        """One workflow step: unsaved field edits are saved first, the step's dialog asks what it needs
        (statement, grade and opinion, reason), then the ledger decides. True if the task moved."""
        if self.task is None:
            return False
        if self.pending_fields() and not self.save():
            return False
        tid = self.task.id
        kwargs: dict[str, Any] | None = {}
        try:
            if action == Action.SUBMIT:
                kwargs = SubmitDialog.ask(self.ledger, tid, parent=self)
            elif action in (Action.APPROVE, Action.RETURN):
                kwargs = ReviewDialog.ask(self.ledger, tid, returning=action == Action.RETURN, parent=self)
            elif action == Action.REOPEN:
                kwargs = ReopenDialog.ask(self.ledger, tid, parent=self)
            if kwargs is None:
                return False
            self.ledger.act(tid, action, **kwargs)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        return True

    def request_extension(self) -> str | None:
        if self.task is None:
            return None
        try:
            answer = ExtensionDialog.ask(self.ledger, self.task.id, parent=self)
            if answer is None:
                return None
            return signoff.request_extension(
                self.ledger, self.task.id, answer["new_deadline"], answer["reason"]
            )
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None

    def decide_extension(self, approve: bool) -> bool:
        pending = self.pending_extension()
        if pending is None:
            return False
        try:
            answer = DecideExtensionDialog.ask(self.ledger, pending.id, approve, parent=self)
            if answer is None:
                return False
            signoff.decide_extension(self.ledger, pending.id, answer["approve"], answer["note"])
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        return True

    def print_form(self) -> None:
        if self.task is not None:
            from ui.signoff.approval_form import (
                print_approval_form,  # QTextDocument/PDF code only when asked for
            )

            print_approval_form(self, self.ledger, self.task.id)


def bold(widget: QLabel) -> QLabel:
    f: QFont = widget.font()
    f.setBold(True)
    widget.setFont(f)
    return widget
