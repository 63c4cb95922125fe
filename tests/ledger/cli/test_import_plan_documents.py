"""`import-plan` on real-world shapes of plan: the JSON names each measure's source lines and its people and
deadline, warnings say how the file was read, a table plan imports its people and dates, and twice adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.cli.main import main
from ledger.core import LedgerError
from ledger.service import Ledger

CORPUS = Path(__file__).resolve().parents[1] / "plan" / "corpus"


def test_dry_run_json_has_lines_people_deadlines_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "import-plan",
                str(tmp_path / "x.db"),
                str(CORPUS / "t15_owners_deadlines.txt"),
                "--dry-run",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["warnings"] == []
    problem = out["categories"][0]["problems"][0]
    assert problem["title"] == "社区党组织政治功能发挥不充分"
    assert problem["lines"] == [7, 11]
    first = problem["measures"][0]
    assert first["title"] == "每月开展一次主题党日活动，活动方案报街道备案"
    assert first["lines"] == [8, 8]
    assert first["owner"] == ["王芳", "刘洋"]
    assert first["leader"] == "陈志远"
    assert first["deadline"] == "2025-10-31"
    second_problem = out["categories"][0]["problems"][1]
    assert (
        second_problem["measures"][0]["kind"] == "立行立改"
        and "deadline" not in second_problem["measures"][0]
    )


def test_warnings_say_encoding_traditional_and_no_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    assert main(["import-plan", db, str(CORPUS / "h03_hospital_traditional.txt"), "--dry-run", "--json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert "Big5" in warnings[0] and "繁体" in warnings[1]
    assert main(["import-plan", db, str(CORPUS / "t05_news_no_findings.txt"), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["categories"] == [] and "没有找到巡察发现的问题" in out["warnings"][0]


def test_table_plan_imports_people_and_deadlines_once(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    ledger.add_community("金桥")
    path = ledger.path
    ledger.close()
    wb = Workbook()
    for line in (CORPUS / "t21_table_plan.tsv").read_text("utf-8").splitlines():
        wb.active.append(line.split("\t"))
    xlsx = tmp_path / "清单.xlsx"
    wb.save(str(xlsx))
    assert main(["import-plan", str(path), str(xlsx), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tasks"]["created"] == 5
    assert any("第 6 行" in w for w in out["warnings"])
    led = Ledger.open(path)
    try:
        tasks = {t["measure"]: t for t in led.tasks_json()}
        first = tasks["统一制作价目公示牌，张贴在取餐口"]
        assert (first["owner"], first["leader"], first["deadline"]) == ("王芳、刘洋", "陈志远", "2025-12-31")
        assert tasks["每月抽查一次公示执行情况"]["kind"] == "长期坚持"
        assert tasks["立即更换过期灭火器"]["kind"] == "立行立改"
        entries = led.store.one("SELECT COUNT(*) FROM journal")
    finally:
        led.close()
    assert main(["import-plan", str(path), str(xlsx), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["tasks"]["created"] == 0 and again["entry"] is None
    led = Ledger.open(path)
    try:
        assert led.store.one("SELECT COUNT(*) FROM journal") == entries
    finally:
        led.close()


def test_unreadable_file_is_refused_before_the_ledger_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "扫描.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    assert main(["import-plan", str(tmp_path / "new.db"), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == LedgerError("plan_pdf_damaged", name="扫描.pdf").message()  # the sentence, whole
    assert "文件“扫描.pdf”无法作为 PDF 打开" in err and "Traceback" not in err
    assert not (tmp_path / "new.db").exists()
