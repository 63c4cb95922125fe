"""Run by Debian's /usr/bin/python3 (python3-uno), not by the venv: open a 填报表 in LibreOffice Calc, do
what a secretary does, save it as .xlsx again.

    /usr/bin/python3 uno_calc.py IN.xlsx OUT.xlsx PROFILE_DIR

On the sheet "填报表" (header row 3): type into the yellow cells of every row (整改进展 gets "LO填写<序号>",
the first 完成值 cell of a row with an indicator gets 7), then sort the filter range by 责任人 (descending),
then by 整改时限, then set the AutoFilter to hide the rows whose 当前状态 is 已销号, and save. The sheet stays
protected throughout, as the secretary receives it. Prints a JSON line: what was typed, by task-row 序号, and
whether each step moved the rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.sheet import TableFilterField  # type: ignore[import-not-found]
from com.sun.star.sheet.FilterOperator import NOT_EQUAL  # type: ignore[import-not-found]
from com.sun.star.table import TableSortField  # type: ignore[import-not-found]

HEADER = 3  # 1-based row of the header


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile: str) -> tuple[subprocess.Popen[bytes], object]:
    pipe = "ledger" + uuid.uuid4().hex[:8]
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{os.path.abspath(profile)}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            time.sleep(0.5)
    else:
        office.kill()
        raise SystemExit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return office, desktop


def column_of(sheet: object, header: str, ncols: int) -> int:
    for c in range(ncols):
        if sheet.getCellByPosition(c, HEADER - 1).getString() == header:
            return c
    raise SystemExit(f"no column {header}")


def main() -> None:
    src, dst, profile = sys.argv[1:4]
    office, desktop = connect(profile)
    try:
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
        )
        sheet = doc.Sheets.getByName("填报表")
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_col, last_row = cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow
        col = {
            h: column_of(sheet, h, last_col + 1)
            for h in ("序号", "整改进展（请填写）", "责任人", "整改时限", "当前状态")
        }
        actual = next(
            (
                c
                for c in range(last_col + 1)
                if sheet.getCellByPosition(c, HEADER - 1).getString().endswith("完成值（请填写）")
            ),
            None,
        )
        typed: dict[str, dict[str, object]] = {}
        for r in range(HEADER, last_row + 1):
            no = sheet.getCellByPosition(col["序号"], r).getString()
            if not no or sheet.getCellByPosition(col["当前状态"], r).getString() == "已销号":
                continue  # a signed-off task's cells are not yellow: nothing to type there
            sheet.getCellByPosition(col["整改进展（请填写）"], r).setString(f"LO填写{no}")
            typed[no] = {"progress": f"LO填写{no}"}
            if actual is not None and sheet.getCellByPosition(actual - 1, r).getString():
                sheet.getCellByPosition(actual, r).setValue(7)
                typed[no]["actual"] = 7
        protected = sheet.isProtected()
        area = sheet.getCellRangeByPosition(0, HEADER - 1, last_col, last_row)

        def order() -> list[str]:
            return [sheet.getCellByPosition(col["序号"], r).getString() for r in range(HEADER, last_row + 1)]

        before = order()
        moved = []
        for key, ascending in (("责任人", False), ("整改时限", True)):
            field = TableSortField()
            field.Field, field.IsAscending = col[key], ascending
            desc = area.createSortDescriptor()
            for p in desc:
                if p.Name == "SortFields":
                    p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
                elif p.Name == "ContainsHeader":
                    p.Value = True
            area.sort(desc)
            now = order()
            moved.append(now != before)
            before = now
        filt = area.createFilterDescriptor(True)
        ff = TableFilterField()
        ff.Field, ff.Operator, ff.IsNumeric, ff.StringValue = col["当前状态"], NOT_EQUAL, False, "已销号"
        filt.FilterFields = (ff,)
        filt.ContainsHeader = True
        area.filter(filt)
        hidden = sum(1 for r in range(HEADER, last_row + 1) if not sheet.getRows().getByIndex(r).IsVisible)
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(dst)),
            (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)),
        )
        doc.close(True)
        print(
            json.dumps(
                {"typed": typed, "protected": protected, "sorted": moved, "hidden": hidden, "order": before},
                ensure_ascii=False,
            )
        )
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the office may be gone already
            pass
        office.wait(timeout=60)


if __name__ == "__main__":
    main()
