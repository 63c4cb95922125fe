"""verify's streaming pass on a generated ledger (bulk entries, rows compared a batch at a time): every tamper it
is there to find is still found, in the exact checks' words, and a sound ledger stays sound."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ledger.core import FixedClock
from ledger.example import generate
from ledger.service import Ledger
from ledger.storage import Store, journal
from ledger.storage.journal import canonical
from ledger.storage.journal_index import payload_parts, split_payload, tail_of
from ledger.storage.verify import verify_store
from ledger.storage.verify_stream import BATCH


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated ledger of 700 tasks (bulk entries, a third with an indicator), then a few ordinary commands on
    some of its tasks, so that rows are inserted in bulk and touched again afterwards."""
    path = tmp_path_factory.mktemp("stream") / "生成.db"
    led = generate(path, tasks=700, communities=7, clock=FixedClock.on("2025-11-20"))
    try:
        tasks = [t["id"] for t in led.tasks_json()[:3]]
        led.update_progress(tasks[0], "已入户走访 3 次")
        led.update_task(tasks[1], owner="王伟")
        led.update_task(tasks[1], owner="李强")
        led.add_indicator(tasks[2], "培训", "次", 10, 3)
        assert journal.verify(led.store) is None
    finally:
        led.close()
    return path


def tampered(made: Path, tmp_path: Path, sql: str, *params: object) -> journal.Problem | None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(made.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql, params)
    conn.commit()
    conn.close()
    store = Store.open(copy, lock=False, read_only=False)
    try:
        return journal.verify(store)
    finally:
        store.conn.close()


def some_task(made: Path, offset: int = 350) -> str:
    conn = sqlite3.connect(made)
    try:
        return str(
            conn.execute("SELECT id FROM task ORDER BY rowid LIMIT 1 OFFSET ?", (offset,)).fetchone()[0]
        )
    finally:
        conn.close()


def a_task(made: Path) -> tuple[object, ...]:
    return (some_task(made),)


def test_a_generated_and_then_worked_ledger_is_sound_with_no_row_held(made: Path, tmp_path: Path) -> None:
    assert tampered(made, tmp_path, "SELECT 1") is None


CASES: dict[str, tuple[str, Callable[[Path], tuple[object, ...]], str]] = {
    "a bulk task's measure": ("UPDATE task SET measure = measure || '。' WHERE id = ?", a_task, "在程序之外"),
    "a bulk task's number made text": (
        "UPDATE task SET sort = '第' || sort WHERE id = ?",
        a_task,
        "在程序之外",
    ),
    "an indicator's whole target made a fraction": (
        "UPDATE indicator SET target = target + 0.5 WHERE rowid = 5",
        lambda _m: (),
        "在程序之外",
    ),
    "a worked task's field put back": (
        "UPDATE task SET owner = '郭勇霞' WHERE owner = '李强'",
        lambda _m: (),
        "在程序之外",
    ),
    "a bulk task deleted": ("DELETE FROM task WHERE id = ?", a_task, "被删除"),
    "a worked task deleted": ("DELETE FROM task WHERE owner = '李强'", lambda _m: (), "被删除"),
    "a task added": (
        "INSERT INTO task SELECT 'forged', problem_id, community_id, measure, detail, kind, owner, leader, "
        "department, deadline, original_deadline, status, progress, return_reason, review_round, review_level, "
        "sort, example, created_at, updated_at, deleted_at, ord_problem, ord_community, statement "
        "FROM task WHERE id = ?",
        a_task,
        "没有任何日志",
    ),
    "two tasks' index copies swapped": (
        "UPDATE journal_task SET changes = CASE task_id WHEN ?1 THEN (SELECT changes FROM journal_task WHERE "
        "task_id = ?2) ELSE (SELECT changes FROM journal_task WHERE task_id = ?1) END WHERE task_id IN (?1, ?2)",
        lambda m: (some_task(m, 10), some_task(m, 11)),
        "journal_task",
    ),
    "one byte of an index copy": (
        "UPDATE journal_task SET changes = replace(changes, '落实', '落宝') WHERE task_id = ?",
        a_task,
        "journal_task",
    ),
    "an index row moved to another entry": (
        "UPDATE journal_task SET seq = seq + 1 WHERE task_id = ?",
        a_task,
        "journal_task",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_tamper_of_a_generated_ledger_is_found(made: Path, tmp_path: Path, case: str) -> None:
    sql, params, words = CASES[case]
    problem = tampered(made, tmp_path, sql, *params(made))
    assert problem is not None, case
    assert words in problem.detail


def test_small_batches_and_a_small_cache_say_the_same(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = tampered(made, tmp_path, "UPDATE task SET owner = 'x' WHERE id = ?", some_task(made))
    assert wrong is not None
    monkeypatch.setattr("ledger.storage.verify_stream.BATCH", 7)
    store = Store.open(tmp_path / "copy.db", lock=False, read_only=False)
    try:
        assert verify_store(store, cache_rows=5) == wrong
    finally:
        store.conn.close()
    assert BATCH > 7


def test_the_payloads_cut_while_parsed_are_the_canonical_pieces(made: Path) -> None:
    conn = sqlite3.connect(made)
    try:
        for (payload,) in conn.execute("SELECT payload FROM journal"):
            body = json.loads(payload)
            cut = split_payload(payload)
            assert cut is not None
            assert cut == (
                canonical(body["args"]),
                body["changes"],
                [canonical(c) for c in body["changes"]],
                tail_of(body),
            )
    finally:
        conn.close()


@pytest.mark.parametrize(
    "payload",
    [
        '{"args": {}, "changes": []}',
        '{"changes":[],"args":{}}',
        '{"args":{},"changes":[{"a":1} ,{"b":2}]}',
        '{"args":{},"changes":[],"occurred_at":"x","occurred_at":"y"}',
        '{"args":{},"changes":[],"aaa":1}',
        '{"args":{},"changes":[{"a":1}]} ',
    ],
)
def test_a_payload_of_another_hand_is_parsed_whole(payload: str) -> None:
    assert split_payload(payload) is None
    body = json.loads(payload)
    assert payload_parts(payload)[1] == body["changes"]


@pytest.mark.parametrize("payload", ['{"args":{},"changes":[{"a":1},]}', '{"args":{},"changes":[', "[1]"])
def test_a_payload_that_is_not_ours_is_refused_as_before(payload: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        payload_parts(payload)


def test_a_ledger_with_an_occurred_at_entry_copies_its_tail(ledger_with_tail: Ledger) -> None:
    assert journal.verify(ledger_with_tail.store) is None


@pytest.fixture
def ledger_with_tail(tmp_path: Path) -> Iterator[Ledger]:
    """An entry that happened elsewhere (``occurred_at`` in its payload) touching two tasks: its copies end with the
    payload's tail, and verify agrees."""
    led = generate(tmp_path / "t.db", tasks=3, communities=1, clock=FixedClock.on("2025-11-20"))
    a, b = (t["id"] for t in led.tasks_json()[:2])
    from ledger.storage.journal import Change

    with led.store.db.atomic():
        for tid, text in ((a, "甲"), (b, "乙")):
            led.store.conn.execute("UPDATE task SET progress = ? WHERE id = ?", (text, tid))
        journal.append(
            led.store,
            at="2025-11-20 10:00:00",
            actor="张书记",
            role="secretary",
            origin="上报包:x.zip",
            command="update_task",
            task_id=a,
            args={"task_id": a},
            changes=[
                Change("update", "task", a, "progress", "", "甲"),
                Change("update", "task", b, "progress", "", "乙"),
            ],
            occurred_at="2025-11-19 09:00:00",
        )
    yield led
    led.close()
