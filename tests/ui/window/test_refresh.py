"""The window refreshes each view at most once per operation, and not the view that started it."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from ledger.board import scheme as lb
from ui.window.app import make_app
from ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, filled):
    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    for key in ("board", "kanban", "overview", "queue"):
        win.view(key)
    return win


def _count(monkeypatch, calls: Counter[str], name: str, obj: Any, method: str) -> None:
    original = getattr(obj, method)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, method, counted)


@pytest.fixture
def refreshes(window, monkeypatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    _count(monkeypatch, calls, "table", window.model, "reload")
    _count(monkeypatch, calls, "communities", window.filters, "reload_communities")
    for key in ("board", "kanban", "overview", "queue"):
        _count(monkeypatch, calls, key, window.view(key), "refresh")
    return calls


def test_a_bulk_operation_refreshes_each_view_once(window, filled, refreshes) -> None:
    tasks = filled.tasks_json()
    first = filled.task(tasks[0]["id"])
    with filled.batch("bulk"):
        for t in tasks[:4]:
            filled.update_progress(t["id"], "批量进展")
        filled.add_task(first.problem_id, first.community_id, "新措施")
    assert refreshes == Counter(table=1, communities=1, board=1, kanban=1, overview=1, queue=1)
    assert window.model.rowCount() == 7


def test_a_board_colour_preset_refreshes_the_board_once(window, filled, refreshes) -> None:
    board = window.view("board")
    key = next(k for k, p in lb.PRESETS.items() if p != board.scheme)
    box = board.scheme_box
    box.setCurrentIndex(box.findData(key))
    box.activated.emit(box.currentIndex())
    assert lb.load_scheme(filled) == board.scheme, "saved in the ledger"
    assert refreshes["board"] <= 1
    assert refreshes["kanban"] == 1, "the kanban shows the colours too"
    assert refreshes["table"] == refreshes["communities"] == refreshes["overview"] == refreshes["queue"] == 0


def test_a_scheme_saved_elsewhere_is_followed_with_one_refresh(window, filled, refreshes) -> None:
    board = window.view("board")
    other = next(p for p in lb.PRESETS.values() if p.bands != board.scheme.bands and p != board.scheme)
    lb.save_scheme(filled, other)
    assert board.scheme == other and refreshes["board"] == 1


def test_an_edit_in_the_table_reloads_nothing_but_its_row(window, filled, refreshes) -> None:
    filled.update_progress(filled.tasks_json()[0]["id"], "一条进展")
    assert refreshes["table"] == 0 and refreshes["communities"] == 0
    assert refreshes["board"] == refreshes["kanban"] == refreshes["overview"] == refreshes["queue"] == 1


def test_the_view_that_started_an_operation_refreshes_once(window, monkeypatch) -> None:
    view = window.view("reconcile")
    calls: Counter[str] = Counter()
    _count(monkeypatch, calls, "reconcile", view, "refresh")
    view.start()  # 开始本周对账: the view's own action, refreshed by the view itself
    assert view.per is not None, "the week was opened"
    assert calls["reconcile"] == 1
