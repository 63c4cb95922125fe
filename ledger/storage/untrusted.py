"""A SQLite file we did not just write (a package, a return, a ledger opened from elsewhere) read defensively.

Three defences, applied before anything is read from such a file:

- ``harden(conn)``: ``PRAGMA trusted_schema = OFF``, so a view, trigger, index or CHECK in the file cannot call
  a function with side effects.
- ``schema_problems(conn, version)``: the file's schema compared with the one our migrations make for that
  version — every expected object is there and of its kind (a table is a table with the expected columns, not a
  view), no view, trigger or index we did not make, triggers, indexes and virtual tables word for word (a
  virtual table's module is not even connected to read its columns). A recursive view in
  place of a table is how a file makes every read hang, so the check runs before any table is read.
- ``time_limit(conn, seconds)``: every statement run inside it is stopped after ``seconds`` (SQLite's progress
  handler; the deadline restarts at each statement), and ``SQLITE_INTERRUPT`` becomes a sentence.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from ledger.core import LedgerError

QUERY_SECONDS = 5.0  # one statement on a file being checked; the checks themselves take milliseconds
PROGRESS_STEPS = 10_000  # SQLite VM instructions between two looks at the clock (~a millisecond)

# Tables SQLite itself may add to any file (ANALYZE, AUTOINCREMENT): harmless, never read by us.
SQLITE_OWN = re.compile(r"^sqlite_(stat\d|sequence)$")


def harden(conn: sqlite3.Connection) -> None:
    """Functions in the file's schema may not have side effects (views, triggers, CHECKs, defaults, indexes)."""
    conn.execute("PRAGMA trusted_schema = OFF")


class TimeLimit:
    """The progress handler's state: the deadline of the statement running now (reset as each one starts)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.tripped = False

    def restart(self, _statement: str) -> None:
        self.deadline = time.monotonic() + self.seconds

    def check(self) -> int:
        if time.monotonic() > self.deadline:
            self.tripped = True
            return 1  # non-zero: SQLite stops the statement with SQLITE_INTERRUPT
        return 0


@contextlib.contextmanager
def time_limit(conn: sqlite3.Connection, path: Path, seconds: float = QUERY_SECONDS) -> Iterator[TimeLimit]:
    """Stop any statement that runs longer than ``seconds``; raise ``file_too_slow`` (a sentence) when one was.

    The limit belongs to the harness around an untrusted file, not to the program's own reads: a statement
    reading a big ledger of ours is never stopped."""
    limit = TimeLimit(seconds)
    conn.set_trace_callback(limit.restart)
    conn.set_progress_handler(limit.check, PROGRESS_STEPS)
    try:
        yield limit
    except sqlite3.OperationalError as exc:
        if limit.tripped or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT:
            raise LedgerError("file_too_slow", path=path, seconds=f"{seconds:g}") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_trace_callback(None)


def normalized_sql(sql: str | None) -> str:
    """A schema statement compared by its words: runs of white space are one space."""
    return " ".join((sql or "").split())


Schema = dict[str, tuple[str, str, str, tuple[tuple[str, str, int, int], ...]]]


def expected_schema(version: int) -> Schema:
    """What our migrations 1..``version`` make: name → (type, table, normalized SQL, columns of a table).

    For the newest version that is the committed snapshot (``ledger.storage.schema_snapshot``, written by
    ``tools/schema_snapshot.py``; a test rebuilds it from the migrations and fails if it differs): running every
    migration in a database in memory costs ~4.5 ms of each start-up. Older versions are built as before."""
    from ledger.storage import schema_snapshot

    if version == schema_snapshot.VERSION:
        return schema_snapshot.SCHEMA
    return migrated_schema(version)


@functools.lru_cache(maxsize=8)
def migrated_schema(version: int) -> Schema:
    """``expected_schema`` built the slow way: our migrations 1..``version`` run in a database in memory."""
    from ledger.storage.schema import MIGRATIONS

    conn = sqlite3.connect(":memory:")
    try:
        for migrate in MIGRATIONS[:version]:
            migrate(conn)
        return read_schema(conn)
    finally:
        conn.close()


def read_schema(conn: sqlite3.Connection, known: Schema | None = None) -> Schema:
    """The schema of ``conn``'s main database, in ``expected_schema``'s form (names compared without case).

    ``known``: a schema whose columns are taken for a table of the same name created by the same statement (word
    for word): SQLite makes a table's columns from that statement alone, so asking it for them (one PRAGMA
    table_xinfo per table, ~6 M instructions of each start-up) would only say the same again. A table whose
    statement differs (another SQLite's wording after ALTER TABLE, or a file changed behind our back) is asked."""
    out: Schema = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        text = normalized_sql(
            sql if isinstance(sql, str) else None
        )  # once: ~1 M instructions for all of them
        columns: tuple[tuple[str, str, int, int], ...] = ()
        virtual = text[:14].upper() == "CREATE VIRTUAL"  # (upper() of a prefix is a prefix of upper())
        same = (known or {}).get(str(name).lower())
        if kind == "table" and same is not None and same[0] == "table" and same[2] == text and not virtual:
            columns = same[3]
        elif kind == "table" and isinstance(name, str) and not SQLITE_OWN.match(name.lower()) and not virtual:
            quoted = name.replace('"', '""')
            columns = tuple(
                (str(c[1]).lower(), str(c[2]).upper(), int(c[3]), int(c[5]))
                for c in conn.execute(f'PRAGMA main.table_xinfo("{quoted}")')
            )
        out[str(name).lower()] = (str(kind), str(table).lower(), text, columns)
    return out


KIND_WORDS = {"table": "数据表", "view": "视图", "trigger": "触发器", "index": "索引"}


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """What differs between the file's schema and ours for ``version``, in sentences (empty: it is ours).

    A file that differs from the snapshot is compared again with what the migrations make here and now: an
    SQLite of another version could word the schema of its own virtual tables (FTS5) differently; the
    snapshot only saves time, it never decides alone that a file is not ours."""
    want = expected_schema(version)
    try:
        have = read_schema(conn, known=want)
    except UnicodeDecodeError:  # a damaged byte inside the schema's own text: not a schema of ours
        return ["数据库结构中有无法识别的文字，文件可能已损坏"]
    problems = compare_schema(have, want)
    if problems:
        problems = compare_schema(have, migrated_schema(version))
    return problems


def compare_schema(have: Schema, want: Schema) -> list[str]:
    """``schema_problems`` for two schemas in ``read_schema``'s form."""
    problems: list[str] = []
    for name, (kind, table, sql, columns) in have.items():
        word = KIND_WORDS.get(kind, kind)
        if kind == "table" and SQLITE_OWN.match(name):
            continue
        expected = want.get(name)
        if expected is None:
            if kind == "index" and name.startswith("sqlite_autoindex_"):
                problems.append(f"多出了数据表“{table}”的自动索引")
            else:
                problems.append(f"多出了本程序不会建立的{word}“{name}”")
            continue
        if expected[0] != kind:
            problems.append(f"“{name}”应是{KIND_WORDS.get(expected[0], expected[0])}，却是{word}")
        elif kind == "table" and (
            columns != expected[3]
            or (sql != expected[2] and "VIRTUAL" in (sql[:16] + expected[2][:16]).upper())
        ):
            problems.append(f"数据表“{name}”的列与本程序的不符")
        elif kind in ("trigger", "view", "index") and (sql != expected[2] or table != expected[1]):
            problems.append(f"{word}“{name}”的定义被改动过")
    for name, (kind, _table, _sql, _columns) in want.items():
        if name not in have:
            problems.append(f"缺少{KIND_WORDS.get(kind, kind)}“{name}”")
    return problems


def snapshot_text() -> str:
    """The source of ``ledger.storage.schema_snapshot``: the newest version's schema, as our migrations make it."""
    from ledger.storage.schema import SCHEMA_VERSION

    lines = [
        '"""The schema our migrations make for the newest version, in ``ledger.storage.untrusted.read_schema``\'s',
        "form: written by ``python tools/schema_snapshot.py``, never by hand (tests/ledger/storage/",
        "test_schema_snapshot.py rebuilds it from the migrations and fails when it differs). Checking a ledger's",
        'schema at each start-up reads this instead of running every migration in a database in memory."""',
        "",
        "# fmt: off",
        f"VERSION = {SCHEMA_VERSION}",
        "SCHEMA: dict[str, tuple[str, str, str, tuple[tuple[str, str, int, int], ...]]] = {",
    ]
    for name, entry in sorted(migrated_schema(SCHEMA_VERSION).items()):
        lines.append(f"    {name!r}: {entry!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def guard(conn: sqlite3.Connection, seconds: float = QUERY_SECONDS) -> TimeLimit:
    """``time_limit`` for the rest of the connection's life (a package read by many functions): a statement
    stopped raises sqlite3.OperationalError, which ``stopped(exc)`` tells apart from damage."""
    limit = TimeLimit(seconds)
    conn.set_trace_callback(limit.restart)
    conn.set_progress_handler(limit.check, PROGRESS_STEPS)
    return limit


def stopped(exc: BaseException) -> bool:
    """Was ``exc`` a statement stopped by a time limit (SQLITE_INTERRUPT)?"""
    return (
        isinstance(exc, sqlite3.OperationalError)
        and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT
    )


def check_file_schema(conn: sqlite3.Connection, path: Path, newest: int) -> int:
    """Harden ``conn`` and compare its schema with ours (under a time limit); returns its schema version.

    A file of version 0 is no file of ours and is left for the caller to refuse by its missing tables; one newer
    than ``newest`` is refused as ``too_new``."""
    harden(conn)
    with time_limit(conn, path):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > newest:
            from ledger.core import KnownStorageError

            raise KnownStorageError("too_new", path=path, found=version, known=newest)
        if version > 0:
            problems = schema_problems(conn, version)
            if problems:
                raise LedgerError("unexpected_schema", path=path, detail="；".join(problems[:3]))
    return version
