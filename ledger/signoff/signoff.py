"""销号 around the review chain: extensions (延期申请), 回头看 draws and re-checks, and the 待我审核 queue.

Every write goes through ``Ledger.command`` (DESIGN promise 1): checked first, then the rows and one journal
entry in one transaction. The evidence functions live in ``ledger.evidence`` and are re-exported here, so a
caller needs one import for the whole of issue 3.

回头看 draws are repeatable: the population (sorted task ids, per community when the draw is per community) and
the seed are recorded, and the sample is ``random.Random(seed).sample`` over that population, group by group in
sorted community-id order, with ``sample_size`` files from each. ``repeat_draw`` recomputes it from the record.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ledger.core import workflow
from ledger.core.errors import LedgerError
from ledger.core.model import OPEN_STATUSES, Operator, Role, Status
from ledger.service.commands import Ledger, parse_date
from ledger.signoff.evidence import (
    DEFAULT_MAX_MB,
    MAX_MB_SETTING,
    EvidenceRow,
    attach_evidence,
    evidence,
    evidence_bytes,
    evidence_row,
    export_evidence_zip,
    human_size,
    remove_evidence,
    safe_name,
    save_evidence_copy,
)
from ledger.storage.store import new_id

__all__ = [
    "COMMAND_LABELS",
    "DEFAULT_MAX_MB",
    "EXTENSION_LABELS",
    "MAX_MB_SETTING",
    "RESULT_LABELS",
    "EvidenceRow",
    "Extension",
    "QueueItem",
    "Recheck",
    "RecheckItem",
    "attach_evidence",
    "decide_extension",
    "draw_recheck",
    "evidence",
    "evidence_bytes",
    "evidence_row",
    "export_evidence_zip",
    "extension",
    "extensions",
    "finished_by_original_deadline",
    "finished_by_original_deadline_map",
    "human_size",
    "pending_extensions",
    "recheck",
    "recheck_items",
    "recheck_items_for_task",
    "rechecks",
    "record_recheck",
    "remove_evidence",
    "repeat_draw",
    "request_extension",
    "resolve_id",
    "review_queue",
    "safe_name",
    "sample_size",
    "save_evidence_copy",
]

# The journal's command names of issue 3, in the user's words (for the history panel).
COMMAND_LABELS: dict[str, str] = {
    "attach_evidence": "添加佐证材料",
    "remove_evidence": "删除佐证材料",
    "request_extension": "申请延期",
    "decide_extension": "批复延期申请",
    "draw_recheck": "抽取回头看样本",
    "record_recheck": "记录回头看结果",
}
EXTENSION_LABELS = {"pending": "待批", "approved": "同意延期", "refused": "不同意延期"}
RESULT_LABELS = {"": "待核查", "pass": "合格", "relapse": "反弹"}
RESULTS = ("pass", "relapse")


def _require_role(ledger: Ledger, action: str, roles: Iterable[Role]) -> Operator:
    allowed = sorted(set(roles))
    op = ledger.operator
    if op.role not in allowed:
        raise LedgerError(
            "wrong_role",
            action=action,
            need="或".join(r.label for r in allowed),
            actor=op.name,
            role=op.role.label,
        )
    return op


def _now(ledger: Ledger) -> str:
    return ledger.clock.now().isoformat(sep=" ")


def resolve_id(ledger: Ledger, table: str, ref: str) -> str:
    """An id of ``table`` (evidence, extension, recheck, recheck_item) from the id or its unique first 6+ chars."""
    if table not in ("evidence", "extension", "recheck", "recheck_item"):
        raise LedgerError("bad_value", field="表", value=table, detail="不能按编号查找")
    ref = ref.strip()
    if ledger.store.one(f"SELECT 1 FROM {table} WHERE id = ?", (ref,)):
        return ref
    found = [
        r[0]
        for r in ledger.store.conn.execute(
            f"SELECT id FROM {table} WHERE id LIKE ? LIMIT 2", (ref.replace("%", "").replace("_", "") + "%",)
        )
    ]
    if len(found) == 1 and len(ref) >= 6:
        return str(found[0])
    raise LedgerError(f"no_such_{table}", id=ref)


# ---- 审核记录 --------------------------------------------------------------------------------------------------
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


# ---- 延期申请 --------------------------------------------------------------------------------------------------
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
    op = _require_role(ledger, "申请延期", (Role.SECRETARY, Role.WORK_TEAM))
    t = ledger._require_task(task_id)
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
    if not str(reason or "").strip():
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
        "requested_at": _now(ledger),
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
    """A leader approves (the task's deadline becomes the new one; ``original_deadline`` is kept) or refuses
    (a note saying why is required; the deadline stays) a pending request."""
    op = _require_role(ledger, "批复延期申请", (Role.LEADER,))
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
    if not approve and not note:
        raise LedgerError("reason_required", what="不同意延期")
    t = ledger._require_task(x["task_id"])
    now = _now(ledger)
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
                fields["original_deadline"] = x["old_deadline"]
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
    "SELECT t.id, t.original_deadline, (SELECT MAX(r.at) FROM review r WHERE r.task_id = t.id "
    "AND r.round = t.review_round AND r.decision = 'approve') FROM task t "
    "WHERE t.status = 'closed' AND t.deleted_at IS NULL"
)


def _on_time(original: str | None, closed_at: str | None) -> bool | None:
    if not original or not closed_at:
        return None
    return closed_at[:10] <= original


def finished_by_original_deadline(ledger: Ledger, task_id: str) -> bool | None:
    """For a closed task: was its last approving review on or before the ORIGINAL deadline? None when the task
    is not closed, had no deadline, or was closed without reviews (imported)."""
    ledger._require_task(task_id)
    r = ledger.store.conn.execute(_ON_TIME_SQL + " AND t.id = ?", (task_id,)).fetchone()
    return None if r is None else _on_time(r[1], r[2])


def finished_by_original_deadline_map(ledger: Ledger) -> dict[str, bool | None]:
    """The same for every closed task at once (for exports): task id -> True / False / None."""
    return {r[0]: _on_time(r[1], r[2]) for r in ledger.store.conn.execute(_ON_TIME_SQL)}


# ---- 回头看 ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recheck:
    """One 回头看 draw. ``population``: every task id drawn from, sorted; ``groups``: (community id, sorted ids)
    per community for a per-community draw, one ("", all ids) group otherwise; ``sample``: in drawn order."""

    id: str
    drawn_by: str
    drawn_at: str
    seed: int
    method: str  # "percent" | "count"
    amount: float
    scope: str  # "overall" | "per_community"
    community_ids: tuple[str, ...]  # () = all communities
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    sample: tuple[str, ...]
    note: str

    @property
    def population(self) -> tuple[str, ...]:
        return tuple(sorted(i for _, ids in self.groups for i in ids))

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Recheck:
        pop = json.loads(r["population"])
        groups = (
            tuple((k, tuple(v)) for k, v in sorted(pop.items()))
            if isinstance(pop, dict)
            else (("", tuple(pop)),)
        )
        return cls(
            r["id"],
            r["drawn_by"],
            r["drawn_at"],
            int(r["seed"]),
            r["method"],
            float(r["amount"]),
            r["scope"],
            tuple(json.loads(r["community_ids"])) if r["community_ids"] else (),
            groups,
            tuple(json.loads(r["sample"])),
            r["note"],
        )


@dataclass(frozen=True)
class RecheckItem:
    """One sampled task's re-check. ``result``: "" (not yet checked) | "pass" (合格) | "relapse" (反弹)."""

    id: str
    recheck_id: str
    task_id: str
    result: str
    finding: str
    checked_by: str
    checked_at: str | None

    @property
    def label(self) -> str:
        return RESULT_LABELS[self.result]


def sample_size(n: int, method: str, amount: float) -> int:
    """How many of ``n`` tasks a draw takes: a percentage rounds up (at least one), a count is capped at n."""
    if method == "percent":
        k = math.ceil(round(n * amount / 100, 9))
    else:
        k = int(amount)
    return max(0, min(n, k))


def draw_sample(
    groups: Iterable[tuple[str, Iterable[str]]], method: str, amount: float, seed: int
) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for _key, ids in groups:
        population = list(ids)
        out += rng.sample(population, sample_size(len(population), method, amount))
    return out


def draw_recheck(
    ledger: Ledger,
    *,
    percent: float | None = None,
    count: int | None = None,
    per_community: bool = False,
    community_ids: Iterable[str] | None = None,
    seed: int | None = None,
    note: str = "",
) -> str:
    """Draw a 回头看 sample of closed tasks (a percentage or a count, overall or per community, optionally only in
    some communities), record population, seed and sample, and one re-check item per sampled task.
    By the work team or a leader. Returns the draw's id."""
    op = _require_role(ledger, "抽取回头看样本", (Role.WORK_TEAM, Role.LEADER))
    if (percent is None) == (count is None):
        raise LedgerError(
            "bad_value", field="抽查方式", value="", detail="请给出抽查比例或抽查数量（二选一）。"
        )
    if percent is not None:
        if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 < percent <= 100:
            raise LedgerError(
                "bad_value", field="抽查比例", value=percent, detail="必须是大于 0、不超过 100 的百分数。"
            )
        method, amount = "percent", float(percent)
    else:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise LedgerError("bad_value", field="抽查数量", value=count, detail="必须是不小于 1 的整数。")
        method, amount = "count", float(count)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63):
        raise LedgerError("bad_value", field="随机种子", value=seed, detail="必须是不小于 0 的整数。")
    cids: list[str] | None = None
    where, params, scope = "", [], "台账中"
    if community_ids is not None:
        cids = sorted(set(community_ids))
        if not cids:
            raise LedgerError("bad_value", field="抽查范围", value="", detail="请至少选择一个居民区。")
        names = []
        for cid in cids:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (cid,))
            if name is None:
                raise LedgerError("no_such_community", name=cid)
            names.append(str(name))
        where, params = f" AND community_id IN ({','.join('?' * len(cids))})", list(cids)
        scope = "、".join(names)
    rows = ledger.store.conn.execute(
        "SELECT id, community_id FROM task WHERE status = 'closed' AND deleted_at IS NULL"
        + where
        + " ORDER BY id",
        params,
    ).fetchall()
    if not rows:
        raise LedgerError("recheck_empty", scope=scope)
    population: Any
    if per_community:
        grouped: dict[str, list[str]] = {}
        for tid, cid in rows:
            grouped.setdefault(cid, []).append(tid)
        population = grouped
        groups = sorted(grouped.items())
    else:
        population = [tid for tid, _ in rows]
        groups = [("", population)]
    seed = secrets.randbelow(2**31) if seed is None else seed
    sample = draw_sample(groups, method, amount, seed)
    rid = new_id()
    now = _now(ledger)
    row = {
        "id": rid,
        "drawn_by": op.name,
        "drawn_at": now,
        "seed": seed,
        "method": method,
        "amount": amount,
        "scope": "per_community" if per_community else "overall",
        "community_ids": json.dumps(cids, ensure_ascii=False) if cids is not None else "",
        "population": json.dumps(population, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "sample": json.dumps(sample, separators=(",", ":")),
        "note": str(note or "").strip(),
    }
    args = {
        "recheck": rid,
        "seed": seed,
        "method": method,
        "amount": amount,
        "scope": row["scope"],
        "population_size": len(rows),
        "sample_size": len(sample),
    }
    with ledger.command("draw_recheck", None, args) as tx:
        tx.insert("recheck", row)
        for tid in sample:
            tx.insert(
                "recheck_item",
                {
                    "id": new_id(),
                    "recheck_id": rid,
                    "task_id": tid,
                    "result": "",
                    "finding": "",
                    "checked_by": "",
                    "checked_at": None,
                },
            )
    return rid


def recheck(ledger: Ledger, recheck_id: str) -> Recheck:
    r = ledger.store.row("recheck", recheck_id)
    if r is None:
        raise LedgerError("no_such_recheck", id=recheck_id)
    return Recheck.from_row(r)


def rechecks(ledger: Ledger) -> list[Recheck]:
    """Every draw, newest first."""
    return [
        Recheck.from_row(r)
        for r in ledger.store.rows("SELECT * FROM recheck ORDER BY drawn_at DESC, rowid DESC")
    ]


def repeat_draw(ledger: Ledger, recheck_id: str) -> list[str]:
    """The sample recomputed from the recorded population and seed: anyone can check it equals the recorded one."""
    rc = recheck(ledger, recheck_id)
    return draw_sample(rc.groups, rc.method, rc.amount, rc.seed)


def _item(r: dict[str, Any]) -> RecheckItem:
    return RecheckItem(
        r["id"], r["recheck_id"], r["task_id"], r["result"], r["finding"], r["checked_by"], r["checked_at"]
    )


def recheck_items(ledger: Ledger, recheck_id: str) -> list[RecheckItem]:
    """The items of one draw, in drawn order."""
    rc = recheck(ledger, recheck_id)
    order = {tid: i for i, tid in enumerate(rc.sample)}
    items = [
        _item(r) for r in ledger.store.rows("SELECT * FROM recheck_item WHERE recheck_id = ?", (recheck_id,))
    ]
    return sorted(items, key=lambda it: order.get(it.task_id, len(order)))


def recheck_items_for_task(ledger: Ledger, task_id: str) -> list[RecheckItem]:
    """Every re-check of one task, oldest draw first (a 反弹重启 task's last item is the one that reopened it)."""
    return [
        _item(r)
        for r in ledger.store.rows(
            "SELECT i.* FROM recheck_item i JOIN recheck r ON r.id = i.recheck_id WHERE i.task_id = ? "
            "ORDER BY r.drawn_at, r.rowid",
            (task_id,),
        )
    ]


def record_recheck(ledger: Ledger, item_id: str, result: str, finding: str = "") -> Status:
    """Record one re-check: "pass" (合格; the task stays closed) or "relapse" (反弹, a finding is required; the task
    is reopened as 反弹重启 in the same transaction and must be signed off again). By the work team or a leader;
    the task must still be closed. Returns the task's status afterwards."""
    _require_role(ledger, "记录回头看结果", (Role.WORK_TEAM, Role.LEADER))
    r = ledger.store.row("recheck_item", item_id)
    if r is None:
        raise LedgerError("no_such_recheck_item", id=item_id)
    if r["result"]:
        raise LedgerError(
            "recheck_recorded", by=r["checked_by"], at=r["checked_at"], result=RESULT_LABELS[r["result"]]
        )
    if result not in RESULTS:
        raise LedgerError(
            "bad_value", field="回头看结果", value=result, detail="只能是合格（pass）或反弹（relapse）。"
        )
    finding = str(finding or "").strip()
    if result == "relapse" and not finding:
        raise LedgerError("reason_required", what="记录反弹（发现的问题）")
    task_id = r["task_id"]
    t = ledger._require_task(task_id)
    if t["status"] != Status.CLOSED.value:
        raise LedgerError("recheck_not_closed", measure=t["measure"], state=Status(t["status"]).label)
    outcome = None
    if result == "relapse":
        outcome = workflow.decide(
            workflow.Action.REOPEN, ledger.task_state(task_id), ledger.operator, ledger.chain, reason=finding
        )
    now = _now(ledger)
    args = {
        "item": item_id,
        "recheck": r["recheck_id"],
        "task": task_id,
        "result": result,
        "finding": finding,
    }
    with ledger.command("record_recheck", task_id, args) as tx:
        tx.update(
            "recheck_item",
            item_id,
            result=result,
            finding=finding,
            checked_by=ledger.operator.name,
            checked_at=now,
        )
        if outcome is not None:
            tx.update(
                "task",
                task_id,
                status=outcome.status.value,
                review_level=outcome.review_level,
                return_reason=f"回头看发现反弹：{finding}",
                updated_at=now,
            )
    return outcome.status if outcome is not None else Status.CLOSED


# ---- 待我审核 --------------------------------------------------------------------------------------------------
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
    chain = ledger.chain
    if not any(level.role == op.role for level in chain):
        return []
    rows = ledger.store.rows(
        "SELECT t.id, t.community_id, c.name AS community, p.title AS problem, t.measure, t.owner, t.status, "
        "t.review_round, t.review_level, t.deadline, t.original_deadline, t.updated_at, t.ord_problem, "
        "t.ord_community, t.sort FROM task t JOIN community c ON c.id = t.community_id "
        "JOIN problem p ON p.id = t.problem_id "
        "WHERE t.deleted_at IS NULL AND t.status IN ('submitted', 'in_review')"
    )
    rows = [r for r in rows if chain[min(r["review_level"], len(chain) - 1)].role == op.role]
    if not rows:
        return []
    signed = {
        r[0]
        for r in ledger.store.conn.execute(
            "SELECT r.task_id FROM review r JOIN task t ON t.id = r.task_id AND r.round = t.review_round "
            "WHERE r.decision = 'approve' AND r.reviewer = ? AND t.status IN ('submitted', 'in_review')",
            (op.name,),
        )
    }
    rows = [r for r in rows if r["id"] not in signed]
    ids = [r["id"] for r in rows]
    submitted: dict[str, str] = {}
    evidence_count: dict[str, int] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        submitted.update(
            ledger.store.conn.execute(
                f"SELECT task_id, at FROM journal WHERE seq IN (SELECT MAX(seq) FROM journal WHERE command = 'submit' "
                f"AND task_id IN ({marks}) GROUP BY task_id)",
                chunk,
            ).fetchall()
        )
        evidence_count.update(
            ledger.store.conn.execute(
                f"SELECT task_id, COUNT(*) FROM evidence WHERE removed_at IS NULL AND task_id IN ({marks}) "
                f"GROUP BY task_id",
                chunk,
            ).fetchall()
        )
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
