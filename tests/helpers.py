"""Test helpers shared by the ledger tests: a refused command must leave every table as it was."""

from __future__ import annotations

from typing import Any

import pytest

from ledger import journal
from ledger.errors import LedgerError
from ledger.service import Ledger


class Snapshot:
    """Every table's rows (the journal by its length), to compare before and after a refused command."""

    def __init__(self, led: Ledger) -> None:
        self.led = led
        names = [r[0] for r in led.store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'journal'")]
        self.tables = {t: led.store.rows(f"SELECT * FROM {t} ORDER BY rowid") for t in sorted(names)}
        self.seq = journal.last_seq(led.store)

    def unchanged(self) -> None:
        assert Snapshot(self.led).tables == self.tables
        assert journal.last_seq(self.led.store) == self.seq


def refuse(led: Ledger, code: str, fn: Any, *args: Any, **kw: Any) -> str:
    """Run ``fn``, expect a LedgerError with ``code``, check nothing changed; return the sentence shown."""
    snap = Snapshot(led)
    with pytest.raises(LedgerError) as info:
        fn(*args, **kw)
    assert info.value.code == code, info.value.message()
    snap.unchanged()
    message = info.value.message()
    assert "{" not in message, message  # every fact filled in
    return message
