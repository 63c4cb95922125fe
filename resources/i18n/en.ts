<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Domain</name>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <source>推进中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <source>申请销号</source>
        <translation>Sign-off requested</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <source>审核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <location filename="../../ledger/reconcile/week_counts.py" line="19"/>
        <source>已销号</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <location filename="../../ledger/core/model.py" line="77"/>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <source>长期坚持</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="35"/>
        <source>反弹重启</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="90"/>
        <source>工作专班</source>
        <translation>Work team</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="90"/>
        <source>居民区书记</source>
        <translation>Community secretary</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="90"/>
        <source>领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="75"/>
        <source>立行立改</source>
        <translation>Fix at once</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="76"/>
        <source>限期整改</source>
        <translation>Fix by deadline</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>整改措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>措施说明</source>
        <translation>Measure details</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>责任领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>整改时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>原定时限</source>
        <translation>Original deadline</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>整改类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>整改进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <location filename="../../ledger/core/workflow.py" line="112"/>
        <source>销号说明</source>
        <translation>Sign-off statement</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>完成值</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>书记</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>居民区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>反馈问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>审核轮次</source>
        <translation>Review round</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>审核级别</source>
        <translation>Review level</translation>
    </message>
    <message>
        <location filename="../../ledger/core/model.py" line="202"/>
        <source>示例数据</source>
        <translation>Example data</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>开始推进</source>
        <comment>action</comment>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>申请销号</source>
        <comment>action</comment>
        <translation>Ask for sign-off</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>转为长期坚持</source>
        <comment>action</comment>
        <translation>Make long-term</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>审核通过</source>
        <comment>action</comment>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>退回</source>
        <comment>action</comment>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="30"/>
        <source>重启整改</source>
        <comment>action</comment>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有未启动、已退回或反弹重启的任务才能开始推进。</source>
        <translation>Only a task not started, returned or reopened can be started.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有推进中、已退回、反弹重启或长期坚持的任务才能申请销号。</source>
        <translation>Only a task in progress, returned, reopened or long-term can ask for sign-off.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有未启动或推进中的任务才能转为长期坚持。</source>
        <translation>Only a task not started or in progress can be made long-term.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有申请销号或审核中的任务才能审核。</source>
        <translation>Only a task whose sign-off was requested or is in review can be reviewed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有申请销号或审核中的任务才能退回。</source>
        <translation>Only a task whose sign-off was requested or is in review can be returned.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="57"/>
        <source>只有已销号的任务才能重启整改。</source>
        <translation>Only a signed-off task can be reopened.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="66"/>
        <source>好</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="66"/>
        <source>较好</source>
        <translation>Fairly good</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="66"/>
        <source>一般</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="66"/>
        <source>差</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="112"/>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="112"/>
        <source>量化指标达标</source>
        <translation>Indicators met</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="76"/>
        <source>初审</source>
        <translation>First review</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="76"/>
        <source>复核</source>
        <translation>Second review</translation>
    </message>
    <message>
        <location filename="../../ledger/core/workflow.py" line="76"/>
        <source>终审</source>
        <translation>Final review</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="19"/>
        <source>待批</source>
        <translation>Awaiting decision</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="19"/>
        <location filename="../../ledger/signoff/deadlines.py" line="201"/>
        <source>同意延期</source>
        <translation>Extension granted</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="19"/>
        <location filename="../../ledger/signoff/deadlines.py" line="201"/>
        <source>不同意延期</source>
        <translation>Extension refused</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="20"/>
        <source>待核查</source>
        <translation>To be checked</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="20"/>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="20"/>
        <source>反弹</source>
        <translation>Relapsed</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>添加佐证材料</source>
        <translation>Add evidence</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>删除佐证材料</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <location filename="../../ledger/signoff/deadlines.py" line="201"/>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>申请延期</source>
        <translation>Ask for a later deadline</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>批复延期申请</source>
        <translation>Decide on a later deadline</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <source>抽取回头看样本</source>
        <translation>Draw a look-back sample</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/common.py" line="11"/>
        <source>记录回头看结果</source>
        <translation>Record a look-back result</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/deadlines.py" line="201"/>
        <source>设定整改时限</source>
        <translation>Deadline set</translation>
    </message>
    <message>
        <location filename="../../ledger/signoff/deadlines.py" line="201"/>
        <source>更正整改时限</source>
        <translation>Deadline corrected</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>更新整改进展</source>
        <translation>Update progress</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>修改任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>修改量化指标</source>
        <translation>Edit indicator</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>添加量化指标</source>
        <translation>Add indicator</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>删除量化指标</source>
        <translation>Remove indicator</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>修改设置</source>
        <translation>Change a setting</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>添加整改任务</source>
        <translation>Add task</translation>
    </message>
    <message>
        <location filename="../../ledger/exchange/replay.py" line="31"/>
        <source>删除整改任务</source>
        <translation>Delete task</translation>
    </message>
    <message>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <location filename="../../ledger/reconcile/week_counts.py" line="19"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <source>申请销号/审核中</source>
        <translation>Sign-off requested / in review</translation>
    </message>
    <message>
        <location filename="../../ledger/board/scheme.py" line="93"/>
        <source>无任务</source>
        <translation>No tasks</translation>
    </message>
    <message>
        <location filename="../../ledger/reconcile/week_counts.py" line="19"/>
        <source>任务总数</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ledger/reconcile/week_counts.py" line="19"/>
        <source>未销号</source>
        <translation>Not signed off</translation>
    </message>
</context>
<context>
    <name>LedgerError</name>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”不是整改台账文件（{detail}）。请确认选择的是本程序保存的 .db 台账文件；文件未作任何改动。</source>
        <comment>not_a_ledger</comment>
        <translation>“{path}” is not a rectification ledger ({detail}). Choose a ledger file saved by this program; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”已损坏，无法读取（{detail}）。请用备份文件恢复；文件未作任何改动。</source>
        <comment>damaged</comment>
        <translation>The ledger “{path}” is damaged and cannot be read ({detail}). Restore it from a backup; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”由更新版本的程序保存（格式版本 {found}，本程序只认识到 {known}）。请升级程序后再打开；文件未作任何改动。</source>
        <comment>too_new</comment>
        <translation>The ledger “{path}” was saved by a newer version (format {found}; this program knows up to {known}). Upgrade the program; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”由旧版本的程序保存（格式版本 {found}），要先升级才能读取；这里只读取、不升级它。请先在程序窗口中打开它（程序会先备份原文件再升级），然后再试；文件未作任何改动。</source>
        <comment>needs_upgrade</comment>
        <translation>The ledger “{path}” was saved by an older version (format {found}) and must be upgraded before it can be read; it is only read here and was not upgraded. Open it in the program&apos;s window first (the program backs it up, then upgrades it), then try again; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”已在另一个窗口或程序中打开。请先关闭那边，再在这里打开。</source>
        <comment>locked</comment>
        <translation>The ledger “{path}” is open in another window or program. Close it there first.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{path}”已经存在，为避免覆盖没有写入。请换一个文件名，或先把旧文件移走。</source>
        <comment>exists</comment>
        <translation>“{path}” already exists and was not overwritten. Choose another name or move the old file away.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到文件“{path}”。请检查路径是否正确。</source>
        <comment>not_found</comment>
        <translation>“{path}” was not found. Check the path.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到安装程序“{path}”，没有复制。社区包已照常下发；请在“下发社区包”中重新选择安装程序文件。</source>
        <comment>installer_missing</comment>
        <translation>The installer “{path}” was not found and was not copied. The packages were issued as usual; choose the installer file again in Issue community packages.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>无法读取台账文件“{path}”（{detail}）。请检查文件的权限，或把它复制到自己的文件夹后再打开；文件未作任何改动。</source>
        <comment>unreadable</comment>
        <translation>The ledger “{path}” cannot be read ({detail}). Check the file&apos;s permissions, or copy it to a folder of your own and open it there; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”是只读的，无法保存修改。请复制到可写的文件夹再打开。</source>
        <comment>read_only</comment>
        <translation>The ledger “{path}” is read-only. Copy it to a writable folder and open it there.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>台账文件“{path}”正被另一个程序读写，这次修改没有保存；台账保持修改前的样子。请稍候再试；若一直如此，请关闭也打开着这个文件的程序（如备份或同步软件）。</source>
        <comment>busy</comment>
        <translation>The ledger “{path}” is busy in another program; the change was not saved. Try again in a moment; if it persists, close the other program that has the file open (such as backup or sync software).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>读写台账文件“{path}”时出错（{detail}），这次修改没有保存。请检查磁盘或网络盘是否连接正常后再试；如果再次出错，请把台账复制到本机的文件夹再打开。</source>
        <comment>io_error</comment>
        <translation>Reading or writing the ledger “{path}” failed ({detail}); the change was not saved. Check that the disk or network drive is connected and try again; if it fails again, copy the ledger to a local folder.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>磁盘已满，修改没有保存。请清理磁盘空间后再试；台账保持修改前的样子。</source>
        <comment>disk_full</comment>
        <translation>The disk is full; the change was not saved. Free some space and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>读取“{path}”时，一条查询超过 {seconds} 秒仍未完成，已停止：文件的结构异常，可能是人为构造的。没有从中读取任何内容，台账未作任何改动。请让对方重新发送，或用备份恢复。</source>
        <comment>file_too_slow</comment>
        <translation>Reading “{path}” stopped: one query ran longer than {seconds} s, so the file&apos;s structure is abnormal and may have been crafted. Nothing was read from it and the ledger was not changed. Ask for it again or restore a backup.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”的结构与本程序建立的不符（{detail}），可能在程序之外被改动过，为安全起见没有打开；文件未作任何改动。请用备份恢复，或让对方重新发送。</source>
        <comment>unexpected_schema</comment>
        <translation>The structure of “{path}” differs from what this program creates ({detail}); it may have been changed outside the program and was not opened. The file was not changed. Restore a backup or ask for it again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{field}”含有不能保存的字符（{what}，在第 {at} 个字符处），没有保存；台账未作任何改动。请删去这个字符后再试（从网页或其他程序复制的文字常带有这类看不见的字符）。</source>
        <comment>bad_text</comment>
        <translation>“{field}” contains a character that cannot be saved ({what}, at character {at}); nothing was saved. Remove it and try again (text copied from web pages or other programs often carries such invisible characters).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>量化指标的“{field}”必须是一个有限的数字，“{value}”不是。请填写数字，例如 18 或 12.5。</source>
        <comment>number_not_finite</comment>
        <translation>The indicator&apos;s “{field}” must be a finite number; “{value}” is not.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>量化指标的“{field}”不能是负数（{value}）。请填写 0 或正数。</source>
        <comment>number_negative</comment>
        <translation>The indicator&apos;s “{field}” must not be negative ({value}).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>日期“{value}”不在 {low} 年至 {high} 年之间，没有保存。请检查年份是否写错。</source>
        <comment>date_out_of_range</comment>
        <translation>The date “{value}” is not between {low} and {high}; nothing was saved. Check the year.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”已损坏或不是有效的 {kind} 文件（{detail}），无法读取，没有导入；台账未作任何改动。请在 Word、Excel 或 WPS 中打开它，另存一份后再导入。</source>
        <comment>office_damaged</comment>
        <translation>“{path}” is damaged or not a valid {kind} file ({detail}); nothing was imported and the ledger was not changed. Open it in Word, Excel or WPS, save a copy and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”解压后过大（{detail}），可能是损坏或恶意构造的文件，没有读取；台账未作任何改动。请确认文件来源，或把内容复制到一个新文件后再导入。</source>
        <comment>office_too_big</comment>
        <translation>“{path}” is too large once unpacked ({detail}); it may be damaged or crafted and was not read. The ledger was not changed. Check where it came from, or copy its content into a new file and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”是旧版 Excel 97-2003 工作簿（.xls），程序只能读取 .xlsx，没有导入；台账未作任何改动。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。</source>
        <comment>office_xls</comment>
        <translation>“{path}” is an old Excel 97-2003 workbook (.xls); only .xlsx can be read and nothing was imported. Open it in Excel or WPS and save it as an Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”是旧版 Word 97-2003 文档（.doc），程序只能读取 .docx，没有导入；台账未作任何改动。请在 Word 或 WPS 中打开它，“另存为”Word 文档（.docx）后再导入。</source>
        <comment>office_old_doc</comment>
        <translation>“{path}” is an old Word 97-2003 document (.doc); only .docx can be read and nothing was imported. Open it in Word or WPS and save it as a Word document (.docx).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”设置了打开密码（已加密），程序无法读取，没有导入；台账未作任何改动。请在 Word、Excel 或 WPS 中取消打开密码后再导入。</source>
        <comment>office_encrypted</comment>
        <translation>“{path}” is password-protected (encrypted) and cannot be read; nothing was imported. Remove the password in Word, Excel or WPS and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这条整改任务（{task}），它可能已被删除。请刷新后再试。</source>
        <comment>no_such_task</comment>
        <translation>Task {task} was not found; it may have been deleted.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到居民区“{name}”。请检查名称，或先添加该居民区。</source>
        <comment>no_such_community</comment>
        <translation>Community “{name}” was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到问题类别（{id}）。</source>
        <comment>no_such_category</comment>
        <translation>Category {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到反馈问题（{id}）。</source>
        <comment>no_such_problem</comment>
        <translation>Problem {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到量化指标（{id}）。</source>
        <comment>no_such_indicator</comment>
        <translation>Indicator {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{field}”不能为空。请填写后再保存。</source>
        <comment>empty_field</comment>
        <translation>“{field}” must not be empty.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{value}”不是有效日期。请按“2025-11-30”的格式填写整改时限。</source>
        <comment>bad_date</comment>
        <translation>“{value}” is not a valid date. Use the form 2025-11-30.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>量化指标的“{field}”必须是数字，“{value}”不是。请填写数字，例如 18 或 12.5。</source>
        <comment>bad_number</comment>
        <translation>The indicator&apos;s “{field}” must be a number; “{value}” is not.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>整改类型只能是立行立改、限期整改或长期坚持，“{value}”不在其中。</source>
        <comment>bad_kind</comment>
        <translation>Kind must be 立行立改, 限期整改 or 长期坚持, not “{value}”.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>身份只能是工作专班、居民区书记或领导，“{value}”不在其中。</source>
        <comment>bad_role</comment>
        <translation>Role must be work team, secretary or leader, not “{value}”.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>已经有名为“{name}”的{what}。请换一个名称。</source>
        <comment>duplicate_name</comment>
        <translation>There is already a {what} named “{name}”.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>不能从“{state}”执行“{action}”：{reason}</source>
        <comment>not_allowed</comment>
        <translation>Cannot {action} from “{state}”: {reason}</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{action}”需要{need}身份，当前操作人“{actor}”的身份是{role}。请由相应人员操作，或在“设置—我是谁”中切换身份。</source>
        <comment>wrong_role</comment>
        <translation>“{action}” needs the role {need}; the operator “{actor}” is {role}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”已签过本任务的“{level}”，同一人不能签两级审核。请由另一位审核人签署。</source>
        <comment>same_reviewer</comment>
        <translation>“{actor}” already signed “{level}” of this task; one person cannot sign two levels.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>{what}必须填写理由。请写明原因后再提交。</source>
        <comment>reason_required</comment>
        <translation>{what} needs a reason.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>没有可以撤销的操作。</source>
        <comment>nothing_to_undo</comment>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>无法撤销：“{field}”在这之后又被修改过（现在是“{now}”）。请直接编辑该字段。</source>
        <comment>undo_conflict</comment>
        <translation>Cannot undo: “{field}” was changed again since (now “{now}”).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{name}”下还有 {count} {what}，不能删除。请先删除或移走它们。</source>
        <comment>not_empty</comment>
        <translation>“{name}” still has {count} {what}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{measure}”已销号，台账上已锁定，不能再修改。如确需修改，请先“重启整改”并写明理由。</source>
        <comment>task_locked</comment>
        <translation>“{measure}” is signed off and locked. Reopen it (with a reason) to change it.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”不在本台账的人员名册中（或不是{role}，或已停用），不能修改台账。请从名册中选择本人，或请工作专班把您加入名册；台账未作任何改动。</source>
        <comment>not_in_register</comment>
        <translation>“{actor}” is not in this ledger&apos;s register as {role} (or is inactive) and cannot change the ledger. Choose yourself from the register, or ask the work team to add you; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”在人员名册中有两种身份（{roles}）。请用 --role 说明这次以哪种身份操作。</source>
        <comment>person_two_roles</comment>
        <translation>“{actor}” holds two roles in the register ({roles}). Say with --role which one this is.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”是其他居民区的书记，不能对居民区“{community}”的任务执行“{action}”；台账未作任何改动。</source>
        <comment>not_your_community</comment>
        <translation>“{actor}” is the secretary of another community and cannot {action} a task of “{community}”; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{action}”需要“{actor}”输入本人的签字密码确认；台账未作任何改动。</source>
        <comment>password_required</comment>
        <translation>“{action}” needs “{actor}”&apos;s own signing password; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”的签字密码不对，“{action}”没有执行；台账未作任何改动。请重新输入。</source>
        <comment>password_wrong</comment>
        <translation>The signing password of “{actor}” is wrong; “{action}” was not done and nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>签字密码至少要 6 个字符。请换一个更长的密码。</source>
        <comment>password_too_short</comment>
        <translation>A signing password needs at least 6 characters.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{measure}”已申请销号，审核人签的是提交时的内容：{what}在退回前不能修改；台账未作任何改动。</source>
        <comment>under_review</comment>
        <translation>“{measure}” has been submitted for sign-off; {what} cannot change until it is returned; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{actor}”提交了本轮销号申请，不能再签本轮的“{level}”；台账未作任何改动。请由另一位审核人签署。</source>
        <comment>self_review</comment>
        <translation>“{actor}” submitted this round and cannot sign its “{level}”; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>审核链不能有居民区书记一级：书记是申请销号的一方，不能审核自己的申请。请改为工作专班或领导。</source>
        <comment>secretary_in_chain</comment>
        <translation>The review chain cannot contain a secretary level: secretaries apply for sign-off and cannot review it.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>修改审核链需要一位领导确认（{detail}）；审核链未作改动。</source>
        <comment>chain_needs_leader</comment>
        <translation>Changing the review chain needs a leader&apos;s confirmation ({detail}); the chain was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>人员名册的第一位须是工作专班的您本人（“{actor}”），否则添加后您将无法再修改名册；名册未作改动。</source>
        <comment>register_first_self</comment>
        <translation>The register&apos;s first entry must be yourself (“{actor}”) as work team; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>人员名册中已有“{name}”（{role}）。同名的人请在名字后加以区分。</source>
        <comment>person_exists</comment>
        <translation>“{name}” ({role}) is already in the register.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>人员名册中没有“{name}”{role}。请检查姓名。</source>
        <comment>no_such_person</comment>
        <translation>“{name}” {role} is not in the register.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>居民区书记须写明所在居民区（“{name}”）。</source>
        <comment>person_needs_community</comment>
        <translation>A secretary needs their community (“{name}”).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>设置“{key}”只能通过人员名册修改；台账未作任何改动。</source>
        <comment>register_secret</comment>
        <translation>The setting “{key}” changes only through the register; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这项修改与台账中已有的记录冲突（{detail}），没有保存；台账保持原样。</source>
        <comment>constraint</comment>
        <translation>The change conflicts with existing records ({detail}); nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>设置“{key}”的值无效：{detail}</source>
        <comment>bad_setting</comment>
        <translation>Setting “{key}” is invalid: {detail}</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>{field}的值“{value}”无效：{detail}</source>
        <comment>bad_value</comment>
        <translation>{field}: “{value}” is invalid: {detail}</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到文件“{path}”，没有添加佐证材料。请检查文件是否已被移走或改名，再重新选择。</source>
        <comment>evidence_missing</comment>
        <translation>“{path}” was not found; nothing was attached. Check whether the file was moved or renamed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{path}”无法读取（{detail}），没有添加佐证材料。请确认它是一个文件、有读取权限、没有被其他程序锁定，然后再试。</source>
        <comment>evidence_unreadable</comment>
        <translation>“{path}” cannot be read ({detail}); nothing was attached. Make sure it is a readable file not locked by another program.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{name}”是空的（0 字节），没有添加佐证材料。请选择有内容的文件；扫描件请确认已保存完成。</source>
        <comment>evidence_empty</comment>
        <translation>“{name}” is empty (0 bytes); nothing was attached. Choose a file with content.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{name}”大小为 {size}，超过佐证材料的大小上限 {limit}，没有添加。请压缩图片或拆分文件后再添加，或请工作专班在设置中调高上限。</source>
        <comment>evidence_too_big</comment>
        <translation>“{name}” is {size}, over the evidence size limit of {limit}; nothing was attached. Compress or split it, or ask the work team to raise the limit.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这份文件已经作为“{name}”添加到本任务（{by}，{at}），没有重复添加。</source>
        <comment>evidence_duplicate</comment>
        <translation>This file is already attached to the task as “{name}” ({by}, {at}); it was not added twice.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这份佐证材料（{id}），它可能已被删除。请刷新后再试。</source>
        <comment>no_such_evidence</comment>
        <translation>Evidence {id} was not found; refresh and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>佐证材料“{name}”已于 {at} 删除，不能再次删除。请刷新后查看。</source>
        <comment>evidence_removed</comment>
        <translation>The evidence “{name}” was already removed on {at}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>佐证材料“{name}”已删除，且没有其他任务使用同一文件，文件内容已从台账中清除，无法另存。可在日志中查看它的记录。</source>
        <comment>evidence_released</comment>
        <translation>The evidence “{name}” was removed and its bytes released; it cannot be saved. Its record stays in the journal.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务已销号，它的佐证材料“{name}”不能删除。如确需更正，请先由工作专班或领导重启整改。</source>
        <comment>evidence_locked</comment>
        <translation>The task is signed off; its evidence “{name}” cannot be removed. Reopen the task first if it must be corrected.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>{scope}还没有佐证材料，没有生成文件。请先为任务添加佐证材料。</source>
        <comment>evidence_none</comment>
        <translation>{scope} has no evidence yet; no file was written.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这条延期申请（{id}）。请刷新后再试。</source>
        <comment>no_such_extension</comment>
        <translation>Extension request {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务“{measure}”没有整改时限，无需申请延期。如需设定时限，请直接编辑任务。</source>
        <comment>extension_no_deadline</comment>
        <translation>The task “{measure}” has no deadline; there is nothing to extend.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务“{measure}”的整改时限 {deadline} 已过（今天是 {today}），不能再申请延期。延期须在时限到期前提出；请尽快完成整改，并向工作专班说明情况。</source>
        <comment>extension_too_late</comment>
        <translation>The deadline {deadline} of “{measure}” has passed (today is {today}); an extension must be asked for before it.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>申请的新时限 {new} 必须晚于现在的整改时限 {old}。请重新选择日期。</source>
        <comment>extension_not_later</comment>
        <translation>The new deadline {new} must be later than the current deadline {old}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务“{measure}”已有一条待批的延期申请（{by} 于 {at} 提出，申请延至 {new}）。请等领导批复后再提出新的申请。</source>
        <comment>extension_pending</comment>
        <translation>“{measure}” already has a pending extension request ({by}, {at}, to {new}). Wait for the decision first.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务“{measure}”当前为“{state}”，不需要申请延期。</source>
        <comment>extension_closed_task</comment>
        <translation>The task “{measure}” is “{state}”; it needs no extension.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这条延期申请已由{by}于 {at} {decision}，不能再次批复。</source>
        <comment>extension_decided</comment>
        <translation>This extension request was already {decision} by {by} on {at}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>{scope}没有已销号的任务，无法抽取回头看样本。请在有任务销号后再开展回头看。</source>
        <comment>recheck_empty</comment>
        <translation>{scope} has no signed-off tasks to sample for a look-back.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这次回头看抽查（{id}）。请刷新后再试。</source>
        <comment>no_such_recheck</comment>
        <translation>Look-back draw {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这条回头看核查记录（{id}）。请刷新后再试。</source>
        <comment>no_such_recheck_item</comment>
        <translation>Look-back item {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这条回头看核查已由{by}于 {at} 记录为“{result}”，不能重复记录。如有新情况，请在下一次回头看中核查。</source>
        <comment>recheck_recorded</comment>
        <translation>This look-back item was already recorded as “{result}” by {by} on {at}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>任务“{measure}”当前为“{state}”，不是已销号状态，不能记录回头看结果。请刷新后查看它的最新情况。</source>
        <comment>recheck_not_closed</comment>
        <translation>The task “{measure}” is “{state}”, not signed off; a look-back result cannot be recorded.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>新的下发包“{new}”是“{new_community}”的，旧的“{old}”是“{old_community}”的，不是同一个居民区或同一本台账，请勿替换；两个文件都没有改动。</source>
        <comment>package_replace_mismatch</comment>
        <translation>The new package “{new}” is for “{new_community}” and the old one “{old}” for “{old_community}”: not the same community or ledger. Do not replace it; neither file was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”不是本程序的下发包或上报包（{detail}），没有导入；台账未作任何改动。请选择居民区书记用“上报”生成的文件。</source>
        <comment>package_not_package</comment>
        <translation>“{path}” is not a package of this program ({detail}); nothing was imported and the ledger was not changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>上报包“{path}”已损坏或不完整（{detail}），可能在传送中被截断，没有导入；台账未作任何改动。请让居民区书记重新上报一份。</source>
        <comment>package_damaged</comment>
        <translation>The return “{path}” is damaged or incomplete ({detail}); nothing was imported. Ask for it to be sent again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>上报包“{path}”第 {seq} 条日志（{at}，{command}）校验失败：{detail}。文件在程序之外被改动过，已拒绝导入；台账未作任何改动。请让居民区书记重新上报，并核实文件来源。</source>
        <comment>package_tampered</comment>
        <translation>The return “{path}” failed verification at entry {seq} ({at}, {command}): {detail}. It was edited outside the program; nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”是另一本台账（{other}）下发的包，不是本台账（{ours}）的，没有导入；台账未作任何改动。请在下发它的台账中导入。</source>
        <comment>package_other_ledger</comment>
        <translation>“{path}” was issued by another ledger ({other}), not this one ({ours}); nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>本台账从未下发过“{path}”（包编号 {package_id}，居民区“{community}”），没有导入；台账未作任何改动。请确认文件来自本台账下发的包。</source>
        <comment>package_not_issued</comment>
        <translation>This ledger never issued “{path}” (package {package_id}, {community}); nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>上报包“{path}”第 {seq} 条日志（{actor}，{command}）涉及{what}，超出本包的范围（居民区“{community}”），已拒绝导入整个文件；台账未作任何改动。请核实文件来源。</source>
        <comment>package_out_of_scope</comment>
        <translation>Entry {seq} of “{path}” ({actor}, {command}) touches {what}, outside the package&apos;s community “{community}”; the whole file was refused.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>旧的下发包“{old}”中还有 {count} 条修改（最近一条：{last}）{state}。请先{todo}，再打开新的下发包；两个文件都没有改动。</source>
        <comment>package_unreturned</comment>
        <translation>The old package “{old}” still holds {count} changes ({last}) that were not returned and merged; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这是居民区“{community}”的下发包（居民区模式）：“{action}”由工作专班在主台账上办理，不能在下发包中操作。</source>
        <comment>package_mode</comment>
        <translation>This is the package of “{community}” (community mode): “{action}” is done by the work team on the master ledger.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”是居民区“{community}”的下发包，不是主台账，不能从它下发或向它导入上报包。请打开工作专班的主台账。</source>
        <comment>package_is_package</comment>
        <translation>“{path}” is a community package, not the master ledger.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{value}”不是有效的周次。请按“2025-W47”的格式填写（年份-W周数）。</source>
        <comment>bad_week</comment>
        <translation>“{value}” is not a valid week. Use the form 2025-W47.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {week} 周还没有开始对账。请先“开始对账”。</source>
        <comment>no_such_period</comment>
        <translation>Week {week} has no reconciliation period; open it first.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {week} 周的对账已经开始过（{state}），不能再次开始。</source>
        <comment>period_exists</comment>
        <translation>Week {week} was already opened ({state}).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {week} 周的对账已于 {at} 由{by}结账，已结账的对账期不能再改动。更正请记入下一期，并注明更正的是哪一期。</source>
        <comment>period_closed</comment>
        <translation>Week {week} was closed on {at} by {by}; a closed period never changes. Record a correction in the next period.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {other} 周的对账还没有结账。请先结账，再开始第 {week} 周。</source>
        <comment>period_other_open</comment>
        <translation>Week {other} is still open; close it before opening week {week}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {week} 周不晚于已结账的第 {last} 周，不能再开始对账。更正请记入下一期。</source>
        <comment>period_too_early</comment>
        <translation>Week {week} is not after the last closed week {last}; record a correction in the next period.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>日志条目 {entry} 不是第 {week} 周对账中的一行。请刷新后再试。</source>
        <comment>not_a_line</comment>
        <translation>Journal entry {entry} is not a line of week {week}.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>第 {week} 周还有 {count} 行没有核对（差额：{diff}）。请逐行核对打勾，或填写说明解释每一行未核对的原因后再结账。</source>
        <comment>period_unbalanced</comment>
        <translation>Week {week} has {count} unticked lines (difference: {diff}). Tick them, or give a note explaining each.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>居民区“{community}”已有 {at} 下发的社区包“{file}”。再下发一个新包，旧包“{file}”就作废：书记应改用新包填报，旧包里还没上报的修改请先上报并导入。确要再下发，请加 --replace。</source>
        <comment>package_exists</comment>
        <translation>“{community}” already has the package “{file}” issued on {at}. A new package makes “{file}” obsolete: the secretary should work in the new one, and return what is not yet returned from the old one first. To issue a new one anyway, add --replace.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这次导入中没有与“{key}”对应的冲突（或对应了不止一项）。请按预览列出的编号填写 --decide。</source>
        <comment>no_such_conflict_key</comment>
        <translation>No conflict of this import matches “{key}” (or more than one does). Use the keys the preview lists.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到这条合并冲突（{id}）。请刷新后再试。</source>
        <comment>no_such_conflict</comment>
        <translation>Merge conflict {id} was not found.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>这条合并冲突已由{by}于 {at} 处理（{status}），不能再次处理。</source>
        <comment>conflict_decided</comment>
        <translation>This merge conflict was already decided by {by} on {at} ({status}).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”不是 Excel 工作簿（.xlsx）（{detail}），没有导入；台账未作任何改动。请在 Excel 或 WPS 中打开后“另存为”.xlsx 格式再导入。</source>
        <comment>excel_not_xlsx</comment>
        <translation>“{path}” is not an Excel workbook (.xlsx) ({detail}); nothing was imported. Save it as .xlsx in Excel or WPS and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”设置了打开密码（已加密），程序无法读取，没有导入；台账未作任何改动。请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入。</source>
        <comment>excel_encrypted</comment>
        <translation>“{path}” is password-protected (encrypted) and cannot be read; nothing was imported. Remove the password in Excel and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”的工作表“{sheet}”是空的，没有可导入的内容；台账未作任何改动。请确认选择了填好的文件。</source>
        <comment>excel_empty</comment>
        <translation>Sheet “{sheet}” of “{path}” is empty; nothing was imported. Check that you chose the filled-in file.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”中的 {n} 项任务台账里都已经有了（同一反馈问题、同一居民区、同一整改措施），没有可新增的；台账未作任何改动。如果要更新这些任务的进展，请用填报表或直接在台账中修改。</source>
        <comment>excel_nothing_new</comment>
        <translation>All {n} tasks in “{path}” are in the ledger already (same problem, community and measure); nothing was added and the ledger is unchanged. To update their progress use a fill-in form or edit them in the ledger.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”的工作表“{sheet}”找不到这些列：{missing}，无法对应到台账，没有导入；台账未作任何改动。请检查表头（或在导入时指定各列的对应关系）。</source>
        <comment>excel_header_unmapped</comment>
        <translation>Sheet “{sheet}” of “{path}” lacks these columns: {missing}; it cannot be mapped and nothing was imported. Check the header row or give the column mapping.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”第 {row} 行 {column} 列（{field}）：{detail}，没有导入；台账未作任何改动。请改正这个单元格后再导入。</source>
        <comment>excel_bad_cell</comment>
        <translation>“{path}” row {row}, column {column} ({field}): {detail}; nothing was imported. Correct the cell and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>无法写入“{path}”（{detail}）。请关闭在 Excel 中打开的同名文件，或换一个文件夹后再试。</source>
        <comment>excel_write_failed</comment>
        <translation>Could not write “{path}” ({detail}). Close the file if it is open in Excel, or choose another folder.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{path}”不是本台账导出的填报表（{detail}），没有导入；台账未作任何改动。请使用从本台账导出的填报表。</source>
        <comment>fill_form_not_ours</comment>
        <translation>“{path}” is not a fill-in form exported from this ledger ({detail}); nothing was imported. Use a form exported from this ledger.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>填报表“{path}”的隐藏编号列（A–C 列）与表中各行分开了（例如第 {row} 行）：排序时只选中了部分列，行的内容和它的任务编号不再对应，没有导入；台账未作任何改动。请在 Excel 或 WPS 中撤销这次排序（或重新导出填报表再填写），排序请用表头的筛选按钮，它会带着整行一起移动。</source>
        <comment>fill_form_rows_separated</comment>
        <translation>In the form “{path}” the hidden id columns (A–C) were separated from the rows (e.g. row {row}): only some columns were sorted, so rows no longer match their task ids; nothing was imported. Undo that sort in Excel or WPS (or export the form again), and sort with the header&apos;s filter buttons, which move whole rows.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>填报表“{path}”有 {count} 处不能导入（例如：{first}），整张表都没有导入；台账未作任何改动。请改正后重新导入，或确认跳过这些单元格后再导入。</source>
        <comment>fill_form_refused</comment>
        <translation>The form “{path}” has {count} cells that cannot be imported (e.g. {first}); nothing was imported. Correct them, or accept skipping them, and import again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>{name}是人员名册中唯一在用的工作专班成员，停用后就没有人能再维护人员名册和台账，没有停用。请先添加另一位工作专班成员，再停用{name}。</source>
        <comment>last_work_team</comment>
        <translation>{name} is the register&apos;s only active work-team member; retiring them would leave no one to keep the register and the ledger, so they were not retired. Add another work-team member first.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>无法识别文件“{name}”的文字编码，读不出内容。请用记事本打开后“另存为”UTF-8 编码的文本文件，再重新导入。</source>
        <comment>plan_encoding</comment>
        <translation>The text encoding of “{name}” could not be recognised. Open it in Notepad, save it as UTF-8 text and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{name}”无法作为 Word 文档打开（可能已损坏、设置了密码或其实不是 .docx 文件）。请在 Word 或 WPS 中打开它，取消密码后“另存为”.docx 或纯文本（.txt），再重新导入。</source>
        <comment>plan_docx_damaged</comment>
        <translation>“{name}” cannot be opened as a Word document (damaged, password-protected or not really a .docx). Open it in Word or WPS, remove the password, save it as .docx or plain text (.txt) and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>PDF 文件“{name}”设置了打开密码，无法读取。请用 PDF 阅读器输入密码后“另存为”无密码的 PDF，再重新导入。</source>
        <comment>plan_pdf_password</comment>
        <translation>The PDF “{name}” has an opening password. Open it in a PDF reader, save a copy without a password and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{name}”无法作为 PDF 打开（可能已损坏或其实不是 PDF）。请用 PDF 阅读器打开确认，或复制其中文字另存为 .txt 后再导入。</source>
        <comment>plan_pdf_damaged</comment>
        <translation>“{name}” cannot be opened as a PDF (damaged or not really a PDF). Check it in a PDF reader, or copy its text into a .txt file and import that.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>PDF 文件“{name}”里没有可读取的文字（共 {pages} 页），它可能是扫描件或图片。请先用 WPS、Acrobat 等软件的文字识别（OCR）功能转换为文字，或找到原始的 Word/文本文件再导入。</source>
        <comment>plan_pdf_scanned</comment>
        <translation>The PDF “{name}” has no readable text ({pages} pages); it may be a scan. Convert it to text with OCR (WPS, Acrobat…) or find the original Word or text file.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>找不到文件“{name}”。请确认文件仍在原来的位置，再重新选择。</source>
        <comment>plan_missing</comment>
        <translation>“{name}” was not found. Check that the file is still where it was and choose it again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>“{name}”是一个文件夹，不是文件。请选择其中的整改方案文件（.docx、.pdf 或 .txt）。</source>
        <comment>plan_folder</comment>
        <translation>“{name}” is a folder, not a file. Choose the plan file in it (.docx, .pdf or .txt).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>暂不支持旧版 Word/WPS 文档“{name}”。请在 Word 或 WPS 中把它“另存为”.docx 或纯文本（.txt），再重新导入。</source>
        <comment>plan_old_word</comment>
        <translation>Old Word/WPS documents such as “{name}” cannot be read. Save it as .docx or plain text (.txt) in Word or WPS.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>不支持“{name}”这种文件（{suffix}）。请选择 Word 文档（.docx）、PDF、Excel 表格（.xlsx）或纯文本文件（.txt）。</source>
        <comment>plan_kind</comment>
        <translation>Files like “{name}” ({suffix}) cannot be imported. Choose a Word document (.docx), a PDF, an Excel workbook (.xlsx) or a plain text file (.txt).</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>没有权限读取文件“{name}”。请确认文件没有被其他程序独占，或复制到桌面后再试。</source>
        <comment>plan_no_permission</comment>
        <translation>“{name}” may not be read. Check that no other program holds it, or copy it to the desktop and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>读取文件“{name}”时出错（{detail}）。请确认文件可以正常打开后再试。</source>
        <comment>plan_read_failed</comment>
        <translation>Reading “{name}” failed ({detail}). Check that the file opens normally and try again.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>工作表“{sheet}”的前 10 行里没有找到“整改措施”列。请确认第一张工作表是整改清单，表头含“问题”“整改措施”“责任人”“完成时限”等列名。</source>
        <comment>plan_no_measure_column</comment>
        <translation>No “整改措施” (measure) column in the first 10 rows of the sheet “{sheet}”. Check that the first sheet is the rectification list, with headers such as 问题, 整改措施, 责任人 and 完成时限.</translation>
    </message>
    <message>
        <location filename="../../ledger/core/errors.py" line="8"/>
        <source>文件“{name}”里没有文字内容。请确认选对了文件，或在原文档中检查内容后再导入。</source>
        <comment>plan_empty</comment>
        <translation>“{name}” has no text. Check that it is the right file, or look at its content in the original document.</translation>
    </message>
</context>
</TS>
