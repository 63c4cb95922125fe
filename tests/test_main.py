"""main.py, the bridge: the window without a subcommand, the Qt subcommands here, the rest through ledger.cli."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main as entry
from ledger.cli import main as cli
from ledger.cli.parser import QT_COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def window(monkeypatch):
    """The window replaced by a recorder of the arguments it was opened with."""
    opened = []
    monkeypatch.setattr(entry, "open_window", lambda args, started: opened.append(args) or 0)
    return opened


def test_a_db_file_as_the_only_argument_opens_the_window(tmp_path, window):
    """Double-clicking a ledger runs `main.py FILE.db`: it becomes `--ledger FILE.db` for the window."""
    path = tmp_path / "包.db"
    path.write_bytes(b"")
    assert entry.main([str(path)]) == 0
    assert [args.ledger for args in window] == [str(path)]


def test_no_subcommand_opens_the_window(window):
    assert entry.main(["--lang", "en"]) == 0
    assert window[0].lang == "en"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["approval-form", "a.db", "--task", "abc123", "out.pdf"], ("approval-form", "a.db")),
        (["screenshot", "a.db", "shots"], ("screenshot", "a.db")),
    ],
)
def test_the_qt_subcommands_are_run_by_main_py(monkeypatch, window, argv, expected):
    ran = []
    monkeypatch.setattr(entry, "run_qt_command", lambda args: ran.append((args.command, args.path)) or 0)
    monkeypatch.setattr(cli, "run", lambda args: pytest.fail("ledger.cli ran a Qt subcommand"))
    assert entry.main(argv) == 0
    assert ran == [expected] and window == []


def test_the_other_subcommands_go_through_ledger_cli(monkeypatch, window):
    ran = []
    monkeypatch.setattr(cli, "run", lambda args: ran.append(args.command) or 0)
    assert entry.main(["stats", "a.db"]) == 0
    assert ran == ["stats"] and window == []


def test_ledger_cli_refuses_the_qt_subcommands_with_a_sentence(capsys):
    assert cli.main(["screenshot", "a.db", "shots"]) == 2
    assert "图形界面" in capsys.readouterr().err


def test_help_lists_every_subcommand_including_the_qt_ones():
    done = subprocess.run(
        [sys.executable, "main.py", "--help"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    subcommands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert QT_COMMANDS <= set(subcommands)
    for name in subcommands:
        assert f"    {name}" in done.stdout


def test_the_window_does_not_wait_for_the_subcommands_parser(monkeypatch, window):
    """Building every subcommand's parser costs start-up time the first paint need not pay."""
    from ledger.cli import parser

    monkeypatch.setattr(parser, "build_parser", lambda: pytest.fail("built the whole parser for the window"))
    assert entry.main(["--ledger", "台账.db", "--today", "2025-11-20"]) == 0
    assert window[0].ledger == "台账.db"
