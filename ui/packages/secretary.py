"""Who opens a community package: its secretary. A package opened on a PC that has not seen it proposes the
community's secretary named in the package (role 居民区书记) and asks only to confirm; the name can be corrected
in the same dialog. The choice is remembered for that package, so the next opening asks nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ledger.core import LedgerError, Operator, Role
from ui.common import messages
from ui.common.util import exec_and_free, settings
from ui.packages.probe import looks_like_package

if TYPE_CHECKING:
    from ledger.exchange.packages import PackageInfo


def package_secretary(path: Path) -> tuple[PackageInfo, str] | None:
    """The package's description and its community's secretary (may be ""); None when the file is no package."""
    if not looks_like_package(path):
        return None
    from ledger.exchange.packages import open_package_info, open_read_only

    try:
        info = open_package_info(path)
    except LedgerError:
        return None  # a master ledger, or a damaged file: opening it says what is wrong
    try:
        store = open_read_only(Path(path))
    except LedgerError:
        return info, ""
    try:
        name = store.one("SELECT secretary FROM community WHERE id = ?", (info.community_id,))
    except sqlite3.Error:
        name = None
    finally:
        store.conn.close()
    return info, str(name or "").strip()


def remembered(info: PackageInfo) -> Operator | None:
    name = str(settings().value(f"packages/{info.package_id}/operator", "") or "")
    return Operator(name, Role.SECRETARY) if name.strip() else None


def remember(info: PackageInfo, op: Operator) -> None:
    s = settings()
    s.setValue(f"packages/{info.package_id}/operator", op.name)
    s.sync()


class SecretaryDialog(QDialog):
    """“这是南郊别墅的下发包。您是南郊别墅的居民区书记王建华吗？” with the name ready to correct, and 确认."""

    def __init__(self, info: PackageInfo, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretaryDialog")
        self.setWindowTitle(self.tr("Open the community package"))
        head = QLabel(
            self.tr(
                "This is the package of {community}, issued on {date}. On this computer you fill it in as the "
                "community's secretary: please confirm your name."
            ).format(community=info.community, date=info.issued_at[:10])
        )
        head.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("secretaryName")
        self.name.setPlaceholderText(self.tr("Your name"))
        role = QLabel(self.tr("Secretary of {community}").format(community=info.community))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), role)
        note = QLabel(self.tr("Every change you make is recorded under this name, for the audit."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Confirm"))
        ok.setObjectName("confirmSecretary")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.result_operator: Operator | None = None

    def _accept(self) -> None:
        try:
            self.result_operator = Operator.of(self.name.text(), Role.SECRETARY)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        self.accept()

    @classmethod
    def ask(cls, info: PackageInfo, name: str, parent: QWidget | None = None) -> Operator | None:
        dlg = cls(info, name, parent)
        return dlg.result_operator if exec_and_free(dlg) == QDialog.DialogCode.Accepted else None


def operator_for_package(
    info: PackageInfo, name: str, saved: Operator | None, parent: QWidget | None
) -> Operator | None:
    """The operator who opens this package: the one confirmed for it before, the saved operator when that is this
    community's secretary, else the secretary the package names, confirmed once. None: the user cancelled."""
    known = remembered(info)
    if known is not None:
        return known
    if saved is not None and saved.role == Role.SECRETARY and (not name or saved.name == name):
        remember(info, saved)
        return saved
    op = SecretaryDialog.ask(info, name, parent)
    if op is not None:
        remember(info, op)
    return op
