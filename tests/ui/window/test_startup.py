"""The window's start-up path: what runs before the first paint, and the table's cells painted by Qt itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem

from ledger.service import Ledger
from ui.common import palette
from ui.table.model import COLUMN_INDEX, GroupStartRole
from ui.window.delegate import EditDelegate, StateChipDelegate
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]

# main.py run as a user runs it, reporting at the first paint (when the window opens its log file) and when the
# window is made: the collector's thresholds then, and which of the program's modules were imported.
PROBE = r"""
import gc, json, runpy, sys
sys.path.insert(0, %(root)r)
import ui.window.app as app
seen = {}
made = app.make_app
def make_app(*args, **kwargs):
    seen["thresholds_before_paint"] = gc.get_threshold()
    return made(*args, **kwargs)
opened = app.setup_logging
def setup_logging(*args, **kwargs):
    if "thresholds_after_paint" not in seen:
        seen["thresholds_after_paint"] = gc.get_threshold()
        seen["modules"] = sorted(m for m in sys.modules if m.startswith(("ledger", "ui")))
        seen["qt_types"] = sorted(  # the Qt types PySide6 has made so far (it makes each on first use)
            name for m in ("QtCore", "QtGui", "QtWidgets") for name in vars(sys.modules["PySide6." + m])
        )
    return opened(*args, **kwargs)
app.make_app, app.setup_logging = make_app, setup_logging
sys.argv = ["main.py", *%(argv)r]
try:
    runpy.run_path(%(main)r, run_name="__main__")
except SystemExit:
    pass
print(json.dumps(seen))
"""


def _probe(tmp_path: Path, *argv: str) -> dict:
    config = tmp_path / "config"
    (config / "zhenggai").mkdir(parents=True, exist_ok=True)
    (config / "zhenggai" / "zhenggai-ledger.conf").write_text(
        "[operator]\nname=张专班\nrole=work_team\n", encoding="utf-8"
    )
    script = PROBE % {"root": str(ROOT), "argv": list(argv), "main": str(ROOT / "main.py")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def python(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (its imports start from nothing), which must succeed."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_first_paint_waits_neither_for_the_collector_nor_for_the_wall_chart(tmp_path, filled):
    path = filled.path
    filled.close()
    seen = _probe(tmp_path, "--ledger", str(path), "--data-dir", str(tmp_path / "data"), "--startup-time")
    usual = tuple(
        json.loads(
            subprocess.check_output([sys.executable, "-c", "import gc; print(list(gc.get_threshold()))"])
        )
    )
    assert seen["thresholds_before_paint"][0] > 10 * usual[0]  # held back while the window is made
    assert tuple(seen["thresholds_after_paint"]) == usual  # and as usual once it has painted
    # the state chips need the colour scheme; the wall chart, the kanban, the overview and the trends wait
    assert "ledger.board.scheme" in seen["modules"]
    assert not {
        "ledger.board.wallchart",
        "ledger.board.kanban",
        "ledger.board.overview",
        "ledger.board.trends",
        "ledger.board.query",
        "ui.window.upgrade",  # the upgrade dialog's module: only for an older file
        "ledger.storage.upgrade",  # the upgrade itself: only for an older file
        "ledger.storage.journal",  # no entry is read or written before the first paint
        "ledger.cli.parser",  # the subcommands' parser: the window's options are ledger.cli's
        "ledger.core.workflow",  # the review workflow: the first paint takes no step
        "ledger.core.fixed_clock",  # a clock that stands still: tests and demos only
        "ledger.core.indicator",  # a task's indicators: read by the task panel after the first paint
        "ledger.core.person",  # the people register's entries: read by a command's permission check
        "ledger.service.tx",  # what a command writes and tells (Changed): the first paint runs no command
        "ledger.service.backups",  # made when the ledger closes
        "ledger.service.people",  # the people register's commands
        "ledger.storage.files",  # writing documents and folders
        "ledger.storage.office_files",  # checking office files before reading them
        "ledger.storage.journal_index",  # the modules of migrations 7, 8 and 9: a file of the newest version
        "ledger.storage.sort_indexes",  # runs none
        "ledger.storage.search_index",
    } & set(seen["modules"])


def test_the_first_paint_makes_only_the_qt_types_it_shows(tmp_path, filled):
    path = filled.path
    filled.close()
    seen = _probe(tmp_path, "--ledger", str(path), "--data-dir", str(tmp_path / "data"), "--startup-time")
    made = set(seen["qt_types"])
    assert {"QMainWindow", "QTableView", "QStyledItemDelegate", "QPainter"} <= made  # what the window shows
    # Asking PySide6 which type a widget made by Qt is (the table's own viewport) would make every widget type
    # first: the dialogs, the calendar, the spin boxes ... A brush made in Python would make QGradient and QImage.
    assert not {"QFileDialog", "QMessageBox", "QCalendarWidget", "QSpinBox", "QGradient", "QImage"} & made


def test_the_storage_face_imports_the_journal_when_one_of_its_names_is_asked_for(tmp_path):
    Ledger.create(tmp_path / "l.db").close()  # one journal entry: create_ledger
    code = (
        "import sys; from ledger.service import Ledger; "
        f"led = Ledger.open({str(tmp_path / 'l.db')!r}); "
        "seq = led.store.last_seq(); led.task_rowids(limit=10); led.task_count(); "
        "before = 'ledger.storage.journal' in sys.modules; "
        "led.set_setting('due_soon_days', 5); "  # a command writes its journal entry
        "from ledger.storage import Change, journal; "
        "assert Change.__module__ == 'ledger.storage.journal', Change; "
        "assert (seq, led.store.last_seq(), journal.last_seq(led.store)) == (1, 2, 2); "
        "print(before)"
    )
    assert python(code) == "False"


def test_the_board_face_imports_its_modules_when_a_name_is_asked_for():
    code = (
        "import sys; from ledger import board as lb; "
        "before = {'ledger.board.wallchart', 'ledger.board.kanban'} & set(sys.modules); "
        "assert 'ledger.board.trends' not in sys.modules; "
        "from ledger.board.trends import ALL_TASKS_SQL; "  # the module named like the function, imported first
        "assert callable(lb.trends) and lb.trends.__module__ == 'ledger.board.trends', lb.trends; "
        "from ledger.board import trends, JournalReplay; assert trends is lb.trends, trends; "
        "assert JournalReplay.__module__ == 'ledger.board.trends'; "
        "assert lb.board_data.__module__ == 'ledger.board.wallchart'; "
        "assert lb.KanbanColumn.__module__ == 'ledger.board.kanban'; "
        "assert 'community_progress' in dir(lb); "
        "print(sorted(before))"
    )
    assert python(code) == "[]"


def _window(qtbot, led: Ledger) -> MainWindow:
    win = MainWindow(led, remember_layout=False)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_state_cell_shows_its_chip_as_an_icon_and_qt_paints_the_rest(qtbot, filled):
    win = _window(qtbot, filled)
    status = COLUMN_INDEX["status"]
    chips = win.table.itemDelegateForColumn(status)
    assert isinstance(chips, StateChipDelegate)
    assert type(win.table.itemDelegate()) is EditDelegate and "paint" not in vars(EditDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(win.table)
    chips.initStyleOption(option, win.model.index(0, status))
    assert option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration
    assert not option.icon.isNull() and option.text == win.model.index(0, status).data()
    assert not option.font.bold()  # the word in the table's weight: the chip says how late it is


def test_a_line_is_drawn_above_each_problems_first_row(qtbot, filled):
    win = _window(qtbot, filled)
    table, model = win.table, win.model
    starts = [r for r in range(1, model.rowCount()) if model.index(r, 0).data(GroupStartRole)]
    inside = [r for r in range(1, model.rowCount()) if r not in starts]
    assert starts and inside
    picture = table.viewport().grab().toImage()
    frame = QColor(palette.FRAME).rgb()
    x = table.columnViewportPosition(COLUMN_INDEX["measure"]) + 5

    def line_at(row: int) -> bool:
        y = table.rowViewportPosition(row)
        return 0 < y < picture.height() and picture.pixel(x, y) == frame

    visible_starts = [r for r in starts if 0 < table.rowViewportPosition(r) < picture.height()]
    visible_inside = [r for r in inside if 0 < table.rowViewportPosition(r) < picture.height()]
    assert visible_starts and visible_inside
    assert all(line_at(r) for r in visible_starts)
    assert not any(line_at(r) for r in visible_inside)


def test_one_quick_look_tells_the_schema_version_and_whether_the_file_is_a_package(tmp_path, filled):
    import sqlite3

    from ledger.storage import SCHEMA_VERSION
    from tests.ledger.storage.old_files import old_file
    from ui.packages.probe import looks_like_package, quick_look

    assert quick_look(filled.path) == (SCHEMA_VERSION, False)
    (tmp_path / "文本.db").write_text("不是数据库", encoding="utf-8")
    assert quick_look(tmp_path / "文本.db") == (None, False)
    assert quick_look(tmp_path / "没有.db") == (None, False)
    assert quick_look(old_file(filled, tmp_path / "旧.db")) == (8, False)  # closes the ledger
    conn = sqlite3.connect(filled.path)
    conn.execute("INSERT INTO setting(key, value) VALUES ('package', '{}')")
    conn.commit()
    conn.close()
    assert quick_look(filled.path) == (SCHEMA_VERSION, True)
    assert looks_like_package(filled.path)


def test_the_quick_look_gives_up_on_a_file_whose_setting_never_ends(tmp_path):
    """Before any check, the look reads ``setting``: a file made so that this never ends (a recursive view) would
    leave the user with no window and no word. It runs out of time (5 s) instead, and the open then says what is
    wrong, the file as it was."""
    import sqlite3

    path = tmp_path / "台账.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 9")
    conn.execute(
        "CREATE VIEW setting AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT CAST(x AS TEXT) AS key FROM n"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    code = (
        "import sys; from pathlib import Path; from ledger.core import LedgerError; "
        "from ledger.service import Ledger; from ui.packages.probe import quick_look; "
        f"path = Path({str(path)!r}); print(quick_look(path)); "
        "exec('try: Ledger.open(path)\\nexcept LedgerError as e: print(e.code)')"
    )
    # the harness's guard (a SQLite statement cannot be interrupted by a signal): a hang fails, not CI
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["(None, False)", "not_a_ledger"]
    assert path.read_bytes() == before
