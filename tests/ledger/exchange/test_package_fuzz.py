"""Bounded fuzzing of returns (上报包): bytes changed anywhere in the file, or any cell of any table set to a
hostile value of any type (the journal's included). Previewing or merging it ends in a result or a sentence,
never a traceback or a hang, and a refusal leaves the master ledger byte for byte as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import FixedClock, LedgerError
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge, preview_merge
from ledger.service import Ledger
from tests.helpers import time_limit
from tests.ledger.exchange.exchange_helpers import edit_package, file_bytes, master

VALUES = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.sampled_from(['{"changes": 5}', "[]", "null", '{"args": {}, "changes": [{"op": "insert"}]}', "\x00"]),
)


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A master ledger and the bytes of a return from it (each example starts from copies of both)."""
    tmp = tmp_path_factory.mktemp("pkgfuzz")
    clock = FixedClock.on("2025-11-20")
    led, ids = master(tmp, clock)
    package = exchange.issue_package(led, "南郊别墅", tmp / "out")
    led.close()
    pkg = edit_package(package, clock)
    pkg.update_progress(ids["tasks_a"][0], "书记的进展")
    pkg.act(ids["tasks_a"][0], "start")
    pkg.close()
    returned = exchange.return_package(package, clock=clock)
    return tmp / "主台账.db", returned.read_bytes()


def merge_or_sentence(master_path: Path, returned: Path) -> None:
    led = Ledger.open(master_path)
    try:
        before = file_bytes(master_path)
        with time_limit(60):
            try:
                preview_merge(led, returned)
                apply_merge(led, returned)
            except LedgerError as exc:
                assert exc.message() and "{" not in exc.message()[:1]
                assert file_bytes(master_path) == before
    finally:
        led.close()


def change_bytes(returned: Path, good: bytes, data: st.DataObject) -> None:
    """The return with 1–16 bytes changed anywhere in the file."""
    raw = bytearray(good)
    for _ in range(data.draw(st.integers(1, 16))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    returned.write_bytes(bytes(raw))


def change_cell(returned: Path, good: bytes, data: st.DataObject) -> None:
    """The return with one cell of any table (the journal's included) set to a hostile value of any type."""
    returned.write_bytes(good)
    conn = sqlite3.connect(returned)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if r[0]
            not in ("task_search_fts_config", "task_search_fts_idx")  # WITHOUT ROWID: no rowid to pick by
        ]
        table = data.draw(st.sampled_from(tables))
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        column = data.draw(st.sampled_from(columns))
        rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table}")]
        if rowids:
            rowid = data.draw(st.sampled_from(rowids))
            try:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (data.draw(VALUES), rowid))
                conn.commit()
            except sqlite3.Error:
                pass  # a constraint refused it: no such file
    finally:
        conn.close()


@pytest.mark.parametrize("damage", [change_bytes, change_cell], ids=["bytes changed", "any cell changed"])
@settings(
    max_examples=40,  # each way of damaging (the bytes had 30 when it was a test of its own)
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_damaged_return_gets_a_result_or_a_sentence(
    scene: tuple[Path, bytes],
    tmp_path: Path,
    damage: Callable[[Path, bytes, st.DataObject], None],
    data: st.DataObject,
) -> None:
    master_src, good = scene
    master_path = tmp_path / "主台账.db"
    master_path.write_bytes(master_src.read_bytes())
    returned = tmp_path / "上报.db"
    damage(returned, good, data)
    merge_or_sentence(master_path, returned)
