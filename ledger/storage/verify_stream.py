"""``verify``'s one streaming pass over the journal, for a ledger of any size in seconds and bounded memory.

Entry by entry, in order, it proves the hash chain and the shape of each payload (as ``verify.check_chain``, with
the same sentences), and while each entry is in hand:

- a row's first insert is set aside and, a few thousand at a time, compared with the table in one query: SQLite
  renders the rows as JSON (``json_object``, the row's keys in the journal's order) and the text must equal the
  journal's own text of the row. A row that equals it is *clean*: the journal's last word on it is that insert,
  and nothing about it is kept but its key. (A bulk entry of 25,000 tasks is thus compared without keeping its rows
  and without parsing them a second time.)
- every other change (an update, a delete, a row touched again, a row that did not match at once) is folded into
  ``RowStates`` as before, starting from the clean row's text when it was clean;
- the rows of ``journal_task`` the entry makes are summed into an order-free digest (Python's keyed string hash of
  each (task_id, seq, changes)), which one scan of ``journal_task`` must reproduce.

At the end the rows held in ``RowStates`` are compared with the table, and each table must hold exactly its clean
rows and those (a count). Anything that does not agree does not decide: ``verify`` then runs the exact checks of
``ledger.storage.verify`` (which read everything again) to say what is wrong, in the same words as ever. So this
pass decides only that a ledger is sound; a problem is always named by the exact checks.
"""

from __future__ import annotations

import functools
import itertools
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ledger.storage.journal import GENESIS, JOURNALLED_TABLES, STEP, Problem, entry_hash
from ledger.storage.journal_index import index_rows, payload_parts
from ledger.storage.row_states import Malformed, RowStates, canonical_row, compare_row, replay
from ledger.storage.store import Store

Tick = Callable[[str, int, int], None]
JOURNAL_COLUMNS = (
    "seq",
    "id",
    "at",
    "actor",
    "role",
    "origin",
    "command",
    "task_id",
    "payload",
    "prev_hash",
    "hash",
)
BATCH = 5000  # first inserts of one table compared with it in one query
LOOKUP = 500  # rows held in RowStates fetched from their table in one query
DIGEST = (1 << 64) - 1


def key_column(table: str) -> str:
    return "key" if table == "setting" else "id"


def row_text(change: dict[str, Any], piece: str) -> str:
    """The JSON text of an insert's row as the journal holds it: cut from the change's own text when the change is
    the program's ``{"id":…,"op":…,"row":ROW,"table":…}`` (a string cannot hold `,"`, so the cuts are exact)."""
    if list(change) == ["id", "op", "row", "table"]:
        start = piece.find(',"row":')
        end = piece.rfind(',"table":')
        if 0 < start < end:
            return piece[start + 7 : end]
    return canonical_row(change["row"])


class Stream:
    """What the pass learns: the clean rows' keys, the other rows' last word, the index's expected digest."""

    def __init__(self, store: Store, cache_rows: int) -> None:
        self.conn = store.conn
        self.states = RowStates(cache_rows)
        self.clean: dict[str, dict[str, int]] = {
            t: {} for t in JOURNALLED_TABLES
        }  # key → its row's keys' number
        self.held: dict[str, set[str]] = {
            t: set() for t in JOURNALLED_TABLES
        }  # keys whose last word is in states
        self.waiting: dict[str, dict[str, tuple[str, int]]] = {t: {} for t in JOURNALLED_TABLES}
        self.keysets: list[tuple[str, ...]] = []
        self.keyset_at: dict[tuple[str, ...], int] = {}
        self.columns: dict[str, dict[str, str]] = {}
        self.index_sum = 0
        self.index_rows = 0
        self.doubt = False  # something the journal and the tables may not agree on: the exact checks decide

    def close(self) -> None:
        self.states.close()

    def fold(
        self, seq: int, at: str, command: str, changes: list[Any], pieces: list[str], tick: Callable[[], None]
    ) -> None:
        """Entry ``seq``'s changes, each checked as ``replay`` checks it (Malformed), ``tick`` every STEP changes.

        A row's first insert waits for its batch; anything else goes to ``states`` (a clean row touched again
        starts there from its table's row, which equalled the journal's)."""
        waiting_of, clean_of, held_of, keyset_at = self.waiting, self.clean, self.held, self.keyset_at
        for n, (change, piece) in enumerate(zip(changes, pieces, strict=True), 1):
            if n % STEP == 0:
                tick()
            if not isinstance(change, dict):
                raise Malformed
            table, key, op = change.get("table"), change.get("id"), change.get("op")
            if not isinstance(table, str) or not isinstance(key, str):
                raise Malformed
            waiting = waiting_of.get(table)
            if op == "insert":
                row = change.get("row")
                if not isinstance(row, dict):
                    raise Malformed
                if waiting is not None and key not in clean_of[table] and key not in held_of[table]:
                    if key in waiting:
                        self.compare(table)
                    else:
                        keys = tuple(row)
                        number = keyset_at.get(keys)
                        if number is None:
                            number = keyset_at[keys] = len(self.keysets)
                            self.keysets.append(keys)
                        waiting[key] = (row_text(change, piece), number)
                        if len(waiting) >= BATCH:
                            self.compare(table)
                        continue
            elif op == "update":
                if not isinstance(change.get("field"), str):
                    raise Malformed
            elif op != "delete":
                raise Malformed
            if waiting is not None:
                if key in waiting:
                    self.compare(table)
                self.hold(table, key)
            replay(self.states, seq, at, command, [change])

    def hold(self, table: str, key: str) -> None:
        """From now on the last word on ``key`` is in ``states`` (a clean row starts from its table's row)."""
        number = self.clean[table].pop(key, None)
        if number is not None:
            found = self.rendered(table, number, [key]) or {}
            if key not in found:
                self.doubt = True
            self.states.put((table, key), (found.get(key, "{}"), 0, "", ""))
        self.held[table].add(key)

    def table_columns(self, table: str) -> dict[str, str]:
        """Each column of ``table`` as ``rendered`` reads it: a whole REAL as the integer the journal says (a
        target of 4 is stored 4.0 and compared 4 == 4.0 by ``compare_row`` too)."""
        if table not in self.columns:
            self.columns[table] = {}
            for r in self.conn.execute(f"PRAGMA table_info({table})"):
                name = '"' + str(r[1]).replace('"', '""') + '"'
                self.columns[table][r[1]] = (
                    name
                    if str(r[2]).upper() in ("TEXT", "INTEGER")
                    else f"CASE WHEN typeof({name}) = 'real' AND {name} = CAST({name} AS INTEGER) "
                    f"THEN CAST({name} AS INTEGER) ELSE {name} END"
                )
        return self.columns[table]

    def rendered(self, table: str, number: int, keys: list[str]) -> dict[Any, Any] | None:
        """The rows of ``table`` with these keys as JSON text of the keys numbered ``number``, in their order (None
        when SQLite cannot: a BLOB in a row, too many keys, text that is not UTF-8)."""
        columns = self.table_columns(table)
        names = self.keysets[number]
        fields = ", ".join("?, " + columns.get(n, "NULL") for n in names)
        column = key_column(table)
        sql = (
            f"SELECT {column}, json_object({fields}) FROM {table} "
            f"WHERE {column} IN (SELECT value FROM json_each(?))"
        )
        try:
            return dict(self.conn.execute(sql, (*names, json.dumps(keys))))
        except (sqlite3.Error, ValueError):
            return None

    def compare(self, table: str) -> None:
        """The waiting first inserts of ``table`` against its rows: equal ones are clean, the others held."""
        waiting = self.waiting[table]
        self.waiting[table] = {}
        by_keys: dict[int, list[str]] = {}
        for key, (_text, number) in waiting.items():
            by_keys.setdefault(number, []).append(key)
        clean, held = self.clean[table], self.held[table]
        for number, keys in by_keys.items():
            found = self.rendered(table, number, keys) or {}
            for key in keys:
                text = waiting[key][0]
                if found.get(key) == text:
                    clean[key] = number
                else:
                    held.add(key)
                    self.states.put((table, key), (text, 0, "", ""))

    def tables_sound(self, tick: Tick) -> bool:
        """Every held row equals its table's row, and each table holds its clean and held rows and no other."""
        for table in JOURNALLED_TABLES:
            if self.waiting[table]:
                self.compare(table)
        self.states.flush_if_spilled()
        total = sum(len(k) for k in self.held.values())
        done = 0
        tick("tables", 0, total)

        def advanced(rows: int) -> None:
            nonlocal done
            done += rows
            tick("tables", done, total)

        for table in JOURNALLED_TABLES:
            counted = self.conn.execute(
                f"SELECT COUNT(*) FROM {table}" + (" WHERE key IS NOT 'app'" if table == "setting" else "")
            ).fetchone()[0]
            found = held_rows_equal(self.conn, table, self.states, advanced)
            if found is None or counted != found + len(self.clean[table]):
                return False
        return not self.doubt

    def index_sound(self, tick: Tick) -> bool:
        """``journal_task`` holds exactly the rows the journal makes: the same count and the same digest."""
        if (
            self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_task'"
            ).fetchone()
            is None
        ):
            return True  # a file older than the index (schema 7)
        total, digest, done = self.index_rows, 0, 0
        tick("index", 0, total)
        for row in self.conn.execute("SELECT task_id, seq, changes FROM journal_task"):
            digest += hash(row)
            done += 1
            if done % STEP == 0:
                tick("index", done, total)
        return done == total and digest & DIGEST == self.index_sum & DIGEST


def held_rows_equal(
    conn: sqlite3.Connection, table: str, states: RowStates, advanced: Callable[[int], None] | None = None
) -> int | None:
    """Each row of ``table`` held in ``states`` against the table's row, ``LOOKUP`` at a time (``advanced(n)``
    after each batch): how many were compared, or None at the first that differs, is missing, or is the program's
    own "app" setting (never journalled)."""
    column = key_column(table)
    found = 0
    batch: list[tuple[str, str, int, str, str]] = []
    for said in itertools.chain(states.ordered(table), [None]):
        if said is not None:
            if table == "setting" and said[0] == "app":
                return None
            batch.append(said)
        if batch and (said is None or len(batch) >= LOOKUP):
            cur = conn.execute(
                f"SELECT * FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                (json.dumps([s[0] for s in batch]),),
            )
            at_name = {d[0]: i for i, d in enumerate(cur.description)}
            rows = {raw[at_name[column]]: raw for raw in cur}
            for s in batch:
                raw = rows.get(s[0])
                if raw is None or compare_row(table, s[0], raw, at_name, s) is not None:
                    return None
            found += len(batch)
            if advanced is not None:
                advanced(len(batch))
            batch = []
    return found


def link_problem(entry: tuple[Any, ...], prev: str, expected_seq: int) -> Problem | None:
    """What is wrong with one journal row (JOURNAL_COLUMNS) as the link after ``prev``: its number, its link to the
    entry before, or its own hash; None when it holds."""
    seq, id_, at, actor, role, origin, command, task_id, payload, prev_hash, digest = entry
    if seq != expected_seq:
        return Problem(seq, at, command, f"序号不连续（应为 {expected_seq}），有日志被删除")
    if prev_hash != prev:
        return Problem(seq, at, command, "与上一条日志的链接不符")
    fields = {
        "id": id_,
        "at": at,
        "actor": actor,
        "role": role,
        "origin": origin,
        "command": command,
        "task_id": task_id,
        "payload": payload,
    }
    if entry_hash(prev, seq, fields) != digest:
        return Problem(seq, at, command, "内容与校验值不符，日志被改动过")
    return None


def stream_journal(store: Store, stream: Stream, tick: Tick) -> Problem | None:
    """The hash chain and each payload's shape, entry by entry (the first thing wrong, in ``check_chain``'s words),
    each entry's changes going to ``stream``."""
    entries_total = int(store.one("SELECT COALESCE(MAX(seq), 0) FROM journal"))
    tick("journal", 0, entries_total)
    prev = GENESIS
    expected_seq = 1
    cur = store.conn.execute(f"SELECT {', '.join(JOURNAL_COLUMNS)} FROM journal ORDER BY seq")
    for entry in cur:
        broken = link_problem(entry, prev, expected_seq)
        if broken is not None:
            return broken
        seq, _id, at, _actor, _role, _origin, command, task_id, payload, _prev_hash, digest = entry
        try:
            args_text, changes, pieces, tail = payload_parts(payload)
            del payload, entry  # the whole text, freed before the fold walks its parts
            stream.fold(
                seq, at, command, changes, pieces, functools.partial(tick, "journal", seq - 1, entries_total)
            )
        except (ValueError, RecursionError):
            return Problem(seq, at, command, "内容不是有效的 JSON")
        except (TypeError, Malformed):
            return Problem(seq, at, command, "内容的格式不是本程序写的")
        for row in index_rows(seq, task_id, args_text, changes, pieces, tail):
            stream.index_sum += hash(row)
            stream.index_rows += 1
        del changes, pieces
        prev = digest
        expected_seq += 1
        if seq % STEP == 0:
            tick("journal", seq, entries_total)
    return None
