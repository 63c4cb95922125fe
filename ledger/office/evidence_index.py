"""佐证材料目录: the list of an evidence zip as a print-ready 目录.xlsx, written beside 目录.csv in the zip.

The zip itself is ``ledger.signoff.export_evidence_zip``; signoff may not build workbooks (the layers in
pyproject), so the callers (the CLI's ``do export_evidence`` and the 导出佐证材料 dialog) export through
``export_evidence`` here, which hands the zip writer ``index_xlsx`` for its listing.

The sheet has every column of 目录.csv; the 问题类别 and the SHA-256 are kept in the file but hidden from the print
(64 hex digits would take a fifth of the page and tell a reader on paper nothing). Fitted to the page width, the header row on
every page, "第 N 页 共 M 页", the body at ≥ 9 pt (A3 when A4 would print smaller), row heights that fit the
wrapped text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ledger.service import Ledger
from ledger.signoff.evidence_files import (
    CONTENTS_COLUMNS,
    Cancel,
    Progress,
    export_evidence_zip,
    human_size,
)

__all__ = ["HEADERS", "SHEET", "export_evidence", "index_xlsx"]

SHEET = "佐证材料目录"
TITLE_WORDS = "佐证材料目录"
HEADER_ROW = 3
# 目录.csv's columns, in its order; "大小（字节）" prints as 大小 in KB / MB (the bytes stay in the CSV)
HEADERS = tuple("大小" if c == "大小（字节）" else c for c in CONTENTS_COLUMNS)
_WIDTH = {
    "序号": 5,
    "居民区": 8,
    "问题类别": 16,
    "反馈问题": 20,
    "整改措施": 20,
    "文件名": 16,
    "压缩包内位置": 28,
    "大小": 8,
    "SHA-256": 20,
    "添加人": 9,
    "添加时间": 12,
}
WIDTHS = tuple(float(_WIDTH[h]) for h in HEADERS)
# In the file, not on paper: the 问题类别 (long, and the 反馈问题 under it says what the file is about) and the
# SHA-256; the printed columns then fit A4 landscape at ≥ 9 pt.
HIDDEN = (HEADERS.index("问题类别"), HEADERS.index("SHA-256"))


def _cell(header: str, value: Any) -> Any:
    if header == "大小" and isinstance(value, int):
        return human_size(value)
    if header == "添加时间" and isinstance(value, str):
        return value[:16]  # to the minute, as the 修改记录 shows times
    return value


def index_xlsx(ledger: Ledger, rows: Sequence[Sequence[Any]]) -> bytes:
    """目录.xlsx for the rows of 目录.csv (CONTENTS_COLUMNS, one per file), as bytes for the zip."""
    from openpyxl import Workbook

    from ledger.office.xlsx_layout import (
        CENTER,
        TEXT,
        StreamSheet,
        discard_streams,
        fitting_paper,
        height_for,
        register_styles,
        scheme,
        text_lines,
    )

    styles = {"序号": CENTER, "居民区": CENTER, "大小": CENTER, "添加人": CENTER, "添加时间": CENTER}
    printed = [w for i, w in enumerate(WIDTHS) if i not in HIDDEN]
    wb = Workbook(write_only=True)
    buf = io.BytesIO()
    try:
        register_styles(wb, scheme(ledger.setting("board_scheme")))
        sheet = StreamSheet(
            wb, SHEET, WIDTHS, paper=fitting_paper(printed), header_row=HEADER_ROW, hidden=HIDDEN
        )
        tasks = {(r[1], r[4]) for r in rows}
        subtitle = (
            f"导出日期：{ledger.today().year}年{ledger.today().month}月{ledger.today().day}日　"
            f"共 {len(rows)} 个文件，{len(tasks)} 项整改措施；文件按“压缩包内位置”存放在本压缩包中"
        )
        sheet.heading(f"{ledger.org_name}{TITLE_WORDS}", subtitle, HEADERS, WIDTHS)
        for row in rows:
            values = [_cell(h, v) for h, v in zip(HEADERS, row, strict=True)]
            cells = [(v, styles.get(h, TEXT)) for h, v in zip(HEADERS, values, strict=True)]
            lines = max(
                text_lines(str(v), w)
                for i, (v, w) in enumerate(zip(values, WIDTHS, strict=True))
                if i not in HIDDEN
            )
            sheet.append(cells, height_for(lines))
        sheet.finish()
        wb.save(buf)
    except BaseException:
        discard_streams(wb)
        raise
    return buf.getvalue()


def export_evidence(
    ledger: Ledger,
    out_path: str | Path,
    *,
    task_id: str | None = None,
    community: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """``export_evidence_zip`` with 目录.xlsx beside 目录.csv: what the CLI and the dialog write."""
    return export_evidence_zip(
        ledger,
        out_path,
        task_id=task_id,
        community=community,
        progress=progress,
        cancel=cancel,
        index=lambda rows: index_xlsx(ledger, rows),
    )
