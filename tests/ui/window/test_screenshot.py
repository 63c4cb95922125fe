"""`main.py screenshot LEDGER OUTDIR`: the views as a user sees them, read without writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core import LedgerError
from ledger.service import Ledger
from tests.ledger.storage.old_files import backups_beside, old_file, snapshot
from ui.window.screenshot import render_all


def test_an_older_file_is_refused_with_a_sentence_not_upgraded(qapp, filled: Ledger, tmp_path: Path) -> None:
    path = old_file(filled, tmp_path / "旧.db")
    before = snapshot(path)
    with pytest.raises(LedgerError) as info:
        render_all(path, tmp_path / "shots", today="2025-11-20", dialogs=False)
    assert info.value.code == "needs_upgrade" and "请先在程序窗口中打开它" in info.value.message()
    assert snapshot(path) == before and backups_beside(path) == []
    assert not (tmp_path / "shots").exists() or not list((tmp_path / "shots").iterdir())
