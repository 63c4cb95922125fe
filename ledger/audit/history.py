"""A task's history in the user's words: each journal entry as (field, before, after) lines, and the rows shown."""

from __future__ import annotations

import json
from typing import Any

from ledger import signoff
from ledger.core import ACTION_LABELS, FIELD_LABELS, Status
from ledger.service import COMMAND_LABELS_ZH
from ledger.storage import Entry

DECISION_LABELS = {"approve": "通过", "return": "退回"}
EXTRA_FIELDS = {
    "removed_at": "删除时间",
    "decided_by": "批复人",
    "decided_at": "批复时间",
    "decision_note": "批复意见",
    "checked_by": "核查人",
    "checked_at": "核查时间",
    "finding": "发现的问题",
    "result": "回头看结果",
    "new_deadline": "申请延至",
}
QUIET_FIELDS = ("updated_at", "sort", "review_level", "decided_by", "decided_at", "checked_by", "checked_at")


TABLE_WORDS = {
    "task": "整改任务",
    "indicator": "量化指标",
    "evidence": "佐证材料",
    "review": "审核记录",
    "community": "居民区",
    "category": "问题类别",
    "problem": "反馈问题",
    "extension": "延期申请",
    "recheck": "回头看",
    "recheck_item": "回头看样本",
    "setting": "台账设置",
    "package": "社区包",
    "package_merge": "合并记录",
    "merged_entry": "合并的日志",
    "merge_conflict": "合并冲突",
    "period": "对账期",
    "period_tick": "对账核对",
}
OTHER_COMMANDS = {
    "create_ledger": "新建台账",
    "update_progress": "更新整改进展",
    "add_indicator": "添加量化指标",
    "issue_package": "下发社区包",
    "return_package": "上报",
    "merge_package": "导入上报",
    "decide_conflict": "处理合并冲突",
    "open_period": "开始对账",
    "tick_period": "核对",
    "untick_period": "取消核对",
    "close_period": "结账",
    "import_excel_ledger": "导入其他台账",
    "undo": "撤销",
    "add_person": "人员名册：添加",
    "update_person": "人员名册：修改",
    "set_password": "设置签字密码",
    "reset_password": "清除签字密码",
}


# Every journalled command in the user's words; the workflow's own labels first (submit is 申请销号).
COMMAND_WORDS = {
    **OTHER_COMMANDS,
    **COMMAND_LABELS_ZH,
    **signoff.COMMAND_LABELS,
    **{a.value: label for a, label in ACTION_LABELS.items()},
}


def command_label(command: str) -> str:
    return COMMAND_WORDS.get(command, command)


def describe_entry(entry: Entry) -> list[tuple[str, str, str]]:
    """(field, before, after) lines of one journal entry, in the user's words."""
    lines = []
    for c in entry.changes:
        if c.table == "setting" and c.id == "people_passwords":  # only a salted hash, never shown
            lines.append(("签字密码", "", f"已{command_label(entry.command)}（只保存加密摘要）"))
            continue
        if c.op == "update":
            if c.field in QUIET_FIELDS:
                continue
            before, after = c.before, c.after
            label = FIELD_LABELS.get(c.field or "", EXTRA_FIELDS.get(c.field or "", c.field or ""))
            if c.table == "task" and c.field == "status":
                before, after = Status(before).label, Status(after).label
            elif c.table == "evidence" and c.field == "removed_at":
                label, before, after = "删除佐证材料", entry.args.get("file_name", ""), ""
            elif c.table == "extension" and c.field == "status":
                label = "批复延期申请"
                before, after = (
                    signoff.EXTENSION_LABELS.get(before, before),
                    signoff.EXTENSION_LABELS.get(after, after),
                )
            elif c.table == "recheck_item" and c.field == "result":
                before, after = (
                    signoff.RESULT_LABELS.get(before, before),
                    signoff.RESULT_LABELS.get(after, after),
                )
            lines.append((label, value_text(before), value_text(after)))
        elif c.op == "insert":
            row = c.row or {}
            what = {
                "task": "新建任务",
                "indicator": "新增指标",
                "review": "审核记录",
                "community": "新增居民区",
                "category": "新增类别",
                "problem": "新增问题",
                "evidence": "新增佐证材料",
                "extension": "申请延期",
                "recheck_item": "列入回头看样本",
                "setting": "台账设置",
            }.get(c.table, "新增" + TABLE_WORDS.get(c.table, c.table))
            desc = (
                row.get("measure")
                or row.get("name")
                or row.get("title")
                or row.get("file_name")
                or row.get("level_name")
                or ""
            )
            if c.table == "setting":
                value = row.get("value")
                shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
                desc = f"{row.get('key')} = {shown}"
            if c.table == "review":
                desc = (
                    f"{row.get('level_name')}：{row.get('reviewer')} "
                    f"{DECISION_LABELS.get(row.get('decision', ''), row.get('decision'))} {row.get('grade')} "
                    f"{row.get('opinion')}"
                )
            elif c.table == "extension":
                lines.append(
                    (
                        what,
                        value_text(row.get("old_deadline")),
                        f"{row.get('new_deadline')}：{row.get('reason')}",
                    )
                )
                continue
            lines.append((what, "", value_text(desc)))
        else:
            row = c.row or {}
            lines.append(
                (
                    {"indicator": "删除指标"}.get(c.table, "删除"),
                    value_text(row.get("name") or row.get("title")),
                    "",
                )
            )
    return lines


def value_text(v: Any) -> str:
    """A value as the history shows it: （空） for nothing, 3 not 3.0."""
    if v is None:
        return "（空）"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def history_rows(entries: list[Entry]) -> list[tuple[str, str, str, str, str]]:
    """(when, who, field, before, after) per line of ``entries``, newest first; an entry without lines is one row."""
    rows: list[tuple[str, str, str, str, str]] = []
    for entry in reversed(entries):
        who = f"{entry.actor}（{entry.origin}）" if entry.origin != "本机" else entry.actor
        if entry.args.get("signed"):
            who += "（已签字确认）"
        label = command_label(entry.command)
        for fld, before, after in describe_entry(entry) or [(label, "", "")]:
            rows.append((entry.at[:16], who, fld, before, after))
    return rows
