"""回头看: a repeatable draw of closed tasks, and each re-check's result (a relapse reopens the task).

Draws are repeatable: the population (sorted task ids, per community when the draw is per community) and
the seed are recorded, and the sample is ``random.Random(seed).sample`` over that population, group by group in
sorted community-id order, with ``sample_size`` files from each. ``repeat_draw`` recomputes it from the record.
"""

from __future__ import annotations

import json
import math
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ledger.core import LedgerError, Role, Status, is_blank, workflow
from ledger.service import Ledger
from ledger.signoff.common import RESULT_LABELS, RESULTS, now_text, require_role
from ledger.storage import new_id


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
    op = require_role(ledger, "抽取回头看样本", (Role.WORK_TEAM, Role.LEADER))
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
    now = now_text(ledger)
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
    require_role(ledger, "记录回头看结果", (Role.WORK_TEAM, Role.LEADER))
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
    if result == "relapse" and is_blank(finding):
        raise LedgerError("reason_required", what="记录反弹（发现的问题）")
    task_id = r["task_id"]
    t = ledger.require_task(task_id)
    if t["status"] != Status.CLOSED.value:
        raise LedgerError("recheck_not_closed", measure=t["measure"], state=Status(t["status"]).label)
    outcome = None
    if result == "relapse":
        outcome = workflow.decide(
            workflow.Action.REOPEN, ledger.task_state(task_id), ledger.operator, ledger.chain, reason=finding
        )
    now = now_text(ledger)
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
