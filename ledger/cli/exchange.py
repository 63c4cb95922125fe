"""Command-line handlers for community packages: issue-package, apply-package, return-package, the guarded `do`."""

from __future__ import annotations

import argparse
from typing import Any

from ledger.audit.wording import EXTRA_FIELDS, TABLE_WORDS, value_text
from ledger.cli.common import clock_from, open_ledger, print_json
from ledger.cli.output import changes_json, entries_since, summary_line
from ledger.core.errors import LedgerError
from ledger.core.model import FIELD_LABELS, Operator, Role
from ledger.exchange import merge as exchange_merge
from ledger.exchange import packages as exchange
from ledger.service import Ledger
from ledger.storage import journal

EXIT_CONFLICTS = 3


def _earlier_packages(led: Ledger, community: str | None) -> list[dict[str, Any]]:
    """The newest package already issued for ``community`` (None: for every community that has one)."""
    sql = (
        "SELECT c.name AS community, p.file_name, p.issued_at FROM package p JOIN community c ON c.id = p.community_id "
        "WHERE p.rowid = (SELECT q.rowid FROM package q WHERE q.community_id = p.community_id "
        "ORDER BY q.issued_at DESC, q.rowid DESC LIMIT 1)"
    )
    params: tuple[Any, ...] = ()
    if community is not None:
        sql += " AND (c.name = ? OR c.id = ?)"
        params = (community, community)
    return led.store.rows(sql + " ORDER BY c.sort, c.rowid", params)


def cmd_issue_package(args: argparse.Namespace) -> int:
    """A second package for a community makes the first obsolete: asked for with --replace, and said."""
    led = open_ledger(args, args.ledger)
    try:
        earlier = _earlier_packages(led, None if args.all else args.community[0])
        if earlier and not args.replace:
            e = earlier[0]
            raise LedgerError(
                "package_exists", community=e["community"], file=e["file_name"], at=e["issued_at"][:16]
            )
        if args.all:
            paths = exchange.issue_all(led, args.all)
        else:
            name, out = args.community
            paths = [exchange.issue_package(led, name, out)]
    finally:
        led.close()
    for path in paths:
        print(f"已下发：{path}")
    for e in earlier:
        print(f"  居民区“{e['community']}”此前的下发包“{e['file_name']}”已作废，请书记改用新包。")
    return 0


def field_words(led: Ledger, table: str, row_id: str, field: str) -> str:
    """What a conflict or a refusal is about, in words: 整改进展, 指标“培训”的完成值, 办理步骤, 佐证材料 …"""
    if table == "indicator" and field not in ("", "*"):
        name = led.store.one("SELECT name FROM indicator WHERE id = ?", (row_id,)) or ""
        return f"指标“{name}”的{FIELD_LABELS.get(field, field)}"
    if field == "status":
        return "办理步骤"
    if field in ("", "*"):
        return TABLE_WORDS.get(table, "记录")
    return FIELD_LABELS.get(field, EXTRA_FIELDS.get(field, "字段"))


def task_words(led: Ledger, task_id: str | None) -> str:
    row = led.store.conn.execute(
        "SELECT c.name, t.measure FROM task t JOIN community c ON c.id = t.community_id WHERE t.id = ?",
        (task_id or "",),
    ).fetchone()
    return f"{row[0]}·{row[1]}" if row else "（已删除的任务）"


def _side(name: str, value: Any, author: str, at: str) -> str:
    who = "，".join(x for x in (author, at[:16]) if x)
    return f"{name}“{value_text(value)}”" + (f"（{who}）" if who else "")


def conflict_line(led: Ledger, key: str, r: dict[str, Any]) -> str:
    return (
        f"冲突 [{key}] {task_words(led, r['task_id'])} 的{field_words(led, r['table'], r['row_id'], r['field'])}："
        f"{_side('主台账', r['ours'], r['our_author'], r['our_at'])} ↔ "
        f"{_side('上报', r['theirs'], r['their_author'], r['their_at'])}：{r['reason']}"
    )


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
        conflicts = [
            conflict_line(
                led,
                exchange_merge.short_key(it.key),
                {
                    "task_id": it.task_id,
                    "table": it.table,
                    "row_id": it.row_id,
                    "field": it.field,
                    "ours": it.ours,
                    "theirs": it.theirs,
                    "our_author": it.our_author,
                    "our_at": it.our_at,
                    "their_author": it.their_author,
                    "their_at": it.their_at,
                    "reason": it.reason
                    + (
                        "" if it.status in ("", "open") else f"（已{exchange_merge.STATUS_WORDS[it.status]}）"
                    ),
                },
            )
            for it in result.conflicts
        ]
        refused = [
            f"拒绝 {task_words(led, it.task_id)} 的{field_words(led, it.table, it.row_id, it.field)}：{it.reason}"
            for it in result.refused
        ]
    finally:
        led.close()
    open_conflicts = result.open_conflicts
    if args.json:
        out = result.to_json()
        out["dry_run"] = bool(args.dry_run)
        out["conflict_lines"], out["refused_lines"] = conflicts, refused
        print_json(out)
    else:
        head = "预览（未写入）" if args.dry_run else "已合并"
        print(
            f"{head}：{result.path.name}（居民区“{result.community}”）：可合并 {len(result.applied)} 项，"
            f"冲突 {len(result.conflicts)} 项，拒绝 {len(result.refused)} 项"
            + (f"；此前已合并 {result.already} 条" if result.already else "")
        )
        for line in conflicts + refused:
            print("  " + line)
        backup = getattr(result, "backup", None)
        if backup:
            print(f"合并前已备份：{backup}")
        if open_conflicts and not args.dry_run:
            print(
                f"还有 {len(open_conflicts)} 项冲突待处理：main.py decide-conflict {args.ledger}"
                "（或导入时用 --decide 编号=ours|theirs|new:新值）"
            )
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
            lines = [
                conflict_line(led, r["id"][:8], r | {"table": r["tbl"], "row_id": r["row_id"]}) for r in rows
            ]
            if args.json:
                print_json([r | {"line": line} for r, line in zip(rows, lines, strict=True)])
            else:
                for line in lines:
                    print(line)
            return EXIT_CONFLICTS if rows else 0
        if not args.choice:
            raise LedgerError("empty_field", field="--choice（ours / theirs / new）")
        seq = journal.last_seq(led.store)
        exchange_merge.decide_conflict(led, args.conflict, args.choice, args.value)
        written = entries_since(led, seq)
        if args.json:
            print_json(changes_json(led, written))
        else:
            print(summary_line(led, written))
    finally:
        led.close()
    return 0


def cmd_replace_package(args: argparse.Namespace) -> int:
    path = exchange.replace_package(args.old, args.new)
    print(f"已换成新的下发包：{path}（旧包已另存在同一文件夹）")
    return 0
