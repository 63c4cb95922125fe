"""整改方案 written as a table (an Excel sheet or a Word table): each row a measure of a problem, with its 责任领导,
责任部门, 责任人 and 完成时限, read through the column mapping of the foreign-ledger import; and the one entry point
that opens any plan file (.txt/.docx/.pdf/.xlsx) as a ParsedPlan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ledger.core.errors import LedgerError
from ledger.office.fill_form import cell_text, open_workbook
from ledger.office.foreign import guess_mapping
from ledger.plan.communities import communities_named
from ledger.plan.fields import document_year, parse_deadline, split_names
from ledger.plan.file import PlanFileError, read_plan_text
from ledger.plan.text import (
    ParsedCategory,
    ParsedMeasure,
    ParsedPlan,
    ParsedProblem,
    parse_plan,
    split_measure_text,
)
from ledger.service import Ledger
from ledger.storage import check_office_file

__all__ = ["DEFAULT_CATEGORY", "load_plan_document", "table_plan"]

DEFAULT_CATEGORY = "整改任务"
_DEPARTMENT_RE = re.compile(r"责任部门|牵头部门|责任科室|牵头单位|配合部门")


def _norm(text: str) -> str:
    return "".join(text.split())


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header row among the first ten, our field -> column) when it names a measure column."""
    best: tuple[int, dict[str, int]] | None = None
    for i, row in enumerate(rows[:10]):
        mapping = guess_mapping(list(row))
        if "measure" in mapping and (best is None or len(mapping) > len(best[1])):
            best = (i, mapping)
    if best is None:
        return None
    i, mapping = best
    department = next(
        (
            c
            for c, text in enumerate(rows[i])
            if _DEPARTMENT_RE.search(_norm(text)) and c not in mapping.values()
        ),
        None,
    )
    if department is not None:
        mapping["department"] = department
    elif "community" in mapping:  # 责任单位: a department or a community, kept as the department
        mapping["department"] = mapping.pop("community")
    return best


def table_plan(
    rows: list[list[str]], *, year: int | None, known: list[str], row_offset: int = 0
) -> ParsedPlan | None:
    """The plan in a table's rows (header included), or None when no header names a 整改措施 column.

    An empty 问题 or 类别 cell repeats the one above (merged cells); a row without a measure is skipped and
    listed by its row number (``row_offset`` + 1-based index)."""
    found = _header(rows)
    if found is None:
        return None
    head, mapping = found
    warnings: list[str] = []
    skipped: list[int] = []
    categories: dict[str, ParsedCategory] = {}
    problems: dict[tuple[str, str], ParsedProblem] = {}
    last = {"category": "", "problem": ""}

    def cell(row: list[str], fld: str) -> str:
        i = mapping.get(fld)
        return row[i].strip().strip("\u3000").strip() if i is not None and i < len(row) else ""

    for index in range(head + 1, len(rows)):
        row = rows[index]
        number = row_offset + index + 1
        if not any(c.strip() for c in row):
            continue
        for fld in ("category", "problem"):
            if cell(row, fld):
                last[fld] = cell(row, fld)
        text = cell(row, "measure")
        if not text:
            skipped.append(number)
            continue
        category_title = last["category"] or DEFAULT_CATEGORY
        problem_title = last["problem"] or split_measure_text(text)[0][0]
        category = categories.get(category_title)
        if category is None:
            category = categories[category_title] = ParsedCategory(category_title, [], (number, number))
        problem = problems.get((category_title, problem_title))
        if problem is None:
            problem = ParsedProblem(problem_title, "", [], [], (number, number))
            problems[(category_title, problem_title)] = problem
            category.problems.append(problem)
        deadline_text = cell(row, "deadline")
        deadline = parse_deadline(deadline_text, year)
        if not deadline.ok:
            warnings.append(
                f"表格第 {number} 行的完成时限“{deadline_text}”无法识别，已留空，请在台账中补填。"
            )
        department = cell(row, "department")
        for title, detail in split_measure_text(text):
            named = communities_named(f"{title}。{detail}。{department}", known)
            problem.measures.append(
                ParsedMeasure(
                    title,
                    detail,
                    named,
                    (number, number),
                    "、".join(split_names(cell(row, "leader"))),
                    "、".join(split_names(department)),
                    split_names(cell(row, "owner")),
                    deadline.date,
                    deadline.kind,
                )
            )
            problem.communities += [n for n in named if n not in problem.communities]
        problem.lines = (problem.lines[0] if problem.lines else number, number)
    if skipped:
        rows_text = "、".join(str(n) for n in skipped)
        warnings.append(f"表格第 {rows_text} 行没有整改措施，无法识别，已跳过。")
    plan_categories = [c for c in categories.values() if c.problems]
    if not plan_categories:
        return ParsedPlan([], [*warnings, "表格中没有可导入的整改措施。"], False)
    return ParsedPlan(plan_categories, warnings, True)


def _xlsx_rows(path: Path) -> tuple[list[list[str]], str]:
    try:
        wb = open_workbook(path)
    except LedgerError as exc:
        raise PlanFileError(exc.code, **exc.facts) from exc
    ws = wb.worksheets[0]
    grid = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:  # a merged cell's value on every cell it covers
        if rng.min_row > len(grid):
            continue
        top_row = grid[rng.min_row - 1]
        top = top_row[rng.min_col - 1] if rng.min_col - 1 < len(top_row) else ""
        for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
            for c in range(rng.min_col, min(rng.max_col, len(grid[r - 1])) + 1):
                grid[r - 1][c - 1] = top
    return grid, ws.title


def _docx_tables(path: Path) -> list[list[list[str]]]:
    import docx

    try:
        # a zip bomb or an encrypted file is not unpacked here: read_plan_text says what it is in a sentence
        check_office_file(path, "docx")
        document = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - the text reader says what is wrong with the file
        return []
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def load_plan_document(path: str | Path, ledger: Ledger | None = None) -> ParsedPlan:
    """The parsed plan of a .txt/.md, .docx (paragraphs, or a plan table), .pdf or .xlsx file, with how the file
    was read (encoding guessed, Traditional converted, rows skipped) among its warnings; PlanFileError if not."""
    file = Path(path)
    known = [c["name"] for c in ledger.communities()] if ledger is not None else []
    year = ledger.clock.now().year if ledger is not None else date.today().year
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if not file.is_file():
            raise PlanFileError("plan_missing", name=str(file))
        rows, sheet = _xlsx_rows(file)
        plan = table_plan(rows, year=year, known=known)
        if plan is None:
            raise PlanFileError("plan_no_measure_column", sheet=sheet)
        return plan
    if suffix == ".docx" and file.is_file():
        for table in _docx_tables(file):
            plan = table_plan(table, year=year, known=known)
            if plan is not None and plan.categories:
                return plan
    text, notes = read_plan_text(file)
    plan = parse_plan(text, known, year=document_year(text) or year)
    plan.warnings[:0] = notes
    return plan
