"""Unexpected errors: logged with their traceback to ledger.log, then shown once in a crash dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashDialog:
    """The dialog itself; ``ask`` is what the handler calls and what tests patch."""

    @staticmethod
    def build(parent: QWidget | None, log_path: Path, error: str, details: str) -> QMessageBox:
        # Imported here, not at start-up (the handler is installed before the window; the dialog is rare).
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            _tr("Unexpected error"),
            _tr(
                "The program met an unexpected error ({error}); what you just did may not have finished.\n\n"
                "The ledger is safe: every change is saved in its own transaction, so saved changes are all "
                "there, and the one that failed was either saved whole or not at all.\n\n"
                "The details are in the log file:\n{log}\nPlease send it to whoever maintains the program. If "
                "the program behaves oddly, close it and open it again."
            ).format(error=error, log=log_path),
            parent=parent,
        )
        box.setDetailedText(details)
        folder = box.addButton(_tr("Open the log's folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_tr("Close"), QMessageBox.ButtonRole.RejectRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent))))
        return box

    @classmethod
    def ask(cls, parent: QWidget | None, log_path: Path, error: str, details: str) -> None:
        box = cls.build(parent, log_path, error, details)
        box.exec()
        box.deleteLater()


class CrashHandler(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` while the window runs.

    Every unexpected error is logged (to the file even under pythonw, where ``sys.stderr`` is None); one dialog is
    shown at a time, and an error raised while it is open is only logged. A thread's error is shown by the GUI
    thread, through a queued signal."""

    crashed = Signal(str, str)  # the error in a line, the traceback

    def __init__(self, log_path: Path, open_log: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self.log_path = log_path
        self.open_log = open_log  # makes sure the log file is being written before the dialog names it
        self.showing = False
        # the hooks that were there before ``install``, put back by ``uninstall``
        self._previous: (
            tuple[
                Callable[[type[BaseException], BaseException, TracebackType | None], object],
                Callable[[threading.ExceptHookArgs], object],
            ]
            | None
        ) = None
        self.crashed.connect(self._show)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._report((exc_type, exc, tb), "")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        where = f" in thread {args.thread.name}" if args.thread is not None else " in a thread"
        self._report((args.exc_type, args.exc_value, args.exc_traceback), where)

    def _report(self, info: ExcInfo, where: str) -> None:
        try:
            self.open_log()
        except OSError as exc:  # the data folder cannot be written: the error still goes to stderr below
            log.warning("cannot open the log file %s: %s", self.log_path, exc)
        log.critical("unexpected error%s", where, exc_info=info)
        details = "".join(traceback.format_exception(*info))
        if sys.stderr is not None:  # None under pythonw: the log file has it all
            sys.stderr.write(details)
        self.crashed.emit(f"{info[0].__name__}: {info[1]}", details)

    def _show(self, error: str, details: str) -> None:
        if self.showing:
            return  # logged already; one dialog at a time
        self.showing = True
        try:
            CrashDialog.ask(QApplication.activeWindow(), self.log_path, error, details)
        finally:
            self.showing = False
