"""The house rules: no module borrows another's private name, and no module re-exports what it imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = ("ledger", "ui", "tests", "benchmarks")

# Another engineer is making these public (the CLI's helpers and the storage error classifier); the
# coordinator removes this list when the branches are merged.


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_reaches(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) for each private name this file takes from another first-party module: by
    ``from m import _name`` or by ``m._name`` on a module it imported."""
    here = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> the dotted name it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if is_private(alias.name) and node.module != here:
                    yield node.lineno, node.module, alias.name
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    modules[head] = head
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and is_private(node.attr)):
            continue
        chain: list[str] = []
        value: ast.expr = node.value
        while isinstance(value, ast.Attribute):
            chain.append(value.attr)
            value = value.value
        if isinstance(value, ast.Name) and value.id in modules:
            target = ".".join([modules[value.id], *reversed(chain)])
            if target.split(".")[0] in FIRST_PARTY and target != here:
                yield node.lineno, target, node.attr


def test_no_module_imports_another_modules_private_name() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {module}.{name}"
        for path in python_files(*FIRST_PARTY)
        for line, module, name in private_reaches(path)
        if module.split(".")[0] in FIRST_PARTY
    ]
    assert found == [], "private names borrowed across modules (make them public):\n" + "\n".join(found)


def reexports(path: Path) -> list[str]:
    """The names in this module's ``__all__`` that it imports rather than defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined: set[str] = set()
    listed: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                defined.update(n.id for n in names if isinstance(n, ast.Name))
                if isinstance(target, ast.Name) and target.id == "__all__" and node.value is not None:
                    listed = [ast.literal_eval(e) for e in getattr(node.value, "elts", [])]
    return [name for name in listed if name not in defined]


def test_no_module_re_exports_what_it_imports() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {', '.join(names)}"
        for path in python_files("ledger", "ui")
        if path.name != "__init__.py" and (names := reexports(path))
    ]
    assert found == [], "re-exports (import the name from its home or its room's face):\n" + "\n".join(found)


def test_import_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] contracts: the domain imports no Qt, and the rooms are layered."""
    pytest.importorskip("importlinter", reason="import-linter is not installed (pip install -e '.[test]')")
    lint = Path(sys.executable).with_name("lint-imports")
    via_python = "import sys; from importlinter.cli import lint_imports_command as c; sys.argv[1:] = ['--no-cache']; c()"
    command = [str(lint), "--no-cache"] if lint.exists() else [sys.executable, "-c", via_python]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
