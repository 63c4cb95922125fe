"""``verify``: everything in a ledger file that can be rebuilt is rebuilt and compared, in bounded memory.

In order, stopping at the first thing wrong (a ``journal.Problem``):

1. the schema is ours for the file's version (tables with our columns; our triggers and indexes, word for word;
   no view or trigger of someone else's) — ``ledger.storage.untrusted.schema_problems``;
2. each journal row holds values of the kinds we write (text as text: a payload stored as a BLOB is reported,
   not a traceback);
3. the hash chain, entry by entry, while the journal's last word on every row is replayed into ``RowStates``
   (in memory up to ``CACHE_ROWS`` rows, then in a temporary SQLite file: a million tasks fit in well under
   1 GB; what stays in memory is the cache and the one entry being read);
4. every journalled row equals the journal's last word on it, and nothing exists unjournalled;
5. the evidence files hash to their keys;
6. what the program derives and does not journal: the per-(community, status) counts in ``task_tally`` that
   the triggers keep, and the order keys (``community.rank``, ``problem.rank``, ``task.ord_*``);
7. the journal's per-task index ``journal_task`` against the rows the journal makes (a second pass).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ledger.storage.journal import (
    GENESIS,
    JOURNALLED_TABLES,
    STEP,
    Problem,
    VerifyCancelled,
    entry_hash,
    normalized_value,
)
from ledger.storage.search_index import check_search_index as search
from ledger.storage.store import Store
from ledger.storage.untrusted import schema_problems

CACHE_ROWS = 50_000  # row states held in memory before they go to the temporary file
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
Tick = Callable[[str, int, int], None]


class Malformed(Exception):
    """An entry whose payload is not of the shape the program writes."""


class RowStates:
    """The journal's last word on each (table, key): its fields as canonical JSON text, and the entry that said it.

    Held in a dict until ``CACHE_ROWS`` keys, then written to a temporary SQLite file (created only then) and the
    dict emptied; lookups read the dict, then the file. A deleted row is None in the dict and absent in the file."""

    def __init__(self, limit: int = CACHE_ROWS) -> None:
        self.limit = limit
        self.cache: dict[tuple[str, str], tuple[str, int, str, str] | None] = {}
        self.folder: tempfile.TemporaryDirectory[str] | None = None
        self.file: sqlite3.Connection | None = None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def _open_file(self) -> sqlite3.Connection:
        if self.file is None:
            self.folder = tempfile.TemporaryDirectory(prefix="ledger-verify-")
            self.file = sqlite3.connect(str(Path(self.folder.name) / "state.db"))
            for pragma in (
                "journal_mode = OFF",
                "synchronous = OFF",
                "cache_size = -32768",
                "temp_store = FILE",
            ):
                self.file.execute(f"PRAGMA {pragma}")
            self.file.execute(
                "CREATE TABLE state (tbl TEXT NOT NULL, key TEXT NOT NULL, fields TEXT NOT NULL, seq INTEGER, "
                "at TEXT, command TEXT, PRIMARY KEY (tbl, key))"
            )
        return self.file

    def flush(self) -> None:
        if not self.cache:
            return
        file = self._open_file()
        with file:
            file.executemany(
                "DELETE FROM state WHERE tbl = ? AND key = ?", [k for k, v in self.cache.items() if v is None]
            )
            file.executemany(
                "INSERT INTO state VALUES (?,?,?,?,?,?) ON CONFLICT (tbl, key) DO UPDATE SET fields = excluded.fields, "
                "seq = excluded.seq, at = excluded.at, command = excluded.command",
                [(*k, *v) for k, v in self.cache.items() if v is not None],
            )
        self.cache.clear()

    def get(self, key: tuple[str, str]) -> tuple[str, int, str, str] | None:
        if key in self.cache:
            return self.cache[key]
        if self.file is None:
            return None
        row = self.file.execute(
            "SELECT fields, seq, at, command FROM state WHERE tbl = ? AND key = ?", key
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]), str(row[3]))

    def put(self, key: tuple[str, str], value: tuple[str, int, str, str] | None) -> None:
        self.cache[key] = value
        if len(self.cache) >= self.limit:
            self.flush()

    def flush_if_spilled(self) -> None:
        """Once anything went to the file, everything goes there, so ``ordered`` reads one place."""
        if self.file is not None:
            self.flush()

    def ordered(self, table: str) -> Iterator[tuple[str, str, int, str, str]]:
        """(key, fields, seq, at, command) of every row ``table`` should hold, by key."""
        if self.file is None:
            mine = sorted((k, v) for (t, k), v in self.cache.items() if t == table and v is not None)
            for key, value in mine:
                yield (key, *value)
            return
        yield from self.file.execute(
            "SELECT key, fields, seq, at, command FROM state WHERE tbl = ? ORDER BY key", (table,)
        )


def canonical_row(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def replay(states: RowStates, seq: int, at: str, command: str, changes: Any) -> int:
    """Fold one entry's changes into ``states``; returns how many there were. Malformed if they are not ours."""
    if not isinstance(changes, list):
        raise Malformed
    for c in changes:
        if not isinstance(c, dict) or not isinstance(c.get("table"), str) or not isinstance(c.get("id"), str):
            raise Malformed
        key = (c["table"], c["id"])
        op = c.get("op")
        if op == "insert":
            if not isinstance(c.get("row"), dict):
                raise Malformed
            states.put(key, (canonical_row(c["row"]), seq, at, command))
        elif op == "delete":
            states.put(key, None)
        elif op == "update":
            if not isinstance(c.get("field"), str):
                raise Malformed
            old = states.get(key)
            fields = json.loads(old[0]) if old is not None else {}
            fields[c["field"]] = c.get("after")
            states.put(key, (canonical_row(fields), seq, at, command))
        else:
            raise Malformed
    return len(changes)


def shown(value: Any) -> str:
    """A value in a sentence: bytes are named as such (a text stored as a BLOB), long text is cut."""
    if isinstance(value, bytes):
        return f"二进制数据 {len(value)} 字节"
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def check_journal_kinds(store: Store) -> Problem | None:
    """Each journal column holds what the program writes there: an integer seq, text (or NULL task_id) elsewhere."""
    wrong = " OR ".join(
        ["typeof(seq) != 'integer'"]
        + [f"typeof({c}) != 'text'" for c in JOURNAL_COLUMNS if c not in ("seq", "task_id")]
        + ["typeof(task_id) NOT IN ('text', 'null')"]
    )
    row = store.conn.execute(
        f"SELECT seq, CAST(at AS TEXT), CAST(command AS TEXT) FROM journal WHERE {wrong} ORDER BY rowid LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    seq = row[0] if isinstance(row[0], int) else 0
    return Problem(
        seq,
        str(row[1] or ""),
        str(row[2] or ""),
        "日志中有字段的类型不对（如文字被存成了二进制数据），在程序之外被改动过",
    )


def check_chain(store: Store, states: RowStates, tick: Tick) -> Problem | None:
    """The hash chain, entry by entry, folding each entry's changes into ``states``."""
    entries_total = int(store.one("SELECT COALESCE(MAX(seq), 0) FROM journal"))
    tick("journal", 0, entries_total)
    prev = GENESIS
    expected_seq = 1
    changed = 0
    cur = store.conn.execute(f"SELECT {', '.join(JOURNAL_COLUMNS)} FROM journal ORDER BY seq")
    for seq, id_, at, actor, role, origin, command, task_id, payload, prev_hash, digest in cur:
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
        try:
            body = json.loads(payload)
            if not isinstance(body, dict):
                raise Malformed
            n = replay(states, seq, at, command, body.get("changes", []))
        except (ValueError, RecursionError):
            return Problem(seq, at, command, "内容不是有效的 JSON")
        except Malformed:
            return Problem(seq, at, command, "内容的格式不是本程序写的")
        del body
        if (changed + n) // STEP != changed // STEP:
            tick("journal", seq - 1, entries_total)
        changed += n
        prev = digest
        expected_seq += 1
        if seq % STEP == 0:
            tick("journal", seq, entries_total)
    return None


def check_tables(store: Store, states: RowStates, tick: Tick) -> Problem | None:
    """Every journalled row equals the journal's last word on it; nothing exists that the journal never made.

    A merge of two streams ordered by key, the table's rows and the replayed states (SQLite's BINARY order of
    UTF-8 text is Python's order of code points), so no row is looked up one by one."""
    states.flush_if_spilled()
    rows_total = sum(int(store.one(f"SELECT COUNT(*) FROM {t}")) for t in JOURNALLED_TABLES)
    compared = 0
    tick("tables", 0, rows_total)
    for table in JOURNALLED_TABLES:
        key_col = "key" if table == "setting" else "id"
        cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY {key_col}")
        at_name = {d[0]: i for i, d in enumerate(cur.description)}
        key_at = at_name[key_col]
        said = states.ordered(table)
        pending = next(said, None)
        for raw in cur:
            compared += 1
            if compared % STEP == 0:
                tick("tables", compared, rows_total)
            rid = raw[key_at]
            if table == "setting" and rid == "app":
                continue
            if not isinstance(rid, str):
                return Problem(0, "", "", f"{table} 表中的记录 {shown(rid)} 没有任何日志，是在程序之外添加的")
            if pending is not None and pending[0] < rid:
                return Problem(*pending[2:], f"{table} 表记录 {pending[0]} 被删除，但日志中没有删除记录")
            if pending is None or pending[0] != rid:
                return Problem(0, "", "", f"{table} 表中的记录 {shown(rid)} 没有任何日志，是在程序之外添加的")
            problem = compare_row(table, rid, raw, at_name, pending)
            if problem is not None:
                return problem
            pending = next(said, None)
        if pending is not None:
            return Problem(*pending[2:], f"{table} 表记录 {pending[0]} 被删除，但日志中没有删除记录")
    return None


def compare_row(
    table: str, rid: str, raw: tuple[Any, ...], at_name: dict[str, int], said: tuple[str, str, int, str, str]
) -> Problem | None:
    """The row ``raw`` against the journal's last word on it (``said``: key, fields, seq, at, command)."""
    want: dict[str, Any] = json.loads(said[1])
    have = [raw[at_name[n]] if n in at_name else None for n in want]
    if table != "setting" and have == list(want.values()):
        return None  # the common case, compared in C (1 == 1.0 == True, as normalized_value has it)
    for (name, value), found in zip(want.items(), have, strict=True):
        if table == "setting" and name == "value" and isinstance(found, str):
            try:
                found = json.loads(found)
            except ValueError:
                pass  # not even JSON: written outside the program, reported just below
        if normalized_value(found) != normalized_value(value) or isinstance(found, bytes):
            return Problem(
                said[2],
                said[3],
                said[4],
                f"{table} 表记录 {rid} 的字段 {name} 现为“{shown(found)}”，日志记载为“{shown(value)}”，"
                "在程序之外被改动过",
            )
    return None


def check_blobs(store: Store) -> Problem | None:
    """The evidence files: each blob's bytes must hash to its key, and every live evidence row must have them.

    A blob with no bytes is one the program released when the last live evidence row referring to it was
    removed (``ledger.signoff``); the row stays so the key a removed evidence row names still resolves."""
    import hashlib

    for sha, stored, size in store.conn.execute("SELECT sha256, data, size FROM blob"):
        data = (
            stored if isinstance(stored, bytes) else str(stored if stored is not None else "").encode("utf-8")
        )
        if not data:
            continue
        if hashlib.sha256(data).hexdigest() != sha or len(data) != size:
            return Problem(
                0,
                "",
                "",
                f"blob 表中文件 {shown(sha)} 的内容与其 SHA-256 校验值不符，佐证材料在程序之外被改动过",
            )
    missing = store.conn.execute(
        "SELECT e.id, e.file_name FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
        "WHERE e.removed_at IS NULL AND (b.sha256 IS NULL OR length(b.data) = 0) LIMIT 1"
    ).fetchone()
    if missing is not None:
        return Problem(
            0, "", "", f"佐证材料 {missing[0]}（{missing[1]}）的文件内容不在台账中，在程序之外被删除过"
        )
    return None


# The counts the triggers keep, recomputed from the tasks (both directions: a count too high, and one missing).
TALLY_SQL = (
    "SELECT community_id, status, n FROM task_tally WHERE n != 0 "
    "EXCEPT SELECT community_id, status, COUNT(*) FROM task WHERE deleted_at IS NULL GROUP BY community_id, status",
    "SELECT community_id, status, COUNT(*) FROM task WHERE deleted_at IS NULL GROUP BY community_id, status "
    "EXCEPT SELECT community_id, status, n FROM task_tally WHERE n != 0",
)
# Order keys: each community's and problem's place in the ledger's order, and each task's copy of its two.
ORDER_SQL = (
    (
        "community",
        "SELECT id, rank FROM (SELECT id, rank, ROW_NUMBER() OVER (ORDER BY sort, rowid) AS place FROM community) "
        "WHERE rank != place LIMIT 1",
    ),
    (
        "problem",
        "SELECT id, rank FROM (SELECT p.id, p.rank, ROW_NUMBER() OVER (ORDER BY c.sort, c.rowid, p.sort, p.rowid) "
        "AS place FROM problem p JOIN category c ON c.id = p.category_id) WHERE rank != place LIMIT 1",
    ),
    (
        "task",
        "SELECT t.id, t.ord_problem FROM task t JOIN problem p ON p.id = t.problem_id "
        "WHERE t.ord_problem != p.rank LIMIT 1",
    ),
    (
        "task",
        "SELECT t.id, t.ord_community FROM task t JOIN community c ON c.id = t.community_id "
        "WHERE t.ord_community != c.rank LIMIT 1",
    ),
)


def check_derived(store: Store) -> Problem | None:
    """What the program derives and does not journal, recomputed: the tally's counts and the order keys."""
    for sql in TALLY_SQL:
        row = store.conn.execute(sql + " LIMIT 1").fetchone()
        if row is not None:
            actual = store.one(
                "SELECT COUNT(*) FROM task WHERE deleted_at IS NULL AND community_id = ? AND status = ?",
                (row[0], row[1]),
            )
            counted = store.one(
                "SELECT COALESCE(SUM(n), 0) FROM task_tally WHERE community_id = ? AND status = ?",
                (row[0], row[1]),
            )
            return Problem(
                0,
                "",
                "",
                f"统计表 task_tally 中居民区 {shown(row[0])} 状态 {shown(row[1])} 的任务数记为 {counted}，"
                f"实际有 {actual} 项：统计数字在程序之外被改动过（统计、总览会因此显示错误的数字）",
            )
    for table, sql in ORDER_SQL:
        row = store.conn.execute(sql).fetchone()
        if row is not None:
            return Problem(
                0,
                "",
                "",
                f"{table} 表记录 {shown(row[0])} 的排序键（{shown(row[1])}）与台账的顺序不符，在程序之外被改动过",
            )
    return None


def check_journal_index(store: Store, tick: Tick) -> Problem | None:
    """``journal_task`` (which tasks each entry concerns, for a task's history) holds exactly the rows the journal
    makes (``journal_index.index_rows``): a second pass over the journal beside the index in the same order."""
    from ledger.storage.journal import canonical
    from ledger.storage.journal_index import index_rows

    if store.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_task'") is None:
        return None  # a file older than the index (schema 7)
    total = int(store.one("SELECT COALESCE(MAX(seq), 0) FROM journal"))
    indexed = store.conn.execute("SELECT seq, task_id, changes FROM journal_task ORDER BY seq, task_id")
    pending = next(indexed, None)
    for seq, at, command, task_id, payload in store.conn.execute(
        "SELECT seq, at, command, task_id, payload FROM journal ORDER BY seq"
    ):
        if seq % STEP == 0:
            tick("index", seq, total)
        body = json.loads(payload)  # check_chain proved it JSON of our shape
        changes = [c for c in body.get("changes", []) if isinstance(c, dict)]
        want = sorted(
            index_rows(
                seq, task_id, canonical(body.get("args", {})), changes, [canonical(c) for c in changes]
            ),
            key=lambda r: r[0],
        )
        have = []
        while pending is not None and pending[0] <= seq:
            if pending[0] < seq:
                return Problem(
                    pending[0], "", "", "journal_task 表中有一行指向不存在的日志，在程序之外被改动过"
                )
            have.append((pending[1], pending[0], pending[2]))
            pending = next(indexed, None)
        if have != want:
            return Problem(
                seq,
                at,
                command,
                "journal_task 表中这条日志的索引与日志不符（任务的修改记录会因此显示错误的内容）",
            )
    if pending is not None:
        return Problem(pending[0], "", "", "journal_task 表中有一行指向不存在的日志，在程序之外被改动过")
    return None


def check_schema(store: Store) -> Problem | None:
    version = int(store.one("PRAGMA user_version"))
    problems = schema_problems(store.conn, version)
    if problems:
        return Problem(0, "", "", "数据库结构与本程序建立的不符：" + "；".join(problems[:3]))
    return None


def verify_store(
    store: Store,
    *,
    progress: Tick | None = None,
    cancel: Callable[[], bool] | None = None,
    cache_rows: int = CACHE_ROWS,
) -> Problem | None:
    """The first thing wrong in ``store`` (see the module's docstring), or None when all of it checks out.

    ``progress(stage, done, total)`` is called every few thousand entries and rows (stage "journal" counts
    entries, "tables" rows); when ``cancel()`` turns true, VerifyCancelled is raised."""

    def tick(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise VerifyCancelled
        if progress is not None:
            progress(stage, done, total)

    problem = check_schema(store) or check_journal_kinds(store)
    if problem is not None:
        return problem
    states = RowStates(cache_rows)
    try:
        problem = check_chain(store, states, tick) or check_tables(store, states, tick)
    finally:
        states.close()
    return (
        problem
        or check_blobs(store)
        or check_derived(store)
        or check_journal_index(store, tick)
        or search(store)
    )
