"""The command line's arguments: the window's options (``ledger.cli``'s) and every subcommand's (their handlers
imported when run)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger.cli import add_window_options

Handler = Callable[[argparse.Namespace], int]
COMMANDS = "ledger.cli.commands"
# Declared here so that --help lists them; they need Qt, so main.py runs them, never ledger.cli.
QT_COMMANDS = frozenset({"approval-form", "screenshot"})


def lazy(module: str, name: str) -> Handler:
    """A subcommand's handler whose module is imported only when that subcommand runs."""

    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module(module), name)(args))

    return run


def program_name() -> str:
    """What a user types to run the program: the installed executable's name (zhenggai-ledger, also on Windows
    without .exe), or main.py from the source tree."""
    if getattr(sys, "frozen", False):  # set by PyInstaller's bootloader
        return Path(sys.executable).stem
    return "main.py"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=program_name(), description="巡察整改台账：不带子命令时打开窗口。")
    add_window_options(parser)
    sub = parser.add_subparsers(dest="command")

    def add(name: str, handler: Handler | None, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.set_defaults(handler=handler)
        p.add_argument("--today", default=argparse.SUPPRESS, help="把“今天”设为某日（YYYY-MM-DD）")
        return p

    p = add("new", lazy(COMMANDS, "cmd_new"), "新建空白台账")
    p.add_argument("path")
    p.add_argument("--org", help="组织名称，如“莘庄工业区党工委”")
    p = add("demo", lazy(COMMANDS, "cmd_demo"), "生成示例台账")
    p.add_argument("path")
    p = add("generate", lazy(COMMANDS, "cmd_generate"), "生成大型测试台账（随机数据，用于容量测试）")
    p.add_argument("path")
    p.add_argument("--tasks", type=int, required=True, help="整改任务数，如 1000000")
    p.add_argument("--communities", type=int, default=500, help="居民区数（默认 500）")
    p.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的台账")
    p = add("stats", lazy(COMMANDS, "cmd_stats"), "统计")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p = add("tasks", lazy(COMMANDS, "cmd_tasks"), "列出全部任务")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p = add(
        "extensions", lazy("ledger.cli.records", "cmd_extensions"), "列出延期申请（--pending 只列待批的）"
    )
    p.add_argument("path")
    p.add_argument("--pending", action="store_true", help="只列出等待领导批复的申请")
    p.add_argument("--json", action="store_true")
    p = add("history", lazy("ledger.cli.records", "cmd_history"), "一项任务的修改记录（与任务面板所示相同）")
    p.add_argument("path")
    p.add_argument("--task", required=True, help="任务 id（可用前 8 位）")
    p.add_argument("--json", action="store_true")
    p = add("verify", lazy(COMMANDS, "cmd_verify"), "校验台账文件和日志链")
    p.add_argument("path")
    p.add_argument(
        "--anchor",
        action="append",
        metavar="序号:校验码",
        help="再核对周报或销号审批表上印的日志校验码（可重复）",
    )
    p = add("do", lazy("ledger.cli.do", "cmd_do"), "执行一条台账命令")
    p.add_argument("path")
    p.add_argument("--actor", help="操作人姓名")
    p.add_argument(
        "--role", default=None, help="身份：work_team / secretary / leader（或中文）；有人员名册时由名册决定"
    )
    p.add_argument("--password-file", help="签字密码所在的文本文件（也可用环境变量 LEDGER_PASSWORD）")
    add_do_commands(p.add_subparsers(dest="do_command", required=True))
    p = add("approval-form", None, "打印一项任务的销号审批表（A4 PDF）")
    p.add_argument("path")
    p.add_argument("--task", required=True, help="任务 id（可用前 8 位）")
    p.add_argument("out")
    p = add("screenshot", None, "把各主要视图渲染成 PNG（无需显示器）")
    p.add_argument("path")
    p.add_argument("outdir")
    p.add_argument("--lang", default="zh", choices=["zh", "en"])
    p.add_argument("--size", default=None, help="屏幕尺寸，如 1366x768（窗口占满屏幕可用区域）")
    p.add_argument(
        "--scale", type=float, default=None, help="屏幕缩放，如 1.25、1.5（Windows 的 125%%、150%%）"
    )
    p.add_argument("--no-dialogs", action="store_true", help="只渲染各视图，不渲染主要对话框")

    # ---- import-plan / notice: handlers live in their modules, imported when run ----
    p = add(
        "import-plan",
        lazy("ledger.cli.plan", "cmd_import_plan"),
        "导入整改方案、反馈意见或进展通报（.txt / .docx / .pdf / .xlsx）",
    )
    p.add_argument("ledger", help="台账文件（试运行时可以不存在）")
    p.add_argument("file", help="整改方案文件（.docx 或 .txt）")
    p.add_argument("--dry-run", action="store_true", help="只解析并显示结构，不写入台账")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--communities",
        choices=["all", "named"],
        default="named",
        help="措施落实到哪些居民区：all 全部；named 文中点名的（没有点名的给全部，默认）",
    )
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None, help="身份：work_team / secretary / leader（或中文）")
    p = add("notice", lazy("ledger.cli.documents", "cmd_notice"), "生成巡察整改进展情况通报（.docx 草稿）")
    p.add_argument("ledger", help="台账文件")
    p.add_argument("out", help="输出的 .docx 文件")
    # ---- export ----------------------------------------------------------------------------------------
    p = add("export", lazy(COMMANDS, "cmd_export"), "导出整改台账 Excel（.xlsx，可直接打印）")
    p.add_argument("path")
    p.add_argument("out")
    p.add_argument("--community", help="只导出这个居民区")
    p.add_argument("--template", help="列模板名称")
    p.add_argument("--paper", default="A4", choices=["A4", "A3"])
    p.add_argument("--per-community", action="store_true", help="每个居民区另加一张工作表")
    p.add_argument("--three-lists", action="store_true", help="另加问题清单、任务清单、责任清单")
    # ---- community packages: 下发 / 上报 / 导入上报 (ledger.exchange*); handlers imported when run ----
    p = add(
        "issue-package",
        lazy("ledger.cli.exchange", "cmd_issue_package"),
        "下发：为一个居民区（或全部居民区）生成下发包",
    )
    p.add_argument("ledger", help="主台账文件")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--community", nargs=2, metavar=("NAME", "OUT"), help="居民区名称，和下发包文件（.db）或文件夹"
    )
    group.add_argument("--all", metavar="OUTDIR", help="每个居民区一个下发包，写入这个文件夹")
    p.add_argument("--replace", action="store_true", help="已下发过的居民区再下发新包（旧包作废）")
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None)
    p = add(
        "apply-package",
        lazy("ledger.cli.exchange", "cmd_apply_package"),
        "导入上报：预览（--dry-run）或合并一个上报包",
    )
    p.add_argument("ledger", help="主台账文件")
    p.add_argument("file", help="上报包文件")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--decide",
        action="append",
        default=[],
        metavar="编号=ours|theirs|new:值",
        help="当场处理冲突（编号如预览所列，如 task:1a2b3c4d:progress；可重复）",
    )
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None)
    p = add(
        "return-package", lazy("ledger.cli.exchange", "cmd_return_package"), "上报：在下发包旁生成上报文件"
    )
    p.add_argument("package", help="下发包文件")
    p.add_argument("--out", help="上报文件放在这个文件夹（默认在下发包旁）")
    p.add_argument("--actor", help="上报人姓名")
    p = add("package-status", lazy("ledger.cli.exchange", "cmd_package_status"), "各居民区最近一次下发和合并")
    p.add_argument("ledger")
    p.add_argument("--json", action="store_true")
    p = add(
        "decide-conflict",
        lazy("ledger.cli.exchange", "cmd_decide_conflict"),
        "处理合并冲突：保留主台账、采用上报或写入新值",
    )
    p.add_argument("ledger")
    p.add_argument("conflict", nargs="?", help="冲突 id（可用前 8 位）；不给则列出未处理的冲突")
    p.add_argument("--choice", choices=["ours", "theirs", "new"])
    p.add_argument("--value", help="choice=new 时的新值")
    p.add_argument("--json", action="store_true")
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None)
    p = add(
        "replace-package",
        lazy("ledger.cli.exchange", "cmd_replace_package"),
        "用新的下发包替换旧的（旧包有未上报的修改时拒绝）",
    )
    p.add_argument("old")
    p.add_argument("new")
    # `do PACKAGE ...` needs nothing of its own: the service refuses the work team's commands in a package.

    # ---- 对账销账 / 周报 (ledger.reconcile, ledger.report_week); handlers imported when run ----
    p = add(
        "period",
        lazy("ledger.cli.reconcile", "cmd_period"),
        "对账：开始（open）、核对（tick / untick）、结账（close）、查看（show）、比较（compare）一周",
    )
    p.add_argument("ledger", help="台账文件")
    p.add_argument("action", choices=["open", "close", "show", "tick", "untick", "compare"])
    p.add_argument("--week", required=True, help="周次，如 2025-W47")
    p.add_argument(
        "--entry", action="append", default=[], help="tick / untick：日志条目 id（可用前 6 位，可重复）"
    )
    p.add_argument("--all", action="store_true", help="tick：核对全部未核对的行")
    p.add_argument("--note", default="", help="close：说明每一行未核对的原因（有未核对的行时必填）")
    p.add_argument("--corrects", default="", help="open：本期更正的是哪一期（如 2025-W46）")
    p.add_argument("--with", dest="other", help="compare：与哪一周比较")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None, help="身份：work_team / secretary / leader（或中文）")
    p = add("report", lazy("ledger.cli.documents", "cmd_report"), "周报：按结账快照生成 .docx 草稿或 .xlsx")
    p.add_argument("ledger", help="台账文件")
    p.add_argument("out", help="输出文件（.docx 或 .xlsx）")
    p.add_argument("--week", required=True, help="周次，如 2025-W47（须已结账）")
    # ---- 修改记录 for the discipline committee (ledger.audit) -----------------------------------------------
    p = add(
        "journal",
        lazy("ledger.cli.documents", "cmd_journal"),
        "导出修改记录（.xlsx，供纪工委审计，可直接打印）",
    )
    p.add_argument("ledger", help="台账文件")
    p.add_argument("out", help="输出的 .xlsx 文件")
    p.add_argument("--from", dest="since", help="从哪一天起（含），如 2025-11-01")
    p.add_argument("--to", dest="until", help="到哪一天止（含）")
    p.add_argument("--by", help="只导出这个人做的修改")
    p.add_argument("--community", help="只导出这个居民区的任务的修改")
    # ---- Excel returns: 填报表 export/import, other tools' ledgers (ledger.excel_returns*); imported when run ----
    p = add(
        "import-excel",
        lazy("ledger.cli.excel", "cmd_import_excel"),
        "导入 Excel：填好的填报表，或其他工具做的台账",
    )
    p.add_argument("ledger", help="台账文件")
    p.add_argument("file", help="Excel 文件（.xlsx）")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--accept", action="store_true", help="跳过不能导入的单元格，导入其余部分")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="字段=列",
        help="其他台账：指定列的对应关系，如 measure=D（可重复）",
    )
    p.add_argument("--actor", help="操作人姓名（记入日志）")
    p.add_argument("--role", default=None)
    p = add("fill-form", lazy("ledger.cli.excel", "cmd_fill_form"), "为一个居民区导出填报表（.xlsx）")
    p.add_argument("ledger", help="台账文件")
    p.add_argument("--community", required=True, help="居民区名称")
    p.add_argument("out", help="输出文件（.xlsx）")
    return parser


# ---- `do`: every service command by name ------------------------------------------------------
def add_do_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`do NAME`: one subcommand per service command, with its options."""
    from ledger.core.workflow import Action  # here: the window needs only add_window_options

    def command(name: str, help_: str, *options: tuple[str, dict[str, Any]]) -> None:
        p = sub.add_parser(name, help=help_)
        for flag, kw in options:
            p.add_argument(flag, **kw)
        p.add_argument("--actor", default=argparse.SUPPRESS, help="操作人姓名")
        p.add_argument("--role", default=argparse.SUPPRESS, help="身份")
        p.add_argument("--password-file", default=argparse.SUPPRESS, help="签字密码所在的文本文件")

    task = ("--task", {"required": True, "help": "任务 id（可用前 8 位）"})
    person = ("--name", {"required": True, "help": "姓名"})
    command("people", "列出人员名册")
    command(
        "add_person",
        "在人员名册中添加一人",
        person,
        ("--person-role", {"required": True, "help": "身份：work_team / secretary / leader（或中文）"}),
        ("--community", {"help": "居民区书记所在的居民区"}),
    )
    command(
        "update_person",
        "修改人员名册中的一人（停用、启用、换居民区、改名）",
        person,
        ("--person-role", {"help": "此人有两种身份时说明改哪一种"}),
        ("--inactive", {"action": "store_true", "help": "停用"}),
        ("--active", {"action": "store_true", "help": "重新启用"}),
        ("--community", {}),
        ("--new-name", {}),
    )
    command(
        "set_password",
        "设置本人的签字密码（新密码从 --new-password-file 读，原密码从 --password-file 或 LEDGER_PASSWORD）",
        ("--new-password-file", {"required": True}),
    )
    command("reset_password", "清除某人忘记的签字密码（工作专班）", person)
    command(
        "set_review_chain",
        "修改审核链（工作专班办理，须一位领导确认）",
        ("--levels", {"required": True, "help": "如 初审:work_team,复核:leader,终审:leader"}),
        ("--leader", {"required": True, "help": "确认的领导"}),
        ("--leader-password-file", {"help": "领导的签字密码文件（也可用 LEDGER_LEADER_PASSWORD）"}),
    )
    command("update_progress", "更新整改进展", task, ("--text", {"required": True}))
    command(
        "update_task",
        "修改任务字段",
        task,
        ("--owner", {}),
        ("--leader", {}),
        ("--department", {}),
        ("--deadline", {}),
        ("--kind", {}),
        ("--progress", {}),
        ("--measure", {}),
        ("--detail", {}),
    )
    for action in Action:
        opts: list[tuple[str, dict[str, Any]]] = [task, ("--reason", {"default": ""})]
        if action == Action.APPROVE:
            opts += [
                ("--grade", {"default": "好"}),
                ("--opinion", {"default": ""}),
                ("--exception", {"default": ""}),
            ]
        command(action.value, action.label, *opts)
    command(
        "add_community",
        "添加居民区",
        ("--name", {"required": True}),
        ("--secretary", {"default": ""}),
        ("--kind", {"default": "居民区"}),
    )
    command(
        "rename_community", "居民区改名", ("--community", {"required": True}), ("--name", {"required": True})
    )
    command("add_category", "添加问题类别", ("--title", {"required": True}))
    command(
        "add_problem",
        "添加反馈问题",
        ("--category", {"required": True, "help": "类别 id 或标题"}),
        ("--title", {"required": True}),
    )
    command(
        "add_task",
        "添加整改任务",
        ("--problem", {"required": True, "help": "问题 id 或标题"}),
        ("--community", {"required": True}),
        ("--measure", {"required": True}),
        ("--owner", {"default": ""}),
        ("--leader", {"default": ""}),
        ("--deadline", {}),
        ("--kind", {}),
    )
    command("delete_task", "删除整改任务", task)
    command(
        "add_indicator",
        "添加量化指标",
        task,
        ("--name", {"required": True}),
        ("--unit", {"default": ""}),
        ("--target", {}),
        ("--actual", {}),
    )
    command(
        "update_indicator",
        "修改量化指标",
        ("--indicator", {"required": True}),
        ("--name", {}),
        ("--unit", {}),
        ("--target", {}),
        ("--actual", {}),
    )
    command("undo", "撤销一条日志记录的修改", ("--entry", {"required": True}))
    command(
        "set_setting",
        "修改台账设置",
        ("--key", {"required": True}),
        ("--value", {"required": True, "help": "JSON 值"}),
    )
    # ---- 销号: evidence, extensions, 回头看, 待我审核 (ledger.signoff) ----
    command("attach_evidence", "添加佐证材料", task, ("--file", {"required": True, "help": "文件路径"}))
    command(
        "remove_evidence",
        "删除佐证材料",
        ("--evidence", {"required": True, "help": "佐证材料 id（可用前 8 位）"}),
    )
    command(
        "export_evidence",
        "导出佐证材料压缩包（居民区/问题/任务）",
        ("--out", {"required": True, "help": ".zip 文件"}),
        ("--task", {"help": "只导出这项任务"}),
        ("--community", {"help": "只导出这个居民区"}),
    )
    command(
        "request_extension",
        "申请延期",
        task,
        ("--deadline", {"required": True, "help": "申请延至的日期"}),
        ("--reason", {"required": True}),
    )
    command(
        "decide_extension",
        "批复延期申请",
        ("--extension", {"required": True}),
        ("--approve", {"action": "store_true", "help": "同意"}),
        ("--refuse", {"action": "store_true", "help": "不同意"}),
        ("--note", {"default": ""}),
    )
    command(
        "draw_recheck",
        "抽取回头看样本（输出 JSON）",
        ("--percent", {"type": float, "help": "抽查比例（%%）"}),
        ("--count", {"type": int, "help": "抽查数量"}),
        ("--per-community", {"action": "store_true", "help": "每个居民区分别抽取"}),
        ("--community", {"nargs": "+", "action": "extend", "help": "只在这些居民区中抽取（名称）"}),
        ("--seed", {"type": int, "help": "随机种子（不给则随机产生并记录）"}),
        ("--note", {"default": ""}),
    )
    command(
        "repeat_draw",
        "按记录的种子重新抽取，核对样本是否一致（输出 JSON）",
        ("--recheck", {"required": True}),
    )
    command(
        "record_recheck",
        "记录回头看结果",
        ("--item", {"required": True}),
        ("--result", {"required": True, "choices": ["pass", "relapse"]}),
        ("--finding", {"default": ""}),
    )
    command("review_queue", "待我审核（输出 JSON）")
