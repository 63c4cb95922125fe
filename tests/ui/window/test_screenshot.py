"""`main.py screenshot LEDGER OUTDIR`: the views as a user sees them, read without writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QWidget

from ledger.core import FixedClock, LedgerError
from ledger.example import generate
from ledger.service import Ledger
from tests.ledger.storage.old_files import old_file
from ui.board.kanban import KanbanView
from ui.board.overview import OverviewView
from ui.board.view import BoardView
from ui.reconcile.view import ReconcileView
from ui.signoff.queue import ReviewQueueView
from ui.window.main_window import MainWindow
from ui.window.screenshot import render_all


def test_an_older_file_is_refused_with_a_sentence_not_upgraded(qapp, filled: Ledger, tmp_path: Path) -> None:
    path = old_file(filled, tmp_path / "旧.db")
    before = path.read_bytes()
    with pytest.raises(LedgerError) as info:
        render_all(path, tmp_path / "shots", today="2025-11-20", dialogs=False)
    assert info.value.code == "needs_upgrade" and "请先在程序窗口中打开它" in info.value.message()
    # the file byte for byte as it was, no backup, and no -wal or -shm left beside it
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("旧")) == ["旧.db"]
    assert path.read_bytes() == before
    assert not (tmp_path / "shots").exists() or not list((tmp_path / "shots").iterdir())


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Past the 20,000 live tasks beyond which the table's remaining ids and the boards are read on workers."""
    path = tmp_path_factory.mktemp("shots") / "大台账.db"
    generate(path, tasks=25_000, communities=500, clock=FixedClock.on("2025-11-20")).close()
    return path


def still_reading(win: MainWindow) -> dict[str, bool]:
    """What the window in front would show as still being read, in the views' own terms."""
    view = win.page(win.tabs.currentIndex())
    state = {"table counting": win.model.reading() or not win.model.shown_text().isdigit()}
    if isinstance(view, (BoardView, KanbanView, ReconcileView)):
        state["tab reading"] = view.reads.reading() or view.reads.asked is None
    if isinstance(view, BoardView):  # the figures laid out for what they say now, not for the "—" they said
        figures = (view.fig_tasks, view.fig_closed, view.fig_overdue)
        state["figures cut"] = any(f.width() < f.sizeHint().width() for f in figures)
    elif isinstance(view, OverviewView):
        state["tab reading"] = view.counting or view.chart_open.busy
    elif isinstance(view, ReviewQueueView):
        state["tab reading"] = view.read_at != view.stamp()
    return state


def test_a_large_ledger_is_grabbed_once_every_view_has_read_it(
    qapp, big_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, dict[str, bool]] = {}
    real = QWidget.grab

    def grab(self: MainWindow, *args: object) -> QPixmap:
        seen[self.page(self.tabs.currentIndex()).objectName()] = still_reading(self)
        return real(self, *args)

    monkeypatch.setattr(MainWindow, "grab", grab)
    paths = render_all(big_path, tmp_path / "shots", today="2025-11-20", dialogs=False)
    assert [p.name for p in paths] == [
        "01-ledgerTable.png",
        "02-boardView.png",
        "03-kanbanView.png",
        "04-overviewView.png",
        "05-reviewQueueView.png",
        "06-reconcileView.png",
        "07-packageStatusView.png",
    ]
    for name in ("boardView", "kanbanView", "overviewView", "reviewQueueView", "reconcileView"):
        assert "tab reading" in seen[name], name  # the views were the ones the state was read from
    assert {name: any(state.values()) for name, state in seen.items()} == dict.fromkeys(seen, False), seen
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1600, 1000), path.name
    # the ledger's folder as it was: SQLite's -wal and -shm went with the last connection
    assert sorted(p.name for p in big_path.parent.iterdir() if not p.name.startswith(".")) == ["大台账.db"]


def test_a_read_that_fails_is_not_waited_for(
    qapp, big_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The kanban's read fails on its worker (the file busy): the tab keeps what it showed and the screenshot goes
    on at once instead of waiting out ``SETTLE_SECONDS`` for a read that will not come."""
    import sqlite3

    from ledger import board as lb
    from ui.window import screenshot

    def busy(*_args: object, **_kwargs: object) -> object:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(lb, "kanban_columns", busy)
    monkeypatch.setattr(screenshot, "SETTLE_SECONDS", 30.0)
    with caplog.at_level("WARNING", logger="ui.window.screenshot"):
        paths = render_all(big_path, tmp_path / "shots", today="2025-11-20", dialogs=False)
    assert len(paths) == 7 and all(p.exists() for p in paths)
    assert "still reading" not in caplog.text
