"""下发 with the program: the installer file copied beside the packages (one USB stick carries everything)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core import LedgerError
from ledger.exchange import copy_installer


def test_the_installer_is_copied_into_the_packages_folder(tmp_path: Path) -> None:
    installer = tmp_path / "cn.zhenggai.ledger_0.1.0.7_amd64.deb"
    installer.write_bytes(b"!<arch>\n" + bytes(range(256)) * 40)
    stick = tmp_path / "U盘"
    stick.mkdir()
    copied = copy_installer(installer, stick)
    assert copied == stick / installer.name
    assert copied.read_bytes() == installer.read_bytes()
    assert sorted(p.name for p in stick.iterdir()) == [installer.name]  # no temporary file left behind
    # Issuing again into the same folder keeps the copy that is there.
    assert copy_installer(installer, stick) == copied
    assert copy_installer(copied, stick) == copied  # the installer already lives in the folder


def test_a_missing_installer_is_a_sentence_and_copies_nothing(tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    with pytest.raises(LedgerError) as caught:
        copy_installer(tmp_path / "没有这个安装包.exe", stick)
    assert "找不到安装程序" in caught.value.message() and "没有这个安装包.exe" in caught.value.message()
    assert list(stick.iterdir()) == []
