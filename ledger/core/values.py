"""Values as people type them: dates in the forms found in Chinese documents, and numbers; refused with a sentence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledger.core.errors import LedgerError


def parse_date(value: Any) -> str | None:
    """A date as ISO text, from a date, ISO text, 2025/11/30 or 2025年11月30日; '' or None clears it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    raise LedgerError("bad_date", value=text)


def parse_number(value: Any, field_label: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise LedgerError("bad_number", field=field_label, value=value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        return float(text)
    except ValueError:
        raise LedgerError("bad_number", field=field_label, value=value) from None
