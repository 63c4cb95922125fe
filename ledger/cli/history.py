"""`main.py history LEDGER --task ID [--json]`: one task's changes, read through the journal's per-task index."""

from __future__ import annotations

import argparse

from ledger.audit.history import command_label, describe_entry, history_rows
from ledger.cli.common import open_ledger, print_json
from ledger.signoff import resolve_id


def cmd_history(args: argparse.Namespace) -> int:
    led = open_ledger(args)
    try:
        ref = args.task.strip()
        # A deleted task keeps its history: its exact id is looked up before the live tasks' prefixes.
        known = led.store.one("SELECT 1 FROM task WHERE id = ?", (ref,))
        task_id = ref if known else resolve_id(led, "task", ref)
        entries = led.history(task_id)
    finally:
        led.close()
    if args.json:
        print_json(
            [
                {
                    "seq": e.seq,
                    "entry": e.id,
                    "at": e.at,
                    "actor": e.actor,
                    "role": e.role,
                    "origin": e.origin,
                    "command": e.command,
                    "label": command_label(e.command),
                    "lines": [{"field": f, "before": b, "after": a} for f, b, a in describe_entry(e)],
                }
                for e in entries
            ]
        )
    else:
        for when, who, field, before, after in history_rows(entries):
            print(f"{when}  {who}  {field}：{before} → {after}")
    return 0
