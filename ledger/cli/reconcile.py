"""Command-line handler for `main.py period LEDGER open|close|show|tick|untick|compare --week W` (对账销账)."""

from __future__ import annotations

from typing import Any

from ledger.cli.common import open_ledger, print_json
from ledger.core.errors import LedgerError
from ledger.core.model import Status
from ledger.reconcile import (
    close_period,
    compare,
    counts_text,
    open_period,
    period_label,
    show,
    tick,
    untick,
)


def _show_text(data: dict[str, Any]) -> str:
    state = "已结账" if data["state"] == "closed" else "对账中"
    out = [f"对账期 {period_label(data['week_start'], data['week_end'])}{state}"]
    keys = ("tasks", "closed", "ongoing", "open", "overdue")
    out.append("期初：" + counts_text(data["opening"], keys))
    out.append("当前：" + counts_text(data["now"], keys))
    diff = counts_text(data["difference"], signed=True) or "0"
    out.append(f"核对行 {len(data['lines'])} 行，未核对 {data['unticked']} 行；差额：{diff}")
    for ln in data["lines"]:
        mark = "✓" if ln["ticked"] else " "
        what = "；".join(
            f"{i['community']}·{i['measure']} {i['label']}：{_value(i['before'])} → {_value(i['after'])}"
            for i in ln["items"][:3]
        )
        more = f"（等 {len(ln['items'])} 项）" if len(ln["items"]) > 3 else ""
        out.append(f"  [{mark}] {ln['entry'][:8]} {ln['at']} {ln['actor']} {ln['command']}：{what}{more}")
    missing = [c for c in data["chase"] if not c["returned"]]
    out.append(
        "未按时上报："
        + (
            "、".join(
                f"{c['community']}（{c['secretary'] or '书记未填'}，上次上报 {c['last_returned'] or '从未'}）"
                for c in missing
            )
            or "无"
        )
    )
    out.append(
        f"待审核销号 {len(data['pending_signoff'])} 项，待批延期 {len(data['pending_extensions'])} 项，"
        f"本周新增逾期 {len(data['overdue_this_week'])} 项"
    )
    if data["note"]:
        out.append(f"结账说明：{data['note']}")
    return "\n".join(out)


def _value(v: Any) -> str:
    if v is None:
        return "（空）"
    if isinstance(v, str) and v in Status.__members__.values():
        return Status(v).label
    return str(v)


def cmd_period(args: Any) -> int:
    led = open_ledger(args, args.ledger)
    try:
        action, week = args.action, args.week
        if action == "open":
            p = open_period(led, week, corrects=args.corrects or "")
            result: Any = show(led, p.week)
        elif action == "tick":
            if not args.all and not args.entry:
                raise LedgerError("bad_value", field="核对", value="", detail="请给出 --entry ID 或 --all。")
            n = tick(led, week, None if args.all else args.entry)
            result = show(led, week) | {"ticked_now": n}
        elif action == "untick":
            n = untick(led, week, args.entry)
            result = show(led, week) | {"unticked_now": n}
        elif action == "close":
            close_period(led, week, args.note or "")
            result = show(led, week)
        elif action == "compare":
            if not args.other:
                raise LedgerError("bad_value", field="比较", value="", detail="请用 --with 给出另一周。")
            result = compare(led, week, args.other)
        else:
            result = show(led, week)
    finally:
        led.close()
    if args.json:
        print_json(result)
    elif action == "compare":
        print(
            f"{result['from_label']} → {result['to_label']}："
            + (counts_text(result["counts"], signed=True) or "无变化")
        )
        print(
            f"状态变化 {len(result['moved'])} 项；停滞（{result['stall_weeks']} 周无进展）{len(result['stalled'])} 项；"
            f"下滑的居民区：{'、'.join(s['community'] for s in result['slipped']) or '无'}"
        )
    else:
        print(_show_text(result))
    return 0
