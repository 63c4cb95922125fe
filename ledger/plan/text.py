"""Parse a rectification plan / feedback / notice (整改方案·反馈意见·通报) into categories → problems → measures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ledger.plan.communities import IDEOGRAPHS, communities_named

__all__ = ["ParsedCategory", "ParsedMeasure", "ParsedPlan", "ParsedProblem", "parse_plan"]

UNSTRUCTURED_WARNING = (
    "未能识别文档的层级结构（“（一）关于……”“1. 针对……的问题”“一是……”），"
    "已按段落逐条列出，请在预览中整理后再导入。"
)
EMPTY_WARNING = "文档没有内容。"
FLAT_CATEGORY = "未分类"
FLAT_PROBLEM = "未分类问题"


# ---------------------------------------------------------------------------
# Result types


@dataclass
class ParsedMeasure:
    """One measure ("一是……"): title is the clause after 一是 up to the first 。, detail the rest."""

    title: str
    detail: str
    communities: list[str] = field(default_factory=list)


@dataclass
class ParsedProblem:
    """One problem ("1. 针对……的问题"); detail is the problem's whole text after its title."""

    title: str
    detail: str
    measures: list[ParsedMeasure] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)


@dataclass
class ParsedCategory:
    """One category ("（一）关于……方面的整改"), title without its numbering."""

    title: str
    problems: list[ParsedProblem] = field(default_factory=list)


@dataclass
class ParsedPlan:
    """The parsed document; structured is False when it fell back to a flat list of paragraphs."""

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
                            "measures": [{"title": m.title, "detail": m.detail} for m in p.measures],
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
# Character classes and patterns

_CN_DIGITS = "一二三四五六七八九十"
# (IDEOGRAPHS, the CJK ideographs, comes from ledger.plan_communities)
# ideographs plus CJK / full-width punctuation and curly quotes: no space belongs between two of these
_CJK_WIDE = IDEOGRAPHS + "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK_WIDE}])[ \t]+(?=[{_CJK_WIDE}])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_MARKDOWN_INLINE_RE = re.compile(r"\*\*|__|~~|`")
_MARKDOWN_LEAD_RE = re.compile(r"^(?:#{1,6}\s*|>\s*|[*+•●▪■◆]\s+|[-]\s+(?=\S))")
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－~·]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)[\s\-—–－~·]*$"
)

_L1_RE = re.compile(rf"^([{_CN_DIGITS}百]{{1,3}})\s*[、．.]\s*")
_L2_RE = re.compile(rf"^[（(]\s*([{_CN_DIGITS}]{{1,3}})\s*[）)]\s*")
_ITEM_RE = re.compile(r"^(\d{1,3})\s*(?:[.．、。](?!\d)|[)）])\s*")
_SUBITEM_RE = re.compile(r"^(?:[（(]\s*\d{1,3}\s*[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")
_ORDINAL_START_RE = re.compile(rf"^[{_CN_DIGITS}]{{1,3}}是")
_CONTACT_RE = re.compile(
    r"^(?:联系电话|联系人|联系方式|通讯地址|通信地址|邮政编码|邮编|电子邮箱|邮箱|传真|地址|电话|附件|抄送|印发|主送)\s*[：:]"
)
_LABEL_RE = re.compile(rf"^[{IDEOGRAPHS}]{{2,6}}\s*[：:]")  # "时间：……", "地点：……", "联系电话：……"
_DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TITLE_LIKE_RE = re.compile(
    r"^[^，。；！？,;!?]{2,80}(?:通报|方案|意见|报告|情况|通知|决定|清单|台账|计划|办法|规定|总结|纪要)"
    r"(?:[（(][^）)]*[）)])?$"
)
_HEADING_END_RE = re.compile(r"(?:整改|问题|方面|情况|工作|意见|要求|建设|机制|任务|措施)$")

_SENTENCE_END = "。！？；：!?;:…"
_CLOSERS = "”’」』】》）)\"'"
_ANY_PUNCT = "，。；：、！？,;:!?…"
_TITLE_STOP = "。！？；!?;\n"
_MEASURE_TITLE_STOP = "。！？；：!?;:\n"
_TRAILING_PUNCT = "，、,;；：: 。．.！？!?"

# top-level headings that introduce the findings (the part with problems) ...
_FINDINGS_HEADING_RE = re.compile(
    r"反馈|问题|整改落实|整改任务|整改措施|整改清单|巡察发现|发现问题|具体任务|任务清单"
)
# ... and those that clearly do not (organisation of the work, long-term mechanisms, next steps)
_NOT_FINDINGS_HEADING_RE = re.compile(
    r"长效|标本兼治|成果|巩固|下一步|打算|保障|总体要求|指导思想|工作目标|基本原则|组织领导|工作要求|工作安排|时间安排|步骤"
)


# ---------------------------------------------------------------------------
# Cleaning and paragraph reconstruction


def _clean_line(raw: str) -> str:
    line = _INVISIBLE_RE.sub("", raw)
    line = line.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ")
    line = line.translate(_FULLWIDTH_DIGITS).strip()
    if _PAGE_NUMBER_RE.match(line):
        return ""
    line = _MARKDOWN_INLINE_RE.sub("", line).strip()
    line = _MARKDOWN_LEAD_RE.sub("", line).strip()
    line = _CJK_SPACE_RE.sub("", line)
    return re.sub(r" {2,}", " ", line)


def _strip_closers(text: str) -> str:
    return text.rstrip(_CLOSERS + " ")


def _ends_sentence(text: str) -> bool:
    core = _strip_closers(text)
    return bool(core) and core[-1] in _SENTENCE_END


def _has_punct(text: str) -> bool:
    return any(ch in _ANY_PUNCT for ch in text)


def _starts_block(line: str) -> bool:
    return bool(
        _L1_RE.match(line)
        or _L2_RE.match(line)
        or _ITEM_RE.match(line)
        or _SUBITEM_RE.match(line)
        or _ORDINAL_START_RE.match(line)
        or _LABEL_RE.match(line)
        or _DATE_RE.match(line)
    )


def _is_heading(line: str) -> bool:
    """A bare "一、……" or "（一）……" heading line (not a "（一）针对……" problem, not heading plus text)."""
    m = _L1_RE.match(line) or _L2_RE.match(line)
    if not m:
        return False
    body = line[m.end() :]
    return not body.startswith("针对") and "。" not in body.rstrip("。")


def _continues(paragraph: str, line: str) -> bool:
    """Whether line continues paragraph (a line or page break in the middle of a paragraph)."""
    if _starts_block(line):
        return False
    if _is_heading(paragraph):
        body = _heading_body(paragraph)
        # a heading broken across a page: "（一）关于……工作要" + "求方面的整改"
        return (
            not _HEADING_END_RE.search(body)
            and len(line) <= 25
            and not _has_punct(line)
            and bool(_HEADING_END_RE.search(body + line))
        )
    if _ends_sentence(paragraph):
        return False
    if _CONTACT_RE.match(paragraph) or _DATE_RE.match(paragraph):
        return False
    label = _LABEL_RE.match(paragraph)
    if label and len(paragraph) <= 30 and not _has_punct(paragraph[label.end() :]):
        return False  # "时间：2025年10月9日下午"
    if _TITLE_LIKE_RE.match(paragraph):
        return False
    if len(paragraph) <= 20 and not _has_punct(paragraph):
        return False  # a short bare heading or a signature line
    return True


def _paragraphs(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    paragraphs: list[str] = []
    for raw in lines.split("\n"):
        line = _clean_line(raw)
        if not line:
            continue
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


# ---------------------------------------------------------------------------
# Small text helpers


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (only what numbering uses)."""
    values = {ch: i + 1 for i, ch in enumerate(_CN_DIGITS)}
    if "十" not in text:
        return values.get(text[-1], 0) if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    return (values.get(tens, 0) if tens else 1) * 10 + (values.get(units, 0) if units else 0)


def _join_parts(parts: Iterable[str]) -> str:
    """Join paragraphs of one item into running text (no line breaks, no spaces between them)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1] not in _ANY_PUNCT and out[-1] not in _CLOSERS:
            out += "。"  # a paragraph that ended without punctuation, e.g. a bare "一是……" line
        out += part
    return out


def _first_sentence(text: str, stops: str = _TITLE_STOP) -> tuple[str, str]:
    """Split text after its first sentence: (sentence without its end mark, rest)."""
    for i, ch in enumerate(text):
        if ch in stops:
            head, rest = text[:i], text[i + 1 :]
            # keep a closing quote or bracket that belongs to the sentence: "……。”"
            while rest and rest[0] in _CLOSERS:
                rest = rest[1:]
            return _tidy_title(head), _tidy_detail(rest)
    return _tidy_title(text), ""


def _tidy_title(text: str) -> str:
    return text.replace("\n", "").strip().rstrip(_TRAILING_PUNCT).strip()


def _tidy_detail(text: str) -> str:
    return _join_parts(text.split("\n")).strip().lstrip("，。；：、,.;:！？!? ").strip()


# ---------------------------------------------------------------------------
# Measures and problems

_ORDINAL_RE = re.compile(rf"(?:^|(?<=[。；;！？!?，,：:\n\s）)”]))([{_CN_DIGITS}]{{1,3}})是")
_SUBITEM_INLINE_RE = re.compile(
    r"(?:^|(?<=[。；;！？!?，,：:\n\s]))(?:[（(]\s*(\d{1,2})\s*[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))"
)


def _ordinal_chain(text: str) -> list[tuple[int, int]]:
    """(start, body start) of 一是、二是、三是… in sequence; empty when there is no 一是."""
    chain: list[tuple[int, int]] = []
    expected = 1
    for m in _ORDINAL_RE.finditer(text):
        if _cn_number(m.group(1)) == expected:
            chain.append((m.start(), m.end()))
            expected += 1
    return chain


def _subitem_chain(text: str) -> list[tuple[int, int]]:
    """(start, body start) of (1)(2)… or ①②… in sequence, used when there is no 一是 list."""
    chain: list[tuple[int, int]] = []
    expected = 1
    for m in _SUBITEM_INLINE_RE.finditer(text):
        number = int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("①") + 1
        if number == expected:
            chain.append((m.start(), m.end()))
            expected += 1
    return chain if len(chain) >= 2 else []


def _measures(text: str, known: list[str]) -> list[ParsedMeasure]:
    chain = _ordinal_chain(text) or _subitem_chain(text)
    measures: list[ParsedMeasure] = []
    if chain:
        bounds = [*chain, (len(text), len(text))]
        for (_start, body), (next_start, _n) in pairwise(bounds):
            title, detail = _first_sentence(text[body:next_start].strip(), _MEASURE_TITLE_STOP)
            if title or detail:
                measures.append(ParsedMeasure(title or detail, detail if title else "", []))
    else:
        title, detail = _first_sentence(text.strip())
        if title:
            measures.append(ParsedMeasure(title, detail, []))
    for measure in measures:
        measure.communities = communities_named(measure.title + "。" + measure.detail, known)
    return measures


def _problem_title(text: str) -> tuple[str, str, bool]:
    """(title, rest, is_targeted): "针对……的问题" when present, else the first sentence."""
    sentence_end = next((i for i, ch in enumerate(text) if ch in _TITLE_STOP), len(text))
    sentence = text[:sentence_end]
    if sentence.startswith("针对"):
        for m in re.finditer("问题", sentence):
            after = sentence[m.end() : m.end() + 1]
            if not after or after in "，,：:；;、 ":  # not "……问题”" inside a quotation
                rest = text[m.end() :]
                while rest and rest[0] in _CLOSERS:
                    rest = rest[1:]
                return _tidy_title(text[: m.end()]), rest.lstrip(_TRAILING_PUNCT + "\n"), True
    title, _ = _first_sentence(text)
    rest = text[sentence_end + 1 :] if sentence_end < len(text) else ""
    while rest and rest[0] in _CLOSERS:
        rest = rest[1:]
    return title, rest.lstrip(_TRAILING_PUNCT + "\n"), False


@dataclass
class _ProblemDraft:
    parts: list[str]

    def targeted(self) -> bool:
        return _problem_title(self.parts[0])[2]


@dataclass
class _CategoryDraft:
    title: str
    problems: list[_ProblemDraft] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # text before its first numbered problem
    about: bool = False  # "（一）关于……"


def _build_problem(draft: _ProblemDraft, known: list[str], warnings: list[str]) -> ParsedProblem:
    title, rest, _targeted = _problem_title(draft.parts[0])
    running = "\n".join(p for p in [rest, *draft.parts[1:]] if p.strip())
    measures = _measures(running, known)
    if not measures:
        warnings.append(f"问题“{title}”下没有找到整改措施，请在预览中补充。")
    detail = _tidy_detail(running)
    return ParsedProblem(title, detail, measures, communities_named(title + "。" + detail, known))


def _heading_body(paragraph: str) -> str:
    m = _L1_RE.match(paragraph) or _L2_RE.match(paragraph)
    return paragraph[m.end() :] if m else paragraph


def _split_heading(paragraph: str) -> tuple[str, str]:
    """A heading paragraph's (title, text after it on the same line)."""
    body = _heading_body(paragraph)
    core = body.rstrip("。. ")
    if "。" in core:
        head, _, rest = body.partition("。")
        return _tidy_title(head), rest.strip()
    return _tidy_title(body), ""


def _is_problem_paragraph(paragraph: str) -> bool:
    if _ITEM_RE.match(paragraph):
        return True
    m = _L2_RE.match(paragraph)
    return bool(m and paragraph[m.end() :].startswith("针对"))


def _problem_text(paragraph: str) -> str:
    m = _ITEM_RE.match(paragraph) or _L2_RE.match(paragraph)
    return paragraph[m.end() :].strip() if m else paragraph


def _section_categories(heading: str | None, paragraphs: list[str]) -> list[_CategoryDraft]:
    """The categories of one top-level section; problems before any （一） go under the section's own title."""
    categories: list[_CategoryDraft] = []
    current: _CategoryDraft | None = None
    problem: _ProblemDraft | None = None
    for paragraph in paragraphs:
        if _is_problem_paragraph(paragraph):
            if current is None:
                current = _CategoryDraft(heading or FLAT_CATEGORY)
                categories.append(current)
            problem = _ProblemDraft([_problem_text(paragraph)])
            current.problems.append(problem)
        elif _L2_RE.match(paragraph):
            title, rest = _split_heading(paragraph)
            current = _CategoryDraft(title, about=title.startswith("关于"))
            categories.append(current)
            problem = None
            if rest:
                current.body.append(rest)
        elif _CONTACT_RE.match(paragraph) or _DATE_RE.match(paragraph):
            problem = None  # contact lines and dates end the running problem
        elif problem is not None:
            problem.parts.append(paragraph)
        elif current is not None:
            current.body.append(paragraph)
    return categories


def _findings_categories(paragraphs: list[str]) -> list[_CategoryDraft]:
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for paragraph in paragraphs:
        if _L1_RE.match(paragraph) and not _ORDINAL_START_RE.match(paragraph):
            title, rest = _split_heading(paragraph)
            sections.append((title, [rest] if rest else []))
        else:
            sections[-1][1].append(paragraph)

    parsed = [(heading, _section_categories(heading, body)) for heading, body in sections]

    def named_findings(heading: str) -> bool:
        return bool(
            (_FINDINGS_HEADING_RE.search(heading) or heading.startswith("关于"))
            and not _NOT_FINDINGS_HEADING_RE.search(heading)
        )

    def targeted(categories: list[_CategoryDraft]) -> bool:
        return any(p.targeted() for c in categories for p in c.problems)

    # a heading that names the findings ("二、巡察反馈意见整改落实情况") wins; without one, any top-level
    # section with "针对……的问题" items counts
    any_named = any(heading is not None and named_findings(heading) for heading, _ in parsed)
    chosen: list[_CategoryDraft] = []
    for heading, categories in parsed:
        if heading is None:
            # text before any top-level heading: only "（一）关于……" categories or "针对……问题" problems count
            chosen.extend(c for c in categories if (c.about and (c.problems or c.body)) or targeted([c]))
        elif named_findings(heading) if any_named else targeted(categories):
            chosen.extend(categories)
    return chosen


def _flat_plan(paragraphs: list[str], known: list[str], warnings: list[str]) -> ParsedPlan:
    measures: list[ParsedMeasure] = []
    for paragraph in paragraphs:
        for pattern in (_L1_RE, _L2_RE, _ITEM_RE, _SUBITEM_RE):
            m = pattern.match(paragraph)
            if m:
                paragraph = paragraph[m.end() :].strip()
                break
        title, detail = _first_sentence(paragraph)
        if title or detail:
            text = title + "。" + detail
            measures.append(
                ParsedMeasure(title or detail, detail if title else "", communities_named(text, known))
            )
    problem = ParsedProblem(
        FLAT_PROBLEM,
        "",
        measures,
        communities_named("。".join(m.title + "。" + m.detail for m in measures), known),
    )
    return ParsedPlan([ParsedCategory(FLAT_CATEGORY, [problem])], [*warnings, UNSTRUCTURED_WARNING], False)


def _structured_plan(paragraphs: list[str], known: list[str]) -> ParsedPlan | None:
    drafts = _findings_categories(paragraphs)
    if not any(c.problems or c.body for c in drafts):
        return None
    warnings: list[str] = []
    categories: list[ParsedCategory] = []
    for draft in drafts:
        problem_drafts = draft.problems
        if not problem_drafts and draft.body:
            warnings.append(
                f"“{draft.title}”下没有编号的问题（“1. 针对……的问题”），已把其正文作为一个问题列出。"
            )
            problem_drafts = [_ProblemDraft(list(draft.body))]
        if not problem_drafts:
            warnings.append(f"“{draft.title}”下没有找到问题，请在预览中补充或删除这一类。")
        problems = [_build_problem(p, known, warnings) for p in problem_drafts]
        categories.append(ParsedCategory(draft.title, problems))
    return ParsedPlan(categories, warnings, True)


def parse_plan(text: str, known_communities: Iterable[str] = ()) -> ParsedPlan:
    """Parse plan / feedback / notice text; never raises. Falls back to a flat list when no structure is found."""
    known = [k.strip() for k in known_communities if k and k.strip()]
    paragraphs = _paragraphs(text or "")
    if not paragraphs:
        return ParsedPlan([], [EMPTY_WARNING], False)
    try:
        plan = _structured_plan(paragraphs, known)
    except Exception:  # noqa: BLE001 - a messy document must never stop the import
        plan = None
    if plan is not None:
        return plan
    return _flat_plan(paragraphs, known, [])
