"""Command-line handlers for community packages: issue-package, apply-package, return-package, the guarded `do`."""

from __future__ import annotations

import argparse
from typing import Any

from ledger.cli.common import clock_from, open_ledger, print_json
from ledger.core.errors import LedgerError
from ledger.core.model import Operator, Role
from ledger.exchange import merge as exchange_merge
from ledger.exchange import packages as exchange

EXIT_CONFLICTS = 3


def cmd_issue_package(args: argparse.Namespace) -> int:
    led = open_ledger(args, args.ledger)
    try:
        if args.all:
            paths = exchange.issue_all(led, args.all)
        else:
            name, out = args.community
            paths = [exchange.issue_package(led, name, out)]
    finally:
        led.close()
    for path in paths:
        print(f"已下发：{path}")
    return 0


def _decisions(items: list[str]) -> dict[str, tuple[str, Any]]:
    out: dict[str, tuple[str, Any]] = {}
    for text in items:
        key, _, choice = text.partition("=")
        if choice.startswith("new:"):
            out[key] = ("new", choice[4:])
        elif choice in ("ours", "theirs"):
            out[key] = (choice, None)
        else:
            raise LedgerError(
                "bad_value", field="--decide", value=text, detail="格式为 KEY=ours、KEY=theirs 或 KEY=new:值"
            )
    return out


def cmd_apply_package(args: argparse.Namespace) -> int:
    led = open_ledger(args, args.ledger)
    try:
        decisions = _decisions(args.decide)
        if args.dry_run:
            result: exchange_merge.MergePreview = exchange_merge.preview_merge(led, args.file, decisions)
        else:
            result = exchange_merge.apply_merge(led, args.file, decisions)
    finally:
        led.close()
    open_conflicts = result.open_conflicts
    if args.json:
        out = result.to_json()
        out["dry_run"] = bool(args.dry_run)
        print_json(out)
    else:
        head = "预览（未写入）" if args.dry_run else "已合并"
        print(
            f"{head}：{result.path.name}（居民区“{result.community}”）：可合并 {len(result.applied)} 项，"
            f"冲突 {len(result.conflicts)} 项，拒绝 {len(result.refused)} 项"
            + (f"；此前已合并 {result.already} 条" if result.already else "")
        )
        for it in result.conflicts:
            print(
                f"  冲突 [{it.key}] 任务 {str(it.task_id)[:8]} {it.field}：主台账“{it.ours}”（{it.our_author} {it.our_at}）"
                f" ↔ 上报“{it.theirs}”（{it.their_author} {it.their_at}）：{it.reason}"
            )
        for it in result.refused:
            print(f"  拒绝 任务 {str(it.task_id)[:8]} {it.field}：{it.reason}")
        backup = getattr(result, "backup", None)
        if backup:
            print(f"合并前已备份：{backup}")
        if open_conflicts and not args.dry_run:
            print(f"还有 {len(open_conflicts)} 项冲突待处理：python main.py decide-conflict {args.ledger}")
    return EXIT_CONFLICTS if open_conflicts else 0


def cmd_return_package(args: argparse.Namespace) -> int:
    operator = Operator(args.actor, Role.SECRETARY) if args.actor else None
    out = exchange.return_package(args.package, args.out, clock=clock_from(args), operator=operator)
    print(f"已生成上报文件：{out}。请把它交给工作专班导入。")
    return 0


def cmd_package_status(args: argparse.Namespace) -> int:
    led = open_ledger(args, args.ledger)
    try:
        rows = exchange.package_status(led)
    finally:
        led.close()
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        issued = r["last_issued"]
        merged = r["last_merged"]
        print(
            f"{r['community']}：下发 {issued['at'] + ' ' + issued['file'] if issued else '—'}；"
            f"合并 {merged['at'] + ' ' + merged['file'] if merged else '—'}；待处理冲突 {r['open_conflicts']}"
        )
    return 0


def cmd_decide_conflict(args: argparse.Namespace) -> int:
    led = open_ledger(args, args.ledger)
    try:
        if not args.conflict:
            rows = exchange_merge.open_conflicts(led)
            if args.json:
                print_json(rows)
            else:
                for r in rows:
                    print(
                        f"{r['id'][:8]}  任务 {str(r['task_id'])[:8]} {r['field']}：主台账“{r['ours']}”"
                        f"（{r['our_author']} {r['our_at']}） ↔ 上报“{r['theirs']}”（{r['their_author']} "
                        f"{r['their_at']}）：{r['reason']}"
                    )
            return EXIT_CONFLICTS if rows else 0
        if not args.choice:
            raise LedgerError("empty_field", field="--choice（ours / theirs / new）")
        status = exchange_merge.decide_conflict(led, args.conflict, args.choice, args.value)
    finally:
        led.close()
    print({"kept": "已保留主台账的值", "taken": "已采用上报的值", "rewritten": "已写入新值"}[status])
    return 0


def cmd_replace_package(args: argparse.Namespace) -> int:
    path = exchange.replace_package(args.old, args.new)
    print(f"已换成新的下发包：{path}（旧包已另存在同一文件夹）")
    return 0
