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
