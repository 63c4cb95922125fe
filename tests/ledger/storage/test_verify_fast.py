"""verify's fast pass (bulk entries cut, not parsed; rows rendered by SQLite and summed) and its side checks in
processes of their own: a sound ledger is proven by it, every tamper makes it doubt (and the exact checks name
the problem as before), and the checks run apart say what they say in one process."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from ledger.core import FixedClock
from ledger.example import generate
from ledger.storage import Store, journal
from ledger.storage.journal import canonical
from ledger.storage.search_index import fts_problem, text_problem
from ledger.storage.verify import Damaged, verify_store
from ledger.storage.verify_fast import BULK, chain_sound, escaped, fast_sound, shape


def quiet(_stage: str, _done: int, _total: int) -> None:
    return None


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated ledger of 700 tasks (its task entry is cut), then ordinary commands on some of its tasks: held
    rows, text with a line feed, a quote and a backslash (escaped in the payload)."""
    path = tmp_path_factory.mktemp("fast") / "生成.db"
    led = generate(path, tasks=700, communities=7, clock=FixedClock.on("2025-11-20"))
    try:
        tasks = [t["id"] for t in led.tasks_json()[:3]]
        led.update_progress(tasks[0], '已入户走访 3 次\n记录见“台账”\\附件 "甲"')
        led.update_task(tasks[1], owner="王伟")
        led.update_task(tasks[1], owner="李强")
        led.add_indicator(tasks[2], "培训", "次", 10, 3)
    finally:
        led.close()
    return path


def copied(made: Path, tmp_path: Path, sql: str = "", *params: object) -> Path:
    copy = tmp_path / "copy.db"
    copy.write_bytes(made.read_bytes())
    if sql:
        conn = sqlite3.connect(copy)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(sql, params)
        conn.commit()
        conn.close()
    return copy


def opened(path: Path) -> closing[Store]:
    """The copy opened as verify opens it (no lock: it is the test's own), closed at the end of the block."""
    return closing(Store.open(path, lock=False))


def fast(path: Path) -> bool:
    with closing(sqlite3.connect(path)) as conn:
        return fast_sound(conn, quiet, 50_000) and chain_sound(conn)


def verified(path: Path, *, apart: bool = False) -> journal.Problem | None:
    with opened(path) as store:
        return verify_store(store, apart=apart)


def task_at(made: Path, offset: int) -> str:
    with closing(sqlite3.connect(made)) as conn:
        row = conn.execute("SELECT id FROM task ORDER BY rowid LIMIT 1 OFFSET ?", (offset,)).fetchone()
    return str(row[0])


def test_the_generated_ledger_has_an_entry_that_is_cut(made: Path) -> None:
    with closing(sqlite3.connect(made)) as conn:
        sizes = [
            (shape(p) is not None, len(p))
            for (p,) in conn.execute("SELECT CAST(payload AS BLOB) FROM journal")
        ]
    assert any(cut for cut, _ in sizes)
    assert all(size >= BULK for cut, size in sizes if cut)


def test_a_sound_generated_and_worked_ledger_is_proven_by_the_fast_pass(made: Path, tmp_path: Path) -> None:
    path = copied(made, tmp_path)
    assert fast(path)
    assert verified(path) is None


TAMPERS: dict[str, tuple[str, Callable[[Path], tuple[object, ...]], str]] = {
    "a bulk task's measure": (
        "UPDATE task SET measure = measure || '。' WHERE id = ?",
        lambda m: (task_at(m, 350),),
        "在程序之外",
    ),
    "a bulk task's number made text": (
        "UPDATE task SET sort = '第' || sort WHERE id = ?",
        lambda m: (task_at(m, 351),),
        "在程序之外",
    ),
    "an indicator's target a fraction": (
        "UPDATE indicator SET target = target + 0.5 WHERE rowid = 5",
        lambda _m: (),
        "在程序之外",
    ),
    "an indicator's whole target stored as REAL": (
        "UPDATE indicator SET target = CAST(target AS REAL) + 1 WHERE rowid = 6",
        lambda _m: (),
        "在程序之外",
    ),
    "a held task's field put back": (
        "UPDATE task SET owner = '郭勇霞' WHERE owner = '李强'",
        lambda _m: (),
        "在程序之外",
    ),
    "a bulk task deleted": ("DELETE FROM task WHERE id = ?", lambda m: (task_at(m, 352),), "被删除"),
    "a task added": (
        "INSERT INTO task SELECT 'forged', problem_id, community_id, measure, detail, kind, owner, leader, "
        "department, deadline, original_deadline, status, progress, return_reason, review_round, review_level, "
        "sort, example, created_at, updated_at, deleted_at, ord_problem, ord_community, statement "
        "FROM task WHERE id = ?",
        lambda m: (task_at(m, 353),),
        "没有任何日志",
    ),
    "a task with no id added": (
        "INSERT INTO task SELECT NULL, problem_id, community_id, measure, detail, kind, owner, leader, "
        "department, deadline, original_deadline, status, progress, return_reason, review_round, review_level, "
        "sort, example, created_at, updated_at, deleted_at, ord_problem, ord_community, statement "
        "FROM task WHERE id = ?",
        lambda m: (task_at(m, 358),),
        "没有任何日志",
    ),
    "a setting added": (
        "INSERT INTO setting (key, value) VALUES ('forged', '1')",
        lambda _m: (),
        "没有任何日志",
    ),
    "one byte of an index copy": (
        "UPDATE journal_task SET changes = replace(changes, '落实', '落宝') WHERE task_id = ?",
        lambda m: (task_at(m, 354),),
        "journal_task",
    ),
    "an index copy stored as a BLOB": (
        "UPDATE journal_task SET changes = CAST(changes AS BLOB) WHERE task_id = ? AND changes IS NOT NULL",
        lambda m: (task_at(m, 355),),
        "journal_task",
    ),
    "an index row moved to another entry": (
        "UPDATE journal_task SET seq = seq + 1 WHERE task_id = ?",
        lambda m: (task_at(m, 356),),
        "journal_task",
    ),
    "an index row removed": (
        "DELETE FROM journal_task WHERE task_id = ?",
        lambda m: (task_at(m, 357),),
        "journal_task",
    ),
    "one byte of a bulk payload": (
        "UPDATE journal SET payload = replace(payload, '落实整改第400项', '落实整改第401项') WHERE command = 'generate'",
        lambda _m: (),
        "校验值",
    ),
}


@pytest.mark.parametrize("case", sorted(TAMPERS))
def test_each_tamper_makes_the_fast_pass_doubt_and_is_named_as_before(
    made: Path, tmp_path: Path, case: str
) -> None:
    sql, params, words = TAMPERS[case]
    path = copied(made, tmp_path, sql, *params(made))
    assert not fast(path), case
    problem = verified(path)
    assert problem is not None, case
    assert words in problem.detail


def test_a_payload_with_a_control_character_is_left_to_the_exact_checks() -> None:
    assert escaped(b'{"a":"x\\"y\\\\z"}') == b'{\\"a\\":\\"x\\\\\\"y\\\\\\\\z\\"}'
    assert escaped(b'{"a":"x\ny"}') is None


def test_the_checks_apart_say_what_they_say_here(made: Path, tmp_path: Path) -> None:
    path = copied(made, tmp_path)
    assert verified(path, apart=True) is None
    path = copied(made, tmp_path, "UPDATE task_tally SET n = n + 1 WHERE rowid = 1")
    here = verified(path)
    assert here is not None and "task_tally" in here.detail
    assert verified(path, apart=True) == here


def test_a_cancel_while_the_checks_run_apart_ends_them(made: Path, tmp_path: Path) -> None:
    import multiprocessing

    with opened(copied(made, tmp_path)) as store, pytest.raises(journal.VerifyCancelled):
        verify_store(store, apart=True, cancel=lambda: True)
    assert multiprocessing.active_children() == []


SEARCH_TAMPERS = {
    "a row's text": "UPDATE task_search SET text = 'x' WHERE task_rowid = (SELECT MAX(task_rowid) FROM task_search)",
    "a row removed": "DELETE FROM task_search WHERE task_rowid = (SELECT MAX(task_rowid) FROM task_search)",
    "a row for no task": "INSERT INTO task_search (task_rowid, text) VALUES (999999, 'x')",
    "a row for a deleted task": (
        "UPDATE task SET deleted_at = '2025-11-21' WHERE rowid = (SELECT MAX(task_rowid) FROM task_search)"
    ),
}


@pytest.mark.parametrize("case", sorted(SEARCH_TAMPERS))
def test_each_change_of_the_search_text_is_named(made: Path, tmp_path: Path, case: str) -> None:
    with closing(sqlite3.connect(copied(made, tmp_path))) as conn:
        conn.execute(
            "DROP TRIGGER task_search_update"
        )  # a change made outside the program: the index is not kept
        conn.execute(SEARCH_TAMPERS[case])
        conn.commit()
        assert text_problem(conn) is not None


def test_fts5s_own_check_runs_by_default_only_where_it_is_cheap(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copied(made, tmp_path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO task_search_fts (task_search_fts, rowid, text) SELECT 'delete', task_rowid, text "
            "FROM task_search WHERE task_rowid = (SELECT MIN(task_rowid) FROM task_search)"
        )
        conn.commit()
        assert text_problem(conn) is None and fts_problem(conn) is not None
    wrong = verified(path)
    assert wrong is not None and "task_search_fts" in wrong.detail
    monkeypatch.setattr("ledger.storage.search_index.FTS_ROWS", 10)
    assert verified(path) is None  # larger than FTS_ROWS: not checked unless asked
    with opened(path) as store:
        assert verify_store(store, fts=True) == wrong


def test_sqlites_quick_check_runs_first_here_and_beside_the_rest_apart(made: Path, tmp_path: Path) -> None:
    with opened(copied(made, tmp_path)) as store:
        assert verify_store(store, quick_check=True) is None
        assert verify_store(store, quick_check=True, apart=True) is None
        real = store.one
        asked: list[str] = []

        def damaged(sql: str, params: tuple[object, ...] = ()) -> object:
            asked.append(sql)
            return (
                "Page 5: btreeInitPage() returns error code 11"
                if sql == "PRAGMA quick_check"
                else real(sql, params)
            )

        store.one = damaged  # type: ignore[method-assign]
        with pytest.raises(Damaged, match="btreeInitPage"):
            verify_store(store, quick_check=True)
        assert asked[0] == "PRAGMA quick_check"  # before anything else reads the file


def test_when_the_fast_pass_doubts_the_streaming_pass_still_decides(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ledger.storage.verify.fast_sound", lambda *_args: False)
    assert verified(copied(made, tmp_path)) is None
    sql, params, words = TAMPERS["a bulk task's measure"]
    problem = verified(copied(made, tmp_path, sql, *params(made)))
    assert problem is not None and words in problem.detail


def insert(n: int) -> str:
    row = {"id": f"t{n}", "measure": "落实整改" * 20, "sort": n}
    return canonical({"id": f"t{n}", "op": "insert", "row": row, "table": "task"})


def test_only_a_large_payload_of_inserts_in_the_programs_shape_is_cut() -> None:
    inserts = ",".join(insert(n) for n in range(400))
    payload = '{"args":{"tasks":400},"changes":[' + inserts + "]}"
    assert len(payload.encode()) >= BULK
    found = shape(payload.encode())
    assert found is not None and found[0] == '{"tasks":400}' and found[1] == b"" and found[4] == 400
    tail = ',"occurred_at":"2025-11-20 10:00:00"'
    found = shape(('{"args":{},"changes":[' + inserts + "]" + tail + "}").encode())
    assert found is not None and found[1] == tail.encode()
    update = canonical(
        {"after": "x", "before": "y", "field": "owner", "id": "t1", "op": "update", "table": "task"}
    )
    assert shape(('{"args":{},"changes":[' + inserts + "," + update + "]}").encode()) is None
    assert shape(('{"args":{},"changes":[' + insert(1) + "]}").encode()) is None  # small: parsed
    assert shape(('{"args":{"a":1, "b":2},"changes":[' + inserts + "]}").encode()) is None  # not canonical
    assert shape(('{"args":{},"changes":[' + inserts + '],"changes":[]}').encode()) is None  # a second key


def one_entry_journal(payload: bytes) -> sqlite3.Connection:
    """A journal of one entry whose hash a forger computed over ``payload``'s bytes as the chain check does."""
    import hashlib

    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, id TEXT, at TEXT, actor TEXT, role TEXT, origin TEXT, "
        "command TEXT, task_id TEXT, payload TEXT, prev_hash TEXT, hash TEXT)"
    )
    fields = ["e1", "2025-11-20 10:00:00", "张专班", "work_team", "local", "generate", None]
    inside = escaped(payload)
    assert inside is not None
    head = canonical([journal.GENESIS, 1, *fields, ""])
    digest = hashlib.sha256(head[:-2].encode() + inside + b'"]').hexdigest()
    conn.execute(
        "INSERT INTO journal VALUES (1, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?)",
        (*fields, payload, journal.GENESIS, digest),
    )
    return conn


def test_a_cut_entry_whose_bytes_are_not_utf8_is_not_sound_though_its_hash_was_forged() -> None:
    """The fast pass never decodes a cut entry: the chain check does, or a forged file with such bytes in the
    journal and the same bytes in the table would pass as sound (and Python could not read the task)."""
    payload = ('{"args":{"tasks":400},"changes":[' + ",".join(insert(n) for n in range(400)) + "]}").encode()
    assert len(payload) >= BULK
    assert chain_sound(one_entry_journal(payload))
    forged = payload.replace("落实整改".encode(), b"\xff\xfe\xfd\xfc" * 3, 1)
    assert len(forged) == len(payload) and forged != payload
    assert not chain_sound(one_entry_journal(forged))


@pytest.mark.parametrize("where", ["journal", "task"])
def test_text_that_is_not_utf8_is_named_in_a_sentence(made: Path, tmp_path: Path, where: str) -> None:
    """Python's sqlite3 cannot read such text ("Could not decode to UTF-8"): verify names the entry or the row."""
    if where == "journal":
        sql = "UPDATE journal SET payload = CAST(X'7B2261223A22FF227D' AS TEXT) WHERE seq = 3"
        params: tuple[object, ...] = ()
    else:
        sql = "UPDATE task SET measure = CAST(X'E890BDFF' AS TEXT) WHERE id = ?"
        params = (task_at(made, 5),)
    problem = verified(copied(made, tmp_path, sql, *params))
    assert problem is not None and "不是 UTF-8" in problem.detail
    if where == "journal":
        assert problem.seq == 3
    else:
        assert params[0] in problem.detail
