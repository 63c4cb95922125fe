"""ledger.core's face gives the review workflow's names on first use (PEP 562): importing the face, as the window
does before its first paint, leaves the workflow's module unimported; every name still comes from the face."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ledger.core as face
from ledger.core import workflow

ROOT = Path(__file__).resolve().parents[3]


def test_the_face_imports_the_workflow_when_one_of_its_names_is_asked_for() -> None:
    code = (
        "import sys; import ledger.core as face; "
        "before = 'ledger.core.workflow' in sys.modules; "
        "from ledger.core import Action, GRADES; "
        "assert Action.__module__ == 'ledger.core.workflow' and Action('approve').label == '审核通过'; "
        "assert GRADES == ('好', '较好', '一般', '差'); "
        "from ledger.core import workflow; assert workflow.Action is face.Action; "
        "print(before)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_workflow_names_are_listed_alike_for_the_type_checker_and_at_run_time() -> None:
    tree = ast.parse(Path(face.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    checked = {alias.name for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert checked == face.WORKFLOW_NAMES
    assert face.WORKFLOW_NAMES <= set(face.__all__)
    for name in face.WORKFLOW_NAMES:
        assert getattr(face, name) is getattr(workflow, name), name
