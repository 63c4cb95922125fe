"""佐证材料目录: 目录.xlsx beside 目录.csv in the evidence zip, one row per file, set up to print."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ledger import signoff
from ledger.office.evidence_index import HEADERS, SHEET, export_evidence
from ledger.service import Ledger

HEADER_ROW = 3


def _attach(led: Ledger) -> None:
    tasks = {(t["community"], t["measure"]): t["id"] for t in led.tasks_json()}
    a = tasks[("南郊别墅", "强化宣传培训")]
    c = tasks[("南郊别墅", "开展专项整治")]
    signoff.attach_evidence(led, a, data=b"x" * 3000, file_name="培训签到表.jpg")
    signoff.attach_evidence(led, a, data=b"minutes", file_name="=HYPERLINK(1).docx")
    signoff.attach_evidence(led, c, data=b"photo", file_name="现场.jpg")
    gone = signoff.attach_evidence(led, c, data=b"removed", file_name="作废.jpg")
    signoff.remove_evidence(led, gone)


def test_the_zip_holds_a_print_ready_index_beside_the_csv(filled: Ledger, tmp_path: Path) -> None:
    _attach(filled)
    out = export_evidence(filled, tmp_path / "佐证材料.zip")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        listing = list(csv.DictReader(io.StringIO(zf.read("目录.csv").decode("utf-8-sig"))))
        book = zf.read("目录.xlsx")
    assert names[-2:] == ["目录.csv", "目录.xlsx"] and len(names) == 5
    wb = load_workbook(io.BytesIO(book))
    ws = wb[SHEET]
    assert "佐证材料目录" in str(ws["A1"].value) and filled.org_name in str(ws["A1"].value)
    assert "2025年" in str(ws["A2"].value) and "共 3 个文件" in str(ws["A2"].value)
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == list(HEADERS)
    assert {"居民区", "反馈问题", "整改措施", "文件名", "大小", "添加人", "添加时间", "压缩包内位置"} <= set(
        header
    )
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert len(body) == len(listing) == 3  # one row per live file; the removed one is not listed
    col = {h: i for i, h in enumerate(header)}
    for row, csv_row in zip(body, listing, strict=True):
        assert row[col["压缩包内位置"]] == csv_row["压缩包内位置"]
        assert row[col["文件名"]] == csv_row["文件名"] and row[col["SHA-256"]] == csv_row["SHA-256"]
        assert row[col["居民区"]] == "南郊别墅" and row[col["添加人"]] == csv_row["添加人"]
    assert body[0][col["大小"]] == "2.9 KB"
    # a file name that reads like a formula stays text
    formula = ws.cell(HEADER_ROW + 2, col["文件名"] + 1)
    assert formula.value == "=HYPERLINK(1).docx" and formula.data_type == "s"
    # printed: A4 landscape, one page wide, the header row on every page, page numbers, rows tall enough
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert "第 &P 页 共 &N 页" in str(ws.oddFooter.center.text)
    assert ws.column_dimensions["I"].hidden and header[8] == "SHA-256"  # kept in the file, not printed
    for r in range(HEADER_ROW + 1, HEADER_ROW + 4):
        assert (ws.row_dimensions[r].height or 0) >= 35  # the path wraps onto several lines
    for row in ws.iter_rows(min_row=HEADER_ROW):
        for cell in row:
            if cell.value is not None:
                assert cell.font.sz is None or cell.font.sz >= 9


def test_the_signoff_zip_alone_keeps_only_the_csv(filled: Ledger, tmp_path: Path) -> None:
    _attach(filled)
    names = zipfile.ZipFile(signoff.export_evidence_zip(filled, tmp_path / "z.zip")).namelist()
    assert "目录.csv" in names and "目录.xlsx" not in names
