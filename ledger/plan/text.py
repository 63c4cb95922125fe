"""Parse a rectification plan / feedback / notice (整改方案·反馈意见·通报) into categories → problems → measures.

The document's heading hierarchy is read generically (ledger.plan.outline); each top-level section is then
classified by what it contains — findings (headings that name shortcomings), or the organisation of the work,
long-term mechanisms, next steps, requirements — and only findings are kept. Inside the findings, the problems
are the deepest headings that carry measures (一是…, 第一…, （1）…, ①…, "整改情况：…", sub-headings);
headings above them are categories. A document without findings yields nothing and says so."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ledger.plan.clean import TRADITIONAL_WARNING, Paragraph, paragraphs, to_simplified
from ledger.plan.communities import communities_named
from ledger.plan.fields import FIELD_LABEL_RE, MeasureFields, document_year, parse_deadline, parse_fields
from ledger.plan.outline import CN_DIGITS, Node, cn_number, outline

__all__ = [
    "ParsedCategory",
    "ParsedMeasure",
    "ParsedPlan",
    "ParsedProblem",
    "parse_plan",
    "split_measure_text",
]

NO_FINDINGS_WARNING = (
    "文档中没有找到巡察发现的问题及其整改措施（例如“（一）在……方面”“1. 针对……的问题”“一是……”），"
    "未导入任何内容。它可能是一篇新闻报道或工作通知；如确是整改文件，请检查其编号格式。"
)
EMPTY_WARNING = "文档没有内容。"
FLAT_CATEGORY = "未分类"


# ---------------------------------------------------------------------------
# Result types


@dataclass
class ParsedMeasure:
    """One measure ("一是……"): title is the clause after 一是 up to the first 。, detail the rest."""

    title: str
    detail: str
    communities: list[str] = field(default_factory=list)
    lines: tuple[int, int] | None = None  # 1-based source lines (rows of a table)
    leader: str = ""
    department: str = ""
    owners: list[str] = field(default_factory=list)
    deadline: str | None = None  # ISO date
    kind: str | None = None  # 立行立改 / 长期坚持 when the document says so


@dataclass
class ParsedProblem:
    """One problem ("1. 针对……的问题"); detail is the problem's whole text after its title."""

    title: str
    detail: str
    measures: list[ParsedMeasure] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)
    lines: tuple[int, int] | None = None


@dataclass
class ParsedCategory:
    """One category ("（一）关于……方面的整改"), title without its numbering or its wrapper."""

    title: str
    problems: list[ParsedProblem] = field(default_factory=list)
    lines: tuple[int, int] | None = None


def _measure_json(m: ParsedMeasure) -> dict[str, Any]:
    out: dict[str, Any] = {"title": m.title, "detail": m.detail}
    if m.lines:
        out["lines"] = list(m.lines)
    if m.owners:
        out["owner"] = list(m.owners)
    for key in ("leader", "department", "deadline", "kind"):
        value = getattr(m, key)
        if value:
            out[key] = value
    return out


@dataclass
class ParsedPlan:
    """The parsed document; structured is False when no findings were found (then categories is empty)."""

    categories: list[ParsedCategory]
    warnings: list[str] = field(default_factory=list)
    structured: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "categories": [
                {
                    "title": c.title,
                    "problems": [
                        {
                            "title": p.title,
                            **({"lines": list(p.lines)} if p.lines else {}),
                            "measures": [_measure_json(m) for m in p.measures],
                        }
                        for p in c.problems
                    ],
                }
                for c in self.categories
            ],
            "warnings": list(self.warnings),
        }

    def counts(self) -> tuple[int, int, int]:
        problems = [p for c in self.categories for p in c.problems]
        return len(self.categories), len(problems), sum(len(p.measures) for p in problems)


# ---------------------------------------------------------------------------
# Sentences

_CLOSERS = "”’」』】》）)\"'"
_ANY_PUNCT = "，。；：、！？,;:!?…"
_TITLE_STOP = "。！？；!?;\n"
_MEASURE_TITLE_STOP = "。！？；：!?;:\n"
_TRAILING_PUNCT = "，、,;；：: 。．.！？!?"


def _join_parts(parts: Iterable[str]) -> str:
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1] not in _ANY_PUNCT and out[-1] not in _CLOSERS:
            out += "。"  # a paragraph that ended without punctuation, e.g. a bare "一是……" line
        out += part
    return out


def _tidy_title(text: str) -> str:
    return text.replace("\n", "").strip().rstrip(_TRAILING_PUNCT).strip()


def _tidy_detail(text: str) -> str:
    return _join_parts(text.split("\n")).strip().lstrip("，。；：、,.;:！？!? ").strip()


def _first_sentence(text: str, stops: str = _TITLE_STOP) -> tuple[str, str]:
    """Split text after its first sentence: (sentence without its end mark, rest)."""
    for i, ch in enumerate(text):
        if ch in stops:
            head, rest = text[:i], text[i + 1 :]
            while rest and rest[0] in _CLOSERS:
                rest = rest[1:]
            return _tidy_title(head), _tidy_detail(rest)
    return _tidy_title(text), ""


# ---------------------------------------------------------------------------
# What headings say

# a shortcoming: what a finding names (and what the organisation of the work, a measure or a plan's aims don't)
_DEFECT_RE = re.compile(
    r"问题(?!导向)|不(?!断|仅|但|再|少于|低于|超过|放过|走样|反弹|松劲|减|偏|折不扣)|未[能按严落建及有完全执开规得]"
    r"|缺|欠|薄弱|弱化|虚化|淡化|滞后|缓慢|迟缓|偏低|偏少|偏弱|偏高|单一|流于|走过场|打折扣|短板|差距|漏洞|盲区"
    r"|隐患|乏力|松懈|随意|混乱|违规|违反|不正之风|腐败|形式主义|官僚主义|老化|陈旧|突出|时有发生|停滞|周期长|过期"
)
# a top-level section that is not the findings: organisation, mechanisms, next steps, aims, requirements
_NOT_FINDINGS_RE = re.compile(
    r"组织(?:整改|落实|领导|实施|开展|保障)|整改工作的?(?:组织|开展|总体|部署|推进)|书记|长效|标本兼治|巩固|下一步"
    r"|打算|今后|保障|总体要求|指导思想|基本原则|工作目标|整改目标|步骤|时间安排|工作要求|有关要求|整改要求"
    r"|整改意见$|不足$|提高政治站位|总体情况|思想认识|联系方式|成效$|工作机制"
)
_FINDINGS_RE = re.compile(
    r"反馈|发现|问题|整改(?:落实|进展|实施|任务|措施|清单|情况)|落实整改|集中整改|具体整改"
)
_PROBLEM_LABEL_RE = re.compile(r"^(?:反馈问题|存在问题|主要问题|具体问题|问题表现|具体表现|问题)\s*[：:]\s*")
_MEASURE_LABEL_RE = re.compile(r"(?:整改情况|整改措施|整改落实情况|整改举措|落实情况|整改进展|措施)\s*[：:]")
_PROBLEM_WRAPPER_RE = re.compile(
    r"^(?:关于|对于|针对)“([^“”]+)”(?:的)?(?:问题)?(?:的)?(?:整改(?:落实)?(?:情况)?)?$"
)
_CATEGORY_WRAPPER_RE = re.compile(
    r"^(?:在|关于|对于)?“([^“”]+)”方面(?:存在的?问题|的?问题|的?整改(?:情况)?)?$"
)


def _problem_heading(text: str) -> tuple[str, str]:
    """(title, the rest) of a problem's heading: labels and wrappers stripped, "针对……的问题" kept whole."""
    text = _PROBLEM_LABEL_RE.sub("", text.strip())
    end = next((i for i, ch in enumerate(text) if ch in _TITLE_STOP), len(text))
    sentence = text[:end]
    if sentence.startswith("针对"):
        for m in re.finditer("问题", sentence):
            after = sentence[m.end() : m.end() + 1]
            if not after or after in "，,：:；;、 ":  # not "……问题”" inside a quotation
                rest = text[m.end() :]
                while rest and rest[0] in _CLOSERS:
                    rest = rest[1:]
                return _tidy_title(text[: m.end()]), rest.lstrip(_TRAILING_PUNCT + "\n")
    title = _tidy_title(sentence)
    wrapped = _PROBLEM_WRAPPER_RE.match(title)
    if wrapped:
        title = wrapped.group(1).strip()
    rest = text[end + 1 :] if end < len(text) else ""
    while rest and rest[0] in _CLOSERS:
        rest = rest[1:]
    return title, rest.lstrip(_TRAILING_PUNCT + "\n")


def _category_title(text: str) -> str:
    title = _tidy_title(_first_sentence(text)[0])
    wrapped = _CATEGORY_WRAPPER_RE.match(title)
    return wrapped.group(1).strip() if wrapped else title


_CATEGORYISH_RE = re.compile(r"方面(?:的?整改(?:情况)?|存在的?问题|的?问题)?$|^在“")


def _title(node: Node) -> str:
    return _problem_heading(node.text)[0]


def _defect(text: str) -> bool:
    return bool(_DEFECT_RE.search(text))


# ---------------------------------------------------------------------------
# Running text (a heading's rest and its paragraphs) and its measures


@dataclass
class _Run:
    text: str
    spans: list[tuple[int, Paragraph]]  # (offset where the paragraph starts, paragraph)

    def lines(self, start: int, end: int) -> tuple[int, int]:
        first = last = self.spans[0][1] if self.spans else None
        for offset, para in self.spans:
            if offset <= start:
                first = para
            if offset < max(end, start + 1):
                last = para
        if first is None or last is None:
            return (0, 0)
        return first.first, max(first.first, last.last)


def _run(node: Node, rest: str, fields: MeasureFields) -> _Run:
    """The node's text after its title and its body paragraphs; field lines ("责任人：……") go to fields."""
    text = ""
    spans: list[tuple[int, Paragraph]] = []
    for part, para in [(rest, node.para), *((p.text, p) for p in node.body)]:
        if FIELD_LABEL_RE.match(part):
            found, _ = parse_fields(part)
            merged = found.merged(fields)
            fields.leader, fields.department = merged.leader, merged.department
            fields.owners, fields.deadline_text = merged.owners, merged.deadline_text
            continue
        if not part.strip():
            continue
        if text:
            text += "\n"
        spans.append((len(text), para))
        text += part
    return _Run(text, spans)


_ORDINAL_RE = re.compile(rf"(?:^|(?<=[。；;！？!?，,：:\n\s）)”]))([{CN_DIGITS}]{{1,3}})是")
_DI_RE = re.compile(rf"(?:^|(?<=[。；;！？!?：:\n\s]))第([{CN_DIGITS}]{{1,3}})[，、,：:]")
_FIRSTLY_RE = re.compile(r"(?:^|(?<=[。；;！？!?：:\n\s]))(首先|其次|再次|最后)[，、,：:]?")
_SUBITEM_RE = re.compile(
    r"(?:^|(?<=[。；;！？!?，,：:\n\s]))(?:[（(]\s*(\d{1,2})\s*[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))"
)
_INLINE_NUMBER_RE = re.compile(r"(?:^|(?<=[。；;！？!?：:\n\s]))(\d{1,2})\s*[.．、](?!\d)")
_FIRSTLY = {"首先": 1, "其次": 2, "再次": 3}


def _chain(text: str, pattern: re.Pattern[str], number: Any, minimum: int) -> list[tuple[int, int]]:
    chain: list[tuple[int, int]] = []
    expected = 1
    for m in pattern.finditer(text):
        n = number(m)
        if n == expected or (n == -1 and chain):
            chain.append((m.start(), m.end()))
            expected += 1
            if n == -1:
                break
    return chain if len(chain) >= minimum else []


def _measure_chain(text: str) -> list[tuple[int, int]]:
    """(start, body start) of the measures in text: the chain (一是…, 第一…, 首先…, （1）…, ①…, 1.…) that starts first."""
    chains = [
        _chain(text, _ORDINAL_RE, lambda m: cn_number(m.group(1)), 1),
        _chain(text, _DI_RE, lambda m: cn_number(m.group(1)), 2),
        _chain(text, _FIRSTLY_RE, lambda m: _FIRSTLY.get(m.group(1), -1), 2),
        _chain(
            text,
            _SUBITEM_RE,
            lambda m: int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("①") + 1,
            2,
        ),
        _chain(text, _INLINE_NUMBER_RE, lambda m: int(m.group(1)), 2),
    ]
    found = [c for c in chains if c]
    return min(found, key=lambda c: (c[0][0], -len(c))) if found else []


def split_measure_text(text: str) -> list[tuple[str, str]]:
    """A cell or paragraph of measures ("1.……；2.……", "一是……二是……") as (title, detail) pairs, in order."""
    chain = _measure_chain(text)
    pieces = (
        [text[body:following] for (_b, body), (following, _n) in pairwise([*chain, (len(text), len(text))])]
        if chain
        else [text]
    )
    out = [_first_sentence(p.strip(), _MEASURE_TITLE_STOP) for p in pieces if p.strip()]
    return [(title or detail, detail if title else "") for title, detail in out if title or detail]


def _has_measures(node: Node) -> bool:
    rest = _problem_heading(node.text)[1]
    text = "\n".join([rest, *(p.text for p in node.body)])
    return bool(_MEASURE_LABEL_RE.search(text) or _measure_chain(text))


def _new_measure(text: str, lines: tuple[int, int], fields: MeasureFields, year: int | None) -> ParsedMeasure:
    own, text = parse_fields(text.strip())
    title, detail = _first_sentence(text.strip(), _MEASURE_TITLE_STOP)
    merged = own.merged(fields)
    deadline = parse_deadline(merged.deadline_text, year)
    return ParsedMeasure(
        title or detail,
        detail if title else "",
        [],
        lines,
        merged.leader,
        merged.department,
        list(merged.owners),
        deadline.date,
        deadline.kind,
    )


def _measures(run: _Run, start: int, fields: MeasureFields, year: int | None) -> list[ParsedMeasure]:
    text = run.text[start:]
    chain = _measure_chain(text)
    out: list[ParsedMeasure] = []
    if chain:
        bounds = [*chain, (len(text), len(text))]
        for (begin, body), (following, _n) in pairwise(bounds):
            piece = text[body:following]
            if piece.strip():
                out.append(_new_measure(piece, run.lines(start + begin, start + following), fields, year))
    elif text.strip():
        out.append(_new_measure(text, run.lines(start, len(run.text)), fields, year))
    return [m for m in out if m.title]


# ---------------------------------------------------------------------------
# Sections, groups and problems


def _is_findings(root: Node) -> bool:
    bare = re.sub(r"“[^”]*”", "", _title(root))
    nodes = root.descendants() + ([root] if root.kind != "cn" else [])
    defects = sum(1 for n in nodes if _defect(_title(n)))
    if _NOT_FINDINGS_RE.search(bare):
        sure = root.kind == "cn" and re.search(r"组织|书记|下一步|打算", bare)  # a section, not a category
        return defects >= 2 and defects * 2 >= len(nodes) and not sure
    return defects >= 1 or (bool(_FINDINGS_RE.search(bare)) and bool(nodes))


def _role(node: Node) -> str:
    kids = node.children
    if any(k.children or _has_measures(k) for k in kids):
        return "group"
    if kids and _CATEGORYISH_RE.search(_title(node)):
        return "group"
    if kids and not _defect(_title(node)) and 2 * sum(1 for k in kids if _defect(_title(k))) >= len(kids):
        return "group"
    if kids:
        return "problem"
    rest = _problem_heading(node.text)[1]
    return "problem" if rest.strip() or node.body else "leaf"


def _problems(root: Node) -> list[tuple[list[Node], Node]]:
    """(path from root, problem node) of every problem under root, in document order."""
    out: list[tuple[list[Node], Node]] = []

    def walk(node: Node, path: list[Node]) -> None:
        role = _role(node)
        if role == "group":
            candidates = [k for k in node.children if _role(k) != "group"]
            mostly = 2 * sum(1 for k in candidates if _defect(_title(k))) >= len(candidates)
            for kid in node.children:
                if kid in candidates:
                    if _defect(_title(kid)) or (mostly and _role(kid) == "problem"):
                        out.append(([*path, node], kid))
                else:
                    walk(kid, [*path, node])
        elif role == "problem" or _defect(_title(node)):
            out.append((path, node))

    walk(root, [])
    return out


def _build_problem(node: Node, known: list[str], year: int | None, warnings: list[str]) -> ParsedProblem:
    title, rest = _problem_heading(node.text)
    fields = MeasureFields()
    run = _run(node, rest, fields)
    label = _MEASURE_LABEL_RE.search(run.text)
    measures = _measures(run, label.end() if label else 0, fields, year) if run.text.strip() else []
    for kid in node.children:
        kid_fields = MeasureFields()
        kid_run = _run(kid, kid.text, kid_fields)
        merged = kid_fields.merged(fields)
        if kid_run.text.strip():
            lines = (kid.para.first, kid.last_line)
            measures.append(_new_measure(kid_run.text.replace("\n", ""), lines, merged, year))
    if fields.any():  # fields after the measures ("责任人：……" closing the problem) fall to each of them
        for m in measures:
            deadline = parse_deadline(fields.deadline_text, year)
            m.leader, m.department = m.leader or fields.leader, m.department or fields.department
            m.owners = m.owners or list(fields.owners)
            if not (m.deadline or m.kind):
                m.deadline, m.kind = deadline.date, deadline.kind
    for m in measures:
        m.communities = communities_named(m.title + "。" + m.detail, known)
    if not measures:
        warnings.append(f"问题“{title}”下没有找到整改措施，请在预览中补充。")
    detail = _tidy_detail(run.text)
    problem_names = communities_named(title + "。" + detail, known)
    for m in measures:
        problem_names += [n for n in m.communities if n not in problem_names]
    return ParsedProblem(title, detail, measures, problem_names, (node.para.first, node.last_line))


def parse_plan(text: str, known_communities: Iterable[str] = (), *, year: int | None = None) -> ParsedPlan:
    """Parse plan / feedback / notice text; never raises. A document with no findings gives no categories."""
    known = [k.strip() for k in known_communities if k and k.strip()]
    text, traditional = to_simplified(text or "")
    warnings = [TRADITIONAL_WARNING] if traditional else []
    paras = paragraphs(text)
    if not paras:
        return ParsedPlan([], [*warnings, EMPTY_WARNING], False)
    year = year or document_year(text)
    try:
        categories = _categories(paras, known, year, warnings)
    except Exception:  # noqa: BLE001 - a messy document must never stop the import
        categories = []
    if not categories:
        return ParsedPlan([], [*warnings, NO_FINDINGS_WARNING], False)
    return ParsedPlan(categories, warnings, True)


def _categories(
    paras: list[Paragraph], known: list[str], year: int | None, warnings: list[str]
) -> list[ParsedCategory]:
    roots, _preamble = outline(paras)
    categories: list[ParsedCategory] = []
    by_node: dict[int, ParsedCategory] = {}
    for root in roots:
        if not _is_findings(root):
            continue
        for path, node in _problems(root):
            owner: Node | None
            if root.kind == "cn":
                owner = path[1] if len(path) >= 2 else root
            else:
                owner = path[0] if path else None
            key = id(owner) if owner is not None else 0
            category = by_node.get(key)
            if category is None:
                title = _category_title(owner.text) if owner is not None else FLAT_CATEGORY
                lines = (owner.para.first, owner.last_line) if owner is not None else None
                category = by_node[key] = ParsedCategory(title or FLAT_CATEGORY, [], lines)
                categories.append(category)
            problem = _build_problem(node, known, year, warnings)
            if problem.title:
                category.problems.append(problem)
    return [c for c in categories if c.problems]
