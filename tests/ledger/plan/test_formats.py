"""Corpus documents saved as Word and PDF read back to the same problems and measures; files that cannot be
read are refused with a sentence rather than imported as garbage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.plan.file import PlanFileError, read_plan_file, read_plan_text
from ledger.plan.text import parse_plan
from tests.ledger.plan.corpus_score import CORPUS, expected, score

SEVERAL = ["h01_street_progress", "t02_bureau_implementation", "t09_problem_cn_labels", "t13_bureau_circled"]
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def corpus_lines(name: str) -> list[str]:
    return read_plan_file(CORPUS / f"{name}.txt").splitlines()


def write_pdf(lines: list[str], path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    if not CJK_FONT.exists():
        pytest.skip("no CJK font to print the PDF with")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
    pdf.set_font("noto", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("name", SEVERAL)
def test_docx_paragraphs_read_like_the_text(name: str, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in corpus_lines(name):
        document.add_paragraph(line)
    path = tmp_path / f"{name}.docx"
    document.save(str(path))
    figures = score(parse_plan(read_plan_file(path)), expected(name)).figures()
    assert min(figures.values()) == 1.0, figures


@pytest.mark.parametrize("name", SEVERAL)
def test_pdf_reads_like_the_text(name: str, tmp_path: Path) -> None:
    path = write_pdf(corpus_lines(name), tmp_path / f"{name}.pdf")
    figures = score(parse_plan(read_plan_file(path)), expected(name)).figures()
    assert min(figures.values()) == 1.0, figures


def test_pdf_without_text_says_it_is_a_scan(tmp_path: Path) -> None:
    path = write_pdf([], tmp_path / "扫描件.pdf")
    with pytest.raises(PlanFileError, match="扫描件"):
        read_plan_file(path)


def test_big5_and_gbk_are_detected_and_told(tmp_path: Path) -> None:
    text = "（一）關於黨員教育管理方面\n1. 針對黨員教育管理不夠嚴格的問題。一是建立台賬。二是談話提醒。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    read, notes = read_plan_text(path)
    assert read == text and "Big5" in notes[0]
    plan = parse_plan(read)
    assert plan.categories[0].problems[0].title == "针对党员教育管理不够严格的问题"
    assert "繁体" in plan.warnings[0]


def test_bytes_that_are_no_text_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(range(256)) * 4 + os.urandom(64))
    with pytest.raises(PlanFileError, match="编码"):
        read_plan_file(path)
