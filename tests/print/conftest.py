"""The print room: every file the program hands to people, written from the demo ledger, printed to PDF by
LibreOffice headless and read back with poppler. Skipped where LibreOffice is absent, except in CI (CI=true),
where a missing LibreOffice is a failure: the proof must run there."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.print.pdfcheck import Page, read_pdf, soffice, to_pdf

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2025-11-01"
WEEK = "2025-W44"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.libreoffice)


def need_office() -> str:
    exe = soffice()
    if exe is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice (soffice) is not installed, and CI must prove the printouts with it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--today", TODAY, *args],
        capture_output=True,
        text=True,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_office()
    db = tmp_path_factory.mktemp("demo") / "示例台账.db"
    cli("demo", str(db))
    for step in (("open",), ("tick", "--all"), ("close",)):
        cli("period", str(db), step[0], "--week", WEEK, *step[1:])
    return db


def task_with(db: Path, where: str) -> str:
    con = sqlite3.connect(db)
    try:
        row = con.execute(
            f"SELECT id FROM task WHERE deleted_at IS NULL AND {where} ORDER BY rowid LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert row, where
    return str(row[0])


@pytest.fixture(scope="session")
def outputs(demo: Path, tmp_path_factory: pytest.TempPathFactory, qapp) -> dict[str, Path]:
    """Every file the demo ledger gives, by a short name."""
    out = tmp_path_factory.mktemp("out")
    files = {
        "台账": out / "台账.xlsx",
        "台账A3": out / "台账A3.xlsx",
        "台账全部": out / "台账全部.xlsx",
        "填报表": out / "填报表.xlsx",
        "周报xlsx": out / "周报表格.xlsx",
        "周报docx": out / "周报文档.docx",
        "通报": out / "通报.docx",
        "修改记录": out / "修改记录.xlsx",
        "审批表": out / "审批表.pdf",
        "审批表长": out / "审批表长.pdf",
        "挂图": out / "挂图.pdf",
    }
    cli("export", str(demo), str(files["台账"]))
    cli("export", str(demo), str(files["台账A3"]), "--paper", "A3")
    cli("export", str(demo), str(files["台账全部"]), "--per-community", "--three-lists")
    cli("fill-form", str(demo), str(files["填报表"]), "--community", "鑫峰苑")
    cli("report", str(demo), str(files["周报xlsx"]), "--week", WEEK)
    cli("report", str(demo), str(files["周报docx"]), "--week", WEEK)
    cli("notice", str(demo), str(files["通报"]))
    cli("journal", str(demo), str(files["修改记录"]))
    closed = task_with(demo, "status = 'closed'")
    cli("approval-form", str(demo), "--task", closed, str(files["审批表"]))
    cli("approval-form", str(demo), "--task", long_task(demo), str(files["审批表长"]))
    from ledger.service import Ledger
    from ui.board.printing import export_board_pdf

    led = Ledger.open(demo)
    try:
        assert export_board_pdf(led, files["挂图"], paper="A3") > 0
    finally:
        led.close()
    return files


def long_task(db: Path) -> str:
    """A task whose 审批表 needs two pages: a long 整改进展, written through the CLI like any change."""
    tid = task_with(db, "status = 'in_progress'")
    text = "；".join(
        f"第{n}阶段：完成了入户走访、台账整理、问题复核和整改回头看等工作，形成了书面材料"
        for n in range(1, 31)
    )
    cli(
        "do",
        str(db),
        "update_progress",
        "--task",
        tid,
        "--text",
        text,
        "--actor",
        "张专班",
        "--role",
        "work_team",
    )
    return tid


@pytest.fixture(scope="session")
def printed(outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """Each output as printed: office files through LibreOffice, our own PDFs as they are."""
    office = [p for p in outputs.values() if p.suffix != ".pdf"]
    pdfs = to_pdf(office, tmp_path_factory.mktemp("pdf"), tmp_path_factory.mktemp("lo-profile"))
    return {name: read_pdf(pdfs.get(p, p)) for name, p in outputs.items()}
