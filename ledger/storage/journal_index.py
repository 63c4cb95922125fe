"""Which tasks each journal entry concerns: the ``journal_task`` table, so that one task's history is read without
parsing another task's changes.

An entry made for a task (its ``task_id``) is indexed with no copy: its payload is that task's alone and small. An
entry that touched other tasks too (a plan or Excel import, a generated ledger, a package merge, an undo of one of
them) also gets one row per other task holding only that task's changes, as the same canonical JSON as the
payload's, so reading the history of one task of a 100,000-task import reads a few hundred bytes, not the import.

``journal.append`` fills it in the entry's own transaction; ``migrate_7`` fills it once for older files. It is
derived from the journal (``verify`` proves the journal; the rows here are what the journal says)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# A shared entry's args are copied with each task's changes when they are this short (the bulk commands' args are
# a file name and counts); longer args are left out of the copies, the history shows no more of them than that.
ARGS_COPIED = 2000


def task_of(change: dict[str, Any]) -> str | None:
    """The task a change (as in the payload) belongs to: the task row itself, or a row naming its task."""
    if change.get("table") == "task":
        return str(change["id"])
    row = change.get("row")
    if isinstance(row, dict) and row.get("task_id"):
        return str(row["task_id"])
    return None


def index_rows(
    seq: int,
    task_id: str | None,
    args_text: str,
    changes: Sequence[dict[str, Any]],
    pieces: Sequence[str],
    tail: str = "",
) -> Iterator[tuple[str, int, str | None]]:
    """(task_id, seq, changes) rows of ``journal_task`` for one entry.

    ``changes`` are the entry's changes as JSON dicts and ``pieces`` the same changes as their canonical text (the
    payload is ``{"args":ARGS,"changes":[PIECE,…]TAIL}``, TAIL being the keys after "changes", such as
    ``,"occurred_at":"…"``). The entry's own task gets None (read the payload); every other task it touched gets
    ``{"args":…,"changes":[its pieces]TAIL}``."""
    if task_id:
        yield task_id, seq, None
    mine: dict[str, list[str]] = {}
    for change, piece in zip(changes, pieces, strict=True):
        owner = task_of(change)
        if owner and owner != task_id:
            mine.setdefault(owner, []).append(piece)
    if not mine:
        return
    args = args_text if len(args_text) <= ARGS_COPIED else "{}"
    for owner, own in mine.items():
        yield owner, seq, '{"args":' + args + ',"changes":[' + ",".join(own) + "]" + tail + "}"


INSERT_SQL = "INSERT INTO journal_task (task_id, seq, changes) VALUES (?, ?, ?)"


def indexed(conn: sqlite3.Connection) -> bool:
    """Whether the file has ``journal_task`` yet (an older file's earlier migrations may journal before it does)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_task'"
    ).fetchone()
    return found is not None


def migrate_7(conn: sqlite3.Connection) -> None:
    """The per-task index of the journal (``journal_task``), filled from the entries already written.

    The old index of the same name on ``journal(task_id, seq)`` is renamed ``journal_by_task``: a table and an
    index cannot share a name."""
    conn.execute("DROP INDEX IF EXISTS journal_task")
    conn.execute("CREATE INDEX journal_by_task ON journal(task_id, seq)")
    conn.execute(
        "CREATE TABLE journal_task (task_id TEXT NOT NULL, seq INTEGER NOT NULL, "
        "changes TEXT, PRIMARY KEY (task_id, seq))"
    )
    cur = conn.execute("SELECT seq, task_id, payload FROM journal ORDER BY seq")
    for seq, task_id, payload in cur:
        try:
            args_text, changes, pieces, tail = payload_parts(payload)
        except (ValueError, TypeError, RecursionError):  # verify reports the entry; index what is certain
            args_text, changes, pieces, tail = "{}", [], [], ""
        mine = [(c, p) for c, p in zip(changes, pieces, strict=True) if isinstance(c, dict)]
        conn.executemany(
            INSERT_SQL, index_rows(seq, task_id, args_text, [c for c, _ in mine], [p for _, p in mine], tail)
        )


def payload_parts(payload: str) -> tuple[str, list[Any], list[str], str]:
    """A journal payload as ``index_rows`` takes it: its args as text, its changes (parsed), each change's text, and
    the text after the changes (TAIL).

    The payload the program writes (``{"args":ARGS,"changes":[PIECE,…]TAIL}``) is cut into its own pieces while it
    is parsed (one parse; the copies then are the payload's own text); anything else is parsed whole and its pieces
    serialised canonically. ValueError when it is not JSON, TypeError when it is not an object whose changes are
    a list."""
    from ledger.storage.journal import canonical  # the payload's own serialisation

    fast = split_payload(payload)
    if fast is not None:
        return fast
    body = json.loads(payload)
    if not isinstance(body, dict):
        raise TypeError("payload")
    changes = body.get("changes", [])
    if not isinstance(changes, list):
        raise TypeError("changes")
    return canonical(body.get("args", {})), changes, [canonical(c) for c in changes], tail_of(body)


def tail_of(body: dict[str, Any]) -> str:
    """The canonical text of the payload's keys after "changes" (",KEY:VALUE…"), as ``journal.append`` writes it."""
    from ledger.storage.journal import canonical

    later = sorted((k, v) for k, v in body.items() if k > "changes")
    return "".join(f",{canonical(k)}:{canonical(v)}" for k, v in later)


# the C scanner json.loads uses: the value that starts at a given place, and where it ends
SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def split_payload(payload: str) -> tuple[str, list[Any], list[str], str] | None:
    """``payload_parts`` of a payload in the program's own shape, or None (then it is parsed whole)."""
    head, middle = '{"args":', ',"changes":['
    if not payload.startswith(head) or not payload.endswith("}"):
        return None
    try:
        _args, at = SCAN(payload, len(head))
        args_text = payload[len(head) : at]
        if not payload.startswith(middle, at):
            return None
        at += len(middle)
        changes: list[Any] = []
        pieces: list[str] = []
        if payload.startswith("]", at):
            at += 1
        else:
            while True:
                change, end = SCAN(payload, at)
                changes.append(change)
                pieces.append(payload[at:end])
                sep = payload[end]
                at = end + 1
                if sep == "]":
                    break
                if sep != ",":
                    return None
        tail = payload[at:-1]
        if tail:
            rest = json.loads("{" + tail[1:] + "}") if tail.startswith(",") else None
            if not isinstance(rest, dict) or min(rest, default="~") <= "changes" or tail != tail_of(rest):
                return None  # a payload of another hand: parsed whole, as json.loads has it
    except (StopIteration, IndexError, ValueError):
        return None
    return args_text, changes, pieces, tail
