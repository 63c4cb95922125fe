"""The wall chart widget, its settings dialog and its print/export, driven with qtbot; the ledger and the written
files are checked afterwards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from ledger import board as lb
from ledger.core import FixedClock, Operator
from ledger.example import generate
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.board import printing as board_print
from ui.board import settings as board_settings
from ui.board.grid import BoardModel, CellRole, GroupRole, TotalsRole
from ui.board.settings import BoardSettingsDialog
from ui.board.view import BoardView

A3_LANDSCAPE = (1190.55, 841.89)
A4_PORTRAIT = (595.28, 841.89)


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.fixture
def view(qtbot, filled: Ledger) -> BoardView:
    v = BoardView(filled)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.mark.parametrize("mode", ["problem", "category", "owner", "week"])
def test_model_passes_the_model_tester(qtmodeltester, filled: Ledger, mode: str) -> None:
    model = BoardModel(filled)
    model.reload(TaskFilter(), mode)
    qtmodeltester.check(model)
    model.reload(TaskFilter(due="overdue"), mode)
    qtmodeltester.check(model)


def test_model_roles(filled: Ledger) -> None:
    model = BoardModel(filled)
    model.reload(None, "problem")
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    idx = model.index(0, 0)
    assert model.data(idx) == "逾 逾10"
    assert model.data(idx, CellRole).worst == lb.OVERDUE
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole).color() == QColor(lb.DEFAULT.color(lb.OVERDUE))
    tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "强化宣传培训" in tip and "赵一" in tip and "2025-11-10" in tip and "未启动" in tip
    assert model.headerData(0, Qt.Orientation.Horizontal, GroupRole) == "一、党建引领"
    assert model.headerData(0, Qt.Orientation.Vertical) == "南郊别墅"
    assert model.headerData(0, Qt.Orientation.Vertical, TotalsRole).overdue == 1


def test_clicking_a_cell_emits_its_task_ids(qtbot, view: BoardView, filled: Ledger) -> None:
    south, prob = filled.community_id("南郊别墅"), filled.problems()[0]["id"]
    row = next(i for i, r in enumerate(view.model.data_.rows) if r.key == south)
    col = next(i for i, c in enumerate(view.model.data_.columns) if c.key == prob)
    index = view.model.index(row, col)
    rows = filled.store.task_rows(filled.task_rowids()).values()
    expected = [
        r[1] for r in rows if r[2] == south and r[6] == prob
    ]  # (rowid, id, community_id, …, problem_id)
    rect = view.table.visualRect(index)
    assert rect.isValid() and view.table.viewport().rect().contains(rect.center())
    with qtbot.waitSignal(view.tasksActivated, timeout=2000) as blocker:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == expected and len(expected) == 1
    with qtbot.waitSignal(view.tasksActivated, timeout=2000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)  # the keyboard does the same on the current cell
    assert blocker.args[0] == expected


def test_hover_names_the_most_urgent_task(qtbot, filled: Ledger, view: BoardView) -> None:
    got: list[str] = []
    view.taskHovered.connect(got.append)
    view.table.entered.emit(view.model.index(1, 0))
    assert got and filled.task(got[0]).owner == "钱二"
    view.table.viewportEntered.emit()
    assert got[-1] == ""


def test_filter_modes_and_big_figures(qtbot, view: BoardView) -> None:
    assert view.fig_overdue.value.text() == "2" and view.fig_closed.value.text() == "0.0%"
    assert view.title.text().startswith("测试工业区党工委")
    view.set_filter(TaskFilter(due="overdue"))
    assert view.model.data_.total.tasks == 2 and view.fig_tasks.value.text() == "2"
    view.set_filter(None)
    with qtbot.waitSignal(view.columnsChanged):
        view.mode_buttons["week"].click()
    assert view.columns() == "week" and view.model.data_.today_column is not None
    view.set_columns("category")
    assert view.model.columnCount() == 2
    assert view.legend.isVisible() and view.legend.height() > 10


def test_on_changed_refreshes(filled: Ledger, view: BoardView) -> None:
    seen = []
    filled.subscribe(lambda ch: (seen.append(ch), view.on_changed(ch)))
    south = filled.community_id("南郊别墅")
    tid = next(r[1] for r in filled.store.task_rows(filled.task_rowids()).values() if r[2] == south)
    filled.update_task(tid, deadline="2026-06-30")
    assert seen and view.fig_overdue.value.text() == "1"


def test_a_changed_scheme_is_saved_and_used_after_reopening(
    qtbot,
    tmp_path: Path,
    filled: Ledger,
    clock: FixedClock,
    work_team: Operator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(board_settings, "pick_color", lambda *_a: QColor("#123456"))

    def answer(dialog: BoardSettingsDialog) -> int:
        dialog.color_buttons[lb.OVERDUE].click()  # asks pick_color
        dialog.letter_edits[lb.OVERDUE].setText("超")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BoardSettingsDialog, "exec", answer)
    scheme = BoardSettingsDialog.ask(None, filled)
    assert scheme is not None and scheme.color(lb.OVERDUE) == "#123456" and scheme.name == "自定义"
    path = filled.path
    filled.close()
    again = Ledger.open(path, clock=clock, operator=work_team)
    try:
        v = BoardView(again)
        qtbot.addWidget(v)
        v.resize(1200, 800)
        v.show()
        qtbot.waitExposed(v)
        assert v.scheme.color(lb.OVERDUE) == "#123456"
        assert v.model.data(v.model.index(0, 0)).startswith("超")
        assert v.scheme_box.currentData() == "custom"
        rect = v.table.visualRect(v.model.index(0, 0))
        image = v.table.viewport().grab().toImage()
        assert QColor(image.pixel(rect.center().x(), rect.top() + 3)) == QColor("#123456")
    finally:
        again.close()


def test_choosing_a_preset_saves_it(view: BoardView, filled: Ledger) -> None:
    view.scheme_box.setCurrentIndex(view.scheme_box.findData("red_done"))
    view.scheme_box.activated.emit(view.scheme_box.currentIndex())
    assert lb.load_scheme(filled).color(lb.CLOSED) == lb.RED_DONE.color(lb.CLOSED)
    assert view.model.data_.bands == (20, 10)


def test_settings_dialog_edits_bands(qtbot, filled: Ledger) -> None:
    d = BoardSettingsDialog(filled)
    qtbot.addWidget(d)
    d.add_band_button.click()
    assert [s.value() for s, _b, _r in d.band_rows] == [7, 3]
    d.band_rows[1][0].setValue(9)  # nearer step must be fewer days
    assert d.error.text() and "挂图配色" in d.error.text()
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted
    d.band_rows[1][0].setValue(3)
    assert d.error.text() == ""
    assert d.scheme().bands == (7, 3)


# ---- print and export --------------------------------------------------------------------------------------
def test_pdf_is_a3_landscape_with_one_page(filled: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "挂图.pdf"
    pages = board_print.export_board_pdf(filled, out)
    data = out.read_bytes()
    assert pages == 1 and page_count(data) == 1
    w, h = media_boxes(data)[0]
    assert abs(w - A3_LANDSCAPE[0]) < 1 and abs(h - A3_LANDSCAPE[1]) < 1
    assert not (tmp_path / "挂图.pdf.part").exists()


def test_big_chart_splits_into_pages_of_the_chosen_size(tmp_path: Path) -> None:
    led = generate(
        tmp_path / "big.db", tasks=2400, communities=80, problems=30, clock=FixedClock.on("2025-11-20")
    )
    try:
        out = tmp_path / "a4.pdf"
        seen: list[tuple[int, int]] = []
        pages = board_print.export_board_pdf(
            led, out, paper="A4", landscape=False, progress=lambda d, t: seen.append((d, t))
        )
        data = out.read_bytes()
        assert pages > 1 and page_count(data) == pages and seen[-1] == (pages, pages)
        assert all(abs(w - A4_PORTRAIT[0]) < 1 and abs(h - A4_PORTRAIT[1]) < 1 for w, h in media_boxes(data))
        # the plan: every row and column on some page, headers repeated (each page paints its own)
        scheme = lb.load_scheme(led)
        board = lb.board_data(led, None, "problem", bands=scheme.bands)
        size = board_print.page_size_pt("A4", landscape=False)
        sheet = board_print.layout(
            board, scheme, (size.width() - 48) * 300 / 72, (size.height() - 48) * 300 / 72, 300
        )
        plan = board_print.pages(board, sheet)
        assert len(plan) == pages
        assert {r for rows, _c in plan for r in rows} == set(range(len(board.rows)))
        assert {c for _r, cols in plan for c in cols} == set(range(len(board.columns)))
        assert sheet.fonts.text.pixelSize() >= round(9 * 300 / 72)  # cell text at least 9 pt on paper
        cancelled = board_print.export_board_pdf(led, tmp_path / "x.pdf", cancel=lambda: True)
        assert cancelled == 0 and not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.pdf.part").exists()
        sheets = board_print.export_board_png(led, tmp_path / "墙.png", paper="A4", landscape=False, dpi=60)
        assert [f.name for f in sheets] == [f"墙-{i}.png" for i in range(1, pages + 1)]
        done: list[int] = []
        gone = board_print.export_board_png(
            led,
            tmp_path / "停.png",
            paper="A4",
            landscape=False,
            dpi=60,
            progress=lambda d, t: done.append(d),
            cancel=lambda: len(done) >= 2,
        )
        assert gone == [] and not list(tmp_path.glob("停*"))
    finally:
        led.close()


@pytest.mark.parametrize(
    ("paper", "landscape", "size"), [("A3", True, (2480, 1754)), ("A4", False, (1240, 1754))]
)
def test_png_sheets(
    filled: Ledger, tmp_path: Path, paper: str, landscape: bool, size: tuple[int, int]
) -> None:
    files = board_print.export_board_png(
        filled, tmp_path / "挂图.png", paper=paper, landscape=landscape, columns="week"
    )
    assert files and all(f.exists() for f in files)
    img = QImage(str(files[0]))
    assert abs(img.width() - size[0]) <= 2 and abs(img.height() - size[1]) <= 2
    assert QColor(img.pixel(5, 5)) == QColor("#FFFFFF")


def test_print_through_a_printer(
    qtbot, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(board_print.page_layout("A3", True))
    asked = []
    monkeypatch.setattr(board_print, "ask_printer", lambda parent, p: asked.append(p) or True)
    assert board_print.print_board(None, filled, printer=printer) == 1
    assert asked == [printer]
    assert page_count((tmp_path / "printed.pdf").read_bytes()) == 1
    monkeypatch.setattr(board_print, "ask_printer", lambda parent, p: False)
    assert board_print.print_board(None, filled, printer=printer) == 0


def test_export_with_dialog(qtbot, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(parent, caption, directory, filters):
        png = next(f for f in filters if "A4" in f and "png" in f)
        return str(tmp_path / "墙上"), png

    monkeypatch.setattr(board_print, "ask_save_path", answer)
    files = board_print.export_with_dialog(None, filled, columns="category")
    assert files == [tmp_path / "墙上.png"] and files[0].exists()
    monkeypatch.setattr(board_print, "ask_save_path", lambda *a: ("", ""))
    assert board_print.export_with_dialog(None, filled) == []


def test_describe_filter(filled: Ledger) -> None:
    south = filled.community_id("南郊别墅")
    text = board_print.describe_filter(
        filled, TaskFilter(community_ids=frozenset({south}), due="overdue", text="宣传")
    )
    assert text == "筛选：南郊别墅；逾期；含“宣传”"


def test_a_returned_tasks_reason_shows_on_the_board_and_the_kanban(qtbot, filled):
    """Issue 3: the return reason is shown on the task and on the board."""
    from PySide6.QtCore import Qt as _Qt

    from ledger.core import Action, Operator, Role
    from ui.board.kanban import KanbanView
    from ui.board.view import BoardView

    tid = next(t["id"] for t in filled.tasks_json() if t["owner"] == "孙三")
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    filled.operator = Operator("张专班", Role.WORK_TEAM)
    filled.act(tid, Action.RETURN, reason="缺少签到表")
    board = BoardView(filled)
    qtbot.addWidget(board)
    model = board.model
    tips = [
        model.data(model.index(r, c), _Qt.ItemDataRole.ToolTipRole) or ""
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert any("缺少签到表" in tip for tip in tips)
    kanban = KanbanView(filled)
    qtbot.addWidget(kanban)
    found = []
    from PySide6.QtWidgets import QListView

    for view in kanban.findChildren(QListView):
        m = view.model()
        for r in range(m.rowCount()):
            found.append(m.data(m.index(r, 0), _Qt.ItemDataRole.ToolTipRole) or "")
    assert any("缺少签到表" in tip for tip in found)
