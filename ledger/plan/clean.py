"""A document's raw text made into numbered paragraphs: page chrome dropped, Traditional → Simplified,
half-width punctuation made full-width, lines broken by a page or a copy joined again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.plan.communities import IDEOGRAPHS

__all__ = ["Paragraph", "paragraphs", "to_simplified"]

TRADITIONAL_WARNING = "文档是繁体字，已转换为简体字后识别；请核对预览中的文字。"

_CN_DIGITS = "一二三四五六七八九十"
_CJK_WIDE = IDEOGRAPHS + "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK_WIDE}])[ \t]+(?=[{_CJK_WIDE}])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_MARKDOWN_INLINE_RE = re.compile(r"\*\*|__|~~|`")
_MARKDOWN_LEAD_RE = re.compile(r"^(?:#{1,6}\s*|>\s*|[*+•●▪■◆]\s+|[-]\s+(?=\S))")
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－~·]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)[\s\-—–－~·]*$"
)
# what a web page puts around the text: index numbers, publisher, dates, counters, font size, share, print, close
_CHROME_RE = re.compile(
    r"信息索引号|索引号\s*[：:]|发布机构\s*[：:]|发文机关\s*[：:]|发布日期\s*[：:]|发布时间\s*[：:]|成文日期\s*[：:]"
    r"|浏览次数|访问次数|点击数|阅读数|阅读量|字体\s*[：:]?\s*[【\[]?\s*大\s*中\s*小|【\s*大\s*】|分享到|打印本页"
    r"|关闭窗口|【\s*打印|【\s*关闭|上一篇\s*[：:]|下一篇\s*[：:]|来源\s*[：:]|作者\s*[：:]|责任编辑|版权所有"
    r"|网站标识码|ICP备|公网安备|扫一扫|当前位置\s*[：:]|^首页\s*[>＞›»]|主办单位\s*[：:]|技术支持\s*[：:]"
    r"|^【?\s*(?:打印|关闭|收藏|返回顶部)\s*】?$"
)
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_CJK_CHAR = re.compile(f"[{IDEOGRAPHS}]")


@dataclass
class Paragraph:
    """One paragraph of the document and the 1-based lines of the source it came from."""

    text: str
    first: int
    last: int


def to_simplified(text: str) -> tuple[str, bool]:
    """(text in Simplified characters, whether it was Traditional): OpenCC's Traditional → Simplified."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - a dependency; the text stays as it is
        return text, False
    converted: str = opencc.OpenCC("t2s").convert(text)
    if converted == text:
        return text, False
    changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    cjk = len(_CJK_CHAR.findall(text)) or 1
    # a few variant characters in a Simplified text are left alone; a Traditional text changes a lot
    return (converted, True) if changed >= 3 and changed / cjk >= 0.02 else (text, False)


def _full_width(line: str) -> str:
    """Half-width punctuation in Chinese text made full-width: "问题.一是加强,二是" → "问题。一是加强，二是"."""
    if not _CJK_CHAR.search(line):
        return line
    out: list[str] = []
    quote_open = True
    n = len(line)
    for i, ch in enumerate(line):
        before = line[i - 1] if i else ""
        after = line[i + 1] if i + 1 < n else ""
        cjk_before = bool(before) and bool(_CJK_CHAR.match(before) or before in '”）)"')
        cjk_after = bool(after) and bool(_CJK_CHAR.match(after) or after in '“（("')
        if ch in _HALF_PUNCT and (cjk_before or cjk_after) and not (before.isdigit() and after.isdigit()):
            out.append(_HALF_PUNCT[ch])
        elif ch == "." and cjk_before and not after.isdigit():
            out.append("。")
        elif ch == "(":
            out.append("（")
        elif ch == ")":
            out.append("）")
        elif ch == '"':
            out.append("“" if quote_open else "”")
            quote_open = not quote_open
        else:
            out.append(ch)
    return "".join(out)


def clean_line(raw: str) -> str:
    line = _INVISIBLE_RE.sub("", raw)
    line = line.replace("\u3000", " ").replace("\xa0", " ").replace("\t", " ")
    line = line.translate(_FULLWIDTH_DIGITS).strip()
    if _PAGE_NUMBER_RE.match(line):
        return ""
    line = _MARKDOWN_INLINE_RE.sub("", line).strip()
    line = _MARKDOWN_LEAD_RE.sub("", line).strip()
    line = _CJK_SPACE_RE.sub("", line)
    line = re.sub(r" {2,}", " ", line)
    if _CHROME_RE.search(line) and len(line) <= 80:
        return ""
    return _full_width(line)


# ---------------------------------------------------------------------------
# Joining lines into paragraphs

_SENTENCE_END = "。！？；：!?;:…"
_CLOSERS = "”’」』】》）)\"'"
_ANY_PUNCT = "，。；：、！？,;:!?…"
MARKER_RE = re.compile(
    rf"^(?:[{_CN_DIGITS}]{{1,3}}\s*[、．.]|[（(]\s*[{_CN_DIGITS}]{{1,3}}\s*[）)]|\d{{1,3}}\s*(?:[.．、。](?!\d)|[)）])"
    rf"|[（(]\s*\d{{1,3}}\s*[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|问题\s*[\d{_CN_DIGITS}]{{1,3}}\s*[：:.、．]"
    rf"|[{_CN_DIGITS}]{{1,3}}是|第[{_CN_DIGITS}]{{1,3}}[，、,：:]|首先|其次|再次|最后)"
)
LABEL_RE = re.compile(rf"^[{IDEOGRAPHS}]{{2,8}}\s*[：:]")
CONTACT_RE = re.compile(
    r"^(?:联系电话|联系人|联系方式|通讯地址|通信地址|邮政编码|邮编|电子邮箱|邮箱|传真|地址|电话|附件|抄送|印发|主送)\s*[：:]"
)
DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TITLE_LIKE_RE = re.compile(
    r"^[^，。；！？,;!?]{2,80}(?:通报|方案|意见|报告|情况|通知|决定|清单|台账|计划|办法|规定|总结|纪要)"
    r"(?:[（(][^）)]*[）)])?$"
)
_HEADING_END_RE = re.compile(r"(?:整改|问题|方面|情况|工作|意见|要求|建设|机制|任务|措施)$")
_HEADING_RE = re.compile(rf"^(?:[{_CN_DIGITS}]{{1,3}}\s*[、．.]|[（(]\s*[{_CN_DIGITS}]{{1,3}}\s*[）)])")


def _ends_sentence(text: str) -> bool:
    core = text.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] in _SENTENCE_END


def _has_punct(text: str) -> bool:
    return any(ch in _ANY_PUNCT for ch in text)


def _continues(paragraph: str, line: str) -> bool:
    """Whether line continues paragraph (a line or page break in the middle of a paragraph)."""
    bare = MARKER_RE.match(paragraph)
    if bare and not paragraph[bare.end() :].strip():
        return True  # "1." alone on a line, its text wrapped to the next
    if MARKER_RE.match(line) or LABEL_RE.match(line) or DATE_RE.match(line):
        return False
    heading = _HEADING_RE.match(paragraph)
    if heading and "。" not in paragraph.rstrip("。"):
        body = paragraph[heading.end() :]
        # a heading broken across a page: "（一）关于……工作要" + "求方面的整改"
        return (
            not _HEADING_END_RE.search(body)
            and len(line) <= 25
            and not _has_punct(line)
            and bool(_HEADING_END_RE.search(body + line))
        )
    if _ends_sentence(paragraph) or CONTACT_RE.match(paragraph) or DATE_RE.match(paragraph):
        return False
    label = LABEL_RE.match(paragraph)
    if label and len(paragraph) <= 30 and not _has_punct(paragraph[label.end() :]):
        return False  # "时间：2025年10月9日下午"
    if _TITLE_LIKE_RE.match(paragraph):
        return False
    if len(paragraph) <= 20 and not _has_punct(paragraph):
        return False  # a short bare heading or a signature line
    if MARKER_RE.match(paragraph) and len(paragraph) <= 40 and not _has_punct(paragraph[2:]):
        return False  # "1.关于“……”问题的整改" on a line of its own
    return True


def paragraphs(text: str) -> list[Paragraph]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    out: list[Paragraph] = []
    for number, raw in enumerate(lines.split("\n"), start=1):
        line = clean_line(raw)
        if not line:
            continue
        if out and _continues(out[-1].text, line):
            out[-1].text += line
            out[-1].last = number
        else:
            out.append(Paragraph(line, number, number))
    return out
