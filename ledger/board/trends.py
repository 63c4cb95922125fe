"""The overview's weekly trends, replayed from the journal task by task through its per-task index (journal_task).

Each task's changes are read in the index's own order (task by task, oldest first), so one task's history is
replayed, counted into per-week and per-community totals and dropped before the next: memory stays the size of
the totals (communities × weeks), however many tasks the ledger holds, and an import's bulk entry is read as the
small per-task copies the index keeps, never parsed whole."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from ledger.board.query import week_monday
from ledger.core import LATE_STATUSES, OPEN_STATUSES, Status
from ledger.service import Ledger


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


OPEN = frozenset(s.value for s in OPEN_STATUSES)
DELETED = "__deleted__"  # a pseudo-state in a task's timeline while it is deleted
CLOSED = Status.CLOSED.value


def overdue_entries(deadline: str, times: list[str], states: list[str]) -> list[dt.date]:
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


# One row per change of a task, task by task and oldest first: the index's rows in their primary-key order (no sort).
# A row of the index either holds the task's own changes (an entry shared with other tasks) or is NULL, meaning the
# entry was made for this task and its payload is small: the payload is read then, and only this task's changes
# count (the others have rows of their own). Each change's fields come as one small JSON array (one parse of the
# change instead of one per field).
_TASK_CHANGES = (
    "SELECT x.task_id, j.at, json_extract(c.value, '$.table', '$.id', '$.op', '$.field', '$.after', "
    "'$.row.status', '$.row.deadline', '$.row.deleted_at', '$.row.community_id') "
    "FROM journal_task x JOIN journal j ON j.seq = x.seq, json_each(COALESCE(x.changes, j.payload), '$.changes') c "
    "WHERE {where} ORDER BY x.task_id, x.seq"
)
ALL_TASKS_SQL = _TASK_CHANGES.format(where="x.seq <= ?")
ONE_TASK_SQL = _TASK_CHANGES.format(where="x.task_id = ? AND x.seq <= ?")
TRACKED = frozenset({"status", "deadline", "deleted_at", "community_id"})
# The tasks that new entries touched (the new entries are the few since the last look: their payloads are read).
TOUCHED_SQL = (
    "SELECT DISTINCT json_extract(c.value, '$.id') FROM journal j, json_each(j.payload, '$.changes') c "
    "WHERE j.seq > ? AND j.seq <= ? AND json_extract(c.value, '$.table') = 'task'"
)


@dataclass
class TaskLine:
    """One task replayed: its state over time, current deadline and community, and what it adds to the totals."""

    community: str = ""
    deadline: str | None = None
    times: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    open_events: list[tuple[dt.date, int]] = field(default_factory=list)  # (week, ±1) over all its history
    closed_events: list[dt.date] = field(default_factory=list)  # weeks of its status changes to closed


_weeks: dict[str, dt.date] = {}


def _week(at: str) -> dt.date:
    day = at[:10]
    week = _weeks.get(day)
    if week is None:
        week = _weeks[day] = week_monday(dt.date.fromisoformat(day))
    return week


def replay_task(rows: Iterable[tuple[str, str, str]]) -> TaskLine:
    """A task's changes (rows of ``_TASK_CHANGES``, oldest first) replayed into its TaskLine."""
    t = TaskLine()
    known = False  # its insert was seen
    for tid, at, fields in rows:
        table, cid, op, fld, after, row_status, row_deadline, row_deleted, row_com = json.loads(fields)
        if table != "task" or cid != tid or (op == "update" and fld not in TRACKED):
            continue
        week = _week(at)
        before = t.states[-1] if known and t.states else None
        state = before
        if op == "insert":
            t.deadline, t.community = row_deadline, str(row_com or "")
            state = DELETED if row_deleted else (row_status or Status.NOT_STARTED.value)
            t.times, t.states, known = [], [], True
        elif op == "delete":
            state = DELETED
        elif fld == "status":
            state = str(after)
            if after == CLOSED:
                t.closed_events.append(week)
        elif fld == "deadline":
            t.deadline = after if after is None else str(after)
        elif fld == "community_id":
            t.community = str(after)
        elif fld == "deleted_at":
            state = (
                DELETED
                if after
                else next((s for s in reversed(t.states) if s != DELETED), Status.NOT_STARTED.value)
            )
        if state != before and state is not None and known:
            t.times.append(at)
            t.states.append(state)
            delta = int(state in OPEN) - int(before in OPEN)
            if delta:
                t.open_events.append((week, delta))
    return t


class Totals:
    """Sums keyed by week (or day) that remember how many events made each key, so that a key all of whose
    events were taken away disappears, as it would from a replay that never saw them."""

    def __init__(self) -> None:
        self.sum: dict[dt.date, int] = {}
        self.events: dict[dt.date, int] = {}

    def add(self, key: dt.date, value: int, sign: int) -> None:
        n = self.events.get(key, 0) + sign
        if n <= 0:
            self.events.pop(key, None)
            self.sum.pop(key, None)
            return
        self.events[key] = n
        self.sum[key] = self.sum.get(key, 0) + sign * value


class JournalReplay:
    """The trends' totals as the journal tells them, kept up to date: ``update`` replays every task once (task by
    task, see the module), then only the tasks that the entries since the last call touched (each task's history
    is read again through the index and its old contribution replaced)."""

    def __init__(self) -> None:
        self.seq = 0
        self.open_delta = Totals()  # week -> change in the number of tasks not signed off (every change)
        self.closed_per = Totals()  # week -> status changes to closed
        # per community (each task under its current community), from each task's current timeline
        self.community_open: dict[str, Totals] = {}
        self.community_closed: dict[str, Totals] = {}
        self.community_overdue: dict[str, Totals] = {}  # day -> tasks that became overdue that day

    def update(
        self,
        ledger: Ledger | None,
        conn: sqlite3.Connection | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> JournalReplay:
        """Read what the journal added since the last call. ``conn``: another connection to the same file (a worker
        thread's own; then ``ledger`` may be None). ``cancel``: asked between tasks; when it says yes the replay
        stops half-read and is to be thrown away."""
        if conn is None:
            assert ledger is not None
            conn = ledger.store.conn
        last = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0])
        if last <= self.seq:
            return self
        if self.seq == 0:
            for _tid, rows in groupby(conn.execute(ALL_TASKS_SQL, (last,)), key=lambda r: r[0]):
                self._count(replay_task(rows), 1)
                if cancel is not None and cancel():
                    return self
        else:
            touched = [r[0] for r in conn.execute(TOUCHED_SQL, (self.seq, last)) if r[0] is not None]
            for tid in touched:
                self._count(replay_task(conn.execute(ONE_TASK_SQL, (tid, self.seq))), -1)
                self._count(replay_task(conn.execute(ONE_TASK_SQL, (tid, last))), 1)
        self.seq = last
        return self

    def _count(self, t: TaskLine, sign: int) -> None:
        if not t.times and not t.open_events and not t.closed_events:
            return
        for week, delta in t.open_events:
            self.open_delta.add(week, delta, sign)
        for week in t.closed_events:
            self.closed_per.add(week, 1, sign)
        c_open = self.community_open.setdefault(t.community, Totals())
        c_closed = self.community_closed.setdefault(t.community, Totals())
        before: str | None = None
        for at, state in zip(t.times, t.states, strict=True):
            week = _week(at)
            delta = int(state in OPEN) - int(before in OPEN)
            if delta:
                c_open.add(week, delta, sign)
            if state == CLOSED and before != state:
                c_closed.add(week, 1, sign)
            before = state
        if t.deadline and t.states and t.states[-1] != DELETED:
            over = self.community_overdue.setdefault(t.community, Totals())
            for day in overdue_entries(t.deadline, t.times, t.states):
                over.add(day, 1, sign)

    def series(self, weeks: int, today: dt.date, community_ids: frozenset[str] | None = None) -> Trends:
        this = week_monday(today)
        mondays = [this - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
        chosen = (
            list(self.community_overdue)
            if community_ids is None
            else [c for c in self.community_open if c in community_ids]
        )
        if community_ids is None:
            open_delta, closed_per = self.open_delta.sum, self.closed_per.sum
        else:
            open_delta = _merged(self.community_open[c].sum for c in chosen)
            closed_per = _merged(self.community_closed[c].sum for c in chosen)
        running = sum(v for d, v in open_delta.items() if d < mondays[0])
        open_series = []
        for m in mondays:
            running += open_delta.get(m, 0)
            open_series.append(running)
        newly: dict[dt.date, int] = {}
        overdue = (self.community_overdue[c] for c in chosen if c in self.community_overdue)
        for day, n in _items(t.sum for t in overdue):
            if mondays[0] <= day <= today:
                newly[week_monday(day)] = newly.get(week_monday(day), 0) + n
        first = min(open_delta, default=this)
        start = next((i for i, m in enumerate(mondays) if m >= first), len(mondays) - 1)
        return Trends(
            mondays,
            [closed_per.get(m, 0) for m in mondays],
            open_series,
            [newly.get(m, 0) for m in mondays],
            start,
        )


def _items(sums: Iterable[dict[dt.date, int]]) -> Iterator[tuple[dt.date, int]]:
    for s in sums:
        yield from s.items()


def _merged(sums: Iterable[dict[dt.date, int]]) -> dict[dt.date, int]:
    out: dict[dt.date, int] = {}
    for key, value in _items(sums):
        out[key] = out.get(key, 0) + value
    return out


def journal_size(ledger: Ledger) -> int:
    """About how many rows the first replay reads (the index's rows; cheap: its largest rowid)."""
    return int(ledger.store.one("SELECT COALESCE(MAX(rowid), 0) FROM journal_task"))


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
