"""周报: the weekly report of a closed 对账 period, as a .docx draft and as an .xlsx sheet.

Every figure is read from the period's snapshot (``ledger.reconcile.snapshot``), never recomputed, so the report
says exactly what was closed: 本周新增销号 N 项，累计销号 M 项，完成率 P%；逾期 K 项：……；未按时上报：…….
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ledger.core import LedgerError, Status
from ledger.reconcile.week_counts import OPEN_KEYS, partition_text, period_label
from ledger.service import Ledger
from ledger.storage import check_folder, replace_atomically


def _date_cn(value: str | None) -> str:
    if not value:
        return "从未"
    day = dt.date.fromisoformat(str(value)[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def rate_text(rate: float) -> str:
    return f"{rate:.1f}%"


def figures(snap: dict[str, Any]) -> dict[str, Any]:
    """The report's figures, straight from the snapshot, labelled by the states' names. The counts are a partition
    of all tasks: 已销号 + 长期坚持 + 未销号 = 任务总数, and 未销号 = the sum of its states."""
    c = snap["counts"]
    out: dict[str, Any] = {
        "本周新增销号": int(snap["signed_off_this_week"]),
        "任务总数": int(c["tasks"]),
        "已销号": int(c.get(Status.CLOSED.value, c["signed_off"])),
        "长期坚持": int(c.get(Status.ONGOING.value, 0)),
        "未销号": int(c["open"]),
    }
    for key in OPEN_KEYS:
        out[Status(key).label] = int(c.get(key, 0))
    out["完成率"] = float(snap["completion_rate"])
    out["逾期"] = int(c["overdue"])
    out["未按时上报"] = len(snap["not_returned"])
    return out


def _status_label(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value


def _overdue_phrase(t: dict[str, Any]) -> str:
    owner = f"，责任人{t['owner']}" if t.get("owner") else ""
    return f"{t['community']}“{t['measure']}”（时限{_date_cn(t['deadline'])}{owner}）"


def _chase_phrase(c: dict[str, Any]) -> str:
    sec = f"{c['secretary']}，" if c.get("secretary") else ""
    return f"{c['community']}（{sec}上次上报{_date_cn(c.get('last_returned'))}）"


def sentences(org: str, snap: dict[str, Any]) -> list[str]:
    """The report's body, in plain Chinese; the first three carry the figures the tests read back."""
    f = figures(snap)
    overdue = snap["overdue_tasks"]
    late = [c for c in snap["chase"] if not c["returned"]]
    out = [
        f"本周新增销号 {f['本周新增销号']} 项，累计已销号 {f['已销号']} 项，完成率 {rate_text(f['完成率'])}；"
        f"{partition_text(snap['counts'])}。",
        f"逾期 {f['逾期']} 项："
        + ("；".join(_overdue_phrase(t) for t in overdue) if overdue else "无")
        + "。",
        "未按时上报：" + ("、".join(_chase_phrase(c) for c in late) if late else "无") + "。",
    ]
    if snap.get("pending_signoff") or snap.get("pending_extensions"):
        out.append(
            f"待审核销号 {snap.get('pending_signoff', 0)} 项，待批延期申请 {snap.get('pending_extensions', 0)} 项。"
        )
    if snap.get("corrects"):
        out.append(f"本期包含对前一期（{snap['corrects']}）的更正。")
    return out


def title(org: str, snap: dict[str, Any]) -> str:
    return f"{org}巡察整改工作周报"


def subtitle(snap: dict[str, Any]) -> str:
    return f"（{period_label(snap['week_start'], snap['week_end'])}）"


# ---- .docx -----------------------------------------------------------------------------------------------------
def anchor_line(ledger: Ledger, snap: dict[str, Any]) -> str:
    """The journal's place when the week was closed, to be checked later with ``verify --anchor``."""
    from ledger.storage import journal

    mark = journal.anchor(ledger.store, int(snap["end_seq"])) if snap.get("end_seq") else None
    return (
        f"日志校验码：{mark}（结账时的最新日志；核对：main.py verify 台账.db --anchor {mark}）"
        if mark
        else ""
    )


def write_docx(ledger: Ledger, week: str, out: str | Path) -> Path:
    """The 周报 draft in the 通报's GB/T 9704 look: its named styles (标题, 一级标题 with outline level 1 and
    kept with the text under it, 正文, 落款), page numbers "— N —", author and title set to the organisation."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from ledger.office.docx_style import (
        STYLE_BODY,
        STYLE_H1,
        STYLE_SIGN,
        STYLE_TITLE,
        footers,
        indent_chars,
        page_setup,
        register_fonts,
        setup_styles,
    )
    from ledger.reconcile import snapshot

    snap = snapshot(ledger, week)
    doc = Document()
    setup_styles(doc)
    register_fonts(doc)
    page_setup(doc)
    footers(doc)
    heading = title(ledger.org_name, snap)
    doc.add_paragraph(heading, style=STYLE_TITLE)
    sub = doc.add_paragraph(subtitle(snap), style=STYLE_SIGN)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER  # under the title
    indent_chars(sub._p, first=0)
    body = sentences(ledger.org_name, snap)
    sections = [("一、总体情况", body[:1]), ("二、逾期任务", body[1:2]), ("三、上报情况", body[2:3])]
    if len(body) > 3:
        sections.append(("四、其他", body[3:]))
    for head, texts in sections:
        doc.add_paragraph(head, style=STYLE_H1)
        for text in texts:
            doc.add_paragraph(text, style=STYLE_BODY)
    doc.add_paragraph("", style=STYLE_BODY)
    org = ledger.org_name.strip() or "本单位"
    for text, right in ((org, 2), (_date_cn(snap["as_of"]), 4)):
        indent_chars(doc.add_paragraph(text, style=STYLE_SIGN)._p, right=right)
    mark = anchor_line(ledger, snap)
    if mark:
        note = doc.add_paragraph(mark, style=STYLE_BODY)
        note.runs[0].font.size = Pt(12)  # 小四: a note, still readable on paper
        note.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified, a long code would be spread over the line
    props = doc.core_properties
    props.title = heading
    props.author = org
    props.last_modified_by = ledger.operator.name
    props.comments = f"由巡察整改台账按第 {snap['week']} 周结账快照生成的周报草稿。"
    now = ledger.clock.now()
    props.created = now
    props.modified = now
    props.revision = 1
    path = Path(out)
    check_folder(path)
    replace_atomically(path, lambda tmp: doc.save(str(tmp)))
    return path


# ---- .xlsx -----------------------------------------------------------------------------------------------------
XLSX_WIDTHS = (12, 30, 12, 16, 12)  # ≤ 85 units: A4 portrait prints the 11 pt body at ≥ 9 pt


FIGURE_ROWS = (
    "本周新增销号",
    "任务总数",
    "已销号",
    "长期坚持",
    "未销号",
    *(Status(k).label for k in OPEN_KEYS),
    "完成率",
    "逾期",
    "未按时上报",
)
INDENTED = frozenset(Status(k).label for k in OPEN_KEYS)  # the parts of 未销号, shown as "　其中：…"


def write_xlsx(ledger: Ledger, week: str, out: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from ledger.office.cell_values import put
    from ledger.office.xlsx_layout import (
        BODY_FONT,
        HEAD_FONT,
        PERCENT_FORMAT,
        TITLE_FONT,
        print_setup,
        row_height,
    )
    from ledger.reconcile import snapshot

    snap = snapshot(ledger, week)
    f = figures(snap)
    wb = Workbook()
    ws = wb.worksheets[0]  # a new Workbook has exactly one sheet (``wb.active`` is typed as optional)
    ws.title = "周报"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body, head = Font(name=BODY_FONT, size=11), Font(name=HEAD_FONT, size=11, bold=True)
    widths = dict(zip("ABCDE", XLSX_WIDTHS, strict=True))
    ws.append([title(ledger.org_name, snap)])
    ws["A1"].font = Font(name=TITLE_FONT, size=18)
    ws.merge_cells("A1:E1")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = row_height([(title(ledger.org_name, snap), sum(XLSX_WIDTHS) / 1.7)], 24.0)
    ws.append([subtitle(snap)])
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = Alignment(horizontal="center", vertical="center")
    ws["A2"].font = body
    ws.row_dimensions[2].height = 20
    ws.append([])

    def header(*names: str) -> None:
        ws.append(list(names))
        for cell in ws[ws.max_row]:
            cell.font, cell.border = head, box

    def row(*values: Any) -> None:
        ws.append(list(values))
        for cell in ws[ws.max_row]:
            put(cell, cell.value)  # a name or measure beginning "=" stays text
            cell.font, cell.border = body, box
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[ws.max_row].height = row_height(
            [(str(v or ""), width) for v, width in zip(values, XLSX_WIDTHS, strict=False)]
        )

    header("项目", "数值")
    for name in FIGURE_ROWS:
        value = f[name] / 100 if name == "完成率" else f[name]
        row(f"　其中{name}" if name in INDENTED else name, value)
        if name == "完成率":
            ws.cell(ws.max_row, 2).number_format = PERCENT_FORMAT
    ws.append([])
    ws.append(["逾期任务"])
    ws.cell(ws.max_row, 1).font = head
    header("居民区", "整改措施", "责任人", "整改时限", "状态")
    for t in snap["overdue_tasks"]:
        deadline = _date_cn(t["deadline"]) if t["deadline"] else "长期坚持"
        row(t["community"], t["measure"], t["owner"], deadline, _status_label(t["status"]))
    ws.append([])
    ws.append(["上报情况"])
    ws.cell(ws.max_row, 1).font = head
    header("居民区", "书记", "本周已上报", "本周上报时间", "上次上报")
    for c in snap["chase"]:
        row(
            c["community"],
            c["secretary"],
            "是" if c["returned"] else "否",
            _date_cn(c["returned_at"]) if c["returned_at"] else "",
            _date_cn(c["last_returned"]),
        )
    mark = anchor_line(ledger, snap)
    if mark:  # a note under the tables, as large as the body: a footer would print too small to read
        ws.append([])
        ws.append([mark])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.cell(ws.max_row, 1).font = body
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = row_height([(mark, sum(XLSX_WIDTHS))])
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    # one page wide (the fit-to-page flag set, or suites ignore the width), portrait A4, the title and the
    # week on top of every page, "第 N 页 共 M 页" at the bottom
    print_setup(ws, paper="A4", title_rows="1:2", orientation="portrait")
    footer = ws.oddFooter
    if mark and footer is not None:  # the code alone at the foot of every page (the note above explains it)
        footer.left.text = mark.split("（", 1)[0]
        footer.left.size = 11
    path = Path(out)
    check_folder(path)
    replace_atomically(path, lambda tmp: wb.save(str(tmp)))
    return path


def read_xlsx_figures(path: str | Path) -> dict[str, Any]:
    """The figures block read back from a written sheet (完成率 as a percentage), for checks and tests."""
    from openpyxl import load_workbook

    ws = load_workbook(str(path), data_only=True)["周报"]
    out: dict[str, Any] = {}
    for a, b in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        a = a.strip().removeprefix("其中") if isinstance(a, str) else a
        if isinstance(a, str) and a in FIGURE_ROWS and a not in out and isinstance(b, int | float):
            out[a] = round(float(b) * 100, 1) if a == "完成率" else int(b)
    return out


def write_report(ledger: Ledger, week: str, out: str | Path) -> Path:
    suffix = Path(out).suffix.lower()
    if suffix == ".docx":
        return write_docx(ledger, week, out)
    if suffix == ".xlsx":
        return write_xlsx(ledger, week, out)
    raise LedgerError("bad_value", field="输出文件", value=str(out), detail="周报只能保存为 .docx 或 .xlsx")
