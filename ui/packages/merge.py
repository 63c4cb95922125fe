"""导入上报: the preview of a return (将应用 / 冲突 / 拒绝, a decision per conflict), then the merge."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ledger.exchange import Item
from ledger.exchange import merge as exchange_merge
from ledger.service import Ledger
from ui.common.preview import PreviewDialog
from ui.common.util import settings
from ui.packages.issue import folder_default
from ui.packages.rows import Row, RowTable, TaskLabels, item_row

log = logging.getLogger(__name__)

RETURN_FOLDER_KEY = "packages/returnFolder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Packages", text)


# ---- patchable question (tests replace it) ------------------------------------------------------------------------
def ask_return_path(parent: QWidget | None, start: str = "") -> str:
    """The return file to import; "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Choose the return file"), start, _tr("Package files (*.db);;All files (*)")
    )
    return path


# ---- 导入上报 -------------------------------------------------------------------------------------------------------
class MergeDialog(PreviewDialog):
    """The preview of a return before anything changes: 将应用 / 冲突 / 拒绝, each conflict decided per row
    (保留我方 / 采用对方 / 填写新值); 应用 runs ``apply_merge`` with the decisions (backup first, one transaction).
    A refused file shows its sentence and leaves the ledger as it was."""

    TABLE = RowTable
    NAMES = {
        "dialog": "mergeDialog",
        "summary": "mergeSummary",
        "message": "mergeMessage",
        "tabs": "mergeTabs",
        "apply": "applyMerge",
        "close": "closeMerge",
        "applied": "appliedTable",
        "conflicts": "conflictTable",
        "refused": "refusedTable",
    }
    SIZE = (1400, 660)
    preview: exchange_merge.MergePreview | None
    outcome: exchange_merge.MergeResult | None

    def title(self) -> str:
        return self.tr("Import a return")

    def apply_text(self) -> str:
        return self.tr("Apply")

    def extra_widgets(self) -> list[QWidget]:
        self.keep_all = self.set_all_button(self.tr("Keep all ours"), "keepAllOurs", "ours")
        self.take_all = self.set_all_button(self.tr("Take all theirs"), "takeAllTheirs", "theirs")
        return [self.keep_all, self.take_all]

    @classmethod
    def ask_path(cls, parent: QWidget | None, ledger: Ledger) -> str:
        chosen = ask_return_path(parent, folder_default(ledger, RETURN_FOLDER_KEY))
        if chosen:
            settings().setValue(RETURN_FOLDER_KEY, str(Path(chosen).parent))
        return chosen

    # ---- preview -------------------------------------------------------------------------------------------------
    def read_preview(self, ledger: Ledger) -> exchange_merge.MergePreview:
        return exchange_merge.preview_merge(ledger, self.path)

    def show_preview(self, p: exchange_merge.MergePreview) -> None:
        if not p.new_entries:
            self.summary.setText(
                self.tr(
                    "“{file}” holds nothing new: everything in it was merged before ({count} "
                    "entries). Nothing to do."
                ).format(file=p.path.name, count=p.already)
            )
        else:
            text = self.tr(
                "“{file}” from {community}: {entries} new changes. Nothing has been changed yet: check the "
                "three lists, decide the conflicts, then press Apply."
            ).format(file=p.path.name, community=p.community, entries=p.new_entries)
            if p.already:
                text += self.tr(" {count} entries of this file were merged before and are skipped.").format(
                    count=p.already
                )
            self.summary.setText(text)
        self._fill(p)
        has_conflicts = bool(p.conflicts)
        self.keep_all.setEnabled(has_conflicts)
        self.take_all.setEnabled(has_conflicts)
        self.apply_button.setEnabled(bool(p.new_entries))
        if has_conflicts:
            self.tabs.setCurrentWidget(self.conflict_table)

    def rows_of(self, items: list[Item]) -> list[Row]:
        tasks = TaskLabels(self.ledger)
        return [item_row(tasks, it) for it in items]

    # ---- apply ---------------------------------------------------------------------------------------------------
    def write(self, ledger: Ledger, decisions: dict[str, Any]) -> exchange_merge.MergeResult:
        result = exchange_merge.apply_merge(ledger, self.path, decisions)
        log.info(
            "merged %s: %d applied, %d conflicts (%d open), %d refused",
            result.path.name,
            len(result.applied),
            len(result.conflicts),
            len(result.open_conflicts),
            len(result.refused),
        )
        return result

    def done_text(self, result: exchange_merge.MergeResult) -> tuple[str, bool]:
        open_left = len(result.open_conflicts)
        text = self.tr(
            "Merged “{file}”: {applied} changes applied, {decided} conflicts decided, {refused} refused."
        ).format(
            file=result.path.name,
            applied=len(result.applied),
            decided=len(result.conflicts) - open_left,
            refused=len(result.refused),
        )
        if open_left:
            text += self.tr(
                " {count} conflicts are still open: decide them later with File → Decide open conflicts…."
            ).format(count=open_left)
        if result.backup:
            text += self.tr(" Backup before the merge: {path}").format(path=result.backup)
        return text, bool(open_left)
