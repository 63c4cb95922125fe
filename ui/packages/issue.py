"""下发: write one community's package, or every community's, into a folder; the folder is remembered."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger import exchange
from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common import messages
from ui.common.util import documents_folder, open_folder, say, settings
from ui.common.worker import Cancelled, Progress, run_on_ledger

log = logging.getLogger(__name__)

FOLDER_KEY = "packages/folder"
INSTALLER_KEY = "packages/installer"  # the installer file copied beside the packages (this PC's setting)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Packages", text)


# ---- patchable questions (tests replace these) --------------------------------------------------------------------
def ask_folder(parent: QWidget | None, start: str) -> str:
    """The folder for new packages; "" when cancelled."""
    return QFileDialog.getExistingDirectory(parent, _tr("Choose the folder for the packages"), start)


def ask_installer(parent: QWidget | None, start: str) -> str:
    """The program's installer (.deb or setup .exe) to copy beside the packages; "" when cancelled."""
    return QFileDialog.getOpenFileName(
        parent, _tr("Choose the program's installer"), start, _tr("Installers (*.deb *.exe);;All files (*)")
    )[0]


def folder_default(ledger: Ledger, key: str = FOLDER_KEY) -> str:
    saved = settings().value(key, "")
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    return str(documents_folder())


# ---- 下发 ---------------------------------------------------------------------------------------------------------
def issuable_communities(ledger: Ledger) -> list[tuple[str, str, int]]:
    """(id, name, live tasks) of the communities a package can be issued for, in ledger order."""
    return [
        (r[0], r[1], int(r[2]))
        for r in ledger.store.conn.execute(
            "SELECT c.id, c.name, COUNT(t.id) FROM community c JOIN task t ON t.community_id = c.id "
            "AND t.deleted_at IS NULL GROUP BY c.id ORDER BY c.sort, c.rowid"
        )
    ]


class IssuePackagesDialog(QDialog):
    """下发: one community, or 全部居民区 (one package each), into a folder; then the list of files written."""

    ALL = "__all__"

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, community_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.paths: list[Path] = []
        self.setObjectName("issuePackagesDialog")
        self.setWindowTitle(self.tr("Issue community packages"))
        intro = QLabel(
            self.tr(
                "A package is a copy of one community's tasks for its secretary to update offline. "
                "Give it to the secretary (USB stick, e-mail); they open it in this program and send "
                "back the return file (上报)."
            )
        )
        intro.setWordWrap(True)
        self.community = QComboBox()
        self.community.setObjectName("packageCommunity")
        self.community.addItem(self.tr("All communities (one package each)"), self.ALL)
        for cid, name, tasks in issuable_communities(ledger):
            self.community.addItem(self.tr("{name} ({tasks} tasks)").format(name=name, tasks=tasks), cid)
        if community_id is not None:
            self.community.setCurrentIndex(max(0, self.community.findData(community_id)))
        self.folder = QLineEdit(folder_default(ledger))
        self.folder.setObjectName("packageFolder")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browseFolder")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.installer = QLineEdit(str(settings().value(INSTALLER_KEY, "") or ""))
        self.installer.setObjectName("packageInstaller")
        self.installer.setPlaceholderText(
            self.tr("Optional: the program's installer, copied beside the packages")
        )
        pick = QPushButton(self.tr("Browse…"))
        pick.setObjectName("browseInstaller")
        pick.clicked.connect(self.browse_installer)
        installer_row = QHBoxLayout()
        installer_row.addWidget(self.installer, 1)
        installer_row.addWidget(pick)
        form = QFormLayout()
        form.addRow(self.tr("Community"), self.community)
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.tr("Installer"), installer_row)
        self.result_label = QLabel()
        self.result_label.setObjectName("issueResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setVisible(False)
        self.issue_button = QPushButton(self.tr("Issue"))
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        self.open_button = QPushButton(self.tr("Open the folder"))
        self.open_button.setObjectName("openFolder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: open_folder(self, Path(self.folder.text())))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close)
        self.box = layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 44)

    def browse(self) -> None:
        chosen = ask_folder(self, self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def browse_installer(self) -> None:
        chosen = ask_installer(self, self.installer.text() or str(Path(self.folder.text()).parent))
        if chosen:
            self.installer.setText(chosen)

    def copy_installer(self, folder: Path) -> tuple[str, bool]:
        """The installer named in the dialog copied into ``folder``: (the sentence saying what was copied, warn)."""
        name = self.installer.text().strip()
        settings().setValue(INSTALLER_KEY, name)
        if not name:
            return "", False
        try:
            copied = exchange.copy_installer(name, folder)
        except LedgerError as exc:
            return messages.error_text(exc), True
        return self.tr("The installer “{name}” is beside the packages.").format(name=copied.name), False

    def issue(self) -> list[Path]:
        """Write the chosen package(s) behind a progress dialog; the files are listed in the dialog."""
        folder_text = self.folder.text().strip()
        if not folder_text:
            say(self.result_label, warn=True, text=self.tr("Choose a folder first."))
            return []
        folder = Path(folder_text)
        choice = self.community.currentData()
        targets = [
            (cid, name)
            for cid, name, _n in issuable_communities(self.ledger)
            if choice == self.ALL or cid == choice
        ]
        if not targets:
            say(self.result_label, warn=True, text=self.tr("No community has tasks to issue."))
            return []
        written: list[Path] = []
        error: LedgerError | None = None

        labels = [
            self.tr("Issuing the package of {name}… ({done} of {total})").format(
                name=name, done=i + 1, total=len(targets)
            )
            for i, (_cid, name) in enumerate(targets)
        ]

        def work(own: Ledger, progress: Progress) -> None:
            for i, (cid, _name) in enumerate(targets):
                # raises Cancelled after 取消: the packages written so far stay written and recorded
                progress(i, len(targets), labels[i])
                written.append(exchange.issue_package(own, cid, folder))

        cancelled = False
        try:  # in a worker thread with its own connection: seconds a package at 100,000 tasks
            run_on_ledger(
                self,
                self.tr("Issue community packages"),
                self.tr("Issuing packages…"),
                self.ledger,
                work,
                write=True,
            )
        except Cancelled:
            cancelled = True
        except LedgerError as exc:
            error = exc
        self.paths.extend(written)
        lines = []
        if written:
            settings().setValue(FOLDER_KEY, str(folder))
            head = (
                self.tr(
                    "Issuing was cancelled after {count} packages; those listed were written and recorded."
                )
                if cancelled
                else self.tr("{count} packages were issued to “{folder}”:")
            )
            lines.append(head.format(count=len(written), folder=folder))
            lines += [f"  {p.name}" for p in written]
        warn = error is not None
        if error is not None:
            lines.append(messages.error_text(error))
        if written:
            told, failed = self.copy_installer(folder)
            lines += [told] if told else []
            warn = warn or failed
        text = "\n".join(lines)
        if warn:
            say(self.result_label, warn=True, text=text)
        else:
            say(self.result_label, text=text)
        self.open_button.setVisible(bool(written))
        self.box.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        log.info("issued %d packages to %s", len(written), folder)
        return written

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger, community_id: str | None = None) -> list[Path]:
        dlg = cls(ledger, parent, community_id)
        dlg.exec()
        return dlg.paths
