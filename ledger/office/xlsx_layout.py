"""The look of an exported 台账 sheet: named styles, text metrics, print set-up, and a streaming sheet writer."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ledger.core import Health
from ledger.office.cell_values import put

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell as SheetCell

# openpyxl is imported where it is used: the 台账 export (xlsxwriter, ``xlsx_book``) takes only the names and
# metrics below and need not load it.

log = logging.getLogger(__name__)

# ---- fonts and colours (DESIGN "Visual language": black on white, colour only for state fills) -------------
GB2312 = 134  # font charset: a reader without the named font gets a Chinese fallback, never a Latin one
BODY_FONT = "仿宋"
HEAD_FONT = "黑体"
PROBLEM_FONT = "楷体"  # GB/T 9704: 一、 in 黑体, （一） in 楷体
TITLE_FONT = "方正小标宋简体"  # falls back to 宋体 (charset 134) where it is not installed
BODY_SIZE = 11
TITLE_SIZE = 20
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
PERCENT_FORMAT = "0.0%"

# The board's default scheme (ledger/board/scheme.py DEFAULT, "标准配色（红黄绿）"); the ledger setting "board_scheme"
# overrides it, in the board's stored form {"colors": {state: "#RRGGBB"}, "band_colors": [...]} (临期 takes the
# nearest band's colour) or as a flat {health: "#RRGGBB"}.
DEFAULT_SCHEME: dict[Health, str] = {
    Health.OVERDUE: "E53935",  # red
    Health.DUE_SOON: "FBC02D",  # amber
    Health.NORMAL: "7CC47F",  # green
    Health.PENDING: "64A8E8",  # blue
    Health.CLOSED: "BDBDBD",  # grey
    Health.ONGOING: "3DB5A6",  # teal
    Health.NOT_STARTED: "FFFFFF",  # white
}
HEALTH_LABELS: dict[Health, str] = {
    Health.OVERDUE: "逾期",
    Health.DUE_SOON: "临期",
    Health.NORMAL: "正常",
    Health.PENDING: "待审",
    Health.CLOSED: "已销号",
    Health.ONGOING: "长期坚持",
    Health.NOT_STARTED: "未启动",
}
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")

# Style keys used by the writers → named style names (what Excel's style gallery shows).
TITLE, SUBTITLE, HEADER, TEXT, CENTER, DATE, NUMBER, PERCENT, CATEGORY, PROBLEM, TOTAL, NOTE = (
    "台账标题",
    "台账副标题",
    "台账表头",
    "台账正文",
    "台账居中",
    "台账日期",
    "台账数字",
    "台账百分比",
    "台账问题类别",
    "台账反馈问题",
    "台账合计",
    "台账说明",
)


def status_style(h: Health) -> str:
    return f"台账状态-{HEALTH_LABELS[h]}"


def _hex(value: Any, where: str) -> str | None:
    m = _HEX.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None:
        log.warning("board_scheme %s = %r is not #RRGGBB; using the default colour", where, value)
        return None
    return m[1].upper()


def scheme(setting: Any) -> dict[Health, str]:
    """The fill colours: the board's setting where its colours are valid "#RRGGBB", else the defaults."""
    colours = dict(DEFAULT_SCHEME)
    if not isinstance(setting, Mapping):
        return colours
    nested = setting.get("colors")
    flat = nested if isinstance(nested, Mapping) else setting
    for key, value in flat.items():
        try:
            h = Health(key)
        except ValueError:
            continue  # the board's "empty" cell, a name, bands …
        colour = _hex(value, str(key))
        if colour is not None:
            colours[h] = colour
    bands = setting.get("band_colors")
    if isinstance(bands, list | tuple) and bands:
        colour = _hex(bands[-1], "band_colors")  # 临期 = the band nearest the deadline
        if colour is not None:
            colours[Health.DUE_SOON] = colour
    return colours


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_colour(fill: str) -> str:
    """Black text, unless white reads better on this fill (a dark grey-print scheme): WCAG contrast."""
    lum = _luminance(fill)
    return "FF000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "FFFFFFFF"


def register_styles(wb: Workbook, colours: Mapping[Health, str]) -> None:
    """Every style the export uses, registered once; cells then take them by name (MEASURED.md: 2x faster)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=BODY_FONT, size=BODY_SIZE, charset=GB2312)
    wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap_top = Alignment(horizontal="left", vertical="top", wrap_text=True)
    styles = [
        NamedStyle(
            TITLE,
            font=Font(name=TITLE_FONT, size=TITLE_SIZE, charset=GB2312),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(
            SUBTITLE,
            font=Font(name=BODY_FONT, size=12, charset=GB2312),
            alignment=Alignment(horizontal="left", vertical="center"),
        ),
        NamedStyle(
            HEADER,
            font=Font(name=HEAD_FONT, size=BODY_SIZE, charset=GB2312),
            border=box,
            alignment=wrap_center,
        ),
        NamedStyle(TEXT, font=body, border=box, alignment=wrap_left),
        NamedStyle(CENTER, font=body, border=box, alignment=wrap_center),
        NamedStyle(DATE, font=body, border=box, alignment=wrap_center, number_format=DATE_FORMAT),
        NamedStyle(
            NUMBER,
            font=body,
            border=box,
            alignment=Alignment(horizontal="right", vertical="center"),
            number_format="0",
        ),
        NamedStyle(
            PERCENT,
            font=body,
            border=box,
            alignment=Alignment(horizontal="right", vertical="center"),
            number_format=PERCENT_FORMAT,
        ),
        # merged over their rows: top-aligned, so a group running over a page break prints its title on the
        # first page instead of in the middle of the range (possibly on no page at all)
        NamedStyle(
            CATEGORY,
            font=Font(name=HEAD_FONT, size=BODY_SIZE, charset=GB2312),
            border=box,
            alignment=wrap_top,
        ),
        NamedStyle(
            PROBLEM,
            font=Font(name=PROBLEM_FONT, size=BODY_SIZE, charset=GB2312),
            border=box,
            alignment=wrap_top,
        ),
        NamedStyle(
            TOTAL,
            font=Font(name=HEAD_FONT, size=BODY_SIZE, charset=GB2312),
            border=box,
            alignment=wrap_center,
        ),
        NamedStyle(
            NOTE,
            font=Font(name=BODY_FONT, size=10, charset=GB2312),
            alignment=Alignment(horizontal="left", vertical="top", wrap_text=True),
        ),
    ]
    for h, colour in colours.items():
        argb = "FF" + colour  # opaque: a reader that honours alpha would otherwise show no fill
        font = Font(name=BODY_FONT, size=BODY_SIZE, charset=GB2312, color=text_colour(colour))
        styles.append(
            NamedStyle(
                status_style(h),
                font=font,
                border=box,
                alignment=wrap_center,
                fill=PatternFill(fill_type="solid", start_color=argb, end_color=argb),
            )
        )
    for style in styles:
        wb.add_named_style(style)


# ---- text metrics: CJK characters count two width units -------------------------------------------------------
LINE_HEIGHT = 15.0  # points per line of 11 pt 仿宋
MIN_ROW_HEIGHT = 20.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def text_units(text: str) -> int:
    """Display width in Excel column units: ASCII 1, CJK and full-width punctuation 2 (UTF-8 length trick)."""
    return (len(text.encode("utf-8")) + len(text)) // 2


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (a cell loses about one to padding)."""
    if not text:
        return 1
    avail = max(1.0, width - 1.0)
    if "\n" not in text:  # the common case, inline: this runs for every cell of an export
        if len(text) * 2 <= avail:  # no character is wider than two units
            return 1
        units = (len(text.encode("utf-8")) + len(text)) // 2  # text_units
        return 1 if units <= avail else math.ceil(units / avail)
    return sum(max(1, math.ceil(text_units(line) / avail)) for line in text.split("\n"))


def row_height(cells: Sequence[tuple[str, float]], line_pt: float = LINE_HEIGHT) -> float:
    """The height (points) a row needs so that each cell's text, wrapped in its column width, shows whole."""
    # a suite's CJK glyph is a little wider than two digits of the default font: count 10 % narrower columns
    lines = max((text_lines(text, width / 1.1 + 0.1) for text, width in cells), default=1)
    return min(MAX_ROW_HEIGHT, max(MIN_ROW_HEIGHT, lines * line_pt + 6.0))


def height_for(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + 5.0))


# ---- small formatting helpers ----------------------------------------------------------------------------------
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (section numbers of an official document)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _DIGITS[rest]
                if rest < 10
                else (_DIGITS[1] if rest < 20 else "") + chinese_number(rest)
            )
        )
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百零]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百零\d]+\s*[）)]"
    r"|\d+\s*[、.．](?!\d))\s*"
)


def strip_numbering(title: str) -> str:
    """A title without a leading 一、 / （一） / 1. that an import may have left on it."""
    return _NUMBERING.sub("", title, count=1).strip()


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "工作表"
    base = base[:31]
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def clean_text(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


# ---- print set-up ----------------------------------------------------------------------------------------------
PAPER_SIZES = {"A4": 9, "A3": 8}
# Printable width (points) of a landscape page with print_setup's margins (1.0 + 0.5 inch).
PRINTABLE_PT = {"A4": 297 / 25.4 * 72 - 108, "A3": 420 / 25.4 * 72 - 108}
# One column-width unit printed at 100 %: LibreOffice measures it in DejaVu Sans digits (7 pt, measured), Excel
# and WPS in Calibri / 宋体 digits (about 5.5 pt); the larger one decides, so the smallest print is still readable.
UNIT_PT = 7.0
MIN_PRINT_PT = 9.0  # no body text prints smaller than this


EXCEL_UNIT_PT = (
    5.4  # the same unit in Excel and WPS: their print scale is the larger one, so rows print taller
)
PRINTABLE_HEIGHT_PT = {"A4": 210 / 25.4 * 72 - 115.2, "A3": 297 / 25.4 * 72 - 115.2}  # top + bottom 0.8 inch


def page_room(widths: Sequence[float], paper: str) -> float:
    """How many points of row height (as written, unscaled) one landscape page holds in every suite: the
    page's printable height at the largest print scale a suite chooses for fitting ``widths`` to its width,
    less a little for the suites' own rounding."""
    total = sum(widths) * EXCEL_UNIT_PT
    scale = min(1.0, PRINTABLE_PT[paper] / total) if total else 1.0
    return PRINTABLE_HEIGHT_PT[paper] * 0.94 / scale


def printed_size(widths: Sequence[float], paper: str, font_pt: float = BODY_SIZE) -> float:
    """The size ``font_pt`` text prints at when columns ``widths`` are fitted to the page width (landscape)."""
    total = sum(widths) * UNIT_PT
    return font_pt * min(1.0, PRINTABLE_PT[paper] / total) if total else font_pt


def fitting_paper(widths: Sequence[float], wanted: str = "A4", font_pt: float = BODY_SIZE) -> str:
    """``wanted``, or A3 when on ``wanted`` the text would print smaller than MIN_PRINT_PT."""
    if wanted == "A4" and printed_size(widths, "A4", font_pt) < MIN_PRINT_PT:
        return "A3"
    return wanted


def print_setup(
    ws: Any,
    *,
    paper: str,
    title_rows: str | None,
    footer: str = "第 &P 页 共 &N 页",
    orientation: str = "landscape",
) -> None:
    """Landscape, one page wide, header rows on every page, page numbers centred, room to bind on the left."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = PAPER_SIZES[paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 1.0  # inches: binding edge (GB/T 9704 binds at 28 mm)
    ws.page_margins.right = 0.5
    ws.page_margins.top = 0.8
    ws.page_margins.bottom = 0.8
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.4
    ws.oddFooter.center.text = footer
    ws.oddFooter.center.size = 11  # scaled with the sheet (to ≥ 82 %): still ≥ 9 pt on paper
    ws.oddFooter.center.font = f"{BODY_FONT},Regular"
    if title_rows:
        ws.print_title_rows = title_rows


# ---- a write-only sheet, row by row ----------------------------------------------------------------------------
Cell = tuple[Any, str | None]  # (value, named style or None for an unstyled blank)


class HeadedSheet:
    """What both sheet writers share (``StreamSheet`` here, ``xlsx_book.BookSheet`` for the 台账): the title block
    and the header row, written through the writer's own ``append`` and ``merge``."""

    row: int
    ncols: int
    header_row: int
    header_height: float

    def append(self, cells: Iterable[Cell], height: float | None = None) -> int:
        raise NotImplementedError

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        raise NotImplementedError

    def heading(
        self, title: str, subtitle: str | None, headers: Sequence[str], widths: Sequence[float]
    ) -> int:
        """Title, subtitle (both merged across the table) and the header row (``header_row``); returns its number."""
        self.append([(title, TITLE)] + [(None, TITLE)] * (self.ncols - 1), 36.0)
        self.merge(self.row, 1, self.row, self.ncols)
        if subtitle is not None:
            self.append([(subtitle, SUBTITLE)] + [(None, SUBTITLE)] * (self.ncols - 1), 24.0)
            self.merge(self.row, 1, self.row, self.ncols)
        lines = max((text_lines(h, w) for h, w in zip(headers, widths, strict=True)), default=1)
        self.header_height = height_for(lines) + 4.0
        self.append([(h, HEADER) for h in headers], self.header_height)
        assert self.row == self.header_row, (self.row, self.header_row)
        return self.row


class StreamSheet(HeadedSheet):
    """A write-only worksheet (openpyxl; the 修改记录 and the 佐证材料目录 — the 台账 has ``xlsx_book.BookSheet``):
    rows go to disk as they come, so 100,000 rows fit in little memory.

    Column widths, the frozen pane and the page set-up go out with the first row, so they are fixed here; row
    heights are set just before each row is written; merges and the autofilter are written when the sheet closes.
    """

    def __init__(
        self,
        wb: Workbook,
        title: str,
        widths: Sequence[float],
        *,
        paper: str,
        header_row: int,
        index: int | None = None,
        hidden: Sequence[int] = (),
    ) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = wb.create_sheet(title, index)
        self.header_row = header_row
        self.title = title
        self.ncols = max(1, len(widths))
        self.last_col = get_column_letter(self.ncols)
        self.row = 0
        # never smaller than MIN_PRINT_PT on paper: a sheet too wide for A4 goes on A3
        paper = fitting_paper([w for i, w in enumerate(widths) if i not in hidden], paper)
        self.paper = paper
        self.room = page_room([w for i, w in enumerate(widths) if i not in hidden], paper)
        self.used = 0.0  # row height on the current printed page
        self.header_height = 0.0  # the header row, repeated at the top of every page
        self._cells: dict[tuple[int, str], SheetCell] = {}  # WriteOnlyCell() makes a Cell
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
            if i - 1 in hidden:  # kept in the file, left out of the print
                self.ws.column_dimensions[get_column_letter(i)].hidden = True
        self.ws.freeze_panes = f"A{header_row + 1}"
        print_setup(self.ws, paper=paper, title_rows=f"{header_row}:{header_row}")

    def _cell(self, col: int, style: str, value: Any) -> SheetCell:
        key = (col, style)
        cell = self._cells.get(key)
        if cell is None:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.ws)
            cell.style = style
            self._cells[key] = cell
        return put(cell, value, mark=False)  # text is text (never a formula); \v and the like cleaned

    def append(self, cells: Iterable[Cell], height: float | None = None) -> int:
        """Write one row; a cell reused per (column, style) is safe because the row is written at once."""
        self.row += 1
        self.used += height if height is not None else LINE_HEIGHT
        if height is not None:
            self.ws.row_dimensions[self.row].height = round(height, 1)
        out: list[Any] = []
        for col, (value, style) in enumerate(cells, start=1):
            out.append(None if style is None else self._cell(col, style, value))
        self.ws.append(out)
        if height is not None:
            del self.ws.row_dimensions[self.row]  # already written; keep memory flat
        return self.row

    def break_before(self, height: float) -> bool:
        """Start a new printed page before a row ``height`` high if it would not fit on this one (a manual page
        break, so that the writer knows where each page begins and can repeat its group labels there)."""
        if self.row <= self.header_row or self.used + height <= self.room:
            return False
        from openpyxl.worksheet.pagebreak import Break

        self.ws.row_breaks.append(Break(id=self.row))
        self.used = self.header_height
        return True

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        from openpyxl.utils import get_column_letter

        if last_row >= first_row and last_col >= first_col and (first_row, first_col) != (last_row, last_col):
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            )

    def finish(self, *, autofilter: bool = True, last_row: int | None = None) -> None:
        """The autofilter over the table (header to ``last_row``); then the sheet is closed (its file freed)."""
        if autofilter:
            end = max(last_row or self.row, self.header_row)
            self.ws.auto_filter.ref = f"A{self.header_row}:{self.last_col}{end}"
        self.ws.close()


def discard_streams(wb: Workbook) -> None:
    """After a cancel or an error: close the per-sheet temporary files openpyxl opened and remove them."""
    import os

    from openpyxl.worksheet import _writer

    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        for stream in (getattr(ws, "_rows", None), writer):  # the rows generator first, then the file
            try:
                if stream is not None:
                    stream.close()
            except Exception:  # noqa: BLE001 - best effort on a path that is already failing
                log.debug("closing the stream of %s failed", ws.title, exc_info=True)
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            try:
                if os.path.exists(out):
                    os.remove(out)
                if out in _writer.ALL_TEMP_FILES:
                    _writer.ALL_TEMP_FILES.remove(out)
            except OSError:
                log.debug("could not remove %s", out, exc_info=True)
