"""延期申请: a request for a later deadline, the leader's decision, and whether a task kept its original deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ledger.core import OPEN_STATUSES, LedgerError, Role, Status, is_blank, parse_date
from ledger.service import Ledger
from ledger.signoff.common import EXTENSION_LABELS, now_text, require_role
from ledger.storage import new_id


@dataclass(frozen=True)
class Extension:
    """One request for a later deadline and its decision. ``status``: pending | approved | refused."""

    id: str
    task_id: str
    requested_by: str
    requested_at: str
    old_deadline: dt.date | None
    new_deadline: dt.date
    reason: str
    status: str
    decided_by: str
    decided_at: str | None
    decision_note: str

    @property
    def label(self) -> str:
        return EXTENSION_LABELS[self.status]

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Extension:
        return cls(
            r["id"],
            r["task_id"],
            r["requested_by"],
            r["requested_at"],
            dt.date.fromisoformat(r["old_deadline"]) if r["old_deadline"] else None,
            dt.date.fromisoformat(r["new_deadline"]),
            r["reason"],
            r["status"],
            r["decided_by"],
            r["decided_at"],
            r["decision_note"],
        )


def request_extension(ledger: Ledger, task_id: str, new_deadline: Any, reason: str) -> str:
    """Ask for a later deadline, before the current one has passed (the deadline day itself still counts);
    by a secretary or the work team, with a reason, one pending request per task. Returns the request id."""
    op = require_role(ledger, "申请延期", (Role.SECRETARY, Role.WORK_TEAM))
    t = ledger.require_task(task_id)
    status = Status(t["status"])
    if status not in OPEN_STATUSES:
        raise LedgerError("extension_closed_task", measure=t["measure"], state=status.label)
    if not t["deadline"]:
        raise LedgerError("extension_no_deadline", measure=t["measure"])
    today = ledger.today()
    if today > dt.date.fromisoformat(t["deadline"]):
        raise LedgerError(
            "extension_too_late", measure=t["measure"], deadline=t["deadline"], today=today.isoformat()
        )
    new = parse_date(new_deadline)
    if new is None:
        raise LedgerError("empty_field", field="申请延至的整改时限")
    if new <= t["deadline"]:
        raise LedgerError("extension_not_later", new=new, old=t["deadline"])
    if is_blank(reason):
        raise LedgerError("reason_required", what="延期申请")
    pending = ledger.store.rows(
        "SELECT * FROM extension WHERE task_id = ? AND status = 'pending' LIMIT 1", (task_id,)
    )
    if pending:
        p = pending[0]
        raise LedgerError(
            "extension_pending",
            measure=t["measure"],
            by=p["requested_by"],
            at=p["requested_at"],
            new=p["new_deadline"],
        )
    xid = new_id()
    row = {
        "id": xid,
        "task_id": task_id,
        "requested_by": op.name,
        "requested_at": now_text(ledger),
        "old_deadline": t["deadline"],
        "new_deadline": new,
        "reason": str(reason).strip(),
        "status": "pending",
        "decided_by": "",
        "decided_at": None,
        "decision_note": "",
    }
    with ledger.command(
        "request_extension",
        task_id,
        {"extension": xid, "task": task_id, "old_deadline": t["deadline"], "new_deadline": new},
    ) as tx:
        tx.insert("extension", row)
    return xid


def decide_extension(ledger: Ledger, extension_id: str, approve: bool, note: str = "") -> None:
    """A leader approves (the task's deadline becomes the new one) or refuses (a note saying why is required; the
    deadline stays) a pending request. The FIRST approval fixes 原定时限: the deadline in force at that moment
    (work-team corrections before it were corrections, not extensions); later approvals keep it."""
    op = require_role(ledger, "批复延期申请", (Role.LEADER,))
    x = ledger.store.row("extension", extension_id)
    if x is None:
        raise LedgerError("no_such_extension", id=extension_id)
    if x["status"] != "pending":
        raise LedgerError(
            "extension_decided",
            by=x["decided_by"],
            at=x["decided_at"],
            decision=EXTENSION_LABELS[x["status"]],
        )
    note = str(note or "").strip()
    if not approve and is_blank(note):
        raise LedgerError("reason_required", what="不同意延期")
    t = ledger.require_task(x["task_id"])
    now = now_text(ledger)
    args = {"extension": extension_id, "task": x["task_id"], "approve": bool(approve), "note": note}
    with ledger.command("decide_extension", x["task_id"], args) as tx:
        tx.update(
            "extension",
            extension_id,
            status="approved" if approve else "refused",
            decided_by=op.name,
            decided_at=now,
            decision_note=note,
        )
        if approve:
            fields: dict[str, Any] = {"deadline": x["new_deadline"], "updated_at": now}
            if t["original_deadline"] is None:
                fields["original_deadline"] = t["deadline"]
            tx.update("task", x["task_id"], **fields)


def extension(ledger: Ledger, extension_id: str) -> Extension:
    r = ledger.store.row("extension", extension_id)
    if r is None:
        raise LedgerError("no_such_extension", id=extension_id)
    return Extension.from_row(r)


def extensions(ledger: Ledger, task_id: str) -> list[Extension]:
    """A task's extension requests, oldest first."""
    return [
        Extension.from_row(r)
        for r in ledger.store.rows(
            "SELECT * FROM extension WHERE task_id = ? ORDER BY requested_at, rowid", (task_id,)
        )
    ]


def pending_extensions(ledger: Ledger) -> list[Extension]:
    """Requests waiting for a leader, oldest first (live tasks only)."""
    return [
        Extension.from_row(r)
        for r in ledger.store.rows(
            "SELECT x.* FROM extension x JOIN task t ON t.id = x.task_id WHERE x.status = 'pending' "
            "AND t.deleted_at IS NULL ORDER BY x.requested_at, x.rowid"
        )
    ]


_ON_TIME_SQL = (
    "SELECT t.id, COALESCE(t.original_deadline, t.deadline), (SELECT MAX(r.at) FROM review r WHERE r.task_id = t.id "
    "AND r.round = t.review_round AND r.decision = 'approve') FROM task t "
    "WHERE t.status = 'closed' AND t.deleted_at IS NULL"
)


def _on_time(original: str | None, closed_at: str | None) -> bool | None:
    if not original or not closed_at:
        return None
    return closed_at[:10] <= original


def finished_by_original_deadline(ledger: Ledger, task_id: str) -> bool | None:
    """For a closed task: was its last approving review on or before 原定时限 (the deadline, when it was never
    extended)? None when the task is not closed, had no deadline, or was closed without reviews (imported)."""
    ledger.require_task(task_id)
    r = ledger.store.conn.execute(_ON_TIME_SQL + " AND t.id = ?", (task_id,)).fetchone()
    return None if r is None else _on_time(r[1], r[2])


def finished_by_original_deadline_map(ledger: Ledger) -> dict[str, bool | None]:
    """The same for every closed task at once (for exports): task id -> True / False / None."""
    return {r[0]: _on_time(r[1], r[2]) for r in ledger.store.conn.execute(_ON_TIME_SQL)}


# ---- the deadline's history: set, corrected, requested, approved, refused --------------------------------------
DEADLINE_EVENT_LABELS = {
    "set": "设定整改时限",
    "correct": "更正整改时限",
    "request": "申请延期",
    "approve": "同意延期",
    "refuse": "不同意延期",
}


@dataclass(frozen=True)
class DeadlineEvent:
    """One step of a task's deadline history. ``kind``: set | correct | request | approve | refuse.

    A correction is a direct change of the deadline (by the work team, an import, an undo): it fixes a wrong date
    and is never an extension. ``before``/``after``: the deadline before and after (a request: the current one
    and the one asked for)."""

    at: str
    kind: str
    before: dt.date | None
    after: dt.date | None
    actor: str
    note: str = ""

    @property
    def label(self) -> str:
        return DEADLINE_EVENT_LABELS[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "kind": self.kind,
            "label": self.label,
            "before": self.before.isoformat() if self.before else None,
            "after": self.after.isoformat() if self.after else None,
            "actor": self.actor,
            "note": self.note,
        }


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def deadline_history(ledger: Ledger, task_id: str) -> list[DeadlineEvent]:
    """Every step of the task's deadline, oldest first: the deadline first set, each correction, each extension
    request and its decision. An approved extension's change of the deadline is the approval, not a correction."""
    ledger.require_task(task_id)
    out: list[DeadlineEvent] = []
    for e in ledger.history(task_id):
        if e.command == "decide_extension":
            continue
        for c in e.changes:
            if c.table != "task" or c.id != task_id:
                continue
            if c.op == "insert" and (c.row or {}).get("deadline"):
                out.append(DeadlineEvent(e.at, "set", None, _date(c.row["deadline"]), e.actor))  # type: ignore[index]
            elif c.op == "update" and c.field == "deadline":
                kind = "set" if c.before is None else "correct"
                note = "撤销" if e.command == "undo" else ""
                out.append(DeadlineEvent(e.at, kind, _date(c.before), _date(c.after), e.actor, note))
    for x in extensions(ledger, task_id):
        out.append(
            DeadlineEvent(x.requested_at, "request", x.old_deadline, x.new_deadline, x.requested_by, x.reason)
        )
        if x.status != "pending" and x.decided_at:
            kind = "approve" if x.status == "approved" else "refuse"
            out.append(
                DeadlineEvent(
                    x.decided_at, kind, x.old_deadline, x.new_deadline, x.decided_by, x.decision_note
                )
            )
    order = {"set": 0, "correct": 1, "request": 2, "approve": 3, "refuse": 3}
    return sorted(out, key=lambda ev: (ev.at, order[ev.kind]))
