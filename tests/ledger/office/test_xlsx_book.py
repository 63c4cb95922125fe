"""The xlsxwriter 台账 writer against the openpyxl one it replaces: on the demo ledger, every sheet, cell by cell
(value, type, number format, font, fill, alignment, borders), merges, column widths and hidden columns, row
heights, page breaks and the print set-up read back the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ledger.core import FixedClock
from ledger.example import build_demo
from ledger.office.ledger_xlsx import COLUMNS, export_ledger, save_template
from ledger.service import Ledger


def _rgb(colour: Any) -> str | None:
    value = getattr(colour, "rgb", None)
    return value[-6:] if isinstance(value, str) else None


def _columns(ws: Any) -> dict[int, tuple[float, bool]]:
    """Width and hidden per column; a <col> element may cover several columns (min..max)."""
    out = {}
    for d in ws.column_dimensions.values():
        if d.min is None:
            continue
        for i in range(d.min, d.max + 1):
            out[i] = (d.width, bool(d.hidden))
    return out


def snapshot(path: Path) -> dict[str, Any]:
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if not c.has_style and c.value is None:
                    continue
                f, a, b = c.font, c.alignment, c.border
                cells[c.coordinate] = (
                    c.value,
                    c.data_type if c.value is not None else None,
                    c.number_format,
                    (f.name, f.sz, f.charset, _rgb(f.color) if f.color is not None else None),
                    (c.fill.fill_type, _rgb(c.fill.fgColor) if c.fill.fill_type else None),
                    (a.horizontal, a.vertical, bool(a.wrap_text)),
                    tuple(s.style if s is not None else None for s in (b.left, b.right, b.top, b.bottom)),
                )
        ps, m = ws.page_setup, ws.page_margins
        out[ws.title] = {
            "cells": cells,
            "merges": sorted(str(r) for r in ws.merged_cells.ranges),
            "columns": _columns(ws),
            "heights": {r: round(ws.row_dimensions[r].height or 0, 9) for r in range(1, ws.max_row + 1)},
            "breaks": [b.id for b in ws.row_breaks.brk],
            "print": (
                ps.orientation,
                int(ps.paperSize or 0),
                int(ps.fitToWidth or 1),  # 1 when left out (the schema's default)
                int(ps.fitToHeight if ps.fitToHeight is not None else 1),
                ws.sheet_properties.pageSetUpPr.fitToPage,
                ws.print_options.horizontalCentered,
                (m.left, m.right, m.top, m.bottom, m.header, m.footer),
                ws.print_title_rows,
                (ws.oddFooter.center.text, ws.oddFooter.center.font, ws.oddFooter.center.size),
                ws.freeze_panes,
                ws.auto_filter.ref,
            ),
        }
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    led = build_demo(tmp_path_factory.mktemp("demo") / "示例台账.db", clock=FixedClock.on("2025-11-20"))
    first, second = (t["id"] for t in led.tasks_json()[:2])
    led.update_progress(first, '=HYPERLINK("http://example.com","点我")')  # stays text in both
    led.update_progress(second, "-3 处未整改\n+2 处已整改")
    yield led
    led.close()


@pytest.mark.parametrize(
    "options",
    [
        {"per_community_sheets": True, "three_lists": True},
        {"paper": "A3", "template": "全部列"},
        {"community": "鑫峰苑", "three_lists": True},
    ],
    ids=["all-sheets", "every-column-A3", "one-community"],
)
def test_same_workbook_as_the_openpyxl_writer(demo: Ledger, tmp_path: Path, options: dict[str, Any]) -> None:
    save_template(demo, "全部列", list(COLUMNS))
    old = export_ledger(demo, tmp_path / "old.xlsx", writer="openpyxl", **options)
    new = export_ledger(demo, tmp_path / "new.xlsx", **options)
    assert (new.tasks, new.sheets, new.paper, new.notes) == (old.tasks, old.sheets, old.paper, old.notes)
    a, b = snapshot(old.path), snapshot(new.path)
    assert a["sheets"] == b["sheets"]
    for name in a["sheets"]:
        for part in a[name]:
            assert a[name][part] == b[name][part], (name, part)
