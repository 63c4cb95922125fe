"""A value written to an .xlsx cell as the program means it: text stays text, never a live formula.

``put(cell, value)`` is the one way the office writers set a cell: a text beginning with ``= + - @`` (or a tab or
carriage return, which spreadsheet programs skip before a formula) is stored as text, so a progress note typed as
``=HYPERLINK(…)`` — or arriving in a package — can never run when the file is opened; characters XML cannot hold
(a Word table's ``\\v``) become line breaks or are dropped instead of failing the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ledger.core import xml_safe

C = TypeVar("C")
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")  # each below "A" (write_values relies on it)


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
    write_row(ws, row, [(value, 0)], {0: cell_format}, first_col=col)


def write_row(
    ws: Any,
    row: int,
    cells: Iterable[tuple[Any, Any]],
    formats: Mapping[Any, Any],
    quoted: Mapping[Any, Any] | None = None,
    *,
    first_col: int = 0,
) -> None:
    """Write ``(value, format key)`` pairs to an xlsxwriter worksheet's ``row`` (0-based) from ``first_col``; a
    pair whose key is None is left out. Each cell as ``write_values`` writes it."""
    pairs = list(cells)
    if any(key is None for _value, key in pairs):  # cells left out: one call per cell written
        for col, (value, key) in enumerate(pairs, first_col):
            if key is not None:
                write_values(
                    ws, row, (value,), (formats[key],), None if quoted is None else (quoted[key],), col
                )
        return
    keys = [key for _value, key in pairs]
    write_values(
        ws,
        row,
        [value for value, _key in pairs],
        [formats[k] for k in keys],
        None if quoted is None else [quoted[k] for k in keys],
        first_col,
    )


WRITERS = ("string", "blank", "number", "datetime", "boolean")


def writers(ws: Any) -> list[Any]:
    """``ws``'s cell writers for ``write_values``: xlsxwriter's undecorated ``_write_<kind>`` (row, col, value,
    format) where it has them, else the public ``write_<kind>``, which take the same arguments."""
    return [getattr(ws, f"_write_{kind}", None) or getattr(ws, f"write_{kind}") for kind in WRITERS]


def write_values(
    ws: Any,
    row: int,
    values: Iterable[Any],
    formats: Sequence[Any],
    quoted: Sequence[Any] | None = None,
    first_col: int = 0,
) -> None:
    """Write ``values`` to an xlsxwriter worksheet's ``row`` (0-based) from ``first_col``, the i-th with the format
    ``formats[i]``; None and an empty text are a blank cell with that format.

    Text always goes through ``write_string`` — never ``write()``, whose guessing would turn ``=…`` into a formula
    and ``123`` into a number — cleaned as ``put`` cleans it; text that a spreadsheet would read as a formula
    takes ``quoted[i]`` (the same format with Excel's quote prefix, so editing the cell later keeps it text).
    Numbers, dates and formatted blanks go through their own writers. One call per row, the formats looked up
    beforehand: this loop is the export's hottest.

    The writers are xlsxwriter's undecorated ones (``_write_string`` … , which its own ``write()`` and ``write_row``
    call): the public ``write_*`` only wrap them in a decorator that accepts "A1" cell names, and with ~15 cells a
    task that wrapper took 7% of a 10,000-task export (same file, byte for byte). They are not xlsxwriter's promise:
    a release without them is written through the public ones (``writers``), slower but the same file."""
    write_string, write_blank, write_number, write_datetime, write_boolean = writers(ws)
    col = first_col - 1
    for value, fmt in zip(values, formats, strict=True):
        col += 1
        kind = value.__class__
        if kind is str:
            # the usual text, written as it is: not empty, no formula lead (= + - @ \t \r all sort below "A"), no
            # character XML cannot hold; one comparison instead of the three checks below (1% of an export)
            if value >= "A" and value.isprintable():
                write_string(row, col, value, fmt)
                continue
            if not value.isprintable():
                value = xml_safe(value)
            if not value:  # an empty text is a blank cell with its format, as None is
                write_blank(row, col, None, fmt)
            elif quoted is not None and value.startswith(FORMULA_LEAD):
                write_string(row, col, value, quoted[col - first_col])
            else:
                write_string(row, col, value, fmt)
        elif value is None:
            write_blank(row, col, None, fmt)
        elif kind is int or kind is float:
            write_number(row, col, value, fmt)
        elif isinstance(value, dt.date):  # a datetime is a date too
            write_datetime(row, col, value, fmt)
        elif isinstance(value, bool):
            write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            write_number(row, col, value, fmt)
        else:
            write_string(row, col, xml_safe(str(value)), fmt)
