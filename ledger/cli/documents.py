"""Command-line handlers that write documents for people: `notice` (通报), `report` (周报) and `journal` (修改记录)."""

from __future__ import annotations

import argparse
import datetime as dt

from ledger.audit import AuditFilter, export_audit
from ledger.cli.common import clock_from, open_for_reading, open_ledger
from ledger.core import LedgerError, parse_date
from ledger.office import write_notice
from ledger.office.weekly import write_report
from ledger.service import Ledger


def cmd_journal(args: argparse.Namespace) -> int:
    """`main.py journal LEDGER OUT.xlsx [--from D] [--to D] [--by NAME] [--community NAME]`."""

    try:
        since, until = (parse_date(v) if v else None for v in (args.since, args.until))
    except LedgerError as exc:
        raise LedgerError(
            "bad_value",
            field="日期（--from / --to）",
            value=exc.facts.get("value", ""),
            detail="请按“2025-11-30”的格式填写",
        ) from None
    led = open_for_reading(args, args.ledger)
    try:
        cid = led.community_id(args.community) if args.community else None
        flt = AuditFilter(
            dt.date.fromisoformat(since) if since else None,
            dt.date.fromisoformat(until) if until else None,
            args.by,
            cid,
        )
        result = export_audit(led, args.out, flt)
    finally:
        led.close()
    print(
        f"已导出修改记录：{result.path}（{result.entries} 条日志，{result.rows} 行；日志校验码 {result.anchor or '—'}）"
    )
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    """main.py notice LEDGER OUT.docx [--today YYYY-MM-DD]"""

    led = Ledger.open(args.ledger, clock=clock_from(args), lock=False)
    try:
        path = write_notice(led, args.out)
    finally:
        led.close()
    print(f"已生成通报草稿：{path}（请在 Word 或 WPS 中补充“【待补充】”处后定稿）")
    return 0


def cmd_report(args: argparse.Namespace) -> int:

    led = open_ledger(args, args.ledger)
    try:
        path = write_report(led, args.week, args.out)
    finally:
        led.close()
    print(f"已生成第 {args.week} 周周报：{path}")
    return 0
