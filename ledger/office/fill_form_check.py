"""Reading a filled 填报表 back: which cell would be applied, which is a conflict, which is refused, and why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ledger.core.errors import LedgerError
from ledger.core.model import Status
from ledger.core.values import parse_date, parse_number
from ledger.office.fill_form import (
    FIRST_ROW,
    FIXED,
    FORMAT,
    HEADER_ROW,
    LOCKED_KEYS,
    META,
    NO,
    SHEET,
    TAIL,
    YES,
    FillItem,
    FillPreview,
    after_submit,
    cell_text,
    checksum,
    open_workbook,
    sheet_is_empty,
)
from ledger.service.commands import Ledger


@dataclass
class Write:
    item: FillItem
    kind: str  # progress | actual | submit
    target: str  # task id or indicator id
    value: Any
    note: str = ""


def form_meta(wb: Any) -> dict[str, str]:
    ws = wb[META]
    return {str(r[0]): cell_text(r[1]) for r in ws.iter_rows(values_only=True) if r and r[0] is not None}


def read_form(ledger: Ledger, path: Path) -> tuple[Any, dict[str, str], list[str]]:
    wb = open_workbook(path)
    if META not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise LedgerError("fill_form_not_ours", path=path.name, detail="缺少“填报表”或隐藏的说明页")
    meta = form_meta(wb)
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
    headers = [cell_text(c.value) for c in ws[HEADER_ROW]]
    slots_text = str(meta.get("slots") or "0")
    if not slots_text.isdigit() or int(slots_text) > 50:
        raise LedgerError("fill_form_not_ours", path=path.name, detail="隐藏的说明页被改动过")
    slots = int(slots_text)
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


class FormCheck:
    def __init__(self, ledger: Ledger, path: Path, decisions: dict[str, Any]) -> None:
        self.ledger = ledger
        self.path = path
        self.decisions = decisions
        self.ws, self.meta, self.headers = read_form(ledger, path)
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
        self.writes: list[Write] = []
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
        rows: list[tuple[int, str, str, str, dict[str, Any]]] = []
        for cells in self.ws.iter_rows(min_row=FIRST_ROW):
            r = cells[0].row
            raw = [c.value for c in cells]
            vals = dict(zip(self.keys, raw[3:], strict=False))
            tid, check, orig_text = (cell_text(raw[i]) if len(raw) > i else "" for i in range(3))
            if not tid and not check and all(cell_text(v) == "" for v in vals.values()):
                continue
            rows.append((r, tid, check, orig_text, vals))
        self._ids_travelled(rows)
        for r, tid, check, orig_text, vals in rows:
            self._row(r, tid, check, orig_text, vals, seen)
        return self.preview

    def _shown_locked(self, key: str, value: Any) -> str | None:
        if key != "deadline":
            return cell_text(value)
        try:
            return parse_date(value) or ""
        except LedgerError:
            return None

    def _ids_travelled(self, rows: list[tuple[int, str, str, str, dict[str, Any]]]) -> None:
        """Refuse the whole file in one sentence when the hidden id columns were sorted apart from the rows
        (a sort of some columns only): a row then shows the locked values another row's id was exported with."""
        exported: dict[str, str] = {}  # locked values as exported → the id they belong to
        for _r, tid, check, orig_text, _vals in rows:
            if tid and check == checksum(self.ledger_id, tid, orig_text):
                try:
                    locked = json.loads(orig_text)["locked"]
                except (ValueError, KeyError, TypeError):
                    continue
                exported[json.dumps(locked, sort_keys=True, ensure_ascii=False)] = tid
        for r, tid, _check, _orig, vals in rows:
            shown = {key: self._shown_locked(key, vals.get(key)) for key in self._locked_keys}
            owner = exported.get(json.dumps(shown, sort_keys=True, ensure_ascii=False))
            if owner is not None and owner != tid:
                raise LedgerError("fill_form_rows_separated", path=self.path.name, row=r)

    @property
    def _locked_keys(self) -> list[str]:
        slots = int(self.meta.get("slots") or 0)
        return list(LOCKED_KEYS) + [f"ind_name:{k}" for k in range(1, slots + 1)]

    def _row(
        self, r: int, tid: str, check: str, orig_text: str, vals: dict[str, Any], seen: dict[str, int]
    ) -> None:
        if not tid:
            self._refuse(r, "A", "", "row", f"第 {r} 行没有任务编号（隐藏的 A 列），不是导出的行")
            return
        if check != checksum(self.ledger_id, tid, orig_text):
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
                        f"第 {r} 行 {self.col[key]} 列（整改时限）“{cell_text(now)}”"
                        "不是日期，且这一列已锁定，不能修改",
                        theirs=cell_text(now),
                    )
                    bad = True
                    continue
            else:
                text = cell_text(now)
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
        if task["status"] == Status.CLOSED.value and self._typed(orig, vals):
            self._refuse(
                r,
                self.col["progress"],
                tid,
                "row",
                f"第 {r} 行的任务已销号，台账上已锁定，填写的内容不能导入（如确需修改，请先在台账上“重启整改”）",
            )
            return
        before = len(self.preview.applied) + len(self.preview.conflicts) + len(self.preview.refused)
        submit = cell_text(vals.get("submit"))
        note = cell_text(vals.get("note")).strip()
        self._progress(r, task, orig, cell_text(vals.get("progress")), submit == YES, note)
        self._actuals(r, task, orig, vals)
        self._submit(r, task, orig, submit, note, cell_text(vals.get("progress")))
        if len(self.preview.applied) + len(self.preview.conflicts) + len(self.preview.refused) == before:
            self.preview.unchanged += 1

    @staticmethod
    def _typed(orig: dict[str, Any], vals: dict[str, Any]) -> bool:
        """Was anything typed into the row's input cells (compared with the exported values)?"""
        if cell_text(vals.get("progress")) != orig["progress"]:
            return True
        if cell_text(vals.get("submit")) not in ("", orig["submit"]) or cell_text(vals.get("note")).strip():
            return True
        for n, (_iid, exported) in enumerate(orig["indicators"], start=1):
            try:
                if parse_number(vals.get(f"ind_actual:{n}"), "完成值") != exported:
                    return True
            except LedgerError:
                return True
        return False

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
        write: Write,
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
        item.reason = f"第 {r} 行 {column} 列（{label}）：导出后台账上也改了（台账现为“{cell_text(ours)}”，导出时为“{cell_text(exported)}”）"
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
        same = ours == theirs or (submit and ours == after_submit(theirs, note or theirs))
        w = Write(None, "progress", task["id"], theirs)  # type: ignore[arg-type]
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
                    f"第 {r} 行 {col} 列（指标{n}完成值）“{cell_text(cell)}”不是数字",
                    theirs=cell_text(cell),
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
            w = Write(None, "actual", iid, theirs)  # type: ignore[arg-type]
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
            self.writes.append(Write(item, "submit", task["id"], YES, reason))
        self._add(item)
