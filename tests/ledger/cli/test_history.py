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
    assert [e["label"] for e in history] == ["批量生成", "更新整改进展"]
    assert [e["actor"] for e in history] == ["生成器", "张专班"]
    assert history[0]["lines"][0]["field"] == "新建任务"
    assert {"field": "整改进展", "before": history[1]["lines"][0]["before"], "after": "已开展培训 3 次"} in (
        history[1]["lines"]
    )
    text = ok("history", path, "--task", tid)
    assert "已开展培训 3 次" in text and "新建任务" in text


def test_an_unknown_task_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("new", path)
    assert "任务" in refused("history", path, "--task", "abcdef12").stderr
