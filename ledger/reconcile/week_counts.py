"""对账's weeks and counts: the days a period covers, the keys it reconciles, task state replayed to any seq."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ledger.core import LATE_STATUSES, OPEN_STATUSES, LedgerError, Status
from ledger.service import Ledger
from ledger.storage import LATE_SQL, Entry  # LATE_SQL: the words of the task_late index's condition

WEEK_SETTING = "week_closes_on"
DEFAULT_CLOSES_ON = 5
OPEN_VALUES = frozenset(s.value for s in OPEN_STATUSES)
# The reconciled keys, in display order.
COUNT_KEYS: tuple[str, ...] = ("tasks", "signed_off", "open", *(s.value for s in Status))
COUNT_LABELS = {
    "tasks": "任务总数",
    "signed_off": "已销号",
    "open": "未销号",
    "overdue": "逾期",
    **{s.value: s.label for s in Status},
}
# What a report prints, each label once, as a partition of all tasks: 已销号 + 长期坚持 + 未销号 = 任务总数, and
# 未销号 by state (``signed_off`` is the same count as ``closed`` and is not printed beside it).
OPEN_KEYS: tuple[str, ...] = tuple(s.value for s in Status if s in OPEN_STATUSES)
DISPLAY_KEYS: tuple[str, ...] = (
    "tasks",
    Status.CLOSED.value,
    Status.ONGOING.value,
    "open",
    *OPEN_KEYS,
    "overdue",
)
TRACKED = ("status", "deleted_at", "community_id", "deadline", "measure", "owner", "updated_at", "progress")
_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})\s*$")


# ---- weeks ---------------------------------------------------------------------------------------------------
def closes_on(ledger: Ledger) -> int:
    value = ledger.setting(WEEK_SETTING, DEFAULT_CLOSES_ON)
    return value if isinstance(value, int) and 1 <= value <= 7 else DEFAULT_CLOSES_ON


def parse_week(text: str) -> tuple[int, int]:
    m = _WEEK.match(str(text))
    if not m:
        raise LedgerError("bad_week", value=text)
    year, week = int(m[1]), int(m[2])
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise LedgerError("bad_week", value=text) from None
    return year, week


def week_name(text: str) -> str:
    year, week = parse_week(text)
    return f"{year}-W{week:02d}"


def week_window(ledger: Ledger, week: str) -> tuple[dt.date, dt.date]:
    """(first day, closing day) of the 7 days ending on the ledger's closing weekday of the ISO week."""
    year, number = parse_week(week)
    end = dt.date.fromisocalendar(year, number, closes_on(ledger))
    return end - dt.timedelta(days=6), end


def week_of(ledger: Ledger, day: dt.date) -> str:
    """The week whose window holds ``day``."""
    end = day + dt.timedelta(days=(closes_on(ledger) - day.isoweekday()) % 7)
    year, number, _ = end.isocalendar()
    return f"{year}-W{number:02d}"


def partition_text(c: dict[str, int]) -> str:
    """整改任务共 76 项：已销号 5 项、长期坚持 1 项、未销号 70 项（未启动 10 项、推进中 50 项……）: the parts add up."""
    parts = [
        f"{COUNT_LABELS[k]} {int(c.get(k, 0))} 项"
        for k in (Status.CLOSED.value, Status.ONGOING.value, "open")
    ]
    detail = "、".join(f"{COUNT_LABELS[k]} {int(c[k])} 项" for k in OPEN_KEYS if c.get(k))
    return (
        f"整改任务共 {int(c.get('tasks', 0))} 项：" + "、".join(parts) + (f"（{detail}）" if detail else "")
    )


def counts_text(c: dict[str, int], keys: Iterable[str] = DISPLAY_KEYS, *, signed: bool = False) -> str:
    """``任务总数 76，已销号 5，…`` (``signed``: as differences, +3 / -1), each label once, zeros of a
    difference left out."""
    shown = []
    for k in keys:
        v = int(c.get(k, 0) if k != Status.CLOSED.value else c.get(k, c.get("signed_off", 0)))
        if signed and not v:
            continue
        shown.append(f"{COUNT_LABELS.get(k, k)} {v:+d}" if signed else f"{COUNT_LABELS.get(k, k)} {v}")
    return "，".join(shown)


def period_label(week_start: str | dt.date, week_end: str | dt.date) -> str:
    """A period by its dates (2025年11月15日至11月21日); the ISO week only where the period is one (Monday to
    Sunday): 2025年11月17日至11月23日（第47周）."""
    start, end = (
        d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]) for d in (week_start, week_end)
    )
    to = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
    text = f"{start.year}年{start.month}月{start.day}日至{to}"
    year, week, weekday = start.isocalendar()
    if weekday == 1 and end == start + dt.timedelta(days=6):
        text += f"（{year}年第{week}周）"
    return text


# ---- the journal replayed: task state at a seq ---------------------------------------------------------------
def current_state(ledger: Ledger) -> dict[str, dict[str, Any]]:
    cols = ", ".join(TRACKED)
    return {r["id"]: r for r in ledger.store.rows(f"SELECT id, {cols} FROM task")}


def undo_entries(state: dict[str, dict[str, Any]], entries: Iterable[Entry]) -> None:
    """Walk ``entries`` backwards, taking ``state`` to what it was before the first of them."""
    for e in reversed(list(entries)):
        for c in reversed(e.changes):
            if c.table != "task":
                continue
            if c.op == "insert":
                state.pop(c.id, None)
            elif c.op == "delete":
                state[c.id] = {k: (c.row or {}).get(k) for k in TRACKED} | {"id": c.id}
            elif c.field in TRACKED and c.id in state:
                state[c.id][c.field] = c.before


def apply_entry(state: dict[str, dict[str, Any]], e: Entry) -> None:
    for c in e.changes:
        if c.table != "task":
            continue
        if c.op == "insert":
            state[c.id] = {k: (c.row or {}).get(k) for k in TRACKED} | {"id": c.id}
        elif c.op == "delete":
            state.pop(c.id, None)
        elif c.field in TRACKED and c.id in state:
            state[c.id][c.field] = c.after


def counts(state: dict[str, dict[str, Any]], as_of: dt.date) -> dict[str, int]:
    """tasks, signed_off, open, overdue and one count per status, of the live tasks in ``state``."""
    out = dict.fromkeys(COUNT_KEYS, 0)
    out["overdue"] = 0
    day = as_of.isoformat()
    for t in state.values():
        if t.get("deleted_at"):
            continue
        status = t["status"]
        out["tasks"] += 1
        out[status] = out.get(status, 0) + 1
        if status == Status.CLOSED.value:
            out["signed_off"] += 1
        if status in OPEN_VALUES:
            out["open"] += 1
        if status in LATE_STATUSES and t.get("deadline") and t["deadline"] < day:
            out["overdue"] += 1
    return out


def count_vector(state: dict[str, dict[str, Any]], ids: Iterable[str] | None = None) -> dict[str, int]:
    """The reconciled counts of ``state`` (of its tasks among ``ids`` only, when given: an entry's effect is the
    difference over the tasks it changed, the others being the same before and after it)."""
    if ids is not None:
        state = {i: state[i] for i in ids if i in state}
    c = counts(state, dt.date.min)
    return {k: c[k] for k in COUNT_KEYS}


# ---- counts without reading every task -----------------------------------------------------------------------


def task_ids_changed(entries: Iterable[Entry], indicator_task: dict[str, str] | None = None) -> set[str]:
    """The tasks ``entries`` changed (and, given ``indicator_task``, those whose indicators they changed)."""
    out: set[str] = set()
    for e in entries:
        for c in e.changes:
            if c.table == "task":
                out.add(c.id)
            elif c.table == "indicator" and indicator_task is not None:
                tid = (c.row or {}).get("task_id") or indicator_task.get(c.id)
                if tid:
                    out.add(tid)
    return out


def task_states(ledger: Ledger, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``current_state`` of these tasks only."""
    wanted = sorted(set(ids))
    cols = ", ".join(TRACKED)
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in ledger.store.rows(f"SELECT id, {cols} FROM task WHERE id IN ({marks})", chunk):
            out[r["id"]] = r
    return out


def live_counts(ledger: Ledger, as_of: dt.date) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """``counts(current_state(ledger), as_of)``, in total and per community id, without reading a task: the
    tally the triggers keep per community and status, and the index of live tasks by community, status and deadline
    (a task's community always exists: the foreign key)."""
    total = dict.fromkeys(COUNT_KEYS, 0)
    total["overdue"] = 0
    per: dict[str, dict[str, int]] = {}
    for community, status, n in ledger.store.conn.execute(
        "SELECT community_id, status, n FROM task_tally WHERE n != 0"
    ):
        for c in (total, per.setdefault(community, dict.fromkeys((*COUNT_KEYS, "overdue"), 0))):
            c["tasks"] += n
            c[status] = c.get(status, 0) + n
            if status == Status.CLOSED.value:
                c["signed_off"] += n
            if status in OPEN_VALUES:
                c["open"] += n
    for community, n in ledger.store.conn.execute(
        # A range of the (community, status, deadline) index per community and late status: 25 ms at 1M tasks (the
        # late-task index by deadline alone would look up each late task's community: 0.4 s).
        "SELECT community_id, COUNT(*) FROM task INDEXED BY task_live_counts WHERE deleted_at IS NULL "
        f"AND community_id IN (SELECT id FROM community) AND status IN {LATE_SQL} AND deadline < ? "
        "AND deadline != '' GROUP BY community_id",
        (as_of.isoformat(),),
    ):
        total["overdue"] += n
        per.setdefault(community, dict.fromkeys((*COUNT_KEYS, "overdue"), 0))["overdue"] += n
    return total, per


def counts_with(
    ledger: Ledger,
    as_of: dt.date,
    now: dict[str, dict[str, Any]],
    then: dict[str, dict[str, Any]],
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """``counts`` (in total and per community id) of the ledger as it is, but with the tasks in ``now`` (their
    rows as they are) taken as in ``then`` (the same tasks at another seq; absent: did not exist then): the counts
    at any seq from the tasks changed since, without reading the others."""
    total, per = live_counts(ledger, as_of)

    def shift(state: dict[str, dict[str, Any]], sign: int) -> None:
        for t in state.values():
            one = counts({"t": t}, as_of)
            community = t.get("community_id")
            targets = [total]
            if community is not None:
                targets.append(per.setdefault(community, dict.fromkeys((*COUNT_KEYS, "overdue"), 0)))
            for target in targets:
                for k, v in one.items():
                    if v:
                        target[k] = target.get(k, 0) + sign * v

    shift(now, -1)
    shift(then, +1)
    known = {*COUNT_KEYS, "overdue"}
    for c in (total, *per.values()):
        for k in [k for k, v in c.items() if k not in known and not v]:
            del c[k]  # a status no task has (any more): not counted, as ``counts`` would not list it
    return total, per
