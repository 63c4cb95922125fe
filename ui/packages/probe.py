"""Is a file a community package, and of which schema version? A quick look that imports neither Qt widgets nor
the exchange room, so that opening an ordinary ledger at start-up pays one read-only connection (~0.5 ms) for
both questions (the secretary's dialog module is imported only for a package, the upgrade dialog's only for an
older file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ledger.core import LedgerError
from ledger.storage.untrusted import harden, time_limit

PACKAGE_KEY = "package"  # ledger.exchange.PACKAGE_SETTING, read here without importing the exchange room


def quick_look(path: Path) -> tuple[int | None, bool]:
    """(the file's schema version, whether it carries a package record); (None, False) when it cannot be read
    (opening it then says why). The version is ``ledger.storage.upgrade.pending``'s question, asked on the same
    connection instead of a second one.

    The file is not checked yet: its ``setting`` may be a view that never ends (a recursive one) or calls
    functions. As the real open's checks do, the look runs with the schema untrusted and each statement limited in
    time; a file that runs out of time is one that cannot be read here."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
        try:
            harden(conn)
            with time_limit(conn, Path(path)) as limit:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                try:
                    row = conn.execute("SELECT 1 FROM setting WHERE key = ?", (PACKAGE_KEY,)).fetchone()
                except sqlite3.Error:
                    if limit.tripped:
                        raise
                    row = None
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError, LedgerError):
        return None, False
    return version, row is not None


def looks_like_package(path: Path) -> bool:
    """Does the file carry a package record?"""
    return quick_look(path)[1]
