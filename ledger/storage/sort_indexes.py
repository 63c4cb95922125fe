"""Schema 8: the sort orders that had no index (整改进展, 责任部门), so that every sort reads its first screen from
an index in order instead of sorting every task."""

from __future__ import annotations

import sqlite3


def migrate_8(conn: sqlite3.Connection) -> None:
    for column in ("progress", "department"):
        conn.execute(
            f"CREATE INDEX task_by_{column} ON task({column}, ord_problem, ord_community, sort) "
            "WHERE deleted_at IS NULL"
        )
