"""The 通报 draft: a .docx progress notice written from the ledger in the genre's structure and GB/T 9704 look."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.core import Kind, LedgerError, Status, TaskRow, xml_safe
from ledger.office.docx_style import (
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_H3,
    STYLE_POINT,
    STYLE_SIGN,
    STYLE_TITLE,
    footers,
    indent_chars,
    page_setup,
    register_fonts,
    setup_styles,
    text_width,
)
from ledger.service import Ledger, to_task_row

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P

__all__ = ["measure_prose", "notice_title", "write_notice"]

PLACEHOLDER = "【待补充：{}】"

_CN = "一二三四五六七八九"
_SUFFIXES = ("居民区", "社区", "村", "合作社", "党工委", "党委", "党总支", "党支部", "委员会", "街道", "公司")


# ---------------------------------------------------------------------------
# Words


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (numbering up to 99)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n - 1]
    tens, units = divmod(n, 10)
    if n >= 100:
        return str(n)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[units - 1] if units else "")


def _date_cn(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value.strip() or "××××年××月××日"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "××××年××月××日"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def _who(names: list[str], all_names: list[str]) -> str:
    """ "各居民区" for all of them, else "鑫峰苑、天恒名城居民区"."""
    if len(all_names) >= 3 and set(names) >= set(all_names):
        return "各居民区"
    if not names:
        return ""
    text = "、".join(names)
    return text if names[-1].endswith(_SUFFIXES) else text + "居民区"


def _clause(text: str) -> str:
    parts = [p.strip().rstrip("。；;，,") for p in re.split(r"[\r\n]+", text) if p.strip()]
    return "；".join(p for p in parts if p)


def _short_org(org: str) -> str:
    for word in ("党工委", "党委", "党组", "党总支", "党支部"):
        if org.endswith(word):
            return word
    return ""


def notice_title(ledger: Ledger) -> str:
    org = ledger.org_name.strip() or "本单位"
    prefix = "" if org.startswith("中共") else "中共"
    subject = str((ledger.setting("inspection") or {}).get("subject") or "")
    if not subject:
        subject = "下辖社区党组织" if ledger.communities() else ""
    return f"{prefix}{org}关于{subject}巡察整改进展情况的通报"


# ---------------------------------------------------------------------------
# The ledger's content, grouped as the notice reads it


@dataclass
class _Measure:
    title: str
    order: tuple[int, int]
    tasks: list[TaskRow] = field(default_factory=list)


@dataclass
class _Content:
    problems: dict[str, list[_Measure]]  # problem id → measures in order
    indicators: dict[str, list[dict[str, Any]]]  # task id → indicator rows
    tasks: list[TaskRow]
    communities: list[str]


def _content(ledger: Ledger) -> _Content:
    rowids = ledger.task_rowids()
    raw = ledger.store.task_rows(rowids)
    tasks = [to_task_row(tuple(xml_safe(v) for v in raw[r])) for r in rowids]  # \v from Word never fails it
    sorts = {
        r["id"]: r["sort"] for r in ledger.store.rows("SELECT id, sort FROM task WHERE deleted_at IS NULL")
    }
    indicators: dict[str, list[dict[str, Any]]] = {}
    for row in ledger.store.rows(
        "SELECT task_id, name, unit, target, actual FROM indicator ORDER BY sort, rowid"
    ):
        indicators.setdefault(row["task_id"], []).append({k: xml_safe(v) for k, v in row.items()})
    by_problem: dict[str, dict[str, _Measure]] = {}
    for i, task in enumerate(tasks):
        measures = by_problem.setdefault(task.problem_id, {})
        title = task.measure.strip()
        m = measures.get(title)
        order = (int(sorts.get(task.id, 0)), i)
        if m is None:
            m = measures[title] = _Measure(title, order)
        m.order = min(m.order, order)
        m.tasks.append(task)
    problems = {pid: sorted(ms.values(), key=lambda m: m.order) for pid, ms in by_problem.items()}
    return _Content(problems, indicators, tasks, [c["name"] for c in ledger.communities()])


_STATUS_PHRASE = {
    Status.CLOSED: "已销号",
    Status.ONGOING: "已转入长期坚持",
    Status.SUBMITTED: "已申请销号，正在审核",
    Status.IN_REVIEW: "已申请销号，正在审核",
    Status.IN_PROGRESS: "正在推进",
    Status.RETURNED: "正在推进",
    Status.REOPENED: "经“回头看”发现反弹，已重新启动整改",
    Status.NOT_STARTED: "尚未启动",
}
_STATUS_GROUPS: tuple[tuple[str, frozenset[Status]], ...] = (
    ("已销号", frozenset({Status.CLOSED})),
    ("长期坚持", frozenset({Status.ONGOING})),
    ("审核中", frozenset({Status.SUBMITTED, Status.IN_REVIEW})),
    ("推进中", frozenset({Status.IN_PROGRESS, Status.RETURNED})),
    ("反弹重启", frozenset({Status.REOPENED})),
    ("未启动", frozenset({Status.NOT_STARTED})),
)


def _figures(tasks: Iterable[TaskRow], indicators: dict[str, list[dict[str, Any]]]) -> list[str]:
    """ "累计开展集中整治 20 次": actuals summed per indicator name and unit across the tasks."""
    actuals: dict[tuple[str, str], list[float]] = {}
    targets: dict[tuple[str, str], list[float]] = {}
    for task in tasks:
        for ind in indicators.get(task.id, []):
            key = (str(ind["name"]).strip(), str(ind["unit"]).strip())
            actuals.setdefault(key, [])
            targets.setdefault(key, [])
            if ind["actual"] is not None:
                actuals[key].append(float(ind["actual"]))
            if ind["target"] is not None:
                targets[key].append(float(ind["target"]))

    def total(values: list[float], unit: str) -> float | None:
        if not values:
            return None
        # a rate is averaged across communities, a count is summed
        return sum(values) / len(values) if unit in ("%", "％") else sum(values)

    out = []
    for (name, unit), values in actuals.items():
        actual, target = total(values, unit), total(targets[(name, unit)], unit)
        if actual is None:
            continue
        text = f"{name} {_number(actual)} {unit}".rstrip()
        if target is not None and actual < target:
            text += f"（目标 {_number(target)} {unit}）".replace(" ）", "）")
        out.append(text)
    return out


def measure_prose(
    tasks: list[TaskRow],
    indicators: dict[str, list[dict[str, Any]]],
    all_communities: list[str],
    today: dt.date,
) -> str:
    """The progress of one measure across its communities, in the notice's prose."""
    sentences: list[str] = []
    # what the communities reported, grouped by identical text
    reported: dict[str, list[str]] = {}
    for t in tasks:
        text = _clause(t.progress)
        if text:
            names = reported.setdefault(text, [])
            if t.community not in names:
                names.append(t.community)
    if reported:
        parts = []
        for text, names in reported.items():
            who = _who(names, all_communities)
            parts.append(text if text.startswith(tuple(names)) or not who else who + text)
        sentences.append("；".join(parts) + "。")
    figures = _figures(tasks, indicators)
    if figures:
        lead = "" if figures[0].startswith("累计") else "累计"
        sentences.append(f"截至{today.month}月{today.day}日，{lead}" + "，".join(figures) + "。")
    communities = list(dict.fromkeys(t.community for t in tasks))
    if len(tasks) == 1:
        sentences.append(
            f"{_who(communities, all_communities)}该项任务目前{_STATUS_PHRASE[tasks[0].status]}。"
        )
    else:
        counts = [(label, sum(1 for t in tasks if t.status in members)) for label, members in _STATUS_GROUPS]
        listed = "、".join(f"{label} {n} 项" for label, n in counts if n)
        scope = _who(communities, all_communities)
        sentences.append(f"该项措施涉及{scope or '各单位'}整改任务 {len(tasks)} 项，其中{listed}。")
    return "".join(sentences)


# ---------------------------------------------------------------------------
# Writing


def _build(ledger: Ledger, today: dt.date) -> DocxDocument:
    import docx

    doc = docx.Document()
    setup_styles(doc)
    register_fonts(doc)
    page_setup(doc)
    footers(doc)
    content = _content(ledger)
    org = ledger.org_name.strip() or "本单位"
    short = _short_org(org)
    inspection = ledger.setting("inspection") or {}
    contact = ledger.setting("contact") or {}

    # python-docx finds a style by name with a walk over every style, and appends a paragraph after a walk over
    # every paragraph of the body (to keep it before the section properties): both per paragraph, so a notice of
    # 100k tasks took minutes. The styles are looked up once, and each paragraph goes straight before the
    # section properties.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    # (setting a Paragraph's style by object still compares it with the default style, another walk: the ids are
    # written into the paragraph's XML directly)
    style_ids = {
        name: doc.styles[name].style_id
        for name in (STYLE_BODY, STYLE_H1, STYLE_H2, STYLE_H3, STYLE_SIGN, STYLE_TITLE, STYLE_POINT)
    }
    section_end = doc.element.body.find(qn("w:sectPr"))  # a new document's body ends with it

    def new_paragraph(style: str) -> Any:
        element: CT_P = OxmlElement("w:p")  # type: ignore[assignment]
        element.style = style_ids[style]
        section_end.addprevious(element)
        return Paragraph(element, doc)

    def para(text: str, style: str = STYLE_BODY) -> Any:
        p = new_paragraph(style)
        if text:
            p.add_run(text)
        return p

    # title: broken before "巡察整改" when it runs past one line (a trapezoid, as the genre does)
    title = notice_title(ledger)
    p = new_paragraph(STYLE_TITLE)
    cut = title.find("巡察整改进展")
    if text_width(title) > 20 and 0 < cut and text_width(title[:cut]) <= 20:
        p.add_run(title[:cut]).add_break()
        p.add_run(title[cut:])
    else:
        p.add_run(title)

    group = str(inspection.get("group") or "区委××巡察组")
    authority = re.match(r"^(.{1,4}?委)", group)
    n_com = len(content.communities)
    target = f"{org}下辖{n_com}个社区党组织" if n_com else org
    para(
        f"根据{authority.group(1) if authority else '上级'}统一部署，{group}于{_date_cn(inspection.get('from'))}至"
        f"{_date_cn(inspection.get('to'))}对{target}进行了巡察，并于{_date_cn(inspection.get('feedback'))}"
        "反馈了巡察意见。根据巡察工作有关要求，现将巡察整改进展情况予以公布。"
    )

    # 一、组织落实 (editable: facts the ledger knows, placeholders for what only people know)
    para(f"一、{short}组织落实巡察整改工作情况", STYLE_H1)
    para("（一）党委书记组织落实整改工作情况", STYLE_H2)
    para(
        PLACEHOLDER.format(
            "反馈会后党委书记主持召开专题会议、审定整改方案、包联居民区、推动解决难点问题等情况。"
        )
    )
    para(f"（二）{short}巡察整改主体责任落实情况", STYLE_H2)
    problems = ledger.problems()
    n_measures = sum(len(ms) for ms in content.problems.values())
    status_counts = [
        (label, sum(1 for t in content.tasks if t.status in members)) for label, members in _STATUS_GROUPS
    ]
    listed = "、".join(f"{label} {n} 项" for label, n in status_counts if n)
    summary = (
        f"按照整改方案和整改清单，将巡察反馈的 {len(problems)} 个问题细化为 {n_measures} 条整改措施、"
        f"{len(content.tasks)} 项整改任务"
    )
    summary += f"，落实到 {n_com} 个居民区党组织" if n_com else ""
    summary += "，建立整改工作台账，实施挂图督战，定期对账销账。"
    if content.tasks:
        summary += f"截至{_date_cn(today)}，{listed}。"
    para(summary)
    para(
        PLACEHOLDER.format(
            "成立整改工作领导小组和工作专班、落实“周报告”制度、建立销号管理和“回头看”机制等情况。"
        )
    )

    # 二、整改落实情况: every category, problem and measure
    para("二、巡察反馈意见整改落实情况", STYLE_H1)
    for ci, cat in enumerate(ledger.categories(), start=1):
        para(f"（{cn_number(ci)}）{cat['title']}", STYLE_H2)
        for pi, prob in enumerate(ledger.problems(cat["id"]), start=1):
            para(f"{pi}. {prob['title']}", STYLE_H3)
            measures = content.problems.get(prob["id"], [])
            if not measures:
                para(PLACEHOLDER.format("该问题在台账中还没有整改措施，请补充整改情况。"))
            for mi, measure in enumerate(measures, start=1):
                p = new_paragraph(STYLE_BODY)
                lead = p.add_run(f"{cn_number(mi)}是{measure.title.rstrip('。')}。")
                lead.element.style = style_ids[STYLE_POINT]
                p.add_run(measure_prose(measure.tasks, content.indicators, content.communities, today))

    # 三、长效机制
    para("三、坚持标本兼治，健全长效机制情况", STYLE_H1)
    long_term = list(
        dict.fromkeys(
            t.measure.strip()
            for t in content.tasks
            if t.kind == Kind.LONG_TERM.value or t.status == Status.ONGOING
        )
    )
    closed = sum(1 for t in content.tasks if t.status == Status.CLOSED)
    reopened = sum(1 for t in content.tasks if t.status == Status.REOPENED)
    lines = []
    if long_term:
        named = "".join("“" + m.replace("“", "‘").replace("”", "’") + "”" for m in long_term[:3])
        more = "等" if len(long_term) > 1 else ""
        lines.append(
            f"对{named}{more} {len(long_term)} 项需要长期坚持的整改措施，纳入常态化管理，定期报告进展。"
        )
    if closed:
        lines.append(
            f"对已销号的 {closed} 项整改任务，适时通过随机抽查、实地检查等方式开展“回头看”，防止问题反弹回潮。"
        )
    if reopened:
        lines.append(f"“回头看”中发现反弹回潮 {reopened} 项，已重新启动整改。")
    if lines:
        para("".join(lines))
    para(PLACEHOLDER.format("制度建设、能力建设、监督责任等方面健全长效机制的具体做法。"))

    # closing and contact block
    para("欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时反映。")
    para(f"联系电话：{contact.get('phone') or PLACEHOLDER.format('联系电话')}")
    para(
        f"通讯地址：{contact.get('address') or PLACEHOLDER.format('通讯地址')}"
        "（信封上注明“关于巡察整改落实情况的意见建议”）"
    )
    para(f"邮政编码：{contact.get('postcode') or PLACEHOLDER.format('邮政编码')}")

    # signature and date: the date four characters in from the right, the signature starting two before it
    signer = org if org.startswith("中共") else f"中共{org}"
    date_text = _date_cn(today)
    date_right = 4
    sign_right = max(0, round(date_right + text_width(date_text) + 2 - text_width(signer)))
    para("", STYLE_BODY)
    sign = para(signer, STYLE_SIGN)
    indent_chars(sign._p, right=sign_right)
    date = para(date_text, STYLE_SIGN)
    indent_chars(date._p, right=date_right)

    props = doc.core_properties
    props.title = title
    props.author = org
    props.last_modified_by = ledger.operator.name
    props.comments = "由巡察整改台账生成的通报草稿，请补充“【待补充】”处后定稿。"
    now = ledger.clock.now()
    props.created = now
    props.modified = now
    props.revision = 1
    return doc


def write_notice(
    ledger: Ledger, out_path: str | os.PathLike[str], *, today: dt.date | str | None = None
) -> Path:
    """Write the 通报 draft (.docx) from the ledger; replaces ``out_path`` only once the new file is complete."""
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    day = today or ledger.today()
    out = Path(out_path)
    if out.suffix.lower() != ".docx":
        out = out.with_name(out.name + ".docx")
    buffer = io.BytesIO()
    _build(ledger, day).save(buffer)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".通报-", suffix=".docx", dir=out.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(buffer.getvalue())
            mask = os.umask(0)  # mkstemp makes the file 0600; give it the folder's usual 0644 like every file
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except PermissionError as exc:
        raise LedgerError(
            "notice_write_failed",
            detail=(
                f"无法写入“{out}”：文件可能正在 Word 或 WPS 中打开，或文件夹没有写入权限。"
                "请关闭该文件或换一个位置后再试；原有文件未作改动。"
            ),
        ) from exc
    except OSError as exc:
        raise LedgerError(
            "notice_write_failed",
            detail=(
                f"写入“{out}”时出错（{exc.strerror or exc}）。请检查磁盘空间和文件夹后再试；原有文件未作改动。"
            ),
        ) from exc
    return out
