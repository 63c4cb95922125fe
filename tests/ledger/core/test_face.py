"""The faces of ledger.core, ledger.service and ledger.storage give some names on first use (PEP 562): importing
ledger.core, as the window does before its first paint, leaves the review workflow, FixedClock and Indicator
unimported, and ledger.core.people leaves Person unimported; every name still comes from its face, and the classes
that moved also from the modules that defined them before (ledger.core.clock, .model, .people)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.helpers import python_prints

LAZY_MODULES = ["ledger.core.workflow", "ledger.core.fixed_clock", "ledger.core.indicator"]


def test_the_face_imports_a_module_when_one_of_its_names_is_asked_for() -> None:
    code = (
        "import sys; import ledger.core as face; "
        f"before = sorted(set({LAZY_MODULES!r}) & set(sys.modules)); "
        "from ledger.core import Action, GRADES, FixedClock, Indicator; "
        "assert Action.__module__ == 'ledger.core.workflow' and Action('approve').label == '审核通过'; "
        "assert GRADES == ('好', '较好', '一般', '差'); "
        "from ledger.core import workflow; assert workflow.Action is face.Action; "
        "from ledger.core.clock import FixedClock as old_home; assert old_home is FixedClock; "
        "assert FixedClock.on('2025-11-20').today().isoformat() == '2025-11-20'; "
        "from ledger.core.model import Indicator as old_place; assert old_place is Indicator; "
        "assert Indicator('i', 't', '户数', '户', 10.0, None).sort == 0; "
        "print(before)"
    )
    assert python_prints(code) == "[]"


def test_the_register_entry_is_imported_when_first_asked_for_also_through_ledger_core_people() -> None:
    code = (
        "import sys; from ledger.core import people; "
        "before = 'ledger.core.person' in sys.modules; "
        "from ledger.core.people import Person, people_from_setting; from ledger.core.person import Person as home; "
        "assert Person is home; "
        "found = people_from_setting([{'name': '王　经办', 'role': '工作专班'}]); "
        "assert found == [Person('王经办', people.Role.WORK_TEAM)], found; "
        "print(before)"
    )
    assert python_prints(code) == "False"


@pytest.mark.parametrize("room", ["ledger.core", "ledger.service", "ledger.storage"])
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
