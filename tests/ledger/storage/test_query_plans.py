"""The table's queries use the indexes they were written for: EXPLAIN QUERY PLAN of each filter and sort.

A first screen read along an index in order needs no sort of every task (no "TEMP B-TREE FOR ORDER BY"); a text
search reads the search index's candidates for a rare word, walks the sort index for a common one (a screenful is
among the first rows) and otherwise reads the table once and sorts only what matched."""

from __future__ import annotations

import pytest

from ledger.service import Ledger
from ledger.storage import SORT_SQL, TaskFilter, search_index

TODAY, SOON = "2025-11-20", "2025-11-27"


def plan(led: Ledger, flt: TaskFilter) -> str:
    sql, params = led.store.rowids_sql(flt, TODAY, SOON, limit=400)
    return "\n".join(str(r[3]) for r in led.store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("sort", sorted(SORT_SQL))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_reads_its_first_screen_from_an_index(filled: Ledger, sort: str, descending: bool) -> None:
    text = plan(filled, TaskFilter(sort=sort, descending=descending))
    assert "USING INDEX task_by_" in text, text
    assert "TEMP B-TREE" not in text, text


@pytest.mark.parametrize("sort", ["progress", "owner", "measure", "order"])
def test_a_rare_word_reads_the_search_index_and_sorts_its_candidates(filled: Ledger, sort: str) -> None:
    text = plan(filled, TaskFilter(text="培训", sort=sort))
    assert "task_search_fts VIRTUAL TABLE" in text and "SEARCH t USING INTEGER PRIMARY KEY" in text, text
    assert "USING INDEX task_by_" not in text and "SCAN t" not in text.replace("SCAN task_search_fts", ""), (
        text
    )
    assert "TEMP B-TREE FOR ORDER BY" in text, text


@pytest.mark.parametrize("sort", ["progress", "owner", "measure", "order"])
def test_a_common_word_walks_the_sort_index_for_its_first_screen(
    filled: Ledger, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "CAP", 1)  # every word is common
    text = plan(filled, TaskFilter(text="培训", sort=sort))
    assert "USING INDEX task_by_" in text and "MATCH" not in text, text
    assert "TEMP B-TREE" not in text, text


@pytest.mark.parametrize("sort", ["progress", "owner", "measure", "order"])
def test_a_common_word_reads_every_task_once_for_all_its_matches(
    filled: Ledger, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "CAP", 1)
    sql, params = filled.store.rowids_sql(TaskFilter(text="培训", sort=sort), TODAY, SOON)
    text = "\n".join(str(r[3]) for r in filled.store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "SCAN t" in text and "USING INDEX task_by_" not in text, text
    assert "TEMP B-TREE FOR ORDER BY" in text, text


def test_overdue_in_one_community_searches_an_index(filled: Ledger) -> None:
    com = filled.communities()[0]["id"]
    text = plan(filled, TaskFilter(due="overdue", community_ids=frozenset({com})))
    assert "SEARCH t USING INDEX" in text, text
    assert "SCAN t" not in text.replace("SCAN t USING INDEX", ""), text


def test_the_search_finds_the_same_tasks_whichever_way_it_reads(filled: Ledger) -> None:
    """The table scan a text search uses gives what the indexed query gives (only the order of work differs)."""
    com = filled.communities()[0]["id"]
    for flt in (TaskFilter(text="培训"), TaskFilter(text="培训", community_ids=frozenset({com}))):
        got = filled.store.task_rowids(flt, TODAY, SOON)
        sql, params = filled.store.rowids_sql(flt, TODAY, SOON)
        indexed = sql.replace(" NOT INDEXED", "").replace("+t.", "t.")
        assert got == [r[0] for r in filled.store.conn.execute(indexed, params)]
        assert filled.store.task_count(flt, TODAY, SOON) == len(got)


@pytest.mark.parametrize("sort", ["progress", "owner", "deadline", "order"])
def test_a_filter_that_keeps_many_tasks_walks_the_sort_index_for_its_first_screen(
    filled: Ledger, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "CAP", 1)  # every filter keeps many
    for flt in (
        TaskFilter(due="overdue", sort=sort),
        TaskFilter(statuses=frozenset({"not_started"}), sort=sort),
    ):
        text = plan(filled, flt)
        assert "USING INDEX task_by_" in text and "TEMP B-TREE" not in text, text


def test_overdue_keeping_few_tasks_reads_the_overdue_index_and_sorts_them(filled: Ledger) -> None:
    text = plan(filled, TaskFilter(due="overdue", sort="owner"))
    assert "USING INDEX task_late" in text and "TEMP B-TREE FOR ORDER BY" in text, text
    sql, params = filled.store.rowids_sql(TaskFilter(due="overdue"), TODAY, SOON)
    assert "task_late" in sql and filled.store.task_count(TaskFilter(due="overdue"), TODAY, SOON) == 2


@pytest.mark.parametrize("cap", [1, 20_000])
def test_each_way_of_reading_gives_the_same_tasks(
    filled: Ledger, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "CAP", cap)
    com = filled.communities()[0]["id"]
    filters = [
        TaskFilter(due="overdue"),
        TaskFilter(due="due_soon", sort="owner", descending=True),
        TaskFilter(statuses=frozenset({"not_started"}), sort="measure"),
        TaskFilter(text="强化", sort="progress"),
        TaskFilter(text="强化", community_ids=frozenset({com}), due="overdue"),
    ]
    for flt in filters:
        everything = filled.store.task_rowids(flt, TODAY, SOON)
        assert filled.store.task_rowids(flt, TODAY, SOON, limit=2) == everything[:2], flt
        assert filled.store.task_count(flt, TODAY, SOON) == len(everything), flt
