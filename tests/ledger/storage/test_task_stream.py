"""task_pages: the rows of a list of rowids in its order, streamed when the list is the whole ledger."""

from __future__ import annotations

from typing import Any

import pytest

from ledger.service import Ledger
from ledger.storage import TaskFilter
from ledger.storage.task_stream import task_pages


def _pages(led: Ledger, rowids: list[int], page: int) -> list[list[tuple[Any, ...]]]:
    return list(task_pages(led.store.conn, rowids, page))


def _looked_up(led: Ledger, rowids: list[int]) -> list[tuple[Any, ...]]:
    found = led.store.task_rows(rowids)
    return [found[r] for r in rowids if r in found]


@pytest.mark.parametrize("page", [1, 2, 4, 500])
def test_whole_ledger_streamed_gives_the_rows_looked_up(filled: Ledger, page: int) -> None:
    rowids = filled.task_rowids(TaskFilter())
    pages = _pages(filled, rowids, page)
    assert [len(p) for p in pages] == [len(rowids[i : i + page]) for i in range(0, len(rowids), page)]
    assert [r for p in pages for r in p] == _looked_up(filled, rowids)


def test_a_subset_or_another_order_is_looked_up_by_rowid(filled: Ledger) -> None:
    rowids = filled.task_rowids(TaskFilter())
    for chosen in (rowids[::2], rowids[::-1], [rowids[1], rowids[0], *rowids[2:]]):
        assert [r[0] for p in _pages(filled, chosen, 2) for r in p] == chosen
        assert [r for p in _pages(filled, chosen, 2) for r in p] == _looked_up(filled, chosen)


@pytest.mark.parametrize("before_first_page", [True, False])
def test_a_task_deleted_meanwhile_gives_the_rows_task_rows_gives(
    filled: Ledger, before_first_page: bool
) -> None:
    """A (soft) deletion while the rowids are read: the rows are still those of ``Store.task_rows``."""
    rowids = filled.task_rowids(TaskFilter())
    gone = filled.store.conn.execute("SELECT id FROM task WHERE rowid = ?", (rowids[3],)).fetchone()[0]
    pages = task_pages(filled.store.conn, rowids, 2)
    first = [] if before_first_page else next(pages)
    filled.delete_task(gone)
    rows = first + [r for p in pages for r in p]
    assert rows == _looked_up(filled, rowids)


def test_a_task_added_while_streaming_leaves_the_rows_those_of_the_rowids(filled: Ledger) -> None:
    rowids = filled.task_rowids(TaskFilter())
    pages = task_pages(filled.store.conn, rowids, 2)
    first = next(pages)  # streaming: the list was the whole ledger
    problem, community = first[0][6], first[0][2]
    filled.add_task(problem, community, "新增措施", owner="新人")  # sorts among the rowids still to come
    rest = [r for p in pages for r in p]
    assert [r[0] for r in first + rest] == rowids
    assert first + rest == _looked_up(filled, rowids)


def test_no_rowids_no_pages(filled: Ledger) -> None:
    assert _pages(filled, [], 500) == []
