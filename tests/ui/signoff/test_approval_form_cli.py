"""`main.py approval-form LEDGER --task ID OUT.pdf` on a ledger file written by an older version: upgraded as every
other command upgrades it (a backup beside it, how far it got on stderr), not silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.cli import progress
from ledger.service import Ledger
from ledger.storage import upgrade
from tests.ledger.storage.old_files import backups_beside, old_file
from ui.signoff import approval_form


def test_an_older_file_is_backed_up_and_upgraded_saying_so_on_stderr(
    qapp, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress, "LONG", 0.0)  # stderr is no terminal here: every stage counts as long
    task = filled.tasks_json()[0]["id"]
    path = old_file(filled, tmp_path / "旧.db")
    out = tmp_path / "审批表.pdf"
    assert approval_form.cmd_approval_form(path, task[:8], out, today="2025-12-01") == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert upgrade.pending(path) is None and backups_beside(path) == ["旧.v8-备份.db"]
    said = capsys.readouterr()
    lines = said.err.splitlines()
    assert lines[0].startswith("正在备份原文件到“旧.v8-备份.db”…")
    assert lines[-1] == "台账文件已升级。"
    assert said.out == f"已生成销号审批表：{out}\n"  # stdout has only the result
