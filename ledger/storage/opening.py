"""Opening a ledger file with care: what is refused before SQLite reads it, its lock file, SQLite's error codes as
the user's sentences, and the upgrade of an older file behind a backup (``Store.open`` puts them together)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.core import KnownStorageError, LedgerError
from ledger.storage.lockfile import LockFile, LockHeld
from ledger.storage.schema import SCHEMA_VERSION
from ledger.storage.untrusted import harden, schema_problems, time_limit

if TYPE_CHECKING:
    from ledger.storage.store import Store
    from ledger.storage.upgrade import Report

log = logging.getLogger(__name__)

APP_ID = "zhenggai-ledger"
SQLITE_MAGIC = b"SQLite format 3\x00"

CRASH_IN_BACKUP_ENV = "LEDGER_TEST_CRASH_IN_BACKUP"  # tests: os._exit(9) half-way through a backup
BACKUP_PAGES = 4
PARTIAL_PREFIX = ".~备份中-"


# SQLite's primary result codes (the low byte of an extended code, e.g. SQLITE_BUSY_SNAPSHOT) that the
# environment causes → the KnownStorageError told to the user. Any other code is a bug of ours and propagates.
KNOWN_CODES: dict[int, str] = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "not_a_ledger",
    sqlite3.SQLITE_CANTOPEN: "unreadable",
    sqlite3.SQLITE_IOERR: "io_error",
}


def known_storage_error(exc: sqlite3.Error, path: Path) -> LedgerError:
    """The error to show for ``exc``, chosen by SQLite's error code (never its message, which varies by version).

    A broken constraint is the user's ``constraint`` error; the codes of ``KNOWN_CODES`` are the environment's
    fault. Any other ``exc`` is re-raised as it is: a bug, for the crash dialog and the log."""
    code: int | None = getattr(exc, "sqlite_errorcode", None)  # None: raised by Python, not SQLite
    primary = code & 0xFF if code is not None else None
    if primary == sqlite3.SQLITE_CONSTRAINT:
        return LedgerError("constraint", detail=str(exc))
    kind = KNOWN_CODES.get(primary) if primary is not None else None
    if kind is None:
        raise exc
    if kind == "not_a_ledger":
        return KnownStorageError(kind, path=path, detail="不是 SQLite 数据库")
    return KnownStorageError(kind, path=path, detail=str(exc))


def check_file(path: Path) -> None:
    """Refuse what is plainly not a ledger before SQLite touches it (and before any lock file)."""
    if not path.exists():
        raise LedgerError("not_found", path=path)
    if path.is_dir():
        raise KnownStorageError("not_a_ledger", path=path, detail="这是一个文件夹")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise KnownStorageError("unreadable", path=path, detail=exc.strerror or str(exc)) from exc
    if head != SQLITE_MAGIC:
        raise KnownStorageError("not_a_ledger", path=path, detail="文件头不是 SQLite 数据库")


def check_untrusted(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Is it a ledger, and is its schema the one our migrations make for its version (with a time limit)?"""
    with time_limit(conn, path):
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "setting" not in tables or "journal" not in tables:
            raise KnownStorageError("not_a_ledger", path=path, detail="缺少台账的数据表")
        if 0 < version <= SCHEMA_VERSION:
            problems = schema_problems(conn, version)
            if problems:
                raise KnownStorageError("unexpected_schema", path=path, detail="；".join(problems[:3]))
        row = conn.execute("SELECT value FROM setting WHERE key = 'app'").fetchone()
        if row is None or row[0] != f'"{APP_ID}"':
            raise KnownStorageError("not_a_ledger", path=path, detail="不是本程序创建的台账")


def checked_version(conn: sqlite3.Connection, path: Path, *, created: bool = False) -> int:
    """The schema version of the file ``conn`` has just opened, hardened against its schema (``harden``) and
    checked (``check_untrusted``, unless it was just ``created``); a version newer than ours is refused."""
    harden(conn)
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if not created:
        check_untrusted(conn, path, version)
    if version > SCHEMA_VERSION:
        raise KnownStorageError("too_new", path=path, found=version, known=SCHEMA_VERSION)
    return version


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the ledger at ``path`` (checked as ``Store.open`` checks it)."""
    check_file(path)
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
            version = checked_version(conn, path)
            if version < SCHEMA_VERSION:
                # An older file needs its migration, which writes (behind a backup, with the user told): never here.
                raise KnownStorageError("needs_upgrade", path=path, found=version)
        except sqlite3.Error as exc:
            raise known_storage_error(exc, path) from exc
        return conn
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def migrate(store: Store, version: int, create: bool, report: Report | None = None) -> None:
    """Take ``store``'s file from ``version`` to ``SCHEMA_VERSION``: first a backup of an older file, then every
    migration in ONE transaction (a migration that fails, is cancelled or killed half-way leaves the file as it
    was). A failed upgrade removes its backup: the file itself is the old one still."""
    if version == SCHEMA_VERSION:
        return
    from ledger.storage import upgrade  # only an older (or a new) file: not on every open

    watch = upgrade.Watch(report if report is not None else upgrade.default_report())
    backup: Path | None = None
    if version > 0 and not create:
        backup = upgrade.backup_path(store.path, version)
        pages = int(store.one("PRAGMA page_count"))
        watch.begin(upgrade.Stage("backup", total=pages, backup=backup))
        store.backup(backup, progress=watch.advance_pages if watch.report is not None else None)
    try:
        with store.db.atomic():
            log.info("migrating %s from schema %d to %d", store.path, version, SCHEMA_VERSION)
            upgrade.migrate(store.conn, version, watch)
            store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if create:
                store.conn.execute("INSERT INTO setting(key, value) VALUES ('app', ?)", (f'"{APP_ID}"',))
            upgrade.crash_before_commit()
    except BaseException:
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    watch.begin(upgrade.Stage("done", backup=backup))


def copy(
    conn: sqlite3.Connection, source: Path, target: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """``Store.backup``: ``conn``'s database (the ledger at ``source``) copied to ``target`` through SQLite's online
    backup API, under a hidden partial name renamed over ``target`` when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = partial_backup(target)
    remove_partial_backups(target.parent, source.stem)
    crash = os.environ.get(CRASH_IN_BACKUP_ENV) == "1"

    def copied(_status: int, remaining: int, total: int) -> None:
        if crash and remaining > 0:
            os._exit(9)  # tests: the program killed in the middle of writing a backup
        if progress is not None:
            progress(total - remaining, total)

    from ledger.storage.upgrade import BACKUP_STEP_PAGES

    pages = BACKUP_PAGES if crash else BACKUP_STEP_PAGES if progress is not None else -1
    dest = sqlite3.connect(str(part))
    try:
        conn.backup(dest, pages=pages, progress=copied)
    except BaseException:
        dest.close()
        part.unlink(missing_ok=True)
        raise
    dest.close()
    os.replace(part, target)
    return target


def partial_backup(target: Path) -> Path:
    """Where the backup ``target`` is written until it is complete: hidden, beside it, named after it."""
    return target.with_name(f"{PARTIAL_PREFIX}{target.name}")


def remove_partial_backups(folder: Path, stem: str) -> None:
    """Remove what killed backups of the ledger named ``stem`` left in ``folder`` (their hidden partial files and
    SQLite's journals of them). Every backup's name begins with its ledger's stem and "." or "-"; a partial
    backup of another ledger may be being written by another process and is left alone."""
    mine = (f"{PARTIAL_PREFIX}{stem}.", f"{PARTIAL_PREFIX}{stem}-")
    with contextlib.suppress(OSError):
        for leftover in folder.iterdir():
            if leftover.name.startswith(mine):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def lock_path(path: Path) -> Path:
    """The lock file beside the ledger. A dot file, so that Linux file managers do not show it next to the ledger
    (it stays on disk after release on Linux; on Windows it is removed). Beside the resolved path, so
    that the ledger opened through a symlink, or a relative path, takes the same lock as through its real name."""
    real = path.resolve()
    return real.with_name(f".{real.name}.lock")


def acquire_lock(path: Path) -> LockFile:
    lock = LockFile(lock_path(path))
    try:
        lock.acquire()
    except LockHeld:
        raise KnownStorageError("locked", path=path) from None
    except OSError as exc:
        raise KnownStorageError("read_only", path=path) from exc
    return lock
