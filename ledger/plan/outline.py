"""A document's heading hierarchy read generically: 一、 / （一） / 1. / （1） / ① / 问题1： nest in the order a
document uses them, whatever their words; a number that restarts at 1 opens a level below."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ledger.plan.clean import CONTACT_RE, DATE_RE, Paragraph

__all__ = ["Node", "outline"]

CN_DIGITS = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、．.]\s*")),
    ("(cn)", re.compile(rf"^[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]\s*")),
    ("问题n", re.compile(rf"^问题\s*([\d{CN_DIGITS}]{{1,3}})\s*[：:.、．]\s*")),
    ("n", re.compile(r"^(\d{1,3})\s*(?:[.．、。](?!\d)|[)）])\s*")),
    ("(n)", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
)


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (only what numbering uses)."""
    values = {ch: i + 1 for i, ch in enumerate(CN_DIGITS)}
    if "十" not in text:
        return values.get(text[-1], 0) if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    return (values.get(tens, 0) if tens else 1) * 10 + (values.get(units, 0) if units else 0)


def _number(token: str) -> int:
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    if token.isascii() and token.isdigit():
        return int(token)
    return cn_number(token)


def marker(text: str) -> tuple[str, int, int] | None:
    """(kind, number, end of the marker) of a numbered paragraph, else None."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            if kind == "cn" and text[m.end(1) : m.end(1) + 1] == "是":
                return None
            return kind, _number(m.group(1)), m.end()
    return None


@dataclass
class Node:
    """A numbered paragraph and what follows it up to the next one at its level or above."""

    kind: str
    number: int
    text: str  # the paragraph without its marker
    para: Paragraph
    body: list[Paragraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    def descendants(self) -> list[Node]:
        out: list[Node] = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants())
        return out

    @property
    def last_line(self) -> int:
        lines = [self.para.last, *(p.last for p in self.body), *(c.last_line for c in self.children)]
        return max(lines)


def outline(paragraphs: list[Paragraph]) -> tuple[list[Node], list[Paragraph]]:
    """(the top-level nodes, the paragraphs before the first heading). A contact line or a date line closes
    every open level: what follows it belongs to no heading."""
    roots: list[Node] = []
    preamble: list[Paragraph] = []
    stack: list[Node] = []
    closed = False
    for para in paragraphs:
        found = marker(para.text)
        if found is None:
            if CONTACT_RE.match(para.text) or DATE_RE.match(para.text):
                stack, closed = [], True
            elif stack:
                stack[-1].body.append(para)
            elif not closed:
                preamble.append(para)
            continue
        kind, number, end = found
        same = [i for i, n in enumerate(stack) if n.kind == kind]
        target = next((i for i in reversed(same) if stack[i].number + 1 == number), None)
        if target is None and same and number != 1:
            target = same[-1]
        if target is not None:
            del stack[target:]
        parent = stack[-1] if stack else None
        node = Node(kind, number, para.text[end:].strip(), para, parent=parent)
        (parent.children if parent else roots).append(node)
        stack.append(node)
        closed = False
    return roots, preamble
