"""Names the installer's tests share with tools/build_installer.sh, and what they share with each other."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPID = "cn.zhenggai.ledger"  # build_installer.sh's default APPID
NAME = "zhenggai-ledger"  # the executable, as named in packaging/zhenggai-ledger.spec
# Which .deb the tests take: "host" (tools/build_installer.sh, this machine's glibc) or "compat"
# (tools/build_installer.sh --compat: the Debian 11 chroot's, for older desktops).
FLAVOUR = os.environ.get("ZHENGGAI_INSTALLER", "host")
DIST = ROOT / "dist" / "compat" if FLAVOUR == "compat" else ROOT / "dist"
BUILD_COMMAND = ["bash", "tools/build_installer.sh", *(["--compat"] if FLAVOUR == "compat" else [])]


def known_operator(home: Path) -> dict[str, str]:
    """The settings a user has after answering “我是谁” once (the window asks otherwise)."""
    config = home / "config"
    (config / "zhenggai").mkdir(parents=True, exist_ok=True)
    (config / "zhenggai" / "zhenggai-ledger.conf").write_text(
        "[operator]\nname=张专班\nrole=work_team\n", encoding="utf-8"
    )
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(config)}


def png_difference(a: Path, b: Path) -> float:
    """The share of pixels that differ between two screenshots of the same size."""
    from PySide6.QtGui import QImage

    one, two = QImage(str(a)).convertToFormat(QImage.Format.Format_RGB32), QImage(str(b))
    two = two.convertToFormat(QImage.Format.Format_RGB32)
    assert one.size() == two.size()
    width, height = one.width(), one.height()
    differ = 0
    for y in range(height):
        row_a, row_b = bytes(one.constScanLine(y))[: width * 4], bytes(two.constScanLine(y))[: width * 4]
        if row_a != row_b:
            differ += sum(row_a[i : i + 4] != row_b[i : i + 4] for i in range(0, width * 4, 4))
    return differ / (width * height)
