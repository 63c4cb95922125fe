"""The Ledger: the one command boundary every write goes through, its reads, structure edits and backups."""

from ledger.service.backups import backup_if_changed, before_bulk_change, folder_for
from ledger.service.commands import COMMAND_LABELS_ZH, PACKAGE_TASK_FIELDS, UNDOABLE, Ledger
from ledger.service.people import add_person, reset_password, set_password, update_person
from ledger.service.permissions import has_password, may, operator_for, person_of, register, why_not
from ledger.service.reads import to_task_row
from ledger.service.tx import Changed

__all__ = [
    "COMMAND_LABELS_ZH",
    "Changed",
    "Ledger",
    "PACKAGE_TASK_FIELDS",
    "UNDOABLE",
    "add_person",
    "backup_if_changed",
    "before_bulk_change",
    "folder_for",
    "has_password",
    "may",
    "operator_for",
    "person_of",
    "register",
    "reset_password",
    "set_password",
    "to_task_row",
    "update_person",
    "why_not",
]
