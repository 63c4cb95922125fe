"""生成通报: ask where to save the .docx progress-notice draft, write it, say where it went."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common import messages
from ui.common.util import documents_folder
from ui.common.worker import run_on_ledger

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoticeExport", text)


def default_name(ledger: Ledger) -> str:
    return _tr("{org} rectification progress notice (draft).docx").replace("{org}", ledger.org_name.strip())


def ask_path(parent: QWidget | None, ledger: Ledger) -> str:
    """The file dialog, separate so tests can patch it."""
    start = documents_folder() / default_name(ledger)
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the progress notice draft"), str(start), _tr("Word documents (*.docx)")
    )
    return path


def export_notice(parent: QWidget | None, ledger: Ledger) -> Path | None:
    """Ask for a path and write the 通报 draft there; show a sentence with the path or the error."""
    chosen = ask_path(parent, ledger)
    if not chosen:
        return None
    from ledger.office import write_notice

    try:  # in a worker thread with its own connection: a large ledger's draft takes minutes to write
        path = run_on_ledger(
            parent,
            _tr("Progress notice"),
            _tr("Writing the notice draft…"),
            ledger,
            lambda own, _progress: write_notice(own, chosen),
            cancellable=False,  # python-docx writes in one go: there is no step to stop at
        )
    except (LedgerError, OSError) as exc:
        messages.show_error(parent, exc, _tr("Cannot write the notice"))
        return None
    log.info("notice draft written to %s", path)
    messages.info(
        parent,
        _tr(
            "The notice draft was saved to “{path}”. Open it in Word or WPS and fill in the "
            "places marked 【待补充】."
        ).replace("{path}", str(path)),
        _tr("Progress notice"),
    )
    return path
