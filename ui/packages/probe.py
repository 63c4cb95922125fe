"""Is a file a community package? A quick look that imports neither Qt widgets nor the exchange room, so that
opening an ordinary ledger at start-up pays ~1 ms for the question (the secretary's dialog module is imported
only for a package)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

PACKAGE_KEY = "package"  # ledger.exchange.PACKAGE_SETTING, read here without importing the exchange room


def looks_like_package(path: Path) -> bool:
    """Does the file carry a package record?"""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT 1 FROM setting WHERE key = ?", (PACKAGE_KEY,)).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return False
    return row is not None
