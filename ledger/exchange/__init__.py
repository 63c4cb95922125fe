"""下发包与上报: packages issued to communities, and their returns checked and merged by replay."""

from ledger.exchange.merge import apply_merge, open_conflicts, preview_merge
from ledger.exchange.replay import COMMAND_LABELS, FIELD_COMMANDS, SECRETARY_FIELDS, Item

__all__ = [
    "COMMAND_LABELS",
    "FIELD_COMMANDS",
    "Item",
    "SECRETARY_FIELDS",
    "apply_merge",
    "open_conflicts",
    "preview_merge",
]
