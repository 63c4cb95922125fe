"""The review chain's decisions (审核记录) as the task panel and the approval form read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger.service import Ledger


@dataclass(frozen=True)
class Review:
    """One decision of the review chain (a row of the ``review`` table)."""

    round: int
    level: int
    level_name: str
    reviewer: str
    role: str
    decision: str  # "approve" | "return"
    grade: str
    opinion: str
    exception: str
    at: str


def reviews(ledger: Ledger, task_id: str, round_: int | None = None) -> list[Review]:
    """A task's review decisions, oldest first; only one round's with ``round_``."""
    sql = (
        "SELECT round, level, level_name, reviewer, role, decision, grade, opinion, exception, at FROM review "
        "WHERE task_id = ?"
    )
    params: tuple[Any, ...] = (task_id,)
    if round_ is not None:
        sql += " AND round = ?"
        params += (round_,)
    return [Review(**r) for r in ledger.store.rows(sql + " ORDER BY round, at, level, rowid", params)]
