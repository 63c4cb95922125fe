"""对账's weeks and counts: the days a period covers, the keys it reconciles, task state replayed to any seq."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ledger.core import LATE_STATUSES, OPEN_STATUSES, LedgerError, Status
from ledger.service import Ledger
from ledger.storage import Entry

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


def count_vector(state: dict[str, dict[str, Any]]) -> dict[str, int]:
    c = counts(state, dt.date.min)
    return {k: c[k] for k in COUNT_KEYS}
