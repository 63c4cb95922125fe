"""The SQLite file: schema and migrations, the journal of every change, and writing files safely."""

from ledger.storage.files import ExportCancelled, check_folder, replace_atomically, write_error
from ledger.storage.journal import Change, Entry, entry_hash, normalized_value
from ledger.storage.office_files import check_office_file, office_errors
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
