"""The lists beside 对账 and in its snapshots: the chase list, sign-offs and extensions waiting, overdue, stalled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ledger.core import LATE_STATUSES
from ledger.reconcile.week_counts import OPEN_VALUES, week_window
from ledger.service import Ledger

STALL_SETTING = "stall_weeks"
DEFAULT_STALL_WEEKS = 2


# ---- the chase list, what waits, overdue this week -----------------------------------------------------------
@dataclass(frozen=True)
class ChaseRow:
    """One community in the chase list: did its 上报包 come back this week, and when did it last."""

    community_id: str
    community: str
    secretary: str
    returned: bool
    returned_at: str | None
    last_returned: str | None
    last_issued: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "secretary": self.secretary,
            "returned": self.returned,
            "returned_at": self.returned_at,
            "last_returned": self.last_returned,
            "last_issued": self.last_issued,
        }


def chase_list(ledger: Ledger, week: str) -> list[ChaseRow]:
    """Per community: whether a 上报包 of it was merged within the week's window, with the secretary's name and
    the last return merged on or before the closing day."""
    start, end = week_window(ledger, week)
    lo, hi = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
    out = []
    for c in ledger.store.rows("SELECT id, name, secretary FROM community ORDER BY sort, rowid"):
        merged = [
            r[0]
            for r in ledger.store.conn.execute(
                "SELECT m.merged_at FROM package_merge m JOIN package p ON p.id = m.package_id "
                "WHERE p.community_id = ? AND m.merged_at < ? ORDER BY m.merged_at DESC",
                (c["id"], hi),
            )
        ]
        this_week = [m for m in merged if m >= lo]
        issued = ledger.store.one(
            "SELECT MAX(issued_at) FROM package WHERE community_id = ? AND issued_at < ?", (c["id"], hi)
        )
        out.append(
            ChaseRow(
                c["id"],
                c["name"],
                c["secretary"],
                bool(this_week),
                this_week[0] if this_week else None,
                merged[0] if merged else None,
                issued,
            )
        )
    return out


def _task_brief(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "task": r["id"],
            "community": r["community"],
            "measure": r["measure"],
            "owner": r["owner"],
            "deadline": r["deadline"],
            "status": r["status"],
        }
        for r in rows
    ]


_BRIEF_SQL = (
    "SELECT t.id, c.name AS community, t.measure, t.owner, t.deadline, t.status FROM task t "
    "JOIN community c ON c.id = t.community_id JOIN problem p ON p.id = t.problem_id "
    "WHERE t.deleted_at IS NULL AND "
)
_BRIEF_ORDER = " ORDER BY t.ord_problem, t.ord_community, t.sort"


def pending_signoff(ledger: Ledger) -> list[dict[str, Any]]:
    """Tasks waiting in 申请销号 / 审核中."""
    return _task_brief(
        ledger.store.rows(_BRIEF_SQL + "t.status IN ('submitted', 'in_review')" + _BRIEF_ORDER)
    )


def task_labels(ledger: Ledger, task_ids: Iterable[str]) -> dict[str, str]:
    """``居民区·整改措施`` of each live task among ``task_ids`` (read for these tasks only, not the whole ledger)."""
    ids = list(dict.fromkeys(task_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for tid, community, measure in ledger.store.conn.execute(
            "SELECT t.id, COALESCE(c.name, ''), COALESCE(t.measure, '') FROM task t "
            f"LEFT JOIN community c ON c.id = t.community_id WHERE t.deleted_at IS NULL AND t.id IN ({marks})",
            chunk,
        ):
            out[tid] = f"{community}·{measure}"
    return out


def pending_extension_requests(ledger: Ledger) -> list[dict[str, Any]]:
    from ledger import signoff

    return [
        {
            "id": x.id,
            "task": x.task_id,
            "requested_by": x.requested_by,
            "requested_at": x.requested_at,
            "old_deadline": x.old_deadline.isoformat() if x.old_deadline else None,
            "new_deadline": x.new_deadline.isoformat(),
            "reason": x.reason,
        }
        for x in signoff.pending_extensions(ledger)
    ]


def overdue_tasks(ledger: Ledger, as_of: dt.date, since: dt.date | None = None) -> list[dict[str, Any]]:
    """Live tasks overdue on ``as_of`` (as stats() counts them); with ``since``, only those whose deadline fell in
    [since, as_of) — the tasks that became overdue this week."""
    late = ",".join(f"'{s}'" for s in sorted(LATE_STATUSES))
    sql = _BRIEF_SQL + f"t.status IN ({late}) AND t.deadline IS NOT NULL AND t.deadline < ?"
    params: list[Any] = [as_of.isoformat()]
    if since is not None:
        sql += " AND t.deadline >= ?"
        params.append(since.isoformat())
    return _task_brief(ledger.store.rows(sql + _BRIEF_ORDER, params))


# ---- stalled -------------------------------------------------------------------------------------------------
def stall_weeks(ledger: Ledger) -> int:
    value = ledger.setting(STALL_SETTING, DEFAULT_STALL_WEEKS)
    return value if isinstance(value, int) and value > 0 else DEFAULT_STALL_WEEKS


def stalled_tasks(ledger: Ledger, as_of: dt.date, weeks: int | None = None) -> list[dict[str, Any]]:
    """Open tasks with no change (progress, status, any field) for ``weeks`` weeks (setting ``stall_weeks``)."""
    n = weeks if weeks is not None else stall_weeks(ledger)
    limit = (as_of - dt.timedelta(weeks=n)).isoformat()
    opens = ",".join(f"'{s}'" for s in sorted(OPEN_VALUES))
    rows = ledger.store.rows(
        _BRIEF_SQL + f"t.status IN ({opens}) AND t.updated_at < ?" + _BRIEF_ORDER, (limit,)
    )
    out = _task_brief(rows)
    updated = dict(ledger.store.conn.execute("SELECT id, updated_at FROM task").fetchall())
    for t in out:
        t["last_change"] = updated.get(t["task"])
    return out
