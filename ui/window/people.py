"""人员名册: the people register kept by the work team, a person's own signing password, and the password asked at
the moment of a signing act (签字确认)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError, Operator, Role
from ledger.service import (
    Ledger,
    add_person,
    has_password,
    register,
    reset_password,
    set_password,
    update_person,
)
from ui.common import messages, words
from ui.common.util import exec_and_free
from ui.window.dialogs import form_with_buttons


class PasswordDialog(QDialog):
    """One password, asked when it is needed and forgotten after."""

    def __init__(self, prompt: str, parent: QWidget | None = None, *, confirm: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signing password"))
        note = QLabel(prompt)
        note.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        self.again: QLineEdit | None = None
        if confirm:
            self.again = QLineEdit()
            self.again.setObjectName("passwordAgain")
            self.again.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Once more"), self.again)
        form_with_buttons(self, form, note=note, on_ok=self._accept)

    def _accept(self) -> None:
        if self.again is not None and self.again.text() != self.password.text():
            messages.show_error(self, self.tr("The two passwords differ. Type the same password twice."))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, prompt: str, *, confirm: bool = False) -> str | None:
        dlg = cls(prompt, parent, confirm=confirm)
        ok = exec_and_free(dlg) == QDialog.DialogCode.Accepted
        return dlg.password.text() if ok else None


def ask_signature(parent: QWidget | None, actor: str, act: str) -> str | None:
    """The ledger's ``password_prompt``: the signer's own password for this act, or None when cancelled."""
    prompt = QCoreApplication.translate(
        "PasswordDialog", "“{act}” is signed by {actor}: type your signing password to confirm it."
    )
    return PasswordDialog.ask(parent, prompt.format(act=act, actor=actor))


def choose_person(ledger: Ledger, parent: QWidget | None = None) -> Operator | None:
    """Who am I, chosen from the register's active people (a name in each of its roles)."""
    people = [p for p in register(ledger) if p.active]
    labels = [f"{p.name}（{words.role(p.role)}）" for p in people]
    current = next(
        (
            i
            for i, p in enumerate(people)
            if p.name == ledger.operator.name and p.role == ledger.operator.role
        ),
        0,
    )
    title = QCoreApplication.translate("PeopleDialog", "Who are you?")
    text = QCoreApplication.translate("PeopleDialog", "Choose yourself from the people register:")
    label, ok = QInputDialog.getItem(parent, title, text, labels, current, False)
    if not ok or label not in labels:
        return None
    p = people[labels.index(label)]
    return Operator(p.name, p.role)


class PeopleDialog(QDialog):
    """The register: who may work on this ledger, in which role (a secretary with their community)."""

    COLUMNS = 5

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("People register"))
        self.resize(720, 420)
        note = QLabel(
            self.tr(
                "Once the register has people, everyone who changes the ledger is chosen from it, and each may "
                "only do what their role allows. Kept by the work team."
            )
        )
        note.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("people")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Community"), self.tr("State"), self.tr("Password")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.name = QLineEdit()
        self.name.setObjectName("personName")
        self.role = QComboBox()
        self.role.setObjectName("personRole")
        for r in Role:
            self.role.addItem(words.role(r), r.value)
        self.community = QComboBox()
        self.community.setObjectName("personCommunity")
        for c in ledger.communities():
            self.community.addItem(c["name"], c["id"])
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        add = QPushButton(self.tr("Add"))
        add.setObjectName("addPerson")
        add.clicked.connect(self._add)
        row = QHBoxLayout()
        for w in (QLabel(self.tr("Name")), self.name, self.role, self.community, add):
            row.addWidget(w)
        toggle = QPushButton(self.tr("Retire / bring back"))
        toggle.setObjectName("togglePerson")
        toggle.clicked.connect(self._toggle)
        mine = QPushButton(self.tr("Set my signing password…"))
        mine.setObjectName("myPassword")
        mine.clicked.connect(self._my_password)
        clear = QPushButton(self.tr("Clear a forgotten password"))
        clear.setObjectName("clearPassword")
        clear.clicked.connect(self._clear_password)
        buttons = QHBoxLayout()
        for b in (toggle, mine, clear):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def _role_changed(self) -> None:
        """Only a secretary names a community."""
        self.community.setEnabled(self.role.currentData() == Role.SECRETARY.value)

    def refresh(self) -> None:
        names = {c["id"]: c["name"] for c in self.ledger.communities()}
        people = register(self.ledger)
        self.table.setRowCount(len(people))
        for i, p in enumerate(people):
            cells = [
                p.name,
                words.role(p.role),
                names.get(p.community_id, ""),
                self.tr("Active") if p.active else self.tr("Retired"),
                self.tr("Set") if has_password(self.ledger, p.name) else "",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(256, (p.name, p.role.value))
                self.table.setItem(i, j, item)

    def _selected(self) -> tuple[str, str] | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(256) if item is not None else None

    def _run(self, fn: Callable[..., object], *args: object, **kw: object) -> bool:
        try:
            fn(*args, **kw)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        self.refresh()
        return True

    def _add(self) -> None:
        role = Role(self.role.currentData())
        community = self.community.currentData() if role == Role.SECRETARY else None
        if self._run(add_person, self.ledger, self.name.text(), role, community):
            self.name.clear()

    def _toggle(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        person = next(p for p in register(self.ledger) if (p.name, p.role.value) == chosen)
        self._run(update_person, self.ledger, chosen[0], chosen[1], active=not person.active)

    def _my_password(self) -> None:
        me = self.ledger.operator.name
        old = None
        if has_password(self.ledger, me):
            old = PasswordDialog.ask(self, self.tr("Type your current signing password."))
            if old is None:
                return
        new = PasswordDialog.ask(
            self, self.tr("Choose a signing password (at least 6 characters)."), confirm=True
        )
        if new is not None:
            self._run(set_password, self.ledger, new, old)

    def _clear_password(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._run(reset_password, self.ledger, chosen[0])
