"""Handlers of the ledger's own subcommands: new, demo, stats, tasks, verify, export."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ledger.cli.common import clock_from, open_for_reading, operator_from, print_json
from ledger.core.errors import LedgerError
from ledger.core.model import Status
from ledger.service.commands import Ledger
from ledger.storage import journal


def cmd_new(args: argparse.Namespace) -> int:
    led = Ledger.create(args.path, org=args.org or "", clock=clock_from(args), operator=operator_from(args))
    led.close()
    print(f"已新建空白台账：{args.path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from ledger.example.demo import build_demo

    led = build_demo(args.path, clock=clock_from(args))
    n = led.stats()["tasks"]
    led.close()
    print(f"已生成示例台账：{args.path}（{n} 条整改任务，人名为虚构的示例数据）")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """`generate PATH --tasks N [--communities M] [--seed S]`: a large made-up ledger for capacity checks."""
    from ledger.example.synthetic import generate

    if args.tasks < 0 or args.communities < 1:
        raise LedgerError(
            "bad_value",
            field="--tasks / --communities",
            value=f"{args.tasks} / {args.communities}",
            detail="任务数不能为负，居民区至少 1 个",
        )

    def report(done: int, total: int) -> None:
        print(f"已生成 {done}/{total} 条任务", file=sys.stderr, flush=True)

    led = generate(
        args.path,
        tasks=args.tasks,
        communities=args.communities,
        seed=args.seed,
        clock=clock_from(args),
        progress=report if args.tasks >= 100_000 else None,
    )
    communities = int(led.store.one("SELECT COUNT(*) FROM community"))
    led.close()
    print(
        f"已生成测试台账：{args.path}（{args.tasks} 条整改任务，{communities} 个居民区；"
        f"内容为随机生成的测试数据，人名均为虚构）"
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    led = open_for_reading(args)
    try:
        stats = led.stats()
    finally:
        led.close()
    if args.json:
        print_json(stats)
    else:
        print(f"整改任务 {stats['tasks']} 项，逾期 {stats['overdue']} 项")
        for status, n in stats["by_status"].items():
            print(f"  {Status(status).label}：{n}")
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from ledger.signoff import finished_by_original_deadline_map

    led = open_for_reading(args)
    try:
        tasks = led.tasks_json()
        on_time = finished_by_original_deadline_map(led)
        files: dict[str, list[dict[str, object]]] = {}
        for tid, eid, name, size, by, at in led.store.conn.execute(
            "SELECT task_id, id, file_name, size, added_by, added_at FROM evidence WHERE removed_at IS NULL "
            "ORDER BY task_id, added_at, rowid"
        ):
            files.setdefault(tid, []).append(
                {"id": eid, "file_name": name, "size": size, "added_by": by, "added_at": at}
            )
    finally:
        led.close()
    for t in tasks:
        t["evidence"] = files.get(t["id"], [])
        done = on_time.get(t["id"])
        t["finished_by_original_deadline"] = done
        t["finished_by_original_deadline_label"] = (
            {True: "是", False: "否"}.get(done, "") if done is not None else ""
        )
    if args.json:
        print_json(tasks)
    else:
        for t in tasks:
            print(
                f"{t['id'][:8]}  {t['community']}  {t['measure']}  {t['owner']}  {t['deadline'] or ''}  "
                f"{t['status_label']}"
            )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    anchors = []
    for text in args.anchor or []:
        try:
            anchors.append(journal.Anchor.parse(text))
        except ValueError:
            print(
                f"“{text}”不是日志校验码：应为“条目序号:十六进制校验码”，如周报末尾印的 1234:3f2a9c0d5e7b1a46。",
                file=sys.stderr,
            )
            return 2
    from ledger.storage.verify import Damaged, verify_store

    led = open_for_reading(args)
    try:
        try:  # SQLite's quick_check runs beside the rest on a large file: a damaged file is said so first
            problem = verify_store(led.store, quick_check=True)
        except Damaged as exc:
            print(f"台账文件“{args.path}”已损坏：{exc.detail}。请用备份恢复。")
            return 1
        wrong = [sentence for a in anchors if (sentence := journal.check_anchor(led.store, a)) is not None]
        head = journal.anchor(led.store)
    finally:
        led.close()
    if problem is not None:
        where = f"第 {problem.seq} 条日志（{problem.at}，{problem.command}）" if problem.seq else "数据表"
        print(f"校验失败：{where}：{problem.detail}。")
        return 1
    if wrong:
        for sentence in wrong:
            print(f"校验失败：{sentence}。")
        return 1
    checked = f"，与纸面上的 {len(anchors)} 个校验码相符" if anchors else ""
    print(f"台账“{args.path}”完好，日志链完整{checked}。最新日志校验码：{head or '（日志为空）'}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ledger.office.ledger_xlsx import export_ledger

    led = open_for_reading(args)
    try:
        today = dt.date.fromisoformat(args.today) if getattr(args, "today", None) else None
        result = export_ledger(
            led,
            args.out,
            community=args.community,
            template=args.template,
            today=today,
            paper=args.paper,
            per_community_sheets=args.per_community,
            three_lists=args.three_lists,
        )
    finally:
        led.close()
    sheets = "、".join(result.sheets)
    print(f"已导出整改台账：{result.path}（{result.tasks} 条任务；工作表：{sheets}）")
    for note in result.notes:
        print(note)
    return 0
