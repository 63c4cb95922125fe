"""`extensions LEDGER [--pending]` and `history LEDGER --task ID`: what a leader and an auditor read, in words."""

from __future__ import annotations

import argparse

from ledger.audit.history import history_rows
from ledger.cli.common import open_for_reading, open_ledger, print_json
from ledger.signoff import deadline_history, extensions, pending_extensions, resolve_id


def cmd_extensions(args: argparse.Namespace) -> int:
    """Every extension request (or only the pending ones), oldest first, with its task and the short id a
    leader types into ``do decide_extension --extension``."""
    led = open_ledger(args)
    try:
        if args.pending:
            rows = pending_extensions(led)
        else:
            rows = [x for t in led.tasks_json() for x in extensions(led, t["id"])]
            rows.sort(key=lambda x: x.requested_at)
        tasks = {t["id"]: t for t in led.tasks_json()}
        out = [
            {
                "id": x.id,
                "short_id": x.id[:8],
                "task": x.task_id,
                "community": tasks.get(x.task_id, {}).get("community", ""),
                "measure": tasks.get(x.task_id, {}).get("measure", ""),
                "requested_by": x.requested_by,
                "requested_at": x.requested_at,
                "old_deadline": x.old_deadline.isoformat() if x.old_deadline else None,
                "new_deadline": x.new_deadline.isoformat(),
                "reason": x.reason,
                "status": x.status,
                "status_label": x.label,
                "decided_by": x.decided_by,
                "decided_at": x.decided_at,
                "decision_note": x.decision_note,
            }
            for x in rows
        ]
    finally:
        led.close()
    if args.json:
        print_json(out)
        return 0
    if not out:
        print("没有待批的延期申请。" if args.pending else "没有延期申请。")
        return 0
    for x in out:
        decided = f"（{x['decided_by']} {str(x['decided_at'])[:16]}）" if x["decided_by"] else ""
        print(
            f"{x['short_id']}  {x['community']}·{x['measure']}  {x['requested_by']} {x['requested_at'][:16]} 申请 "
            f"{x['old_deadline'] or '—'} → {x['new_deadline']}：{x['reason']}  {x['status_label']}{decided}"
        )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """The task's changes as its panel shows them (newest first), and its deadline history."""
    led = open_for_reading(args)
    try:
        tid = resolve_id(led, "task", args.task)
        task = led.task(tid)
        rows = history_rows(led.history(tid))
        deadlines = [e.to_json() for e in deadline_history(led, tid)]
    finally:
        led.close()
    if args.json:
        print_json(
            {
                "task": tid,
                "community": task.community,
                "measure": task.measure,
                "deadline": task.deadline.isoformat() if task.deadline else None,
                "original_deadline": task.original_deadline.isoformat() if task.original_deadline else None,
                "changes": [
                    {"when": w, "who": who, "what": f, "before": b, "after": a} for w, who, f, b, a in rows
                ],
                "deadline_history": deadlines,
            }
        )
        return 0
    print(f"{task.community}·{task.measure}（{tid[:8]}）的修改记录，最新的在前：")
    for when, who, what, before, after in rows:
        change = f"{before} → {after}" if before else after
        print(f"  {when}  {who}  {what}：{change}" if change else f"  {when}  {who}  {what}")
    return 0
