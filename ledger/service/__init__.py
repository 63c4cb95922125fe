"""The Ledger: the one command boundary every write goes through, its reads, structure edits and backups.

``Changed`` (and ledger.service.tx, what a command writes) is imported when first asked for (PEP 562): the window's
first paint runs no command, and the frozen dataclass costs ~6 M instructions to create.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.service.backups import backup_if_changed, before_bulk_change, folder_for
from ledger.service.commands import COMMAND_LABELS_ZH, PACKAGE_TASK_FIELDS, UNDOABLE, Ledger
from ledger.service.people import add_person, reset_password, set_password, update_person
from ledger.service.permissions import has_password, may, operator_for, person_of, register, why_not
from ledger.service.reads import to_task_row

if TYPE_CHECKING:
    from ledger.service.tx import Changed


def __getattr__(name: str) -> Any:
    if name == "Changed":
        from ledger.service.tx import Changed

        return Changed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
