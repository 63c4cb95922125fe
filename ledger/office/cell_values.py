"""A value written to an .xlsx cell as the program means it: text stays text, never a live formula.

``put(cell, value)`` is the one way the office writers set a cell: a text beginning with ``= + - @`` (or a tab or
carriage return, which spreadsheet programs skip before a formula) is stored as text, so a progress note typed as
``=HYPERLINK(…)`` — or arriving in a package — can never run when the file is opened; characters XML cannot hold
(a Word table's ``\\v``) become line breaks or are dropped instead of failing the export."""

from __future__ import annotations

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
