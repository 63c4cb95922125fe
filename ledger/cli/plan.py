"""Command-line handler for `import-plan`: a plan, feedback or notice read, previewed (--dry-run) or imported."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ledger.cli.common import as_registered, clock_from, operator_from
from ledger.office.plan_table import load_plan_document
from ledger.plan import ParsedPlan, PlanFileError, default_assignment, import_plan, preview_import
from ledger.service import Ledger


def _print_tree(plan: ParsedPlan) -> None:
    cats, probs, measures = plan.counts()
    print(f"识别出问题类别 {cats} 个、反馈问题 {probs} 个、整改措施 {measures} 条：")
    for ci, cat in enumerate(plan.categories, start=1):
        print(f"（{ci}）{cat.title}")
        for pi, prob in enumerate(cat.problems, start=1):
            print(f"    {pi}. {prob.title}")
            for measure in prob.measures:
                named = f"  〔{'、'.join(measure.communities)}〕" if measure.communities else ""
                facts = [
                    f"{label}：{value}"
                    for label, value in (
                        ("责任领导", measure.leader),
                        ("责任部门", measure.department),
                        ("责任人", "、".join(measure.owners)),
                        ("完成时限", measure.deadline or measure.kind or ""),
                    )
                    if value
                ]
                said = f"（{'；'.join(facts)}）" if facts else ""
                print(f"        - {measure.title}{named}{said}")


def cmd_import_plan(args: argparse.Namespace) -> int:
    ledger_path = Path(args.ledger)
    source = Path(args.file)
    if args.dry_run:
        led = Ledger.open(ledger_path, clock=clock_from(args), lock=False) if ledger_path.exists() else None
        try:
            plan = load_plan_document(source, led)
            preview = (
                preview_import(led, plan, default_assignment(plan, led, mode=args.communities))
                if led
                else None
            )
        except PlanFileError as exc:
            print(exc.message(), file=sys.stderr)
            return 1
        finally:
            if led is not None:
                led.close()
        if args.json:
            out = plan.to_json()
            sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
            return 0
        _print_tree(plan)
        for warning in plan.warnings:
            print(f"注意：{warning}")
        if preview is not None:
            print(preview.sentence())
        print("（试运行：台账未作任何改动。）")
        return 0
    try:
        load_plan_document(source)  # a file that cannot be read is refused before the ledger is opened
    except PlanFileError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    led = as_registered(Ledger.open(ledger_path, clock=clock_from(args), operator=operator_from(args)), args)
    try:
        plan = load_plan_document(source, led)
        result = import_plan(
            led, plan, default_assignment(plan, led, mode=args.communities), source_name=source.name
        )
    except PlanFileError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    finally:
        led.close()
    if args.json:
        sys.stdout.write(
            json.dumps({**result.to_json(), "warnings": plan.warnings}, ensure_ascii=False, indent=2) + "\n"
        )
        return 0
    for warning in plan.warnings:
        print(f"注意：{warning}")
    print(result.sentence())
    if result.unknown_communities:
        print(
            f"文中提到但台账中没有的居民区：{'、'.join(result.unknown_communities)}（未创建；如需要，请先添加"
            "这些居民区后再导入一次，已导入的内容不会重复）。"
        )
    return 0
