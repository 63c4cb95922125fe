"""下发社区包 copies the program's installer beside the packages when one is named, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ledger.core.clock import FixedClock
from tests.ledger.exchange.exchange_helpers import master
from ui.common.util import settings
from ui.packages import issue as package_issue
from ui.packages.issue import INSTALLER_KEY, IssuePackagesDialog
from ui.window.app import make_app


@pytest.fixture
def led(tmp_path: Path, clock: FixedClock):
    make_app("zh")
    ledger, _ids = master(tmp_path, clock)
    yield ledger
    ledger.close()


def test_issuing_copies_the_named_installer_and_remembers_it(qtbot, led, tmp_path: Path, monkeypatch) -> None:
    installer = tmp_path / "安装" / "zhenggai-ledger-setup-0.1.0.7.exe"
    installer.parent.mkdir()
    installer.write_bytes(b"MZ" + b"\0" * 4096)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(package_issue, "ask_installer", lambda *_a: str(installer))
    dlg = IssuePackagesDialog(led)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(stick))
    qtbot.mouseClick(dlg.findChild(QWidget, "browseInstaller"), Qt.MouseButton.LeftButton)
    assert dlg.installer.text() == str(installer)
    dlg.issue()
    assert {p.name for p in stick.iterdir()} == {
        "南郊别墅-下发包-20251120.db",
        "鑫峰苑-下发包-20251120.db",
        installer.name,
    }
    assert (stick / installer.name).read_bytes() == installer.read_bytes()
    text = dlg.result_label.text()
    assert "已下发 2 个社区包" in text and f"安装程序“{installer.name}”已复制" in text
    # The next 下发 on this PC offers the same installer.
    assert settings().value(INSTALLER_KEY) == str(installer)
    again = IssuePackagesDialog(led)
    qtbot.addWidget(again)
    assert again.installer.text() == str(installer)


def test_a_missing_installer_still_issues_the_packages_and_says_why_it_was_not_copied(
    qtbot, led, tmp_path: Path
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    dlg = IssuePackagesDialog(led)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(stick))
    dlg.installer.setText(str(tmp_path / "已删除的安装包.deb"))
    written = dlg.issue()
    assert len(written) == 2 and all(p.exists() for p in written)
    assert sorted(p.name for p in stick.iterdir()) == sorted(p.name for p in written)
    assert "找不到安装程序" in dlg.result_label.text() and "已删除的安装包.deb" in dlg.result_label.text()


def test_without_an_installer_nothing_else_is_copied(qtbot, led, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    dlg = IssuePackagesDialog(led)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(stick))
    dlg.issue()
    assert len(list(stick.iterdir())) == 2 and "安装程序" not in dlg.result_label.text()


def test_run_returns_every_package_the_dialog_wrote(qtbot, led, tmp_path: Path, monkeypatch) -> None:
    """``run`` answers what its type says: the files written while the dialog was open (it returned None)."""
    stick = tmp_path / "U盘"
    stick.mkdir()

    def answer(dlg: IssuePackagesDialog) -> int:
        qtbot.addWidget(dlg)
        dlg.folder.setText(str(stick))
        dlg.issue()
        return 0

    monkeypatch.setattr(IssuePackagesDialog, "exec", answer)
    written = IssuePackagesDialog.run(None, led)
    assert sorted(p.name for p in written) == sorted(p.name for p in stick.iterdir())
    assert len(written) == 2
