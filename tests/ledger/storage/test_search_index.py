"""The search index (schema 9) finds exactly what the LIKE definition finds, is kept by every write, is migrated
into older files, and is checked by ``verify``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import LedgerError
from ledger.service import Ledger
from ledger.storage import TaskFilter, journal
from ledger.storage.search_index import index_problem
from tests.helpers import undo_schema_9

TODAY, SOON = "2025-11-20", "2025-11-27"


def by_like(led: Ledger, text: str) -> list[int]:
    """The search's definition, without the index: every word in the title, measure, progress or detail."""
    clauses, params = ["t.deleted_at IS NULL"], []
    for word in text.split():
        clauses.append(
            "(t.problem_id IN (SELECT id FROM problem WHERE title LIKE ? ESCAPE '\\') OR t.measure LIKE ? "
            "ESCAPE '\\' OR t.progress LIKE ? ESCAPE '\\' OR t.detail LIKE ? ESCAPE '\\')"
        )
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [like] * 4
    sql = f"SELECT t.rowid FROM task t WHERE {' AND '.join(clauses)} ORDER BY t.ord_problem, t.ord_community, t.sort"
    return [r[0] for r in led.store.conn.execute(sql, params)]


def found(led: Ledger, text: str, **kw: object) -> list[int]:
    return led.store.task_rowids(TaskFilter(text=text, **kw), TODAY, SOON)  # type: ignore[arg-type]


def uses_index(led: Ledger, text: str) -> bool:
    sql, _params = led.store.rowids_sql(TaskFilter(text=text), TODAY, SOON)
    return (
        "task_search_fts MATCH" in sql or " AND 0 AND " in sql
    )  # (no trigram begins with the word: no task)


# Characters that trouble a search: LIKE's own (% _ \), FTS5's quoting ("), Latin in both cases and full width,
# Chinese and its punctuation, the white space that splits words.
ALPHABET = "aAbBzZ%_\\\"'*()-:^.,， 。、　ＡａＢ垃圾物业分类第12项整改\t"
field = st.text(alphabet=ALPHABET, max_size=10)


def swap_case(text: str, flips: list[bool]) -> str:
    return "".join(
        c.swapcase() if f and c.isascii() else c
        for c, f in zip(text, flips + [False] * len(text), strict=False)
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.tuples(field, field, field), min_size=6, max_size=6),
    title=field,
    query=st.one_of(
        st.text(alphabet=ALPHABET, max_size=6),
        st.tuples(
            st.integers(0, 5),
            st.integers(0, 2),
            st.integers(0, 9),
            st.integers(1, 4),
            st.lists(st.booleans()),
        ),
    ),
)
def test_the_index_finds_exactly_what_like_finds(filled: Ledger, texts, title, query) -> None:
    tids = [r[0] for r in filled.store.conn.execute("SELECT id FROM task ORDER BY rowid")]
    for tid, (measure, progress, detail) in zip(tids, texts, strict=True):
        for name, value in (("measure", measure), ("progress", progress), ("detail", detail)):
            try:
                filled.update_task(tid, **{name: value})
            except LedgerError:
                pass  # an empty measure is refused: the task keeps its text
    problem = filled.store.one("SELECT problem_id FROM task WHERE id = ?", (tids[0],))
    try:
        filled.update_problem(problem, title=title)
    except LedgerError:
        pass
    if isinstance(query, tuple):  # a piece of what is there, its Latin letters in the other case
        task, column, start, length, flips = query
        text = filled.store.one(
            f"SELECT {['measure', 'progress', 'detail'][column]} FROM task WHERE id = ?", (tids[task],)
        )
        query = swap_case(text[start : start + length], flips)
    assert found(filled, query) == by_like(filled, query)
    assert filled.store.task_count(TaskFilter(text=query), TODAY, SOON) == len(by_like(filled, query))
    assert index_problem(filled.store.conn) is None


def test_the_index_is_used_for_rare_words_of_any_length(filled: Ledger) -> None:
    for text in ("培训", "宣传培训", "审", "强化 培训", "没有这个词", "a"):
        assert uses_index(filled, text), text
        assert found(filled, text) == by_like(filled, text)
    assert found(filled, "宣传培训") and found(filled, "审") and not found(filled, "没有这个词")


def test_every_write_keeps_the_index(filled: Ledger) -> None:
    tids = [r[0] for r in filled.store.conn.execute("SELECT id FROM task ORDER BY rowid")]
    entry = filled.update_progress(tids[0], "已清运建筑垃圾")
    assert found(filled, "垃圾") == by_like(filled, "垃圾") != []
    filled.update_task(tids[1], measure="整治物业管理", detail="小区Wuye")
    assert found(filled, "物业") == by_like(filled, "物业") != [] and found(filled, "wUYE") != []
    problem = filled.store.one("SELECT problem_id FROM task WHERE id = ?", (tids[2],))
    filled.update_problem(problem, title="针对消防通道堵塞的问题")
    assert found(filled, "消防") == by_like(filled, "消防") != []
    assert found(filled, "安全隐患") == []
    filled.delete_task(tids[1])
    assert found(filled, "物业") == []
    assert entry is not None
    filled.undo(entry)
    assert found(filled, "垃圾") == []
    assert index_problem(filled.store.conn) is None
    assert journal.verify(filled.store) is None
    assert not filled.store.conn.in_transaction  # (FTS5's check is an INSERT: its transaction is ended)


def test_verify_notices_a_search_index_changed_outside_the_program(filled: Ledger) -> None:
    filled.store.conn.execute(
        "UPDATE task_search SET text = 'x' WHERE task_rowid = (SELECT MIN(task_rowid) FROM task_search)"
    )
    filled.store.conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and "搜索索引" in problem.detail


def test_verify_notices_a_damaged_trigram_index(filled: Ledger) -> None:
    filled.store.conn.execute(
        "INSERT INTO task_search_fts (task_search_fts, rowid, text) VALUES ('delete', 1, "
        "(SELECT text FROM task_search WHERE task_rowid = 1))"
    )
    filled.store.conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and "搜索索引" in problem.detail


def test_a_ledger_from_schema_8_is_given_its_search_index(filled: Ledger, tmp_path: Path) -> None:
    want = {t: found(filled, t) for t in ("培训", "强化", "没有")}
    filled.close()
    path = tmp_path / "副本.db"
    path.write_bytes(filled.path.read_bytes())
    conn = sqlite3.connect(path)
    undo_schema_9(conn)
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    led = Ledger.open(path, clock=filled.clock)
    try:
        assert {t: found(led, t) for t in want} == want
        assert index_problem(led.store.conn) is None
        assert journal.verify(led.store) is None
    finally:
        led.close()
    assert path.with_name(f"{path.stem}.v8-备份{path.suffix}").exists()


def test_a_read_only_connection_searches_through_the_index(filled: Ledger) -> None:
    from ledger.storage import Store

    filled.close()
    store = Store.open(filled.path, read_only=True)
    try:
        sql, params = store.rowids_sql(TaskFilter(text="培训"), TODAY, SOON)
        assert "MATCH" in sql
        assert len(store.task_rowids(TaskFilter(text="培训"), TODAY, SOON)) == 2
    finally:
        store.close()


@pytest.mark.parametrize("text", ["%", "_", "\\", '"', "*", "NEAR", "AND", "(", "a OR b"])
def test_words_that_mean_something_to_like_or_fts5_are_plain_text(filled: Ledger, text: str) -> None:
    tid = filled.store.one("SELECT id FROM task ORDER BY rowid LIMIT 1")
    filled.update_progress(tid, f"含{text}字")
    assert found(filled, text) == by_like(filled, text) != []
