"""The 台账 as it prints: A3 when A4 would print under 9 pt, optional columns hidden (not deleted) when A3 would
too, and the merged group labels split at the writer's page breaks and written again, "（续）", on the next page."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ledger.core import FixedClock
from ledger.example import generate
from ledger.office.ledger_xlsx import COLUMNS, DEFAULT_COLUMNS, export_ledger
from ledger.office.xlsx_layout import MIN_PRINT_PT, printed_size

CAT = DEFAULT_COLUMNS.index("category") + 1
PROB = DEFAULT_COLUMNS.index("problem") + 1


def test_a_long_ledger_prints_readably_with_its_labels_on_every_page(tmp_path: Path) -> None:
    led = generate(tmp_path / "台账.db", tasks=300, communities=5, clock=FixedClock())
    try:
        result = export_ledger(led, tmp_path / "台账.xlsx", paper="A4")
    finally:
        led.close()
    assert result.paper == "A3"
    assert any("A3" in note for note in result.notes)
    ws = openpyxl.load_workbook(result.path)["整改台账"]
    assert int(ws.page_setup.paperSize) == 8
    hidden = [
        k for i, k in enumerate(DEFAULT_COLUMNS, 1) if ws.column_dimensions[get_column_letter(i)].hidden
    ]
    shown = [ws.column_dimensions[get_column_letter(i)].width for i, k in enumerate(DEFAULT_COLUMNS, 1)]
    shown = [w for w, k in zip(shown, DEFAULT_COLUMNS, strict=True) if k not in hidden]
    assert printed_size(shown, "A3") >= MIN_PRINT_PT
    if hidden:  # kept in the file, named to the user
        assert all(COLUMNS[k] in " ".join(result.notes) for k in hidden)
        assert {"seq", "category", "problem", "measure", "owner", "deadline", "status"}.isdisjoint(hidden)
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 3
    merged = [r for r in ws.merged_cells.ranges if r.min_col in (CAT, PROB) and r.min_row > 3]
    for b in breaks:
        assert not any(r.min_row <= b < r.max_row for r in merged), (
            f"a merged label crosses the break after {b}"
        )
        first = b + 1  # the first row of the new page names its category and its problem
        assert ws.cell(first, CAT).value and ws.cell(first, PROB).value
    continued = [b + 1 for b in breaks if str(ws.cell(b + 1, CAT).value).endswith("（续）")]
    assert continued, "a category that runs over a page is labelled again on the next"
