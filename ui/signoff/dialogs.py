"""销号 dialogs: submit, review (approve / return), reopen, 反弹, extension request and decision; each with ``ask``."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ledger import signoff
from ledger.core import CHECK_LABELS, GRADES, SECOND_ROUND_GRADES, Kind, LedgerError, TaskRow
from ledger.service import Ledger
from ui.common import messages, palette, words
from ui.common.util import exec_and_free

WARN_STYLE = (
    f"background:{palette.SIGNOFF_WARNING.background}; border:1px solid {palette.SIGNOFF_WARNING.border}; "
    f"border-radius:4px; padding:8px; color:{palette.SIGNOFF_WARNING.text};"
)


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _amount(v: float | None, unit: str) -> str:
    """18次; 未填写 when there is no value yet (not “—次”)."""
    return "未填写" if v is None else f"{_num(v)}{unit}"


def missing_items(
    ledger: Ledger, task_id: str, checks: tuple[str, ...] = ("evidence", "indicators")
) -> list[str]:
    """What a level that checks ``checks`` finds missing, as short Chinese phrases (empty when nothing is)."""
    state = ledger.task_state(task_id)
    out = ["没有佐证材料"] if "evidence" in checks and state.evidence_count == 0 else []
    for ind in ledger.indicators(task_id) if "indicators" in checks else []:
        if ind.target is not None and (ind.actual is None or ind.actual < ind.target):
            out.append(
                f"指标“{ind.name}”未达到目标（目标 {_amount(ind.target, ind.unit)}，"
                f"完成 {_amount(ind.actual, ind.unit)}）"
            )
    if "statement" in checks and not state.statement.strip():
        out.append("没有销号说明")
    return out


def indicator_lines(ledger: Ledger, task_id: str) -> list[str]:
    out = []
    for ind in ledger.indicators(task_id):
        met = ind.target is None or (ind.actual is not None and ind.actual >= ind.target)
        out.append(
            f"{ind.name}：目标 {_amount(ind.target, ind.unit)}，完成 {_amount(ind.actual, ind.unit)}"
            f"（{'已达标' if met else '未达标'}）"
        )
    return out


def _label(text: str, *, rich: bool = False, style: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if style:
        lab.setStyleSheet(style)
    return lab


def _text_box(placeholder: str = "", height: int = 90, name: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    if name:
        box.setObjectName(name)
    return box


class SignoffDialog(QDialog):
    """The frame every 销号 dialog shares: the task on top, fields, then OK/取消; OK checks before closing."""

    def __init__(self, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.task: TaskRow = ledger.task(task_id)
        self.result_kwargs: dict[str, Any] | None = None
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 36)
        self.body = QVBoxLayout(self)
        head = _label(
            f"<b style='font-size:large'>{html.escape(self.task.measure)}</b><br>"
            f"{html.escape(self.task.community)} · {html.escape(self.task.problem)}",
            rich=True,
        )
        head.setObjectName("dialogTask")
        self.body.addWidget(head)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.body.addWidget(line)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.body.addLayout(self.form)

    def finish(self, ok_text: str) -> None:
        """Add the buttons; call at the end of a subclass's __init__."""
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The answer, or a LedgerError saying what is still needed."""
        raise NotImplementedError

    def try_accept(self) -> bool:
        try:
            self.result_kwargs = self.values()
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        self.accept()
        return True

    @classmethod
    def _run(cls, dlg: SignoffDialog) -> dict[str, Any] | None:
        return dlg.result_kwargs if exec_and_free(dlg) == QDialog.DialogCode.Accepted else None


def _required(box: QPlainTextEdit, what: str) -> str:
    text = box.toPlainText().strip()
    if not text:
        box.setFocus()
        raise LedgerError("reason_required", what=what)
    return text


class ReviewDialog(SignoffDialog):
    """审核通过 (grade, opinion; an exception reason when evidence or indicators are missing) or 退回 (reason)."""

    def __init__(
        self, ledger: Ledger, task_id: str, *, returning: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(ledger, task_id, parent)
        self.returning = returning
        state = ledger.task_state(task_id)
        chain = ledger.chain
        self.level_index = min(state.review_level, len(chain) - 1)
        level = chain[self.level_index]
        self.last = self.level_index == len(chain) - 1
        self.checks = ledger.review_checks[self.level_index]
        self.setWindowTitle(
            (self.tr("Return — {level}") if returning else self.tr("Approve — {level}")).format(
                level=words.word(level.name)
            )
        )
        where = _label(
            self.tr("{level}: level {n} of {total}, signed by the {role}").format(
                level=words.word(level.name),
                n=self.level_index + 1,
                total=len(chain),
                role=words.role(level.role),
            )
        )
        where.setObjectName("reviewLevel")
        self.form.addRow(where)
        checklist = _label(
            self.tr("This level checks: {items}").format(
                items="、".join(words.word(CHECK_LABELS[c]) for c in self.checks)
            )
            if self.checks
            else self.tr("This level confirms the earlier levels' checks.")
        )
        checklist.setObjectName("reviewChecklist")
        self.form.addRow(checklist)
        statement = QPlainTextEdit(self.task.statement or self.tr("(no statement)"))
        statement.setObjectName("closingStatement")
        statement.setReadOnly(True)
        statement.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.form.addRow(self.tr("Closing statement of the owner"), statement)
        if self.task.progress.strip():
            progress = QPlainTextEdit(self.task.progress)
            progress.setObjectName("currentProgress")
            progress.setReadOnly(True)
            progress.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
            self.form.addRow(self.tr("Current progress"), progress)
        files = signoff.evidence(ledger, task_id)
        names = "、".join(f.file_name for f in files[:4]) + ("……" if len(files) > 4 else "")
        self.form.addRow(
            self.tr("Evidence"),
            _label(
                self.tr("{n} files: {names}").format(n=len(files), names=names)
                if files
                else self.tr("none yet")
            ),
        )
        inds = indicator_lines(ledger, task_id)
        if inds:
            self.form.addRow(self.tr("Indicators"), _label("\n".join(inds)))
        self.missing = missing_items(ledger, task_id, self.checks)
        self.grades: dict[str, QRadioButton] = {}
        self.grade_group = QButtonGroup(self)
        self.opinion = _text_box(self.tr("e.g. 措施已落实，佐证材料齐全，同意销号。"), name="opinion")
        self.exception = _text_box(self.tr("Why the task may be signed off without it"), 60, "exception")
        self.reason = _text_box("", name="reason")
        self.second_round = _label(
            self.tr(
                "A grade of 一般 or 差 at the last level sends the task back for a "
                "second round of rectification; it is not signed off."
            ),
            style=f"color:{palette.ACCENT}; font-weight:bold",
        )
        self.second_round.setObjectName("secondRoundNote")
        self.second_round.setVisible(False)
        self.missing_note: QLabel | None = None
        if returning:
            self.form.addRow(
                _label(
                    self.tr(
                        "The reason is shown on the task and on the wall chart, so the owner "
                        "knows what to do."
                    )
                )
            )
            self.form.addRow(self.tr("Reason for returning (required)"), self.reason)
            self.finish(self.tr("Return to the owner"))
            self.reason.setFocus()
            return
        if self.missing:
            lines = "".join(f"<li>{html.escape(m)}</li>" for m in self.missing)
            after = self.tr(
                "This level checks it: complete what is missing first, or write the reason for an exception below."
            )
            self.missing_note = _label(
                f"<b>{html.escape(self.tr('Missing before sign-off:'))}</b>"
                f"<ul style='margin:2px 0 2px -20px'>{lines}</ul>{html.escape(after)}",
                rich=True,
                style=WARN_STYLE,
            )
            self.missing_note.setObjectName("missingNote")
            self.form.addRow(self.missing_note)
        row = QHBoxLayout()
        for g in GRADES:
            b = QRadioButton(words.word(g))
            b.setObjectName(f"grade_{g}")
            self.grades[g] = b
            self.grade_group.addButton(b)
            row.addWidget(b)
            b.toggled.connect(self._grade_changed)
        row.addStretch(1)
        self.form.addRow(self.tr("Acceptance grade (required)"), row)
        self.form.addRow(self.tr("Opinion (required)"), self.opinion)
        self.form.addRow(self.second_round)
        if self.missing:
            self.form.addRow(
                self.tr("Exception reason (required to approve)"),
                self.exception,
            )
        if self.last and self.task.kind == Kind.LONG_TERM.value:
            self.form.addRow(
                _label(self.tr("A long-term task is signed off for this stage and stays 长期坚持."))
            )
        self.finish(self.tr("Approve"))
        self.opinion.setFocus()

    def _grade_changed(self) -> None:
        self.second_round.setVisible(self.last and self.grade() in SECOND_ROUND_GRADES)

    def grade(self) -> str:
        return next((g for g, b in self.grades.items() if b.isChecked()), "")

    def values(self) -> dict[str, Any]:
        if self.returning:
            return {"reason": _required(self.reason, "退回")}
        grade = self.grade()
        if not grade:
            raise LedgerError(
                "bad_value",
                field="验收评定",
                value="",
                detail=self.tr("Please choose a grade: 好, 较好, 一般 or 差."),
            )
        opinion = self.opinion.toPlainText().strip()
        if not opinion:
            self.opinion.setFocus()
            raise LedgerError("empty_field", field="审核意见")
        exception = self.exception.toPlainText().strip() if self.missing else ""
        if self.missing and not (self.last and grade in SECOND_ROUND_GRADES) and not exception:
            self.exception.setFocus()
            raise LedgerError("reason_required", what="缺少佐证材料或指标未达标时销号")
        return {"grade": grade, "opinion": opinion, "exception": exception}

    @classmethod
    def ask(
        cls, ledger: Ledger, task_id: str, *, returning: bool = False, parent: QWidget | None = None
    ) -> dict[str, Any] | None:
        """``{"grade", "opinion", "exception"}`` to approve, ``{"reason"}`` to return; None when cancelled."""
        return cls._run(cls(ledger, task_id, returning=returning, parent=parent))


class SubmitDialog(SignoffDialog):
    """申请销号: the closing statement (required); a note when evidence or indicators are missing."""

    def __init__(self, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ledger, task_id, parent)
        self.setWindowTitle(self.tr("Request sign-off"))
        if self.task.progress.strip():
            current = QPlainTextEdit(self.task.progress)
            current.setReadOnly(True)
            current.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
            self.form.addRow(self.tr("Current progress"), current)
        self.statement = _text_box(
            self.tr("What was done, with numbers and dates: e.g. 已开展培训 18 次，覆盖 560 人次。"),
            110,
            "statement",
        )
        self.form.addRow(self.tr("What was done (required)"), self.statement)
        checked = {c for level in ledger.review_checks for c in level} - {"statement"}  # written just below
        self.missing = missing_items(ledger, task_id, tuple(sorted(checked)))
        if self.missing:
            lines = "".join(f"<li>{html.escape(m)}</li>" for m in self.missing)
            note = _label(
                f"<b>{html.escape(self.tr('Missing before sign-off:'))}</b>"
                f"<ul style='margin:2px 0 2px -20px'>{lines}</ul>"
                + html.escape(
                    self.tr(
                        "The reviewers check this. Add evidence on the 佐证材料 tab first, "
                        "or the reviewer will have to record an exception."
                    )
                ),
                rich=True,
                style=WARN_STYLE,
            )
            note.setObjectName("missingNote")
            self.form.addRow(note)
        self.finish(self.tr("Submit the request"))
        self.statement.setFocus()

    def values(self) -> dict[str, Any]:
        return {"reason": _required(self.statement, "申请销号的整改情况说明")}

    @classmethod
    def ask(cls, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> dict[str, Any] | None:
        """``{"reason": closing statement}``, or None when cancelled."""
        return cls._run(cls(ledger, task_id, parent))


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ExtensionDialog(SignoffDialog):
    """延期申请: a new deadline after the current one, and the reason."""

    def __init__(self, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ledger, task_id, parent)
        self.setWindowTitle(self.tr("Ask for a later deadline"))
        t = self.task
        current = t.deadline or ledger.today()
        self.form.addRow(
            self.tr("Current deadline"), _label(t.deadline.isoformat() if t.deadline else self.tr("none"))
        )
        if t.original_deadline and t.original_deadline != t.deadline:
            self.form.addRow(self.tr("Original deadline"), _label(t.original_deadline.isoformat()))
        self.new_deadline = QDateEdit(_qdate(current + dt.timedelta(days=30)))
        self.new_deadline.setObjectName("newDeadline")
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setDisplayFormat("yyyy-MM-dd")
        self.new_deadline.setMinimumDate(_qdate(current + dt.timedelta(days=1)))
        self.days = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.new_deadline)
        row.addWidget(self.days, 1)
        self.new_deadline.dateChanged.connect(self._show_days)
        self._show_days()
        self.form.addRow(self.tr("New deadline"), row)
        self.reason = _text_box(self.tr("Why the deadline cannot be met"), name="reason")
        self.form.addRow(self.tr("Reason (required)"), self.reason)
        self.form.addRow(
            _label(
                self.tr(
                    "A leader approves or refuses the request. The original deadline is kept "
                    "in the ledger either way."
                )
            )
        )
        self.finish(self.tr("Send the request"))
        self.reason.setFocus()

    def _show_days(self) -> None:
        if self.task.deadline:
            n = (_pydate(self.new_deadline.date()) - self.task.deadline).days
            self.days.setText(self.tr("{n} days later").format(n=n))

    def values(self) -> dict[str, Any]:
        reason = _required(self.reason, "延期申请")
        return {"new_deadline": _pydate(self.new_deadline.date()), "reason": reason}

    @classmethod
    def ask(cls, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> dict[str, Any] | None:
        """``{"new_deadline": date, "reason": str}`` for ``signoff.request_extension``, or None."""
        return cls._run(cls(ledger, task_id, parent))


class DecideExtensionDialog(SignoffDialog):
    """A leader's answer to a pending 延期申请: 同意 or 不同意 (a note is required when refusing)."""

    def __init__(
        self, ledger: Ledger, extension_id: str, approve: bool = True, parent: QWidget | None = None
    ) -> None:
        self.extension = signoff.extension(ledger, extension_id)
        super().__init__(ledger, self.extension.task_id, parent)
        x = self.extension
        self.setWindowTitle(self.tr("Decide the extension request"))
        self.form.addRow(self.tr("Requested by"), _label(x.requested_by))
        self.form.addRow(self.tr("Requested"), _label(x.requested_at[:16]))
        old = x.old_deadline.isoformat() if x.old_deadline else "—"
        self.form.addRow(self.tr("From → to"), _label(f"{old} → {x.new_deadline.isoformat()}"))
        self.form.addRow(self.tr("Reason"), _label(x.reason))
        self.approve_button = QRadioButton(self.tr("Approve the extension"))
        self.approve_button.setObjectName("approveExtension")
        self.refuse_button = QRadioButton(self.tr("Refuse"))
        self.refuse_button.setObjectName("refuseExtension")
        group = QButtonGroup(self)
        group.addButton(self.approve_button)
        group.addButton(self.refuse_button)
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        self.form.addRow(row)
        self.note = _text_box("", 70, "note")
        self.note_label = QLabel()
        self.form.addRow(self.note_label, self.note)
        (self.approve_button if approve else self.refuse_button).setChecked(True)
        self.finish("")
        self.approve_button.toggled.connect(self._mode)
        self._mode()

    def _mode(self) -> None:
        yes = self.approve_button.isChecked()
        self.note_label.setText(
            self.tr("Note (optional)") if yes else self.tr("Note (required when refusing)")
        )
        self.ok_button.setText(self.tr("Approve the extension") if yes else self.tr("Refuse"))

    def values(self) -> dict[str, Any]:
        approve = self.approve_button.isChecked()
        note = self.note.toPlainText().strip() if approve else _required(self.note, "不同意延期")
        return {"approve": approve, "note": note}

    @classmethod
    def ask(
        cls, ledger: Ledger, extension_id: str, approve: bool = True, parent: QWidget | None = None
    ) -> dict[str, Any] | None:
        """``{"approve": bool, "note": str}`` for ``signoff.decide_extension``, or None when cancelled."""
        return cls._run(cls(ledger, extension_id, approve, parent))


class ReopenDialog(SignoffDialog):
    """重启整改 of a signed-off task: the reason (required)."""

    def __init__(self, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ledger, task_id, parent)
        self.setWindowTitle(self.tr("Reopen the task"))
        self.reason = _text_box(name="reason")
        self.form.addRow(self.tr("Why it must be rectified again (required)"), self.reason)
        self.finish(self.tr("Reopen"))
        self.reason.setFocus()

    def values(self) -> dict[str, Any]:
        return {"reason": _required(self.reason, "重启已销号的任务")}

    @classmethod
    def ask(cls, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> dict[str, Any] | None:
        """``{"reason": str}`` for ``Ledger.act(…, "reopen", …)``, or None when cancelled."""
        return cls._run(cls(ledger, task_id, parent))


class RelapseDialog(SignoffDialog):
    """回头看 found a relapse (反弹): what was found (required); the task will be reopened."""

    def __init__(self, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ledger, task_id, parent)
        self.setWindowTitle(self.tr("Record a relapse (反弹)"))
        self.finding = _text_box(name="finding")
        self.form.addRow(self.tr("What was found (required)"), self.finding)
        self.form.addRow(
            _label(
                self.tr("The task is reopened as 反弹重启 and must be signed off again."),
                style=f"color:{palette.ACCENT}",
            )
        )
        self.finish(self.tr("Record the relapse"))
        self.finding.setFocus()

    def values(self) -> dict[str, Any]:
        return {"finding": _required(self.finding, "记录反弹（发现的问题）")}

    @classmethod
    def ask(cls, ledger: Ledger, task_id: str, parent: QWidget | None = None) -> dict[str, Any] | None:
        """``{"finding": str}`` for ``signoff.record_recheck(…, "relapse", finding)``, or None when cancelled."""
        return cls._run(cls(ledger, task_id, parent))
