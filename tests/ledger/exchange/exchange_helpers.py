"""Shared helpers for the community-package tests: a master with two communities, dumps, package edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ledger.core import FixedClock, Operator, Role
from ledger.service import Ledger

SECRETARY = Operator("王书记", Role.SECRETARY)
BOOKKEEPING = ("package_merge", "merged_entry", "merge_conflict", "journal", "journal_task")


def dump(path: Path, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: the ledger's content independent of WAL and page layout."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return {
            n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names if n not in skip
        }
    finally:
        conn.close()


def data_dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The ledger's data without the merge bookkeeping and the journal (whose ids and order differ by run)."""
    return dump(path, BOOKKEEPING)


def file_bytes(path: Path) -> tuple[bytes, bytes]:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def master(tmp_path: Path, clock: FixedClock, name: str = "主台账.db") -> tuple[Ledger, dict[str, Any]]:
    led = Ledger.create(
        tmp_path / name, org="测试工业区党工委", clock=clock, operator=Operator("张专班", Role.WORK_TEAM)
    )
    a = led.add_community("南郊别墅", secretary="王书记")
    b = led.add_community("鑫峰苑", secretary="李书记")
    cat = led.add_category("关于党建引领方面的整改")
    p1 = led.add_problem(cat, "针对治理效能不足的问题")
    p2 = led.add_problem(cat, "针对安全隐患的问题")
    tasks: dict[str, list[str]] = {a: [], b: []}
    for i, (prob, com) in enumerate([(p1, a), (p1, b), (p2, a), (p2, b), (p1, a), (p2, b)]):
        tasks[com].append(led.add_task(prob, com, f"措施{i + 1}", deadline="2025-12-31", owner=f"责任人{i}"))
    return led, {"a": a, "b": b, "tasks_a": tasks[a], "tasks_b": tasks[b], "problem": p1}


def edit_package(path: Path, clock: FixedClock, operator: Operator = SECRETARY) -> Ledger:
    return Ledger.open(path, clock=clock, operator=operator)
