"""Small dialogs, each with a classmethod ``ask`` that tests can patch (pytest-qt note_dialogs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core import Kind, LedgerError, Operator, Role
from ledger.service import Ledger
from ui.common import messages, words
from ui.common.util import exec_and_free, say


class FirstRunDialog(QDialog):
    """No ledger yet: offer 新建空白台账 or 打开示例台账 (or an existing file)."""

    BLANK, EXAMPLE, OPEN = "blank", "example", "open"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome"))
        self.choice: str | None = None
        self.org = QLineEdit()
        self.org.setPlaceholderText(self.tr("e.g. 莘庄工业区党工委"))
        layout = QVBoxLayout(self)
        head = QLabel(self.tr("There is no ledger yet. How would you like to start?"))
        head.setWordWrap(True)
        f = head.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        head.setFont(f)
        layout.addWidget(head)
        example = QPushButton(self.tr("Open the example ledger"))
        example.setObjectName("example")
        example.setToolTip(self.tr("Built from a public progress notice; the people in it are invented."))
        example.clicked.connect(lambda: self._pick(self.EXAMPLE))
        layout.addWidget(example)
        form = QFormLayout()
        form.addRow(self.tr("Organisation (required)"), self.org)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("firstRunMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        blank = QPushButton(self.tr("Create a blank ledger"))
        blank.setObjectName("blank")
        blank.clicked.connect(lambda: self._pick(self.BLANK))
        layout.addWidget(blank)
        other = QPushButton(self.tr("Open an existing ledger file…"))
        other.clicked.connect(lambda: self._pick(self.OPEN))
        layout.addWidget(other)
        example.setDefault(True)

    def _pick(self, choice: str) -> None:
        if choice == self.BLANK and not self.org.text().strip():
            say(
                self.message,
                self.tr("Enter the organisation's name first: it heads the ledger and every export."),
                warn=True,
            )
            self.org.setFocus()
            return
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, str] | None:
        dlg = cls(parent)
        if exec_and_free(dlg) != QDialog.DialogCode.Accepted or dlg.choice is None:
            return None
        return dlg.choice, dlg.org.text().strip()


def form_with_buttons(
    dialog: QDialog, form: QFormLayout, *, note: QLabel | None = None, on_ok: Callable[[], None] | None = None
) -> QDialogButtonBox:
    """The small dialogs' one layout: an optional note above, the form, then OK / Cancel (OK runs ``on_ok``,
    which checks and accepts; by default the dialog simply accepts)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if note is not None:
        layout.addWidget(note)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons


class OperatorDialog(QDialog):
    """Who is at the keyboard: a name and a role, carried by every journal entry."""

    def __init__(self, current: Operator | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who are you?"))
        self.name = QLineEdit(current.name if current else "")
        self.name.setObjectName("operatorName")
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(words.role(r), r.value)
        if current:
            self.role.setCurrentIndex(self.role.findData(current.role.value))
        note = QLabel(self.tr("Every change you make is recorded under this name, for the audit."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form_with_buttons(self, form, note=note, on_ok=self._accept)
        self.result_operator: Operator | None = None

    def _accept(self) -> None:
        try:
            self.result_operator = Operator.of(self.name.text(), self.role.currentData())
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        self.accept()

    @classmethod
    def ask(cls, current: Operator | None = None, parent: QWidget | None = None) -> Operator | None:
        dlg = cls(current, parent)
        return dlg.result_operator if exec_and_free(dlg) == QDialog.DialogCode.Accepted else None


@dataclass
class NewTask:
    problem_id: str
    community_id: str
    measure: str
    owner: str
    deadline: dt.date | None
    kind: str


class NewTaskDialog(QDialog):
    def __init__(
        self, ledger: Ledger, community_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New task"))
        self.problem = QComboBox()
        for p in ledger.problems():
            self.problem.addItem(p["title"], p["id"])
        self.community = QComboBox()
        for c in ledger.communities():
            self.community.addItem(c["name"], c["id"])
        if community_id:
            self.community.setCurrentIndex(max(0, self.community.findData(community_id)))
        self.measure = QLineEdit()
        self.owner = QLineEdit()
        self.deadline = QDateEdit(QDate.currentDate().addDays(30))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        for k in Kind:
            self.kind.addItem(words.word(k.value), k.value)
        self.kind.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow(self.tr("Problem"), self.problem)
        form.addRow(self.tr("Community"), self.community)
        form.addRow(self.tr("Measure"), self.measure)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Deadline"), self.deadline)
        form.addRow(self.tr("Kind"), self.kind)
        form_with_buttons(self, form)

    @classmethod
    def ask(
        cls, ledger: Ledger, community_id: str | None = None, parent: QWidget | None = None
    ) -> NewTask | None:
        dlg = cls(ledger, community_id, parent)
        if dlg.problem.count() == 0 or dlg.community.count() == 0:
            messages.info(
                parent,
                dlg.tr("Add at least one community and one problem first (Edit → Communities and problems)."),
            )
            return None
        if exec_and_free(dlg) != QDialog.DialogCode.Accepted:
            return None
        d = dlg.deadline.date()
        return NewTask(
            dlg.problem.currentData(),
            dlg.community.currentData(),
            dlg.measure.text(),
            dlg.owner.text(),
            dt.date(d.year(), d.month(), d.day()),
            dlg.kind.currentData(),
        )


def ask_org(parent: QWidget | None) -> str:
    """The organisation's name for a new blank ledger (required); "" when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    text = ""
    while not text:
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("FirstRunDialog", "New blank ledger"),
            QCoreApplication.translate("FirstRunDialog", "Organisation (required), e.g. 莘庄工业区党工委"),
        )
        if not ok:
            return ""
        text = text.strip()
    return text
