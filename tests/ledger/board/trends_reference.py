"""The overview's trends as they were computed before issue 20 (a json_each replay over the whole journal, every
task's timeline kept in memory): the reference the per-task replay (ledger.board.trends) must agree with."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from ledger.board.query import week_monday
from ledger.core import LATE_STATUSES, OPEN_STATUSES, Status
from ledger.service import Ledger


@dataclass
class OldTrends:
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


class OldJournalReplay:
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

    def update(self, ledger: Ledger) -> OldJournalReplay:
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

    def series(self, weeks: int, today: dt.date, community_ids: frozenset[str] | None = None) -> OldTrends:
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
        return OldTrends(
            mondays,
            [closed_per.get(m, 0) for m in mondays],
            open_series,
            [newly.get(m, 0) for m in mondays],
            start,
        )
