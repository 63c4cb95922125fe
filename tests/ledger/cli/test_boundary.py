"""The domain knows nothing of the window: no module under ledger/ names `ui` or PySide6, even as a string."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _references(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]  # importlib.import_module("ui.…"), __import__("PySide6…")
        for name in names:
            if name == "ui" or name.startswith(("ui.", "PySide6", "shiboken6")):
                found.append((getattr(node, "lineno", 0), name))
    return found


def test_no_module_of_the_ledger_refers_to_the_ui_or_qt():
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "ledger").rglob("*.py"))
        for line, name in _references(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offences == []


def test_the_check_finds_a_module_named_in_a_string():
    tree = ast.parse('import importlib\napp = importlib.import_module("ui.window.app")\n')
    assert _references(tree) == [(2, "ui.window.app")]


def test_building_and_running_the_command_line_loads_no_qt():
    code = (
        "import sys; from ledger.cli.parser import build_parser; from ledger.cli import main, commands, do;"
        "build_parser().parse_args(['stats', 'x.db']);"
        "assert not any(m.startswith(('PySide6', 'ui')) for m in sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
