"""The overview's figures: progress per community and the most overdue tasks (the weekly trends: ``trends``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ledger.board.query import from_where, table_scan
from ledger.core import TaskRow
from ledger.service import Ledger, to_task_row
from ledger.storage import LATE_SQL, TaskFilter


@dataclass(frozen=True)
class CommunityProgress:
    id: str
    name: str
    tasks: int
    closed: int
    overdue: int

    @property
    def pct(self) -> float:
        return 100.0 * self.closed / self.tasks if self.tasks else 0.0


def community_progress(
    ledger: Ledger, task_filter: TaskFilter | None = None, today: dt.date | None = None
) -> list[CommunityProgress]:
    """Per community: tasks, signed off, overdue; worst first (lowest % signed off, then most overdue)."""
    flt = task_filter or TaskFilter()
    today = today or ledger.today()
    frm, where, params = from_where(ledger, flt, today, "problem")
    sql = (
        f"SELECT t.community_id, COUNT(*), SUM(t.status = 'closed'), "
        f"SUM(t.status IN {LATE_SQL} AND t.deadline < ?) "
        f"{table_scan(frm, flt)} WHERE {where} GROUP BY t.community_id"
    )
    names = {c["id"]: (c["name"], i) for i, c in enumerate(ledger.communities())}
    out = [
        CommunityProgress(cid, names.get(cid, ("?", 0))[0], n, int(closed or 0), int(overdue or 0))
        for cid, n, closed, overdue in ledger.store.conn.execute(sql, [today.isoformat(), *params])
    ]
    out.sort(key=lambda p: (p.pct, -p.overdue, names.get(p.id, ("", 0))[1]))
    return out


def overdue_tasks(
    ledger: Ledger, task_filter: TaskFilter | None = None, limit: int = 200
) -> tuple[int, list[TaskRow]]:
    """(how many tasks are overdue under the filter, the ``limit`` most overdue of them)."""
    flt = replace(task_filter or TaskFilter(), due="overdue", sort="deadline", descending=False)
    rowids = ledger.task_rowids(flt)
    raw = ledger.store.task_rows(rowids[:limit])
    return len(rowids), [to_task_row(raw[r]) for r in rowids[:limit] if r in raw]
