"""修改记录: the journal told in the user's words, and its Excel export."""

from ledger.audit.change_record import (
    HEADER_ROW,
    AuditCancelled,
    AuditExport,
    AuditFilter,
    actors,
    export_audit,
)
from ledger.audit.history import history_rows, value_text

__all__ = [
    "AuditCancelled",
    "AuditExport",
    "AuditFilter",
    "HEADER_ROW",
    "actors",
    "export_audit",
    "history_rows",
    "value_text",
]
