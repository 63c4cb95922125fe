"""`main.py history LEDGER --task ID [--json]` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ledger.cli.test_main import TODAY, ok, refused


def test_a_tasks_history_lists_its_import_and_its_changes(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("generate", path, "--tasks", "200", "--communities", "4", "--today", TODAY)
    tid = json.loads(ok("tasks", path, "--json"))[5]["id"]
    ok("do", path, "--actor", "张专班", "update_progress", "--task", tid[:8], "--text", "已开展培训 3 次")
    history = json.loads(ok("history", path, "--task", tid[:8], "--json"))
    assert history["task"] == tid
    changes = history["changes"]  # newest first, one row per changed field
    assert (changes[0]["who"], changes[0]["what"], changes[0]["after"]) == (
        "张专班",
        "整改进展",
        "已开展培训 3 次",
    )
    assert {(c["who"], c["what"]) for c in changes[1:]} >= {("生成器", "新建任务")}
    text = ok("history", path, "--task", tid)
    assert "已开展培训 3 次" in text and "新建任务" in text


def test_an_unknown_task_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("new", path)
    assert "任务" in refused("history", path, "--task", "abcdef12").stderr
