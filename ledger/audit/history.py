"""A task's history in the user's words: each journal entry as (field, before, after) lines, and the rows shown."""

from __future__ import annotations

from typing import Any

from ledger.audit.wording import describe_entry, entry_label, origin_text
from ledger.storage import Entry


def value_text(v: Any) -> str:
    """A value as the history shows it: （空） for nothing, 3 not 3.0."""
    if v is None:
        return "（空）"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def history_rows(entries: list[Entry]) -> list[tuple[str, str, str, str, str]]:
    """(when, who, field, before, after) per line of ``entries``, newest first; an entry without lines is one row.
    When: when it happened (on the community's computer, for a package's entry); who: the person, and the file it
    came from when it did not happen here."""
    names: dict[str, str] = {}
    described = [
        (entry, describe_entry(entry, names)) for entry in entries
    ]  # oldest first: names as they were
    rows: list[tuple[str, str, str, str, str]] = []
    for entry, lines in reversed(described):
        who = f"{entry.actor}（{origin_text(entry.origin)}）" if entry.origin != "本机" else entry.actor
        if entry.args.get("signed"):
            who += "（已签字确认）"
        for fld, before, after in lines or [(entry_label(entry), "", "")]:
            rows.append((entry.happened_at[:16], who, fld, before, after))
    return rows
