"""Bounded fuzzing of filled 填报表 by cell: any text, number or date in any cell (hidden ones included), then
preview and import with every refusal accepted. Each run ends in a result or a sentence, never a traceback; a
refusal leaves the ledger unchanged, and what is imported verifies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import LedgerError
from ledger.office.fill_form import apply_fill_form, export_fill_form, preview_fill_form
from ledger.service import Ledger
from ledger.storage import journal
from tests.helpers import Snapshot

VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ['=HYPERLINK("x")', "\x0b换行", "\u202e反向", "inf", "nan", "1e309", "-1", "是", "否", ""]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.none(),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_cell_holding_anything_gives_a_result_or_a_sentence(
    filled: Ledger, tmp_path: Path, data: st.DataObject
) -> None:
    community = filled.tasks_json()[0]["community"]
    form = export_fill_form(filled, community, tmp_path / "填报表.xlsx")
    wb = openpyxl.load_workbook(form)
    for _ in range(data.draw(st.integers(1, 6))):
        ws = wb.worksheets[data.draw(st.integers(0, len(wb.worksheets) - 1))]
        row = data.draw(st.integers(1, max(1, ws.max_row)))
        col = data.draw(st.integers(1, max(1, ws.max_column)))
        value = data.draw(VALUES)
        try:
            ws.cell(row, col).value = value
        except Exception:  # noqa: BLE001 - openpyxl refuses to write it (a merged cell, NUL): no such file exists
            continue
    wb.save(form)
    snap = Snapshot(filled)
    try:
        preview_fill_form(filled, form)
    except LedgerError as exc:
        assert exc.message()
        snap.unchanged()
        return
    try:
        apply_fill_form(filled, form, accept_refused=True)
    except LedgerError as exc:
        assert exc.message()
        snap.unchanged()
    assert journal.verify(filled.store) is None
