"""The Ledger: the one command boundary every write goes through, its reads, structure edits and backups."""

from ledger.service.backups import backup_if_changed, before_bulk_change, folder_for
from ledger.service.commands import COMMAND_LABELS_ZH, PACKAGE_TASK_FIELDS, UNDOABLE, Ledger
from ledger.service.reads import to_task_row
from ledger.service.tx import Changed

__all__ = [
    "COMMAND_LABELS_ZH",
    "Changed",
    "Ledger",
    "PACKAGE_TASK_FIELDS",
    "UNDOABLE",
    "backup_if_changed",
    "before_bulk_change",
    "folder_for",
    "to_task_row",
]
