"""The journal in the reader's words (修改记录, a task's history): one row per changed field, all in Chinese.

Rows are (content, before, after). No JSON, no internal keys (ids, hashes, sort keys, bookkeeping tables), no
empty rows: bookkeeping (the rows a merge or a reconciliation writes for itself) is summed up in one row; an
indicator's change names the indicator and whether its target or its actual changed; a setting is said in words
(the review chain as "初审（工作专班）→ 复核（领导）→ 终审（领导）"); a conflict decision is one row naming
both values and the choice."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ledger import signoff
from ledger.core import ACTION_LABELS, FIELD_LABELS, Role, Status
from ledger.core.model import ROLE_LABELS
from ledger.service import COMMAND_LABELS_ZH
from ledger.storage import Change, Entry

Row = tuple[str, str, str]

DECISION_LABELS = {"approve": "通过", "return": "退回"}
CHOICE_WORDS = {"ours": "保留主台账", "theirs": "采用上报", "new": "改为新值"}
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
    "note": "说明",
}
# Fields a reader does not need: derived, bookkeeping, or said by another row of the same entry. A setting's
# "value" is not one of them: a setting change shows its before and after in words (setting_change); secrets
# (the signing passwords' hashes) and internal settings (HIDDEN_SETTINGS) are kept out by name, and a merge
# conflict's "value" goes with its table.
QUIET_FIELDS = frozenset(
    {
        "updated_at",
        "sort",
        "rank",
        "review_level",
        "decided_by",
        "decided_at",
        "checked_by",
        "checked_at",
        "ord_problem",
        "ord_community",
        "snapshot",
        "end_seq",
        "start_seq",
        "closed_by",
    }
)
# Tables a command writes for its own bookkeeping: summed up, never one row per record.
BOOKKEEPING = frozenset({"package_merge", "merged_entry", "period_tick"})

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
    "decide_conflict": "裁决合并冲突",
    "open_period": "开始对账",
    "tick_period": "核对",
    "untick_period": "取消核对",
    "close_period": "结账",
    "import_excel_ledger": "导入其他台账",
    "fix_original_deadline": "更正原定时限（程序升级）",
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
    "update_indicator": "修改量化指标",
}

SETTING_WORDS = {
    "org_name": "单位名称",
    "review_chain": "审核链",
    "review_checks": "各级审核要点",
    "due_soon_days": "临期预警天数",
    "board_scheme": "挂图配色",
    "week_closes_on": "每周结账日",
    "stall_weeks": "停滞预警周数",
    "evidence_max_mb": "佐证材料大小上限（MB）",
    "excel_templates": "Excel 导出模板",
    "excel_template_default": "默认 Excel 模板",
    "package": "社区包（居民区模式）",
    "returned": "上报记录",
    "contact": "联系人",
    "inspection": "巡察信息",
    "example": "示例台账",
    "people": "人员名册",
    "generated": "生成的测试数据",
}
# The parts of a record-shaped setting, in the order they are said.
SETTING_PARTS = {
    "inspection": (("group", "巡察组"), ("from", "进驻"), ("to", "结束"), ("feedback", "反馈")),
    "contact": (("phone", "联系电话"), ("address", "通讯地址"), ("postcode", "邮政编码")),
}
HIDDEN_SETTINGS = frozenset({"ledger_id", "app"})
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def command_label(command: str) -> str:
    return COMMAND_WORDS.get(command, command)


def entry_label(entry: Entry) -> str:
    """The 操作 of an entry: an indicator's update says whether it was the actual (完成值) or the target."""
    if entry.command == "update_indicator":
        fields = {c.field for c in entry.changes if c.table == "indicator" and c.op == "update"}
        if fields == {"actual"}:
            return "更新指标完成值"
        if fields == {"target"}:
            return "修改指标目标值"
    return command_label(entry.command)


def origin_text(origin: str) -> str:
    """来源: 本机, or the file it came from (上报包 …, 填报表 …, 导入台账 …)."""
    kind, sep, rest = origin.partition(":")
    return f"{kind} {rest}" if sep else origin


def role_text(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


def value_text(v: Any) -> str:
    """A value as the record shows it: （空） for nothing, 3 not 3.0, 是/否, lists and records in words."""
    if v is None or v == "":
        return "（空）"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dict):
        return _record_text(v)
    if isinstance(v, list):
        return "；".join(value_text(x) for x in v) or "（空）"
    return str(v)


def _record_text(v: dict[str, Any]) -> str:
    """A row or a step a conflict carries, said by what it is (never its keys)."""
    if "action" in v:
        action = ACTION_LABELS.get(_action(v["action"]), str(v["action"])) if v.get("action") else "办理"
        return action + (f"（说明：{v['reason']}）" if v.get("reason") else "")
    if "file_name" in v:
        return f"佐证材料“{v['file_name']}”"
    if "new_deadline" in v:
        return f"申请延期至 {v['new_deadline']}" + (f"：{v['reason']}" if v.get("reason") else "")
    if "name" in v and "task_id" in v:
        return f"量化指标“{v['name']}”"
    if "measure" in v:
        return f"整改任务“{v['measure']}”"
    return "（一条记录）"


def _action(value: Any) -> Any:
    from ledger.core import Action

    try:
        return Action(value)
    except ValueError:
        return value


def chain_text(value: Any) -> str:
    """审核链 in words: 初审（工作专班）→ 复核（领导）→ 终审（领导）."""
    if not isinstance(value, list):
        return value_text(value)
    return "→ ".join(f"{lv.get('name', '')}（{role_text(str(lv.get('role', '')))}）" for lv in value)


def setting_text(key: str, value: Any) -> str:
    if value is None:
        return "（空）"
    if key == "review_chain":
        return chain_text(value)
    if key == "week_closes_on" and isinstance(value, int) and 1 <= value <= 7:
        return WEEKDAYS[value - 1]
    if key == "package" and isinstance(value, dict):
        return f"{value.get('community', '')}的社区包"
    if key == "review_checks" and isinstance(value, list):
        from ledger.core.workflow import CHECK_LABELS

        return "；".join(
            f"第{i}级：" + ("、".join(CHECK_LABELS.get(str(c), "") for c in level) if level else "确认")
            for i, level in enumerate(value, start=1)
            if isinstance(level, list)
        )
    if key == "people" and isinstance(value, list):
        from ledger.core.people import people_from_setting

        return (
            "、".join(
                f"{p.name}（{role_text(p.role.value)}{'' if p.active else '，已停用'}）"
                for p in people_from_setting(value)
            )
            or "（空）"
        )
    if key == "board_scheme" and isinstance(value, dict):
        days = "、".join(str(b) for b in value.get("bands") or [])
        return f"{value.get('name') or '自定义'}，" + (f"提前 {days} 天预警临期" if days else "不预警临期")
    if key == "excel_templates" and isinstance(value, dict):
        return "模板：" + "、".join(str(name) for name in value) if value else "（空）"
    if key == "returned" and isinstance(value, dict):
        return f"{value.get('by', '')} {str(value.get('at', ''))[:16]} 上报".strip()
    if key == "generated" and isinstance(value, dict):
        return f"{value.get('tasks', '')} 项任务、{value.get('communities', '')} 个居民区"
    if key in SETTING_PARTS and isinstance(value, dict):
        parts = [f"{word} {value[k]}" for k, word in SETTING_PARTS[key] if value.get(k)]
        return "，".join(parts) if parts else "（空）"
    if isinstance(value, dict | list):
        return "已设置" if value else "（空）"
    return value_text(value)


def setting_change(key: str, before: Any, after: Any) -> tuple[str, str]:
    """A setting's 修改前 and 修改后 in words. A change the words do not show (a scheme's colours, a template's
    columns) still says that it changed, and a long value without words is not spelt out."""
    was, now = setting_text(key, before), setting_text(key, after)
    if was != now:
        return was, now
    if now == "已设置":
        return "", "已修改（内容较长，未逐项列出）"
    return was, f"{now}（其中细节有改动）"


def field_label(table: str, field: str, names: dict[str, str], row_id: str) -> str:
    if table == "indicator":
        return f"指标“{names.get(row_id, '')}”的{FIELD_LABELS.get(field, field)}"
    if table == "setting":
        return SETTING_WORDS.get(row_id, row_id)
    if table == "period" and field == "closed_at":
        return "结账时间"
    return FIELD_LABELS.get(field, EXTRA_FIELDS.get(field, TABLE_WORDS.get(table, "") + "记录"))


def _update(entry: Entry, c: Change, names: dict[str, str]) -> Row | None:
    fld = c.field or ""
    if fld in QUIET_FIELDS or c.table in BOOKKEEPING or c.table == "merge_conflict":
        return None
    if c.table == "setting" and c.id in HIDDEN_SETTINGS:
        return None
    before, after = c.before, c.after
    label = field_label(c.table, fld, names, c.id)
    if c.table == "indicator" and fld == "name":
        names[c.id] = str(after)
    if c.table == "task" and fld == "status":
        return label, Status(before).label, Status(after).label
    if c.table == "task" and fld == "deadline" and entry.command not in ("decide_extension",):
        return "整改时限（更正）" if before else "整改时限", value_text(before), value_text(after)
    if c.table == "evidence" and fld == "removed_at":
        return "删除佐证材料", str(entry.args.get("file_name", "") or "佐证材料"), "（已删除）"
    if c.table == "extension" and fld == "status":
        return (
            "批复延期申请",
            signoff.EXTENSION_LABELS.get(before, before),
            signoff.EXTENSION_LABELS.get(after, after),
        )
    if c.table == "recheck_item" and fld == "result":
        return (
            "回头看结果",
            signoff.RESULT_LABELS.get(before, before),
            signoff.RESULT_LABELS.get(after, after),
        )
    if c.table == "setting":
        return label, *setting_change(c.id, before, after)
    return label, value_text(before), value_text(after)


INSERT_WORDS = {
    "task": "新建任务",
    "indicator": "新增指标",
    "review": "审核记录",
    "community": "新增居民区",
    "category": "新增类别",
    "problem": "新增问题",
    "evidence": "新增佐证材料",
    "extension": "申请延期",
    "recheck": "抽取回头看样本",
    "recheck_item": "列入回头看样本",
    "package": "下发社区包",
    "period": "开始对账",
}


def _insert(c: Change, names: dict[str, str]) -> Row | None:
    row = c.row or {}
    if c.table in BOOKKEEPING:
        return None
    if c.table == "setting":
        key = str(row.get("key", c.id))
        if key in HIDDEN_SETTINGS:
            return None
        return SETTING_WORDS.get(key, key), "", setting_text(key, row.get("value"))
    if c.table == "indicator":
        names[c.id] = str(row.get("name", ""))
        target = (
            f"，目标 {value_text(row.get('target'))}{row.get('unit', '')}"
            if row.get("target") is not None
            else ""
        )
        return "新增指标", "", f"{row.get('name', '')}{target}"
    if c.table == "review":
        text = (
            f"{row.get('level_name')}：{row.get('reviewer')} "
            f"{DECISION_LABELS.get(row.get('decision', ''), row.get('decision'))}"
            + (f"，评定“{row.get('grade')}”" if row.get("grade") else "")
            + (f"，意见：{row.get('opinion')}" if row.get("opinion") else "")
        )
        return "审核记录", "", text
    if c.table == "extension":
        return (
            "申请延期",
            value_text(row.get("old_deadline")),
            f"{row.get('new_deadline')}：{row.get('reason')}",
        )
    if c.table == "merge_conflict":
        label = FIELD_LABELS.get(str(row.get("field", "")), "") or TABLE_WORDS.get(
            str(row.get("tbl", "")), ""
        )
        if str(row.get("field")) == "status":
            label = "办理步骤"
        return f"待处理的冲突：{label}", _json_text(row.get("ours")), _json_text(row.get("theirs"))
    if c.table == "period":
        return "开始对账", "", f"{row.get('week_start', '')} 至 {row.get('week_end', '')}"
    if c.table == "package":
        return "下发社区包", "", str(row.get("file_name", ""))
    desc = row.get("measure") or row.get("name") or row.get("title") or row.get("file_name") or ""
    return INSERT_WORDS.get(c.table, "新增" + TABLE_WORDS.get(c.table, "记录")), "", value_text(desc)


def _json_text(value: Any) -> str:
    import json

    try:
        return value_text(json.loads(value)) if isinstance(value, str) else value_text(value)
    except ValueError:
        return value_text(value)


def _delete(c: Change) -> Row | None:
    if c.table in BOOKKEEPING:
        return None
    row = c.row or {}
    what = {"indicator": "删除指标", "period_tick": "取消核对"}.get(
        c.table, "删除" + TABLE_WORDS.get(c.table, "记录")
    )
    return (
        what,
        value_text(row.get("name") or row.get("title") or row.get("measure") or row.get("file_name")),
        "（已删除）",
    )


def _decision(entry: Entry) -> Row:
    a = entry.args
    fld = str(a.get("field", ""))
    label = (
        "办理步骤"
        if fld == "status"
        else FIELD_LABELS.get(fld, "") or TABLE_WORDS.get(str(a.get("table")), "")
    )
    choice = str(a.get("choice", ""))
    theirs_by = f"上报（{a['their_author']}）" if a.get("their_author") else "上报"
    before = f"主台账：{value_text(a.get('ours'))}；{theirs_by}：{value_text(a.get('theirs'))}"
    result = {"ours": a.get("ours"), "theirs": a.get("theirs"), "new": a.get("value")}.get(choice)
    return f"冲突裁决：{label}", before, f"{CHOICE_WORDS.get(choice, choice)}：{value_text(result)}"


def _summary(entry: Entry) -> Row | None:
    a = entry.args
    if entry.command == "merge_package":
        return (
            "导入上报包",
            str(a.get("file", "")),
            f"应用 {a.get('applied', 0)} 条，冲突 {a.get('conflict', 0)} 条，拒绝 {a.get('refused', 0)} 条",
        )
    ticks = Counter(c.op for c in entry.changes if c.table == "period_tick")
    if ticks.get("insert"):
        return "核对", "", f"第 {a.get('week', '')} 期核对 {ticks['insert']} 条修改"
    if ticks.get("delete"):
        return "取消核对", "", f"第 {a.get('week', '')} 期取消核对 {ticks['delete']} 条"
    return None


def _person(entry: Entry) -> Row:
    """add_person / update_person in words, from the command's own arguments: who was added, or whom and what
    changed (the register's setting row would repeat the whole register, or say nothing once it existed)."""
    a = entry.args
    role = role_text(str(a.get("role", "")))
    if entry.command == "add_person":
        where = f"，{a['community']}" if a.get("community") else ""
        return "人员", "", f"{a.get('name', '')}（{role}{where}）"
    done = []
    if "active" in a:
        done.append("重新启用" if a["active"] else "停用")
    if a.get("new_name"):
        done.append(f"改名为 {a['new_name']}")
    if "community_id" in a:
        done.append(f"居民区改为 {a.get('community') or '（空）'}")
    return "人员", "", f"{a.get('name', '')}（{role}）" + ("：" + "，".join(done) if done else "")


def describe_entry(entry: Entry, names: dict[str, str] | None = None) -> list[Row]:
    """The rows of one entry, in the user's words (``names``: indicator id → name, kept up to date as entries
    are read oldest first)."""
    names = {} if names is None else names
    rows: list[Row] = []
    summary = _summary(entry)
    if summary is not None:
        rows.append(summary)
    skip: tuple[str, str, str] | None = None
    if entry.command == "decide_conflict":
        rows.append(_decision(entry))
        skip = (str(entry.args.get("table")), str(entry.args.get("row")), str(entry.args.get("field")))
    if entry.command in ("add_person", "update_person"):
        rows.append(_person(entry))
        skip = ("setting", "people", "value")
    for c in entry.changes:
        if skip is not None and (c.table, c.id, c.field or "") in (skip, (*skip[:2], "")):
            continue
        if c.table == "setting" and c.id == "people_passwords":  # only a salted hash, never shown
            rows.append(("签字密码", "", f"已{command_label(entry.command)}（只保存加密摘要）"))
            continue
        line = (
            _update(entry, c, names)
            if c.op == "update"
            else _insert(c, names)
            if c.op == "insert"
            else _delete(c)
        )
        if line is not None and (line[1] or line[2]):
            rows.append(line)
    return rows
