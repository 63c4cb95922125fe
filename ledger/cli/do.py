"""`main.py do LEDGER NAME …`: any service command by name, as its actor."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ledger import signoff
from ledger.cli.common import open_ledger, password_from, print_json
from ledger.cli.output import changes_json, entries_since, summary_line
from ledger.core.errors import LedgerError
from ledger.core.workflow import Action
from ledger.service import (
    add_person,
    has_password,
    register,
    reset_password,
    set_password,
    update_person,
)
from ledger.service.commands import Ledger
from ledger.signoff import resolve_id
from ledger.storage import journal


def _lookup(led: Ledger, table: str, col: str, ref: str) -> str:
    rows = led.store.rows(f"SELECT id FROM {table} WHERE id = ? OR {col} = ?", (ref, ref))
    if len(rows) != 1:
        raise LedgerError(f"no_such_{table}", id=ref, name=ref)
    return str(rows[0]["id"])


def _entry_id(led: Ledger, ref: str) -> str:
    """A journal entry's id from the id or its first 6+ characters (as every summary prints 8)."""
    ref = ref.strip()
    found = [
        r[0] for r in led.store.conn.execute("SELECT id FROM journal WHERE id LIKE ? LIMIT 2", (ref + "%",))
    ]
    return str(found[0]) if len(found) == 1 and (len(ref) >= 6 or found[0] == ref) else ref


def _given(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The options among ``names`` that were given: a field left out is left unchanged."""
    return {name: value for name in names if (value := getattr(args, name, None)) is not None}


def _people(led: Ledger, args: argparse.Namespace) -> Any:
    c = args.do_command
    if c == "people":
        names = {r["id"]: r["name"] for r in led.communities()}
        return "\n".join(
            f"{p.name}\t{p.role.label}\t{names.get(p.community_id, '')}\t{'在用' if p.active else '已停用'}"
            f"\t{'有签字密码' if has_password(led, p.name) else ''}".rstrip()
            for p in register(led)
        )
    if c == "add_person":
        return add_person(led, args.name, args.person_role, args.community)
    if c == "update_person":
        active = True if args.active else False if args.inactive else None
        return update_person(
            led, args.name, args.person_role, active=active, community=args.community, new_name=args.new_name
        )
    if c == "set_password":
        new = password_from(argparse.Namespace(password_file=args.new_password_file)) or ""
        return set_password(led, new, led.signing_password)
    if c == "reset_password":
        return reset_password(led, args.name)
    if c == "set_review_chain":
        levels = []
        for part in args.levels.replace("，", ",").split(","):
            name, _, role = part.partition(":")
            levels.append({"name": name.strip(), "role": role.strip()})
        pw = (
            password_from(argparse.Namespace(password_file=args.leader_password_file))
            if args.leader_password_file
            else os.environ.get("LEDGER_LEADER_PASSWORD")
        )
        return signoff.set_review_chain(led, levels, args.leader, pw)
    return NOT_PEOPLE


NOT_PEOPLE = object()


def run_do(led: Ledger, args: argparse.Namespace) -> Any:
    c = args.do_command
    done = _people(led, args)
    if done is not NOT_PEOPLE:
        return done
    if c == "update_progress":
        return led.update_progress(resolve_id(led, "task", args.task), args.text)
    if c == "update_task":
        fields = _given(
            args, "owner", "leader", "department", "deadline", "kind", "progress", "measure", "detail"
        )
        return led.update_task(resolve_id(led, "task", args.task), **fields)
    if c in {a.value for a in Action}:
        outcome = led.act(
            resolve_id(led, "task", args.task),
            c,
            reason=args.reason,
            grade=getattr(args, "grade", ""),
            opinion=getattr(args, "opinion", ""),
            exception=getattr(args, "exception", ""),
        )
        return outcome.status.value
    if c == "add_community":
        return led.add_community(args.name, secretary=args.secretary, kind=args.kind)
    if c == "rename_community":
        return led.update_community(_lookup(led, "community", "name", args.community), name=args.name)
    if c == "add_category":
        return led.add_category(args.title)
    if c == "add_problem":
        return led.add_problem(_lookup(led, "category", "title", args.category), args.title)
    if c == "add_task":
        return led.add_task(
            _lookup(led, "problem", "title", args.problem),
            led.community_id(args.community),
            args.measure,
            **_given(args, "owner", "leader", "deadline", "kind"),
        )
    if c == "delete_task":
        return led.delete_task(resolve_id(led, "task", args.task))
    if c == "add_indicator":
        return led.add_indicator(
            resolve_id(led, "task", args.task), args.name, args.unit, args.target, args.actual
        )
    if c == "update_indicator":
        return led.update_indicator(args.indicator, **_given(args, "name", "unit", "target", "actual"))
    if c == "undo":
        return led.undo(_entry_id(led, args.entry))
    if c == "set_setting":
        try:
            value = json.loads(args.value)
        except ValueError:
            value = args.value
        return led.set_setting(args.key, value)
    if c == "attach_evidence":
        return signoff.attach_evidence(led, resolve_id(led, "task", args.task), args.file)
    if c == "remove_evidence":
        released = signoff.remove_evidence(led, resolve_id(led, "evidence", args.evidence))
        return (
            "已删除；没有其他任务使用这份文件，文件内容已从台账中清除"
            if released
            else "已删除；其他任务仍使用这份文件"
        )
    if c == "export_evidence":
        task_ref = resolve_id(led, "task", args.task) if args.task else None
        return signoff.export_evidence_zip(led, args.out, task_id=task_ref, community=args.community)
    if c == "request_extension":
        return signoff.request_extension(led, resolve_id(led, "task", args.task), args.deadline, args.reason)
    if c == "decide_extension":
        if args.approve == args.refuse:
            raise LedgerError(
                "bad_value",
                field="批复",
                value="",
                detail="请给出 --approve（同意）或 --refuse（不同意）之一。",
            )
        signoff.decide_extension(led, resolve_id(led, "extension", args.extension), args.approve, args.note)
        return "approved" if args.approve else "refused"
    if c in ("draw_recheck", "repeat_draw"):
        if c == "draw_recheck":
            cids = [led.community_id(n) for n in args.community] if args.community else None
            rid = signoff.draw_recheck(
                led,
                percent=args.percent,
                count=args.count,
                per_community=args.per_community,
                community_ids=cids,
                seed=args.seed,
                note=args.note,
            )
        else:
            rid = resolve_id(led, "recheck", args.recheck)
        rc = signoff.recheck(led, rid)
        items = [
            {"item": it.id, "task": it.task_id, "result": it.result} for it in signoff.recheck_items(led, rid)
        ]
        out = {
            "recheck": rid,
            "seed": rc.seed,
            "method": rc.method,
            "amount": rc.amount,
            "scope": rc.scope,
            "population": len(rc.population),
            "sample": list(rc.sample),
            "items": items,
        }
        if c == "repeat_draw":
            again = signoff.repeat_draw(led, rid)
            out.update(repeated=again, same=again == list(rc.sample))
        return json.dumps(out, ensure_ascii=False, indent=2)
    if c == "record_recheck":
        return signoff.record_recheck(
            led, resolve_id(led, "recheck_item", args.item), args.result, args.finding
        ).value
    if c == "review_queue":
        return json.dumps([q.to_json() for q in signoff.review_queue(led)], ensure_ascii=False, indent=2)
    raise LedgerError("bad_value", field="命令", value=c, detail="没有这个命令")


# `do` commands that report (JSON) rather than change: their output is the report itself.
REPORTS = frozenset({"review_queue", "draw_recheck", "repeat_draw"})


def cmd_do(args: argparse.Namespace) -> int:
    """Run one command; print one Chinese line saying what changed (``--json``: the entry ids and changes)."""
    if not getattr(args, "actor", None):
        print("请用 --actor 说明操作人姓名（每条修改都记入日志）。", file=sys.stderr)
        return 2
    led = open_ledger(args)
    try:
        seq = journal.last_seq(led.store)
        result = run_do(led, args)
        written = entries_since(led, seq)
        if args.do_command in REPORTS:
            print(result)
        elif getattr(args, "json", False):
            print_json(
                changes_json(led, written, None if isinstance(result, str) and len(result) == 36 else result)
            )
        else:
            line = summary_line(led, written)
            if args.do_command == "export_evidence":
                line = f"已导出佐证材料：{result}"
            print(line)
    finally:
        led.close()
    return 0
