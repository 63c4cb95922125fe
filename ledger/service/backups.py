"""Backups: before a bulk change, beside the ledger; and automatic copies in the data folder when it closes changed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ledger.service.commands import Ledger

log = logging.getLogger(__name__)

KEEP = 10  # copies kept per ledger; the oldest go first
FOLDER = "自动备份"
# An automatic copy's file name: a pattern compiled on first use (re's own cache), not before the first paint.
NAME = r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-第(?P<seq>\d+)条\.db$"


def before_bulk_change(ledger: Ledger, label: str) -> Path:
    """Copy the ledger beside itself as "<stem>.<label>-YYYYMMDD-HHMMSS.db" (a "-2" … when that name is taken, so
    two imports in one second keep two copies) before an import or a merge; returns the copy's path."""
    stamp = ledger.clock.now().strftime("%Y%m%d-%H%M%S")
    base = ledger.path.with_name(f"{ledger.path.stem}.{label}-{stamp}.db")
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{ledger.path.stem}.{label}-{stamp}-{n}.db")
    return ledger.store.backup(candidate)


def folder_for(ledger_path: Path, data_dir: Path) -> Path:
    """One folder per ledger file: its name, and a short hash of where it is (two 整改台账.db never mix)."""
    import hashlib  # here: the window's start-up should not wait for it

    resolved = str(Path(ledger_path).resolve())
    tag = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:6]
    return Path(data_dir) / FOLDER / f"{Path(ledger_path).stem}-{tag}"


def backups(ledger_path: Path, data_dir: Path) -> list[Path]:
    """This ledger's automatic copies, newest first."""
    where = folder_for(ledger_path, data_dir)
    if not where.is_dir():
        return []
    found = [p for p in where.iterdir() if re.match(NAME, p.name)]
    return sorted(
        found,
        key=lambda p: (re.match(NAME, p.name)["stamp"], int(re.match(NAME, p.name)["seq"])),  # type: ignore[index]
        reverse=True,
    )


def backup_if_changed(ledger: Ledger, data_dir: Path, keep: int = KEEP) -> Path | None:
    """Copy the ledger (SQLite's online backup) unless the newest copy already holds its last journal entry;
    then keep only the newest ``keep`` copies. Returns the new copy, or None when nothing had changed."""
    seq = ledger.store.last_seq()
    existing = backups(ledger.path, data_dir)
    if existing and int(re.match(NAME, existing[0].name)["seq"]) == seq:  # type: ignore[index]
        return None
    stamp = ledger.clock.now().strftime("%Y%m%d-%H%M%S")
    target = folder_for(ledger.path, data_dir) / f"{ledger.path.stem}-{stamp}-第{seq}条.db"
    ledger.store.backup(target)  # written under a hidden name and renamed when complete
    for old in backups(ledger.path, data_dir)[keep:]:
        old.unlink(missing_ok=True)
    log.info("automatic backup of %s at entry %d: %s", ledger.path, seq, target)
    return target
