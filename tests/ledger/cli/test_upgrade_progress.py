"""A command that opens an older ledger file for writing says on stderr how far its upgrade has got; stdout (and
with it --json) stays clean."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from ledger.cli import progress
from ledger.cli.main import main
from ledger.service import Ledger
from ledger.storage import upgrade
from tests.ledger.storage.old_files import old_file


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _stats(path: Path, stderr: io.StringIO, monkeypatch: pytest.MonkeyPatch, capsys) -> dict:
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["stats", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_on_a_terminal_each_stage_is_one_line_rewritten_in_place(
    filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(upgrade, "BACKUP_STEP_PAGES", 1)
    monkeypatch.setattr(upgrade, "REPORT_EVERY", 0.0)
    path = old_file(filled, tmp_path / "旧.db")
    err = Terminal()
    assert _stats(path, err, monkeypatch, capsys)["tasks"] == 6
    lines = err.getvalue().split("\n")
    assert lines[0].startswith("\r正在备份原文件到“旧.v8-备份.db”…") and lines[0].rstrip().endswith("100%")
    assert lines[0].count("\r") > 2  # rewritten as the pages were copied
    assert lines[1].startswith("\r正在升级台账文件（第 1 步，共 1 步：建立搜索索引）…  已用 ")
    assert lines[2:] == ["台账文件已升级。", ""]
    assert upgrade.pending(path) is None
    err = Terminal()
    _stats(path, err, monkeypatch, capsys)
    assert err.getvalue() == ""  # nothing to upgrade: nothing said


def test_elsewhere_only_a_long_stage_is_told(
    filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    first = old_file(filled, tmp_path / "旧.db")
    second = tmp_path / "另一个旧.db"
    second.write_bytes(first.read_bytes())
    err = io.StringIO()
    assert _stats(first, err, monkeypatch, capsys)["tasks"] == 6
    assert err.getvalue() == ""  # a log or a pipe is not told about stages of milliseconds

    monkeypatch.setattr(progress, "LONG", 0.0)  # every stage counts as long
    err = io.StringIO()
    _stats(second, err, monkeypatch, capsys)
    lines = err.getvalue().splitlines()
    assert "\r" not in err.getvalue()
    assert lines[0].startswith("正在备份原文件到“另一个旧.v8-备份.db”…")
    assert lines[-2].startswith("正在升级台账文件（第 1 步，共 1 步：建立搜索索引）…  已用 ")
    assert lines[-1] == "台账文件已升级。"


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_a_real_terminal_on_stderr_gets_the_lines_and_json_stdout_stays_clean(
    filled: Ledger, tmp_path: Path
) -> None:
    import os
    import pty
    import subprocess
    import threading

    path = old_file(filled, tmp_path / "旧.db")
    main_py = Path(__file__).resolve().parents[3] / "main.py"
    leader, follower = pty.openpty()
    said: list[bytes] = []

    def read_terminal() -> None:  # read while the command runs, so a full terminal buffer never stops it
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the other end is closed: all read
                return
            if not chunk:
                return
            said.append(chunk)

    reader = threading.Thread(target=read_terminal)
    reader.start()
    try:
        done = subprocess.run(
            [sys.executable, str(main_py), "stats", str(path), "--json"],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
        )
    finally:
        os.close(follower)
        reader.join(30)
        os.close(leader)
    assert done.returncode == 0
    assert json.loads(done.stdout)["tasks"] == 6
    text = b"".join(said).decode("utf-8")
    assert "正在备份原文件到“旧.v8-备份.db”…" in text and "100%" in text
    assert "正在升级台账文件（第 1 步，共 1 步：建立搜索索引）…" in text and "台账文件已升级。" in text
