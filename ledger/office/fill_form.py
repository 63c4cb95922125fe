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
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ledger.core.errors import LedgerError
from ledger.core.model import Operator, Role, Status
from ledger.core.values import parse_date, parse_number
from ledger.core.workflow import Action
from ledger.office.xlsx_layout import print_setup
from ledger.service.backups import before_bulk_change
from ledger.service.commands import Ledger
from ledger.storage.files import replace_atomically

FORMAT = "fill-form/1"
SHEET = "填报表"
META = "_meta"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
YES, NO = "是", "否"
# Visible columns before the indicator slots: (header, key, width, editable)
FIXED = [
    ("序号", "no", 6, False),
    ("反馈问题", "problem", 24, False),
    ("整改措施", "measure", 30, False),
    ("责任人", "owner", 10, False),
    ("整改时限", "deadline", 13, False),
    ("当前状态", "status", 10, False),
    ("整改进展（请填写）", "progress", 40, True),
]
TAIL = [("申请销号（是/否）", "submit", 12, True), ("销号说明", "note", 30, True)]
LOCKED_KEYS = ("no", "problem", "measure", "owner", "deadline", "status")

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_EDIT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


# ---- reading any .xlsx safely --------------------------------------------------------------------------------
def open_workbook(path: str | Path, *, read_only: bool = False) -> Any:
    """Load ``path`` with openpyxl, or a LedgerError with a sentence (not found / not xlsx / encrypted)."""
    path = Path(path)
    if not path.is_file():
        raise LedgerError("not_found", path=path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise LedgerError("excel_encrypted", path=path.name)
    if not zipfile.is_zipfile(path):
        raise LedgerError("excel_not_xlsx", path=path.name, detail="文件内容不是 Excel 工作簿")
    try:
        return load_workbook(path, read_only=read_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
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
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() if not isinstance(value, str) else value.rstrip()


def _num_text(value: float | None) -> str:
    return "" if value is None else _text(float(value))


def _checksum(ledger_id: str, task_id: str, orig: str) -> str:
    return hashlib.sha256(f"{ledger_id}\x1f{task_id}\x1f{orig}".encode()).hexdigest()[:32]


def _after_submit(progress: str, reason: str) -> str:
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
    columns: list[tuple[str, str, float, bool]] = list(FIXED)
    for k in range(1, slots + 1):
        columns += [
            (f"指标{k}名称", f"ind_name:{k}", 18, False),
            (f"指标{k}完成值（请填写）", f"ind_actual:{k}", 12, True),
        ]
    columns += TAIL
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    last = get_column_letter(3 + len(columns))
    org = ledger.org_name if isinstance(ledger.org_name, str) else ""
    ws["D1"] = f"{org}巡察整改填报表（{community}）"
    ws["D1"].font = Font(name="黑体", size=16, charset=134)
    ws.merge_cells(f"D1:{last}1")
    ws["D2"] = (
        "说明：只需填写浅黄色单元格（整改进展、指标完成值、申请销号、销号说明）；其他单元格已锁定，请勿修改、"
        "请勿删除隐藏列。可以排序。导出时间 " + ledger.clock.now().strftime("%Y-%m-%d %H:%M")
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
    body = Font(name="仿宋", size=11, charset=134)
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
            target = f"目标 {_num_text(ind.target)}{ind.unit}" if ind.target is not None else (ind.unit or "")
            values[f"ind_name:{k}"] = ind.name + (f"（{target}）" if target else "")
            values[f"ind_actual:{k}"] = _num_text(ind.actual)
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
        ws.cell(r, 1, t["id"])
        ws.cell(r, 2, _checksum(ledger_id, t["id"], orig))
        ws.cell(r, 3, orig)
        for j, (_head, key, _w, editable) in enumerate(columns, start=4):
            value = values[key]
            if key == "deadline" and value:
                value = dt.date.fromisoformat(value)
            elif key.startswith("ind_actual:") and value != "":
                value = float(value)
            c = ws.cell(r, j, value if value != "" else None)
            c.font, c.border = body, _BORDER
            c.alignment = _CENTER if key in ("no", "owner", "deadline", "status", "submit") else _WRAP
            if key == "deadline":
                c.number_format = "yyyy-mm-dd"
            if editable:
                c.fill = _EDIT_FILL
                c.protection = Protection(locked=False)
                if key.startswith("ind_actual:") and not values[f"ind_name:{key.split(':')[1]}"]:
                    c.fill = PatternFill()
                    c.protection = Protection(locked=True)
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
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.sort = False  # False = sorting allowed
    ws.protection.autoFilter = False
    ws.auto_filter.ref = f"D{HEADER_ROW}:{last}{last_row}"
    print_setup(ws, paper="A4", title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    meta = wb.create_sheet(META)
    for i, (k, v) in enumerate(
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
        meta.cell(i, 1, k)
        meta.cell(i, 2, v)
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


@dataclass
class _Write:
    item: FillItem
    kind: str  # progress | actual | submit
    target: str  # task id or indicator id
    value: Any
    note: str = ""


def _meta(wb: Any) -> dict[str, str]:
    ws = wb[META]
    return {str(r[0]): _text(r[1]) for r in ws.iter_rows(values_only=True) if r and r[0] is not None}


def _read_form(ledger: Ledger, path: Path) -> tuple[Any, dict[str, str], list[str]]:
    wb = open_workbook(path)
    if META not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise LedgerError("fill_form_not_ours", path=path.name, detail="缺少“填报表”或隐藏的说明页")
    meta = _meta(wb)
    if meta.get("format") != FORMAT:
        raise LedgerError(
            "fill_form_not_ours", path=path.name, detail=f"格式版本为“{meta.get('format', '')}”"
        )
    if meta.get("ledger_id") != str(ledger.setting("ledger_id", "")):
        raise LedgerError("fill_form_not_ours", path=path.name, detail="它是从另一本台账导出的")
    if ledger.store.row("community", meta.get("community_id", "")) is None:
        raise LedgerError(
            "fill_form_not_ours", path=path.name, detail=f"本台账没有居民区“{meta.get('community')}”"
        )
    ws = wb[SHEET]
    if sheet_is_empty(ws):
        raise LedgerError("excel_empty", path=path.name, sheet=SHEET)
    headers = [_text(c.value) for c in ws[HEADER_ROW]]
    slots = int(meta.get("slots") or 0)
    want = (
        [h for h, *_ in FIXED]
        + [h for k in range(1, slots + 1) for h in (f"指标{k}名称", f"指标{k}完成值（请填写）")]
        + [h for h, *_ in TAIL]
    )
    if headers[3 : 3 + len(want)] != want:
        raise LedgerError(
            "excel_header_unmapped",
            path=path.name,
            sheet=SHEET,
            missing="、".join(h for h in want if h not in headers) or "列的顺序",
        )
    return ws, meta, want


class _Check:
    def __init__(self, ledger: Ledger, path: Path, decisions: dict[str, Any]) -> None:
        self.ledger = ledger
        self.path = path
        self.decisions = decisions
        self.ws, self.meta, self.headers = _read_form(ledger, path)
        self.cid = self.meta["community_id"]
        self.keys = (
            [k for _h, k, *_ in FIXED]
            + [
                k
                for n in range(1, int(self.meta.get("slots") or 0) + 1)
                for k in (f"ind_name:{n}", f"ind_actual:{n}")
            ]
            + [k for _h, k, *_ in TAIL]
        )
        self.col = {k: get_column_letter(4 + i) for i, k in enumerate(self.keys)}
        self.preview = FillPreview(path, self.meta.get("community", ""), self.cid)
        self.writes: list[_Write] = []
        self.ledger_id = str(ledger.setting("ledger_id", ""))

    def _add(self, item: FillItem) -> FillItem:
        {
            "applied": self.preview.applied,
            "conflict": self.preview.conflicts,
            "refused": self.preview.refused,
        }[item.kind].append(item)
        return item

    def _refuse(self, row: int, column: str, task_id: str, fld: str, reason: str, theirs: Any = None) -> None:
        self._add(FillItem("refused", row, column, task_id, fld, theirs=theirs, reason=reason))

    def run(self) -> FillPreview:
        seen: dict[str, int] = {}
        for cells in self.ws.iter_rows(min_row=FIRST_ROW):
            r = cells[0].row
            raw = [c.value for c in cells]
            vals = dict(zip(self.keys, raw[3:], strict=False))
            tid, check, orig_text = (_text(raw[i]) if len(raw) > i else "" for i in range(3))
            if not tid and not check and all(_text(v) == "" for v in vals.values()):
                continue
            self._row(r, tid, check, orig_text, vals, seen)
        return self.preview

    def _row(
        self, r: int, tid: str, check: str, orig_text: str, vals: dict[str, Any], seen: dict[str, int]
    ) -> None:
        if not tid:
            self._refuse(r, "A", "", "row", f"第 {r} 行没有任务编号（隐藏的 A 列），不是导出的行")
            return
        if check != _checksum(self.ledger_id, tid, orig_text):
            self._refuse(
                r, "A", tid, "row", f"第 {r} 行的任务编号或校验值被改动（隐藏的 A–C 列），无法确认是哪项任务"
            )
            return
        if tid in seen:
            self._refuse(r, "A", tid, "row", f"第 {r} 行与第 {seen[tid]} 行是同一项任务（行被复制）")
            return
        seen[tid] = r
        task = self.ledger.store.row("task", tid)
        if task is None or task["deleted_at"] is not None or task["community_id"] != self.cid:
            self._refuse(r, "A", tid, "row", f"第 {r} 行的任务在台账上已不存在或不属于本居民区")
            return
        orig = json.loads(orig_text)
        bad = False
        for key, exported in orig["locked"].items():
            now = vals.get(key)
            if key == "deadline":
                try:
                    text = parse_date(now) or ""
                except LedgerError:
                    self._refuse(
                        r,
                        self.col[key],
                        tid,
                        key,
                        f"第 {r} 行 {self.col[key]} 列（整改时限）“{_text(now)}”"
                        "不是日期，且这一列已锁定，不能修改",
                        theirs=_text(now),
                    )
                    bad = True
                    continue
            else:
                text = _text(now)
            if text != exported:
                label = self.headers[self.keys.index(key)]
                self._refuse(
                    r,
                    self.col[key],
                    tid,
                    key,
                    f"第 {r} 行 {self.col[key]} 列（{label}）是锁定的单元格，被改成了"
                    f"“{text}”（导出时为“{exported}”）",
                    theirs=text,
                )
                bad = True
        if bad:
            return
        before = len(self.preview.applied) + len(self.preview.conflicts) + len(self.preview.refused)
        submit = _text(vals.get("submit"))
        note = _text(vals.get("note")).strip()
        self._progress(r, task, orig, _text(vals.get("progress")), submit == YES, note)
        self._actuals(r, task, orig, vals)
        self._submit(r, task, orig, submit, note, _text(vals.get("progress")))
        if len(self.preview.applied) + len(self.preview.conflicts) + len(self.preview.refused) == before:
            self.preview.unchanged += 1

    def _value(
        self,
        r: int,
        column: str,
        tid: str,
        fld: str,
        exported: Any,
        ours: Any,
        theirs: Any,
        label: str,
        write: _Write,
        same_as_ours: bool,
    ) -> None:
        if theirs == exported or same_as_ours:
            return
        key = f"{tid}:{fld}"
        write.item = FillItem("applied", r, column, tid, fld, ours, theirs, key=key)
        if ours == exported:
            self._add(write.item)
            self.writes.append(write)
            return
        item = write.item
        item.kind, item.status = "conflict", "open"
        item.reason = f"第 {r} 行 {column} 列（{label}）：导出后台账上也改了（台账现为“{_text(ours)}”，导出时为“{_text(exported)}”）"
        choice = self.decisions.get(key)
        if isinstance(choice, tuple):
            choice, value = choice
        else:
            value = None
        if choice == "theirs":
            item.status = "taken"
            self.writes.append(write)
        elif choice == "new":
            item.status = "rewritten"
            write.value = value
            self.writes.append(write)
        elif choice == "ours":
            item.status = "kept"
        self._add(item)

    def _progress(
        self, r: int, task: dict[str, Any], orig: dict[str, Any], theirs: str, submit: bool, note: str
    ) -> None:
        ours = task["progress"]
        same = ours == theirs or (submit and ours == _after_submit(theirs, note or theirs))
        w = _Write(None, "progress", task["id"], theirs)  # type: ignore[arg-type]
        self._value(
            r,
            self.col["progress"],
            task["id"],
            "progress",
            orig["progress"],
            ours,
            theirs,
            "整改进展",
            w,
            same,
        )

    def _actuals(self, r: int, task: dict[str, Any], orig: dict[str, Any], vals: dict[str, Any]) -> None:
        for n, (iid, exported) in enumerate(orig["indicators"], start=1):
            col = self.col[f"ind_actual:{n}"]
            cell = vals.get(f"ind_actual:{n}")
            try:
                theirs = parse_number(cell, "完成值")
            except LedgerError:
                self._refuse(
                    r,
                    col,
                    task["id"],
                    f"actual:{iid}",
                    f"第 {r} 行 {col} 列（指标{n}完成值）“{_text(cell)}”不是数字",
                    theirs=_text(cell),
                )
                continue
            row = self.ledger.store.row("indicator", iid)
            if row is None:
                if theirs != exported:
                    self._refuse(
                        r,
                        col,
                        task["id"],
                        f"actual:{iid}",
                        f"第 {r} 行 {col} 列：这条量化指标在台账上已删除",
                        theirs=theirs,
                    )
                continue
            w = _Write(None, "actual", iid, theirs)  # type: ignore[arg-type]
            self._value(
                r,
                col,
                task["id"],
                f"actual:{iid}",
                exported,
                row["actual"],
                theirs,
                f"指标{n}完成值",
                w,
                row["actual"] == theirs,
            )

    def _submit(
        self, r: int, task: dict[str, Any], orig: dict[str, Any], submit: str, note: str, progress: str
    ) -> None:
        col = self.col["submit"]
        if submit not in ("", YES, NO):
            self._refuse(
                r,
                col,
                task["id"],
                "submit",
                f"第 {r} 行 {col} 列（申请销号）只能填“是”或“否”，不能是“{submit}”",
                theirs=submit,
            )
            return
        if submit != YES or orig["submit"] == YES:
            return
        status = Status(task["status"])
        if status in (Status.SUBMITTED, Status.IN_REVIEW):
            return  # already asked
        reason = note or progress.strip()
        item = FillItem(
            "applied", r, col, task["id"], "submit", status.label, YES, key=f"{task['id']}:submit"
        )
        if not reason:
            item.kind, item.reason = "refused", f"第 {r} 行：申请销号需要填写整改进展或销号说明"
        elif status not in (
            Status.NOT_STARTED,
            Status.IN_PROGRESS,
            Status.RETURNED,
            Status.REOPENED,
            Status.ONGOING,
        ):
            item.kind, item.status = "conflict", "open"
            item.reason = f"第 {r} 行 {col} 列：台账上这项任务现为“{status.label}”，不能再申请销号"
        if item.kind == "applied":
            self.writes.append(_Write(item, "submit", task["id"], YES, reason))
        self._add(item)


# ---- apply -------------------------------------------------------------------------------------------------------
def preview_fill_form(
    ledger: Ledger, path: str | Path, decisions: dict[str, Any] | None = None
) -> FillPreview:
    """What importing the filled 填报表 ``path`` would do, per cell. Nothing is written."""
    return _Check(ledger, Path(path), decisions or {}).run()


def apply_fill_form(
    ledger: Ledger, path: str | Path, decisions: dict[str, Any] | None = None, *, accept_refused: bool = False
) -> FillPreview:
    """Import the filled 填报表: refused while refusals remain (unless ``accept_refused``: they are skipped);
    otherwise a backup, then every applied value (and conflicts ``decisions`` settles: {key: "ours"|"theirs"|
    ("new", value)}) in ONE transaction, as the community's secretary, origin ``填报表:<file name>``."""
    path = Path(path)
    check = _Check(ledger, path, decisions or {})
    result = check.run()
    if result.refused and not accept_refused:
        first = result.refused[0]
        raise LedgerError("fill_form_refused", path=path.name, count=len(result.refused), first=first.reason)
    if not check.writes:
        return result
    result.backup = before_bulk_change(ledger, "填报表导入前备份")
    with (
        ledger.acting_as(_secretary(ledger, check.cid), f"填报表:{path.name}"),
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
                if Status(ledger.store.row("task", w.target)["status"]) == Status.NOT_STARTED:
                    ledger.act(w.target, Action.START)
                ledger.act(w.target, Action.SUBMIT, reason=w.note)
    result.written = True
    return result
