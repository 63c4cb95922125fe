"""What the xlsxwriter 台账 writer must get right beyond the layout tests of test_ledger_xlsx: text that looks like a
formula or a number stays text (and stays text when edited), widths and heights are stored exactly as planned,
no temporary row file is left behind, Excel's limit on manual page breaks is respected, an empty text is a blank
cell, and every column a template may use is written."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ledger.office.ledger_xlsx import COLUMNS, DEFAULT_COLUMNS, DEFAULT_WIDTHS, export_ledger, save_template
from ledger.office.xlsx_book import Book
from ledger.office.xlsx_layout import CENTER, DEFAULT_SCHEME, TEXT
from ledger.office.xlsx_rows import COLUMN_ATTRS, COLUMN_STYLES
from ledger.service import Ledger
from ledger.storage import ExportCancelled

COL = {k: i for i, k in enumerate(DEFAULT_COLUMNS, start=1)}
FIRST = 4


@pytest.fixture
def rows_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the export's temporary row files go to (the system's temporary folder, redirected)."""
    folder = tmp_path / "系统临时文件夹"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_text_that_looks_like_a_formula_or_a_number_stays_text(filled: Ledger, tmp_path: Path) -> None:
    texts = [
        '=HYPERLINK("http://example.com","点我")',
        "+86 021",
        "-3 处未整改",
        "@所有人",
        "\t缩进的进展",
        "12345",
    ]
    ids = [t["id"] for t in filled.tasks_json()]
    for tid, text in zip(ids, texts, strict=False):
        filled.update_progress(tid, text)
    ws = openpyxl.load_workbook(export_ledger(filled, tmp_path / "台账.xlsx").path)["整改台账"]
    cells = {
        ws.cell(r, COL["progress"]).value: ws.cell(r, COL["progress"]) for r in range(FIRST, ws.max_row + 1)
    }
    for text in texts:
        cell = cells[text]
        assert cell.data_type == "s", text
        # Excel's quote prefix on what a spreadsheet would take for a formula: editing the cell keeps it text
        assert cell.quotePrefix == (text[0] in "=+-@\t"), text


def test_widths_and_heights_are_stored_as_planned(filled: Ledger, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_ledger(filled, tmp_path / "台账.xlsx").path)["整改台账"]
    widths = {}
    for d in ws.column_dimensions.values():  # one <col> may cover several columns of the same width
        for i in range(d.min or 1, (d.max or 0) + 1):
            widths[i] = d.width
    # exactly the template's characters (xlsxwriter's set_column would add 0.71 of padding to each); 责任领导 and
    # 责任人 are widened to their longest name
    planned = [DEFAULT_WIDTHS[k] for k in DEFAULT_COLUMNS if k not in ("leader", "owner")]
    assert [widths[i] for k, i in COL.items() if k not in ("leader", "owner")] == planned
    assert ws.row_dimensions[1].height == 36.0 and ws.row_dimensions[2].height == 24.0
    # heights in tenths of a point as computed (set_row would round them to whole pixels: 50 → 50.25)
    heights = [ws.row_dimensions[r].height for r in range(FIRST, ws.max_row + 1)]
    assert all(h is not None and h >= 20 and abs(h - round(h, 1)) < 1e-9 for h in heights)
    assert 50.0 in heights


def test_no_temporary_row_file_is_left(filled: Ledger, tmp_path: Path, rows_dir: Path) -> None:
    export_ledger(filled, tmp_path / "台账.xlsx", three_lists=True, per_community_sheets=True)
    assert list(rows_dir.iterdir()) == []
    with pytest.raises(ExportCancelled):
        export_ledger(filled, tmp_path / "台账.xlsx", three_lists=True, cancel=lambda: True)
    assert list(rows_dir.iterdir()) == []

    def broken(done: int, total: int) -> None:
        if done:
            raise RuntimeError("the progress dialog went away")

    with pytest.raises(RuntimeError):
        export_ledger(filled, tmp_path / "台账.xlsx", per_community_sheets=True, progress=broken)
    assert list(rows_dir.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["台账.xlsx"]


def test_more_pages_than_excel_takes_manual_breaks_for(tmp_path: Path) -> None:
    """Excel refuses a sheet with more than 1023 manual page breaks as damaged: the first 1023 are kept."""
    book = Book(DEFAULT_SCHEME, tmpdir=str(tmp_path))
    sheet = book.sheet("整改台账", [10, 30], paper="A4", header_row=3)
    sheet.heading("标题", "副标题", ["序号", "整改措施"], [10, 30])
    for n in range(1, 1201):
        height = sheet.room  # one row fills a page: a break before every row after the first
        sheet.break_before(height)
        sheet.append([(n, CENTER), (f"措施{n}", TEXT)], height)
    sheet.finish()
    book.save(tmp_path / "台账.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "台账.xlsx")["整改台账"]
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(sheet.breaks) == 1199 and breaks == sheet.breaks[:1023]
    assert ws.max_row == 1203 and ws.cell(1203, 2).value == "措施1200"
    assert list(tmp_path.glob("tmp*")) == []


def test_the_export_does_not_load_openpyxl(tmp_path: Path) -> None:
    """openpyxl takes ~0.2 s to import: the export (xlsxwriter) needs none of it."""
    code = (
        "import sys; from ledger.core import FixedClock; from ledger.example import generate; "
        "from ledger.office.ledger_xlsx import export_ledger; "
        f"led = generate({str(tmp_path / 'g.db')!r}, tasks=50, communities=2, clock=FixedClock()); "
        f"export_ledger(led, {str(tmp_path / 'out.xlsx')!r}, three_lists=True, per_community_sheets=True); "
        "assert not any(m.startswith('openpyxl') for m in sys.modules), 'openpyxl was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[3])


def test_every_column_a_template_may_use_has_a_value_and_a_style() -> None:
    assert set(COLUMN_ATTRS) == set(COLUMNS) == set(COLUMN_STYLES)


def test_a_one_column_template_writes_its_values(filled: Ledger, tmp_path: Path) -> None:
    """A row's values are read in one call; with one column that call gives a value, not a tuple of one."""
    save_template(filled, "只看措施", ["measure"])
    ws = openpyxl.load_workbook(export_ledger(filled, tmp_path / "台账.xlsx", template="只看措施").path)[
        "整改台账"
    ]
    assert [ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)] == [
        "强化宣传培训",
        "强化宣传培训",
        "开展专项整治",
        "加强日常巡查",
        "完善审核机制",
        "强化警示教育",
    ]


def test_an_empty_text_is_a_blank_cell_with_its_borders(filled: Ledger, tmp_path: Path) -> None:
    """No progress yet, no reviewer: the cell holds nothing (not an empty text) but keeps the table's borders."""
    path = export_ledger(filled, tmp_path / "台账.xlsx").path
    ws = openpyxl.load_workbook(path)["整改台账"]
    for key in ("progress", "reviewers", "remark"):
        cell = ws.cell(FIRST, COL[key])
        assert cell.value is None and cell.data_type == "n", key
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", key
    with zipfile.ZipFile(path) as z:
        sheet = next(
            n for n in z.namelist() if n.startswith("xl/worksheets/sheet") and z.read(n).count(b"<row") > 5
        )
        assert b"<is><t></t></is>" not in z.read(sheet) and b"<t/>" not in z.read(sheet)


def test_the_public_writers_write_the_same_sheet_as_the_undecorated_ones(
    filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """write_values uses xlsxwriter's undecorated ``_write_*`` where they exist; a release without them falls back
    to the public ``write_*``, which must give the very same cells."""
    from ledger.office import cell_values

    class Public:  # a worksheet as a release without the undecorated writers would be
        def __init__(self, ws: object) -> None:
            for kind in cell_values.WRITERS:
                setattr(self, f"write_{kind}", getattr(ws, f"write_{kind}"))

    filled.update_progress(filled.tasks_json()[0]["id"], "=1+1")  # a quoted cell too
    fast = export_ledger(filled, tmp_path / "快.xlsx").path
    chosen: list[list[str]] = []
    undecorated = cell_values.writers

    def public(ws: object) -> list[object]:
        found = undecorated(Public(ws))
        chosen.append([w.__name__ for w in found])
        return found

    monkeypatch.setattr(cell_values, "writers", public)
    slow = export_ledger(filled, tmp_path / "慢.xlsx").path
    assert chosen and chosen[0] == [f"write_{kind}" for kind in cell_values.WRITERS]

    def sheet(path: Path) -> bytes:
        with zipfile.ZipFile(path) as z:
            return z.read("xl/worksheets/sheet2.xml")

    assert sheet(fast) == sheet(slow)
