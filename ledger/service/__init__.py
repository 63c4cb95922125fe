"""The Ledger: the one command boundary every write goes through, its reads, structure edits and backups.

``Changed`` (and ledger.service.tx, what a command writes), the backups' and the people register's functions are
imported when first asked for (PEP 562): the window's first paint runs no command, backs nothing up and edits no
register, and the frozen dataclass Changed costs ~6 M instructions to create.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger import lazy_attribute
from ledger.service.commands import COMMAND_LABELS_ZH, PACKAGE_TASK_FIELDS, UNDOABLE, Ledger
from ledger.service.permissions import has_password, may, operator_for, person_of, register, why_not
from ledger.service.reads import to_task_row

if TYPE_CHECKING:
    from ledger.service.backups import backup_if_changed, before_bulk_change, folder_for
    from ledger.service.people import add_person, reset_password, set_password, update_person
    from ledger.service.tx import Changed

# name -> the module of this room that defines it, imported when the name is first asked for.
LAZY = {
    **dict.fromkeys(("backup_if_changed", "before_bulk_change", "folder_for"), "backups"),
    **dict.fromkeys(("add_person", "reset_password", "set_password", "update_person"), "people"),
    "Changed": "tx",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, LAZY, name)


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
