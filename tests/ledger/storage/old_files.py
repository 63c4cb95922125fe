"""Ledger files as older versions left them (schema 8, schema 6), and what "left as it was" compares."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ledger.service import Ledger
from tests.helpers import undo_schema_9


def undo_schema_7_and_8(conn: sqlite3.Connection) -> None:
    """Take a schema-8 file back to before the journal's per-task index (7) and the sort indexes of 8."""
    conn.execute("DROP INDEX task_by_progress")
    conn.execute("DROP INDEX task_by_department")
    conn.execute("DROP TABLE journal_task")
    conn.execute("DROP INDEX journal_by_task")
    conn.execute("CREATE INDEX journal_task ON journal(task_id, seq)")


def old_file(led: Ledger, target: Path, version: int = 8) -> Path:
    """``led``'s bytes (closed, WAL checkpointed) copied to ``target`` and taken back to ``version`` (8 or 6)."""
    led.close()
    target.write_bytes(led.path.read_bytes())
    conn = sqlite3.connect(target)
    undo_schema_9(conn)
    if version == 6:
        undo_schema_7_and_8(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return target


def snapshot(path: Path) -> tuple[bytes, int, dict[str, list[tuple[Any, ...]]]]:
    """The file's bytes (after its WAL is gone: the last connection closed), its version, and every table's rows
    and the schema itself (``sqlite_master``), read without writing."""
    assert (
        not path.with_name(path.name + "-wal").exists()
        or not path.with_name(path.name + "-wal").stat().st_size
    )
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        tables = {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
        tables["sqlite_master"] = sorted(conn.execute("SELECT * FROM sqlite_master").fetchall(), key=repr)
    finally:
        conn.close()
    return path.read_bytes(), version, tables


def backups_beside(path: Path) -> list[str]:
    """Backups (complete or partial) of ``path`` in its folder."""
    return sorted(p.name for p in path.parent.iterdir() if "备份" in p.name)
