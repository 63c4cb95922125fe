"""下发包与上报: packages issued to communities, and their returns checked and merged by replay."""

from ledger.exchange.merge import apply_merge, open_conflicts, preview_merge
from ledger.exchange.packages import (
    PACKAGE_SETTING,
    RETURN_COMMAND,
    RETURNED_SETTING,
    check_replace,
    copy_installer,
    is_package,
    issue_package,
    open_package_info,
    package_status,
    read_info,
    replace_package,
    return_file_name,
    return_package,
)
from ledger.exchange.replay import COMMAND_LABELS, FIELD_COMMANDS, SECRETARY_FIELDS, Item

__all__ = [
    "COMMAND_LABELS",
    "FIELD_COMMANDS",
    "Item",
    "PACKAGE_SETTING",
    "RETURNED_SETTING",
    "RETURN_COMMAND",
    "SECRETARY_FIELDS",
    "apply_merge",
    "check_replace",
    "copy_installer",
    "is_package",
    "issue_package",
    "open_conflicts",
    "open_package_info",
    "package_status",
    "preview_merge",
    "read_info",
    "replace_package",
    "return_file_name",
    "return_package",
]
