"""The ledger's lock file: one writer at a time, across processes, released with the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ledger.core import FixedClock, KnownStorageError
from ledger.service import Ledger
from ledger.storage.lockfile import LockFile, LockHeld
from ledger.storage.store import lock_path


def test_a_second_lock_on_the_same_file_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    first, second = LockFile(tmp_path / ".a.lock"), LockFile(tmp_path / ".a.lock")
    first.acquire()
    with pytest.raises(LockHeld):
        second.acquire()
    first.release()
    second.acquire()
    assert second.is_locked and not first.is_locked
    second.release()


def test_another_process_holding_the_ledger_refuses_it_with_the_sentence(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    Ledger.create(path, org="甲", clock=FixedClock.on("2025-11-20")).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from ledger.storage.lockfile import LockFile
                lock = LockFile({str(lock_path(path))!r}); lock.acquire()
                print("held", flush=True); sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(KnownStorageError) as refused:
            Ledger.open(path)
        assert refused.value.code == "locked"
        assert "台账.db" in refused.value.message()
    finally:
        holder.communicate("\n")
    Ledger.open(path).close()  # the holder has ended: its lock went with it


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    Ledger.create(path, org="甲", clock=FixedClock.on("2025-11-20")).close()
    script = f"from ledger.service import Ledger; Ledger.open({str(path)!r}); import os; os._exit(9)"
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 9
    Ledger.open(path).close()
