"""修改记录 for the discipline committee: the journal as an .xlsx, one row per change, that prints as it is."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ledger.audit.wording import TABLE_WORDS, describe_entry, entry_label, origin_text, role_text
from ledger.service import Ledger
from ledger.storage import Entry, check_folder, journal, replace_atomically

log = logging.getLogger(__name__)

# 发生时间: when it happened where it happened (a package's entry: on the community's computer); 记入台账: when it
# reached this ledger. 来源: 本机, or the package / Excel file it came from.
HEADERS = (
    "序号",
    "发生时间",
    "记入台账",
    "操作人",
    "身份",
    "来源",
    "操作",
    "居民区",
    "整改措施",
    "内容",
    "修改前",
    "修改后",
)
WIDTHS = (6, 16, 16, 11, 10, 15, 12, 10, 22, 16, 23, 23)
HEADER_ROW = 3
BULK = 50  # an entry with more changes than this (an import, a generated ledger) is summed up in one row


class AuditCancelled(Exception):
    """The user stopped the export; no file was written."""


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: a date range (inclusive, by the day of ``at``), one person, one community's tasks."""

    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    community_id: str | None = None

    def describe(self, ledger: Ledger) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '最早'} 至 {self.until or '最新'}")
        if self.actor:
            parts.append(f"操作人：{self.actor}")
        if self.community_id:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (self.community_id,))
            parts.append(f"居民区：{name or self.community_id}")
        return "；".join(parts) or "全部修改"


@dataclass(frozen=True)
class AuditExport:
    path: Path
    entries: int
    rows: int
    anchor: journal.Anchor | None  # the newest entry of the ledger when exported


def actors(ledger: Ledger) -> list[str]:
    """Everyone who has changed the ledger, in the order they first did."""
    return [
        r[0] for r in ledger.store.conn.execute("SELECT actor FROM journal GROUP BY actor ORDER BY MIN(seq)")
    ]


def _where(flt: AuditFilter) -> tuple[str, list[str]]:
    where, params = ["1"], []
    if flt.since:
        where.append("substr(at, 1, 10) >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        where.append("substr(at, 1, 10) <= ?")
        params.append(flt.until.isoformat())
    if flt.actor:
        where.append("actor = ?")
        params.append(flt.actor)
    if flt.community_id:
        where.append("task_id IN (SELECT id FROM task WHERE community_id = ?)")
        params.append(flt.community_id)
    return " AND ".join(where), params


def _entries(ledger: Ledger, flt: AuditFilter) -> Iterator[Entry]:
    where, params = _where(flt)
    cur = ledger.store.conn.execute(f"SELECT * FROM journal WHERE {where} ORDER BY seq", params)
    names = [d[0] for d in cur.description]
    for raw in cur:
        yield Entry.from_row(dict(zip(names, raw, strict=True)))


def _lines(entry: Entry, names: dict[str, str]) -> list[tuple[str, str, str]]:
    if len(entry.changes) > BULK:
        counts = Counter((c.op, c.table) for c in entry.changes)
        ops = {"insert": "新增", "update": "修改", "delete": "删除"}
        text = "；".join(
            f"{ops.get(op, op)}{TABLE_WORDS.get(t, t)} {n} 条" for (op, t), n in counts.most_common()
        )
        return [("批量", "", text)]
    return describe_entry(entry, names)


def count(ledger: Ledger, flt: AuditFilter) -> int:
    """How many entries ``flt`` selects (for the progress bar): counted in SQL, no payload read."""
    where, params = _where(flt)
    return int(ledger.store.one(f"SELECT COUNT(*) FROM journal WHERE {where}", params))


def export_audit(
    ledger: Ledger,
    out_path: str | Path,
    flt: AuditFilter | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> AuditExport:
    """Write the entries ``flt`` selects, oldest first, one row per changed field, to ``out_path`` (.xlsx,
    A4 landscape, header on every page). Written beside the target and moved over it: a cancel or an error leaves
    no file and an existing one as it was."""
    from openpyxl import Workbook

    from ledger.office.xlsx_layout import (
        CENTER,
        TEXT,
        StreamSheet,
        discard_streams,
        fitting_paper,
        height_for,
        register_styles,
        scheme,
        text_lines,
    )

    flt = flt or AuditFilter()
    out = Path(out_path)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    check_folder(out)
    total = count(ledger, flt)
    tasks = {
        r[0]: (r[1], r[2])
        for r in ledger.store.conn.execute(
            "SELECT t.id, c.name, t.measure FROM task t JOIN community c ON c.id = t.community_id"
        )
    }
    names = {str(r[0]): str(r[1]) for r in ledger.store.conn.execute("SELECT id, name FROM indicator")}
    head = journal.anchor(ledger.store)
    wb = Workbook(write_only=True)
    entries = rows = 0
    try:
        register_styles(wb, scheme(ledger.setting("board_scheme")))
        # 11 columns print under 9 pt on A4: A3 (fitting_paper says so whenever A4 is too small)
        sheet = StreamSheet(wb, "修改记录", WIDTHS, paper=fitting_paper(WIDTHS), header_row=HEADER_ROW)
        subtitle = (
            f"{flt.describe(ledger)}　导出时间：{ledger.clock.now().strftime('%Y-%m-%d %H:%M')}　"
            f"日志校验码：{head or '—'}"
        )
        sheet.heading(f"{ledger.org_name}整改台账修改记录", subtitle, HEADERS, WIDTHS)
        if progress is not None:
            progress(0, total)
        for entry in _entries(ledger, flt):
            if cancel is not None and entries % 200 == 0 and cancel():
                raise AuditCancelled
            community, measure = tasks.get(entry.task_id or "", ("", ""))
            what = entry_label(entry)
            for fld, before, after in _lines(entry, names) or [(what, "", "")]:
                cells = [
                    (entry.seq, CENTER),
                    (entry.happened_at[:16], CENTER),
                    (entry.received_at[:16], CENTER),
                    (entry.actor + ("（已签字确认）" if entry.args.get("signed") else ""), CENTER),
                    (role_text(entry.role), CENTER),
                    (origin_text(entry.origin), TEXT),
                    (what, CENTER),
                    (community, TEXT),
                    (measure, TEXT),
                    (fld, TEXT),
                    (before, TEXT),
                    (after, TEXT),
                ]
                lines = max(text_lines(str(v), w) for (v, _style), w in zip(cells, WIDTHS, strict=True))
                sheet.append(cells, height_for(lines))
                rows += 1
            entries += 1
            if progress is not None and entries % 200 == 0:
                progress(entries, total)
        sheet.finish()
        replace_atomically(out, wb.save)
    except BaseException:
        discard_streams(wb)
        raise
    if progress is not None:
        progress(total, total)
    log.info("journal exported to %s: %d entries, %d rows", out, entries, rows)
    return AuditExport(out, entries, rows, head)
