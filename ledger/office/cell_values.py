"""A value written to an .xlsx cell as the program means it: text stays text, never a live formula.

``put(cell, value)`` is the one way the office writers set a cell: a text beginning with ``= + - @`` (or a tab or
carriage return, which spreadsheet programs skip before a formula) is stored as text, so a progress note typed as
``=HYPERLINK(…)`` — or arriving in a package — can never run when the file is opened; characters XML cannot hold
(a Word table's ``\\v``) become line breaks or are dropped instead of failing the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from ledger.core import xml_safe

C = TypeVar("C")
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def put(cell: C, value: Any, *, mark: bool = True) -> C:
    """Set ``cell`` to ``value``; text that a spreadsheet would read as a formula is written as text (and, with
    ``mark``, given Excel's quote prefix, so editing the cell later keeps it text). Returns the cell."""
    target: Any = cell
    if not isinstance(value, str):
        target.value = value
        return cell
    text = str(xml_safe(value))
    target.value = text
    if text.startswith(FORMULA_LEAD):
        target.data_type = "s"
        if mark:
            target.quotePrefix = True
    return cell


def write_cell(ws: Any, row: int, col: int, value: Any, cell_format: Any) -> None:
    """``put``'s counterpart for an xlsxwriter worksheet (0-based ``row``, ``col``); see ``write_row``."""
    write_row(ws, row, [(value, cell_format)], col)


def write_row(ws: Any, row: int, cells: Iterable[tuple[Any, Any]], first_col: int = 0) -> None:
    """Write ``(value, format)`` pairs to an xlsxwriter worksheet's ``row`` (0-based), from ``first_col``; a pair
    whose format is None is left out. Text always goes through ``write_string`` — never ``write()``, whose
    guessing would turn ``=…`` into a formula and ``123`` into a number — cleaned as ``put`` cleans it;
    numbers, dates and formatted blanks through their own writers. (One call per row: the loop is the
    export's hottest, so the writers are looked up once.)"""
    write_string, write_blank, write_number = ws.write_string, ws.write_blank, ws.write_number
    for col, (value, cell_format) in enumerate(cells, first_col):
        if cell_format is None:
            continue
        kind = value.__class__
        if kind is str:
            write_string(row, col, value if value.isprintable() else xml_safe(value), cell_format)
        elif value is None:
            write_blank(row, col, None, cell_format)
        elif kind is int or kind is float:
            write_number(row, col, value, cell_format)
        elif isinstance(value, dt.date):  # a datetime is a date too
            ws.write_datetime(row, col, value, cell_format)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, cell_format)
        elif isinstance(value, int | float):
            write_number(row, col, value, cell_format)
        else:
            write_string(row, col, xml_safe(str(value)), cell_format)
