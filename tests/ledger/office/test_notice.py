"""The 通报 draft: written from the example ledger, read back with python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from ledger.cli.main import main
from ledger.core import FixedClock, Status
from ledger.example import build_demo
from ledger.office.docx_style import (
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_H3,
    STYLE_TITLE,
)
from ledger.office.notice import measure_prose, write_notice
from ledger.service import Ledger

MEASURE = "建立常态化治理机制，巩固整改成效"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("notice") / "demo.db"
    led = build_demo(path, clock=FixedClock.on("2025-11-20"))
    tasks = [
        t for t in led.tasks_json() if t["measure"] == MEASURE and t["community"] in ("鑫峰苑", "天恒名城")
    ]
    assert len(tasks) == 2  # the measure names no community, so all six have it; figures go on two of them
    for task, done in zip(tasks, (12, 8), strict=True):
        led.add_indicator(task["id"], "开展集中整治", "次", target=10, actual=done)
    led.set_setting(
        "contact", {"phone": "021-34665713", "address": "金都路3688号党建办", "postcode": "201108"}
    )
    yield led
    led.close()


@pytest.fixture(scope="module")
def notice(demo: Ledger, tmp_path_factory: pytest.TempPathFactory):
    out = write_notice(demo, tmp_path_factory.mktemp("out") / "通报.docx", today=dt.date(2025, 11, 20))
    return out, docx.Document(str(out))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _east_asia(style) -> str | None:
    rpr = style.element.rPr
    if rpr is None or rpr.rFonts is None:
        return None
    return rpr.rFonts.get(qn("w:eastAsia"))


def test_every_category_problem_and_measure_is_there(demo: Ledger, notice) -> None:
    _path, document = notice
    text = _text(document)
    for cat in demo.categories():
        assert cat["title"] in text
    for prob in demo.problems():
        assert prob["title"] in text
    for measure in {t["measure"] for t in demo.tasks_json()}:
        assert f"是{measure}。" in text
    headings = {p.style.name: [] for p in document.paragraphs}
    for p in document.paragraphs:
        headings[p.style.name].append(p.text)
    assert [h[:2] for h in headings[STYLE_H1]] == ["一、", "二、", "三、"]
    assert headings[STYLE_H1][1] == "二、巡察反馈意见整改落实情况"
    assert (
        "（一）关于落实党的理论路线方针政策和党中央重大决策部署及市委、区委工作要求方面的整改"
        in headings[STYLE_H2]
    )
    assert "1. 针对党建引领基层治理效能不足的问题" in headings[STYLE_H3]
    assert "长效机制" in headings[STYLE_H1][2]


def test_figures_are_summed_across_communities(notice) -> None:
    _path, document = notice
    para = next(p.text for p in document.paragraphs if f"三是{MEASURE}" in p.text)
    assert "累计开展集中整治 20 次" in para
    assert "鑫峰苑" in para and "天恒名城" in para
    assert "整改任务 6 项" in para and "长期坚持 5 项" in para


def test_opening_contact_and_date(notice) -> None:
    _path, document = notice
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == STYLE_TITLE
    assert (
        paragraphs[0].text.replace("\n", "") == "中共莘庄工业区党工委关于下辖社区党组织巡察整改进展情况的通报"
    )
    assert paragraphs[1].text.startswith("根据区委统一部署，区委第一巡察组于2025年3月21日至2025年6月15日")
    assert "于2025年8月27日反馈了巡察意见" in paragraphs[1].text
    text = _text(document)
    assert "联系电话：021-34665713" in text and "邮政编码：201108" in text
    assert "通讯地址：金都路3688号党建办" in text
    last = paragraphs[-1]
    assert last.text == "2025年11月20日"
    assert (
        last.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
        or last.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    )


def test_page_is_a4_with_the_standard_margins(notice) -> None:
    _path, document = notice
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    for got, want in (
        (section.top_margin, 3.7),
        (section.left_margin, 2.8),
        (section.right_margin, 2.6),
        (section.bottom_margin, 3.5),
    ):
        assert abs(got - Cm(want)) < Cm(0.01)


def test_fonts_are_the_genre_s_and_never_latin(notice) -> None:
    _path, document = notice
    styles = document.styles
    assert _east_asia(styles[STYLE_TITLE]) in ("方正小标宋简体", "黑体")
    assert styles[STYLE_TITLE].font.size.pt == 22
    assert _east_asia(styles[STYLE_BODY]) in ("仿宋_GB2312", "仿宋")
    assert _east_asia(styles[STYLE_H1]) == FONT_H1
    assert _east_asia(styles[STYLE_H2]) == FONT_H2
    assert _east_asia(styles[STYLE_H3]) == FONT_BODY and styles[STYLE_H3].font.bold
    body = styles[STYLE_BODY]
    assert body.font.size.pt == 16
    assert abs(body.paragraph_format.line_spacing.pt - 28.9) < 0.1
    assert body.paragraph_format.first_line_indent.pt == 32
    assert body.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    # no style the document uses names a Latin font for any script
    for style in styles:
        rpr = getattr(style.element, "rPr", None)
        if (
            rpr is not None
            and rpr.rFonts is not None
            and style.name in (STYLE_TITLE, STYLE_BODY, STYLE_H1, STYLE_H2, STYLE_H3, "Normal")
        ):
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
                assert rpr.rFonts.get(qn(slot)) not in (None, "Times New Roman", "Calibri", "Arial")
    # headings carry outline levels, so Word's navigation pane shows them
    assert styles[STYLE_H1].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_fallback_fonts_are_declared(notice) -> None:
    path, _document = notice
    import zipfile

    table = zipfile.ZipFile(path).read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table
    assert 'w:name="方正小标宋简体"' in table


def test_footer_has_page_number_field(notice) -> None:
    _path, document = notice
    section = document.sections[0]
    xml = section.footer._element.xml
    assert "PAGE" in xml and "— " in xml and " —" in xml
    assert document.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.even_page_footer._element.xml


def test_measure_prose_single_task_and_no_progress(filled: Ledger) -> None:
    task = filled.task(filled.tasks_json()[0]["id"])
    text = measure_prose([task], {}, ["南郊别墅", "鑫峰苑"], dt.date(2025, 11, 20))
    assert text == "南郊别墅居民区该项任务目前尚未启动。"
    task.status = Status.CLOSED
    task.progress = "已完成培训。\n形成台账"
    text = measure_prose(
        [task],
        {task.id: [{"name": "培训", "unit": "次", "target": 3, "actual": 3}]},
        ["南郊别墅", "鑫峰苑"],
        dt.date(2025, 11, 20),
    )
    assert (
        text
        == "南郊别墅居民区已完成培训；形成台账。截至11月20日，累计培训 3 次。南郊别墅居民区该项任务目前已销号。"
    )


def test_empty_ledger_still_writes_a_draft(ledger: Ledger, tmp_path: Path) -> None:
    out = write_notice(ledger, tmp_path / "空.docx")
    text = _text(docx.Document(str(out)))
    assert "二、巡察反馈意见整改落实情况" in text and "【待补充" in text


def test_cli_notice(demo: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "草稿.docx"
    assert main(["notice", str(demo.path), str(out), "--today", "2025-11-20"]) == 0
    assert str(out) in capsys.readouterr().out
    assert docx.Document(str(out)).paragraphs[-1].text == "2025年11月20日"
