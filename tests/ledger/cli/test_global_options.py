"""The global options (--today, --actor, --role, --json) are taken from anywhere on the line, but only where an option
stands: a value that reads "--json" stays the value of its option, and nothing after ``--`` is lifted."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.cli.main import main, parse, split_globals
from ledger.service import Ledger


@pytest.fixture
def ledger_path(filled: Ledger) -> Path:
    path = filled.path
    filled.close()
    return path


def first_task(path: Path) -> str:
    led = Ledger.open(path, lock=False)
    try:
        return str(led.store.one("SELECT id FROM task WHERE deleted_at IS NULL ORDER BY rowid LIMIT 1"))
    finally:
        led.close()


def progress_of(path: Path, task: str) -> str:
    led = Ledger.open(path, lock=False)
    try:
        return led.task(task).progress
    finally:
        led.close()


def test_a_progress_text_that_reads_json_is_the_text(capsys, ledger_path: Path) -> None:
    task = first_task(ledger_path)
    line = ["do", str(ledger_path), "--actor", "张三", "update_progress", "--task", task, "--text", "--json"]
    assert main(line) == 0
    out = capsys.readouterr().out
    assert out.startswith("已更新整改进展：") and "→ --json）" in out  # the Chinese line, not a JSON answer
    assert progress_of(ledger_path, task) == "--json"
    # the same text with the real --json after it: the text stays, the answer is JSON
    args = parse([*line, "--json"])
    assert (args.text, args.json) == ("--json", True)


def test_global_options_still_stand_anywhere(ledger_path: Path) -> None:
    args = parse(
        [
            "--json",
            "do",
            str(ledger_path),
            "update_progress",
            "--task",
            "T",
            "--text",
            "进展",
            "--actor",
            "张三",
        ]
    )
    assert (args.json, args.actor, args.text) == (True, "张三", "进展")
    args = parse(
        ["do", str(ledger_path), "--today", "2025-11-20", "update_progress", "--task", "T", "--text=x"]
    )
    assert (args.today, args.text, getattr(args, "json", False)) == ("2025-11-20", "x", False)


def test_nothing_after_a_double_dash_is_lifted() -> None:
    rest, found = split_globals(["tasks", "台账.db", "--", "--json", "--actor", "张三"])
    assert found == {} and rest == ["tasks", "台账.db", "--", "--json", "--actor", "张三"]


@pytest.mark.parametrize("value", ["--json", "--actor", "--today", "-x"])
def test_an_option_value_that_looks_like_an_option_is_kept(value: str) -> None:
    rest, found = split_globals(["do", "台账.db", "update_progress", "--task", "T", "--text", value])
    assert found == {} and rest[-1] == f"--text={value}"
