"""The program killed while it writes the backup before a merge: no short "备份" file is left under a backup's
name, the ledger is as it was, and the next run cleans the leftover and writes a complete backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ledger.core import FixedClock
from ledger.exchange import packages as exchange
from ledger.service import Ledger
from ledger.storage.store import CRASH_IN_BACKUP_ENV, PARTIAL_PREFIX
from tests.ledger.exchange.exchange_helpers import data_dump, edit_package, master

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=180,
    )


def test_a_kill_during_the_backup_before_a_merge_leaves_no_short_backup(
    tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = master(tmp_path, clock)
    for i in range(40):  # enough pages that the backup takes several steps
        led.update_progress(ids["tasks_a"][i % len(ids["tasks_a"])], f"第 {i} 次进展：" + "入户走访" * 40)
    package = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    led.close()
    pkg = edit_package(package, clock)
    pkg.update_progress(ids["tasks_a"][0], "书记的进展")
    pkg.close()
    returned = exchange.return_package(package, clock=clock)
    path = tmp_path / "主台账.db"
    before = data_dump(path)

    killed = run("apply-package", path, returned, env={CRASH_IN_BACKUP_ENV: "1"})
    assert killed.returncode == 9, (killed.stdout, killed.stderr)
    named = [p for p in tmp_path.iterdir() if "备份" in p.name and not p.name.startswith(".")]
    assert named == [], "a killed backup left a file under a backup's name"
    assert any(p.name.startswith(PARTIAL_PREFIX) for p in tmp_path.iterdir())  # killed while writing it
    assert data_dump(path) == before
    assert run("verify", path).returncode == 0

    done = run("apply-package", path, returned)
    assert done.returncode == 0, done.stderr
    backups = [p for p in tmp_path.iterdir() if "合并前备份" in p.name]
    assert len(backups) == 1 and not any(p.name.startswith(PARTIAL_PREFIX) for p in tmp_path.iterdir())
    copy = Ledger.open(backups[0], lock=False)
    try:
        assert len(copy.tasks_json()) == 6
    finally:
        copy.close()
