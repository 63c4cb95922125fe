"""SQL shared by the wall chart, the kanban and the overview: a filter's FROM … WHERE, scans, the state CASE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ledger.board.scheme import (
    CLOSED,
    NORMAL,
    NOT_STARTED,
    ONGOING,
    OVERDUE,
    PENDING,
    band_key,
)
from ledger.service import Ledger
from ledger.storage import TASK_JOIN, TaskFilter

_WEEK_SQL = "date(t.deadline, '-' || ((CAST(strftime('%w', t.deadline) AS INTEGER) + 6) % 7) || ' days')"
KEY_SQL = {"problem": "t.problem_id", "category": "p.category_id", "owner": "t.owner", "week": _WEEK_SQL}
# the same, for GROUP BY over a table scan: "+" keeps SQLite from walking an index with a table lookup per task
GROUP_SQL = {"problem": "+t.problem_id", "category": "+p.category_id", "owner": "+t.owner", "week": _WEEK_SQL}


def from_where(ledger: Ledger, flt: TaskFilter, today: dt.date, mode: str) -> tuple[str, str, list[Any]]:
    soon = today + dt.timedelta(days=ledger.due_soon_days)
    where, params = ledger.store.filter_sql(flt, today.isoformat(), soon.isoformat())
    if " c." in where or "cat." in where or "(c." in where:
        frm = TASK_JOIN
    elif "p." in where or mode == "category":
        frm = "FROM task t JOIN problem p ON p.id = t.problem_id"
    else:
        frm = "FROM task t"
    return frm, where, params


def state_codes(bands: Sequence[int]) -> list[str]:
    """The state keys worst first; a state's index here is its code in SQL."""
    return [
        OVERDUE,
        *(band_key(i) for i in range(len(bands) - 1, -1, -1)),
        NOT_STARTED,
        NORMAL,
        PENDING,
        ONGOING,
        CLOSED,
    ]


def table_scan(frm: str, flt: TaskFilter) -> str:
    """The FROM clause for a query that reads every live task (or a status's share of them): a plain table
    scan. Without this SQLite walks an index and looks each row up in the table, up to three times slower
    (measured at 50,000 tasks); a community or id filter is narrow enough for the planner's index."""
    if flt.community_ids is None and flt.task_ids is None:
        return frm.replace("FROM task t", "FROM task t NOT INDEXED", 1)
    return frm


def state_case_sql(today: dt.date, bands: Sequence[int]) -> tuple[str, list[Any]]:
    """A CASE giving each task's state code (index into ``state_codes``), the SQL twin of ``cell_health``."""
    code = {k: i for i, k in enumerate(state_codes(bands))}
    parts = [
        f"CASE WHEN t.status = 'closed' THEN {code[CLOSED]}",
        f"WHEN t.status IN ('submitted', 'in_review') THEN {code[PENDING]}",
        f"WHEN t.status = 'ongoing' THEN {code[ONGOING]}",
        f"WHEN t.deadline IS NOT NULL AND t.deadline < ? THEN {code[OVERDUE]}",
    ]
    params: list[Any] = [today.isoformat()]
    for i in range(len(bands) - 1, -1, -1):
        parts.append(f"WHEN t.deadline IS NOT NULL AND t.deadline <= ? THEN {code[band_key(i)]}")
        params.append((today + dt.timedelta(days=bands[i])).isoformat())
    parts.append(f"WHEN t.status = 'not_started' THEN {code[NOT_STARTED]} ELSE {code[NORMAL]} END")
    return " ".join(parts), params


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
