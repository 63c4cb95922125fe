"""Beside a window that holds the ledger: the commands that only read still work (read-only), the ones that
write are refused with a sentence, and a symlink to the ledger takes the same lock as its real name."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ledger.cli.main import main
from ledger.core import LedgerError
from ledger.service import Ledger


def test_a_symlink_to_an_open_ledger_is_refused_as_locked(filled: Ledger, tmp_path: Path) -> None:
    link = tmp_path / "别名.db"
    link.symlink_to(filled.path)
    with pytest.raises(LedgerError) as err:
        Ledger.open(link)
    assert err.value.code == "locked"
    relative = Path("..") / filled.path.parent.name / filled.path.name
    with pytest.raises(LedgerError):
        Ledger.open(filled.path.parent / relative)


def test_commands_that_only_read_work_while_the_window_holds_the_ledger(
    filled: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(filled.path)
    filled.update_progress(filled.tasks_json()[0]["id"], "窗口里刚保存的进展")
    assert main(["stats", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tasks"] == len(filled.tasks_json())
    assert main(["tasks", path, "--json"]) == 0
    assert "窗口里刚保存的进展" in capsys.readouterr().out
    assert main(["verify", path]) == 0
    assert "完好" in capsys.readouterr().out
    assert main(["export", path, str(tmp_path / "台账.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "台账.xlsx").sheetnames
    assert main(["journal", path, str(tmp_path / "修改记录.xlsx")]) == 0
    assert (tmp_path / "修改记录.xlsx").exists()
    capsys.readouterr()
    # a command that writes is still refused while the window has the ledger
    assert main(["do", path, "--actor", "张专班", "add_community", "--name", "天恒名城"]) == 1
    assert "另一个窗口" in capsys.readouterr().err
    assert "天恒名城" not in [c["name"] for c in filled.communities()]
