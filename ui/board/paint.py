"""The wall chart's painting, for the screen and the printer alike: cells, headers, groups and the legend."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ledger import board as lb
from ledger.board import BoardScheme, Cell, Totals
from ui.common import palette, words

log = logging.getLogger(__name__)

HEADER_BG = QColor(palette.HEADER)
GRID = QColor(palette.GRID)
ACCENT = QColor(palette.ACCENT)  # today's week, the title rule
INK = QColor(palette.INK)
OVERDUE_INK = QColor(palette.ALERT)


# ---- painting shared by the screen and the printer ---------------------------------------------------------
def contrast(bg: QColor) -> QColor:
    """Black or white text, whichever reads better on ``bg``."""
    lum = 0.2126 * bg.redF() ** 2.2 + 0.7152 * bg.greenF() ** 2.2 + 0.0722 * bg.blueF() ** 2.2
    return QColor(palette.PAPER) if lum < 0.22 else INK


@dataclass
class Fonts:
    letter: QFont
    text: QFont
    small: QFont
    header: QFont
    group: QFont


def make_fonts(base: QFont, text_pt: float = 11.0) -> Fonts:
    """Fonts at ``text_pt`` for the days text; letters a little larger and bold."""

    def f(pt: float, bold: bool = False) -> QFont:
        font = QFont(base)
        font.setPointSizeF(pt)
        font.setBold(bold)
        return font

    return Fonts(f(text_pt * 1.15, True), f(text_pt, True), f(text_pt), f(text_pt), f(text_pt, True))


def paint_cell(
    p: QPainter,
    rect: QRectF,
    cell: Cell | None,
    scheme: BoardScheme,
    fonts: Fonts,
    *,
    selected: bool = False,
    today: bool = False,
) -> None:
    """A cell: its state's colour, the state letter top left, the task count top right when several, the days
    (逾3 / 剩5) below, and a thin bar of the states' shares along the bottom for cells of several tasks."""
    state = cell.worst if cell is not None else lb.EMPTY
    bg = QColor(scheme.color(state))
    p.fillRect(rect, bg)
    unit = max(1.0, rect.height() / 40.0)
    if state == lb.NOT_STARTED:
        pen = QPen(QColor(scheme.border), 1.6 * unit)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        inset = 2.5 * unit
        p.drawRect(rect.adjusted(inset, inset, -inset, -inset))
    if today:
        p.fillRect(QRectF(rect.left(), rect.top(), 2.5 * unit, rect.height()), ACCENT)
        p.fillRect(QRectF(rect.right() - 2.5 * unit, rect.top(), 2.5 * unit, rect.height()), ACCENT)
    if cell is not None:
        fg = contrast(bg)
        p.setPen(fg)
        pad = 4.0 * unit
        bar = 4.0 * unit if cell.total > 1 else 0.0
        inner = rect.adjusted(pad, 1.5 * unit, -pad, -1.5 * unit - bar)
        half = inner.height() / 2
        top = QRectF(inner.left(), inner.top(), inner.width(), half)
        bottom = QRectF(inner.left(), inner.top() + half, inner.width(), half)
        p.setFont(fonts.letter)
        p.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, scheme.letter(state))
        if cell.total > 1:
            p.setFont(fonts.small)
            p.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{cell.total}项")
        text = cell.text
        if not text and cell.total > 1 and cell.closed:
            text = f"销{cell.closed}"
        if text:
            p.setFont(fonts.text)
            p.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text)
        if bar:
            _paint_share_bar(p, QRectF(rect.left(), rect.bottom() - bar, rect.width(), bar), cell, scheme)
    if selected:
        pen = QPen(INK, 2.5 * unit)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect.adjusted(1.25 * unit, 1.25 * unit, -1.25 * unit, -1.25 * unit))


def _paint_share_bar(p: QPainter, rect: QRectF, cell: Cell, scheme: BoardScheme) -> None:
    p.fillRect(rect, QColor(palette.PAPER))
    x = rect.left()
    inner = rect.adjusted(0, rect.height() * 0.25, 0, 0)
    for state in sorted(cell.counts, key=lb.state_rank):
        w = inner.width() * cell.counts[state] / cell.total
        color = QColor(scheme.color(state))
        if state == lb.NOT_STARTED:
            color = QColor(scheme.border)
        p.fillRect(QRectF(x, inner.top(), w, inner.height()), color)
        x += w


def legend_items(scheme: BoardScheme) -> list[tuple[str, str]]:
    return [(state, legend_label(scheme, state)) for state in scheme.states()]


def legend_label(scheme: BoardScheme, state: str) -> str:
    """A state's name in the legend; a warning band's says its days (the scheme writes them in Chinese)."""
    if state in lb.BASE_STATES:
        return words.word(scheme.label(state))
    i = int(state.removeprefix("band"))
    days = scheme.bands[i] if i < len(scheme.bands) else 0
    if len(scheme.bands) <= 1:
        return _tr("Due soon (within {days} days)").format(days=days)
    nearer = scheme.bands[i + 1] if i + 1 < len(scheme.bands) else -1
    return _tr("Due soon ({low}–{high} days left)").format(low=nearer + 1, high=days)


def _tr(text: str) -> str:
    return QCoreApplication.translate("BoardPaint", text)


def legend_layout(
    rect: QRectF, scheme: BoardScheme, font: QFont
) -> tuple[list[tuple[str, str, QRectF, QRectF]], float]:
    """Where each legend item goes (state, label, swatch, label box), wrapped into lines; and the height used."""
    fm = QFontMetricsF(font)
    sw = fm.height() * 1.25
    gap = fm.horizontalAdvance("汉")
    x, y = rect.left(), rect.top()
    out = []
    for state, label in legend_items(scheme):
        width = sw + gap * 0.4 + fm.horizontalAdvance(label) + gap * 1.2
        if x + width > rect.right() and x > rect.left():
            x, y = rect.left(), y + sw + fm.height() * 0.35
        out.append((state, label, QRectF(x, y, sw, sw), QRectF(x + sw + gap * 0.4, y, width, sw)))
        x += width
    return out, y + sw - rect.top()


def paint_legend(p: QPainter, rect: QRectF, scheme: BoardScheme, font: QFont) -> float:
    """Swatches (the colour with its letter) and labels; returns the height used."""
    items, height = legend_layout(rect, scheme, font)
    p.setFont(font)
    width = max(1.0, QFontMetricsF(font).height() / 18.0)
    for state, label, box, text_box in items:
        bg = QColor(scheme.color(state))
        p.fillRect(box, bg)
        p.setPen(
            QPen(QColor(scheme.border) if state in (lb.NOT_STARTED, lb.EMPTY) else bg.darker(125), width)
        )
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(box)
        p.setPen(contrast(bg))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, scheme.letter(state))
        p.setPen(INK)
        p.drawText(text_box, Qt.AlignmentFlag.AlignVCenter, label)
    return height


def totals_text(t: Totals) -> str:
    return f"销{t.pct_closed:.0f}%" if t.tasks else ""


def hairline(fonts: Fonts) -> float:
    """A grid line: one pixel on screen, about half a point on paper."""
    return max(1.0, QFontMetricsF(fonts.small).height() / 24.0)


def paint_row_header(p: QPainter, rect: QRectF, label: str, totals: Totals | None, fonts: Fonts) -> None:
    p.fillRect(rect, HEADER_BG)
    p.setPen(QPen(GRID, hairline(fonts)))
    p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
    p.drawLine(QPointF(rect.right(), rect.top()), QPointF(rect.right(), rect.bottom()))
    fm = QFontMetricsF(fonts.small)
    pad = fm.horizontalAdvance("汉") * 0.4
    right_w = fm.horizontalAdvance("销100%") + pad
    inner = rect.adjusted(pad, 0, -pad, 0)
    if totals is not None and totals.tasks:
        upper = QRectF(inner.right() - right_w, inner.top(), right_w, inner.height() / 2)
        lower = QRectF(inner.right() - right_w, inner.top() + inner.height() / 2, right_w, inner.height() / 2)
        p.setFont(fonts.small)
        p.setPen(INK)
        p.drawText(upper, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, totals_text(totals))
        if totals.overdue:
            p.setPen(OVERDUE_INK)
            p.drawText(
                lower,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                _tr("{n} overdue").format(n=totals.overdue),
            )
        inner.setRight(inner.right() - right_w)
    p.setFont(fonts.header)
    p.setPen(INK)
    name = QFontMetricsF(fonts.header).elidedText(label, Qt.TextElideMode.ElideRight, inner.width())
    p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)


def wrap_elide(fm: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` (anywhere: Chinese has no spaces), eliding the last line."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and fm.horizontalAdvance(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    if len(lines) > max_lines:
        rest = "".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


def paint_column_header(
    p: QPainter, rect: QRectF, label: str, totals: Totals | None, fonts: Fonts, *, today: bool = False
) -> None:
    """A column's label (wrapped) and, on its last line, 销% and the overdue count."""
    p.fillRect(rect, QColor(palette.TODAY_HEADER) if today else HEADER_BG)
    p.setPen(QPen(GRID, hairline(fonts)))
    p.drawLine(QPointF(rect.right(), rect.top()), QPointF(rect.right(), rect.bottom()))
    p.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
    fm = QFontMetricsF(fonts.small)
    pad = fm.height() * 0.18
    line = fm.height()
    foot = QRectF(
        rect.left() + pad,
        rect.bottom() - line * (2.1 if totals and totals.overdue else 1.1),
        rect.width() - 2 * pad,
        line * (2 if totals and totals.overdue else 1),
    )
    body = QRectF(rect.left() + pad, rect.top() + pad, rect.width() - 2 * pad, foot.top() - rect.top() - pad)
    p.setFont(fonts.header)
    p.setPen(ACCENT if today else INK)
    hfm = QFontMetricsF(fonts.header)
    max_lines = max(1, int(body.height() // hfm.lineSpacing()))
    lines = wrap_elide(hfm, ("本周\n" if today else "") + label, body.width(), max_lines)
    p.drawText(body, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), "\n".join(lines))
    if totals is not None and totals.tasks:
        p.setFont(fonts.small)
        p.setPen(INK)
        p.drawText(
            QRectF(foot.left(), foot.top(), foot.width(), line),
            Qt.AlignmentFlag.AlignHCenter,
            totals_text(totals),
        )
        if totals.overdue:
            p.setPen(OVERDUE_INK)
            p.drawText(
                QRectF(foot.left(), foot.top() + line, foot.width(), line),
                Qt.AlignmentFlag.AlignHCenter,
                f"逾{totals.overdue}",
            )


def paint_group(p: QPainter, rect: QRectF, label: str, fonts: Fonts, visible: QRectF | None = None) -> None:
    """A column group's band (a category over its problems, a month over its weeks); the label is centred on
    the visible part of the band so that it stays readable when the band is scrolled half away."""
    p.fillRect(rect, QColor(palette.GROUP_HEADER))
    p.setPen(QPen(GRID, hairline(fonts)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    shown = rect.intersected(visible) if visible is not None else rect
    p.setFont(fonts.group)
    p.setPen(INK)
    fm = QFontMetricsF(fonts.group)
    text = fm.elidedText(label, Qt.TextElideMode.ElideRight, max(0.0, shown.width() - fm.height() * 0.4))
    p.drawText(shown, Qt.AlignmentFlag.AlignCenter, text)


# ---- the legend on screen (the view and the colour settings show it) ---------------------------------------
class LegendWidget(QWidget):
    """The always-visible key: every colour with its letter and label."""

    def __init__(self, scheme: BoardScheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme = scheme

    def set_scheme(self, scheme: BoardScheme) -> None:
        self.scheme = scheme
        self.updateGeometry()
        self.update()

    def _height_for(self, width: int) -> int:
        return int(legend_layout(QRectF(0, 0, max(200, width - 4), 1000), self.scheme, self.font())[1]) + 6

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_for(width)

    def sizeHint(self) -> QSize:
        return QSize(900, self._height_for(self.width() or 900))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._height_for(self.width() or 900))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.height() != self._height_for(self.width()):
            self.updateGeometry()

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        paint_legend(p, QRectF(2, 3, self.width() - 4, self.height() - 3), self.scheme, self.font())
        p.end()
