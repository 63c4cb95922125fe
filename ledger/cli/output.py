"""The command line's one output convention for what changes the ledger: one Chinese line saying what was done
(to which task, what changed, the journal entry), or with ``--json`` the entry ids and every change."""

from __future__ import annotations

from typing import Any

from ledger.audit.wording import describe_entry, entry_label
from ledger.service import Ledger
from ledger.storage import Entry, journal

# Rows a later command names by their id (printed as 8 characters, accepted as such everywhere).
NUMBERED = frozenset(
    {"evidence", "extension", "indicator", "recheck", "community", "category", "problem", "task"}
)


def entries_since(led: Ledger, seq: int) -> list[Entry]:
    return journal.entries(led.store, since_seq=seq)


def _task_words(led: Ledger, task_id: str | None) -> str:
    if not task_id:
        return ""
    row = led.store.conn.execute(
        "SELECT c.name, t.measure FROM task t JOIN community c ON c.id = t.community_id WHERE t.id = ?",
        (task_id,),
    ).fetchone()
    return f"{row[0]}·{row[1]}" if row else ""


def summary_line(led: Ledger, entries: list[Entry]) -> str:
    """``已申请销号：南郊别墅·强化宣传培训（状态 推进中 → 申请销号）〔日志 1a2b3c4d〕``; several entries: one
    clause each; none: 没有修改."""
    if not entries:
        return "没有修改：台账中已是这些值。"
    parts = []
    for e in entries:
        rows = [r for r in describe_entry(e) if r[0] not in ("审核记录",)] or describe_entry(e)
        what = "；".join(f"{f} {b} → {a}" if b else f"{f} {a}" for f, b, a in rows[:3])
        more = f"等 {len(rows)} 处" if len(rows) > 3 else ""
        task = _task_words(led, e.task_id)
        head = f"已{entry_label(e)}" + (f"：{task}" if task else "")
        new = [c.id[:8] for c in e.changes if c.op == "insert" and c.table in NUMBERED]
        numbered = f"，编号 {'、'.join(new)}" if new else ""
        parts.append(
            head + (f"（{what}{more}{numbered}）" if what or numbered else "") + f"〔日志 {e.id[:8]}〕"
        )
    return "；".join(parts)


def changes_json(led: Ledger, entries: list[Entry], result: Any = None) -> dict[str, Any]:
    """``{"entry": last id, "entries": [...], "result": …}``; each entry with its command, task and changes in
    words and as fields."""
    out_entries = []
    for e in entries:
        out_entries.append(
            {
                "entry": e.id,
                "seq": e.seq,
                "command": e.command,
                "label": entry_label(e),
                "task": e.task_id,
                "task_words": _task_words(led, e.task_id),
                "actor": e.actor,
                "role": e.role,
                "origin": e.origin,
                "happened_at": e.happened_at,
                "received_at": e.received_at,
                "changes": [
                    {
                        "table": c.table,
                        "id": c.id,
                        "op": c.op,
                        "field": c.field,
                        "before": c.before,
                        "after": c.after,
                    }
                    for c in e.changes
                    if c.op == "update"
                ]
                + [{"table": c.table, "id": c.id, "op": c.op} for c in e.changes if c.op != "update"],
                "in_words": [{"what": f, "before": b, "after": a} for f, b, a in describe_entry(e)],
            }
        )
    return {
        "entry": entries[-1].id if entries else None,
        "entries": out_entries,
        "summary": summary_line(led, entries),
        "result": result,
    }


# Commands that print their own JSON with --json (lists, previews, results); every other command is run by
# ``run_as_json``: what it printed, and the journal entries it wrote, in the convention above.
OWN_JSON = frozenset(
    {
        "stats",
        "tasks",
        "extensions",
        "history",
        "do",
        "import-plan",
        "import-excel",
        "apply-package",
        "decide-conflict",
        "package-status",
        "period",
    }
)
# A command that wrote more than this much journal (a demo, a generated ledger, an import) is told by its entries'
# ids and counts, not every change.
WHOLE_CHANGES_UP_TO = 2_000_000  # bytes of payload


def _last_seq(path: str) -> int:
    """The journal's last entry in the file at ``path`` before the command runs (0: no file, or not a ledger)."""
    import sqlite3
    from pathlib import Path

    if not Path(path).is_file():
        return 0
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def run_as_json(args: Any) -> int:
    """Run ``args``' handler with its printed lines captured, then print one JSON object: ``printed`` (its Chinese
    lines), ``exit``, and the journal entries it wrote to the ledger it names (``entry``, ``entries``,
    ``summary``, as ``changes_json``)."""
    import contextlib
    import io
    from pathlib import Path

    from ledger.cli.common import open_for_reading, print_json

    path = getattr(args, "ledger", None) or getattr(args, "path", None)
    before = _last_seq(path) if path else 0
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = int(args.handler(args))
    out: dict[str, Any] = {
        "command": args.command,
        "exit": code,
        "printed": [line for line in printed.getvalue().splitlines() if line.strip()],
        "entry": None,
        "entries": [],
    }
    if path and Path(path).is_file() and _last_seq(path) > before:
        led = open_for_reading(args, path)
        try:
            size = led.store.one(
                "SELECT COALESCE(SUM(length(payload)), 0) FROM journal WHERE seq > ?", (before,)
            )
            if int(size) <= WHOLE_CHANGES_UP_TO:
                out |= changes_json(led, entries_since(led, before))
            else:
                rows = led.store.conn.execute(
                    "SELECT seq, id, command, actor, role, length(payload) FROM journal WHERE seq > ? ORDER BY seq",
                    (before,),
                ).fetchall()
                out["entries"] = [
                    {"entry": i, "seq": s, "command": c, "actor": a, "role": r, "payload_bytes": n}
                    for s, i, c, a, r, n in rows
                ]
                out["entry"] = rows[-1][1]
        finally:
            led.close()
    print_json(out)
    return code
