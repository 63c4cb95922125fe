"""The append-only journal: hash-chained entries, verification against the tables, history queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ledger.storage.journal_index import INSERT_SQL, index_rows, indexed
from ledger.storage.schema import new_id
from ledger.storage.store import Store

GENESIS = "0" * 64

# Tables whose rows the journal records field by field; verify replays them against the file.
JOURNALLED_TABLES = (
    "setting",
    "community",
    "category",
    "problem",
    "task",
    "indicator",
    "evidence",
    "review",
    "extension",
    "recheck",
    "recheck_item",
    # community packages (ledger.exchange): issued, merged, entries merged, conflicts to decide
    "package",
    "package_merge",
    "merged_entry",
    "merge_conflict",
    # 对账销账 (ledger.reconcile): weekly periods and the lines ticked in them
    "period",
    "period_tick",
)


# One encoder for every canonical text: json.dumps with these options builds a new one per call, which costs a
# million-row import or ``verify`` more than the encoding itself.
CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(value: Any) -> str:
    return CANONICAL.encode(value)


def entry_hash(prev_hash: str, seq: int, fields: dict[str, Any]) -> str:
    body = canonical(
        [
            prev_hash,
            seq,
            fields["id"],
            fields["at"],
            fields["actor"],
            fields["role"],
            fields["origin"],
            fields["command"],
            fields["task_id"],
            fields["payload"],
        ]
    )
    import hashlib  # only writes and verify hash: start-up does not wait for it

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Change:
    """One field of one row, before → after. ``op`` is "insert", "update" or "delete"."""

    op: str
    table: str
    id: str
    field: str | None = None
    before: Any = None
    after: Any = None
    row: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "table": self.table, "id": self.id}
        if self.op == "update":
            out.update(field=self.field, before=self.before, after=self.after)
        else:
            out["row"] = self.row
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Change:
        return cls(
            d["op"], d["table"], d["id"], d.get("field"), d.get("before"), d.get("after"), d.get("row")
        )


@dataclass(frozen=True)
class Entry:
    """One journal entry. Who (``actor``, ``role``), where (``origin``: 本机, 上报包:<file>, 填报表:<file> …),
    when it reached this ledger (``at``) and when it happened where it happened (``occurred_at``: the time on the
    community's computer for a package's entry; empty when it happened here, see ``happened_at``)."""

    seq: int
    id: str
    at: str
    actor: str
    role: str
    origin: str
    command: str
    task_id: str | None
    args: dict[str, Any]
    changes: tuple[Change, ...]
    hash: str
    occurred_at: str = ""

    @property
    def happened_at(self) -> str:
        """When it happened on the machine where it happened (``at`` for what happened here)."""
        return self.occurred_at or self.at

    @property
    def received_at(self) -> str:
        """When it reached this ledger."""
        return self.at

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Entry:
        payload = json.loads(r["payload"])
        return cls(
            r["seq"],
            r["id"],
            r["at"],
            r["actor"],
            r["role"],
            r["origin"],
            r["command"],
            r["task_id"],
            payload.get("args", {}),
            tuple(Change.from_json(c) for c in payload.get("changes", [])),
            r["hash"],
            str(payload.get("occurred_at") or ""),
        )


def append(
    store: Store,
    *,
    at: str,
    actor: str,
    role: str,
    origin: str,
    command: str,
    task_id: str | None,
    args: dict[str, Any],
    changes: list[Change],
    entry_id: str | None = None,
    occurred_at: str | None = None,
) -> Entry:
    """Append one entry; the caller holds the transaction that also wrote the rows. ``occurred_at``: when it
    happened on another machine (a package's entry replayed here), kept in the hashed payload."""
    last = store.conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    entry_id = entry_id or new_id()
    # canonical({"args": …, "changes": […]}) written out piece by piece, so that each change is serialised once for
    # the payload and for the per-task index (journal_index) alike
    as_json = [c.to_json() for c in changes]
    pieces = [canonical(c) for c in as_json]
    args_text = canonical(args)
    occurred = occurred_at if occurred_at and occurred_at != at else ""
    tail = ',"occurred_at":' + canonical(occurred) if occurred else ""  # sorts after "changes"
    fields = {
        "id": entry_id,
        "at": at,
        "actor": actor,
        "role": role,
        "origin": origin,
        "command": command,
        "task_id": task_id,
        "payload": '{"args":' + args_text + ',"changes":[' + ",".join(pieces) + "]" + tail + "}",
    }
    digest = entry_hash(prev, seq, fields)
    store.conn.execute(
        "INSERT INTO journal(seq, id, at, actor, role, origin, command, task_id, payload, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (seq, fields["id"], at, actor, role, origin, command, task_id, fields["payload"], prev, digest),
    )
    if indexed(store.conn):  # not yet while an older file is migrated (schema 6 journals its fix)
        store.conn.executemany(INSERT_SQL, index_rows(seq, task_id, args_text, as_json, pieces, tail))
    return Entry(
        seq, entry_id, at, actor, role, origin, command, task_id, args, tuple(changes), digest, occurred
    )


def last_seq(store: Store) -> int:
    return store.last_seq()


def entries(store: Store, *, task_id: str | None = None, since_seq: int = 0) -> list[Entry]:
    """Whole entries after ``since_seq``; with ``task_id``, those that concern the task (whole: see task_history)."""
    if task_id is None:
        rows = store.rows("SELECT * FROM journal WHERE seq > ? ORDER BY seq", (since_seq,))
    else:
        rows = store.rows(
            "SELECT * FROM journal WHERE seq > ? AND seq IN (SELECT seq FROM journal_task WHERE task_id = ?) "
            "ORDER BY seq",
            (since_seq, task_id),
        )
    return [Entry.from_row(r) for r in rows]


def task_history(store: Store, task_id: str) -> list[Entry]:
    """The entries that concern one task, oldest first, each with only the task's changes when it was made for
    something else (an import, a generated ledger, a merge): read through ``journal_task``, so an entry shared by
    100,000 tasks is never parsed. Such an entry comes with an empty ``hash`` (the hash is stored after the payload,
    and reaching it would read the whole payload from disk); ``verify`` is what proves the chain."""
    cur = store.conn.execute(
        "SELECT j.seq, j.id, j.at, j.actor, j.role, j.origin, j.command, j.task_id, "
        "CASE WHEN x.changes IS NULL THEN j.payload ELSE x.changes END, "
        "CASE WHEN x.changes IS NULL THEN j.hash ELSE '' END "
        "FROM journal_task x JOIN journal j ON j.seq = x.seq WHERE x.task_id = ? ORDER BY x.seq",
        (task_id,),
    )
    out = []
    for seq, id_, at, actor, role, origin, command, entry_task, payload, digest in cur:
        body = json.loads(payload)
        out.append(
            Entry(
                seq,
                id_,
                at,
                actor,
                role,
                origin,
                command,
                entry_task,
                body.get("args", {}),
                tuple(Change.from_json(c) for c in body.get("changes", [])),
                digest,
                str(body.get("occurred_at") or ""),
            )
        )
    return out


def entry(store: Store, entry_id: str) -> Entry | None:
    rows = store.rows("SELECT * FROM journal WHERE id = ?", (entry_id,))
    return Entry.from_row(rows[0]) if rows else None


# ---- anchors: the chain's head written down outside the file ----------------------------------------------------
ANCHOR_HEX = 16  # hex digits of an entry's hash printed on paper: 64 bits, short enough to copy by hand


@dataclass(frozen=True)
class Anchor:
    """An entry's place and the start of its hash, printed on the 周报 and the 销号审批表.

    ``verify`` can only show that the chain is consistent: someone who rewrites the newest entries and recomputes
    their hashes leaves a consistent chain. A hash written down outside the file cannot be recomputed, so
    ``check_anchor`` against a printed one shows whether entry ``seq`` is still the one that was printed."""

    seq: int
    hex: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hex}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """``"1234:3f2a9c…"`` as printed (spaces and dashes in the hex are ignored); ValueError if it is not one."""
        seq_text, sep, hex_text = str(text).strip().partition(":")
        digits = "".join(ch for ch in hex_text.lower() if ch not in " -")
        if (
            not sep
            or not seq_text.strip().isdigit()
            or not 8 <= len(digits) <= 64
            or any(ch not in "0123456789abcdef" for ch in digits)
        ):
            raise ValueError(text)
        return cls(int(seq_text), digits)


def anchor(store: Store, seq: int | None = None) -> Anchor | None:
    """The anchor of entry ``seq`` (default: the newest); None for an empty journal or a missing entry."""
    if seq is None:
        row = store.conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    else:
        row = store.conn.execute("SELECT seq, hash FROM journal WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else Anchor(int(row[0]), str(row[1])[:ANCHOR_HEX])


def check_anchor(store: Store, printed: Anchor) -> str | None:
    """None when entry ``printed.seq`` still has the printed hash; otherwise a sentence saying what is wrong."""
    row = store.conn.execute("SELECT hash FROM journal WHERE seq = ?", (printed.seq,)).fetchone()
    if row is None:
        return (
            f"日志中没有第 {printed.seq} 条，而纸面上的校验码 {printed} 记着它：日志的末尾在程序之外被删去过"
        )
    if not str(row[0]).startswith(printed.hex):
        return (
            f"第 {printed.seq} 条日志现在的校验码是 {str(row[0])[: len(printed.hex)]}，与纸面上的 {printed.hex} 不符："
            f"这一条（或它之前的日志）在程序之外被改写过"
        )
    return None


@dataclass(frozen=True)
class Problem:
    seq: int
    at: str
    command: str
    detail: str


class VerifyCancelled(Exception):
    """The user stopped ``verify`` (nothing is written by it, so nothing needs undoing)."""


STEP = 2000  # entries, changes or rows between two progress reports


def verify(
    store: Store,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Problem | None:
    """The first thing wrong: schema, chain, a row that differs from what the journal says, a count or order key
    that differs from what the rows make. ``ledger.storage.verify`` says what it checks, in bounded memory."""
    from ledger.storage.verify import verify_store

    return verify_store(store, progress=progress, cancel=cancel)


def normalized_value(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, bool):
        return int(v)
    return v
