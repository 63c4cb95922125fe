"""台账 export to .xlsx: the grouped ledger a superior prints as it is, its templates and its lists.

Design choices (see also the module docstrings of ``xlsx_book``, ``xlsx_layout``, ``xlsx_rows`` and ``xlsx_sheets``):

* The workbook is written with xlsxwriter in constant-memory mode (``xlsx_book``): about twice openpyxl's
  speed on the same workbook, and rows stream to per-sheet temporary files, so one code path serves 10 and
  100,000 tasks in flat memory. The cost: rows must be written in order, so the 问题类别/反馈问题 cells are
  merged over groups that are contiguous, which is why an export always lists the selected rows in the
  ledger's natural order (category → problem → community), whatever column the table on screen is sorted by.
  openpyxl is not even imported: it stays for reading (the importer, the tests) and the smaller writers.
* Rows are read from SQL in pages of 500 (``storage.task_stream.task_pages``: one ordered query when the export is
  the whole ledger, lookups by rowid otherwise); reviews, evidence and indicators are queried per page, only when
  the template shows them and their table holds any.
* Nothing half-written is ever left: the row files live in a private temporary folder removed at the end, the
  workbook is saved to a hidden temporary file in the target folder and moved over the target with
  ``os.replace``; a cancel or an error removes both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError
from ledger.storage import ExportCancelled, TaskFilter, replace_atomically

if TYPE_CHECKING:
    from ledger.office.xlsx_sheets import Column
    from ledger.service import Ledger

log = logging.getLogger(__name__)

__all__ = [
    "BUILTIN_TEMPLATE",
    "COLUMNS",
    "DEFAULT_COLUMNS",
    "DEFAULT_WIDTHS",
    "ExportResult",
    "default_template",
    "default_template_name",
    "delete_template",
    "export_ledger",
    "save_template",
    "set_default_template",
    "templates",
]

# ---- columns and templates ---------------------------------------------------------------------------------------
COLUMNS: dict[str, str] = {
    "seq": "序号",
    "category": "问题类别",
    "problem": "反馈问题",
    "problem_no": "问题编号",
    "measure": "整改措施",
    "detail": "措施说明",
    "community": "责任单位",
    "department": "责任部门",
    "leader": "责任领导",
    "owner": "责任人",
    "deadline": "整改时限",
    "original_deadline": "原定时限",
    "kind": "整改类型",
    "progress": "整改进展",
    "indicators": "量化指标",
    "status": "完成情况",
    "closed_at": "销号时间",
    "on_time": "按原定时限完成",
    "reviewers": "审核人",
    "evidence": "佐证材料",
    "remark": "备注",
    "updated_at": "更新时间",
}
"""Every column a template may use: key → default header."""

DEFAULT_WIDTHS: dict[str, float] = {
    "seq": 5,
    "category": 10,
    "problem": 18,
    "problem_no": 9,
    "measure": 24,
    "detail": 28,
    "community": 11,
    "department": 12,
    "leader": 8,
    "owner": 8,
    "deadline": 14,
    "original_deadline": 14,
    "kind": 9,
    "progress": 26,
    "indicators": 18,
    "status": 12,
    "closed_at": 14,
    "on_time": 12,
    "reviewers": 10,
    "evidence": 12,
    "remark": 12,
    "updated_at": 16,
}
"""Default widths in characters (one CJK character takes two)."""

DEFAULT_COLUMNS: tuple[str, ...] = (
    "seq",
    "category",
    "problem",
    "measure",
    "community",
    "leader",
    "owner",
    "deadline",
    "kind",
    "progress",
    "status",
    "closed_at",
    "reviewers",
    "evidence",
    "remark",
)
BUILTIN_TEMPLATE = "标准台账"
TEMPLATES_SETTING = "excel_templates"
DEFAULT_SETTING = "excel_template_default"
TEMPLATE_FIELD = "台账模板"
MIN_WIDTH, MAX_WIDTH = 2, 100


def default_template() -> list[dict[str, Any]]:
    """The built-in template, as stored in the setting: [{"key", "title", "width"}, …]."""
    return [{"key": k, "title": COLUMNS[k], "width": DEFAULT_WIDTHS[k]} for k in DEFAULT_COLUMNS]


def _bad(detail: str) -> LedgerError:
    return LedgerError("bad_setting", key=TEMPLATE_FIELD, detail=detail)


def _normalise(name: str, columns: Any) -> list[dict[str, Any]]:
    """Check a template's columns; a sentence saying what is wrong otherwise (bad_setting)."""
    if isinstance(columns, str | bytes) or not isinstance(columns, Sequence) or not columns:
        raise _bad(f"模板“{name}”至少要有一列。")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, col in enumerate(columns, start=1):
        if isinstance(col, str):
            col = {"key": col}
        elif dataclasses.is_dataclass(col) and not isinstance(col, type):
            col = dataclasses.asdict(col)
        if not isinstance(col, dict) or not isinstance(col.get("key"), str):
            raise _bad(f"模板“{name}”的第 {n} 列没有指明是哪一列（key）。")
        key = col["key"]
        if key not in COLUMNS:
            known = "、".join(f"{k}（{t}）" for k, t in COLUMNS.items())
            raise _bad(f"模板“{name}”的第 {n} 列“{key}”不是可用的列。可用的列有：{known}。")
        if key in seen:
            raise _bad(f"模板“{name}”中“{COLUMNS[key]}”列出现了两次，每列只能用一次。")
        seen.add(key)
        title = col.get("title")
        if title is None:
            title = COLUMNS[key]
        if not isinstance(title, str) or not title.strip():
            raise _bad(f"模板“{name}”的第 {n} 列（{COLUMNS[key]}）表头不能为空。")
        width = col.get("width")
        if width is None:
            width = DEFAULT_WIDTHS[key]
        if (
            isinstance(width, bool)
            or not isinstance(width, int | float)
            or not MIN_WIDTH <= width <= MAX_WIDTH
        ):
            raise _bad(
                f"模板“{name}”的第 {n} 列（{title.strip()}）宽度“{width}”无效，"
                f"请填 {MIN_WIDTH} 到 {MAX_WIDTH} 之间的数字（单位：字符，一个汉字占 2）。"
            )
        out.append({"key": key, "title": title.strip(), "width": width})
    return out


def _stored(ledger: Ledger) -> dict[str, Any]:
    value = ledger.setting(TEMPLATES_SETTING, {})
    return dict(value) if isinstance(value, dict) else {}


def templates(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Every template by name: the built-in 标准台账 first, then those saved in the ledger (as stored)."""
    out: dict[str, list[dict[str, Any]]] = {BUILTIN_TEMPLATE: default_template()}
    for name, columns in _stored(ledger).items():
        if name != BUILTIN_TEMPLATE and isinstance(columns, list):
            out[name] = columns
    return out


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise _bad("模板名称不能为空。")
    clean = str(name).strip()
    if len(clean) > 40:
        raise _bad(f"模板名称“{clean}”太长，请不超过 40 个字。")
    if clean == BUILTIN_TEMPLATE:
        raise _bad(f"“{BUILTIN_TEMPLATE}”是内置模板，不能修改或删除。请换一个名称保存。")
    return clean


def save_template(
    ledger: Ledger, name: str, columns: Sequence[Any], *, make_default: bool = False
) -> list[dict[str, Any]]:
    """Save (or replace) a template in the ledger; columns are keys or {"key", "title", "width"} dicts.

    Returns the columns as stored. The ledger is untouched when they are invalid."""
    name = _check_name(name)
    cleaned = _normalise(name, columns)
    stored = _stored(ledger)
    stored[name] = cleaned
    ledger.set_setting(TEMPLATES_SETTING, stored)
    if make_default:
        ledger.set_setting(DEFAULT_SETTING, name)
    return cleaned


def _unknown(ledger: Ledger, name: str) -> LedgerError:
    known = "、".join(templates(ledger))
    return LedgerError(
        "bad_value",
        field=TEMPLATE_FIELD,
        value=name,
        detail=f"台账中没有这个模板。现有的模板是：{known}。请从中选择，或先保存该模板。",
    )


def delete_template(ledger: Ledger, name: str) -> None:
    """Remove a saved template; if it was the default, the built-in one becomes the default."""
    name = _check_name(name)
    stored = _stored(ledger)
    if name not in stored:
        raise _unknown(ledger, name)
    del stored[name]
    ledger.set_setting(TEMPLATES_SETTING, stored)
    if ledger.setting(DEFAULT_SETTING) == name:
        ledger.set_setting(DEFAULT_SETTING, BUILTIN_TEMPLATE)


def default_template_name(ledger: Ledger) -> str:
    """The template an export uses when none is named (the built-in one if the setting is unset or stale)."""
    name = ledger.setting(DEFAULT_SETTING)
    return name if isinstance(name, str) and name in templates(ledger) else BUILTIN_TEMPLATE


def set_default_template(ledger: Ledger, name: str) -> None:
    if name not in templates(ledger):
        raise _unknown(ledger, name)
    ledger.set_setting(DEFAULT_SETTING, name)


def resolve_template(ledger: Ledger, name: str | None) -> tuple[str, list[Column]]:
    """(name, [Column]) for ``name`` or the ledger's default; a stored template is re-checked before use."""
    from ledger.office.xlsx_sheets import Column  # noqa: F811 - the runtime import (openpyxl loads only on use)

    if name is None:
        name = default_template_name(ledger)
    found = templates(ledger).get(name)
    if found is None:
        raise _unknown(ledger, name)
    return name, [Column(c["key"], c["title"], float(c["width"])) for c in _normalise(name, found)]


# ---- the export ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    path: Path
    tasks: int  # rows in the 整改台账 sheet
    sheets: tuple[str, ...]
    template: str
    seconds: float
    paper: str = "A4"  # the 整改台账 sheet's paper (A3 when A4 would print under 9 pt)
    notes: tuple[str, ...] = ()  # what the user should know about the print (paper changed, columns hidden)


# Columns a print may leave out (hidden, not deleted) when even A3 would print under 9 pt, first to go first.
OPTIONAL_COLUMNS = (
    "reviewers",
    "evidence",
    "remark",
    "updated_at",
    "on_time",
    "closed_at",
    "original_deadline",
    "kind",
    "problem_no",
    "department",
    "indicators",
    "detail",
)
NAME_COLUMNS = ("leader", "owner")
MAX_NAME_WIDTH = 16


def fit_names(ledger: Ledger, columns: list[Column]) -> list[Column]:
    """责任领导 and 责任人 as wide as their longest name (up to MAX_NAME_WIDTH), so names do not wrap."""
    out = []
    for c in columns:
        if c.key in NAME_COLUMNS:
            # the longest name's xlsx_layout.text_units, (UTF-8 bytes + characters) // 2, counted by SQLite over
            # the distinct names (read from the column's partial index, without the table)
            (longest,) = ledger.store.conn.execute(
                "SELECT coalesce(max((length(CAST(n AS BLOB)) + length(n)) / 2), 0) FROM "
                f"(SELECT DISTINCT {c.key} AS n FROM task WHERE deleted_at IS NULL)"  # noqa: S608 - a fixed column
            ).fetchone()
            c = dataclasses.replace(c, width=max(c.width, min(MAX_NAME_WIDTH, longest + 2)))
        out.append(c)
    return out


def print_plan(columns: list[Column], paper: str) -> tuple[str, frozenset[str], tuple[str, ...]]:
    """(paper, hidden column keys, notes): A3 when A4 would print under 9 pt; then optional columns hidden
    until the print is readable."""
    from ledger.office.xlsx_layout import MIN_PRINT_PT, fitting_paper, printed_size

    chosen = fitting_paper([c.width for c in columns], paper)
    notes = []
    if chosen != paper:
        notes.append(f"整改台账改用 {chosen} 纸横向打印（{paper} 纸上字号将小于 9 磅）。")
    hidden: list[str] = []
    for key in OPTIONAL_COLUMNS:
        shown = [c.width for c in columns if c.key not in hidden]
        if printed_size(shown, chosen) >= MIN_PRINT_PT:
            break
        if any(c.key == key for c in columns):
            hidden.append(key)
    if hidden:
        titles = "、".join(c.title for c in columns if c.key in hidden)
        notes.append(
            f"为使打印字号不小于 9 磅，这些列已隐藏（不打印；在 Excel 或 WPS 中取消隐藏即可查看）：{titles}。"
        )
    return chosen, frozenset(hidden), tuple(notes)


Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
PAPERS = ("A4", "A3")
MAIN_SHEET = "整改台账"


def _constrains(flt: TaskFilter) -> bool:
    return any(
        (
            flt.community_ids is not None,
            flt.statuses is not None,
            flt.due,
            flt.text.strip(),
            flt.task_ids is not None,
        )
    )


def _target(out_path: str | Path) -> Path:
    out = Path(out_path)
    if out.suffix == "":
        out = out.with_suffix(".xlsx")
    if out.suffix.lower() != ".xlsx":
        raise LedgerError(
            "bad_value",
            field="导出文件名",
            value=out.name,
            detail="台账只能保存为 .xlsx 文件，请把文件名改为以 .xlsx 结尾。",
        )
    if not out.parent.is_dir():
        raise LedgerError(
            "bad_value",
            field="导出位置",
            value=str(out.parent),
            detail="这个文件夹不存在，请选择一个已有的文件夹。",
        )
    if out.is_dir():
        raise LedgerError(
            "bad_value", field="导出文件名", value=str(out), detail="这是一个文件夹，请输入文件名。"
        )
    return out


def export_ledger(
    ledger: Ledger,
    out_path: str | Path,
    *,
    task_filter: TaskFilter | None = None,
    community: str | None = None,
    template: str | None = None,
    today: dt.date | None = None,
    paper: str = "A4",
    per_community_sheets: bool = False,
    three_lists: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the 整改台账 workbook: 汇总 first, then 整改台账, optionally the 三张清单 and one sheet per community.

    ``task_filter`` selects the rows the table shows (exported in the ledger's natural order), ``community``
    one community by name. ``progress(done, total)`` is called after each page of rows; when ``cancel()``
    returns True the export stops, removes its temporary file and raises ExportCancelled."""
    import gc
    import tempfile

    from ledger.office.xlsx_book import Book, BookSheet
    from ledger.office.xlsx_layout import chinese_date, scheme, sheet_title
    from ledger.office.xlsx_rows import NEEDS, Numbering, iter_items
    from ledger.office.xlsx_sheets import (
        HEADER_ROW,
        PEOPLE_COLUMNS,
        PROBLEM_COLUMNS,
        SUMMARY_COLUMNS,
        Column,
        Counts,
        Heading,
        LedgerSheet,
        Tally,
        write_people_list,
        write_problem_list,
        write_summary,
    )

    started = time.perf_counter()
    if paper not in PAPERS:
        raise LedgerError("bad_value", field="纸张", value=paper, detail="只能是 A4 或 A3。")
    out = _target(out_path)
    template_name, columns = resolve_template(ledger, template)
    columns = fit_names(ledger, columns)
    ledger_paper, hidden, notes = print_plan(columns, paper)

    flt = dataclasses.replace(task_filter or TaskFilter(), sort="order", descending=False)
    filtered = community is not None or _constrains(flt)
    unit = ledger.org_name
    if community is not None:
        cid = ledger.community_id(community)
        unit = community.strip()
        flt.community_ids = frozenset({cid}) if flt.community_ids is None else flt.community_ids & {cid}
    day = today or ledger.today()
    soon_days = ledger.due_soon_days
    if today is None:
        rowids = ledger.task_rowids(flt)
    else:
        days = flt.due_soon_days if flt.due_soon_days is not None else soon_days
        rowids = ledger.store.task_rowids(flt, day.isoformat(), (day + dt.timedelta(days=days)).isoformat())

    def heading(title: str, name: str) -> Heading:
        return Heading(f"{ledger.org_name}{title}", f"填报单位：{name}    截至 {chinese_date(day)}")

    total = len(rowids) * (2 if per_community_sheets else 1)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total)

    def check() -> None:
        if cancel is not None and cancel():
            raise ExportCancelled()

    numbering = Numbering(ledger)
    needs = {NEEDS[c.key] for c in columns if c.key in NEEDS}
    rows_dir = tempfile.TemporaryDirectory(prefix="台账导出-", ignore_cleanup_errors=True)
    wb = Book(scheme(ledger.setting("board_scheme")), tmpdir=rows_dir.name)
    # The rows make no reference cycles (refcounting frees them), but their millions of short-lived objects
    # would trigger full cyclic collections over everything the program holds: about a quarter of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:  # from here on every failure and a cancel clean up the temporary files
        taken: set[str] = set()
        summary = wb.sheet(
            sheet_title("汇总", taken),
            [c.width for c in SUMMARY_COLUMNS],
            paper=paper,
            header_row=HEADER_ROW,
        )
        main = LedgerSheet(
            wb,
            sheet_title(MAIN_SHEET, taken),
            columns,
            heading("巡察整改台账", unit),
            paper=ledger_paper,
            hidden=hidden,
        )
        lists: tuple[BookSheet, LedgerSheet, BookSheet] | None = None
        if three_lists:
            task_columns = [
                Column(k, COLUMNS[k], DEFAULT_WIDTHS[k])
                for k in (
                    "seq",
                    "problem_no",
                    "measure",
                    "kind",
                    "community",
                    "leader",
                    "owner",
                    "deadline",
                    "status",
                )
            ]
            lists = (
                wb.sheet(
                    sheet_title("问题清单", taken),
                    [c.width for c in PROBLEM_COLUMNS],
                    paper=paper,
                    header_row=HEADER_ROW,
                ),
                LedgerSheet(
                    wb,
                    sheet_title("任务清单", taken),
                    task_columns,
                    heading("巡察整改任务清单", unit),
                    paper=paper,
                    merge=False,
                ),
                wb.sheet(
                    sheet_title("责任清单", taken),
                    [c.width for c in PEOPLE_COLUMNS],
                    paper=paper,
                    header_row=HEADER_ROW,
                ),
            )
        tally = Tally(lists=three_lists, keep_rowids=per_community_sheets)
        if progress is not None:
            progress(0, total)
        for items in iter_items(
            ledger, rowids, today=day, due_soon_days=soon_days, needs=needs, numbering=numbering
        ):
            check()
            for item in items:
                main.add(item)
                tally.add(item)
                if lists is not None:
                    lists[1].add(item)
            step(len(items))
        check()
        count = main.close()

        community_rows = ledger.communities()
        order = {c["id"]: i for i, c in enumerate(community_rows)}
        if filtered:
            present = sorted(tally.communities, key=lambda c: order.get(c, len(order)))
            summary_rows = [(tally.names[c], tally.communities[c]) for c in present]
        else:
            summary_rows = [(c["name"], tally.communities.get(c["id"], Counts())) for c in community_rows]
        write_summary(summary, heading("巡察整改情况汇总表", unit), summary_rows)

        if lists is not None:
            groups = []
            for cat in ledger.categories():
                probs = []
                for p in ledger.problems(cat["id"]):
                    counts = tally.problems.get(p["id"])
                    if counts is None and filtered:
                        continue
                    probs.append((numbering.problem(p["id"], p["title"]), p["detail"], counts or Counts()))
                if probs:
                    groups.append((numbering.category(cat["id"], cat["title"]), probs))
            write_problem_list(lists[0], heading("巡察整改问题清单", unit), groups)
            lists[1].close()
            write_people_list(lists[2], heading("巡察整改责任清单", unit), tally.people)

        if per_community_sheets:
            for cid in sorted(tally.rowids, key=lambda c: order.get(c, len(order))):
                name = tally.names[cid]
                sheet = LedgerSheet(
                    wb,
                    sheet_title(name, taken),
                    columns,
                    heading("巡察整改台账", name),
                    paper=ledger_paper,
                    hidden=hidden,
                )
                for items in iter_items(
                    ledger,
                    tally.rowids[cid],
                    today=day,
                    due_soon_days=soon_days,
                    needs=needs,
                    numbering=numbering,
                ):
                    check()
                    for item in items:
                        sheet.add(item)
                    step(len(items))
                sheet.close()
        check()

        def save(tmp: Path) -> None:
            wb.save(tmp)
            check()  # a cancel during the save: the hidden file goes, the target stays as it was

        replace_atomically(out, save)
    except BaseException:
        wb.discard()
        raise
    finally:
        if collecting:
            gc.enable()
        rows_dir.cleanup()
    if progress is not None:
        progress(total, total)
    seconds = time.perf_counter() - started
    log.info("exported %d tasks to %s in %.1f s", count, out, seconds)
    return ExportResult(out, count, tuple(wb.sheetnames), template_name, seconds, ledger_paper, notes)
