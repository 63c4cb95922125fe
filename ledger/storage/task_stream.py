"""The task rows of a list of rowids, a page at a time: one ordered query when the list is the whole ledger."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from ledger.storage.store import NATURAL_ORDER, ROW_COLUMNS, TASK_JOIN

ALL_IN_ORDER = f"SELECT {ROW_COLUMNS} {TASK_JOIN} WHERE t.deleted_at IS NULL ORDER BY {NATURAL_ORDER}"


def _by_rowid(conn: sqlite3.Connection, chunk: Sequence[int]) -> list[tuple[Any, ...]]:
    """The rows of ``chunk`` in its order; a rowid with no task (deleted since) is left out."""
    sql = f"SELECT {ROW_COLUMNS} {TASK_JOIN} WHERE t.rowid IN ({','.join('?' * len(chunk))})"
    found = {r[0]: r for r in conn.execute(sql, list(chunk))}
    return [found[rowid] for rowid in chunk if rowid in found]


def task_pages(conn: sqlite3.Connection, rowids: Sequence[int], page: int) -> Iterator[list[tuple[Any, ...]]]:
    """Raw rows (ROW_COLUMNS) for ``rowids`` in that order, ``page`` rowids at a time (one list per page, possibly
    shorter when tasks were deleted since the rowids were taken).

    When ``rowids`` holds as many tasks as the ledger, they are the ledger in its natural order (the export's
    usual case): the rows are then streamed from one ordered query, as the floor of the export benchmark reads
    them, instead of a ``rowid IN (…)`` lookup of 500 rowids per page. Each streamed page is checked against its
    rowids; from the first page that differs (a task added or deleted meanwhile, a tie in the order) the rest
    are looked up by rowid, so the rows are the same either way."""
    stream: sqlite3.Cursor | None = None
    if rowids:
        (live,) = conn.execute("SELECT count(*) FROM task WHERE deleted_at IS NULL").fetchone()
        if live == len(rowids):
            stream = conn.execute(ALL_IN_ORDER)
    try:
        for start in range(0, len(rowids), page):
            chunk = rowids[start : start + page]
            if stream is not None:
                rows = stream.fetchmany(len(chunk))
                if len(rows) == len(chunk) and all(
                    r[0] == rowid for r, rowid in zip(rows, chunk, strict=True)
                ):
                    yield rows
                    continue
                stream.close()
                stream = None
            yield _by_rowid(conn, chunk)
    finally:
        if stream is not None:
            stream.close()
