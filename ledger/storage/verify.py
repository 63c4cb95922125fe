"""``verify``: everything in a ledger file that can be rebuilt is rebuilt and compared, in bounded memory.

In order, stopping at the first thing wrong (a ``journal.Problem``):

1. the schema is ours for the file's version (tables with our columns; our triggers and indexes, word for word;
   no view or trigger of someone else's) — ``ledger.storage.untrusted.schema_problems``;
2. each journal row holds values of the kinds we write (text as text: a payload stored as a BLOB is reported,
   not a traceback);
3. the hash chain and each payload's shape, entry by entry;
4. every journalled row equals the journal's last word on it, and nothing exists unjournalled;
5. the evidence files hash to their keys;
6. what the program derives and does not journal: the per-(community, status) counts in ``task_tally`` that
   the triggers keep, and the order keys (``community.rank``, ``problem.rank``, ``task.ord_*``);
7. the journal's per-task index ``journal_task`` against the rows the journal makes;
8. the search index: ``task_search`` holds each live task's text (``search_index.text_problem``), and, where it is
   cheap or asked for, FTS5's own integrity-check of the trigram index (``search_index.fts_problem``).

3, 4 and 7 are first decided by the fast pass (``ledger.storage.verify_fast``: bulk entries cut as bytes, rows
rendered by SQLite, order-free digests) beside the chain proven on the payloads' bytes. Only when it doubts does
the streaming pass (``ledger.storage.verify_stream``) run, and, when that doubts too, the exact checks here
(``exact_tables`` replays the journal into ``RowStates`` and merges it with the tables by key;
``check_journal_index`` reads the journal beside the index): a problem is always named by them, in the same
sentences as ever. On a large file the checks that need no journal state (the chain, 6, 8 and SQLite's
``quick_check`` when asked) run in processes of their own (``verify_fast.Side``), each on a read-only connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ledger.storage.journal import (
    GENESIS,
    JOURNALLED_TABLES,
    STEP,
    Problem,
    VerifyCancelled,
)
from ledger.storage.journal_index import index_rows, payload_parts
from ledger.storage.row_states import CACHE_ROWS, Malformed, RowStates, compare_row, replay, shown
from ledger.storage.search_index import check_search_index as search
from ledger.storage.search_index import fts_by_default, fts_problem
from ledger.storage.store import Store
from ledger.storage.untrusted import schema_problems
from ledger.storage.verify_fast import SIDE_BYTES, Side, chain_sound, fast_sound
from ledger.storage.verify_stream import JOURNAL_COLUMNS, Stream, Tick, link_problem, stream_journal


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


def undecodable(store: Store) -> Problem | None:
    """The first journal entry, else the first row of a journalled table, holding text that is not UTF-8: the
    program never writes such text and Python's sqlite3 cannot read it ("Could not decode to UTF-8"). Run only
    when a read has failed so, to name the place."""

    def bad(value: object) -> bool:
        if not isinstance(value, bytes):
            return False
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False

    def text(value: object) -> str:
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")

    columns = ", ".join(f"CAST({c} AS BLOB)" for c in JOURNAL_COLUMNS)
    for row in store.conn.execute(f"SELECT {columns} FROM journal ORDER BY rowid"):
        if any(bad(v) for v in row):
            seq = int(row[0]) if row[0] is not None and row[0].isdigit() else 0
            return Problem(
                seq, text(row[2]), text(row[6]), "内容中有不是 UTF-8 的文字，日志在程序之外被改动过"
            )
    for table in JOURNALLED_TABLES:
        names = [str(r[1]) for r in store.conn.execute(f"PRAGMA table_info({table})")]
        key = "key" if table == "setting" else "id"
        quoted = ", ".join('CAST("' + n.replace('"', '""') + '" AS BLOB)' for n in [key, *names])
        for row in store.conn.execute(f"SELECT {quoted} FROM {table}"):
            if any(bad(v) for v in row):
                return Problem(
                    0, "", "", f"{table} 表中的记录 {text(row[0])} 有不是 UTF-8 的文字，是在程序之外改动的"
                )
    return None


def check_chain(store: Store, states: RowStates, tick: Tick) -> Problem | None:
    """The hash chain, entry by entry, folding each entry's changes into ``states``."""
    entries_total = int(store.one("SELECT COALESCE(MAX(seq), 0) FROM journal"))
    tick("journal", 0, entries_total)
    prev = GENESIS
    expected_seq = 1
    changed = 0
    cur = store.conn.execute(f"SELECT {', '.join(JOURNAL_COLUMNS)} FROM journal ORDER BY seq")
    for entry in cur:
        broken = link_problem(entry, prev, expected_seq)
        if broken is not None:
            return broken
        seq, _id, at, _actor, _role, _origin, command, task_id, payload, _prev_hash, digest = entry
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
        args_text, changes, pieces, tail = payload_parts(payload)  # check_chain proved it JSON of our shape
        want = sorted(index_rows(seq, task_id, args_text, changes, pieces, tail), key=lambda r: r[0])
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


class Damaged(Exception):
    """``PRAGMA quick_check`` found the file damaged (``detail``: what SQLite says): nothing else it says counts."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def verify_store(
    store: Store,
    *,
    progress: Tick | None = None,
    cancel: Callable[[], bool] | None = None,
    cache_rows: int = CACHE_ROWS,
    apart: bool | None = None,
    fts: bool | None = None,
    quick_check: bool = False,
) -> Problem | None:
    """The first thing wrong in ``store`` (see the module's docstring), or None when all of it checks out.

    ``progress(stage, done, total)`` is called every few thousand entries and rows (stage "journal" counts
    entries, "tables" rows); when ``cancel()`` turns true, VerifyCancelled is raised. ``apart``: run the checks
    that need no journal state (the chain, derived data, search index) in processes of their own beside the fast
    pass (default: for files of ``SIDE_BYTES`` and more). ``fts``: run FTS5's own integrity-check of the search
    index too (default: when it is cheap, ``search_index.fts_by_default``). ``quick_check``: SQLite's
    ``PRAGMA quick_check`` first (apart: beside the rest), raising Damaged when the file is damaged."""

    def tick(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise VerifyCancelled
        if progress is not None:
            progress(stage, done, total)

    def waiting() -> None:
        if cancel is not None and cancel():
            raise VerifyCancelled

    def sound_file() -> None:
        if quick_check:
            found = side.result("quick_check", lambda: str(store.one("PRAGMA quick_check")), waiting)
            if found != "ok":
                raise Damaged(str(found))

    if apart is None:
        try:
            apart = Path(store.path).stat().st_size >= SIDE_BYTES
        except (OSError, TypeError, ValueError):
            apart = False
    names = ("chain", "search", "derived") + (("quick_check",) if quick_check else ())
    side = Side(store, names, apart)
    try:
        if not apart:
            sound_file()  # before anything else reads the file, as ever
        try:
            problem = checks(store, side, tick, waiting, cache_rows, fts)
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc) or (problem := undecodable(store)) is None:
                sound_file()  # a damaged file is said so, not given as a traceback
                raise
        except sqlite3.DatabaseError:
            sound_file()  # a damaged file is said so, not given as a traceback
            raise
        sound_file()
        return problem
    finally:
        side.close()


def checks(
    store: Store,
    side: Side,
    tick: Tick,
    waiting: Callable[[], None],
    cache_rows: int,
    fts: bool | None,
) -> Problem | None:
    """``verify_store``'s checks in their order, the side checks' results taken from ``side``."""
    problem = check_schema(store) or check_journal_kinds(store)
    if problem is not None:
        return problem
    sound = fast_sound(store.conn, tick, cache_rows) and side.result(
        "chain", lambda: chain_sound(store.conn), waiting
    )
    tables_sound = index_sound = sound
    if not sound:
        stream = Stream(store, cache_rows)
        try:
            problem = stream_journal(store, stream, tick)
            if problem is not None:
                return problem
            tables_sound = stream.tables_sound(tick)
            index_sound = stream.index_sound(tick)
        finally:
            stream.close()
    if not tables_sound:
        problem = exact_tables(store, cache_rows, tick)
        if problem is not None:
            return problem
    problem = check_blobs(store) or side.result("derived", lambda: check_derived(store), waiting)
    if problem is None and not index_sound:
        problem = check_journal_index(store, tick)
    problem = problem or side.result("search", lambda: search(store, False), waiting)
    if problem is None and (fts_by_default(store.conn) if fts is None else fts):
        detail = fts_problem(store.conn)
        problem = None if detail is None else Problem(0, "", "", detail)
    return problem


def exact_tables(store: Store, cache_rows: int, tick: Tick) -> Problem | None:
    """The tables replayed from the journal in full and merged with them by key (what the streaming pass doubted,
    named exactly; this reads the journal again)."""
    states = RowStates(cache_rows)
    try:
        return check_chain(store, states, tick) or check_tables(store, states, tick)
    finally:
        states.close()
