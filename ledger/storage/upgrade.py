"""Upgrading an older ledger file while saying how far it got: the backup page by page, then the numbered
migrations (ledger/storage/schema.py) in one transaction, watched by SQLite's progress handler.

The migrations themselves are never touched ("append, never edit"): progress comes from outside them. The backup
counts its pages; a migration that reads rows one by one in Python (``ROW_TOTALS``) counts the rows it has read
against a count asked before the step; any other step is watched by SQLite's progress handler, which says it is
alive (the seconds it has run) and, when the report raises, stops the statement running (``SQLITE_INTERRUPT``)
so the caller rolls the whole transaction back and the file stays as it was."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ledger.storage.schema import MIGRATIONS, SCHEMA_VERSION

# tests: os._exit(9) inside the upgrade. "N": at the progress handler's first call in migration N; "commit": after
# every migration ran and the new version is written, just before COMMIT.
CRASH_IN_MIGRATION_ENV = "LEDGER_TEST_CRASH_IN_MIGRATION"
PROGRESS_EVERY = 10_000  # SQLite VM instructions between two calls of the progress handler (well under 1 ms)
REPORT_EVERY = 0.1  # seconds between two reports within one stage
BACKUP_STEP_PAGES = 2048  # pages the backup copies between two reports (8 MB of 4 KB pages)

# Migrations that read rows one by one in Python: the query counting those rows, asked before the step.
ROW_TOTALS: dict[int, str] = {7: "SELECT COUNT(*) FROM journal"}

# What each migration does, for the progress line.
STEP_WORDS: dict[int, str] = {
    6: "整理原定时限",
    7: "建立修改历史索引",
    8: "建立排序索引",
    9: "建立搜索索引",
}


@dataclass(frozen=True)
class Stage:
    """Where an upgrade is: the backup (``kind`` "backup") or one migration ("migrate"), and how far within it."""

    kind: str  # "backup", "migrate", or "done" (after COMMIT: the file is upgraded)
    step: int = 0  # "migrate": this upgrade's step, from 1
    steps: int = 0  # how many migrations this upgrade runs
    schema: int = 0  # the version the step makes
    done: int = 0  # pages or rows done
    total: int = 0  # pages or rows in all; 0: nothing to count (the step is alive, that is all it says)
    elapsed: float = 0.0  # seconds since the stage began
    backup: Path | None = None

    @property
    def fraction(self) -> float | None:
        return min(self.done / self.total, 1.0) if self.total > 0 else None

    def sentence(self) -> str:
        """The progress line the command line prints, e.g. "正在升级台账文件（第 1 步，共 1 步：建立搜索索引）…  45%"."""
        if self.kind == "done":
            return "台账文件已升级。"
        if self.kind == "backup":
            head = f"正在备份原文件到“{self.backup.name if self.backup else ''}”…"
        else:
            what = STEP_WORDS.get(self.schema, f"第 {self.schema} 版")
            head = f"正在升级台账文件（第 {self.step} 步，共 {self.steps} 步：{what}）…"
        fraction = self.fraction
        if fraction is not None:
            return f"{head}  {fraction:.0%}"
        return f"{head}  已用 {self.elapsed:.0f} 秒"


Report = Callable[[Stage], None]  # may raise (取消, Ctrl+C): the upgrade stops and its exception propagates


# Who is told when no report is given to Store.open: the command line's progress lines (``reporting``). A context
# variable, so a worker thread of the window (which passes its own report) never prints to a terminal.
_DEFAULT: contextvars.ContextVar[Report | None] = contextvars.ContextVar("upgrade_report", default=None)


@contextlib.contextmanager
def reporting(report: Report) -> Iterator[None]:
    """Within the block, upgrades opened without a report of their own report to ``report``."""
    token = _DEFAULT.set(report)
    try:
        yield
    finally:
        _DEFAULT.reset(token)


def default_report() -> Report | None:
    return _DEFAULT.get()


def backup_path(path: Path, version: int) -> Path:
    """Where the file of ``version`` is copied before it is upgraded."""
    return path.with_name(f"{path.stem}.v{version}-备份{path.suffix}")


def pending(path: str | Path) -> int | None:
    """The schema version of an older ledger file that opening it for writing will upgrade (first backing it up);
    None when it needs no upgrade or cannot be read (then opening it says why). Reads only the file's header."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return version if 0 < version < SCHEMA_VERSION else None


class Watch:
    """Reports one stage at most every ``REPORT_EVERY`` seconds; as SQLite's progress handler, stops the running
    statement when the report raised (the exception is kept in ``error`` and raised again by ``migrate``)."""

    def __init__(self, report: Report | None) -> None:
        self.report = report
        self.stage = Stage("backup")
        self.done = 0  # of the current stage, kept apart from ``stage``: a Stage is made only when it is sent
        self.started = time.monotonic()
        self.next = 0.0
        self.error: BaseException | None = None
        crash = os.environ.get(CRASH_IN_MIGRATION_ENV, "")
        self.crash_in = int(crash) if crash.isdigit() else None

    def begin(self, stage: Stage) -> None:
        self.stage, self.done = stage, stage.done
        self.started = time.monotonic()
        self.send(force=True)

    def advance(self, done: int) -> None:
        """Rows done: reported if it is time (raises what the report raised)."""
        self.done = done
        if self.report is not None and time.monotonic() >= self.next:
            self.send()

    def advance_pages(self, done: int, total: int) -> None:
        """The backup's pages copied of all its pages."""
        self.done = done
        if total != self.stage.total:
            self.stage = dataclasses.replace(self.stage, total=total)
        self.send(force=done >= total)

    def send(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.report is None or (not force and now < self.next):
            return
        self.next = now + REPORT_EVERY
        self.report(dataclasses.replace(self.stage, done=self.done, elapsed=now - self.started))

    def handler(self) -> int:
        """SQLite's progress handler: non-zero interrupts the statement (SQLite then rolls it back)."""
        if self.crash_in is not None and self.stage.kind == "migrate" and self.stage.schema == self.crash_in:
            os._exit(9)
        try:
            self.send()
        except BaseException as exc:  # 取消, Ctrl+C: stop the statement; ``migrate`` raises it again
            self.error = exc
            return 1
        return 0


class _Counted:
    """The connection as a migration of ``ROW_TOTALS`` sees it: the rows it iterates from its queries are counted."""

    def __init__(self, conn: sqlite3.Connection, watch: Watch) -> None:
        self._conn = conn
        self._watch = watch
        self.rows = 0

    def execute(self, sql: str, params: Any = ()) -> _CountedCursor:
        return _CountedCursor(self._conn.execute(sql, params), self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


class _CountedCursor:
    def __init__(self, cursor: sqlite3.Cursor, owner: _Counted) -> None:
        self._cursor = cursor
        self._owner = owner

    def __iter__(self) -> Iterator[Any]:
        for row in self._cursor:
            self._owner.rows += 1
            self._owner._watch.advance(self._owner.rows)
            yield row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def migrate(conn: sqlite3.Connection, version: int, watch: Watch) -> None:
    """Run the migrations after ``version`` on ``conn``, inside the caller's transaction, reporting each step.

    When the report raises (in the progress handler, between rows, or between steps) the statement running is
    interrupted and the report's exception is raised here: the caller rolls the transaction back."""
    numbers = range(version + 1, SCHEMA_VERSION + 1)
    if watch.report is not None or watch.crash_in is not None:  # no one to tell: no handler, no cost
        # Under the crash hook every 100 instructions: the kill comes inside the step's first statements.
        conn.set_progress_handler(watch.handler, 100 if watch.crash_in is not None else PROGRESS_EVERY)
    try:
        for step, number in enumerate(numbers, 1):
            total_sql = ROW_TOTALS.get(number)
            total = int(conn.execute(total_sql).fetchone()[0]) if total_sql and version > 0 else 0
            watch.begin(Stage("migrate", step, len(numbers), number, 0, total, backup=watch.stage.backup))
            target = cast(sqlite3.Connection, _Counted(conn, watch)) if total else conn
            try:
                MIGRATIONS[number - 1](target)
            except sqlite3.OperationalError:
                if watch.error is not None:
                    raise watch.error from None
                raise
            if watch.error is not None:  # the statement was interrupted as it finished: stopped all the same
                raise watch.error
        # the last word before COMMIT: 取消 pressed now still leaves the file as it was
        watch.send(force=True)
    finally:
        conn.set_progress_handler(None, 0)


def crash_before_commit() -> None:
    if os.environ.get(CRASH_IN_MIGRATION_ENV) == "commit":
        os._exit(9)
