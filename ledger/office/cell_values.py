"""A value written to an .xlsx cell as the program means it: text stays text, never a live formula.

``put(cell, value)`` is the one way the office writers set a cell: a text beginning with ``= + - @`` (or a tab or
carriage return, which spreadsheet programs skip before a formula) is stored as text, so a progress note typed as
``=HYPERLINK(…)`` — or arriving in a package — can never run when the file is opened; characters XML cannot hold
(a Word table's ``\\v``) become line breaks or are dropped instead of failing the export."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def cell_text(text: str) -> str:
    """``text`` with Word's line and page breaks as line breaks and what XML cannot hold dropped."""
    if text.isprintable():
        return text
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\v", "\n").replace("\f", "\n"))


def put(cell: Any, value: Any, *, mark: bool = True) -> Any:
    """Set ``cell`` to ``value``; text that a spreadsheet would read as a formula is written as text (and, with
    ``mark``, given Excel's quote prefix, so editing the cell later keeps it text). Returns the cell."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = cell_text(value)
    cell.value = text
    if text.startswith(FORMULA_LEAD):
        cell.data_type = "s"
        if mark:
            cell.quotePrefix = True
    return cell
