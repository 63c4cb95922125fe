"""Office files: the ledger's Excel export, its templates and the 通报 (heavier writers: import their modules)."""

from ledger.office.ledger_xlsx import (
    BUILTIN_TEMPLATE,
    COLUMNS,
    DEFAULT_COLUMNS,
    DEFAULT_WIDTHS,
    MAX_WIDTH,
    MIN_WIDTH,
    ExportResult,
    default_template_name,
    delete_template,
    export_ledger,
    save_template,
    set_default_template,
    templates,
)
from ledger.office.notice import write_notice

__all__ = [
    "BUILTIN_TEMPLATE",
    "COLUMNS",
    "DEFAULT_COLUMNS",
    "DEFAULT_WIDTHS",
    "ExportResult",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "default_template_name",
    "delete_template",
    "export_ledger",
    "save_template",
    "set_default_template",
    "templates",
    "write_notice",
]
