"""`main.py history LEDGER --task ID [--json]`: one task's changes, read through the journal's per-task index."""

from __future__ import annotations

import argparse

from ledger.audit.history import history_rows
from ledger.audit.wording import describe_entry, entry_label
from ledger.cli.common import open_for_reading, print_json
from ledger.signoff import resolve_id


def cmd_history(args: argparse.Namespace) -> int:
    led = open_for_reading(args)
    try:
        ref = args.task.strip()
        # A deleted task keeps its history: its exact id is looked up before the live tasks' prefixes.
        known = led.store.one("SELECT 1 FROM task WHERE id = ?", (ref,))
        task_id = ref if known else resolve_id(led, "task", ref)
        entries = led.history(task_id)
    finally:
        led.close()
    if args.json:
        names: dict[str, str] = {}  # described oldest first, as the panel does: names as they were then
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
                    "label": entry_label(e),
                    "lines": [{"field": f, "before": b, "after": a} for f, b, a in describe_entry(e, names)],
                }
                for e in entries
            ]
        )
    else:
        for when, who, field, before, after in history_rows(entries):
            print(f"{when}  {who}  {field}：{before} → {after}")
    return 0
