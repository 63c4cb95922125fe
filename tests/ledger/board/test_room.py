"""ledger.board's face lists each name three times (its imports for the type checker, HOMES for the lazy import at
run time, __all__): the three lists agree, and each name comes from the module HOMES names."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import ledger.board as room


def checked_imports() -> dict[str, str]:
    """name -> module, from the face's ``if TYPE_CHECKING:`` imports."""
    tree = ast.parse(Path(room.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    return {
        alias.name: node.module.rsplit(".", 1)[1]
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }


def test_the_three_lists_of_the_rooms_names_agree() -> None:
    assert checked_imports() == room.HOMES
    assert sorted(room.__all__) == sorted(room.HOMES) and len(set(room.__all__)) == len(room.__all__)


def test_each_name_is_the_one_its_home_defines() -> None:
    for name, home in room.HOMES.items():
        assert getattr(room, name) is getattr(importlib.import_module(f"ledger.board.{home}"), name), name
