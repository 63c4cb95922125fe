"""填报表: a protected Excel form for one community, filled by its secretary and imported back.

Export (``export_fill_form``): sheet "填报表", one row per task of the community. Column A (hidden) holds the
task id, B (hidden) a checksum and C (hidden) the exported values as JSON; the visible cells are 序号 …
整改进展, one 名称/完成值 pair per indicator slot, 申请销号 (drop-down 是/否) and 销号说明. Only 整改进展, the
完成值 cells, 申请销号 and 销号说明 are unlocked; the sheet is protected without a password. A hidden sheet
"_meta" names the ledger, the community, the export time and the format version.

Import (``preview_fill_form`` / ``apply_fill_form``): rows are matched by the hidden id, so sorting is fine.
For each editable value: the same as exported → ignored; the ledger already holds it → ignored; the ledger
still holds the exported value → applied; otherwise (both sides changed) → conflict, settled by ``decisions``
or left. An altered or unknown id, an edited locked cell (the checksum or the exported values disagree), a
number that is not a number → refused, named by row and column. Apply writes nothing while refusals remain
unless ``accept_refused``; then it takes a backup and runs everything in ONE transaction through the
Ledger's commands, as the community's secretary, with origin ``填报表:<file name>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ledger.core import Action, LedgerError, Operator, Role, Status
from ledger.office.cell_values import put
from ledger.office.xlsx_layout import fitting_paper, print_setup, row_height, text_units
from ledger.service.backups import before_bulk_change
from ledger.service.commands import Ledger
from ledger.storage.files import replace_atomically
from ledger.storage.office_files import check_office_file, office_errors

FORMAT = "fill-form/1"
SHEET = "填报表"
META = "_meta"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
YES, NO = "是", "否"
# Visible columns before the indicator slots: (header, key, width, editable)
FIXED = [
    ("序号", "no", 4, False),
    ("反馈问题", "problem", 14, False),
    ("整改措施", "measure", 18, False),
    ("责任人", "owner", 8, False),  # widened to the longest name of the form
    ("整改时限", "deadline", 11, False),
    ("当前状态", "status", 8, False),
    ("整改进展（请填写）", "progress", 24, True),
]
TAIL = [("申请销号（是/否）", "submit", 7, True), ("销号说明", "note", 14, True)]
LOCKED_KEYS = ("no", "problem", "measure", "owner", "deadline", "status")

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_EDIT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="center")
_UNLOCKED = Protection(locked=False)
LINE_PT = 14.5  # one line of 11 pt 仿宋 (LibreOffice and Excel lay it out at 14–15 pt)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


# ---- reading any .xlsx safely --------------------------------------------------------------------------------
def open_workbook(path: str | Path, *, read_only: bool = False) -> Any:
    """Load ``path`` with openpyxl, or a LedgerError with a sentence: not found, an old .xls, encrypted, damaged,
    a zip bomb (``ledger.storage.office_files``) — each before openpyxl runs, or from what it raised."""
    path = Path(path)
    check_office_file(path, "xlsx")
    with office_errors(path, "xlsx"):
        try:
            return load_workbook(path, read_only=read_only)
        except InvalidFileException as exc:
            raise LedgerError("excel_not_xlsx", path=path.name, detail=type(exc).__name__) from None


def sheet_is_empty(ws: Any) -> bool:
    return all(c.value in (None, "") for row in ws.iter_rows() for c in row)


def is_fill_form(wb: Any) -> bool:
    return META in wb.sheetnames


def is_fill_form_file(path: str | Path) -> bool:
    """Is ``path`` a 填报表 this program exported? Read for its sheet names only (a 10,000-row workbook takes
    seconds to parse in full); a file that is no workbook is refused with its sentence as by ``open_workbook``."""
    wb = open_workbook(path, read_only=True)
    try:
        return is_fill_form(wb)
    finally:
        wb.close()


# ---- values -----------------------------------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() if not isinstance(value, str) else value.rstrip()


def number_text(value: float | None) -> str:
    return "" if value is None else cell_text(float(value))


def checksum(ledger_id: str, task_id: str, orig: str) -> str:
    return hashlib.sha256(f"{ledger_id}\x1f{task_id}\x1f{orig}".encode()).hexdigest()[:32]


def after_submit(progress: str, reason: str) -> str:
    """The progress ``act(SUBMIT, reason)`` leaves (see Ledger.act)."""
    reason = reason.strip()
    if not reason or reason in progress:
        return progress
    return (progress + ("\n" if progress else "") + reason).strip()


def _secretary(ledger: Ledger, community_id: str) -> Operator:
    name = ledger.store.one("SELECT secretary FROM community WHERE id = ?", (community_id,)) or ""
    return Operator(str(name).strip() or "居民区书记", Role.SECRETARY)


# ---- export -----------------------------------------------------------------------------------------------------
def _community_tasks(ledger: Ledger, community_id: str) -> list[dict[str, Any]]:
    return ledger.store.rows(
        "SELECT t.*, p.title AS problem_title FROM task t JOIN problem p ON p.id = t.problem_id "
        "JOIN category c ON c.id = p.category_id WHERE t.community_id = ? AND t.deleted_at IS NULL "
        "ORDER BY c.sort, c.rowid, p.sort, p.rowid, t.sort, t.rowid",
        (community_id,),
    )


def export_fill_form(ledger: Ledger, community: str, out_path: str | Path) -> Path:
    """Write the 填报表 of ``community`` (its name) to ``out_path`` (.xlsx); returns the path."""
    out = Path(out_path)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    cid = ledger.community_id(community)
    tasks = _community_tasks(ledger, cid)
    indicators = {t["id"]: ledger.indicators(t["id"]) for t in tasks}
    slots = max((len(v) for v in indicators.values()), default=0)
    ledger_id = str(ledger.setting("ledger_id", ""))
    longest_name = max((text_units(str(t["owner"] or "")) for t in tasks), default=0)
    columns: list[tuple[str, str, float, bool]] = [
        (h, k, max(w, min(16, longest_name + 2)) if k == "owner" else w, e) for h, k, w, e in FIXED
    ]
    for k in range(1, slots + 1):
        columns += [
            (f"指标{k}名称", f"ind_name:{k}", 12, False),
            (f"指标{k}完成值（请填写）", f"ind_actual:{k}", 8, True),
        ]
    columns += TAIL
    wb = Workbook()
    ws = wb.active
    if not isinstance(ws, Worksheet):  # a new workbook starts with one worksheet; the stubs allow none
        raise TypeError("openpyxl's new workbook has no worksheet")
    ws.title = SHEET
    last = get_column_letter(3 + len(columns))
    org = ledger.org_name if isinstance(ledger.org_name, str) else ""
    ws["D1"] = f"{org}巡察整改填报表（{community}）"
    ws["D1"].font = Font(name="黑体", size=16, charset=134)
    ws.merge_cells(f"D1:{last}1")
    ws["D2"] = (
        "说明：只需填写浅黄色单元格（整改进展、指标完成值、申请销号、销号说明）；其他单元格已锁定，请勿修改、"
        "请勿删除隐藏列。可以用表头的筛选按钮排序和筛选（整行一起移动）。导出时间 "
        + ledger.clock.now().strftime("%Y-%m-%d %H:%M")
    )
    ws["D2"].alignment = _WRAP
    ws["D2"].font = Font(name="仿宋", size=10, charset=134)
    ws.merge_cells(f"D2:{last}2")
    ws.row_dimensions[2].height = 30
    for i, head in enumerate(["编号", "校验", "原值"], start=1):
        ws.cell(HEADER_ROW, i, head)
    for j, (head, _key, width, _editable) in enumerate(columns, start=4):
        c = ws.cell(HEADER_ROW, j, head)
        c.font = Font(name="黑体", size=11, charset=134)
        c.fill, c.border, c.alignment = _HEAD_FILL, _BORDER, _CENTER
        ws.column_dimensions[get_column_letter(j)].width = width
    for letter in "ABC":
        ws.column_dimensions[letter].hidden = True
    ws.row_dimensions[HEADER_ROW].height = row_height([(h, w) for h, _k, w, _e in columns], LINE_PT)
    body = Font(name="仿宋", size=11, charset=134)
    fixed: list[str] = []  # cells that take no input: a "stop" validation refuses typing into them
    for n, t in enumerate(tasks, start=1):
        r = FIRST_ROW + n - 1
        inds = indicators[t["id"]]
        values: dict[str, Any] = {
            "no": str(n),
            "problem": t["problem_title"],
            "measure": t["measure"],
            "owner": t["owner"],
            "deadline": t["deadline"] or "",
            "status": Status(t["status"]).label,
            "progress": t["progress"],
            "submit": YES if t["status"] in (Status.SUBMITTED.value, Status.IN_REVIEW.value) else NO,
            "note": "",
        }
        for k in range(1, slots + 1):
            ind = inds[k - 1] if k <= len(inds) else None
            if ind is None:
                values[f"ind_name:{k}"] = ""
                values[f"ind_actual:{k}"] = ""
                continue
            target = (
                f"目标 {number_text(ind.target)}{ind.unit}" if ind.target is not None else (ind.unit or "")
            )
            values[f"ind_name:{k}"] = ind.name + (f"（{target}）" if target else "")
            values[f"ind_actual:{k}"] = number_text(ind.actual)
        orig = json.dumps(
            {
                "locked": {k: values[k] for k in LOCKED_KEYS}
                | {f"ind_name:{k}": values[f"ind_name:{k}"] for k in range(1, slots + 1)},
                "progress": t["progress"],
                "status": t["status"],
                "submit": values["submit"],
                "indicators": [[i.id, i.actual] for i in inds],
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        for hidden_col, hidden in enumerate((t["id"], checksum(ledger_id, t["id"], orig), orig), start=1):
            ws.cell(r, hidden_col, hidden).protection = _UNLOCKED
        fixed.append(f"A{r}:C{r}")
        ws.row_dimensions[r].height = row_height([(str(values[k]), w) for _h, k, w, _e in columns], LINE_PT)
        for j, (_head, key, _w, editable) in enumerate(columns, start=4):
            text = values[key]
            shown: str | float | dt.date | None = text if text != "" else None
            if key == "deadline" and text:
                shown = dt.date.fromisoformat(text)
            elif key.startswith("ind_actual:") and text != "":
                shown = float(text)
            c = ws.cell(r, j, "")
            put(c, shown)  # text is text: a progress note "=HYPERLINK(…)" never becomes a formula
            c.font, c.border = body, _BORDER
            c.alignment = _CENTER if key in ("no", "owner", "deadline", "status", "submit") else _WRAP
            if key == "deadline":
                c.number_format = "yyyy-mm-dd"
            # every cell of the table is unlocked, or neither Excel nor LibreOffice sorts a protected sheet;
            # the cells that take no input refuse typing by a validation instead (and the checksum catches a
            # paste)
            c.protection = _UNLOCKED
            if (
                editable
                and t["status"] != Status.CLOSED.value  # a signed-off task is locked until reopened
                and not (key.startswith("ind_actual:") and not values[f"ind_name:{key.split(':')[1]}"])
            ):
                c.fill = _EDIT_FILL
            else:
                fixed.append(c.coordinate)
    last_row = FIRST_ROW + max(len(tasks), 1) - 1
    submit_col = get_column_letter(3 + len(columns) - 1)
    dv = DataValidation(
        type="list",
        formula1=f'"{YES},{NO}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="申请销号",
        error="请选择“是”或“否”。",
    )
    dv.add(f"{submit_col}{FIRST_ROW}:{submit_col}{last_row}")
    ws.add_data_validation(dv)
    for k in range(1, slots + 1):
        col = get_column_letter(4 + len(FIXED) + 2 * k - 1)
        nv = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="完成值",
            error="请填写数字。",
        )
        nv.add(f"{col}{FIRST_ROW}:{col}{last_row}")
        ws.add_data_validation(nv)
    if fixed:
        stop = DataValidation(
            type="textLength",
            operator="lessThan",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="不需要填写",
            error="这是导出的原始内容，不能修改。只需填写浅黄色单元格。",
        )
        stop.sqref = MultiCellRange(" ".join(fixed))
        ws.add_data_validation(stop)
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.sort = False  # False = sorting allowed
    ws.protection.autoFilter = False
    # from column A: sorting through the filter buttons moves the hidden id, checksum and exported values
    # (A:C) with their row; a filter over D:… alone would sort the visible cells away from their ids
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{last_row}"
    paper = fitting_paper([w for _h, _k, w, _e in columns])
    print_setup(ws, paper=paper, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    meta = wb.create_sheet(META)
    for i, (key, value) in enumerate(
        [
            ("format", FORMAT),
            ("ledger_id", ledger_id),
            ("community_id", cid),
            ("community", community),
            ("exported_at", ledger.clock.now().isoformat(sep=" ")),
            ("slots", str(slots)),
        ],
        start=1,
    ):
        meta.cell(i, 1, key)
        put(meta.cell(i, 2), value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError("excel_write_failed", path=out, detail=exc.strerror or str(exc)) from None
    replace_atomically(
        out, wb.save
    )  # beside it, then moved over it: a failed save leaves no half-written form
    return out


def print_note(path: str | Path) -> str:
    """What to tell the user about printing an exported form: "" on A4, a sentence when it went on A3."""
    ws = open_workbook(path)[SHEET]
    if int(ws.page_setup.paperSize or 9) == 8:
        return (
            "这张填报表列较多，A4 纸上字号将小于 9 磅，已设为 A3 纸横向打印（在打印设置中可改为缩印到 A4）。"
        )
    return ""


# ---- preview ----------------------------------------------------------------------------------------------------
@dataclass
class FillItem:
    kind: str  # applied | conflict | refused
    row: int
    column: str
    task_id: str
    field: str  # progress | actual:<indicator id> | submit | row | <locked key>
    ours: Any = None
    theirs: Any = None
    reason: str = ""
    key: str = ""
    status: str = ""  # conflicts: open | kept | taken | rewritten

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FillPreview:
    path: Path
    community: str
    community_id: str
    applied: list[FillItem] = field(default_factory=list)
    conflicts: list[FillItem] = field(default_factory=list)
    refused: list[FillItem] = field(default_factory=list)
    unchanged: int = 0  # rows with nothing new
    backup: Path | None = None
    written: bool = False

    @property
    def open_conflicts(self) -> list[FillItem]:
        return [c for c in self.conflicts if c.status in ("", "open")]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "kind": "fill_form",
            "community": self.community,
            "unchanged_rows": self.unchanged,
            "applied": [i.to_json() for i in self.applied],
            "conflicts": [i.to_json() for i in self.conflicts],
            "refused": [i.to_json() for i in self.refused],
            "open_conflicts": len(self.open_conflicts),
            "written": self.written,
            "backup": str(self.backup) if self.backup else None,
        }


# ---- apply -------------------------------------------------------------------------------------------------------
def preview_fill_form(
    ledger: Ledger, path: str | Path, decisions: dict[str, Any] | None = None
) -> FillPreview:
    """What importing the filled 填报表 ``path`` would do, per cell. Nothing is written."""
    from ledger.office.fill_form_check import FormCheck  # it builds on this module's dataclasses

    return FormCheck(ledger, Path(path), decisions or {}).run()


def apply_fill_form(
    ledger: Ledger,
    path: str | Path,
    decisions: dict[str, Any] | None = None,
    *,
    accept_refused: bool = False,
    as_operator: Operator | None = None,
) -> FillPreview:
    """Import the filled 填报表: refused while refusals remain (unless ``accept_refused``: they are skipped);
    otherwise a backup, then every applied value (and conflicts ``decisions`` settles: {key: "ours"|"theirs"|
    ("new", value)}) in ONE transaction, as ``as_operator`` (the command line's --actor) or else the community's
    secretary, origin ``填报表:<file name>``."""
    path = Path(path)
    from ledger.office.fill_form_check import FormCheck

    check = FormCheck(ledger, path, decisions or {})
    result = check.run()
    if result.refused and not accept_refused:
        first = result.refused[0]
        raise LedgerError("fill_form_refused", path=path.name, count=len(result.refused), first=first.reason)
    if not check.writes:
        return result
    result.backup = before_bulk_change(ledger, "填报表导入前备份")
    with (
        ledger.acting_as(as_operator or _secretary(ledger, check.cid), f"填报表:{path.name}"),
        ledger.batch("import_fill_form"),
        ledger.store.db.atomic(),
    ):
        for w in check.writes:
            if w.kind == "progress":
                ledger.update_progress(w.target, str(w.value or ""))
            elif w.kind == "actual":
                ledger.update_indicator(w.target, actual=w.value)
        for w in check.writes:
            if w.kind == "submit":
                if ledger.task(w.target).status == Status.NOT_STARTED:
                    ledger.act(w.target, Action.START)
                ledger.act(w.target, Action.SUBMIT, reason=w.note)
    result.written = True
    return result
