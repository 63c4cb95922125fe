"""The kanban's columns: one per status, each with its count and its first cards, read a column at a time."""

from __future__ import annotations

from dataclasses import dataclass

from ledger.board.query import from_where, table_scan
from ledger.core import Status, TaskRow
from ledger.service import Ledger, to_task_row
from ledger.storage import NATURAL_ORDER, TaskFilter

KANBAN_ORDER: tuple[Status, ...] = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.RETURNED,
    Status.REOPENED,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.ONGOING,
    Status.CLOSED,
)


@dataclass
class KanbanColumn:
    status: Status
    total: int
    tasks: list[TaskRow]

    @property
    def more(self) -> int:
        return self.total - len(self.tasks)


def kanban_columns(
    ledger: Ledger, task_filter: TaskFilter | None = None, cap: int = 200
) -> list[KanbanColumn]:
    """One column per status the filter allows, each with its count and the first ``cap`` cards:
    by deadline (none last) for work still to do, most recently changed first for closed and long-term tasks.

    Each column reads its ``cap`` rowids walking the deadline (or updated_at) index and stops there, so a
    100,000-task ledger costs a few milliseconds a column; the full rows are then read for those cards only."""
    flt = task_filter or TaskFilter()
    frm, where, params = from_where(ledger, flt, ledger.today(), "problem")
    conn = ledger.store.conn
    counts = dict(
        conn.execute(
            f"SELECT t.status, COUNT(*) {table_scan(frm, flt)} WHERE {where} GROUP BY +t.status", params
        )
    )
    # "+t.status": walk the order's index rather than the status index, unless a narrower index serves the filter
    status_sql = "+t.status = ?" if flt.community_ids is None and flt.task_ids is None else "t.status = ?"
    chosen: dict[Status, list[int]] = {}
    for status in KANBAN_ORDER:
        if flt.statuses is not None and status.value not in flt.statuses:
            continue
        if not counts.get(status.value):
            chosen[status] = []
            continue
        # the orders of the deadline and updated_at indexes, so that SQLite reads them and stops at ``cap``
        order = (
            f"t.updated_at DESC, {NATURAL_ORDER.replace(',', ' DESC,')} DESC"
            if status in (Status.CLOSED, Status.ONGOING)
            else f"t.deadline IS NULL, t.deadline, {NATURAL_ORDER}"
        )
        sql = f"SELECT t.rowid {frm} WHERE {where} AND {status_sql} ORDER BY {order} LIMIT {int(cap)}"
        chosen[status] = [r[0] for r in conn.execute(sql, [*params, status.value])]
    raw = ledger.store.task_rows([r for ids in chosen.values() for r in ids])
    return [
        KanbanColumn(status, int(counts.get(status.value, 0)), [to_task_row(raw[r]) for r in ids if r in raw])
        for status, ids in chosen.items()
    ]
