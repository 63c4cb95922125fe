"""The floor for the 台账 export: a plain xlsxwriter script writing a recorded workbook (benchmarks only).

It reads the task rows the export reads (one query, no ledger code, streamed: holding all of them would cost
the floor ~20 ms of allocation at 10,000 tasks and ~150 ms at 100,000 that the export, reading a page at a time,
does not pay) and writes the sheets the export wrote
(``test_bench_excel._record``): the same cells and formats, row heights, column widths, merges, page breaks,
autofilter and print set-up, in xlsxwriter's constant-memory mode as the export does.

It writes through xlsxwriter's public ``write_*``, as a plain script does. The export calls the undecorated
``_write_*`` behind them (``cell_values.write_values``), which skips the "A1"-name decorator: the same file, and this
floor would be ~9% faster doing the same (measured, not adopted: it would no longer be a plain script). Read the
ratio with that in mind (README, 导出整改台账 Excel).

This module imports nothing but the standard library: the recording carries the query text and the format
properties, so that no ledger module (nor xlsxwriter, through one) is loaded before the floor's clock starts.
The export's own imports (xlsxwriter and its own modules) are inside its timing; the floor's are inside its."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any


def plain_xlsxwriter(record: dict[str, Any], db: str, out: str) -> int:
    import xlsxwriter  # timed, as the export's own import is

    conn = sqlite3.connect(db)
    tasks = 0
    for _row in conn.execute(
        record["query"]
    ):  # read, one row at a time (as the export reads a page at a time)
        tasks += 1
    conn.close()
    wb = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    formats = {k: wb.add_format(v) for k, v in record["formats"].items()}
    for sheet in record["sheets"]:
        ws = wb.add_worksheet(sheet["title"])
        hidden = set(sheet["hidden"])
        for i, width in enumerate(sheet["widths"]):
            ws.set_column_pixels(i, i, width * 7, None, {"hidden": i in hidden})
        ws.freeze_panes(sheet["header_row"], 0)
        ws.set_landscape()
        ws.set_paper(sheet["paper_size"])
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=1.0, right=0.5, top=0.8, bottom=0.8)
        ws.set_header("", {"margin": 0.3})
        ws.set_footer('&C&"仿宋,Regular"&11 第 &P 页 共 &N 页', {"margin": 0.4})
        ws.repeat_rows(sheet["header_row"] - 1)
        for r, (cells, height) in enumerate(sheet["rows"]):
            if height is not None:
                ws.set_row_pixels(r, round(height, 1) / 0.75)
            for c, (value, style) in enumerate(cells):
                if style is None:
                    continue
                f = formats[style]
                if isinstance(value, str):
                    ws.write_string(r, c, value, f)
                elif value is None:
                    ws.write_blank(r, c, None, f)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, f)
                else:
                    ws.write_number(r, c, value, f)
        for r0, c0, r1, c1 in sheet["merges"]:
            ws.merge.append([r0 - 1, c0 - 1, r1 - 1, c1 - 1])
        if sheet["breaks"]:
            ws.set_h_pagebreaks(sheet["breaks"])
        if sheet["filter_last"] is not None:
            ws.autofilter(sheet["header_row"] - 1, 0, sheet["filter_last"] - 1, len(sheet["widths"]) - 1)
    wb.close()
    return tasks
