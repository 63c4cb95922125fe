"""销号审批表: one task's sign-off form on A4 (PDF) for the leaders' signatures on paper (签字背书)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ledger import signoff
from ledger.core import GRADES, LedgerError, Status, TodayClock
from ledger.service import Ledger
from ledger.storage import journal
from ui.common import messages
from ui.signoff.dialogs import indicator_lines
from ui.task.evidence import default_folder

log = logging.getLogger(__name__)

# GLOSSARY: 小标宋 → SimSun bold / Noto Serif CJK; 仿宋 → FangSong / STFangsong; never a Latin font for the text.
LATIN_SERIF = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]
TITLE_FAMILIES = [
    *LATIN_SERIF,
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05S",
    "华文中宋",
    "STZhongsong",
    "宋体",
    "SimSun",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Serif CJK",
]
BODY_FAMILIES = [
    *LATIN_SERIF,
    "仿宋_GB2312",
    "仿宋",
    "FangSong",
    "STFangsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "宋体",
    "SimSun",
]
LABEL_FAMILIES = ["黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"]
MARGINS_MM = QMarginsF(22, 20, 20, 18)  # left (binding), top, right, bottom
RESOLUTION = 300
DECISIONS = {"approve": "通过", "return": "退回"}
GAP = "&nbsp;" * 4  # Qt's HTML collapses U+3000 like any white space


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApprovalForm", text)


def _families_css(families: list[str]) -> str:
    return ", ".join(f'"{f}"' for f in families)  # inside style='…' attributes


def _esc(text: str | None) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def cn_date(value: str | dt.date | None) -> str:
    """2025年11月20日 (GB/T 9704: Arabic digits)."""
    if not value:
        return ""
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def default_name(ledger: Ledger, task_id: str) -> str:
    """ "{居民区}-{整改措施前12字}-销号审批表.pdf"."""
    t = ledger.task(task_id)
    return signoff.safe_name(f"{t.community}-{t.measure[:12]}-{_tr('sign-off form')}", 80) + ".pdf"


def _grades(chosen: str) -> str:
    return "　".join(("☑" if g == chosen else "☐") + g for g in GRADES)


TABLE_OPEN = (
    "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
    "style='border-collapse:collapse; border-color:black; border-style:solid'>"
)


def form_html(ledger: Ledger, task_id: str) -> str:
    """The whole form as one HTML page (title, one table, notes), as laid out when it fits on one page."""
    head, rows, signatures, tail = form_parts(ledger, task_id)
    return _page_html(head, [*rows, *signatures], tail)


def _page_html(head: str, rows: list[str], tail: str) -> str:
    return f"<html><body>{head}{TABLE_OPEN}{''.join(rows)}</table>{tail}</body></html>"


def form_parts(ledger: Ledger, task_id: str) -> tuple[str, list[str], list[str], str]:
    """(heading, the task's rows, the signature rows, the notes): rows are never split across pages, and the
    signature rows stay together on one page with the notes."""
    t = ledger.task(task_id)
    chain = ledger.round_chain(task_id)  # the chain the round under review was submitted under
    label = f"font-family:{_families_css(LABEL_FAMILIES)}; font-size:10.5pt;"  # 五号, as forms are
    cell = "font-size:10.5pt;"

    def row(name: str, value: str) -> str:
        return (
            f"<tr><td width='19%' align='center' valign='middle' style='{label}'>{name}</td>"
            f"<td colspan='3' style='{cell}'>{value}</td></tr>"
        )

    def pair(n1: str, v1: str, n2: str, v2: str) -> str:
        return (
            f"<tr><td width='19%' align='center' valign='middle' style='{label}'>{n1}</td>"
            f"<td width='31%' style='{cell}'>{v1}</td>"
            f"<td width='19%' align='center' valign='middle' style='{label}'>{n2}</td>"
            f"<td width='31%' style='{cell}'>{v2}</td></tr>"
        )

    deadline = cn_date(t.deadline) or "无"
    original = cn_date(t.original_deadline)  # only a task whose deadline was extended has one
    changes = []
    for x in signoff.extensions(ledger, task_id):
        line = f"{cn_date(x.requested_at)} {x.requested_by}申请延至{cn_date(x.new_deadline)}：{x.label}"
        if x.decided_by:
            line += f"（{x.decided_by}，{cn_date(x.decided_at)}）"
        changes.append(_esc(line))
    deadline_cell = (f"{deadline}（原定时限：{original}）" if original else deadline) + "".join(
        f"<br>{c}" for c in changes
    )

    progress = _esc(t.progress) or "（未填写）"
    inds = indicator_lines(ledger, task_id)
    if inds:
        progress += "<br><b>量化指标：</b>" + "；".join(_esc(i) for i in inds)
    files = signoff.evidence(ledger, task_id)
    evidence = (
        "<br>".join(
            f"{n}. {_esc(f.file_name)}（{signoff.human_size(f.size)}，{_esc(f.added_by)} "
            f"{cn_date(f.added_at)}添加）"
            for n, f in enumerate(files, start=1)
        )
        or "（无）"
    )

    body = [
        pair("居民区", _esc(t.community), "整改类型", _esc(t.kind)),
        row("问题类别", _esc(t.category)),
        row("反馈问题", _esc(t.problem)),
        row("整改措施", _esc(t.measure) + (f"<br>{_esc(t.detail)}" if t.detail else "")),
        pair("责任人", _esc(t.owner), "责任领导", _esc(t.leader)),
        row("整改时限", deadline_cell),
        row("整改情况", progress),
        row("销号说明", _esc(t.statement) or "（未填写）"),
        row("佐证材料清单", evidence),
    ]

    all_reviews = signoff.reviews(ledger, task_id)
    current = [r for r in all_reviews if r.round == t.review_round]
    earlier = [r for r in all_reviews if r.round != t.review_round]
    if earlier:
        lines = [
            f"第{r.round}轮 {r.level_name} {_esc(r.reviewer)} {cn_date(r.at)} {DECISIONS.get(r.decision, '')}"
            + (f"（{_esc(r.grade)}）" if r.grade else "")
            + (f"：{_esc(r.opinion)}" if r.opinion else "")
            for r in earlier
        ]
        body.append(row("此前审核", "<br>".join(lines)))
    signatures: list[str] = []
    by_level = {r.level: r for r in current}
    sign = f"签字：{'＿' * 9}"
    for n, level in enumerate(chain, start=1):
        r = by_level.get(n)
        if r is None:
            inner = (
                f"<p style='{cell}'><br></p>"
                f"<p style='{cell}'>验收评定：{_grades('')}</p>"
                f"<p align='right' style='{cell} margin-top:6pt'>审核人{sign}{GAP}日期：{GAP}年{GAP}月{GAP}日</p>"
            )
        else:
            inner = f"<p style='{cell}'>{_esc(r.opinion) or '（未填写意见）'}</p>"
            if r.decision == "return":
                inner += f"<p style='{cell}'><b>审核结论：{DECISIONS.get(r.decision, r.decision)}</b></p>"
            else:
                inner += f"<p style='{cell}'>验收评定：{_grades(r.grade)}</p>"
            if r.exception:
                inner += f"<p style='{cell}'>例外理由：{_esc(r.exception)}</p>"
            inner += (
                f"<p style='{cell}'>审核人：{_esc(r.reviewer)}{'（已签字确认）' if r.signed else ''}"
                f"{GAP}审核日期：{cn_date(r.at)}</p>"
                f"<p align='right' style='{cell} margin-top:6pt'>{sign}{GAP}</p>"
            )
        signatures.append(
            f"<tr><td width='19%' align='center' valign='middle' style='{label}'>{_esc(level.name)}意见"
            f"<br><span style='font-size:10pt'>（{_esc(level.role.label)}）</span></td>"
            f"<td colspan='3'>{inner}</td></tr>"
        )

    title = f"{_esc(ledger.org_name)}巡察整改任务销号审批表"
    status = t.status.label + ("" if t.status == Status.CLOSED else "（尚未销号）")
    info = f"任务编号：{t.id[:8]}{GAP}状态：{_esc(status)}{GAP}填表日期：{cn_date(ledger.today())}"
    head = (
        f"<p align='center' style='font-family:{_families_css(TITLE_FAMILIES)}; font-size:18pt; "
        f"font-weight:bold; margin-bottom:4pt'>{title}</p>"
        f"<p align='right' style='font-size:10.5pt; margin-bottom:4pt'>{info}</p>"
    )
    tail = (
        "<p style='font-size:10pt; margin-top:4pt'>注：审核意见、验收评定和审核日期取自整改台账的审核记录；"
        "“签字”处由审核人手写签名。</p>"
        f"<p style='font-size:9pt'>日志校验码：{journal.anchor(ledger.store) or '—'}（打印时的最新日志，"
        "可用 main.py verify 台账.db --anchor 核对台账此后未在程序之外被改写）</p>"
    )
    return head, body, signatures, tail


def continued_head(ledger: Ledger, task_id: str) -> str:
    """The heading of a page after the first: the title, the task number and the task's name again."""
    t = ledger.task(task_id)
    title = f"{_esc(ledger.org_name)}巡察整改任务销号审批表（续）"
    return (
        f"<p align='center' style='font-family:{_families_css(TITLE_FAMILIES)}; font-size:16pt; "
        f"font-weight:bold; margin-bottom:4pt'>{title}</p>"
        f"<p style='font-size:10.5pt; margin-bottom:4pt'>任务编号：{t.id[:8]}{GAP}"
        f"{_esc(t.community)}：{_esc(t.measure)}</p>"
    )


def paginate(
    fits: Callable[[str], bool], head: str, more_head: str, rows: list[str], signatures: list[str], tail: str
) -> list[str]:
    """The pages' HTML: as many whole rows on a page as ``fits`` it; the signature rows and the notes always
    together (on the last page); every page after the first starts with ``more_head``."""
    units = [[r] for r in rows] + [signatures]
    pages: list[str] = []
    current: list[str] = []
    top = head
    for n, unit in enumerate(units):
        last = n == len(units) - 1
        trial = _page_html(top, [*current, *unit], tail if last else "")
        if current and not fits(trial):
            pages.append(_page_html(top, current, ""))
            top, current = more_head, []
        current += unit
    pages.append(_page_html(top, current, tail))
    return pages


def _font(families: list[str], pt: float) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(pt)
    return f


def write_approval_form(ledger: Ledger, task_id: str, out_path: str | Path) -> Path:
    """Render the 销号审批表 of one task to an A4 PDF at ``out_path``; returns the path written."""
    out = Path(out_path)
    if out.suffix.lower() != ".pdf":
        out = out.with_suffix(out.suffix + ".pdf") if out.suffix else out.with_suffix(".pdf")
    if not out.parent.is_dir():
        raise LedgerError(
            "bad_value",
            field="保存位置",
            value=str(out.parent),
            detail="这个文件夹不存在，请选择一个已有的文件夹。",
        )
    t = ledger.task(task_id)
    head, rows, signatures, tail = form_parts(ledger, task_id)
    more_head = continued_head(ledger, task_id)
    tmp = out.with_name(f".~{out.stem}.tmp.pdf")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{ledger.org_name}巡察整改任务销号审批表 — {t.community} {t.measure}")
    writer.setCreator("巡察整改台账")
    painter = QPainter()
    if not painter.begin(writer):
        raise LedgerError(
            "bad_value",
            field="保存位置",
            value=str(out),
            detail="无法写入这个文件。请关闭正在打开它的程序，或换一个位置后再试。",
        )
    done = False
    try:
        page = writer.pageLayout().paintRectPixels(RESOLUTION)
        footer_h = RESOLUTION * 0.3  # ~7.6 mm for the page number
        height = page.height() - footer_h

        def document(markup: str) -> QTextDocument:
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(writer)
            doc.setDefaultFont(_font(BODY_FAMILIES, 12))
            doc.setDocumentMargin(0)
            doc.setHtml(markup)
            doc.setPageSize(QSizeF(page.width(), height))
            return doc

        def fits(markup: str) -> bool:
            return document(markup).pageCount() == 1

        sheets = paginate(fits, head, more_head, rows, signatures, tail)
        pages = len(sheets)
        foot_font = _font(BODY_FAMILIES, 10.5)
        for i, markup in enumerate(sheets):
            if i:
                writer.newPage()
            doc = document(markup)
            doc.drawContents(painter, QRectF(0, 0, page.width(), height))  # a row taller than a page is cut
            painter.setFont(foot_font)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(
                QRectF(0, height, page.width(), footer_h),
                Qt.AlignmentFlag.AlignCenter,
                f"第 {i + 1} 页　共 {pages} 页",
            )
        done = True
    finally:
        painter.end()  # writes the PDF's tail and closes the file
        if not done:
            tmp.unlink(missing_ok=True)
    try:
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LedgerError(
            "bad_value",
            field="保存位置",
            value=str(out),
            detail=f"写入失败（{exc.strerror or exc}）。请关闭正在打开它的程序，或换一个位置后再试。",
        ) from exc
    log.info("sign-off form of %s written to %s (%d pages)", task_id, out, pages)
    return out


# ---- from the window ------------------------------------------------------------------------------------------
def ask_path(parent: QWidget | None, suggested: Path) -> str:
    """The file dialog (tests patch this); "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the sign-off form as"), str(suggested), _tr("PDF files (*.pdf)")
    )
    return path


def show_done(parent: QWidget | None, path: Path) -> None:
    """Where the PDF went, with a button that opens it (tests patch this)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Sign-off form"),
        _tr("The sign-off form was saved to “{path}”. Print it on A4 for the reviewers to sign.").format(
            path=path
        ),
        parent=parent,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_it = box.addButton(_tr("Open it"), QMessageBox.ButtonRole.ActionRole)
    ok = box.addButton(_tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    if box.clickedButton() is open_it and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        messages.info(parent, _tr("Cannot open the PDF. Open it yourself: {path}").format(path=path))


def print_approval_form(parent: QWidget | None, ledger: Ledger, task_id: str) -> Path | None:
    """打印销号审批表…: ask where to save the PDF, write it, say where it went."""
    try:
        suggested = default_folder() / default_name(ledger, task_id)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot write the sign-off form"))
        return None
    chosen = ask_path(parent, suggested)
    if not chosen:
        return None
    try:
        out = write_approval_form(ledger, task_id, chosen)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot write the sign-off form"))
        return None
    show_done(parent, out)
    return out


# ---- from the command line ------------------------------------------------------------------------------------
def cmd_approval_form(path: str | Path, task_ref: str, out: str | Path, *, today: str | None = None) -> int:
    """``python main.py approval-form LEDGER --task ID OUT.pdf``: write the form without a window (offscreen
    when no display is there). ``task_ref``: a task id or its first 6+ characters; ``today``: the 填表日期
    (YYYY-MM-DD, the command line's ``--today``), else the real date. Returns the exit status."""
    from PySide6.QtGui import QGuiApplication

    from ledger.signoff import resolve_id

    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "approval-form"])  # noqa: F841 - kept alive while writing
    try:
        clock = TodayClock(dt.date.fromisoformat(today)) if today else None
    except ValueError:
        print(LedgerError("bad_date", value=today).message(), file=sys.stderr)
        return 1
    try:
        led = open_to_read(Path(path), clock)
    except LedgerError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    try:
        written = write_approval_form(led, resolve_id(led, "task", task_ref), out)
    except LedgerError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    finally:
        led.close()
    print(f"已生成销号审批表：{written}")
    return 0


def open_to_read(path: Path, clock: TodayClock | None) -> Ledger:
    """The ledger as the command line's reading commands open it (``ledger.cli.common.open_for_reading``): with its
    lock when it is free, an older file first backed up and upgraded with its progress on stderr; beside the
    window that holds it, through a read-only connection."""
    from ledger.cli.progress import StderrProgress
    from ledger.core import KnownStorageError
    from ledger.storage.upgrade import reporting

    try:
        with reporting(StderrProgress()):
            return Ledger.open(path, clock=clock)
    except KnownStorageError as exc:
        if exc.code != "locked":
            raise
    return Ledger.open(path, clock=clock, read_only=True)
