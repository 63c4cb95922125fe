"""The SQLite file: schema and migrations, the journal of every change, and writing files safely.

The names of the journal, of writing files and of checking office files (and their modules) are imported when first
asked for (PEP 562): opening a ledger and painting its first screen never reads an entry nor writes or reads a
document, and the journal's four frozen dataclasses cost ~1 ms each to create.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger import lazy_attribute
from ledger.storage.opening import lock_path
from ledger.storage.schema import LATE_SQL, SCHEMA_VERSION, new_id
from ledger.storage.store import (
    NATURAL_ORDER,
    ROW_COLUMNS,
    SORT_SQL,
    TASK_JOIN,
    Store,
    TaskFilter,
)
from ledger.storage.untrusted import QUERY_SECONDS, check_file_schema, guard, stopped

if TYPE_CHECKING:
    from ledger.storage.files import ExportCancelled, check_folder, replace_atomically, write_error
    from ledger.storage.journal import Change, Entry, entry_hash, normalized_value
    from ledger.storage.office_files import check_office_file, office_errors

# name -> the module of this room that defines it, imported when the name is first asked for.
LAZY = {
    **dict.fromkeys(("Change", "Entry", "entry_hash", "normalized_value"), "journal"),
    **dict.fromkeys(("ExportCancelled", "check_folder", "replace_atomically", "write_error"), "files"),
    **dict.fromkeys(("check_office_file", "office_errors"), "office_files"),
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, LAZY, name)


__all__ = [
    "Change",
    "Entry",
    "ExportCancelled",
    "LATE_SQL",
    "NATURAL_ORDER",
    "ROW_COLUMNS",
    "SCHEMA_VERSION",
    "SORT_SQL",
    "Store",
    "TASK_JOIN",
    "TaskFilter",
    "check_folder",
    "entry_hash",
    "lock_path",
    "new_id",
    "QUERY_SECONDS",
    "check_office_file",
    "office_errors",
    "check_file_schema",
    "guard",
    "stopped",
    "normalized_value",
    "replace_atomically",
    "write_error",
]
