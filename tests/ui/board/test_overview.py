"""总览: the big figure, the community bars worst first, the overdue list and the weekly trend charts; and the
render check that grabs the board, the kanban and the overview to PNG (set BOARD_RENDER_DIR to keep them)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.board import overview_jobs
from ui.board.overview import OverviewView, TaskIdRole, TrendChart, nice_max

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def overview(qtbot, filled: Ledger) -> OverviewView:
    v = OverviewView(filled)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_figures_bars_and_overdue_list(qtmodeltester, overview: OverviewView) -> None:
    assert overview.pct.text() == "0.0%" and overview.overdue.text() == "2"
    assert overview.pct.font().pointSizeF() >= max(
        w.font().pointSizeF() for w in overview.findChildren(type(overview.pct)) if w is not overview.pct
    )
    qtmodeltester.check(overview.progress)
    qtmodeltester.check(overview.overdue_model)
    names = [overview.progress.rows[i].name for i in range(overview.progress.rowCount())]
    assert sorted(names) == ["南郊别墅", "鑫峰苑"]
    om = overview.overdue_model
    assert om.rowCount() == 2
    assert [om.data(om.index(r, 2)) for r in range(2)] == ["赵一", "李四"]  # most overdue first
    assert om.data(om.index(0, 4)) == "10"


def test_worst_community_first_and_filters(overview: OverviewView, filled: Ledger) -> None:
    from ledger.core import Status

    com = filled.community_id("鑫峰苑")
    cat = filled.categories()[0]["id"]
    pid = filled.problems(cat)[0]["id"]
    filled.add_task(pid, filled.community_id("南郊别墅"), "已完成的一项", owner="王五", status=Status.CLOSED)
    overview.refresh()
    assert overview.progress.rows[0].id == com  # 0% before 25%
    assert overview.pct.text() == "14.3%"
    overview.set_filter(TaskFilter(community_ids=frozenset({com})))
    assert overview.progress.rowCount() == 1 and overview.overdue.text() == "1"


def test_signals(qtbot, overview: OverviewView) -> None:
    index = overview.overdue_model.index(0, 0)
    with qtbot.waitSignal(overview.tasksActivated) as blocker:
        overview.overdue_table.activated.emit(index)
    assert blocker.args[0] == [index.data(TaskIdRole)]
    bar = overview.progress.index(0)
    rect = overview.bars.visualRect(bar)
    with qtbot.waitSignal(overview.communityActivated) as blocker:
        qtbot.mouseClick(overview.bars.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == overview.progress.rows[0].id


def test_trend_charts_paint(qtbot, overview: OverviewView) -> None:
    assert overview.chart_open.values[-1] == 6 and overview.chart_closed.values[-1] == 0
    assert len(overview.chart_open.labels) == overview.weeks
    empty = TrendChart("空")
    qtbot.addWidget(empty)
    empty.resize(300, 200)
    assert not empty.grab().isNull()
    bars = TrendChart("柱", "bar", QColor("#C62828"))
    qtbot.addWidget(bars)
    bars.resize(400, 240)
    bars.set_series([0, 3, 9, 4], ["11.3", "11.10", "11.17", "11.24"])
    image = bars.grab().toImage()
    reds = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if QColor(image.pixel(x, y)) == QColor("#C62828")
    )
    assert reds > 20
    assert [nice_max(v) for v in (0, 1, 3, 7, 12, 230, 1000)] == [2, 2, 4, 10, 20, 400, 1000]


def test_module_imports_stay_light() -> None:
    code = (
        "import sys; import ui.board.overview; bad = [m for m in sys.modules if m.startswith(('PySide6.QtCharts', "
        "'PySide6.QtPrintSupport', 'openpyxl', 'docx', 'ui.board.printing', 'ui.board.kanban'))]; print(bad); "
        "assert not bad, bad"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_render_views_to_png(qtbot, filled: Ledger, tmp_path: Path) -> None:
    """Grab the three views as a person would see them; BOARD_RENDER_DIR=/tmp/x keeps the PNGs to look at."""
    from ui.board.kanban import KanbanView
    from ui.board.view import BoardView

    out = Path(os.environ.get("BOARD_RENDER_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    for name, cls in (("board", BoardView), ("kanban", KanbanView), ("overview", OverviewView)):
        view = cls(filled)
        qtbot.addWidget(view)
        view.resize(1600, 1000)
        view.show()
        qtbot.waitExposed(view)
        path = out / f"{name}.png"
        assert view.grab().save(str(path))
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1600, 1000)
        colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}
        assert len(colours) > 4, f"{name} looks blank"


def test_a_large_ledger_is_counted_in_the_background_with_the_same_figures(
    qtbot, filled: Ledger, monkeypatch
) -> None:
    """Past INLINE_ROWS the figures and the first reading of the journal are counted on a pool thread: the charts
    say they are reading, the window stays usable, and what arrives is what the GUI thread counts; a change made
    afterwards is read on top (only the new entry)."""
    inline = OverviewView(filled)
    qtbot.addWidget(inline)
    monkeypatch.setattr(OverviewView, "INLINE_ROWS", 0)
    v = OverviewView(filled)
    qtbot.addWidget(v)
    assert v.counting and v.chart_open.busy and v.chart_open.values == [] and v.pct.text() == "—"
    qtbot.waitUntil(lambda: not v.counting, timeout=20_000)
    assert not v.chart_open.busy
    assert (v.pct.text(), v.overdue.text(), v.counts.text()) == (
        inline.pct.text(),
        inline.overdue.text(),
        inline.counts.text(),
    )
    assert v.chart_open.values == inline.chart_open.values
    assert v.overdue_model.rowCount() == inline.overdue_model.rowCount() > 0
    filled.delete_task(filled.tasks_json()[0]["id"])
    v.refresh()  # what the window does on a change
    inline.refresh()  # (counted in the background too now: INLINE_ROWS is 0 for every view)
    qtbot.waitUntil(lambda: not v.counting and not inline.counting, timeout=20_000)
    assert v.chart_open.values == inline.chart_open.values and v.counts.text() == inline.counts.text()


def held_counting(monkeypatch) -> threading.Event:
    """The workers' counting waits until the returned event is set (so a test can act while it runs)."""
    gate = threading.Event()
    real = overview_jobs.count_figures

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(OverviewView, "INLINE_ROWS", 0)
    monkeypatch.setattr(overview_jobs, "count_figures", held)
    return gate


def settle() -> None:
    """Every worker has finished and whatever it sent has been delivered."""
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()


def test_closing_stops_the_background_counting(qtbot, filled: Ledger, monkeypatch) -> None:
    gate = held_counting(monkeypatch)
    v = OverviewView(filled)
    qtbot.addWidget(v)
    v.stop()
    gate.set()
    settle()
    assert v.counting and v.chart_open.values == []  # nothing half-counted is shown


def test_the_window_closing_its_ledger_stops_the_overviews_counting(
    qtbot, filled: Ledger, monkeypatch
) -> None:
    """The window closes when its ledger closes (another ledger is opened in its place, or the program ends): a
    worker still counting the overview, at 1M tasks tens of seconds of replaying the journal, stops and sends
    nothing; before, only the program's end stopped it."""
    from ui.window.main_window import MainWindow

    gate = held_counting(monkeypatch)
    win = MainWindow(filled, remember_layout=False)
    qtbot.addWidget(win)
    win.show()
    view = win.view("overview")
    assert isinstance(view, OverviewView) and view.counting
    win.close()
    gate.set()
    settle()
    assert view.counting and view.chart_open.values == [] and view.pct.text() == "—"


def test_the_background_counting_never_upgrades_an_older_file(qtbot, filled: Ledger, tmp_path: Path) -> None:
    """The worker opens the window's file only to read: were it older (the window upgrades before it opens, with
    the user's yes and a backup), the worker sends nothing and leaves it as it was, never upgrading it unasked."""
    from types import SimpleNamespace

    from tests.ledger.storage.old_files import backups_beside, old_file, snapshot

    read = overview_jobs.FiguresRead()
    sent: list[object] = []
    read.done.connect(sent.append)

    def count(path: Path) -> None:
        held = SimpleNamespace(store=SimpleNamespace(path=path), clock=filled.clock, operator=filled.operator)
        job = overview_jobs.FiguresJob(
            held, TaskFilter(), 50, 1, [1], replay=True, read=read, cancelled=threading.Event()
        )
        job.setAutoDelete(False)
        job.run()

    current = tmp_path / "新.db"
    old = old_file(filled, tmp_path / "旧.db")
    current.write_bytes(filled.path.read_bytes())  # the same ledger as this version writes it
    before = snapshot(old)
    count(old)
    assert sent == [] and snapshot(old) == before and backups_beside(old) == []
    count(current)
    assert len(sent) == 1 and isinstance(sent[0], overview_jobs.Figures) and sent[0].rows
