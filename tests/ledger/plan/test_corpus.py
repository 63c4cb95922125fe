"""Our own corpus of plans, notices and feedback (tests/ledger/plan/corpus): recall and precision of the problems
and measures the parser finds, over the documents used while tuning it and, separately, over those held out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.plan.file import read_plan_file
from ledger.plan.text import parse_plan
from tests.ledger.plan.corpus_score import CORPUS, Score, documents, expected, held_out, score

TEXT_DOCUMENTS = [n for n in documents() if (CORPUS / f"{n}.txt").exists()]


def _total(names: list[str]) -> Score:
    total = Score()
    for name in names:
        total.add(score(parse_plan(read_plan_file(CORPUS / f"{name}.txt")), expected(name)))
    return total


def test_corpus_has_twenty_documents_and_some_held_out() -> None:
    assert len(documents()) >= 20
    assert len(held_out()) >= 4 and set(held_out()) <= set(documents())


@pytest.mark.parametrize("held", [False, True], ids=["tuned", "held-out"])
def test_recall_and_precision_over_the_corpus(held: bool, capsys: pytest.CaptureFixture[str]) -> None:
    names = [n for n in TEXT_DOCUMENTS if (n in held_out()) == held]
    figures = _total(names).figures()
    with capsys.disabled():
        print(
            f"\n{'held-out' if held else 'tuned'} ({len(names)} documents): "
            + ", ".join(f"{k} {v:.1%}" for k, v in figures.items())
        )
    assert min(figures.values()) >= 0.95, figures


@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_each_document(name: str) -> None:
    plan = parse_plan(read_plan_file(CORPUS / f"{name}.txt"))
    figures = score(plan, expected(name)).figures()
    assert min(figures.values()) >= 0.8, (name, figures)
    if not expected(name)["categories"]:
        assert plan.categories == [] and "没有找到巡察发现的问题" in plan.warnings[-1]
    want = [c["title"] for c in expected(name)["categories"]]
    assert [c.title for c in plan.categories] == want


@pytest.mark.parametrize("name", [n for n in TEXT_DOCUMENTS if "fields" in expected(n)])
def test_owners_leaders_departments_and_deadlines(name: str) -> None:
    plan = parse_plan(read_plan_file(CORPUS / f"{name}.txt"))
    problems = {p.title: p for c in plan.categories for p in c.problems}
    for want in expected(name)["fields"]:
        for measure in problems[want["problem"]].measures:
            assert measure.leader == want.get("leader", "")
            assert measure.department == want.get("department", "")
            assert "、".join(measure.owners) == want.get("owner", "")
            assert (measure.deadline or "") == want["deadline"]
            assert measure.kind == want.get("kind")


def test_traditional_and_guessed_encodings_are_told() -> None:
    from ledger.plan.file import read_plan_text

    text, notes = read_plan_text(CORPUS / "h03_hospital_traditional.txt")
    assert "Big5" in notes[0]
    assert "繁体" in parse_plan(text).warnings[0]
    _text, notes = read_plan_text(CORPUS / "t20_gbk_plan_first.txt")
    assert "GB18030" in notes[0]
    assert read_plan_text(CORPUS / "t01_park_notice.txt")[1] == []


def test_measures_carry_their_source_lines() -> None:
    plan = parse_plan(read_plan_file(CORPUS / "t13_bureau_circled.txt"))
    first = plan.categories[0].problems[0]
    assert first.lines == (11, 14)
    assert [m.lines for m in first.measures] == [(12, 12), (13, 13), (14, 14)]


def test_page_chrome_is_dropped() -> None:
    plan = parse_plan(read_plan_file(CORPUS / "t04_web_chrome.txt"))
    text = str(plan.to_json())
    for chrome in ("索引号", "浏览次数", "打印本页", "分享到", "上一篇", "版权所有"):
        assert chrome not in text


# ---------------------------------------------------------------------------
# Properties

_PIECES = (
    "一、|二、整改落实情况|（一）在“党的建设”方面|(二)|1. 针对|2.关于“|”问题的整改|问题1：|（1）|②|的问题。|一是|二是|"
    "第一，|整改情况：|责任人：张三、李四|完成时限：8月底前|。|，|\n|\n\n|浏览次数：3|不到位|不规范|居民区|"
    '联系电话：|2025年1月1日| |\r\n|１．|十是|關於|問題|"|,|.'.split("|")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=40))
def test_any_text_parses_without_raising(pieces: list[str]) -> None:
    plan = parse_plan("".join(pieces))
    for category in plan.categories:
        assert category.title
        for problem in category.problems:
            assert problem.title


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(TEXT_DOCUMENTS), st.randoms(use_true_random=False))
def test_a_document_with_its_structure_removed_yields_no_problems(name: str, rnd: object) -> None:
    """Numbering, ordinals and line breaks removed, the sentences shuffled: nothing is invented."""
    import random
    import re

    assert isinstance(rnd, random.Random)
    text = read_plan_file(CORPUS / f"{name}.txt")
    text = re.sub(
        r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}\s*[.．、]|[①②③]",
        "",
        text,
    )
    text = re.sub(r"第[一二三四五六七八九十]{1,3}[，,]|首先|其次|问题\d+[：:]|[^\s：:]{2,6}[：:]", "", text)
    sentences = [s for s in re.split(r"[。\n]", text) if s.strip()]
    rnd.shuffle(sentences)
    plan = parse_plan("".join(s + "。" for s in sentences))
    assert plan.categories == []
