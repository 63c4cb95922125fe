"""The command line (main.py's subcommands): parser and handlers; the top room, imported by no other.

The window's own options are here, not in ``ledger.cli.parser``: main.py parses them before it opens the window,
and importing the whole parser's module for them cost ~1 M instructions of each start-up."""

from __future__ import annotations

import argparse


def add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of the window (no subcommand); shared by the full parser and the quick one in ``main``."""
    parser.add_argument("--ledger", help="打开指定的台账文件")
    parser.add_argument("--data-dir", help="数据文件夹（默认在用户数据目录）")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="界面语言")
    parser.add_argument("--today", help="把“今天”设为某日（YYYY-MM-DD），用于演示和核对")
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="打开窗口，显示出第一屏后报告用了多少秒，然后退出（用于测量启动速度）",
    )
