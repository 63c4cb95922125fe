"""The domain's words as types: statuses, kinds, roles, and the rows a view reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.core.indicator import Indicator as Indicator


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    CLOSED = "closed"
    ONGOING = "ongoing"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def letter(self) -> str:
        """One character that stands for the state where colour cannot (grey print, colour-blind)."""
        return STATUS_LETTERS[self]


# The window shows these words in the user's language: their English is in resources/i18n/en.ts ("Domain").
STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.SUBMITTED: "申请销号",
    Status.IN_REVIEW: "审核中",
    Status.RETURNED: "已退回",
    Status.CLOSED: "已销号",
    Status.ONGOING: "长期坚持",
    Status.REOPENED: "反弹重启",
}

STATUS_LETTERS: dict[Status, str] = {
    Status.NOT_STARTED: "未",
    Status.IN_PROGRESS: "进",
    Status.SUBMITTED: "申",
    Status.IN_REVIEW: "审",
    Status.RETURNED: "退",
    Status.CLOSED: "销",
    Status.ONGOING: "长",
    Status.REOPENED: "弹",
}


OPEN_STATUSES = frozenset(
    {
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        Status.RETURNED,
        Status.REOPENED,
        Status.SUBMITTED,
        Status.IN_REVIEW,
    }
)
# Open and not waiting for a review: late once the deadline has passed (a task waiting for review is not late).
LATE_STATUSES = frozenset(
    s.value for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED, Status.REOPENED)
)


class Kind(StrEnum):
    IMMEDIATE = "立行立改"
    DEADLINE = "限期整改"
    LONG_TERM = "长期坚持"


class Role(StrEnum):
    WORK_TEAM = "work_team"
    SECRETARY = "secretary"
    LEADER = "leader"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.WORK_TEAM: "工作专班",
    Role.SECRETARY: "居民区书记",
    Role.LEADER: "领导",
}

ROLE_BY_LABEL: dict[str, Role] = {r.label: r for r in Role}


@dataclass(frozen=True)
class Operator:
    """Who is at the keyboard: every journal entry carries it."""

    name: str
    role: Role

    @classmethod
    def of(cls, name: str, role: str | Role) -> Operator:
        from ledger.core.errors import LedgerError
        from ledger.core.people import normalize_name
        from ledger.core.values import clean_text, is_blank

        name = normalize_name(clean_text(name, "姓名"))
        if is_blank(name):
            raise LedgerError("empty_field", field="姓名")
        try:
            r = Role(role) if not isinstance(role, Role) else role
        except ValueError:
            r = ROLE_BY_LABEL.get(str(role))  # type: ignore[assignment]
            if r is None:
                raise LedgerError("bad_role", value=role) from None
        return cls(name.strip(), r)


class Health(StrEnum):
    """Deadline health, the board's colours (GLOSSARY): 逾期 红 · 临期 黄 · 正常 绿 · 待审 蓝 · 已销号 灰."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NORMAL = "normal"
    PENDING = "pending"
    CLOSED = "closed"
    ONGOING = "ongoing"
    NOT_STARTED = "not_started"


DUE_SOON_DAYS = 7


def health(
    status: Status, deadline: dt.date | None, today: dt.date, due_soon_days: int = DUE_SOON_DAYS
) -> Health:
    """The colour a task shows: review and closed states win, then the deadline."""
    if status == Status.CLOSED:
        return Health.CLOSED
    if status in (Status.SUBMITTED, Status.IN_REVIEW):
        return Health.PENDING
    if status == Status.ONGOING:
        return Health.ONGOING
    if deadline is not None:
        left = (deadline - today).days
        if left < 0:
            return Health.OVERDUE
        if left <= due_soon_days:
            return Health.DUE_SOON
    if status == Status.NOT_STARTED:
        return Health.NOT_STARTED
    return Health.NORMAL


@dataclass
class TaskRow:
    """One task with the names a view shows beside it."""

    id: str
    community_id: str
    community: str
    category_id: str
    category: str
    problem_id: str
    problem: str
    measure: str
    detail: str
    kind: str
    owner: str
    leader: str
    department: str
    deadline: dt.date | None
    original_deadline: dt.date | None
    status: Status
    progress: str
    return_reason: str
    updated_at: str
    review_round: int
    review_level: int
    example: bool = False
    statement: str = ""  # 销号说明 of the current review round (never part of progress)
    indicators: list[Indicator] = field(default_factory=list)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days


def __getattr__(name: str) -> Any:
    """``Indicator`` lives in ledger.core.indicator (imported on first use); it was defined here."""
    if name == "Indicator":
        from ledger.core.indicator import Indicator

        return Indicator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FIELD_LABELS: dict[str, str] = {
    "measure": "整改措施",
    "detail": "措施说明",
    "owner": "责任人",
    "leader": "责任领导",
    "department": "责任部门",
    "deadline": "整改时限",
    "original_deadline": "原定时限",
    "kind": "整改类型",
    "progress": "整改进展",
    "statement": "销号说明",
    "status": "状态",
    "return_reason": "退回理由",
    "name": "名称",
    "title": "标题",
    "sort": "排序",
    "unit": "单位",
    "target": "目标值",
    "actual": "完成值",
    "secretary": "书记",
    "community_id": "居民区",
    "problem_id": "反馈问题",
    "category_id": "问题类别",
    "deleted_at": "删除时间",
    "review_round": "审核轮次",
    "review_level": "审核级别",
    "example": "示例数据",
}
