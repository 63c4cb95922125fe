"""A measure's 责任领导 / 责任部门 / 责任人 / 完成时限 as plans write them: labels in the text or table cells."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Deadline", "MeasureFields", "document_year", "parse_deadline", "parse_fields", "split_names"]

IMMEDIATE = "立行立改"
LONG_TERM = "长期坚持"

_LABELS: dict[str, tuple[str, ...]] = {
    "leader": ("责任领导", "牵头领导", "分管领导", "包联领导"),
    "department": ("责任部门", "责任单位", "牵头部门", "牵头单位", "责任科室", "配合部门", "责任主体"),
    "owner": ("具体责任人", "直接责任人", "责任人"),
    "deadline": ("完成时限", "整改时限", "完成时间", "整改期限", "时限要求", "时限"),
}
_ALL_LABELS = sorted((w for words in _LABELS.values() for w in words), key=len, reverse=True)
FIELD_LABEL_RE = re.compile(rf"(?:^|(?<=[\s。；;，,]))({'|'.join(_ALL_LABELS)})\s*[：:]")
_NAME_SPLIT_RE = re.compile(r"[、，,；;/／\s]+|(?<=[\u4e00-\u9fff])和(?=[\u4e00-\u9fff]{2,3}(?:$|[、，,]))")


@dataclass(frozen=True)
class Deadline:
    """A parsed 完成时限: an ISO date, or a kind (立行立改 / 长期坚持) with no date; ok False when not understood."""

    date: str | None = None
    kind: str | None = None
    ok: bool = True


@dataclass
class MeasureFields:
    leader: str = ""
    department: str = ""
    owners: list[str] = field(default_factory=list)
    deadline_text: str = ""

    def any(self) -> bool:
        return bool(self.leader or self.department or self.owners or self.deadline_text)

    def merged(self, fallback: MeasureFields) -> MeasureFields:
        """These fields, with the fallback's (the problem's) where these are empty."""
        return MeasureFields(
            self.leader or fallback.leader,
            self.department or fallback.department,
            list(self.owners or fallback.owners),
            self.deadline_text or fallback.deadline_text,
        )


def split_names(text: str) -> list[str]:
    """ "张三、李四" / "张三，李四" / "张三 李四" → ["张三", "李四"] (order kept, no repeats)."""
    names: list[str] = []
    for part in _NAME_SPLIT_RE.split(text or ""):
        part = part.strip().strip("。.")
        if part and part not in names:
            names.append(part)
    return names


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12 or not 1900 < year < 2200:
        return None
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_deadline(text: str, year: int | None) -> Deadline:
    """ "2025年12月底前" → 2025-12-31; "8月底前" → the last day of August of ``year``; "长期坚持" and "立行立改"
    → that kind with no date; "2025年11月30日" → that day. ``ok`` is False for what is not understood."""
    t = re.sub(r"\s+", "", text or "").translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not t:
        return Deadline()
    if IMMEDIATE in t or "立即" in t:
        return Deadline(kind=IMMEDIATE)
    if re.search(r"长期|持续|常态|长效", t):
        return Deadline(kind=LONG_TERM)
    m = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", t)
    if m:
        iso = _day(int(m[1]), int(m[2]), int(m[3]))
        return Deadline(iso) if iso else Deadline(ok=False)
    m = re.search(r"(\d{4})年(\d{1,2})月", t)
    if m:
        iso = _month_end(int(m[1]), int(m[2]))
        return Deadline(iso) if iso else Deadline(ok=False)
    m = re.search(r"(\d{4})年(?:年底|底|年末|末|内)", t) or re.search(r"(\d{4})年(?:前|以前)", t)
    if m:
        return Deadline(f"{int(m[1]):04d}-12-31")
    m = re.search(r"(\d{4})年(上半年|下半年|第?([一二三四1-4])季度)", t)
    if m:
        if m[2] == "上半年":
            return Deadline(f"{m[1]}-06-30")
        if m[2] == "下半年":
            return Deadline(f"{m[1]}-12-31")
        quarter = "一二三四".find(m[3]) + 1 if m[3] in "一二三四" else int(m[3])
        iso = _month_end(int(m[1]), quarter * 3)
        return Deadline(iso) if iso else Deadline(ok=False)
    if year is None:
        return Deadline(ok=False)
    m = re.match(r"^(\d{1,2})月(\d{1,2})日", t)
    if m:
        iso = _day(year, int(m[1]), int(m[2]))
        return Deadline(iso) if iso else Deadline(ok=False)
    m = re.match(r"^(\d{1,2})月", t)
    if m:
        iso = _month_end(year, int(m[1]))
        return Deadline(iso) if iso else Deadline(ok=False)
    if re.match(r"^(?:今年)?(?:年底|年末|年内)", t):
        return Deadline(f"{year:04d}-12-31")
    return Deadline(ok=False)


def parse_fields(text: str) -> tuple[MeasureFields, str]:
    """The labelled fields in text ("责任领导：张三 完成时限：9月底前") and the text without them."""
    found = MeasureFields()
    matches = list(FIELD_LABEL_RE.finditer(text))
    if not matches:
        return found, text
    for m, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        value = text[m.end() : end].strip().rstrip("。；;，, ")
        # a value runs to the next label, or to the end of its sentence when no label follows
        if following is None:
            value = re.split(r"[。；;]", value, maxsplit=1)[0].strip()
        label = m.group(1)
        for key, words in _LABELS.items():
            if label in words:
                if key == "owner" and not found.owners:
                    found.owners = split_names(value)
                elif key == "leader" and not found.leader:
                    found.leader = "、".join(split_names(value))
                elif key == "department" and not found.department:
                    found.department = "、".join(split_names(value))
                elif key == "deadline" and not found.deadline_text:
                    found.deadline_text = value
                break
    return found, text[: matches[0].start()].rstrip()


def document_year(text: str) -> int | None:
    """The plan's year: that of its latest full date ("2025年9月5日"), else the latest year it names."""
    dates = [
        (int(y), int(m), int(d))
        for y, m, d in re.findall(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    ]
    if dates:
        return max(dates)[0]
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", text)]
    return max(years) if years else None
