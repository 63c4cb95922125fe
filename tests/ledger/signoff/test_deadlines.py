"""整改时限, 原定时限 and 按原定时限完成, sequence by sequence (GLOSSARY "Deadlines and people").

Each row of SEQUENCES is a story told with the ledger's own commands on one task (deadline first set 2025-12-31,
today 2025-11-20), then what a user reads afterwards: the deadline in force, 原定时限, 按原定时限完成 (for a
signed-off task) and the task's deadline history in order."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from ledger import signoff
from ledger.core import FixedClock, Health, Status
from ledger.office.xlsx_rows import Item, on_time, remark
from ledger.service import Ledger
from ledger.storage import journal
from tests.helpers import L1, SEC, WT, as_, sign_off, undo_schema_9

FIRST = "2025-12-31"

# step: (verb, argument). verbs: correct DATE (work team edits the deadline) · request DATE (secretary asks) ·
# approve / refuse (a leader decides the pending request) · day DATE (the clock moves) · signoff (three levels)
SEQUENCES: list[tuple[str, list[tuple[str, str]], str, str | None, bool | None, list[str]]] = [
    ("set only, signed off early", [("day", "2025-12-01"), ("signoff", "")], FIRST, None, True, ["set"]),
    ("set only, signed off on the day", [("day", FIRST), ("signoff", "")], FIRST, None, True, ["set"]),
    (
        "set only, signed off late",
        [("day", "2026-01-05"), ("signoff", "")],
        FIRST,
        None,
        False,
        ["set"],
    ),
    (
        "a correction is not an extension",
        [("correct", "2025-11-21"), ("day", "2025-11-26"), ("signoff", "")],
        "2025-11-21",
        None,
        False,
        ["set", "correct"],
    ),
    (
        "correction, then an approved extension: 原定时限 is the corrected deadline",
        [("correct", "2025-11-20"), ("request", "2026-01-31"), ("approve", "")],
        "2026-01-31",
        "2025-11-20",
        None,
        ["set", "correct", "request", "approve"],
    ),
    (
        "refused extension: no 原定时限",
        [("request", "2026-01-31"), ("refuse", "")],
        FIRST,
        None,
        None,
        ["set", "request", "refuse"],
    ),
    (
        "two approved extensions: 原定时限 stays the first",
        [("request", "2026-01-31"), ("approve", ""), ("request", "2026-02-28"), ("approve", "")],
        "2026-02-28",
        FIRST,
        None,
        ["set", "request", "approve", "request", "approve"],
    ),
    (
        "corrected while a request waits: 原定时限 is the deadline in force at the approval",
        [("request", "2026-01-31"), ("correct", "2025-12-20"), ("approve", "")],
        "2026-01-31",
        "2025-12-20",
        None,
        ["set", "request", "correct", "approve"],
    ),
    (
        "extended, signed off after 原定时限 but before the new deadline: 否",
        [("request", "2026-01-31"), ("approve", ""), ("day", "2026-01-10"), ("signoff", "")],
        "2026-01-31",
        FIRST,
        False,
        ["set", "request", "approve"],
    ),
    (
        "extended, signed off before 原定时限: 是",
        [("request", "2026-01-31"), ("approve", ""), ("day", "2025-12-30"), ("signoff", "")],
        "2026-01-31",
        FIRST,
        True,
        ["set", "request", "approve"],
    ),
    (
        "correction after an extension keeps 原定时限",
        [("request", "2026-01-31"), ("approve", ""), ("correct", "2026-01-20")],
        "2026-01-20",
        FIRST,
        None,
        ["set", "request", "approve", "correct"],
    ),
]


@pytest.mark.parametrize(
    ("steps", "deadline", "original", "finished", "history"),
    [pytest.param(*row[1:], id=row[0]) for row in SEQUENCES],
)
def test_deadline_sequence(
    filled: Ledger,
    clock: FixedClock,
    steps: list[tuple[str, str]],
    deadline: str,
    original: str | None,
    finished: bool | None,
    history: list[str],
) -> None:
    tid = next(t["id"] for t in filled.tasks_json() if t["owner"] == "孙三")  # 2025-12-31, not started
    pending = ""
    for verb, arg in steps:
        clock.advance(minutes=1)
        if verb == "day":
            clock.at = dt.datetime.fromisoformat(arg + " 09:00:00")
        elif verb == "correct":
            as_(filled, WT).update_task(tid, deadline=arg)
        elif verb == "request":
            pending = signoff.request_extension(as_(filled, SEC), tid, arg, "需要更多时间")
        elif verb == "approve":
            signoff.decide_extension(as_(filled, L1), pending, True)
        elif verb == "refuse":
            signoff.decide_extension(as_(filled, L1), pending, False, "时间充足")
        elif verb == "signoff":
            sign_off(filled, tid)
    t = filled.task(tid)
    assert t.deadline == dt.date.fromisoformat(deadline)
    assert t.original_deadline == (dt.date.fromisoformat(original) if original else None)
    assert signoff.finished_by_original_deadline(filled, tid) is finished
    assert [e.kind for e in signoff.deadline_history(filled, tid)] == history
    # the Excel ledger reads the same: 按原定时限完成 and the 原定时限 remark only after an extension
    item = Item(0, t, Health.NORMAL, None, "", "", "")
    if finished is not None:
        item.closed_at = filled.today()
        assert on_time(item).startswith("是" if finished else "否")
    assert ("原定时限" in remark(item)) is (original is not None and original != deadline)
    assert t.status == (Status.CLOSED if finished is not None else t.status)
    assert journal.verify(filled.store) is None


def test_history_names_who_and_the_dates(filled: Ledger, clock: FixedClock) -> None:
    tid = next(t["id"] for t in filled.tasks_json() if t["owner"] == "孙三")
    as_(filled, WT).update_task(tid, deadline="2025-11-20")
    clock.advance(hours=1)
    xid = signoff.request_extension(as_(filled, SEC), tid, "2026-01-31", "冬季无法施工")
    clock.advance(hours=1)
    signoff.decide_extension(as_(filled, L1), xid, True, "同意")
    rows = [(e.label, e.before, e.after, e.actor, e.note) for e in signoff.deadline_history(filled, tid)]
    d = dt.date.fromisoformat
    assert rows == [
        ("设定整改时限", None, d("2025-12-31"), "张专班", ""),
        ("更正整改时限", d("2025-12-31"), d("2025-11-20"), "张专班", ""),
        ("申请延期", d("2025-11-20"), d("2026-01-31"), "王书记", "冬季无法施工"),
        ("同意延期", d("2025-11-20"), d("2026-01-31"), "刘副书记", "同意"),
    ]


def test_an_older_file_gets_its_original_deadlines_fixed_in_the_journal(
    filled: Ledger, tmp_path: Path
) -> None:
    """Before schema 6 原定时限 was the first deadline ever set; opening such a file fixes it as one entry by 系统,
    so the journal still agrees with the tables."""
    ids = {t["owner"]: t["id"] for t in filled.tasks_json()}
    as_(filled, WT).update_task(ids["孙三"], deadline="2025-11-21")  # a correction
    xid = signoff.request_extension(as_(filled, SEC), ids["钱二"], "2026-01-31", "需要更多时间")
    signoff.decide_extension(as_(filled, L1), xid, True)
    path = filled.path
    filled.close()
    conn = sqlite3.connect(path)
    # as the old program left it: 原定时限 = the first deadline of every task that had one
    conn.execute("UPDATE task SET original_deadline = '2025-12-31' WHERE id = ?", (ids["孙三"],))
    conn.execute(
        "UPDATE task SET original_deadline = deadline WHERE original_deadline IS NULL AND deadline IS NOT NULL"
    )
    # and without the columns schema 6 added (a file that kept them would be refused as altered outside)
    conn.execute("ALTER TABLE task DROP COLUMN statement")
    conn.execute("ALTER TABLE review DROP COLUMN statement")
    # nor schema 7's per-task journal index and schema 8's sort indexes
    conn.execute("DROP INDEX task_by_progress")
    conn.execute("DROP INDEX task_by_department")
    conn.execute("DROP TABLE journal_task")
    conn.execute("DROP INDEX journal_by_task")
    conn.execute("CREATE INDEX journal_task ON journal(task_id, seq)")
    undo_schema_9(conn)  # nor schema 9's search index
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    led = Ledger.open(path, clock=FixedClock.on("2025-11-21"))
    try:
        t = {o: led.task(i) for o, i in ids.items()}
        assert t["孙三"].original_deadline is None and t["孙三"].deadline == dt.date(2025, 11, 21)
        assert t["钱二"].original_deadline == dt.date(2025, 11, 25)
        assert all(t[o].original_deadline is None for o in ("赵一", "李四", "周五", "吴六"))
        last = journal.entries(led.store)[-1]
        assert (last.actor, last.command) == ("系统", "fix_original_deadline")
        assert journal.verify(led.store) is None
    finally:
        led.close()
