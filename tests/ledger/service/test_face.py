"""ledger.service's face gives ``Changed`` on first use (PEP 562): opening a ledger and reading its first screen, as
the window does before its first paint, imports neither it nor ledger.service.tx; the first command does. The lazy
names of ledger.service and ledger.storage are listed alike for the type checker and at run time."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.service import Ledger

ROOT = Path(__file__).resolve().parents[3]


def test_the_first_command_imports_what_a_command_writes_and_tells(tmp_path: Path) -> None:
    Ledger.create(tmp_path / "l.db").close()
    code = (
        "import sys; from ledger.service import Ledger; "
        f"led = Ledger.open({str(tmp_path / 'l.db')!r}); "
        "led.task_rowids(limit=10); led.stats(); led.communities(); "
        "before = 'ledger.service.tx' in sys.modules; "
        "heard = []; led.subscribe(heard.append); "
        "led.set_setting('due_soon_days', 5); "
        "from ledger.service import Changed; from ledger.service.tx import Changed as home; "
        "assert Changed is home and [type(c) for c in heard] == [Changed], heard; "
        "assert heard[0].settings == {'due_soon_days'}, heard; "
        "print(before)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("room", ["ledger.service", "ledger.storage"])
def test_the_lazy_names_are_listed_alike_for_the_type_checker_and_at_run_time(room: str) -> None:
    face = importlib.import_module(room)
    tree = ast.parse(Path(face.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    checked = {
        alias.name: node.module.rsplit(".", 1)[1]
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert checked == face.LAZY
    assert set(face.LAZY) <= set(face.__all__)
    for name, home in face.LAZY.items():
        assert getattr(face, name) is getattr(importlib.import_module(f"{room}.{home}"), name), name
