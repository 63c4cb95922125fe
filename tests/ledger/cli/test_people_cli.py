"""The people register (人员名册) from the command line: every add and change says whom it concerned."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.audit.wording import describe_entry
from ledger.cli.main import main
from ledger.service import Ledger, register
from ledger.storage import journal
from tests.helpers import do_in_process


def do(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str]:
    return do_in_process(capsys, path, "--actor", "张专班", "--role", "work_team", *args)


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


def test_the_last_work_team_member_is_not_retired(capsys, ledger_path: Path) -> None:
    for args in (
        ("add_person", "--name", "张专班", "--person-role", "工作专班"),
        ("add_person", "--name", "陈书记", "--person-role", "领导"),
    ):
        assert do(capsys, ledger_path, *args)[0] == 0
    before = ledger_path.read_bytes()
    code, text = do(capsys, ledger_path, "update_person", "--name", "张专班", "--inactive")
    assert code == 1
    assert "张专班是人员名册中唯一在用的工作专班成员" in text and "请先添加另一位工作专班成员" in text
    assert ledger_path.read_bytes() == before  # nothing written: 张专班 can still keep the register
    # with a second member of the work team, the first may go; the second goes on
    assert do(capsys, ledger_path, "add_person", "--name", "李专班", "--person-role", "工作专班")[0] == 0
    assert do(capsys, ledger_path, "update_person", "--name", "张专班", "--inactive")[0] == 0
    code, text = (
        main(
            ["do", str(ledger_path), "--actor", "李专班", "update_person", "--name", "李专班", "--inactive"]
        ),
        capsys.readouterr().err,
    )
    assert code == 1 and "李专班是人员名册中唯一在用的工作专班成员" in text
