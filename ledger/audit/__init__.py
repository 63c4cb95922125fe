"""修改记录: the journal told in the user's words, and its Excel export."""

from ledger.audit.history import history_rows, value_text

__all__ = ["history_rows", "value_text"]
