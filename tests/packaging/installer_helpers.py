"""Names the installer's tests share with tools/build_installer.sh."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPID = "cn.zhenggai.ledger"  # build_installer.sh's default APPID
NAME = "zhenggai-ledger"  # the executable, as named in packaging/zhenggai-ledger.spec
