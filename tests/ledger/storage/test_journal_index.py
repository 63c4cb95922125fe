"""The journal's per-task index (journal_task): a task's history from an import without parsing the import."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ledger.core import FixedClock
from ledger.example import generate
from ledger.service import Ledger
from ledger.storage import Entry, journal
from ledger.storage.journal import canonical
from tests.ledger.storage.test_journal import busy


def history_by_search(led: Ledger, task_id: str) -> list[Entry]:
    """The history as it was read before the index: every entry whose payload names the task, then its changes."""
    rows = led.store.rows(
        "SELECT * FROM journal WHERE task_id = ? OR payload LIKE ? ORDER BY seq", (task_id, f'%"{task_id}"%')
    )
    out = []
    for e in map(Entry.from_row, rows):
        if e.task_id != task_id:
            mine = tuple(c for c in e.changes if c.id == task_id or (c.row or {}).get("task_id") == task_id)
            if not mine:
                continue
            e = dataclasses.replace(e, changes=mine)
        out.append(e)
    return out


def same(a: list[Entry], b: list[Entry]) -> bool:
    """Equal but for the hash, which the index leaves empty for an entry shared with other tasks."""
    return [dataclasses.replace(e, hash="") for e in a] == [dataclasses.replace(e, hash="") for e in b]


def _with_indicators(led: Ledger, n: int) -> list[str]:
    """An import of ``n`` tasks, each with an indicator, as one bulk entry; their ids."""
    com = led.new_row("community", name="莘庄一村")
    cat = led.new_row("category", title="关于党建引领方面的整改")
    prob = led.new_row("problem", category_id=cat["id"], title="针对治理效能不足的问题")
    tasks = [
        led.new_row("task", problem_id=prob["id"], community_id=com["id"], measure=f"措施{i}", sort=i)
        for i in range(n)
    ]
    inds = [led.new_row("indicator", task_id=t["id"], name="培训", unit="次", target=3) for t in tasks]
    led.bulk_insert(
        "import_plan",
        {"community": [com], "category": [cat], "problem": [prob], "task": tasks, "indicator": inds},
        {"file": "方案.docx"},
    )
    return [t["id"] for t in tasks]


def test_a_task_from_an_import_has_its_own_rows_and_none_of_the_others(ledger: Ledger) -> None:
    ids = _with_indicators(ledger, 40)
    ledger.update_progress(ids[7], "已开展培训")
    history = ledger.history(ids[7])
    assert [e.command for e in history] == ["import_plan", "update_progress"]
    made = history[0]
    assert {(c.table, c.op) for c in made.changes} == {("task", "insert"), ("indicator", "insert")}
    assert made.args == {"file": "方案.docx"}
    stored = ledger.store.one(
        "SELECT changes FROM journal_task WHERE task_id = ? AND seq = ?", (ids[7], made.seq)
    )
    assert not any(other in stored for other in ids if other != ids[7])
    assert journal.verify(ledger.store) is None


def test_the_index_agrees_with_searching_the_whole_journal(filled: Ledger) -> None:
    ids = busy(filled)
    imported = _with_indicators(filled, 5)
    filled.delete_task(imported[0])
    for (tid,) in filled.store.conn.execute("SELECT id FROM task"):  # deleted ones included
        assert same(filled.history(tid), history_by_search(filled, tid)), tid
    assert [e.command for e in filled.history(imported[0])] == ["import_plan", "delete_task"]
    assert len(filled.history(ids["t_new"])) == 2


def test_the_payload_written_in_pieces_is_the_canonical_json(filled: Ledger) -> None:
    busy(filled)
    _with_indicators(filled, 3)
    for (payload,) in filled.store.conn.execute("SELECT payload FROM journal"):
        assert payload == canonical(json.loads(payload))
    assert journal.verify(filled.store) is None


def test_a_generated_ledger_indexes_every_task_once(tmp_path: Path) -> None:
    led = generate(tmp_path / "大.db", tasks=300, communities=5, clock=FixedClock.on("2025-11-20"))
    try:
        counts = led.store.conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT task_id) FROM journal_task WHERE changes IS NOT NULL"
        ).fetchone()
        assert tuple(counts) == (300, 300)
    finally:
        led.close()
