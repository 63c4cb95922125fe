"""Test helpers shared by the ledger tests: a refused command must leave every table as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ledger.core import Action, LedgerError, Operator, Role, Status
from ledger.service import Ledger
from ledger.storage import journal

ROOT = Path(__file__).resolve().parents[1]


def run_main(
    *args: str | Path, env: dict[str, str] | None = None, timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` as a user runs it: a process of its own, from the repository's root, UTF-8 output,
    Qt offscreen; ``env`` adds to the environment."""
    full = dict(os.environ, PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full,
        timeout=timeout,
    )


class Snapshot:
    """Every table's rows (the journal by its length), to compare before and after a refused command."""

    def __init__(self, led: Ledger) -> None:
        self.led = led
        names = [
            r[0]
            for r in led.store.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'journal' "
                "AND name NOT GLOB 'task_search_fts_*'"  # the search index's own tables (its content is task_search)
            )
        ]
        self.tables = {t: led.store.rows(f"SELECT * FROM {t} ORDER BY rowid") for t in sorted(names)}
        self.seq = journal.last_seq(led.store)

    def unchanged(self) -> None:
        assert Snapshot(self.led).tables == self.tables
        assert journal.last_seq(self.led.store) == self.seq


def python_prints(code: str) -> str:
    """What ``python -c code`` prints, run in a fresh interpreter from the repository (which modules a step
    imports can only be seen in a process that has imported nothing yet)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def refuse(led: Ledger, code: str, fn: Any, *args: Any, **kw: Any) -> str:
    """Run ``fn``, expect a LedgerError with ``code``, check nothing changed; return the sentence shown."""
    snap = Snapshot(led)
    with pytest.raises(LedgerError) as info:
        fn(*args, **kw)
    assert info.value.code == code, info.value.message()
    snap.unchanged()
    message = info.value.message()
    assert "{" not in message, message  # every fact filled in
    return message


# ---- people and steps shared by the sign-off and reconciliation tests ----------------------------------------------
SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)
L1 = Operator("刘副书记", Role.LEADER)
L2 = Operator("陈书记", Role.LEADER)


def as_(led: Ledger, op: Operator) -> Ledger:
    led.operator = op
    return led


def secretary_of(led: Ledger, tid: str) -> Operator:
    """The secretary of the task's community (a secretary acts in their own community only)."""
    name = led.store.one(
        "SELECT c.secretary FROM task t JOIN community c ON c.id = t.community_id WHERE t.id = ?", (tid,)
    )
    return Operator(str(name or SEC.name), Role.SECRETARY)


def sign_off(led: Ledger, tid: str) -> None:
    """Evidence if none, then start, submit, 初审, 复核, 终审; the work team is at the keyboard afterwards."""
    from ledger import signoff

    sec = secretary_of(led, tid)
    if not signoff.evidence(led, tid):
        signoff.attach_evidence(as_(led, sec), tid, data=f"佐证 {tid}".encode(), file_name="现场照片.jpg")
    as_(led, sec)
    if led.task(tid).status in (Status.NOT_STARTED, Status.RETURNED, Status.REOPENED):
        led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="已完成整改")
    for op in (WT, L1, L2):
        as_(led, op).act(tid, Action.APPROVE, grade="好")
    as_(led, WT)


def foreign_ledger(path: Path) -> Path:
    """A ledger made with another tool: a title row, merged 问题类别/存在问题 cells, dates in three forms."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某街道巡察整改台账"])
    ws.append(["序号", "问题类别", "存在问题", "整改措施", "责任单位", "责任人", "完成时限", "进展情况"])
    ws.append(
        [1, "党建引领", "组织生活不规范", "规范三会一课", "南郊别墅", "赵一", "2025-12-31", "已制定计划"]
    )
    ws.append([2, None, None, "开展专题培训", "新居民区", "钱二", "2026年1月15日", None])
    ws.append([3, None, "台账不全", "补齐台账", "鑫峰苑", "孙三", None, None])
    ws.append([4, "廉政建设", "补贴审核不严", "完善审核", "鑫峰苑", "李四", "2026/2/1", None])
    ws.merge_cells("B3:B5")
    ws.merge_cells("C3:C4")
    wb.save(path)
    return path


# ---- reading and editing an exported 填报表 with openpyxl ---------------------------------------------------------
def form_columns(ws: Any) -> dict[str, str]:
    """Header text → column letter of a 填报表 sheet."""
    from openpyxl.utils import get_column_letter

    from ledger.office import fill_form as excel_returns

    return {str(c.value): get_column_letter(c.column) for c in ws[excel_returns.HEADER_ROW] if c.value}


def form_row_of(ws: Any, tid: str) -> int:
    from ledger.office import fill_form as excel_returns

    return next(r for r in range(excel_returns.FIRST_ROW, ws.max_row + 1) if ws.cell(r, 1).value == tid)


def reverse_form_rows(ws: Any) -> None:
    """Sort a filled form the other way round, as a secretary might before sending it back."""
    from ledger.office import fill_form as excel_returns

    first, last = excel_returns.FIRST_ROW, ws.max_row
    rows = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(first, last + 1)]
    for r, values in zip(range(first, last + 1), reversed(rows), strict=True):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c).value = v


def last_entry_id(led: Ledger) -> str:
    """The id of the newest journal entry."""
    return str(led.store.one("SELECT id FROM journal ORDER BY seq DESC LIMIT 1"))


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """The test harness's limit (never the product's): a hang fails the example instead of hanging CI."""

    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def undo_schema_9(conn: sqlite3.Connection) -> None:
    """Take a file back to before the search index (schema 9)."""
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'task_search*'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE task_search_fts")
    conn.execute("DROP TABLE task_search")


def select_item(dlg: Any, title: str) -> Any:
    """In an import preview's tree: the row titled ``title`` becomes the one selected, as a click leaves it."""
    item = dlg.find_item(title)
    assert item is not None, title
    dlg.tree.clearSelection()
    dlg.tree.setCurrentItem(item)
    item.setSelected(True)
    return item


def do_in_process(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str]:
    """``main.py do PATH ARGS`` run in this process (quicker than ``run_main``): the exit status and what it said
    (stdout, then stderr)."""
    from ledger.cli.main import main

    code = main(["do", str(path), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def on_screen(
    check: Path, ledger: Path, tmp: Path, width: int, height: int, scale: float, *, frames: bool
) -> Any:
    """Run the script ``check`` (args: ledger, settings folder) in a process of its own on an offscreen screen of
    ``width``×``height`` at ``scale`` (``frames``: with window frame margins); what it printed last, as JSON."""
    import json

    config = tmp / "screen.json"
    screen = {"name": "Laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
    config.write_text(json.dumps({"windowFrameMargins": frames, "screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=f"{scale:g}")
    done = subprocess.run(
        [sys.executable, str(check), str(ledger), str(tmp / "settings")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
