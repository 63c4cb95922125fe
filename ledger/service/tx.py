"""What one command writes (Tx, each write recorded as a journal change) and what it tells observers (Changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError
from ledger.storage import Change, Entry

if TYPE_CHECKING:
    from ledger.service.commands import Ledger

TABLE_KEY = {"setting": "key"}


@dataclass(frozen=True)
class Changed:
    """What one command changed; the UI turns it into one signal (STYLE: OpChanges)."""

    command: str
    entry_id: str
    task_ids: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()

    @property
    def structure(self) -> bool:
        return bool(self.tables & {"community", "category", "problem", "setting"})


def changed_tables(changes: list[Change]) -> frozenset[str]:
    return frozenset(c.table for c in changes)


class Tx:
    """The rows one command writes; each write is recorded as a journal change."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.conn = ledger.store.conn
        self.changes: list[Change] = []
        self.entry: Entry | None = None  # the journal entry the command made (None: it changed nothing)

    def insert(self, table: str, row: dict[str, Any]) -> None:
        cols = list(row)
        self.conn.execute(
            f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        self.changes.append(Change("insert", table, row[TABLE_KEY.get(table, "id")], row=dict(row)))

    def update(
        self, table: str, id_: str, *, _row: dict[str, Any] | None = None, **fields: Any
    ) -> dict[str, tuple[Any, Any]]:
        """Write the fields that differ and record each; ``_row`` is the row as just read in this transaction."""
        key = TABLE_KEY.get(table, "id")
        if _row is None:
            current = self.ledger.store.rows(f"SELECT * FROM {table} WHERE {key} = ?", (id_,))
            if not current:
                raise LedgerError(
                    "no_such_task" if table == "task" else f"no_such_{table}", task=id_, id=id_, name=id_
                )
            _row = current[0]
        before = _row
        diff = {k: (before[k], v) for k, v in fields.items() if before[k] != v}
        if diff:
            sets = ", ".join(f"{k} = ?" for k in diff)
            self.conn.execute(
                f"UPDATE {table} SET {sets} WHERE {key} = ?", [v for _, v in diff.values()] + [id_]
            )
            for k, (b, a) in diff.items():
                self.changes.append(Change("update", table, id_, k, b, a))
        return diff

    def delete(self, table: str, id_: str) -> None:
        key = TABLE_KEY.get(table, "id")
        current = self.ledger.store.rows(f"SELECT * FROM {table} WHERE {key} = ?", (id_,))
        if current:
            self.conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (id_,))
            self.changes.append(Change("delete", table, id_, row=current[0]))
