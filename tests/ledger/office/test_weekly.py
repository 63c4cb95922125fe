"""周报 (ledger.report_week): every figure read back from the .docx and the .xlsx equals the snapshot's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from ledger import reconcile
from ledger.cli.main import main
from ledger.core import LedgerError
from ledger.office import weekly as report_week
from ledger.service import Ledger
from tests.ledger.reconcile.test_periods import W47, ids, issue_and_merge, sign_off, submit

FIGURES = re.compile(
    r"本周新增销号 (\d+) 项，累计已销号 (\d+) 项，完成率 ([\d.]+)%；整改任务共 (\d+) 项：已销号 (\d+) 项、"
    r"长期坚持 (\d+) 项、未销号 (\d+) 项(?:（(.*)）)?。"
)
OVERDUE = re.compile(r"逾期 (\d+) 项：(.*)。")
LATE = re.compile(r"未按时上报：(.*)。")


@pytest.fixture
def closed(filled: Ledger) -> tuple[Ledger, dict[str, Any]]:
    t = ids(filled)
    sign_off(filled, t[2])
    submit(filled, t[4])
    issue_and_merge(filled, "南郊别墅", "2025-11-10 09:00:00", "2025-11-18 10:00:00")
    issue_and_merge(filled, "鑫峰苑", "2025-11-03 09:00:00", "2025-11-07 10:00:00")
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    return filled, reconcile.close_period(filled, W47)


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_docx_figures_match_the_snapshot(closed: tuple[Ledger, dict[str, Any]], tmp_path: Path) -> None:
    led, snap = closed
    out = report_week.write_docx(led, W47, tmp_path / "周报.docx")
    text = docx_text(out)
    m = FIGURES.search(text)
    assert m, text
    assert int(m[1]) == snap["signed_off_this_week"] == 1
    assert int(m[2]) == snap["counts"]["signed_off"]
    assert float(m[3]) == snap["completion_rate"]
    assert int(m[4]) == snap["counts"]["tasks"] and int(m[7]) == snap["counts"]["open"]
    assert (int(m[5]), int(m[6])) == (snap["counts"]["closed"], snap["counts"]["ongoing"])
    assert int(m[5]) + int(m[6]) + int(m[7]) == int(m[4])  # the parts add up
    o = OVERDUE.search(text)
    assert o and int(o[1]) == snap["counts"]["overdue"] == len(snap["overdue_tasks"]) == 2
    for t in snap["overdue_tasks"]:
        assert f"“{t['measure']}”" in o[2] and t["community"] in o[2]
    late = LATE.search(text)
    assert late and late[1].startswith("鑫峰苑（李书记，上次上报2025年11月7日）")
    assert "南郊别墅" not in late[1]
    assert "测试工业区党工委巡察整改工作周报" in text


def test_docx_is_an_official_a4_draft(closed: tuple[Ledger, dict[str, Any]], tmp_path: Path) -> None:
    led, _ = closed
    doc = Document(str(report_week.write_docx(led, W47, tmp_path / "周报.docx")))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[0] == "通报标题"  # the 通报's named styles, not Normal with direct formatting
    heads = [p for p in doc.paragraphs if p.style.name == "一级标题"]
    assert [p.text for p in heads][:3] == ["一、总体情况", "二、逾期任务", "三、上报情况"]
    ppr = heads[0].style.element.pPr
    assert (
        ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
        and heads[0].style.paragraph_format.keep_with_next
    )
    assert "通报正文" in styles
    footer = sec.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "—" in footer  # — N —
    assert doc.core_properties.author == led.org_name and "周报" in doc.core_properties.title


def test_xlsx_figures_match_the_snapshot(closed: tuple[Ledger, dict[str, Any]], tmp_path: Path) -> None:
    led, snap = closed
    out = report_week.write_xlsx(led, W47, tmp_path / "周报.xlsx")
    got = report_week.read_xlsx_figures(out)
    c = snap["counts"]
    assert got == {
        "本周新增销号": snap["signed_off_this_week"],
        "任务总数": c["tasks"],
        "已销号": c["closed"],
        "长期坚持": c["ongoing"],
        "未销号": c["open"],
        "未启动": c["not_started"],
        "推进中": c["in_progress"],
        "申请销号": c["submitted"],
        "审核中": c["in_review"],
        "已退回": c["returned"],
        "反弹重启": c["reopened"],
        "完成率": snap["completion_rate"],
        "逾期": c["overdue"],
        "未按时上报": len(snap["not_returned"]),
    }
    # a partition: the parts add up to the whole, and 未销号 to its states
    assert got["已销号"] + got["长期坚持"] + got["未销号"] == got["任务总数"]
    assert got["未销号"] == sum(
        got[k] for k in ("未启动", "推进中", "申请销号", "审核中", "已退回", "反弹重启")
    )
    ws = load_workbook(str(out))["周报"]
    assert ws.title == "周报" and len(ws.parent.worksheets) == 1
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "逾期任务") + 2
    overdue = [r for r in rows[start : start + len(snap["overdue_tasks"])]]
    assert [(r[0], r[1]) for r in overdue] == [(t["community"], t["measure"]) for t in snap["overdue_tasks"]]
    start = next(i for i, r in enumerate(rows) if r[0] == "上报情况") + 2
    chase = {r[0]: r[2] for r in rows[start:] if r[0] and not str(r[0]).startswith("日志校验码")}
    assert chase == {c["community"]: ("是" if c["returned"] else "否") for c in snap["chase"]}


def test_report_figures_are_the_snapshot_not_the_ledger_now(
    closed: tuple[Ledger, dict[str, Any]], tmp_path: Path
) -> None:
    led, snap = closed
    t = ids(led)
    sign_off(led, t[0])  # after the close: belongs to next week
    text = docx_text(report_week.write_docx(led, W47, tmp_path / "a.docx"))
    m = FIGURES.search(text)
    assert m and int(m[2]) == snap["counts"]["signed_off"] != led.stats()["by_status"]["closed"]
    assert (
        report_week.read_xlsx_figures(report_week.write_xlsx(led, W47, tmp_path / "a.xlsx"))["已销号"]
        == snap["counts"]["signed_off"]
    )


def test_report_needs_a_closed_period(filled: Ledger, tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        report_week.write_docx(filled, W47, tmp_path / "x.docx")
    assert info.value.code == "no_such_period"
    reconcile.open_period(filled, W47)
    with pytest.raises(LedgerError) as info:
        report_week.write_xlsx(filled, W47, tmp_path / "x.xlsx")
    assert info.value.code == "no_such_period" and "尚未结账" in info.value.message()
    with pytest.raises(LedgerError) as info:
        report_week.write_report(filled, W47, tmp_path / "x.pdf")
    assert info.value.code == "bad_value"


def test_report_command_line(
    closed: tuple[Ledger, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    led, snap = closed
    path = str(led.path)
    led.close()
    assert main(["report", path, "--week", W47, str(tmp_path / "周报.docx")]) == 0
    assert main(["report", path, "--week", W47, str(tmp_path / "周报.xlsx")]) == 0
    assert "周报" in capsys.readouterr().out
    m = FIGURES.search(docx_text(tmp_path / "周报.docx"))
    assert m and int(m[1]) == snap["signed_off_this_week"] and float(m[3]) == snap["completion_rate"]
    assert report_week.read_xlsx_figures(tmp_path / "周报.xlsx")["完成率"] == snap["completion_rate"]
    assert main(["report", path, "--week", "2025-W46", str(tmp_path / "x.docx")]) == 1


def test_the_report_carries_the_journal_anchor_of_the_close(
    closed: tuple[Ledger, dict[str, Any]], tmp_path: Path
) -> None:
    """The 周报 on paper anchors the journal as it was when the week was closed: later entries do not move it,
    and ``verify --anchor`` checks the file against it."""
    from ledger.storage import journal

    led, snap = closed
    led.update_progress(ids(led)[0], "结账之后的修改")  # the journal grows after the close
    want = journal.anchor(led.store, snap["end_seq"])
    assert want is not None and str(want) != str(journal.anchor(led.store))
    text = docx_text(report_week.write_docx(led, W47, tmp_path / "周报.docx"))
    assert f"日志校验码：{want}" in text
    ws = load_workbook(report_week.write_xlsx(led, W47, tmp_path / "周报.xlsx"))["周报"]
    assert ws.oddFooter.left.text == f"日志校验码：{want}"  # printed at the foot of every page
    assert any(str(r[0] or "").startswith(f"日志校验码：{want}（") for r in ws.iter_rows(values_only=True))
    assert journal.check_anchor(led.store, journal.Anchor.parse(str(want))) is None


def test_a_report_into_a_missing_folder_is_a_sentence(
    closed: tuple[Ledger, dict[str, Any]], tmp_path: Path
) -> None:
    led, _ = closed
    for name in ("周报.docx", "周报.xlsx"):
        with pytest.raises(LedgerError) as info:
            report_week.write_report(led, W47, tmp_path / "没有的文件夹" / name)
        assert "文件夹不存在" in info.value.message()
