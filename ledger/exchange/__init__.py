"""下发包与上报: packages issued to communities, and their returns checked and merged by replay."""

from ledger.exchange.merge import apply_merge, open_conflicts, preview_merge

__all__ = ["apply_merge", "open_conflicts", "preview_merge"]
