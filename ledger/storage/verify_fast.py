"""``verify``'s fast pass: the journal's bulk entries compared with the tables without parsing them in Python.

It decides only that a ledger is *sound* (the tables and ``journal_task`` are what the journal makes); when it
doubts, ``verify`` runs the streaming pass and the exact checks (``ledger.storage.verify``), which name the problem
in the same sentences as ever. What it proves, and how:

- An entry of ``BULK`` bytes or more in the program's own shape (``{"args":ARGS,"changes":[CHANGE,…]TAIL}``, every
  change an insert) is *cut*, not parsed: its text is read as bytes and split before each ``{"id":"`` that opens a
  change. ARGS and TAIL are parsed (they are short) and must be canonical. Each cut piece goes into an order-free
  digest (the sum of Python's keyed hash of each piece, in this one process). Every other entry is parsed as
  before (``journal_index.payload_parts``) and folded into ``RowStates``.
- The keys that any parsed entry touches are *held*: every change of theirs, in bulk entries too, is parsed and
  folded, so their rows are replayed in full and compared field by field (``compare_row``), as before.
- SQLite renders every other row of every table as the text the program writes for its insert
  (``{"id":…,"op":"insert","row":{…},"table":…}``, the row's keys those of the journal's inserts of that table) and
  the same digest is summed over those texts. Equal sums and counts mean the cut pieces *are* those texts, one per
  row: each piece is then a canonical JSON object (so the entry is valid JSON of the program's shape, as Python
  reads it), and each row equals the journal's only word on it. A cut in the wrong place, a change that is not an
  insert, a key inserted twice or a row changed since make the sums differ: then the exact checks decide.
- ``journal_task``: the rows each entry makes (``journal_index.index_rows``; for a cut entry, from the pieces and
  the task each names) summed into a second digest, against one scan of the table.

The hash chain is proven beside this (``chain_sound``), also on the payloads' bytes: the canonical JSON of a text
with no control characters is the text with ``\\`` and ``"`` escaped, so the UTF-8 is hashed without decoding it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.storage.journal import GENESIS, JOURNALLED_TABLES, STEP, canonical
from ledger.storage.journal_index import ARGS_COPIED, index_rows, payload_parts, tail_of, task_of
from ledger.storage.row_states import Malformed, RowStates, replay
from ledger.storage.verify_stream import held_rows_equal, key_column

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)
Tick = Callable[[str, int, int], None]
BULK = 1 << 16  # payload bytes from which an entry of the program's shape is cut rather than parsed
RENDERED = tuple(
    t for t in JOURNALLED_TABLES if t != "setting"
)  # tables whose rows SQLite renders as inserts
HEAD = b'{"args":'
MIDDLE = b',"changes":['
OPEN = b'{"id":"'
CUT = b'},{"id":"'
INSERT = b'","op":"insert","row":{'
OP = b'"op":"'
TABLE = b',"table":"'
TASK_ID = b'"task_id":"'
CONTROL = bytes(range(32))


class Doubt(Exception):
    """Something the fast pass cannot decide: the exact checks will."""


def escaped(payload: bytes) -> bytes | None:
    """The inside of ``canonical(payload.decode())`` as UTF-8, or None when the text holds a control character
    (escaped otherwise by the encoder: then it is not of our making, and the exact checks decide)."""
    if payload.translate(None, CONTROL) != payload:
        return None
    return payload.replace(b"\\", b"\\\\").replace(b'"', b'\\"')


def chain_sound(conn: sqlite3.Connection, tick: Callable[[int, int], None] | None = None) -> bool:
    """Every entry's number, link and hash hold (``verify_stream.link_problem``), hashing the payload's bytes."""
    total = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0])
    prev, expected = GENESIS, 1
    cur = conn.execute(
        "SELECT seq, id, at, actor, role, origin, command, task_id, CAST(payload AS BLOB), prev_hash, hash "
        "FROM journal ORDER BY seq"
    )
    for seq, id_, at, actor, role, origin, command, task_id, payload, prev_hash, digest in cur:
        if seq != expected or prev_hash != prev:
            return False
        inside = escaped(payload)
        if inside is None:
            return False
        if len(payload) >= BULK:  # cut, never decoded, by the fast pass (the others are parsed there)
            try:
                payload.decode("utf-8")
            except UnicodeDecodeError:
                return False
        head = canonical([prev, seq, id_, at, actor, role, origin, command, task_id, ""])  # ends ',""]'
        hashed = hashlib.sha256(head[:-2].encode("utf-8"))
        hashed.update(inside)
        hashed.update(b'"]')
        if hashed.hexdigest() != digest:
            return False
        prev, expected = digest, expected + 1
        if tick is not None and seq % STEP == 0:
            tick(seq, total)
    return True


def shape(payload: bytes) -> tuple[str, bytes, int, int, int] | None:
    """(ARGS as text, TAIL, where the changes start and end, how many) of a payload of the program's shape whose
    changes all look like inserts (every op an insert), or None."""
    if len(payload) < BULK or not payload.startswith(HEAD) or b"\x00" in payload:
        return None
    start = payload.find(MIDDLE + OPEN)
    end = payload.rfind(b"}]")
    if start < 0 or end < start or payload[-1:] != b"}":
        return None
    try:
        args_text = payload[len(HEAD) : start].decode("utf-8")
        if canonical(json.loads(args_text)) != args_text:
            return None
        tail = payload[end + 2 : -1]
        if tail:
            rest = json.loads(b"{" + tail[1:] + b"}") if tail.startswith(b",") else None
            if (
                not isinstance(rest, dict)
                or min(rest, default="~") <= "changes"
                or tail.decode() != tail_of(rest)
            ):
                return None
    except (ValueError, RecursionError):
        return None
    start += len(MIDDLE) + len(OPEN)
    inserts = payload.count(INSERT, start, end)
    if inserts != payload.count(
        OP, start, end
    ):  # every change's op is an insert (an update opens with "after")
        return None
    return args_text, tail, start, end, inserts


def cores(payload: bytes, found: tuple[str, bytes, int, int, int]) -> list[bytes] | None:
    """The changes of a payload ``shape`` accepted, each without its opening ``{"id":"`` and closing ``}`` (the
    same cut as ``shape`` counted, or None). The cut is a guess that the digest proves: a piece counts only when
    it equals a row's text."""
    _args, _tail, start, end, inserts = found
    pieces = payload[start:end].split(CUT)
    return pieces if len(pieces) == inserts else None


class Fast:
    """The fast pass over one connection: ``sound(tick)``."""

    def __init__(self, conn: sqlite3.Connection, cache_rows: int) -> None:
        self.conn = conn
        self.states = RowStates(cache_rows)
        self.held: set[bytes] = set()
        self.keysets: dict[str, set[tuple[str, ...]]] = {}
        self.rows_sum = 0
        self.rows = 0
        self.index_sum = 0
        self.index_rows = 0
        self.shapes: dict[int, tuple[str, bytes, int, int, int]] = {}  # the entries cut, by seq

    def close(self) -> None:
        self.states.close()

    def journal(self) -> sqlite3.Cursor:
        return self.conn.execute(
            "SELECT seq, at, command, CAST(task_id AS BLOB), CAST(payload AS BLOB) FROM journal ORDER BY seq"
        )

    def sound(self, tick: Tick) -> bool:
        try:
            total = int(self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0])
            tick("journal", 0, total)
            self.hold_parsed(functools.partial(tick, "journal", 0, total))
            for seq, at, command, task_id, payload in self.journal():
                found = self.shapes.get(seq)
                if found is None:
                    self.parsed(seq, at, command, task_id, payload)
                else:
                    pieces = cores(payload, found)
                    if pieces is None:
                        raise Doubt
                    escapes = b"\\" in payload
                    del payload
                    progress = functools.partial(tick, "journal", seq - 1, total)
                    self.bulk(seq, at, command, task_id, found, pieces, escapes, progress)
                    del pieces
                if seq % STEP == 0:
                    tick("journal", seq, total)
            return self.tables_sound(tick) and self.index_sound(tick)
        except (Doubt, Malformed, ValueError, TypeError, RecursionError, UnicodeDecodeError, sqlite3.Error):
            return False

    def hold_parsed(self, tick: Callable[[], None]) -> None:
        """First, the keys every entry that is parsed touches (before any bulk entry inserting them is cut)."""
        for seq, _at, _command, _task_id, payload in self.journal():
            found = shape(payload)
            if found is not None or seq % STEP == 0:
                tick()  # a cancel is heard while the large entries are looked at
            if found is not None:
                self.shapes[seq] = found
                continue
            _args, changes, _pieces, _tail = payload_parts(payload.decode("utf-8"))
            for change in changes:
                key = change.get("id") if isinstance(change, dict) else None
                if not isinstance(key, str):
                    raise Doubt
                self.held.add(key.encode("utf-8"))

    def parsed(self, seq: int, at: str, command: str, task_id: bytes | None, payload: bytes) -> None:
        args_text, changes, pieces, tail = payload_parts(payload.decode("utf-8"))
        replay(self.states, seq, at, command, changes)
        task = None if task_id is None else task_id.decode("utf-8")
        for owner, s, text in index_rows(seq, task, args_text, changes, pieces, tail):
            self.index_sum += hash(
                (owner.encode("utf-8"), s, None if text is None else text.encode("utf-8"), 1)
            )
            self.index_rows += 1

    def bulk(
        self,
        seq: int,
        at: str,
        command: str,
        task_id: bytes | None,
        found: tuple[str, bytes, int, int, int],
        pieces: list[bytes],
        escapes: bool,
        tick: Callable[[], None],
    ) -> None:
        """A cut entry: each piece summed (or, its key held, parsed and folded), each task's index row made.

        A piece here is a change's text without its ``{"id":"`` and ``}`` (so the cut needs no copy): the
        rendered rows are cut the same way, and an index row joins its pieces with ``},{"id":"``."""
        args_text, tail = found[0], found[1]
        held, keysets = self.held, self.keysets
        seen: set[bytes] = set()
        mine: dict[bytes, bytes] = {}
        rows_sum = folded = 0
        for start in range(0, len(pieces), STEP):
            if start:
                tick()
            for piece in pieces[start : start + STEP]:
                if piece.endswith(b',"table":"task"'):
                    table = b"task"
                    owner = key = piece[: piece.index(b'"')]
                else:
                    table = piece[piece.rindex(TABLE) + len(TABLE) : -1]
                    key = piece[: piece.index(b'"')]
                    at_owner = piece.find(TASK_ID)
                    owner = b"" if at_owner < 0 else piece[at_owner + 11 : piece.index(b'"', at_owner + 11)]
                if escapes and (b"\\" in key or b"\\" in table or b"\\" in owner):
                    raise Doubt  # a key written with escapes: parsed by the exact checks
                if table not in seen:
                    seen.add(table)
                    keysets.setdefault(table.decode("utf-8"), set()).add(tuple(change(piece)["row"]))
                if held and key in held:
                    parsed = change(piece)
                    replay(self.states, seq, at, command, [parsed])
                    mark = task_of(
                        parsed
                    )  # not proven equal to a row's text: the owner as the index takes it
                    owner = b"" if mark is None else mark.encode("utf-8")
                    folded += 1
                else:
                    rows_sum += hash(piece)
                if owner and owner != task_id:
                    before = mine.get(owner)
                    mine[owner] = piece if before is None else before + CUT + piece
        rows = len(pieces) - folded
        self.rows_sum += rows_sum
        self.rows += rows
        index_sum = 0
        if task_id:
            index_sum += hash((task_id, seq, None, 1))
            self.index_rows += 1
        args = (args_text if len(args_text) <= ARGS_COPIED else "{}").encode("utf-8")
        head = HEAD + args + MIDDLE + OPEN
        close = b"}]" + tail + b"}"
        for owner, own in mine.items():
            index_sum += hash((owner, seq, head + own + close, 1))
        self.index_sum += index_sum
        self.index_rows += len(mine)

    def rendered(self, table: str, names: tuple[str, ...]) -> str:
        """SQL for the text of each row of ``table`` as the program writes its insert (keys ``names``)."""
        columns = {}
        for r in self.conn.execute(f"PRAGMA table_info({table})"):
            name = '"' + str(r[1]).replace('"', '""') + '"'
            columns[r[1]] = (
                name
                if str(r[2]).upper() == "TEXT"
                else f"CASE WHEN typeof({name}) != 'real' THEN {name} WHEN {name} = CAST({name} AS INTEGER) "
                f"THEN CAST({name} AS INTEGER) ELSE 'real ' || {name} END"
            )
        fields = ", ".join(f"{quoted(n)}, {columns.get(n, 'NULL')}" for n in names)
        return (
            f"""CAST(substr(json_quote(id), 2) || ',"op":"insert","row":' || json_object({fields}) || """
            f"""',"table":"{table}"' AS BLOB)"""
        )

    def tables_sound(self, tick: Tick) -> bool:
        """The rows not held sum to the cut pieces; the held ones equal their replay; no other row exists."""
        held = json.dumps(sorted(k.decode("utf-8") for k in self.held))
        rows_sum = rows = 0
        total = self.rows
        tick("tables", 0, total)
        for table in RENDERED:
            names = self.keysets.get(table, set())
            if len(names) > 1:
                return False
            if not names:
                if self.conn.execute(
                    f"SELECT 1 FROM {table} WHERE id IS NULL OR id NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
                    (held,),
                ).fetchone():
                    return False
                continue
            cur = self.conn.execute(
                f"SELECT {self.rendered(table, next(iter(names)))} FROM {table} "
                "WHERE id IS NULL OR id NOT IN (SELECT value FROM json_each(?))",
                (held,),
            )
            for (text,) in cur:
                rows_sum += hash(text)
                rows += 1
                if rows % STEP == 0:
                    tick("tables", rows, total)
        if rows != self.rows or rows_sum != self.rows_sum:
            return False
        return self.held_sound(held)

    def held_sound(self, held: str) -> bool:
        """Every held row equals the journal's last word on it, and the table holds no other held key."""
        self.states.flush_if_spilled()
        for table in JOURNALLED_TABLES:
            column = key_column(table)
            counted = self.conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE key IS NOT 'app'"
                if table == "setting"  # not rendered: every row must be held
                else f"SELECT COUNT(*) FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                () if table == "setting" else (held,),
            ).fetchone()[0]
            if held_rows_equal(self.conn, table, self.states) != counted:
                return False
        return True

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
        # the last column: 1 when each value is of the kind the program writes (text read as bytes would pass)
        for row in self.conn.execute(
            "SELECT CAST(task_id AS BLOB), seq, CAST(changes AS BLOB), typeof(task_id) = 'text' "
            "AND typeof(seq) = 'integer' AND typeof(changes) IN ('text', 'null') FROM journal_task"
        ):
            digest += hash(row)
            done += 1
            if done % STEP == 0:
                tick("index", done, total)
        return done == total and digest == self.index_sum


def change(piece: bytes) -> Any:
    """A cut piece parsed as the change it is part of."""
    return json.loads(OPEN + piece + b"}")


def quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def fast_sound(conn: sqlite3.Connection, tick: Tick, cache_rows: int) -> bool:
    """Whether the tables and ``journal_task`` are what the journal makes (False: the exact checks decide)."""
    fast = Fast(conn, cache_rows)
    try:
        return fast.sound(tick)
    finally:
        fast.close()


# ---- the checks that need no journal state, run beside the fast pass ------------------------------------------

SIDE_BYTES = 64 << 20  # ledger files from this size run the side checks in processes of their own


def side_check(path: str, name: str) -> Any:
    """One side check on a read-only connection of its own: "chain" (``chain_sound``), "derived"
    (``verify.check_derived``), "search" (``search_index.check_search_index``) or "quick_check" (SQLite's)."""
    from ledger.storage.store import Store
    from ledger.storage.untrusted import harden

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        harden(conn)
        if name == "chain":
            return chain_sound(conn)
        if name == "quick_check":
            return str(conn.execute("PRAGMA quick_check").fetchone()[0])
        store = Store(Path(path), conn, None)
        if name == "derived":
            from ledger.storage.verify import check_derived

            return check_derived(store)
        from ledger.storage.search_index import check_search_index

        return check_search_index(store, fts=False)  # FTS5's own check needs a connection that may write
    finally:
        conn.close()


def side_main(path: str, name: str, pipe: Connection) -> None:  # pragma: no cover - runs in the child process
    try:
        pipe.send(("done", side_check(path, name)))
    except BaseException as exc:  # the parent runs the check itself
        pipe.send(("failed", repr(exc)))
    finally:
        pipe.close()


class Side:
    """The side checks: each in a child process of its own (spawned, so Windows and the frozen bundle work alike)
    when the file is large, else run here when asked for. ``result(name)`` waits for one; a child that fails or
    cannot start leaves its check to this process."""

    def __init__(self, store: Any, names: tuple[str, ...], apart: bool) -> None:
        self.store = store
        self.children: dict[str, tuple[Any, Connection]] = {}
        if not apart:
            return
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        for name in names:
            try:
                here, there = context.Pipe(duplex=False)
                child = context.Process(
                    target=side_main, args=(str(store.path), name, there), name=f"verify-{name}", daemon=True
                )
                child.start()
                there.close()
                self.children[name] = (child, here)
            except (OSError, RuntimeError):
                continue

    def result(self, name: str, here: Callable[[], Any], wait: Callable[[], None]) -> Any:
        """The check's result from its child (``wait()`` is called while it runs: it may raise to stop), or
        ``here()``."""
        wait()  # between two checks, as between two thousand rows
        started = self.children.pop(name, None)
        if started is not None:
            child, pipe = started
            try:
                while not pipe.poll(0.1):
                    wait()
                    if not child.is_alive() and not pipe.poll():
                        raise EOFError
                status, value = pipe.recv()
            except (EOFError, OSError):
                status, value = "failed", None
            except BaseException:
                self.children[name] = started  # closed (and the child ended) by close()
                raise
            pipe.close()
            child.join()
            if status == "done":
                return value
            # Sound either way (this process runs it), but twice the time: say so where someone can see it.
            log.warning(
                "verify: the %s check could not run in a process of its own (%s); running it here",
                name,
                value,
            )
        return here()

    def close(self) -> None:
        for child, pipe in self.children.values():
            if child.is_alive():
                child.terminate()
            child.join()
            pipe.close()
        self.children = {}
