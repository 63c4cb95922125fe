"""The overview's figures: progress per community, the most overdue tasks, weekly trends replayed from the journal."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from ledger.board.query import from_where, table_scan, week_monday
from ledger.core import LATE_STATUSES, OPEN_STATUSES, Status, TaskRow
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


@dataclass
class Trends:
    """Weekly series from the journal, one value per week (Monday dates), the current week last."""

    weeks: list[dt.date]
    signed_off: list[int]
    open_tasks: list[int]
    newly_overdue: list[int]
    start: int = 0  # the first week the ledger had any task (earlier weeks are before it existed)

    @property
    def labels(self) -> list[str]:
        return [f"{m.month}.{m.day}" for m in self.weeks]


_OPEN = frozenset(s.value for s in OPEN_STATUSES)


def _overdue_entries(deadline: str, times: list[str], states: list[str]) -> list[dt.date]:
    """The days one task entered the overdue state (to-do status after its deadline's last second)."""
    boundary = f"{deadline} 23:59:59"
    cut = bisect.bisect_right(times, boundary)
    out: list[dt.date] = []
    over = cut > 0 and states[cut - 1] in LATE_STATUSES
    if over:
        out.append(dt.date.fromisoformat(deadline) + dt.timedelta(days=1))
    for at, state in zip(times[cut:], states[cut:], strict=True):
        now_over = state in LATE_STATUSES
        if now_over and not over:
            out.append(dt.date.fromisoformat(at[:10]))
        over = now_over
    return out


DELETED = "__deleted__"  # a pseudo-state in a task's timeline while it is deleted
_CHANGES_SQL = (
    "SELECT j.seq, j.at, json_extract(c.value, '$.op'), json_extract(c.value, '$.id'), "
    "json_extract(c.value, '$.field'), json_extract(c.value, '$.after'), json_extract(c.value, '$.row.status'), "
    "json_extract(c.value, '$.row.deadline'), json_extract(c.value, '$.row.deleted_at'), "
    "json_extract(c.value, '$.row.community_id') "
    "FROM journal j, json_each(j.payload, '$.changes') c WHERE j.seq > ? AND json_extract(c.value, '$.table') = 'task' "
    "AND (json_extract(c.value, '$.op') != 'update' OR json_extract(c.value, '$.field') IN "
    "('status', 'deadline', 'deleted_at', 'community_id')) ORDER BY j.seq, c.key"
)


class JournalReplay:
    """Each task's state history as the journal tells it, kept up to date entry by entry: ``update`` reads
    only the entries since the last call (the journal is append-only), so the overview's trends cost the
    whole journal once, then milliseconds."""

    def __init__(self) -> None:
        self.seq = 0
        self.deadline: dict[str, str | None] = {}
        self.community: dict[str, str] = {}
        self.timeline: dict[str, tuple[list[str], list[str]]] = {}  # task -> (times, states), in order
        self.open_delta: dict[dt.date, int] = {}  # week -> change in the number of tasks not signed off
        self.closed_per: dict[dt.date, int] = {}  # week -> status changes to closed

    def _state(self, tid: str) -> str | None:
        line = self.timeline.get(tid)
        return line[1][-1] if line else None

    def update(self, ledger: Ledger) -> JournalReplay:
        for (
            seq,
            at,
            op,
            tid,
            fld,
            after,
            row_status,
            row_deadline,
            row_deleted,
            row_com,
        ) in ledger.store.conn.execute(_CHANGES_SQL, (self.seq,)):
            self.seq = max(self.seq, seq)
            week = week_monday(dt.date.fromisoformat(at[:10]))
            before = self._state(tid)
            state = before
            if op == "insert":
                self.deadline[tid], self.community[tid] = row_deadline, str(row_com or "")
                state = DELETED if row_deleted else (row_status or Status.NOT_STARTED.value)
                self.timeline[tid] = ([], [])
            elif op == "delete":
                state = DELETED
            elif fld == "status":
                state = str(after)
                if after == Status.CLOSED.value:
                    self.closed_per[week] = self.closed_per.get(week, 0) + 1
            elif fld == "deadline":
                self.deadline[tid] = after
            elif fld == "community_id":
                self.community[tid] = str(after)
            elif fld == "deleted_at":
                state = DELETED if after else self._status_before_deletion(tid)
            if state != before and state is not None and tid in self.timeline:
                times, states = self.timeline[tid]
                times.append(at)
                states.append(state)
                delta = int(state in _OPEN) - int(before in _OPEN)
                if delta:
                    self.open_delta[week] = self.open_delta.get(week, 0) + delta
        return self

    def _status_before_deletion(self, tid: str) -> str:
        states = self.timeline.get(tid, ([], []))[1]
        return next((s for s in reversed(states) if s != DELETED), Status.NOT_STARTED.value)

    def series(self, weeks: int, today: dt.date, community_ids: frozenset[str] | None = None) -> Trends:
        this = week_monday(today)
        mondays = [this - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
        tasks = (
            list(self.timeline)
            if community_ids is None
            else [t for t in self.timeline if self.community.get(t) in community_ids]
        )
        if community_ids is None:
            open_delta, closed_per = self.open_delta, self.closed_per
        else:  # a few communities: walk their tasks' timelines
            open_delta, closed_per = {}, {}
            for tid in tasks:
                before: str | None = None
                for at, state in zip(*self.timeline[tid], strict=True):
                    week = week_monday(dt.date.fromisoformat(at[:10]))
                    delta = int(state in _OPEN) - int(before in _OPEN)
                    if delta:
                        open_delta[week] = open_delta.get(week, 0) + delta
                    if state == Status.CLOSED.value and before != state:
                        closed_per[week] = closed_per.get(week, 0) + 1
                    before = state
        running = sum(v for d, v in open_delta.items() if d < mondays[0])
        open_series = []
        for m in mondays:
            running += open_delta.get(m, 0)
            open_series.append(running)
        newly: dict[dt.date, int] = {}
        window = (mondays[0] - dt.timedelta(days=1)).isoformat()
        for tid in tasks:
            dl = self.deadline.get(tid)
            times, states = self.timeline[tid]
            if not dl or not states or states[-1] == DELETED or (dl < window and times[-1][:10] < window):
                continue
            for day in _overdue_entries(dl, times, states):
                if mondays[0] <= day <= today:
                    newly[week_monday(day)] = newly.get(week_monday(day), 0) + 1
        first = min(open_delta, default=this)
        start = next((i for i, m in enumerate(mondays) if m >= first), len(mondays) - 1)
        return Trends(
            mondays,
            [closed_per.get(m, 0) for m in mondays],
            open_series,
            [newly.get(m, 0) for m in mondays],
            start,
        )


def trends(
    ledger: Ledger,
    weeks: int = 12,
    today: dt.date | None = None,
    *,
    community_ids: frozenset[str] | None = None,
    replay: JournalReplay | None = None,
) -> Trends:
    """Weekly series from the journal's task changes: tasks signed off (status → closed) per week, tasks not
    yet signed off at each week's end, and tasks that became overdue during the week: the deadline passed
    while the task was still to be done, or it was created or sent back after its deadline (each task's
    current deadline is used; extensions are not replayed). Pass a ``JournalReplay`` kept between calls to
    read only the new entries."""
    replay = (replay or JournalReplay()).update(ledger)
    return replay.series(weeks, today or ledger.today(), community_ids)
