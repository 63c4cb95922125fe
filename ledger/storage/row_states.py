"""The journal's last word on each row, as ``verify`` replays it: ``RowStates`` (in memory up to a bound, then in a
temporary SQLite file) and ``replay``, which folds one entry's changes into it."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ledger.storage.journal import Problem, normalized_value

CACHE_ROWS = 50_000  # row states held in memory before they go to the temporary file


class Malformed(Exception):
    """An entry whose payload is not of the shape the program writes."""


class RowStates:
    """The journal's last word on each (table, key): its fields as canonical JSON text, and the entry that said it.

    Held in a dict until ``CACHE_ROWS`` keys, then written to a temporary SQLite file (created only then) and the
    dict emptied; lookups read the dict, then the file. A deleted row is None in the dict and absent in the file."""

    def __init__(self, limit: int = CACHE_ROWS) -> None:
        self.limit = limit
        self.cache: dict[tuple[str, str], tuple[str, int, str, str] | None] = {}
        self.folder: tempfile.TemporaryDirectory[str] | None = None
        self.file: sqlite3.Connection | None = None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def _open_file(self) -> sqlite3.Connection:
        if self.file is None:
            self.folder = tempfile.TemporaryDirectory(prefix="ledger-verify-")
            self.file = sqlite3.connect(str(Path(self.folder.name) / "state.db"))
            for pragma in (
                "journal_mode = OFF",
                "synchronous = OFF",
                "cache_size = -32768",
                "temp_store = FILE",
            ):
                self.file.execute(f"PRAGMA {pragma}")
            self.file.execute(
                "CREATE TABLE state (tbl TEXT NOT NULL, key TEXT NOT NULL, fields TEXT NOT NULL, seq INTEGER, "
                "at TEXT, command TEXT, PRIMARY KEY (tbl, key))"
            )
        return self.file

    def flush(self) -> None:
        if not self.cache:
            return
        file = self._open_file()
        with file:
            file.executemany(
                "DELETE FROM state WHERE tbl = ? AND key = ?", [k for k, v in self.cache.items() if v is None]
            )
            file.executemany(
                "INSERT INTO state VALUES (?,?,?,?,?,?) ON CONFLICT (tbl, key) DO UPDATE SET fields = excluded.fields, "
                "seq = excluded.seq, at = excluded.at, command = excluded.command",
                [(*k, *v) for k, v in self.cache.items() if v is not None],
            )
        self.cache.clear()

    def get(self, key: tuple[str, str]) -> tuple[str, int, str, str] | None:
        if key in self.cache:
            return self.cache[key]
        if self.file is None:
            return None
        row = self.file.execute(
            "SELECT fields, seq, at, command FROM state WHERE tbl = ? AND key = ?", key
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]), str(row[3]))

    def put(self, key: tuple[str, str], value: tuple[str, int, str, str] | None) -> None:
        self.cache[key] = value
        if len(self.cache) >= self.limit:
            self.flush()

    def flush_if_spilled(self) -> None:
        """Once anything went to the file, everything goes there, so ``ordered`` reads one place."""
        if self.file is not None:
            self.flush()

    def ordered(self, table: str) -> Iterator[tuple[str, str, int, str, str]]:
        """(key, fields, seq, at, command) of every row ``table`` should hold, by key."""
        if self.file is None:
            mine = sorted((k, v) for (t, k), v in self.cache.items() if t == table and v is not None)
            for key, value in mine:
                yield (key, *value)
            return
        yield from self.file.execute(
            "SELECT key, fields, seq, at, command FROM state WHERE tbl = ? ORDER BY key", (table,)
        )


def canonical_row(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def replay(states: RowStates, seq: int, at: str, command: str, changes: Any) -> int:
    """Fold one entry's changes into ``states``; returns how many there were. Malformed if they are not ours."""
    if not isinstance(changes, list):
        raise Malformed
    for c in changes:
        if not isinstance(c, dict) or not isinstance(c.get("table"), str) or not isinstance(c.get("id"), str):
            raise Malformed
        key = (c["table"], c["id"])
        op = c.get("op")
        if op == "insert":
            if not isinstance(c.get("row"), dict):
                raise Malformed
            states.put(key, (canonical_row(c["row"]), seq, at, command))
        elif op == "delete":
            states.put(key, None)
        elif op == "update":
            if not isinstance(c.get("field"), str):
                raise Malformed
            old = states.get(key)
            fields = json.loads(old[0]) if old is not None else {}
            fields[c["field"]] = c.get("after")
            states.put(key, (canonical_row(fields), seq, at, command))
        else:
            raise Malformed
    return len(changes)


def shown(value: Any) -> str:
    """A value in a sentence: bytes are named as such (a text stored as a BLOB), long text is cut."""
    if isinstance(value, bytes):
        return f"二进制数据 {len(value)} 字节"
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def compare_row(
    table: str, rid: str, raw: tuple[Any, ...], at_name: dict[str, int], said: tuple[str, str, int, str, str]
) -> Problem | None:
    """The row ``raw`` against the journal's last word on it (``said``: key, fields, seq, at, command)."""
    want: dict[str, Any] = json.loads(said[1])
    have = [raw[at_name[n]] if n in at_name else None for n in want]
    if table != "setting" and have == list(want.values()):
        return None  # the common case, compared in C (1 == 1.0 == True, as normalized_value has it)
    for (name, value), found in zip(want.items(), have, strict=True):
        if table == "setting" and name == "value" and isinstance(found, str):
            try:
                found = json.loads(found)
            except ValueError:
                pass  # not even JSON: written outside the program, reported just below
        if normalized_value(found) != normalized_value(value) or isinstance(found, bytes):
            return Problem(
                said[2],
                said[3],
                said[4],
                f"{table} 表记录 {rid} 的字段 {name} 现为“{shown(found)}”，日志记载为“{shown(value)}”，"
                "在程序之外被改动过",
            )
    return None
