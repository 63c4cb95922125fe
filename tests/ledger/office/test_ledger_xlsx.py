"""The 台账 export, checked the way a user would: reopen the .xlsx with openpyxl and read cells, merges, print set-up."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ledger import signoff
from ledger.core import FixedClock, Health, LedgerError, Operator, Role
from ledger.example import generate
from ledger.office import ledger_xlsx as excel
from ledger.office.ledger_xlsx import COLUMNS, DEFAULT_COLUMNS, export_ledger
from ledger.office.xlsx_layout import DEFAULT_SCHEME, chinese_number, strip_numbering, text_lines
from ledger.service import Ledger
from ledger.storage import ExportCancelled, TaskFilter

ORG = "测试工业区党工委"
HEADERS = [COLUMNS[k] for k in DEFAULT_COLUMNS]
COL = {
    k: i for i, k in enumerate(DEFAULT_COLUMNS, start=1)
}  # column key → column number in the default layout
FIRST = 4  # first data row: title, subtitle, header


# ---- helpers ---------------------------------------------------------------------------------------------------------
@contextmanager
def as_operator(ledger: Ledger, name: str, role: Role) -> Iterator[None]:
    before = ledger.operator
    ledger.operator = Operator(name, role)
    try:
        yield
    finally:
        ledger.operator = before


def add_evidence(ledger: Ledger, task_id: str, file_name: str, *, removed: bool = False) -> None:
    """Evidence as the (future) evidence command will store it: the blob, then a journalled evidence row."""
    data = file_name.encode()
    sha = hashlib.sha256(data).hexdigest()
    with ledger.store.db.atomic():  # the blob table is content storage, not journalled
        ledger.store.conn.execute(
            "INSERT OR IGNORE INTO blob(sha256, data, size) VALUES (?, ?, ?)", (sha, data, len(data))
        )
    now = ledger.clock.now().isoformat(sep=" ")
    row = {
        "id": f"ev-{file_name}",
        "task_id": task_id,
        "sha256": sha,
        "file_name": file_name,
        "mime": "",
        "size": len(data),
        "added_by": ledger.operator.name,
        "added_at": now,
        "removed_at": now if removed else None,
    }
    ledger.bulk_insert("add_evidence", {"evidence": [row]}, {"task": task_id})


def task_ids(ledger: Ledger) -> dict[str, str]:
    """owner → task id (each owner of the ``filled`` fixture has one task)."""
    return {t["owner"]: t["id"] for t in ledger.store.rows("SELECT id, owner FROM task")}


@pytest.fixture
def states(filled: Ledger) -> Ledger:
    """The six tasks of ``filled`` in six different states (clock fixed at 2025-11-20).

    赵一 overdue, not started · 钱二 due soon, deadline moved · 孙三 in progress · 李四 returned and overdue ·
    周五 closed after three reviews, with evidence · 吴六 in review (no deadline)."""
    ids = task_ids(filled)
    xid = signoff.request_extension(
        filled, ids["钱二"], "2025-11-27", "雨季施工推迟"
    )  # an extension, approved
    with as_operator(filled, "王领导", Role.LEADER):
        signoff.decide_extension(filled, xid, True)
    filled.act(ids["孙三"], "start")
    filled.update_progress(ids["孙三"], "已开展专项整治两次，排查隐患12处，已整改9处。")

    filled.act(ids["李四"], "start")
    with as_operator(filled, "王书记", Role.SECRETARY):  # whoever applies signs no level of the round
        filled.act(ids["李四"], "submit", reason="已完成巡查")
    filled.act(ids["李四"], "return", reason="材料不全")

    t = ids["周五"]
    filled.act(t, "start")
    add_evidence(filled, t, "整改照片.jpg")
    add_evidence(filled, t, "作废的草稿.docx", removed=True)
    with as_operator(filled, "王书记", Role.SECRETARY):  # whoever applies signs no level of the round
        filled.act(t, "submit", reason="审核机制已建立")
    filled.act(t, "approve", grade="好")
    with as_operator(filled, "王领导", Role.LEADER):
        filled.act(t, "approve", grade="好")
    with as_operator(filled, "李领导", Role.LEADER):
        filled.act(t, "approve", grade="好")

    filled.act(ids["吴六"], "start")
    with as_operator(filled, "王书记", Role.SECRETARY):  # whoever applies signs no level of the round
        filled.act(ids["吴六"], "submit", reason="警示教育已开展")
    filled.act(ids["吴六"], "approve", grade="较好", exception="材料为纸质存档")  # 初审 checks the materials
    return filled


def export(ledger: Ledger, tmp_path: Path, name: str = "台账.xlsx", **kw: Any) -> openpyxl.Workbook:
    result = export_ledger(ledger, tmp_path / name, **kw)
    assert result.path == tmp_path / name
    return openpyxl.load_workbook(result.path)


def merges(ws: Any) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def rows_by_owner(ws: Any, owner_col: int = COL["owner"]) -> dict[str, int]:
    return {
        ws.cell(r, owner_col).value: r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, owner_col).value
    }


def day(value: Any) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


# ---- the ledger sheet ------------------------------------------------------------------------------------------------
def test_title_subtitle_and_headers(filled: Ledger, tmp_path: Path) -> None:
    wb = export(filled, tmp_path)
    assert wb.sheetnames == ["汇总", "整改台账"]
    ws = wb["整改台账"]
    assert ws["A1"].value == f"{ORG}巡察整改台账"
    assert ws["A2"].value == f"填报单位：{ORG}    截至 2025年11月20日"
    assert {"A1:O1", "A2:O2"} <= merges(ws)
    assert [c.value for c in ws[3]] == HEADERS
    assert HEADERS[:3] == ["序号", "问题类别", "反馈问题"] and HEADERS[-1] == "备注"


def test_rows_grouped_merged_and_numbered(filled: Ledger, tmp_path: Path) -> None:
    ws = export(filled, tmp_path)["整改台账"]
    assert [ws.cell(r, 1).value for r in range(FIRST, FIRST + 6)] == [1, 2, 3, 4, 5, 6]
    assert ws["B4"].value == "一、关于党建引领方面的整改"
    assert ws["B8"].value == "二、关于廉政建设方面的整改"
    assert ws["C4"].value == "（一）针对治理效能不足的问题"
    assert ws["C6"].value == "（二）针对安全隐患的问题"
    assert ws["C8"].value == "（一）针对补贴审核不严的问题"  # numbered within its category
    assert {"B4:B7", "B8:B9", "C4:C5", "C6:C7", "C8:C9"} <= merges(ws)
    assert (
        ws["B4"].alignment.vertical == ws["C4"].alignment.vertical == "top"
    )  # printed even over a page break
    # natural order within a problem: communities in their order (南郊别墅 before 鑫峰苑)
    assert [ws.cell(r, COL["community"]).value for r in range(FIRST, FIRST + 6)] == ["南郊别墅", "鑫峰苑"] * 3


def test_status_cells_are_filled_by_state_and_say_it_in_words(states: Ledger, tmp_path: Path) -> None:
    ws = export(states, tmp_path)["整改台账"]
    row = rows_by_owner(ws)
    expected = {
        "赵一": ("未启动\n（逾期10天）", Health.OVERDUE),
        "钱二": ("未启动\n（还剩7天）", Health.DUE_SOON),
        "孙三": ("推进中", Health.NORMAL),
        "李四": ("已退回\n（逾期2天）", Health.OVERDUE),
        "周五": ("已销号", Health.CLOSED),
        "吴六": ("审核中", Health.PENDING),
    }
    for owner, (text, h) in expected.items():
        cell = ws.cell(row[owner], COL["status"])
        assert cell.value == text, owner
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb[-6:] == DEFAULT_SCHEME[h], owner
    assert DEFAULT_SCHEME[Health.OVERDUE] != DEFAULT_SCHEME[Health.DUE_SOON] != DEFAULT_SCHEME[Health.CLOSED]
    # no colour anywhere else: a text cell has no fill
    assert ws.cell(row["赵一"], COL["measure"]).fill.fill_type is None


def test_each_task_in_its_row(states: Ledger, tmp_path: Path) -> None:
    ws = export(states, tmp_path)["整改台账"]
    row = rows_by_owner(ws)
    assert len(row) == 6
    for t in states.tasks_json():

        def cell(key: str, r: int = row[t["owner"]]) -> Any:
            return ws.cell(r, COL[key]).value

        assert cell("measure") == t["measure"]
        assert cell("community") == t["community"]
        assert cell("leader") == "郑领导"
        assert day(cell("deadline")) == (dt.date.fromisoformat(t["deadline"]) if t["deadline"] else None)
        assert cell("kind") == t["kind"]
        assert (cell("progress") or "") == t["progress"]
    closed = row["周五"]
    assert day(ws.cell(closed, COL["closed_at"]).value) == dt.date(2025, 11, 20)
    assert ws.cell(closed, COL["closed_at"]).number_format == 'yyyy"年"m"月"d"日"'
    assert ws.cell(closed, COL["reviewers"]).value == "张专班、王领导、李领导"
    assert ws.cell(closed, COL["evidence"]).value == "1份：整改照片.jpg"  # the removed file is not counted
    assert ws.cell(row["吴六"], COL["reviewers"]).value == "张专班"
    assert ws.cell(row["吴六"], COL["closed_at"]).value is None  # not closed: no 销号时间
    assert ws.cell(row["钱二"], COL["remark"]).value == "原定时限2025年11月25日"
    assert ws.cell(row["李四"], COL["remark"]).value == "初审退回：材料不全"
    assert ws.cell(row["赵一"], COL["remark"]).value is None


@pytest.mark.parametrize(("paper", "size"), [("A4", 9), ("A3", 8)])
def test_print_setup(filled: Ledger, tmp_path: Path, paper: str, size: int) -> None:
    wb = export(filled, tmp_path, paper=paper)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        # the 15-column 整改台账 would print under 9 pt on A4: it goes on A3, the other sheets as asked
        assert int(ws.page_setup.paperSize) == (8 if ws.title == "整改台账" else size)
        # one page wide: fitToWidth is 1 when the attribute is left out (the schema's default; xlsxwriter omits it)
        assert int(ws.page_setup.fitToWidth or 1) == 1
        assert int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.page_margins.left >= 0.9
        assert ws.print_options.horizontalCentered is True
        assert ws.freeze_panes == "A4"
    assert wb["整改台账"].auto_filter.ref == "A3:O9"


def test_fonts_widths_and_heights(states: Ledger, tmp_path: Path) -> None:
    ws = export(states, tmp_path)["整改台账"]
    assert ws["A1"].font.size >= 18
    assert ws["A1"].font.name in ("方正小标宋简体", "黑体")
    assert ws["A3"].font.name == "黑体"
    row = rows_by_owner(ws)
    body = ws.cell(row["孙三"], COL["progress"])
    assert body.font.name in ("仿宋", "宋体") and body.font.size == 11
    assert body.alignment.wrap_text and body.border.left.style == "thin"
    assert ws.column_dimensions["D"].width == excel.DEFAULT_WIDTHS["measure"]
    # a long progress text makes its row taller than a one-line row
    states.update_progress(task_ids(states)["赵一"], "开展宣传培训" * 20)
    ws = export(states, tmp_path, name="2.xlsx")["整改台账"]
    row = rows_by_owner(ws)
    long_lines = text_lines("开展宣传培训" * 20, excel.DEFAULT_WIDTHS["progress"])
    assert long_lines >= 8
    assert ws.row_dimensions[row["赵一"]].height >= long_lines * 14
    assert ws.row_dimensions[row["赵一"]].height > ws.row_dimensions[row["钱二"]].height


def test_row_count_equals_task_count(tmp_path: Path) -> None:
    led = generate(tmp_path / "big.db", tasks=1234, communities=7, clock=FixedClock())
    try:
        result = export_ledger(led, tmp_path / "big.xlsx")
        ws = openpyxl.load_workbook(result.path)["整改台账"]
        assert result.tasks == 1234
        assert ws.max_row - 3 == 1234
        assert [ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)] == list(range(1, 1235))
        measures = [ws.cell(r, COL["measure"]).value for r in range(FIRST, ws.max_row + 1)]
        assert measures == [t["measure"] for t in led.tasks_json()]
    finally:
        led.close()


# ---- templates -------------------------------------------------------------------------------------------------------
def test_custom_template_is_saved_in_the_ledger_and_used_after_reopening(
    filled: Ledger, tmp_path: Path, clock: FixedClock, work_team: Operator
) -> None:
    stored = excel.save_template(
        filled,
        "简版",
        [{"key": "measure", "title": "整改任务", "width": 40}, "seq", {"key": "status", "title": "状态"}],
        make_default=True,
    )
    assert stored == [
        {"key": "measure", "title": "整改任务", "width": 40},
        {"key": "seq", "title": "序号", "width": excel.DEFAULT_WIDTHS["seq"]},
        {"key": "status", "title": "状态", "width": excel.DEFAULT_WIDTHS["status"]},
    ]
    path = filled.path
    filled.close()
    reopened = Ledger.open(path, clock=clock, operator=work_team)
    try:
        assert list(excel.templates(reopened)) == [excel.BUILTIN_TEMPLATE, "简版"]
        assert excel.default_template_name(reopened) == "简版"
        result = export_ledger(reopened, tmp_path / "简版.xlsx")
        assert result.template == "简版"
        ws = openpyxl.load_workbook(result.path)["整改台账"]
        assert [c.value for c in ws[3]] == ["整改任务", "序号", "状态"]
        assert ws.max_column == 3 and "A1:C1" in merges(ws)
        assert ws.column_dimensions["A"].width == 40
        assert ws["B4"].value == 1 and ws["A4"].value == "强化宣传培训"
        # the built-in one is still there by name
        ws = openpyxl.load_workbook(
            export_ledger(reopened, tmp_path / "标准.xlsx", template=excel.BUILTIN_TEMPLATE).path
        )["整改台账"]
        assert [c.value for c in ws[3]] == HEADERS
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        ([], "至少要有一列"),
        (["seq", "nonsense"], "nonsense"),
        (["seq", "seq"], "出现了两次"),
        ([{"key": "seq", "title": "  "}], "表头不能为空"),
        ([{"key": "seq", "width": 0}], "宽度"),
        ([{"title": "无键"}], "key"),
    ],
)
def test_bad_template_is_refused_with_a_sentence(filled: Ledger, columns: list[Any], words: str) -> None:
    with pytest.raises(LedgerError) as info:
        excel.save_template(filled, "坏模板", columns)
    assert info.value.code == "bad_setting"
    assert words in info.value.message()
    assert filled.setting("excel_templates") is None  # untouched


def test_template_names(filled: Ledger, tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        export_ledger(filled, tmp_path / "x.xlsx", template="不存在的模板")
    assert "不存在的模板" in info.value.message() and excel.BUILTIN_TEMPLATE in info.value.message()
    with pytest.raises(LedgerError, match="内置模板"):
        excel.save_template(filled, excel.BUILTIN_TEMPLATE, ["seq"])
    excel.save_template(filled, "甲", ["seq", "measure"], make_default=True)
    excel.delete_template(filled, "甲")
    assert excel.default_template_name(filled) == excel.BUILTIN_TEMPLATE
    with pytest.raises(LedgerError):
        excel.delete_template(filled, "甲")
    assert not list(tmp_path.glob("*.xlsx"))


# ---- 汇总, one community, filters --------------------------------------------------------------------------------------
def summary_rows(ws: Any) -> list[tuple[Any, ...]]:
    rows = list(ws.iter_rows(min_row=FIRST, values_only=True))
    return rows[:-2]  # without 合计 and the note


def test_summary_first_and_equal_to_stats(tmp_path: Path) -> None:
    led = generate(tmp_path / "g.db", tasks=700, communities=9, clock=FixedClock())
    try:
        wb = export(led, tmp_path)
        ws = wb.worksheets[0]
        assert ws.title == "汇总"
        assert [c.value for c in ws[3]] == [
            "序号",
            "责任单位",
            "任务总数",
            "已销号",
            "长期坚持",
            "未销号",
            "其中逾期",
            "完成率",
        ]
        stats = led.stats()
        rows = summary_rows(ws)
        assert {r[1]: r[2] for r in rows} == stats["by_community"]
        total = list(ws.iter_rows(min_row=ws.max_row - 1, max_row=ws.max_row - 1, values_only=True))[0]
        assert total[0] == "合计"
        assert total[2] == stats["tasks"] == sum(r[2] for r in rows)
        assert total[3] == stats["by_status"]["closed"] == sum(r[3] for r in rows)
        assert total[4] == stats["by_status"]["ongoing"] == sum(r[4] for r in rows)
        assert total[6] == stats["overdue"] == sum(r[6] for r in rows)
        # a partition: 已销号 + 长期坚持 + 未销号 = 任务总数, row by row and in the total
        assert all(r[3] + r[4] + r[5] == r[2] for r in [*rows, total])
        assert total[7] == pytest.approx(stats["by_status"]["closed"] / stats["tasks"])
        assert ws.cell(ws.max_row - 1, 8).number_format == "0.0%"
        assert f"A{ws.max_row - 1}:B{ws.max_row - 1}" in merges(ws)
    finally:
        led.close()


def test_one_community(states: Ledger, tmp_path: Path) -> None:
    wb = export(states, tmp_path, community="南郊别墅")
    ws = wb["整改台账"]
    assert ws["A2"].value == "填报单位：南郊别墅    截至 2025年11月20日"
    assert {ws.cell(r, COL["community"]).value for r in range(FIRST, ws.max_row + 1)} == {"南郊别墅"}
    assert ws.max_row - 3 == 3
    assert ws["B4"].value == "一、关于党建引领方面的整改" and ws["B6"].value == "二、关于廉政建设方面的整改"
    assert [r[1] for r in summary_rows(wb["汇总"])] == ["南郊别墅"]
    with pytest.raises(LedgerError) as info:
        export_ledger(states, tmp_path / "x.xlsx", community="不存在居民区")
    assert info.value.code == "no_such_community"


@pytest.mark.parametrize(
    "flt",
    [
        TaskFilter(due="overdue"),
        TaskFilter(text="巡查"),
        TaskFilter(statuses=frozenset({"closed", "in_review"})),
        TaskFilter(sort="deadline", descending=True),
    ],
)
def test_filtered_export_has_the_rows_the_table_shows(
    states: Ledger, tmp_path: Path, flt: TaskFilter
) -> None:
    shown = states.store.task_rows(states.task_rowids(flt))
    wb = export(states, tmp_path, task_filter=flt)
    ws = wb["整改台账"]
    owners = [ws.cell(r, COL["owner"]).value for r in range(FIRST, ws.max_row + 1)]
    assert sorted(owners) == sorted(r[11] for r in shown.values())
    assert sum(r[2] for r in summary_rows(wb["汇总"])) == len(shown)


def test_today_argument(states: Ledger, tmp_path: Path) -> None:
    ws = export(states, tmp_path, today=dt.date(2025, 12, 1))["整改台账"]
    assert ws["A2"].value.endswith("截至 2025年12月1日")
    assert ws.cell(rows_by_owner(ws)["钱二"], COL["status"]).value == "未启动\n（逾期4天）"


# ---- extra sheets ----------------------------------------------------------------------------------------------------
def test_per_community_sheets(states: Ledger, tmp_path: Path) -> None:
    wb = export(states, tmp_path, per_community_sheets=True)
    assert wb.sheetnames == ["汇总", "整改台账", "南郊别墅", "鑫峰苑"]
    for name in ("南郊别墅", "鑫峰苑"):
        ws = wb[name]
        assert ws["A1"].value == f"{ORG}巡察整改台账"
        assert ws["A2"].value.startswith(f"填报单位：{name}")
        assert [c.value for c in ws[3]] == HEADERS
        assert {ws.cell(r, COL["community"]).value for r in range(FIRST, ws.max_row + 1)} == {name}
        assert [ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)] == [1, 2, 3]
        assert {"B4:B5", "A1:O1"} <= merges(ws)
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"


def test_three_lists(states: Ledger, tmp_path: Path) -> None:
    wb = export(states, tmp_path, three_lists=True)
    assert wb.sheetnames == ["汇总", "整改台账", "问题清单", "任务清单", "责任清单"]

    problems = wb["问题清单"]
    assert problems["A1"].value == f"{ORG}巡察整改问题清单"
    rows = list(problems.iter_rows(min_row=FIRST, max_row=FIRST + 2, values_only=True))
    assert [r[2] for r in rows] == [
        "（一）针对治理效能不足的问题",
        "（二）针对安全隐患的问题",
        "（一）针对补贴审核不严的问题",
    ]
    assert [r[4] for r in rows] == [2, 2, 2]  # tasks per problem
    assert [r[5] for r in rows] == [0, 0, 1]  # signed off
    assert [r[8] for r in rows] == [1, 1, 0]  # overdue
    assert "B4:B5" in merges(problems)

    tasks = wb["任务清单"]
    assert tasks.max_row - 3 == 6
    assert [c.value for c in tasks[3]] == [
        "序号",
        "问题编号",
        "整改措施",
        "整改类型",
        "责任单位",
        "责任领导",
        "责任人",
        "整改时限",
        "完成情况",
    ]
    # one short cell points at the 问题清单 (repeated on every row: a list to filter, nothing merged)
    assert [tasks.cell(r, 2).value for r in range(FIRST, FIRST + 6)] == [
        "一（一）",
        "一（一）",
        "一（二）",
        "一（二）",
        "二（一）",
        "二（一）",
    ]
    assert merges(tasks) == {"A1:I1", "A2:I2"}
    assert tasks.cell(FIRST, 9).fill.fill_type == "solid"

    people = wb["责任清单"]
    rows = list(people.iter_rows(min_row=FIRST, values_only=True))
    assert rows[0][1] == "郑领导"
    assert [r[2] for r in rows[:-1]] == ["赵一", "钱二", "孙三", "李四", "周五", "吴六"]
    assert all(r[4] == 1 for r in rows[:-1])
    assert rows[-1][0] == "合计" and rows[-1][4] == 6
    assert f"B4:B{FIRST + 5}" in merges(people)


# ---- robustness ------------------------------------------------------------------------------------------------------
def test_cancel_leaves_no_file_and_no_temp_file(tmp_path: Path) -> None:
    led = generate(tmp_path / "g.db", tasks=1600, communities=5, clock=FixedClock())
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "台账.xlsx"
    target.write_bytes(b"the previous export")
    calls: list[tuple[int, int]] = []
    try:
        with pytest.raises(ExportCancelled):
            export_ledger(
                led,
                target,
                per_community_sheets=True,
                three_lists=True,
                progress=lambda done, total: calls.append((done, total)),
                cancel=lambda: len(calls) >= 2,
            )
    finally:
        led.close()
    assert sorted(p.name for p in out_dir.iterdir()) == ["台账.xlsx"]
    assert target.read_bytes() == b"the previous export"
    # the temporary row files: test_xlsx_book.test_no_temporary_row_file_is_left


def test_cancel_at_the_very_end_also_leaves_nothing(filled: Ledger, tmp_path: Path) -> None:
    checks = iter([False] * 3 + [True] * 10)  # rows, before saving … then cancelled after the save
    with pytest.raises(ExportCancelled):
        export_ledger(filled, tmp_path / "台账.xlsx", cancel=lambda: next(checks))
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx" or p.name.startswith(".~")] == []


def test_an_error_midway_leaves_nothing_either(filled: Ledger, tmp_path: Path) -> None:
    def broken(done: int, total: int) -> None:
        if done:
            raise RuntimeError("the progress dialog went away")

    with pytest.raises(RuntimeError):
        export_ledger(filled, tmp_path / "台账.xlsx", three_lists=True, progress=broken)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx" or p.name.startswith(".~")] == []


def test_progress_runs_to_the_total(tmp_path: Path) -> None:
    led = generate(tmp_path / "g.db", tasks=1200, communities=4, clock=FixedClock())
    calls: list[tuple[int, int]] = []
    try:
        export_ledger(
            led,
            tmp_path / "x.xlsx",
            per_community_sheets=True,
            progress=lambda done, total: calls.append((done, total)),
        )
    finally:
        led.close()
    assert calls[0] == (0, 2400) and calls[-1] == (2400, 2400)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    assert len(calls) > 4


def test_export_replaces_an_existing_file(filled: Ledger, tmp_path: Path) -> None:
    (tmp_path / "台账.xlsx").write_bytes(b"old")
    export(filled, tmp_path)
    export(filled, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".xlsx")] == ["台账.xlsx"]


def test_text_stays_text(filled: Ledger, tmp_path: Path) -> None:
    tid = task_ids(filled)["赵一"]
    filled.update_progress(tid, '=HYPERLINK("http://example.com")')
    filled.update_task(tid, measure="强化宣传\x0b培训")  # a vertical tab pasted from a Word table
    ws = export(filled, tmp_path)["整改台账"]
    r = rows_by_owner(ws)["赵一"]
    assert ws.cell(r, COL["progress"]).value == '=HYPERLINK("http://example.com")'
    assert ws.cell(r, COL["progress"]).data_type == "s"
    assert ws.cell(r, COL["measure"]).value == "强化宣传\n培训"  # Word's manual line break is a line break


def test_board_scheme_setting_changes_the_fills(states: Ledger, tmp_path: Path) -> None:
    states.set_setting("board_scheme", {"overdue": "#123456", "closed": "not a colour"})
    ws = export(states, tmp_path)["整改台账"]
    row = rows_by_owner(ws)
    assert ws.cell(row["赵一"], COL["status"]).fill.fgColor.rgb[-6:] == "123456"
    assert ws.cell(row["赵一"], COL["status"]).font.color.rgb[-6:] == "FFFFFF"  # white reads better on it
    assert ws.cell(row["周五"], COL["status"]).fill.fgColor.rgb[-6:] == DEFAULT_SCHEME[Health.CLOSED]
    assert ws.cell(row["周五"], COL["status"]).font.color.rgb[-6:] == "000000"


def test_board_scheme_in_the_boards_own_form(states: Ledger, tmp_path: Path) -> None:
    """The wall chart stores {"name", "colors", "bands", "band_colors", …}; 临期 is its nearest band."""
    states.set_setting(
        "board_scheme",
        {
            "name": "自定义",
            "colors": {"overdue": "#3A3A3A", "empty": "#F7F7F7"},
            "bands": [20, 10],
            "band_colors": ["#5C9BE6", "#ABCDEF"],
        },
    )
    ws = export(states, tmp_path)["整改台账"]
    row = rows_by_owner(ws)
    assert ws.cell(row["赵一"], COL["status"]).fill.fgColor.rgb[-6:] == "3A3A3A"
    assert ws.cell(row["钱二"], COL["status"]).fill.fgColor.rgb[-6:] == "ABCDEF"
    assert ws.cell(row["孙三"], COL["status"]).fill.fgColor.rgb[-6:] == DEFAULT_SCHEME[Health.NORMAL]


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"paper": "B5"}, "bad_value"),
        ({"out": "台账.csv"}, "bad_value"),
        ({"out": "没有的文件夹/台账.xlsx"}, "bad_value"),
    ],
)
def test_bad_arguments(filled: Ledger, tmp_path: Path, kw: dict[str, str], code: str) -> None:
    out = tmp_path / kw.pop("out", "台账.xlsx")
    with pytest.raises(LedgerError) as info:
        export_ledger(filled, out, **kw)
    assert info.value.code == code
    assert not list(tmp_path.glob("*.xlsx"))


def test_empty_ledger(ledger: Ledger, tmp_path: Path) -> None:
    wb = export(ledger, tmp_path, three_lists=True, per_community_sheets=True)
    ws = wb["整改台账"]
    assert ws.max_row == 3 and ws.auto_filter.ref == "A3:O3"


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (35, "三十五"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("（三）关于党建方面的整改", "关于党建方面的整改"),
        ("二、关于廉政建设", "关于廉政建设"),
        ("1. 针对问题", "针对问题"),
        ("2025年的问题", "2025年的问题"),
        ("关于党建", "关于党建"),
    ],
)
def test_strip_numbering(title: str, clean: str) -> None:
    assert strip_numbering(title) == clean


def test_excel_modules_import_no_qt() -> None:
    code = (
        "import ledger.office.ledger_xlsx, ledger.office.xlsx_layout, ledger.office.xlsx_rows, ledger.office.xlsx_sheets, sys; "
        "assert not any(m.startswith(('PySide6', 'shiboken')) for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[3])


def test_default_fills_are_the_wall_charts_default_scheme() -> None:
    board = pytest.importorskip("ledger.board.scheme")
    colours = {h: board.DEFAULT.colors[h.value].lstrip("#").upper() for h in Health if h != Health.DUE_SOON}
    colours[Health.DUE_SOON] = board.DEFAULT.band_colors[-1].lstrip("#").upper()
    assert colours == DEFAULT_SCHEME


def test_on_time_column_says_whether_the_original_deadline_was_kept(tmp_path, filled, clock):
    """A task signed off after its original deadline says so, even when an extension moved the deadline."""
    from openpyxl import load_workbook

    from ledger import signoff
    from ledger.core import Action, Operator, Role
    from ledger.office import ledger_xlsx as excel

    task = next(t for t in filled.tasks_json() if t["owner"] == "孙三")  # deadline 2025-12-31
    tid = task["id"]
    filled.operator = Operator("王书记", Role.SECRETARY)
    ext = signoff.request_extension(filled, tid, "2026-02-28", "冬季施工困难")
    filled.operator = Operator("郑领导", Role.LEADER)
    signoff.decide_extension(filled, ext, True)
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    clock.advance(days=60)  # 2026-01-19: after the original deadline, before the extended one
    for name, role in (("甲", Role.WORK_TEAM), ("乙", Role.LEADER), ("丙", Role.LEADER)):
        filled.operator = Operator(name, role)
        filled.act(tid, Action.APPROVE, grade="好", exception="纸质材料已核")
    filled.operator = Operator("甲", Role.WORK_TEAM)
    excel.save_template(
        filled, "按期", ["seq", "measure", "owner", "deadline", "original_deadline", "on_time"]
    )
    out = excel.export_ledger(filled, tmp_path / "按期.xlsx", template="按期").path
    ws = load_workbook(out)["整改台账"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(r for r in rows if r and r[0] == "序号")
    row = next(r for r in rows if "孙三" in r)
    assert row[header.index("按原定时限完成")] == "否（原定2025年12月31日）"
    others = [r for r in rows if r and isinstance(r[0], int) and "孙三" not in r]
    assert all(r[header.index("按原定时限完成")] in (None, "") for r in others)


def test_export_from_the_command_line(filled: Ledger, tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    from ledger.cli.main import main

    db = str(filled.path)
    filled.close()
    out = tmp_path / "台账.xlsx"
    assert main(["export", db, str(out), "--community", "鑫峰苑", "--today", "2025-11-20"]) == 0
    assert "已导出整改台账" in capsys.readouterr().out
    ws = load_workbook(out)["整改台账"]
    values = [str(c.value or "") for row in ws.iter_rows() for c in row]
    assert any("鑫峰苑" in v for v in values) and not any("南郊别墅" == v for v in values)
    assert main(["export", db, str(tmp_path / "x.xlsx"), "--template", "没有的模板"]) == 1
    assert "没有的模板" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["郑领导"], 8),  # the template's width when the names are short
        (["Zhang San", "欧阳明"], 11),  # ASCII counts one unit, CJK two: the longest (9) plus 2
        (["欧阳明明", "Alexander Hamilton"], 16),  # never wider than MAX_NAME_WIDTH
        (["李"], 8),
    ],
)
def test_name_columns_fit_their_longest_live_name(ledger: Ledger, names: list[str], expected: float) -> None:
    """fit_names counts text_units in SQL: the same widths as counting each distinct name in Python."""
    from ledger.office.xlsx_layout import text_units
    from ledger.office.xlsx_sheets import Column

    com = ledger.add_community("南郊别墅")
    prob = ledger.add_problem(ledger.add_category("关于党建引领方面的整改"), "针对治理效能不足的问题")
    for name in names:
        ledger.add_task(prob, com, "措施", leader=name, owner=name)
    ledger.add_task(prob, com, "措施", owner=names[0])  # no leader: an empty name counts nothing
    gone = ledger.add_task(prob, com, "已删除", leader="很长很长很长的名字", owner="很长很长很长的名字")
    ledger.delete_task(gone)
    fitted = excel.fit_names(ledger, [Column("leader", "责任领导", 8), Column("owner", "责任人", 8)])
    by_python = max(8, min(excel.MAX_NAME_WIDTH, max(text_units(n) for n in names) + 2))
    assert [c.width for c in fitted] == [expected, expected] == [by_python, by_python]
