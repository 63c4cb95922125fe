"""The people register (人员名册) from the command line: every add and change says whom it concerned."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.audit.wording import describe_entry
from ledger.cli.main import main
from ledger.service import Ledger, register
from ledger.storage import journal


def do(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str]:
    code = main(["do", str(path), "--actor", "张专班", "--role", "work_team", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def ledger_path(filled: Ledger) -> Path:
    path = filled.path
    filled.close()
    return path


def test_every_add_and_change_of_a_person_names_them(capsys, ledger_path: Path) -> None:
    said = []
    for args in (
        ("add_person", "--name", "张专班", "--person-role", "工作专班"),
        ("add_person", "--name", "陈书记", "--person-role", "领导"),
        ("add_person", "--name", "王书记", "--person-role", "居民区书记", "--community", "南郊别墅"),
        ("update_person", "--name", "陈书记", "--inactive"),
        ("update_person", "--name", "陈书记", "--active"),
        ("update_person", "--name", "王书记", "--new-name", "王小书记", "--community", "鑫峰苑"),
    ):
        code, text = do(capsys, ledger_path, *args)
        assert code == 0, text
        said.append(text.split("〔日志")[0])
    assert said == [
        "已人员名册：添加（人员 张专班（工作专班））",
        "已人员名册：添加（人员 陈书记（领导））",  # the second add used to print 已人员名册：添加 and no more
        "已人员名册：添加（人员 王书记（居民区书记，南郊别墅））",
        "已人员名册：修改（人员 陈书记（领导）：停用）",
        "已人员名册：修改（人员 陈书记（领导）：重新启用）",
        "已人员名册：修改（人员 王书记（居民区书记）：改名为 王小书记，居民区改为 鑫峰苑）",
    ]
    # the 修改记录 tells the same (read from the journal), and the register holds what the lines said
    led = Ledger.open(ledger_path, lock=False)
    try:
        told = [row for e in journal.entries(led.store) for row in describe_entry(e) if row[0] == "人员"]
        assert ("人员", "", "陈书记（领导）：停用") in told
        assert [(p.name, p.active) for p in register(led)] == [
            ("张专班", True),
            ("陈书记", True),
            ("王小书记", True),
        ]
    finally:
        led.close()
