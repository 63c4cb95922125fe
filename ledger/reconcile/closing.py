"""Closing a reconciliation period (its snapshot), and what the window shows and compares of periods."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ledger.core import LATE_STATUSES, LedgerError, Status
from ledger.reconcile.lists import (
    chase_list,
    overdue_tasks,
    pending_extension_requests,
    pending_signoff,
    stall_weeks,
    stalled_tasks,
)
from ledger.reconcile.reconciliation import (
    Reconciliation,
    now_text,
    period,
    reconcile,
    refuse_closed,
    replay_lines,
    require_manager,
)
from ledger.reconcile.week_counts import COUNT_KEYS, COUNT_LABELS, period_label
from ledger.service import Ledger


# ---- close ---------------------------------------------------------------------------------------------------
def build_snapshot(ledger: Ledger, rec: Reconciliation) -> dict[str, Any]:
    """The figures a closed period keeps. Task lists are read now; the counts from the state at the cut."""
    p, as_of = rec.period, rec.as_of
    lines, at_start, at_cut = replay_lines(ledger, p)
    closed_now = {
        k for k, v in at_cut.items() if not v.get("deleted_at") and v["status"] == Status.CLOSED.value
    }
    closed_before = {
        k for k, v in at_start.items() if not v.get("deleted_at") and v["status"] == Status.CLOSED.value
    }
    new_closed = sorted(closed_now - closed_before)
    c = rec.now
    rate = round(100.0 * c["signed_off"] / c["tasks"], 1) if c["tasks"] else 0.0
    chase = chase_list(ledger, p.week)
    indicators = [
        dict(r)
        for r in ledger.store.rows(
            "SELECT i.name, i.unit, SUM(i.target) AS target, SUM(i.actual) AS actual, COUNT(*) AS n FROM indicator i "
            "JOIN task t ON t.id = i.task_id WHERE t.deleted_at IS NULL GROUP BY i.name, i.unit ORDER BY i.name, i.unit"
        )
    ]
    return {
        "week": p.week,
        "week_start": p.week_start.isoformat(),
        "week_end": p.week_end.isoformat(),
        "as_of": as_of.isoformat(),
        "start_seq": p.start_seq,
        "end_seq": rec.cut_seq,
        "opening": rec.opening,
        "counts": c,
        "by_community": rec.by_community,
        "signed_off_this_week": len(new_closed),
        "signed_off_tasks": new_closed,
        "completion_rate": rate,
        "overdue_tasks": _overdue_at(ledger, at_cut, as_of),
        "overdue_this_week": overdue_tasks(ledger, as_of, since=p.week_start),
        "pending_signoff": len(pending_signoff(ledger)),
        "pending_extensions": len(pending_extension_requests(ledger)),
        "chase": [r.to_json() for r in chase],
        "not_returned": [r.community for r in chase if not r.returned],
        "indicators": indicators,
        "ticked": [ln.entry_id for ln in rec.lines if ln.ticked],
        "unticked": [ln.entry_id for ln in rec.lines if not ln.ticked],
        "difference": rec.difference,
        "task_status": {k: v["status"] for k, v in sorted(at_cut.items()) if not v.get("deleted_at")},
        "task_community": {
            k: v["community_id"] for k, v in sorted(at_cut.items()) if not v.get("deleted_at")
        },
        "corrects": p.corrects,
    }


def _overdue_at(ledger: Ledger, state: dict[str, dict[str, Any]], as_of: dt.date) -> list[dict[str, Any]]:
    """The overdue tasks of ``state`` (the task state at the cut), in the ledger's order."""
    day = as_of.isoformat()
    late = {
        k
        for k, v in state.items()
        if not v.get("deleted_at")
        and v["status"] in LATE_STATUSES
        and v.get("deadline")
        and v["deadline"] < day
    }
    names = {r["id"]: r["name"] for r in ledger.store.rows("SELECT id, name FROM community")}
    order = [
        r[0]
        for r in ledger.store.conn.execute(
            "SELECT id FROM task ORDER BY ord_problem, ord_community, sort, rowid"
        )
    ]
    return [
        {
            "task": k,
            "community": names.get(state[k]["community_id"], ""),
            "measure": state[k]["measure"],
            "owner": state[k]["owner"],
            "deadline": state[k]["deadline"],
            "status": state[k]["status"],
        }
        for k in order
        if k in late
    ]


def close_period(ledger: Ledger, week: str, note: str = "") -> dict[str, Any]:
    """Close the period: refused while lines are unticked unless ``note`` explains them. Returns the snapshot."""
    require_manager(ledger, "结账")
    rec = reconcile(ledger, week)
    refuse_closed(rec.period)
    unticked = rec.unticked
    if unticked and not note.strip():
        diff = "，".join(f"{COUNT_LABELS[k]} {v:+d}" for k, v in rec.difference.items() if v) or "无"
        raise LedgerError("period_unbalanced", week=rec.period.week, count=len(unticked), diff=diff)
    snap = build_snapshot(ledger, rec)
    with ledger.command(
        "close_period", None, {"week": rec.period.week, "note": note.strip(), "unticked": snap["unticked"]}
    ) as tx:
        tx.update(
            "period",
            rec.period.id,
            closed_at=now_text(ledger),
            closed_by=ledger.operator.name,
            end_seq=rec.cut_seq,
            snapshot=json.dumps(snap, ensure_ascii=False, sort_keys=True),
            note=note.strip(),
        )
    return snap


def snapshot(ledger: Ledger, week: str) -> dict[str, Any]:
    p = period(ledger, week)
    if p.snapshot is None:
        raise LedgerError("no_such_period", week=f"{p.week}（尚未结账）")
    return p.snapshot


# ---- what the window shows -----------------------------------------------------------------------------------
def show(ledger: Ledger, week: str) -> dict[str, Any]:
    """Everything the 对账 tab shows for a week, as JSON-ready data."""
    rec = reconcile(ledger, week)
    p = rec.period
    return {
        "week": p.week,
        "state": "closed" if p.closed else "open",
        "week_start": p.week_start.isoformat(),
        "week_end": p.week_end.isoformat(),
        "as_of": rec.as_of.isoformat(),
        "opened_at": p.opened_at,
        "opened_by": p.opened_by,
        "closed_at": p.closed_at,
        "closed_by": p.closed_by,
        "note": p.note,
        "corrects": p.corrects,
        "opening": rec.opening,
        "now": rec.now,
        "difference": rec.difference,
        "balanced": rec.balanced,
        "lines": [ln.to_json() for ln in rec.lines],
        "unticked": len(rec.unticked),
        "chase": [r.to_json() for r in chase_list(ledger, week)],
        "pending_signoff": pending_signoff(ledger),
        "pending_extensions": pending_extension_requests(ledger),
        "overdue_this_week": overdue_tasks(ledger, rec.as_of, since=p.week_start),
        "by_community": rec.by_community,
        "snapshot": p.snapshot,
    }


# ---- compare -------------------------------------------------------------------------------------------------
def compare(ledger: Ledger, week_a: str, week_b: str, *, weeks: int | None = None) -> dict[str, Any]:
    """Two closed periods side by side: counts moved, tasks whose status moved, tasks stalled (as of the later
    period), communities that slipped (completion rate down or overdue up)."""
    a, b = snapshot(ledger, week_a), snapshot(ledger, week_b)
    if a["week"] > b["week"]:
        a, b = b, a
    moved_counts = {
        k: b["counts"].get(k, 0) - a["counts"].get(k, 0)
        for k in (*COUNT_KEYS, "overdue")
        if b["counts"].get(k, 0) != a["counts"].get(k, 0)
    }
    sa, sb = a.get("task_status", {}), b.get("task_status", {})
    moved = [
        {"task": t, "before": sa.get(t), "after": sb.get(t)}
        for t in sorted(set(sa) | set(sb))
        if sa.get(t) != sb.get(t)
    ]
    slipped = []
    for name, cb in b["by_community"].items():
        ca = a["by_community"].get(name)
        if ca is None:
            continue
        ra = ca["signed_off"] / ca["tasks"] if ca["tasks"] else 0.0
        rb = cb["signed_off"] / cb["tasks"] if cb["tasks"] else 0.0
        if rb < ra or cb["overdue"] > ca["overdue"]:
            slipped.append(
                {
                    "community": name,
                    "rate_before": round(100 * ra, 1),
                    "rate_after": round(100 * rb, 1),
                    "overdue_before": ca["overdue"],
                    "overdue_after": cb["overdue"],
                }
            )
    as_of = dt.date.fromisoformat(b["as_of"])
    return {
        "from": a["week"],
        "to": b["week"],
        "from_label": period_label(a["week_start"], a["week_end"]),
        "to_label": period_label(b["week_start"], b["week_end"]),
        "counts": moved_counts,
        "moved": moved,
        "stalled": stalled_tasks(ledger, as_of, weeks),
        "stall_weeks": weeks or stall_weeks(ledger),
        "slipped": slipped,
    }
