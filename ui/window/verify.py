"""文件 → 核对台账完整性…: the journal chain and every table replayed against it, and the anchors printed on paper.

The same check as ``main.py verify`` (``ledger.journal.verify``), for the discipline committee at the window. It runs
in a worker thread (QThreadPool) on a read-only connection of its own, so the window keeps painting through a
bulk entry of 25,000 tasks; the progress dialog is updated every 50 ms and can be cancelled; it reads only, so a
cancel leaves nothing to undo. ``check`` waits for it, processing the window's events, and returns as before.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QRunnable, Qt, QThreadPool
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
from ledger.storage import Store, journal
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
        self.outcome = QLabel()
        self.outcome.setObjectName("verifyResult")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setVisible(False)
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
        layout.addWidget(self.outcome)
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
                    self.outcome,
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
        work = VerifyRun(self.ledger.store.path, printed)
        QThreadPool.globalInstance().start(work)
        while True:  # the window paints and 取消 is read every 50 ms
            if progress.wasCanceled():
                work.cancelled.set()
            if work.done.wait(0.05):
                break
            if work.stage is not None:
                report(*work.stage)
            else:
                QApplication.processEvents()
        progress.close()
        progress.deleteLater()
        if isinstance(work.error, journal.VerifyCancelled):
            say(self.outcome, self.tr("The check was cancelled; nothing was changed."))
            return None
        if work.error is not None:
            raise work.error
        problem, wrong = work.problem, work.wrong
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
                self.outcome,
                self.tr("Check failed: {where}: {detail}.").format(where=where, detail=problem.detail),
                warn=True,
            )
            log.warning("integrity check failed: %s %s", where, problem.detail)
            return False
        if wrong:
            say(
                self.outcome,
                "\n".join(self.tr("Check failed: {detail}.").format(detail=s) for s in wrong),
                warn=True,
            )
            log.warning("integrity check: anchors do not match: %s", wrong)
            return False
        text = self.tr("The ledger is sound: the journal chain is whole and every table matches it.")
        if printed:
            text += self.tr(" The {n} anchors from paper match.").format(n=len(printed))
        say(self.outcome, text)
        self.outcome.setStyleSheet(f"color:{palette.DONE};")
        return True

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger) -> None:
        exec_and_free(cls(ledger, parent))


class VerifyRun(QRunnable):
    """``journal.verify`` and the anchors' check on a read-only connection of this thread's own (a SQLite connection
    stays in the thread that made it); what it found, or the exception it raised, is read once ``done`` is set."""

    def __init__(self, path: Any, printed: list[journal.Anchor]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it: the dialog reads it after run()
        self.path = path
        self.printed = printed
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self.stage: tuple[str, int, int] | None = None
        self.problem: journal.Problem | None = None
        self.wrong: list[str] = []
        self.error: BaseException | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage = (stage, done, total)

    def run(self) -> None:
        try:
            store = Store.open(self.path, read_only=True)
            try:
                self.problem = journal.verify(store, progress=self.progress, cancel=self.cancelled.is_set)
                self.wrong = [s for a in self.printed if (s := journal.check_anchor(store, a)) is not None]
            finally:
                store.close()
        except BaseException as exc:  # handed to the dialog, which says or raises it on the GUI thread
            self.error = exc
        finally:
            self.done.set()
