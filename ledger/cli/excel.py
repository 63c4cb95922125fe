"""Command-line handlers: `import-excel` (填报表 or another tool's 台账) and `fill-form`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

from ledger.cli.common import open_ledger, operator_from, print_json
from ledger.core.errors import LedgerError
from ledger.office import fill_form as excel_returns
from ledger.office import foreign as excel_foreign

EXIT_CONFLICTS = 3


def _mapping(pairs: list[str]) -> dict[str, int] | None:
    if not pairs:
        return None
    out: dict[str, int] = {}
    for pair in pairs:
        fld, _, col = pair.partition("=")
        letters = col.strip().upper()
        if fld not in excel_foreign.SYNONYMS or not (letters.isascii() and letters.isalpha()):
            raise LedgerError(
                "bad_value",
                field="--map",
                value=pair,
                detail="格式为 字段=列字母（半角，如 measure=D），字段为 "
                + "、".join(excel_foreign.SYNONYMS),
            )
        try:
            out[fld] = column_index_from_string(letters) - 1
        except ValueError:
            raise LedgerError(
                "bad_value", field="--map", value=pair, detail="没有这一列（列字母最多到 XFD）"
            ) from None
    return out


def _print_items(title: str, items: list[Any]) -> None:
    if items:
        print(f"{title}（{len(items)}）：")
        for it in items:
            what = it.reason or f"{it.field}：{it.ours!r} → {it.theirs!r}"
            print(f"  第 {it.row} 行 {it.column} 列  {what}")


def cmd_import_excel(args: argparse.Namespace) -> int:
    form = excel_returns.is_fill_form_file(args.file)
    led = open_ledger(args, args.ledger)
    try:
        if form:
            if args.dry_run:
                result = excel_returns.preview_fill_form(led, args.file)
            else:
                result = excel_returns.apply_fill_form(
                    led, args.file, accept_refused=args.accept, as_operator=operator_from(args)
                )
            if args.json:
                print_json(result.to_json())
            else:
                print(
                    f"填报表“{Path(args.file).name}”（{result.community}）：{'已导入' if result.written else '预览，未写入'}；"
                    f"未变化 {result.unchanged} 行"
                )
                _print_items("导入", result.applied)
                _print_items("冲突", result.conflicts)
                _print_items("不能导入", result.refused)
            return EXIT_CONFLICTS if result.open_conflicts or result.refused else 0
        foreign = excel_foreign.import_foreign_ledger(
            led, args.file, _mapping(args.map), dry_run=args.dry_run
        )
        if args.json:
            print_json(foreign.to_json())
        else:
            cols = "，".join(
                f"{excel_foreign.SYNONYMS[k][0]}←“{foreign.headers[v]}”" for k, v in foreign.mapping.items()
            )
            skipped = (
                f"跳过重复的 {len(foreign.skipped)} 项（台账中已有，或与表中前面的行相同），"
                if foreign.skipped
                else ""
            )
            print(
                f"{'已导入' if foreign.written else '预览，未写入'}：{foreign.tasks} 项任务，{foreign.problems} 个新问题，"
                f"新类别 {len(foreign.categories)} 个，新居民区 {len(foreign.communities)} 个，{skipped}列对应：{cols}"
            )
        return 0
    finally:
        led.close()


def cmd_fill_form(args: argparse.Namespace) -> int:
    led = open_ledger(args, args.ledger)
    try:
        out = excel_returns.export_fill_form(led, args.community, args.out)
    finally:
        led.close()
    print(f"已导出“{args.community}”的填报表：{out}")
    note = excel_returns.print_note(out)
    if note:
        print(note)
    return 0
