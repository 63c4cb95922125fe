"""文件 → 核对台账完整性…: the journal chain and every table replayed against it, and the anchors printed on paper.

The same check as ``main.py verify`` (``ledger.journal.verify``), for the discipline committee at the window. It runs
on the GUI thread (the ledger's connection lives there) behind a progress dialog that can be cancelled; it reads
only, so a cancel leaves nothing to undo.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.service import Ledger
from ledger.storage import journal
from ui.common import palette
from ui.common.util import advance, exec_and_free, progress_dialog, say

log = logging.getLogger(__name__)


class VerifyDialog(QDialog):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Check the ledger's integrity"))
        intro = QLabel(
            self.tr(
                "Every journal entry is checked against the one before it, and every table is replayed from the journal: "
                "a change made outside this program shows up. If you have a 周报 or a 销号审批表 at hand, type the journal "
                "anchors printed on it below (one per line) to check that the journal has not been rewritten since."
            )
        )
        intro.setWordWrap(True)
        self.anchors = QPlainTextEdit()
        self.anchors.setObjectName("verifyAnchors")
        self.anchors.setPlaceholderText(self.tr("e.g. 714:2db18125586866ef"))
        self.anchors.setTabChangesFocus(True)
        self.anchors.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.head = QLabel()
        self.head.setObjectName("verifyHead")
        self.head.setWordWrap(True)
        self.head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.run_button = QPushButton(self.tr("Check"))
        self.run_button.setObjectName("verifyRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.check)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.anchors)
        layout.addWidget(self.head)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 40)
        self._show_head()

    def _show_head(self) -> None:
        head = journal.anchor(self.ledger.store)
        self.head.setText(
            self.tr(
                "Newest journal anchor now: {anchor} (write it down to check this file against later)"
            ).format(anchor=head or "—")
        )

    def check(self) -> bool | None:
        """Run the check; True sound, False not, None when nothing was checked (a bad anchor, a cancel)."""
        printed = []
        for line in self.anchors.toPlainText().splitlines():
            if not line.strip():
                continue
            try:
                printed.append(journal.Anchor.parse(line))
            except ValueError:
                say(
                    self.result,
                    self.tr(
                        "“{text}” is not a journal anchor: it should be the entry number, a colon and the hex code, as "
                        "printed at the foot of a 周报, e.g. 714:2db18125586866ef. Nothing was checked."
                    ).format(text=line.strip()),
                    warn=True,
                )
                return None
        progress = progress_dialog(
            self,
            self.windowTitle(),
            self.tr("Checking the journal… entry {done} of {total}").format(done=0, total=0),
        )

        def report(stage: str, done: int, total: int) -> None:
            text = (
                self.tr("Checking the journal… entry {done} of {total}")
                if stage == "journal"
                else self.tr("Checking the tables… row {done} of {total}")
            )
            advance(progress, done, total, text.format(done=done, total=total))

        progress.show()
        QApplication.processEvents()
        try:
            problem = journal.verify(self.ledger.store, progress=report, cancel=progress.wasCanceled)
            wrong = [s for a in printed if (s := journal.check_anchor(self.ledger.store, a)) is not None]
        except journal.VerifyCancelled:
            say(self.result, self.tr("The check was cancelled; nothing was changed."))
            return None
        finally:
            progress.close()
            progress.deleteLater()
        self._show_head()
        if problem is not None:
            where = (
                self.tr("entry {seq} ({at}, {command})").format(
                    seq=problem.seq, at=problem.at, command=problem.command
                )
                if problem.seq
                else self.tr("the tables")
            )
            say(
                self.result,
                self.tr("Check failed: {where}: {detail}.").format(where=where, detail=problem.detail),
                warn=True,
            )
            log.warning("integrity check failed: %s %s", where, problem.detail)
            return False
        if wrong:
            say(
                self.result,
                "\n".join(self.tr("Check failed: {detail}.").format(detail=s) for s in wrong),
                warn=True,
            )
            log.warning("integrity check: anchors do not match: %s", wrong)
            return False
        text = self.tr("The ledger is sound: the journal chain is whole and every table matches it.")
        if printed:
            text += self.tr(" The {n} anchors from paper match.").format(n=len(printed))
        say(self.result, text)
        self.result.setStyleSheet(f"color:{palette.DONE};")
        return True

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger) -> None:
        exec_and_free(cls(ledger, parent))
