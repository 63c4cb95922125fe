"""整改方案 as tables (an Excel sheet, a Word table): each row a measure with its people and deadline, merged and
empty cells repeating the problem above, rows that cannot be read listed by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.office.plan_table import load_plan_document, table_plan
from ledger.plan.file import PlanFileError
from ledger.plan.text import ParsedPlan
from tests.ledger.plan.corpus_score import CORPUS, expected, score

TABLES = ["t21_table_plan", "t22_table_categories"]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (CORPUS / f"{name}.tsv").read_text("utf-8").splitlines()]


def _xlsx(name: str, path: Path, *, merge: bool) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某社区巡察整改任务清单"])  # a title row above the header
    rows = _rows(name)
    for row in rows:
        ws.append(row)
    if merge and name == "t21_table_plan":
        ws["B4"] = None
        ws.merge_cells("B3:B4")  # the problem of the second row is a merged cell
    wb.save(str(path))
    return path


def _docx(name: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("整改任务清单")
    rows = _rows(name)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if name == "t21_table_plan":
        top = table.cell(1, 1)
        table.cell(2, 1).text = ""
        top.merge(table.cell(2, 1))  # vertically merged problem cell
        top.text = rows[1][1]
    document.save(str(path))
    return path


def _check(plan: ParsedPlan, name: str) -> None:
    want = expected(name)
    assert min(score(plan, want).figures().values()) == 1.0
    assert [c.title for c in plan.categories] == [c["title"] for c in want["categories"]]
    measures = {m.title: m for c in plan.categories for p in c.problems for m in p.measures}
    for fields in want.get("fields", []):
        m = measures[fields["measure"]]
        for key in ("leader", "department"):
            if key in fields:
                assert getattr(m, key) == fields[key]
        if "owner" in fields:
            assert "、".join(m.owners) == fields["owner"]
        assert (m.deadline or "") == fields["deadline"]
        assert m.kind == fields.get("kind")
    for row in want.get("skipped_rows", []):
        assert any(f"第 {row} 行" in w for w in plan.warnings), plan.warnings


@pytest.mark.parametrize("name", TABLES)
def test_table_rows(name: str) -> None:
    plan = table_plan(_rows(name), year=2025, known=[])
    assert plan is not None
    _check(plan, name)


@pytest.mark.parametrize("name", TABLES)
def test_xlsx_plan(name: str, tmp_path: Path, ledger) -> None:
    plan = load_plan_document(_xlsx(name, tmp_path / f"{name}.xlsx", merge=True), ledger)
    measures = {m.title: m for c in plan.categories for p in c.problems for m in p.measures}
    assert min(score(plan, expected(name)).figures().values()) == 1.0
    if name == "t21_table_plan":
        assert measures["调整开放时间，增加晚间和周末开放"].deadline == f"{ledger.clock.now().year}-08-31"
        assert measures["立即更换过期灭火器"].owners == ["孙丽", "吴杰"]
        assert measures["立即更换过期灭火器"].lines == (6, 6)  # sheet rows: a title row above the header
        assert any("第 7 行" in w for w in plan.warnings)


@pytest.mark.parametrize("name", TABLES)
def test_docx_table_plan(name: str, tmp_path: Path, ledger) -> None:
    plan = load_plan_document(_docx(name, tmp_path / f"{name}.docx"), ledger)
    assert min(score(plan, expected(name)).figures().values()) == 1.0


def test_bad_deadline_is_a_warning_with_its_row() -> None:
    rows = [["问题", "整改措施", "完成时限"], ["台账不全", "补齐台账", "尽快"]]
    plan = table_plan(rows, year=2025, known=[])
    assert plan is not None and plan.counts() == (1, 1, 1)
    assert plan.categories[0].problems[0].measures[0].deadline is None
    assert "第 2 行" in plan.warnings[0] and "尽快" in plan.warnings[0]


def test_sheet_without_a_measure_column_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "123"])
    wb.save(str(tmp_path / "通讯录.xlsx"))
    with pytest.raises(PlanFileError, match="整改措施"):
        load_plan_document(tmp_path / "通讯录.xlsx")
