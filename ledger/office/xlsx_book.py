"""The 台账 workbook written with xlsxwriter, row by row: the same sheets, formats and print set-up as
``xlsx_layout.StreamSheet`` (openpyxl) gives the smaller exports, about twice as fast.

* Constant-memory mode: each row goes to a per-sheet temporary file as soon as the next one begins, and
  texts are written inline (no shared-string table in memory), so 100,000 tasks take about as much memory
  as 1,000. Rows must therefore be written in order, as with openpyxl's write-only mode.
* Merges are recorded when a group ends, after its rows are on disk. ``merge_range`` would try to write
  the first cell again (refused for a row already written), so the range goes straight onto the sheet's
  list of merges, which xlsxwriter writes when the workbook is saved; the cells under it were written
  with their format (borders) as the rows went by.
* Text goes through ``cell_values.write_row``: ``write_string``, never ``write()``'s guessing, so a
  progress note beginning with ``=`` stays text (with Excel's quote prefix, so that it stays text when edited).
  The cells are written with xlsxwriter's undecorated writers (``_write_string`` …, as its own ``write_row`` does):
  the public ones add only "A1" cell names, at ~0.4 us a cell.
* Column widths are stored exactly as given (in characters, as openpyxl stores them): the print plan's
  font-size sums were measured with those widths, so A4/A3 and the hidden columns stay the same.
* Excel accepts at most 1023 manual page breaks in a sheet; xlsxwriter keeps the first 1023, so past
  about the thousandth printed page the suite paginates by itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # typed inline, but ships no py.typed marker

from ledger.core import Health
from ledger.office.cell_values import write_row, write_values
from ledger.office.xlsx_layout import (
    BODY_FONT,
    BODY_SIZE,
    CATEGORY,
    CENTER,
    DATE,
    DATE_FORMAT,
    GB2312,
    HEAD_FONT,
    HEADER,
    LINE_HEIGHT,
    NOTE,
    NUMBER,
    PAPER_SIZES,
    PERCENT,
    PERCENT_FORMAT,
    PROBLEM,
    PROBLEM_FONT,
    SUBTITLE,
    TEXT,
    TITLE,
    TITLE_FONT,
    TITLE_SIZE,
    TOTAL,
    Cell,
    HeadedSheet,
    fitting_paper,
    page_room,
    status_style,
    text_colour,
)

log = logging.getLogger(__name__)

FOOTER = "第 &P 页 共 &N 页"
DIGIT_PX = 7  # xlsxwriter stores a width of n pixels as n / 7 characters (Calibri 11's digit)
PT_PER_PX = 0.75  # and a height of n pixels as n * 0.75 points


def format_properties(colours: Mapping[Health, str]) -> dict[str, dict[str, Any]]:
    """Every format the export uses, by the style keys of ``xlsx_layout`` (the same look as its named styles)."""
    box = {"border": 1, "border_color": "#000000"}
    body = {"font_name": BODY_FONT, "font_size": BODY_SIZE, "font_charset": GB2312}
    head = {"font_name": HEAD_FONT, "font_size": BODY_SIZE, "font_charset": GB2312}
    wrap_left = {"align": "left", "valign": "vcenter", "text_wrap": True}
    wrap_center = {"align": "center", "valign": "vcenter", "text_wrap": True}
    wrap_top = {"align": "left", "valign": "top", "text_wrap": True}
    right = {"align": "right", "valign": "vcenter"}
    out: dict[str, dict[str, Any]] = {
        TITLE: {"font_name": TITLE_FONT, "font_size": TITLE_SIZE, "font_charset": GB2312, **wrap_center},
        SUBTITLE: {
            "font_name": BODY_FONT,
            "font_size": 12,
            "font_charset": GB2312,
            "align": "left",
            "valign": "vcenter",
        },
        HEADER: {**head, **box, **wrap_center},
        TEXT: {**body, **box, **wrap_left},
        CENTER: {**body, **box, **wrap_center},
        DATE: {**body, **box, **wrap_center, "num_format": DATE_FORMAT},
        NUMBER: {**body, **box, **right, "num_format": "0"},
        PERCENT: {**body, **box, **right, "num_format": PERCENT_FORMAT},
        # merged over their rows: top-aligned, so a group running over a page break prints its title on the
        # first page instead of in the middle of the range (see xlsx_layout.register_styles)
        CATEGORY: {**head, **box, **wrap_top},
        PROBLEM: {
            "font_name": PROBLEM_FONT,
            "font_size": BODY_SIZE,
            "font_charset": GB2312,
            **box,
            **wrap_top,
        },
        TOTAL: {**head, **box, **wrap_center},
        NOTE: {"font_name": BODY_FONT, "font_size": 10, "font_charset": GB2312, **wrap_top},
    }
    for h, colour in colours.items():
        out[status_style(h)] = {
            **body,
            "font_color": "#" + text_colour(colour)[2:],
            **box,
            **wrap_center,
            "pattern": 1,
            "bg_color": "#" + colour,
        }
    return out


class Book:
    """An xlsxwriter workbook in constant-memory mode with the 台账's formats; nothing is written to the
    target until ``save``; ``discard`` after a cancel or an error removes the temporary row files."""

    def __init__(self, colours: Mapping[Health, str], *, tmpdir: str | None = None) -> None:
        self.wb = xlsxwriter.Workbook(
            os.devnull,  # the real name is given to save(): the file is written beside the target, then moved
            {
                "constant_memory": True,
                "tmpdir": tmpdir,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        props = format_properties(colours)
        self.formats = {key: self.wb.add_format(p) for key, p in props.items()}
        # the same with Excel's quote prefix, for text beginning = + - @ (cell_values.write_row)
        self.quoted = {key: self.wb.add_format({**p, "quote_prefix": True}) for key, p in props.items()}
        self.sheets: list[BookSheet] = []

    @property
    def sheetnames(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet(
        self,
        title: str,
        widths: Sequence[float],
        *,
        paper: str,
        header_row: int,
        hidden: Sequence[int] = (),
    ) -> BookSheet:
        sheet = BookSheet(self, title, widths, paper=paper, header_row=header_row, hidden=hidden)
        self.sheets.append(sheet)
        return sheet

    def save(self, path: Path) -> None:
        self.wb.filename = str(path)
        self.wb.close()

    def discard(self) -> None:
        """Close and remove every sheet's temporary row file; the workbook is never written."""
        self.wb.fileclosed = True  # close() would now only warn
        for s in self.sheets:
            ws = s.ws
            with contextlib.suppress(OSError, AttributeError):
                ws.row_data_fh.close()
                os.unlink(ws.row_data_filename)


class BookSheet(HeadedSheet):
    """One worksheet written row by row; the same calls as ``xlsx_layout.StreamSheet``, rows numbered from 1.

    Column widths, the frozen pane and the page set-up are set when the sheet opens; each row's height with
    the row; merges, page breaks and the autofilter are kept and written when the workbook is saved."""

    def __init__(
        self,
        book: Book,
        title: str,
        widths: Sequence[float],
        *,
        paper: str,
        header_row: int,
        hidden: Sequence[int] = (),
    ) -> None:
        self.ws = book.wb.add_worksheet(title)
        self.formats, self.quoted = book.formats, book.quoted
        self.title = title
        self.header_row = header_row
        self.ncols = max(1, len(widths))
        self.row = 0
        shown = [w for i, w in enumerate(widths) if i not in hidden]
        # never smaller than MIN_PRINT_PT on paper: a sheet too wide for A4 goes on A3
        self.paper = fitting_paper(shown, paper)
        self.room = page_room(shown, self.paper)
        self.used = 0.0  # row height on the current printed page
        self.header_height = 0.0  # the header row, repeated at the top of every page
        self.breaks: list[int] = []
        ws = self.ws
        for i, width in enumerate(widths):
            # in pixels, so that the file says exactly ``width`` characters (set_column would add the padding)
            ws.set_column_pixels(i, i, width * DIGIT_PX, None, {"hidden": i in hidden})
        ws.freeze_panes(header_row, 0)
        ws.set_landscape()
        ws.set_paper(PAPER_SIZES[self.paper])
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=1.0, right=0.5, top=0.8, bottom=0.8)  # inches: binding edge on the left
        ws.set_header("", {"margin": 0.3})
        ws.set_footer(f'&C&"{BODY_FONT},Regular"&11 {FOOTER}', {"margin": 0.4})
        ws.repeat_rows(header_row - 1)

    def append(self, cells: Iterable[Cell], height: float | None = None) -> int:
        """Write one row (its cells as (value, style key); a None style leaves the cell out)."""
        r = self.row
        self.row += 1
        self.used += height if height is not None else LINE_HEIGHT
        if height is not None:
            # in pixels, so that the file says exactly this many points (set_row rounds to whole pixels)
            self.ws.set_row_pixels(r, round(height, 1) / PT_PER_PX)
        write_row(self.ws, r, cells, self.formats, self.quoted)
        return self.row

    def append_values(
        self, values: Iterable[Any], formats: Sequence[Any], quoted: Sequence[Any], height: float
    ) -> int:
        """``append`` for a row whose formats are already looked up (``Book.formats`` / ``Book.quoted`` values, one
        per cell; the 台账's rows, which share a few such lists)."""
        r = self.row
        self.row += 1
        self.used += height
        self.ws.set_row_pixels(r, round(height, 1) / PT_PER_PX)
        write_values(self.ws, r, values, formats, quoted)
        return self.row

    def break_before(self, height: float) -> bool:
        """Start a new printed page before a row ``height`` high if it would not fit on this one (a manual page
        break, so that the writer knows where each page begins and can repeat its group labels there)."""
        if self.row <= self.header_row or self.used + height <= self.room:
            return False
        self.breaks.append(self.row)
        self.used = self.header_height
        return True

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if last_row >= first_row and last_col >= first_col and (first_row, first_col) != (last_row, last_col):
            # the rows are already written: record the range only (see the module's docstring)
            self.ws.merge.append([first_row - 1, first_col - 1, last_row - 1, last_col - 1])

    def finish(self, *, autofilter: bool = True, last_row: int | None = None) -> None:
        """The autofilter over the table (header to ``last_row``) and the page breaks."""
        if autofilter:
            end = max(last_row or self.row, self.header_row)
            self.ws.autofilter(self.header_row - 1, 0, end - 1, self.ncols - 1)
        if self.breaks:
            self.ws.set_h_pagebreaks(self.breaks)
