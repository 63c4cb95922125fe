"""Print and export the wall chart (PDF, PNG) on A4/A3/A2 sheets, landscape by default: a title with the date
and the figures, the legend, and the grid split across pages with row and column headers repeated on each."""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QFileDialog, QWidget

from ledger import board as lb
from ledger.board import BoardData, BoardScheme
from ledger.service import Ledger
from ledger.storage import TaskFilter

if TYPE_CHECKING:  # QtPrintSupport is imported when printing, not with the tab
    from PySide6.QtPrintSupport import QPrinter
from ui.board.paint import (
    ACCENT,
    INK,
    OVERDUE_INK,
    Fonts,
    legend_layout,
    paint_cell,
    paint_column_header,
    paint_group,
    paint_legend,
    paint_row_header,
    wrap_elide,
)
from ui.common import palette, words
from ui.common.util import advance, progress_dialog

log = logging.getLogger(__name__)

PAPERS: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
}
MODE_NAMES = {
    "problem": "按反馈问题",
    "category": "按问题类别",
    "owner": "按责任人",
    "week": "倒排工期（按整改时限所在周）",
}
CJK_SANS = ["Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
MARGIN_PT = 24.0
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def _tr(text: str) -> str:
    return QCoreApplication.translate("BoardPrint", text)


def print_font() -> QFont:
    font = QFont()
    font.setFamilies(CJK_SANS)
    return font


@dataclass
class Sheet:
    """Sizes on one sheet, in device units (``k`` of them per point)."""

    k: float
    width: float
    height: float
    fonts: Fonts
    title: QFont
    figure: QFont
    legend: QFont
    row_header: float = 0.0
    col_header: float = 0.0
    band: float = 0.0
    cell_w: float = 0.0
    cell_h: float = 0.0
    top: float = 0.0  # height of the title block and legend
    foot: float = 0.0


def _fonts(k: float) -> tuple[Fonts, QFont, QFont, QFont]:
    """Fonts sized in device pixels (``k`` a point), so that metrics taken without the device are right."""

    def sized(font: QFont, pt: float, bold: bool | None = None) -> QFont:
        font = QFont(font)
        font.setPixelSize(max(1, round(pt * k)))
        if bold is not None:
            font.setBold(bold)
        return font

    base = print_font()
    # the days text at 10 pt, letters 11.5 pt, nothing under 9 pt: readable on a wall
    fonts = Fonts(
        sized(base, 11.5, True),
        sized(base, 10.0, True),
        sized(base, 9.0),
        sized(base, 9.5),
        sized(base, 10.0, True),
    )
    return fonts, sized(base, 22.0, True), sized(base, 15.0, True), sized(base, 10.0)


def layout(data: BoardData, scheme: BoardScheme, width: float, height: float, dpi: float) -> Sheet:
    """Cell and header sizes for a sheet of ``width`` × ``height`` device units at ``dpi``."""
    k = dpi / 72.0
    fonts, title, figure, legend = _fonts(k)
    s = Sheet(k, width, height, fonts, title, figure, legend)
    text = QFontMetricsF(fonts.text)
    head = QFontMetricsF(fonts.header)
    small = QFontMetricsF(fonts.small)
    s.cell_w = max(text.horizontalAdvance("逾100") + 8 * k, head.horizontalAdvance("汉") * 4 + 6 * k)
    s.cell_h = QFontMetricsF(fonts.letter).height() + text.height() + 6 * k
    longest = max(
        (head.horizontalAdvance(r.label) for r in data.rows), default=head.horizontalAdvance("居民区")
    )
    s.row_header = (
        min(longest, head.horizontalAdvance("汉") * 8)
        + small.horizontalAdvance("销100%")
        + head.horizontalAdvance("汉") * 1.6
    )
    s.band = QFontMetricsF(fonts.group).height() * 1.5 if data.groups else 0.0
    legend_h = legend_layout(QRectF(0, 0, width, 10_000), scheme, legend)[1]
    s.top = QFontMetricsF(title).height() * 1.25 + QFontMetricsF(figure).height() * 1.3 + legend_h + 8 * k
    s.foot = small.height() * 1.6
    # few columns or rows share the sheet, up to twice the narrow size
    grid_w = width - s.row_header
    if data.columns and len(data.columns) * s.cell_w < grid_w:
        s.cell_w = min(s.cell_w * 2.5, grid_w / len(data.columns))
    lines = max((len(wrap_elide(head, c.label, s.cell_w - 6 * k, 4)) for c in data.columns), default=1)
    if data.today_column is not None:
        lines = min(5, lines + 1)
    s.col_header = s.band + head.lineSpacing() * lines + small.height() * 2.2 + 8 * k
    grid_h = height - s.top - s.col_header - s.foot
    if data.rows and len(data.rows) * s.cell_h < grid_h:
        s.cell_h = min(s.cell_h * 2.0, grid_h / len(data.rows))
    return s


def pages(data: BoardData, sheet: Sheet) -> list[tuple[range, range]]:
    """(rows, columns) of each page: left to right, then down, so the sheets tile the wall in reading order."""
    per_row = max(1, math.floor((sheet.width - sheet.row_header) / sheet.cell_w + 1e-6))
    per_col = max(
        1, math.floor((sheet.height - sheet.top - sheet.col_header - sheet.foot) / sheet.cell_h + 1e-6)
    )
    n_rows, n_cols = max(1, len(data.rows)), max(1, len(data.columns))
    out = []
    for r0 in range(0, n_rows, per_col):
        for c0 in range(0, n_cols, per_row):
            out.append(
                (
                    range(r0, min(r0 + per_col, len(data.rows))),
                    range(c0, min(c0 + per_row, len(data.columns))),
                )
            )
    return out


def describe_filter(ledger: Ledger, flt: TaskFilter) -> str:
    parts = []
    if flt.community_ids is not None:
        names = [c["name"] for c in ledger.communities() if c["id"] in flt.community_ids]
        parts.append("、".join(names[:4]) + (f"等{len(names)}个居民区" if len(names) > 4 else ""))
    if flt.statuses is not None:
        parts.append("、".join(words.status(s) for s in sorted(flt.statuses)))
    if flt.due:
        parts.append({"overdue": "逾期", "due_soon": "临期"}.get(flt.due, flt.due))
    if flt.text.strip():
        parts.append(f"含“{flt.text.strip()}”")
    return "筛选：" + "；".join(parts) if parts else ""


def _paint_page(
    p: QPainter,
    sheet: Sheet,
    data: BoardData,
    scheme: BoardScheme,
    org: str,
    note: str,
    rows: range,
    cols: range,
    number: int,
    total: int,
    position: tuple[int, int, int, int],
) -> None:
    k = sheet.k
    # title block
    tfm = QFontMetricsF(sheet.title)
    p.setFont(sheet.title)
    p.setPen(INK)
    p.drawText(
        QRectF(0, 0, sheet.width, tfm.height() * 1.2), Qt.AlignmentFlag.AlignCenter, f"{org}巡察整改挂图督战"
    )
    y = tfm.height() * 1.25
    p.fillRect(QRectF(0, y - 2.5 * k, sheet.width, 1.5 * k), ACCENT)
    ffm = QFontMetricsF(sheet.figure)
    line = QRectF(0, y, sheet.width, ffm.height() * 1.3)
    d = data.today
    p.setFont(sheet.legend)
    left = f"{d.year}年{d.month}月{d.day}日  ·  {MODE_NAMES.get(data.mode, data.mode)}" + (
        f"  ·  {note}" if note else ""
    )
    p.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    p.setFont(sheet.figure)
    figures = f"共{data.total.tasks}项   已销号 {data.total.pct_closed:.1f}%   "
    overdue = f"逾期 {data.total.overdue} 项"
    ow = ffm.horizontalAdvance(overdue)
    p.setPen(OVERDUE_INK)
    p.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, overdue)
    p.setPen(INK)
    p.drawText(
        line.adjusted(0, 0, -ow, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, figures
    )
    y += line.height()
    y += paint_legend(p, QRectF(0, y + 2 * k, sheet.width, 1000 * k), scheme, sheet.legend) + 6 * k

    grid_top = sheet.top
    x0 = sheet.row_header
    cells_top = grid_top + sheet.col_header
    cols_list = list(cols)
    grid_w = sheet.cell_w * len(cols_list)
    # corner
    corner = QRectF(0, grid_top, sheet.row_header, sheet.col_header)
    p.fillRect(corner, QColor(palette.HEADER))
    p.setFont(sheet.fonts.small)
    p.setPen(INK)
    p.drawText(
        corner.adjusted(4 * k, 0, -4 * k, -4 * k),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
        "居民区",
    )
    # group bands, clipped to this page's columns
    if sheet.band and cols_list:
        visible = QRectF(x0, grid_top, grid_w, sheet.band)
        done: set[int] = set()
        for c in cols_list:
            g_index = data.columns[c].group
            if g_index < 0 or g_index in done:
                continue
            done.add(g_index)
            g = data.groups[g_index]
            band = QRectF(
                x0 + (g.first - cols.start) * sheet.cell_w, grid_top, g.count * sheet.cell_w, sheet.band
            )
            p.save()
            p.setClipRect(visible)
            paint_group(p, band, g.label, sheet.fonts, visible)
            p.restore()
    for i, c in enumerate(cols_list):
        rect = QRectF(
            x0 + i * sheet.cell_w, grid_top + sheet.band, sheet.cell_w, sheet.col_header - sheet.band
        )
        paint_column_header(
            p, rect, data.columns[c].label, data.column_totals[c], sheet.fonts, today=data.today_column == c
        )
    gap = 0.8 * k
    for j, r in enumerate(rows):
        top = cells_top + j * sheet.cell_h
        paint_row_header(
            p,
            QRectF(0, top, sheet.row_header, sheet.cell_h),
            data.rows[r].label,
            data.row_totals[r],
            sheet.fonts,
        )
        for i, c in enumerate(cols_list):
            rect = QRectF(x0 + i * sheet.cell_w, top, sheet.cell_w - gap, sheet.cell_h - gap)
            paint_cell(p, rect, data.cells.get((r, c)), scheme, sheet.fonts, today=data.today_column == c)
    # frame and footer
    p.setPen(QPen(QColor(palette.FRAME), 0.8 * k))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(0, grid_top, x0 + grid_w, sheet.col_header + sheet.cell_h * len(rows)))
    p.setFont(sheet.fonts.small)
    p.setPen(INK)
    band_no, band_total, col_no, col_total = position
    foot = QRectF(0, sheet.height - sheet.foot, sheet.width, sheet.foot)
    where = f"自上而下第 {band_no}/{band_total} 排，自左而右第 {col_no}/{col_total} 张" if total > 1 else ""
    p.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, where)
    p.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"— {number} —")


def render(
    p: QPainter,
    area: QRectF,
    dpi: float,
    ledger: Ledger,
    data: BoardData,
    scheme: BoardScheme,
    *,
    new_page: Callable[[], bool],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Paint every page of the chart into ``area`` (device units); returns the pages painted, 0 if cancelled."""
    sheet = layout(data, scheme, area.width(), area.height(), dpi)
    plan = pages(data, sheet)
    n_col_pages = len({(c.start) for _r, c in plan})
    n_row_pages = math.ceil(len(plan) / n_col_pages)
    note = describe_filter(ledger, data.task_filter)
    org = ledger.org_name
    for n, (rows, cols) in enumerate(plan, start=1):
        if cancel is not None and cancel():
            return 0
        if n > 1 and not new_page():
            raise OSError("cannot start a new page")
        p.save()
        p.translate(area.topLeft())
        p.setClipRect(QRectF(0, 0, area.width(), area.height()))
        position = ((n - 1) // n_col_pages + 1, n_row_pages, (n - 1) % n_col_pages + 1, n_col_pages)
        _paint_page(p, sheet, data, scheme, org, note, rows, cols, n, len(plan), position)
        p.restore()
        if progress is not None:
            progress(n, len(plan))
    return len(plan)


def page_layout(paper: str, landscape: bool) -> QPageLayout:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(PAPERS[paper]),
        orientation,
        QMarginsF(MARGIN_PT, MARGIN_PT, MARGIN_PT, MARGIN_PT),
        QPageLayout.Unit.Point,
    )


def _data(
    ledger: Ledger, columns: str, task_filter: TaskFilter | None, scheme: BoardScheme | None
) -> tuple[BoardData, BoardScheme]:
    scheme = scheme or lb.load_scheme(ledger)
    return lb.board_data(ledger, task_filter, columns, bands=scheme.bands), scheme


def export_board_pdf(
    ledger: Ledger,
    path: str | Path,
    *,
    paper: str = "A3",
    columns: str = "problem",
    task_filter: TaskFilter | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    landscape: bool = True,
    scheme: BoardScheme | None = None,
    dpi: int = 300,
) -> int:
    """Write the chart as a PDF; returns the number of pages, 0 if cancelled (then no file is left behind).
    The file is written beside ``path`` first and moved into place at the end."""
    path = Path(path)
    data, scheme = _data(ledger, columns, task_filter, scheme)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(dpi)
    writer.setPageLayout(page_layout(paper, landscape))
    writer.setTitle(f"{ledger.org_name}巡察整改挂图督战")
    writer.setCreator("巡察整改台账")
    p = QPainter(writer)
    try:
        area = QRectF(writer.pageLayout().paintRectPixels(dpi))
        area.moveTo(0, 0)
        n = render(
            p, area, dpi, ledger, data, scheme, new_page=writer.newPage, progress=progress, cancel=cancel
        )
    finally:
        p.end()
        del writer
    if n == 0:
        tmp.unlink(missing_ok=True)
        return 0
    os.replace(tmp, path)
    return n


def export_board_png(
    ledger: Ledger,
    path: str | Path,
    *,
    paper: str = "A3",
    columns: str = "problem",
    task_filter: TaskFilter | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    landscape: bool = True,
    scheme: BoardScheme | None = None,
    dpi: int = 150,
) -> list[Path]:
    """Write the chart as PNG images, one a sheet: ``path`` itself for one sheet, ``name-1.png`` … for several.
    Returns the files written ([] if cancelled)."""
    path = Path(path)
    data, scheme = _data(ledger, columns, task_filter, scheme)
    page = page_layout(paper, landscape)
    full = page.fullRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor(palette.PAPER))
    written: list[Path] = []
    suffix = path.suffix or ".png"

    def save_page() -> None:  # one sheet in memory at a time: a 130-sheet chart would not fit otherwise
        target = path.with_name(f"{path.stem}-{len(written) + 1}{suffix}")
        # PySide6 6.11 takes the format as str and refuses bytes, though its stub asks for bytes
        if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
            raise OSError(f"cannot write {target}")
        written.append(target)
        image.fill(QColor(palette.PAPER))

    painter = QPainter(image)

    def next_page() -> bool:
        painter.end()
        save_page()
        return painter.begin(image)

    try:
        n = render(
            painter,
            QRectF(page.paintRectPixels(dpi)),
            dpi,
            ledger,
            data,
            scheme,
            new_page=next_page,
            progress=progress,
            cancel=cancel,
        )
    finally:
        if painter.isActive():
            painter.end()
    if n == 0:
        for f in written:
            f.unlink(missing_ok=True)
        return []
    save_page()
    if len(written) == 1:
        os.replace(written[0], path)
        return [path]
    return written


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system print dialog (tests patch this)."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)


def print_board(
    parent: QWidget | None,
    ledger: Ledger,
    *,
    columns: str = "problem",
    task_filter: TaskFilter | None = None,
    paper: str = "A3",
    printer: object | None = None,
    ask: bool = True,
) -> int:
    """Print the chart through the print dialog (A3 landscape preselected); returns the pages printed."""
    from PySide6.QtPrintSupport import QPrinter

    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(paper, True))
        printer.setDocName(f"{ledger.org_name}巡察整改挂图督战")
    assert isinstance(printer, QPrinter)
    if ask and not ask_printer(parent, printer):
        return 0
    data, scheme = _data(ledger, columns, task_filter, None)
    dpi = printer.resolution()
    p = QPainter()
    if not p.begin(printer):
        from ui.common import messages

        messages.info(
            parent, _tr("The printer could not be started. Check that it is switched on and try again.")
        )
        return 0
    try:
        area = QRectF(printer.pageLayout().paintRectPixels(dpi))
        area.moveTo(0, 0)
        return render(p, area, dpi, ledger, data, scheme, new_page=printer.newPage)
    finally:
        p.end()


def ask_save_path(
    parent: QWidget | None, caption: str, directory: str, filters: list[str]
) -> tuple[str, str]:
    """The save dialog (tests patch this): (path, the chosen filter) or ("", "")."""
    path, chosen = QFileDialog.getSaveFileName(parent, caption, directory, ";;".join(filters))
    return path, chosen


def export_with_dialog(
    parent: QWidget | None, ledger: Ledger, *, columns: str = "problem", task_filter: TaskFilter | None = None
) -> list[Path]:
    """Ask for a file and a sheet size, export with a cancellable progress dialog; returns the files written."""
    choices: list[tuple[str, str, str]] = []  # (filter text, paper, format)
    for fmt, label in (("pdf", _tr("PDF document")), ("png", _tr("PNG image"))):
        for paper in ("A3", "A4", "A2"):
            text = _tr("%1 landscape, %2").replace("%1", paper).replace("%2", label)
            choices.append((f"{text} (*.{fmt})", paper, fmt))
    name = f"{ledger.org_name}挂图督战_{ledger.today().isoformat()}.pdf"
    path, chosen = ask_save_path(
        parent, _tr("Export the wall chart"), str(Path(ledger.path).parent / name), [c[0] for c in choices]
    )
    if not path:
        return []
    _, paper, fmt = next((c for c in choices if c[0] == chosen), choices[0])
    target = Path(path)
    if target.suffix.lower() != f".{fmt}":
        target = target.with_suffix(f".{fmt}")
    dialog = progress_dialog(parent, _tr("Export"), _tr("Exporting the wall chart…"))

    def progress(done: int, total: int) -> None:
        advance(dialog, done, total)

    try:
        if fmt == "pdf":
            n = export_board_pdf(
                ledger,
                target,
                paper=paper,
                columns=columns,
                task_filter=task_filter,
                progress=progress,
                cancel=dialog.wasCanceled,
            )
            written = [target] if n else []
        else:
            written = export_board_png(
                ledger,
                target,
                paper=paper,
                columns=columns,
                task_filter=task_filter,
                progress=progress,
                cancel=dialog.wasCanceled,
            )
    except OSError as exc:
        from ui.common import messages

        log.warning("export failed: %s", exc)
        messages.info(
            parent,
            _tr("The file could not be written (%1). Choose another folder and try again.").replace(
                "%1", str(exc)
            ),
        )
        return []
    finally:
        dialog.close()
    return written


def page_size_pt(paper: str, landscape: bool = True) -> QSizeF:
    """The sheet's size in points (A3 landscape: 1190.55 × 841.89)."""
    return page_layout(paper, landscape).fullRect(QPageLayout.Unit.Point).size()
