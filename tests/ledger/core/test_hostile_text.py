"""Text, numbers and dates as an attacker or a careless paste gives them: a paste artefact is cleaned (Word's \\v
is a line break), what is no text is refused with a sentence and the ledger unchanged, numbers are finite and
targets not negative, dates within 2000–2100; and every .xlsx cell that starts like a formula is text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from ledger.core import Action, Operator, Role
from ledger.office import write_notice
from ledger.office.fill_form import export_fill_form
from ledger.service import Ledger
from tests.helpers import refuse

ROOT = Path(__file__).resolve().parents[3]


def first_task(led: Ledger) -> str:
    return led.tasks_json()[0]["id"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("第一行\x0b第二行", "第一行\n第二行"),  # Word's manual line break
        ("第一页\x0c第二页", "第一页\n第二页"),  # a page break
        ("甲\r\n乙\r丙", "甲\n乙\n丙"),
        ("甲\u2028乙", "甲\n乙"),
        ("已完成\t3 次", "已完成\t3 次"),
    ],
)
def test_paste_artefacts_become_line_breaks(filled: Ledger, typed: str, stored: str) -> None:
    tid = first_task(filled)
    filled.update_progress(tid, typed)
    assert filled.task(tid).progress == stored


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("进展\x00", "空字符 NUL"),
        ("进展\x1b[31m", "ESC"),
        ("\u202egpj.exe", "改变文字方向"),
        ("进展\u2066隔离", "改变文字方向"),
        ("进展\x7f", "DEL"),
    ],
)
def test_what_is_no_text_is_refused_naming_the_field_and_the_character(
    filled: Ledger, text: str, what: str
) -> None:
    tid = first_task(filled)
    sentence = refuse(filled, "bad_text", filled.update_progress, tid, text)
    assert "整改进展" in sentence and what in sentence
    refuse(filled, "bad_text", filled.update_task, tid, owner="王" + text)
    refuse(filled, "bad_text", filled.add_community, "南郊" + text)


@pytest.mark.parametrize("reason", ["\x00", "\x0b\x0c", " \u200b ", "\u3000", "\t\n"])
def test_a_reason_of_only_invisible_characters_is_no_reason(filled: Ledger, reason: str) -> None:
    tid = first_task(filled)
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    sentence = refuse(filled, "reason_required", filled.act, tid, Action.SUBMIT, reason=reason)
    assert "必须填写理由" in sentence


@pytest.mark.parametrize(
    "value", ["inf", "-inf", "nan", "1e309", "Infinity", float("inf"), float("nan"), 10**400]
)
def test_an_indicator_value_must_be_a_finite_number(filled: Ledger, value: object) -> None:
    tid = first_task(filled)
    sentence = refuse(filled, "number_not_finite", filled.add_indicator, tid, "培训", "次", value, 1)
    assert "有限的数字" in sentence
    ind = filled.add_indicator(tid, "培训", "次", 10, 1)
    refuse(filled, "number_not_finite", filled.update_indicator, ind, actual=value)


def test_a_target_may_not_be_negative_but_zero_is_fine(filled: Ledger) -> None:
    tid = first_task(filled)
    assert "负数" in refuse(filled, "number_negative", filled.add_indicator, tid, "培训", "次", -1, 0)
    ind = filled.add_indicator(tid, "培训", "次", 0, 0)
    refuse(filled, "number_negative", filled.update_indicator, ind, target="-5")


@pytest.mark.parametrize("day", ["1900-01-01", "1999-12-31", "2101-01-01", "9999年12月31日"])
def test_a_deadline_outside_2000_to_2100_is_refused(filled: Ledger, day: str) -> None:
    tid = first_task(filled)
    sentence = refuse(filled, "date_out_of_range", filled.update_task, tid, deadline=day)
    assert "2000" in sentence and "2100" in sentence
    filled.update_task(tid, deadline="2100-12-31")  # the last year still is one


def test_the_command_line_refuses_nul_in_a_reason_as_no_reason(filled: Ledger) -> None:
    tid = first_task(filled)
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    path = filled.path
    filled.close()
    done = subprocess.run(
        [sys.executable, "main.py", "do", str(path), "--actor", "王书记", "--role", "secretary", "submit",
         "--task", tid, "--reason", "\x1b"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "必须填写理由" in done.stderr and "Traceback" not in done.stderr


def test_text_that_looks_like_a_formula_is_text_in_every_xlsx(filled: Ledger, tmp_path: Path) -> None:
    tid = first_task(filled)
    filled.update_progress(tid, '=HYPERLINK("http://example.com","点我")')
    filled.update_task(tid, owner="@SUM(1+1)")
    community = filled.tasks_json()[0]["community"]
    out = export_fill_form(filled, community, tmp_path / "填报表.xlsx")
    cells = [c for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {'=HYPERLINK("http://example.com","点我")', "@SUM(1+1)"}
    assert all(c.data_type == "s" for c in risky)


def test_text_stored_before_the_guard_still_exports(filled: Ledger, tmp_path: Path) -> None:
    """A ledger written by an older version may hold \\v: the 通报 and the 填报表 are still written."""
    tid = first_task(filled)
    filled.store.conn.execute(
        "UPDATE task SET progress = '第一行' || char(11) || '第二行' WHERE id = ?", (tid,)
    )
    filled.store.conn.commit()
    notice = write_notice(filled, tmp_path / "通报.docx")
    assert notice.stat().st_size > 0
    community = filled.tasks_json()[0]["community"]
    form = openpyxl.load_workbook(export_fill_form(filled, community, tmp_path / "填报表.xlsx"))
    texts = [c.value for ws in form for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "第一行\n第二行" in texts
