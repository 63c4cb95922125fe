"""What the sign-off modules share: their command names in the user's words, the role check, id lookup."""

from __future__ import annotations

from collections.abc import Iterable

from ledger.core import LedgerError, Operator, Role
from ledger.service import Ledger

# The journal's command names of the sign-off room, in the user's words (for the history panel).
COMMAND_LABELS: dict[str, str] = {
    "attach_evidence": "添加佐证材料",
    "remove_evidence": "删除佐证材料",
    "request_extension": "申请延期",
    "decide_extension": "批复延期申请",
    "draw_recheck": "抽取回头看样本",
    "record_recheck": "记录回头看结果",
}
EXTENSION_LABELS = {"pending": "待批", "approved": "同意延期", "refused": "不同意延期"}
RESULT_LABELS = {"": "待核查", "pass": "合格", "relapse": "反弹"}
RESULTS = ("pass", "relapse")


def require_role(ledger: Ledger, action: str, roles: Iterable[Role]) -> Operator:
    allowed = sorted(set(roles))
    op = ledger.operator
    if op.role not in allowed:
        raise LedgerError(
            "wrong_role",
            action=action,
            need="或".join(r.label for r in allowed),
            actor=op.name,
            role=op.role.label,
        )
    return op


def now_text(ledger: Ledger) -> str:
    return ledger.clock.now().isoformat(sep=" ")


def resolve_id(ledger: Ledger, table: str, ref: str) -> str:
    """An id of ``table`` (task, evidence, extension, recheck, recheck_item) from the id or its unique first 6+
    chars; a deleted task is not found."""
    if table not in ("task", "evidence", "extension", "recheck", "recheck_item"):
        raise LedgerError("bad_value", field="表", value=table, detail="不能按编号查找")
    live = " AND deleted_at IS NULL" if table == "task" else ""
    ref = ref.strip()
    if ledger.store.one(f"SELECT 1 FROM {table} WHERE id = ?{live}", (ref,)):
        return ref
    found = [
        r[0]
        for r in ledger.store.conn.execute(
            f"SELECT id FROM {table} WHERE id LIKE ?{live} LIMIT 2",
            (ref.replace("%", "").replace("_", "") + "%",),
        )
    ]
    if len(found) == 1 and len(ref) >= 6:
        return str(found[0])
    if table == "task":
        raise LedgerError("no_such_task", task=ref)
    raise LedgerError(f"no_such_{table}", id=ref)
