"""导出佐证材料: ask for a .zip path, then write one task's, one community's or the whole ledger's evidence,
with its list as 目录.xlsx (print-ready) and 目录.csv."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ledger import signoff
from ledger.core import LedgerError
from ledger.office import evidence_index
from ledger.service import Ledger
from ui.common import messages
from ui.common.util import advance, progress_dialog, settings
from ui.task.evidence import FOLDER_KEY, default_folder

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceExport", text)


def default_name(ledger: Ledger, *, task_id: str | None = None, community: str | None = None) -> str:
    """ "{居民区}-{整改措施前12字}-佐证材料.zip", "{居民区}-佐证材料.zip" or "{组织}-佐证材料-{日期}.zip"."""
    word = _tr("evidence")
    if task_id is not None:
        t = ledger.task(task_id)
        stem = f"{t.community}-{t.measure[:12]}-{word}"
    elif community is not None:
        row = ledger.store.row("community", community)
        stem = f"{row['name'] if row else community}-{word}"
    else:
        stem = f"{ledger.org_name}-{word}-{ledger.today().strftime('%Y%m%d')}"
    return signoff.safe_name(stem, 80) + ".zip"


def ask_path(parent: QWidget | None, suggested: Path) -> str:
    """The file dialog (tests patch this); "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the evidence as"), str(suggested), _tr("Zip files (*.zip)")
    )
    return path


def show_done(parent: QWidget | None, path: Path) -> None:
    """Where the zip went (tests patch this)."""
    messages.info(
        parent,
        _tr(
            "The evidence was saved to “{path}”. Inside, 目录.xlsx lists every file, ready to print "
            "(目录.csv holds the same list)."
        ).format(path=path),
        _tr("Export evidence"),
    )


def export_evidence(
    parent: QWidget | None, ledger: Ledger, *, task_id: str | None = None, community: str | None = None
) -> Path | None:
    """Ask for a .zip path and write the evidence there behind a progress dialog with 取消; None if nothing
    was written (cancelled, refused with a sentence such as “还没有佐证材料”)."""
    from ledger.storage import ExportCancelled

    try:
        suggested = default_folder() / default_name(ledger, task_id=task_id, community=community)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot export the evidence"))
        return None
    chosen = ask_path(parent, suggested)
    if not chosen:
        return None
    dlg = progress_dialog(parent, _tr("Export evidence"), _tr("Exporting evidence…"), width_chars=24)

    def progress(done: int, total: int) -> None:
        advance(
            dlg,
            done,
            total,
            _tr("Exporting evidence… {done} of {total} files").format(done=done, total=total),
        )

    dlg.show()
    QApplication.processEvents()
    try:
        out = evidence_index.export_evidence(
            ledger, chosen, task_id=task_id, community=community, progress=progress, cancel=dlg.wasCanceled
        )
    except ExportCancelled:
        log.info("evidence export to %s cancelled", chosen)
        dlg.close()
        messages.info(parent, _tr("The export was cancelled; no file was written."), _tr("Export cancelled"))
        return None
    except LedgerError as exc:
        dlg.close()
        messages.show_error(parent, exc, _tr("Cannot export the evidence"))
        return None
    finally:
        dlg.close()
        dlg.deleteLater()
    settings().setValue(FOLDER_KEY, str(out.parent))
    show_done(parent, out)
    return out
