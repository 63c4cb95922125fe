"""待我审核: the tasks waiting for the current operator's decision, with what the reviewer needs to see."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ledger.core import Operator, Role, Status
from ledger.core.people import normalize_name
from ledger.core.workflow import Level, chain_from_setting
from ledger.service import Ledger


@dataclass(frozen=True)
class QueueItem:
    """A task waiting at a review level the operator's role signs. ``level`` counts from 1."""

    task_id: str
    community_id: str
    community: str
    problem: str
    measure: str
    owner: str
    status: Status
    review_round: int
    level: int
    level_name: str
    submitted_at: str
    deadline: dt.date | None
    original_deadline: dt.date | None
    evidence_count: int

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task_id,
            "community": self.community,
            "problem": self.problem,
            "measure": self.measure,
            "owner": self.owner,
            "status": self.status.value,
            "round": self.review_round,
            "level": self.level,
            "level_name": self.level_name,
            "submitted_at": self.submitted_at,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "original_deadline": self.original_deadline.isoformat() if self.original_deadline else None,
            "evidence": self.evidence_count,
        }


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def review_queue(ledger: Ledger, operator: Operator | None = None) -> list[QueueItem]:
    """What waits for ``operator`` (default: the ledger's): tasks in 申请销号/审核中 whose next level is signed by
    the operator's role and which the operator has not already signed in this round; oldest request first (the
    time of the task's latest 申请销号, or its last change when it came in without one)."""
    op = operator or ledger.operator
    if op.role == Role.SECRETARY:  # secretaries apply; they sign no level
        return []
    rows = ledger.store.rows(
        "SELECT t.id, t.community_id, c.name AS community, p.title AS problem, t.measure, t.owner, t.status, "
        "t.review_round, t.review_level, t.deadline, t.original_deadline, t.updated_at, t.ord_problem, "
        "t.ord_community, t.sort FROM task t JOIN community c ON c.id = t.community_id "
        "JOIN problem p ON p.id = t.problem_id "
        "WHERE t.deleted_at IS NULL AND t.status IN ('submitted', 'in_review')"
    )
    me = normalize_name(op.name)
    signed = {
        r[0]
        for r in ledger.store.conn.execute(
            "SELECT r.task_id, r.reviewer FROM review r JOIN task t ON t.id = r.task_id AND r.round = t.review_round "
            "WHERE r.decision = 'approve' AND t.status IN ('submitted', 'in_review')"
        )
        if normalize_name(r[1]) == me
    }
    rows = [r for r in rows if r["id"] not in signed]
    ids = [r["id"] for r in rows]
    submitted: dict[str, str] = {}
    submitter: dict[str, str] = {}
    chains: dict[str, tuple[Level, ...]] = {}
    evidence_count: dict[str, int] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for task_id, actor, at, payload in ledger.store.conn.execute(
            f"SELECT task_id, actor, at, payload FROM journal WHERE seq IN (SELECT MAX(seq) FROM journal "
            f"WHERE command = 'submit' AND task_id IN ({marks}) GROUP BY task_id)",
            chunk,
        ).fetchall():
            submitted[task_id], submitter[task_id] = at, normalize_name(actor)
            levels = json.loads(payload).get("args", {}).get("chain")
            if levels:  # the chain in force when the round was submitted
                chains[task_id] = chain_from_setting(levels)
        evidence_count.update(
            ledger.store.conn.execute(
                f"SELECT task_id, COUNT(*) FROM evidence WHERE removed_at IS NULL AND task_id IN ({marks}) "
                f"GROUP BY task_id",
                chunk,
            ).fetchall()
        )

    def level_of(r: dict[str, Any]) -> Level:
        chain = chains.get(r["id"], ledger.chain)
        return chain[min(int(r["review_level"]), len(chain) - 1)]

    rows = [r for r in rows if level_of(r).role == op.role and submitter.get(r["id"]) != me]
    out = []
    for r in sorted(
        rows,
        key=lambda r: (
            submitted.get(r["id"], r["updated_at"]),
            r["ord_problem"],
            r["ord_community"],
            r["sort"],
        ),
    ):
        chain = chains.get(r["id"], ledger.chain)
        index = min(r["review_level"], len(chain) - 1)
        out.append(
            QueueItem(
                r["id"],
                r["community_id"],
                r["community"],
                r["problem"],
                r["measure"],
                r["owner"],
                Status(r["status"]),
                r["review_round"],
                index + 1,
                chain[index].name,
                submitted.get(r["id"], r["updated_at"]),
                dt.date.fromisoformat(r["deadline"]) if r["deadline"] else None,
                dt.date.fromisoformat(r["original_deadline"]) if r["original_deadline"] else None,
                evidence_count.get(r["id"], 0),
            )
        )
    return out
