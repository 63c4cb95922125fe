"""Values as people type them: dates in the forms found in Chinese documents, numbers and text; refused with a
sentence when they are not what a person means (a date in 1900, a number that is infinite, text holding NUL)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from ledger.core.errors import LedgerError

# The years a deadline or a filter date may name: a rectification is set, extended and checked within decades,
# so 1900-01-01 or 9999-12-31 is a typing or conversion mistake (an Excel zero date, a placeholder).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_date(value: Any) -> str | None:
    """A date as ISO text, from a date, ISO text, 2025/11/30 or 2025年11月30日; '' or None clears it.
    Refused with a sentence: no date at all (``bad_date``), or one outside FIRST_YEAR..LAST_YEAR."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return in_range(value.date())
    if isinstance(value, dt.date):
        return in_range(value)
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if m:
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
        else:
            return in_range(day)
    raise LedgerError("bad_date", value=text[:40])


def in_range(day: dt.date) -> str:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise LedgerError("date_out_of_range", value=day.isoformat(), low=FIRST_YEAR, high=LAST_YEAR)
    return day.isoformat()


def parse_number(value: Any, field_label: str, *, non_negative: bool = False) -> float | None:
    """A finite number (``inf``, ``nan`` and ``1e309`` are refused), not below 0 when ``non_negative``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise LedgerError("bad_number", field=field_label, value=value)
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an int too big for a float
            raise LedgerError("number_not_finite", field=field_label, value=str(value)[:40]) from None
    else:
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            number = float(text)
        except (ValueError, OverflowError):
            raise LedgerError("bad_number", field=field_label, value=str(value)[:40]) from None
    if not math.isfinite(number):
        raise LedgerError("number_not_finite", field=field_label, value=str(value)[:40])
    if non_negative and number < 0:
        raise LedgerError("number_negative", field=field_label, value=value)
    return number


# ---- text as typed or pasted ------------------------------------------------------------------------------------
# Paste artefacts that mean a line break: Word's manual line break (\v), a page break (\f), Unicode's line and
# paragraph separators, and Windows/old Mac line ends.
LINE_BREAKS = {"\v": "\n", "\f": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
# Characters that turn the direction of the text around them (bidi embeddings, overrides and isolates): in a
# name or a reason they make text read other than it is stored (U+202E shows "txt.exe" as "exe.txt").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CONTROL_NAMES = {"\x00": "空字符 NUL", "\x1b": "控制字符 ESC", "\x7f": "控制字符 DEL"}


def refused_character(ch: str) -> str | None:
    """What ``ch`` is, in words, when it is no text a person means to store; None when it is fine."""
    if ch in BIDI_CONTROLS:
        return f"改变文字方向的控制字符 U+{ord(ch):04X}"
    if ch in "\t\n":
        return None
    if unicodedata.category(ch) == "Cc":
        return CONTROL_NAMES.get(ch, f"控制字符 U+{ord(ch):04X}")
    if unicodedata.category(ch) in ("Cs", "Co", "Cn") and not 0xE000 <= ord(ch) <= 0xF8FF:
        return f"无效字符 U+{ord(ch):04X}"
    return None


def clean_text(value: Any, field: str = "文字") -> str:
    """Text as a person meant it: paste artefacts that mean a line break become one (\\v \\f \\r\\n \\r U+2028
    U+2029), and what is no text (NUL and the other control characters but tab and line break, bidi overrides)
    is refused with a sentence naming the field, the character and where it is."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the common case, checked in C: no control, format or line-break character at all
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in LINE_BREAKS.items():
        text = text.replace(old, new)
    for at, ch in enumerate(text, start=1):
        what = refused_character(ch)
        if what is not None:
            raise LedgerError("bad_text", field=field, what=what, at=at)
    return text


def is_blank(value: Any) -> bool:
    """Nothing a reader could see: empty, or only white space, line breaks and invisible control or format
    characters (a reason of "\\x00" or "\\u200b" is no reason)."""
    text = "" if value is None else str(value)
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in text)


# A pattern compiled on first use (re's own cache): compiling it costs ~2.5 M instructions that the window's first
# paint need not wait for.
XML_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"


def xml_safe(value: Any) -> Any:
    """A stored text as a document (.docx, .xlsx) can hold it: Word's line and page breaks (\\v, \\f) as line
    breaks, other control characters dropped. For text stored before ``clean_text`` guarded every write;
    anything but a str is returned as it is."""
    if not isinstance(value, str) or value.isprintable():
        return value
    return re.sub(XML_ILLEGAL, "", value.replace("\v", "\n").replace("\f", "\n"))
