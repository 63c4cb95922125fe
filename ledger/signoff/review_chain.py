"""The review chain's decisions (审核记录) as the task panel and the approval form read them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ledger.core import LedgerError, Role, workflow
from ledger.core.people import PASSWORDS_SETTING, normalize_name, password_matches
from ledger.service import Ledger, register


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
    signed: bool = False  # 签字确认: the reviewer confirmed the decision with their own password


def reviews(ledger: Ledger, task_id: str, round_: int | None = None) -> list[Review]:
    """A task's review decisions, oldest first; only one round's with ``round_``."""
    sql = (
        "SELECT id, round, level, level_name, reviewer, role, decision, grade, opinion, exception, at FROM review "
        "WHERE task_id = ?"
    )
    params: tuple[Any, ...] = (task_id,)
    if round_ is not None:
        sql += " AND round = ?"
        params += (round_,)
    signed = _signed_reviews(ledger, task_id)
    out = []
    for r in ledger.store.rows(sql + " ORDER BY round, at, level, rowid", params):
        rid = r.pop("id")
        out.append(Review(**r, signed=rid in signed))
    return out


def _signed_reviews(ledger: Ledger, task_id: str) -> frozenset[str]:
    """The ids of the task's review rows whose decision the journal records as confirmed by password."""
    out: set[str] = set()
    for (payload,) in ledger.store.conn.execute(
        "SELECT payload FROM journal WHERE task_id = ? AND command IN ('approve', 'return')", (task_id,)
    ):
        data = json.loads(payload)
        if data.get("args", {}).get("signed"):
            out.update(c["id"] for c in data.get("changes", []) if c.get("table") == "review")
    return frozenset(out)


def set_review_chain(
    ledger: Ledger, levels: list[dict[str, str]], leader: str, leader_password: str | None = None
) -> str | None:
    """Change the review chain: by the work team, confirmed by a leader of the register (with their password where
    they have one); never a secretary level. A round already under review keeps the chain it was submitted under.
    Returns the journal entry's id (None when the chain was already so)."""
    chain = workflow.check_chain(workflow.chain_from_setting(levels))
    people = register(ledger)
    key = normalize_name(leader)
    if people and not any(p.key == key and p.role == Role.LEADER and p.active for p in people):
        raise LedgerError("chain_needs_leader", detail=f"“{key}”不是名册中的领导")
    if not people and not key:
        raise LedgerError("chain_needs_leader", detail="请写明确认的领导")
    stored = (ledger.setting(PASSWORDS_SETTING) or {}).get(key)
    if stored is not None and not password_matches(stored, leader_password or ""):
        raise LedgerError("chain_needs_leader", detail=f"“{key}”的签字密码不对")
    saved = ledger.chain_confirmed_by
    ledger.chain_confirmed_by = key
    try:
        return ledger.set_setting("review_chain", workflow.chain_to_setting(chain))
    finally:
        ledger.chain_confirmed_by = saved
