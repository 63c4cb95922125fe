"""Storage errors by SQLite's error code: the environment's are a sentence for the user, anything else a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ledger.core.errors import KnownStorageError, LedgerError
from ledger.service.commands import Ledger
from ledger.storage.store import Store, known_storage_error


def _closed_copy(led: Ledger, tmp_path: Path) -> Path:
    led.close()
    target = tmp_path / "副本.db"
    target.write_bytes(led.path.read_bytes())
    return target


def _error_of(code: int, name: str, text: str = "whatever the message says") -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


# ---- real SQLite situations ---------------------------------------------------------------------
def test_a_write_while_another_program_holds_the_file_is_busy(ledger: Ledger) -> None:
    other = sqlite3.connect(ledger.path)
    other.execute("BEGIN EXCLUSIVE")
    ledger.store.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(KnownStorageError) as caught:
            ledger.add_community("南郊别墅")
    finally:
        other.rollback()
        other.close()
    assert caught.value.code == "busy"
    assert "稍候再试" in caught.value.message()
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)


def test_a_write_to_a_read_only_ledger_is_read_only(ledger: Ledger) -> None:
    ledger.store.conn.execute("PRAGMA query_only = ON")  # SQLite refuses writes with SQLITE_READONLY
    with pytest.raises(KnownStorageError) as caught:
        ledger.add_community("南郊别墅")
    assert caught.value.code == "read_only"


def test_a_write_past_the_space_left_is_disk_full(ledger: Ledger) -> None:
    pages = ledger.store.conn.execute("PRAGMA page_count").fetchone()[0]
    ledger.store.conn.execute(
        f"PRAGMA max_page_count = {pages}"
    )  # as if the disk had no room for a page more
    with pytest.raises(KnownStorageError) as caught:
        ledger.add_category("很长的类别" * 2000)
    assert caught.value.code == "disk_full"
    assert "磁盘已满" in caught.value.message()


def test_a_file_with_the_header_but_not_a_database_is_not_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "假台账.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    with pytest.raises(KnownStorageError) as caught:
        Store.open(path, lock=False)
    assert caught.value.code == "not_a_ledger"


def test_a_truncated_ledger_is_damaged(ledger: Ledger, tmp_path: Path) -> None:
    for i in range(200):
        ledger.add_community(f"居民区{i:03}" + "很长的名字" * 40)
    path = _closed_copy(ledger, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KnownStorageError) as caught:
        Store.open(path, lock=False).conn.execute("PRAGMA integrity_check").fetchall()
    assert caught.value.code == "damaged"


# ---- codes no test can provoke on every machine: the exception as SQLite would raise it -------------
@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        (sqlite3.SQLITE_BUSY, "SQLITE_BUSY", "busy"),
        (sqlite3.SQLITE_LOCKED, "SQLITE_LOCKED", "busy"),
        (517, "SQLITE_BUSY_SNAPSHOT", "busy"),  # an extended code counts by its primary code
        (sqlite3.SQLITE_READONLY, "SQLITE_READONLY", "read_only"),
        (sqlite3.SQLITE_FULL, "SQLITE_FULL", "disk_full"),
        (sqlite3.SQLITE_CORRUPT, "SQLITE_CORRUPT", "damaged"),
        (sqlite3.SQLITE_NOTADB, "SQLITE_NOTADB", "not_a_ledger"),
        (sqlite3.SQLITE_CANTOPEN, "SQLITE_CANTOPEN", "unreadable"),
        (sqlite3.SQLITE_IOERR, "SQLITE_IOERR", "io_error"),
        (778, "SQLITE_IOERR_WRITE", "io_error"),
    ],
)
def test_each_known_code_is_a_sentence_for_the_user(code: int, name: str, kind: str) -> None:
    error = known_storage_error(_error_of(code, name), Path("台账.db"))
    assert isinstance(error, KnownStorageError) and error.code == kind
    assert error.message() and "{" not in error.message()


def test_the_message_text_alone_decides_nothing() -> None:
    """A message that reads like a busy file, under another code, is not taken for one."""
    exc = _error_of(sqlite3.SQLITE_ERROR, "SQLITE_ERROR", "database is locked")
    with pytest.raises(sqlite3.OperationalError) as caught:
        known_storage_error(exc, Path("台账.db"))
    assert caught.value is exc


def test_a_broken_constraint_is_the_users_error() -> None:
    exc = sqlite3.IntegrityError("UNIQUE constraint failed: community.name")
    exc.sqlite_errorcode, exc.sqlite_errorname = 2067, "SQLITE_CONSTRAINT_UNIQUE"
    error = known_storage_error(exc, Path("台账.db"))
    assert type(error) is LedgerError and error.code == "constraint"


@pytest.mark.parametrize(
    "exc",
    [
        _error_of(sqlite3.SQLITE_ERROR, "SQLITE_ERROR", "no such table: tsak"),
        _error_of(sqlite3.SQLITE_MISMATCH, "SQLITE_MISMATCH"),
        sqlite3.ProgrammingError("Cannot operate on a closed database."),  # no code at all
    ],
)
def test_an_unclassified_error_is_a_bug_and_propagates(exc: sqlite3.Error) -> None:
    with pytest.raises(type(exc)) as caught:
        known_storage_error(exc, Path("台账.db"))
    assert caught.value is exc


def test_a_bug_in_a_command_is_not_swallowed(ledger: Ledger) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"), ledger.command("bug", None, {}):
        ledger.store.conn.execute("SELECT * FROM tsak")
