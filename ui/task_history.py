"""A task's history in the user's words: each journal entry as (field, before, after) lines, and the table's rows."""

from __future__ import annotations

from typing import Any

from ledger import signoff
from ledger.journal import Entry
from ledger.model import FIELD_LABELS, Status

DECISION_LABELS = {"approve": "通过", "return": "退回"}
EXTRA_FIELDS = {"removed_at": "删除时间", "decided_by": "批复人", "decided_at": "批复时间", "decision_note": "批复意见",
                "checked_by": "核查人", "checked_at": "核查时间", "finding": "发现的问题", "result": "回头看结果",
                "new_deadline": "申请延至"}
QUIET_FIELDS = ("updated_at", "sort", "review_level", "decided_by", "decided_at", "checked_by", "checked_at")


def describe_entry(entry: Entry) -> list[tuple[str, str, str]]:
    """(field, before, after) lines of one journal entry, in the user's words."""
    lines = []
    for c in entry.changes:
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
                before, after = signoff.EXTENSION_LABELS.get(before, before), signoff.EXTENSION_LABELS.get(after, after)
            elif c.table == "recheck_item" and c.field == "result":
                before, after = signoff.RESULT_LABELS.get(before, before), signoff.RESULT_LABELS.get(after, after)
            lines.append((label, _s(before), _s(after)))
        elif c.op == "insert":
            row = c.row or {}
            what = {"task": "新建任务", "indicator": "新增指标", "review": "审核记录", "community": "新增居民区",
                    "category": "新增类别", "problem": "新增问题", "evidence": "新增佐证材料",
                    "extension": "申请延期", "recheck_item": "列入回头看样本"}.get(c.table, c.table)
            desc = row.get("measure") or row.get("name") or row.get("title") or row.get("file_name") \
                or row.get("level_name") or ""
            if c.table == "review":
                desc = f"{row.get('level_name')}：{row.get('reviewer')} " \
                       f"{DECISION_LABELS.get(row.get('decision', ''), row.get('decision'))} {row.get('grade')} " \
                       f"{row.get('opinion')}"
            elif c.table == "extension":
                lines.append((what, _s(row.get("old_deadline")), f"{row.get('new_deadline')}：{row.get('reason')}"))
                continue
            lines.append((what, "", _s(desc)))
        else:
            row = c.row or {}
            lines.append(({"indicator": "删除指标"}.get(c.table, "删除"), _s(row.get("name") or row.get("title")), ""))
    return lines


def _s(v: Any) -> str:
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
        label = signoff.COMMAND_LABELS.get(entry.command, entry.command)
        for fld, before, after in describe_entry(entry) or [(label, "", "")]:
            rows.append((entry.at[:16], who, fld, before, after))
    return rows
