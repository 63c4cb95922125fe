<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/imports/plan.py" line="274"/>
        <source>Open a rectification plan</source>
        <translation>打开整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="276"/>
        <source>Plans, feedback and notices (*.docx *.pdf *.xlsx *.txt);;All files (*)</source>
        <translation>整改方案、反馈意见和通报 (*.docx *.pdf *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/board/kanban.py" line="523"/>
        <source>What was done (required):</source>
        <translation>整改情况说明（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="525"/>
        <source>Grade:</source>
        <translation>验收评定：</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="526"/>
        <source>Opinion:</source>
        <translation>审核意见：</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="532"/>
        <source>Exception reason (required):</source>
        <translation>例外理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="534"/>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="539"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ApprovalForm</name>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="82"/>
        <source>sign-off form</source>
        <translation>销号审批表</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="354"/>
        <source>Save the sign-off form as</source>
        <translation>销号审批表另存为</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="354"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="363"/>
        <source>Sign-off form</source>
        <translation>销号审批表</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="364"/>
        <source>The sign-off form was saved to “{path}”. Print it on A4 for the reviewers to sign.</source>
        <translation>销号审批表已保存到“{path}”。请用 A4 纸打印，交审核人签字。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="370"/>
        <source>Open it</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="371"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="375"/>
        <source>Cannot open the PDF. Open it yourself: {path}</source>
        <translation>无法打开 PDF 文件，请自行打开：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/approval_form.py" line="383"/>
        <location filename="../../ui/signoff/approval_form.py" line="391"/>
        <source>Cannot write the sign-off form</source>
        <translation>无法生成销号审批表</translation>
    </message>
</context>
<context>
    <name>AuditExportDialog</name>
    <message>
        <location filename="../../ui/exports/change_record.py" line="48"/>
        <source>Export the change record</source>
        <translation>导出修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="51"/>
        <source>Every change made to the ledger, oldest first, one row per changed field: who, when, from where, what it was and what it became. The file prints on A4 landscape as it is, with the journal anchor in its heading.</source>
        <translation>台账的每一处修改，按时间先后，每个改动的字段一行：谁、什么时候、从哪里、改前是什么、改成了什么。文件按 A4 横向可直接打印，表头印有日志校验码。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="58"/>
        <source>Only from</source>
        <translation>只导出从</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="71"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="76"/>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="81"/>
        <source>All communities</source>
        <translation>全部居民区</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="87"/>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="88"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="94"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="96"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="115"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期，请重新选择。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="122"/>
        <source>{org} change record {date}.xlsx</source>
        <translation>{org}修改记录-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="127"/>
        <source>Save the change record</source>
        <translation>保存修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="129"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="142"/>
        <location filename="../../ui/exports/change_record.py" line="150"/>
        <source>Exporting… {done} of {total} entries</source>
        <translation>正在导出……第 {done} 条，共 {total} 条日志</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="160"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="163"/>
        <source>Cannot export the change record</source>
        <translation>无法导出修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="178"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="180"/>
        <source>The change record was exported: {entries} journal entries, {rows} rows.
File: {path}</source>
        <translation>修改记录已导出：{entries} 条日志，{rows} 行。
文件：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="184"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/exports/change_record.py" line="185"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../../ui/board/grid.py" line="131"/>
        <source>{tasks} tasks, {closed} signed off ({pct}%)</source>
        <translation>共{tasks}项，已销号{closed}项（{pct}%）</translation>
    </message>
    <message>
        <location filename="../../ui/board/grid.py" line="134"/>
        <source>, {n} overdue</source>
        <translation>，逾期{n}项</translation>
    </message>
    <message>
        <location filename="../../ui/board/grid.py" line="166"/>
        <source>No deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../ui/board/grid.py" line="180"/>
        <source>…and {n} more: click to see them all</source>
        <translation>……还有 {n} 项，点击查看全部</translation>
    </message>
</context>
<context>
    <name>BoardPaint</name>
    <message>
        <location filename="../../ui/board/paint.py" line="133"/>
        <source>Due soon (within {days} days)</source>
        <translation>临期（{days}天内）</translation>
    </message>
    <message>
        <location filename="../../ui/board/paint.py" line="135"/>
        <source>Due soon ({low}–{high} days left)</source>
        <translation>临期（剩{low}—{high}天）</translation>
    </message>
    <message>
        <location filename="../../ui/board/paint.py" line="209"/>
        <source>{n} overdue</source>
        <translation>逾期{n}</translation>
    </message>
</context>
<context>
    <name>BoardPrint</name>
    <message>
        <location filename="../../ui/board/printing.py" line="496"/>
        <source>The printer could not be started. Check that it is switched on and try again.</source>
        <translation>无法启动打印机。请检查打印机是否已开启，然后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="520"/>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="520"/>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="522"/>
        <source>%1 landscape, %2</source>
        <translation>%1 横向，%2</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="526"/>
        <source>Export the wall chart</source>
        <translation>导出挂图</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="534"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="534"/>
        <source>Exporting the wall chart…</source>
        <translation>正在导出挂图……</translation>
    </message>
    <message>
        <location filename="../../ui/board/printing.py" line="567"/>
        <source>The file could not be written (%1). Choose another folder and try again.</source>
        <translation>文件无法写入（%1）。请换一个文件夹后重试。</translation>
    </message>
</context>
<context>
    <name>BoardSettingsDialog</name>
    <message>
        <location filename="../../ui/board/settings.py" line="86"/>
        <source>Wall chart colours</source>
        <translation>挂图配色</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="94"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="97"/>
        <source>Colour and letter of each state</source>
        <translation>各状态的颜色和代字</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="99"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="100"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="101"/>
        <source>Letter</source>
        <translation>代字</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="115"/>
        <source>Border of 未启动 cells</source>
        <translation>未启动格子的边框</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="117"/>
        <source>Border</source>
        <translation>边框</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="120"/>
        <source>Warnings before the deadline</source>
        <translation>到期前预警</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="124"/>
        <source>A task this many days or fewer before its deadline takes the warning colour. Up to three steps, the farthest first, e.g. 20 and 10.</source>
        <translation>距整改时限不超过设定天数的任务显示预警颜色。最多三档，从远到近，例如 20 天、10 天。</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="134"/>
        <source>Add a warning step</source>
        <translation>增加一档预警</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="138"/>
        <source>Remove the last step</source>
        <translation>删除最后一档</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="145"/>
        <source>Letter of the warning steps</source>
        <translation>预警的代字</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="151"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="159"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="160"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="165"/>
        <source>Preset:</source>
        <translation>预设方案：</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="186"/>
        <source>One character shown in the cell, so the state reads without colour</source>
        <translation>格子里显示的一个字，黑白打印也能看出状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="196"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="199"/>
        <source>Warning colour</source>
        <translation>预警颜色</translation>
    </message>
    <message>
        <location filename="../../ui/board/settings.py" line="207"/>
        <source>Step %1:</source>
        <translation>第 %1 档：</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/board/view.py" line="119"/>
        <source>Signed off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="120"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="121"/>
        <source>Tasks</source>
        <translation>任务总数</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="143"/>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="148"/>
        <source>Problems</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="149"/>
        <source>Categories</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="150"/>
        <source>Owners</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="151"/>
        <source>Weeks to deadline</source>
        <translation>倒排工期</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="154"/>
        <source>One column per problem, grouped by category</source>
        <translation>每个反馈问题一列，按问题类别分组</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="155"/>
        <source>One column per category</source>
        <translation>每个问题类别一列</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="156"/>
        <source>One column per responsible person</source>
        <translation>每位责任人一列</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="157"/>
        <source>One column per deadline week, scheduled backwards; this week is marked</source>
        <translation>按整改时限所在周排列（倒排工期），本周标红</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="171"/>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="174"/>
        <source>Colour scheme of the chart, saved in the ledger</source>
        <translation>挂图的配色方案，保存在台账中</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="177"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="180"/>
        <source>Colours and warnings…</source>
        <translation>配色与预警…</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="182"/>
        <source>Change each colour and the warning days before deadlines</source>
        <translation>修改各状态颜色和到期前的预警天数</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="186"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="188"/>
        <source>Print the chart on A3 landscape sheets</source>
        <translation>用 A3 横向纸打印挂图</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="190"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="192"/>
        <source>Save the chart as a PDF to print or send</source>
        <translation>把挂图存为 PDF，便于打印或报送</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="272"/>
        <source>Reading the chart…</source>
        <translation>正在读取挂图…</translation>
    </message>
    <message>
        <location filename="../../ui/board/view.py" line="361"/>
        <source>%1 — inspection rectification wall chart</source>
        <translation>%1巡察整改挂图督战</translation>
    </message>
</context>
<context>
    <name>ChangeHistory</name>
    <message>
        <location filename="../../ui/task/history.py" line="19"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/task/history.py" line="19"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/task/history.py" line="19"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/task/history.py" line="19"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../ui/task/history.py" line="19"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>CloseNoteDialog</name>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="20"/>
        <source>Close {week}</source>
        <translation>结账 {week}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="24"/>
        <source>{n} lines are not ticked (difference: {diff}). Say why the period can be closed anyway:</source>
        <translation>还有 {n} 行未核对（差额：{diff}）。请说明为何仍可结账：</translation>
    </message>
</context>
<context>
    <name>CommunityMode</name>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="68"/>
        <source>Community edition: {community} · issued on {date} · after your changes press “Return…”</source>
        <translation>社区版：{community} · 下发于 {date} · 修改后请点“上报”</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="122"/>
        <location filename="../../ui/packages/community_mode.py" line="137"/>
        <source>This field is the work team&apos;s; in a community package only progress, indicators, evidence and requests can be changed.</source>
        <translation>此字段由工作专班负责；在社区包中只能修改整改进展、量化指标、佐证材料和申请。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="156"/>
        <source>Return…</source>
        <translation>上报…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="158"/>
        <source>Write the return file for the work team beside this package</source>
        <translation>在本包旁生成上报文件，交工作专班导入</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="213"/>
        <source>Return written</source>
        <translation>已生成上报文件</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="214"/>
        <source>The return file was written: {path}
Give it to the work team (USB stick, e-mail) to import. This package stays your working copy.</source>
        <translation>已生成上报文件：{path}
请把它交给工作专班（U 盘、邮件等）导入。本包仍是您的工作副本，可以继续修改。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="221"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="222"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="239"/>
        <source>Cannot write the return</source>
        <translation>无法生成上报文件</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="255"/>
        <location filename="../../ui/packages/community_mode.py" line="258"/>
        <location filename="../../ui/packages/community_mode.py" line="272"/>
        <source>Cannot replace the package</source>
        <translation>不能替换下发包</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="262"/>
        <location filename="../../ui/packages/community_mode.py" line="267"/>
        <source>Open the new package</source>
        <translation>打开新的下发包</translation>
    </message>
    <message>
        <location filename="../../ui/packages/community_mode.py" line="264"/>
        <source>{sentence}

Replace your copy “{old}” with the new package? The old copy is kept beside it.</source>
        <translation>{sentence}

用新的下发包替换您的副本“{old}”吗？旧的副本会另存在同一文件夹。</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="53"/>
        <location filename="../../ui/reconcile/dialogs.py" line="69"/>
        <source>{a} → {b}</source>
        <translation>{a} → {b}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="67"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="70"/>
        <source>Counts moved: {text}</source>
        <translation>计数变化：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="72"/>
        <source>Status moved ({n}):</source>
        <translation>状态变化（{n} 项）：</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="81"/>
        <source>Stalled, no change for {w} weeks ({n}):</source>
        <translation>停滞，{w} 周无进展（{n} 项）：</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="86"/>
        <source>Communities that slipped ({n}):</source>
        <translation>下滑的居民区（{n} 个）：</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialogs.py" line="89"/>
        <source>{c}: completion {ra}% → {rb}%, overdue {oa} → {ob}</source>
        <translation>{c}：完成率 {ra}% → {rb}%，逾期 {oa} → {ob}</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../ui/window/app.py" line="245"/>
        <source>New ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="247"/>
        <source>Ledger files (*.db)</source>
        <translation>台账文件 (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="257"/>
        <source>Open ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="259"/>
        <source>Ledger files (*.db);;All files (*)</source>
        <translation>台账文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="283"/>
        <source>Return your earlier copy first</source>
        <translation>请先上报旧的下发包</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="306"/>
        <source>Cannot open the ledger</source>
        <translation>无法打开台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="352"/>
        <source>Closing the ledger</source>
        <translation>关闭台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/app.py" line="353"/>
        <source>Backing up “{name}” into the data folder…</source>
        <translation>正在把“{name}”备份到数据文件夹……</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/window/crash.py" line="42"/>
        <source>Unexpected error</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <location filename="../../ui/window/crash.py" line="43"/>
        <source>The program met an unexpected error ({error}); what you just did may not have finished.

The ledger is safe: every change is saved in its own transaction, so saved changes are all there, and the one that failed was either saved whole or not at all.

The details are in the log file:
{log}
Please send it to whoever maintains the program. If the program behaves oddly, close it and open it again.</source>
        <translation>程序遇到了一个意外错误（{error}），刚才的操作可能没有完成。

台账是安全的：每一项修改都在各自的事务中保存，已保存的修改都在；出错的那一项要么完整保存，要么完全没有写入。

错误的详细情况已记入日志文件：
{log}
请把这个文件发给维护人员。如果程序表现异常，请关闭后重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/window/crash.py" line="53"/>
        <source>Open the log&apos;s folder</source>
        <translation>打开日志所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/window/crash.py" line="54"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>DeadlineHistory</name>
    <message>
        <location filename="../../ui/task/trail.py" line="174"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="175"/>
        <source>Current deadline: {deadline}　Original deadline: {original}</source>
        <translation>现在的整改时限：{deadline}　原定时限：{original}</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="192"/>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="194"/>
        <source>Decision: {note}</source>
        <translation>批复意见：{note}</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="197"/>
        <source>No change of deadline.</source>
        <translation>整改时限没有变更过。</translation>
    </message>
</context>
<context>
    <name>DecideExtensionDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="441"/>
        <source>Decide the extension request</source>
        <translation>批复延期申请</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="442"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="443"/>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="445"/>
        <source>From → to</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="446"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="447"/>
        <location filename="../../ui/signoff/dialogs.py" line="472"/>
        <source>Approve the extension</source>
        <translation>同意延期</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="449"/>
        <location filename="../../ui/signoff/dialogs.py" line="472"/>
        <source>Refuse</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="470"/>
        <source>Note (optional)</source>
        <translation>批复意见（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="470"/>
        <source>Note (required when refusing)</source>
        <translation>批复意见（不同意时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DecisionTable</name>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="151"/>
        <source>Undecided</source>
        <translation>暂不决定</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="155"/>
        <source>Write a new value</source>
        <translation>填写新值</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../ui/table/empty.py" line="40"/>
        <source>Import a rectification plan…</source>
        <translation>导入整改方案…</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="41"/>
        <source>Add communities…</source>
        <translation>添加居民区…</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="42"/>
        <source>Open the example ledger</source>
        <translation>打开示例台账</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="43"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="85"/>
        <source>This ledger has no tasks yet</source>
        <translation>台账中还没有整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="88"/>
        <source>Start by importing the rectification plan (.docx, .pdf, .xlsx or .txt): its problems, measures and deadlines become the ledger&apos;s tasks. Or add the communities first, or look at the example.</source>
        <translation>先导入整改方案（.docx、.pdf、.xlsx 或 .txt）：其中的反馈问题、整改措施和整改时限会成为台账的任务。也可以先添加居民区，或打开示例台账看看。</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="93"/>
        <source>No task matches the filters</source>
        <translation>没有符合筛选条件的任务</translation>
    </message>
    <message>
        <location filename="../../ui/table/empty.py" line="94"/>
        <source>Change the filters on the left, or show every task.</source>
        <translation>请调整左侧的筛选条件，或显示全部任务。</translation>
    </message>
</context>
<context>
    <name>EvidenceExport</name>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="29"/>
        <source>evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="44"/>
        <source>Save the evidence as</source>
        <translation>佐证材料另存为</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="44"/>
        <source>Zip files (*.zip)</source>
        <translation>压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="53"/>
        <source>The evidence was saved to “{path}”. Inside, 目录.xlsx lists every file, ready to print (目录.csv holds the same list).</source>
        <translation>佐证材料已保存到“{path}”。压缩包内的“目录.xlsx”列出了每个文件，可直接打印（“目录.csv”是同一份清单）。</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="57"/>
        <location filename="../../ui/task/evidence_export.py" line="76"/>
        <source>Export evidence</source>
        <translation>导出佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="71"/>
        <location filename="../../ui/task/evidence_export.py" line="99"/>
        <source>Cannot export the evidence</source>
        <translation>无法导出佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="76"/>
        <source>Exporting evidence…</source>
        <translation>正在导出佐证材料…</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="83"/>
        <source>Exporting evidence… {done} of {total} files</source>
        <translation>正在导出佐证材料… 第 {done} 份，共 {total} 份</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="95"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence_export.py" line="95"/>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../ui/task/evidence.py" line="154"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="157"/>
        <source>Attach photos, PDFs, Word or Excel files and scans</source>
        <translation>添加照片、PDF、Word、Excel 文件或扫描件</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="160"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="163"/>
        <source>Open with the program the computer uses for this kind of file</source>
        <translation>用电脑上对应的程序打开</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="165"/>
        <source>Save a copy…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="166"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="168"/>
        <source>Export as zip…</source>
        <translation>打包导出…</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="171"/>
        <source>All the evidence of this task in one zip file</source>
        <translation>把本任务的全部佐证材料打包成一个 zip 文件</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="173"/>
        <source>Show removed</source>
        <translation>显示已删除的</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="223"/>
        <source>{size} · added by {who} on {at}</source>
        <translation>{size} · {who} {at} 添加</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="227"/>
        <source>removed {at}</source>
        <translation>已于 {at} 删除</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="241"/>
        <source>You can also drag files from a folder onto this panel. One file may be up to {limit}.</source>
        <translation>也可以把文件从文件夹直接拖到这个面板上。单个文件不超过 {limit}。</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="285"/>
        <source>Choose evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="287"/>
        <source>Evidence files ({patterns})</source>
        <translation>佐证材料 ({patterns})</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="289"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="320"/>
        <source>Attached {n} files.</source>
        <translation>已添加 {n} 份佐证材料。</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="324"/>
        <location filename="../../ui/task/evidence.py" line="328"/>
        <source>Not attached</source>
        <translation>没有添加</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="326"/>
        <source>Attached {n} files; {m} were not attached:</source>
        <translation>已添加 {n} 份；以下 {m} 份没有添加：</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="336"/>
        <source>Choose a file in the list first.</source>
        <translation>请先在列表中选中一份材料。</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="365"/>
        <source>Cannot write a temporary copy to open: {detail}</source>
        <translation>无法写出用于打开的临时副本：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="375"/>
        <source>Cannot open the file with a program on this computer. A copy is here: {path}</source>
        <translation>这台电脑上没有能打开此文件的程序。文件副本在：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="382"/>
        <source>Save a copy of the evidence</source>
        <translation>另存佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="398"/>
        <source>Saved to {path}</source>
        <translation>已保存到：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/task/evidence.py" line="406"/>
        <source>Remove the evidence “{name}”? The removal is recorded in the journal and the file stays listed under “Show removed”.</source>
        <translation>移除佐证材料“{name}”？移除会记入日志，勾选“显示已删除的”仍能看到这条记录。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="140"/>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="146"/>
        <source>The whole ledger ({n} tasks)</source>
        <translation>整本台账（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="147"/>
        <source>The current filter ({n} tasks)</source>
        <translation>当前筛选结果（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="149"/>
        <source>Only the tasks the table shows now, with the filters on the left.</source>
        <translation>只导出表格中现在显示的任务（左侧筛选条件下的结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="151"/>
        <source>One community:</source>
        <translation>一个居民区：</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="165"/>
        <source>{name} ({n} tasks)</source>
        <translation>{name}（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="179"/>
        <source>What to export</source>
        <translation>导出范围</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="192"/>
        <source>Edit templates…</source>
        <translation>编辑模板…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="199"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="200"/>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="202"/>
        <source>One sheet per community</source>
        <translation>每个居民区一张工作表</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="205"/>
        <source>After the ledger sheet, one more sheet for each community with only its tasks.</source>
        <translation>在“整改台账”表之后，再为每个居民区各加一张只含本居民区任务的工作表。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="209"/>
        <source>The three lists (problems, tasks, responsibilities)</source>
        <translation>三张清单（问题清单、任务清单、责任清单）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="211"/>
        <source>Adds the 问题清单, 任务清单 and 责任清单 sheets.</source>
        <translation>另加“问题清单”“任务清单”“责任清单”三张工作表。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="214"/>
        <source>Layout</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="219"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="221"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="229"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="233"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="238"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="241"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="259"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="271"/>
        <source>{count} columns: {names}</source>
        <translation>共 {count} 列：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="329"/>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="335"/>
        <source>The folder “{folder}” does not exist. Choose an existing folder with “Browse…”.</source>
        <translation>文件夹“{folder}”不存在。请点“浏览…”选择一个已有的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="344"/>
        <source>“{name}” already exists in “{folder}”. Replace it?</source>
        <translation>“{folder}”中已有“{name}”。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>ExportFillFormDialog</name>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="113"/>
        <source>Export a fill form</source>
        <translation>导出填报表</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="116"/>
        <source>A fill form is an Excel sheet of one community&apos;s tasks for its secretary: they fill in the progress, the indicator values and whether to ask for sign-off (the yellow cells), and send it back; import it with File → Import Excel….</source>
        <translation>填报表是一个居民区全部整改任务的 Excel 表格，交给居民区书记填写浅黄色单元格（整改进展、指标完成值、是否申请销号），交回后用“文件 → 导入 Excel…”导入。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="126"/>
        <source>{name} ({tasks} tasks)</source>
        <translation>{name}（{tasks} 项任务）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="133"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="135"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="138"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="145"/>
        <source>No community has tasks.</source>
        <translation>没有居民区有整改任务。</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="384"/>
        <source>Ask for a later deadline</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="388"/>
        <source>Current deadline</source>
        <translation>现在的整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="388"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="391"/>
        <source>Original deadline</source>
        <translation>原定时限</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="403"/>
        <source>New deadline</source>
        <translation>申请延至</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="404"/>
        <source>Why the deadline cannot be met</source>
        <translation>为什么不能按时完成</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="405"/>
        <source>Reason (required)</source>
        <translation>延期理由（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="409"/>
        <source>A leader approves or refuses the request. The original deadline is kept in the ledger either way.</source>
        <translation>由领导批复同意或不同意。无论结果如何，原定时限都会保留在台账中。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="414"/>
        <source>Send the request</source>
        <translation>提交延期申请</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="420"/>
        <source>{n} days later</source>
        <translation>延后 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FillFormDialog</name>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="319"/>
        <source>Import a fill form</source>
        <translation>导入填报表</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="322"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="325"/>
        <source>Skip the cells that cannot be imported and import the rest</source>
        <translation>跳过不能导入的单元格，导入其余部分</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="365"/>
        <source>“{file}” ({community}): {applied} values to apply, {conflicts} conflicts, {refused} cells that cannot be imported, {unchanged} rows unchanged. Nothing has been changed yet.</source>
        <translation>“{file}”（{community}）：将应用 {applied} 项，冲突 {conflicts} 项，不能导入 {refused} 项，{unchanged} 行没有变化。目前台账尚未改动。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="382"/>
        <source>{count} cells cannot be imported (see the tab 拒绝). Tick “Skip the cells that cannot be imported” to import the rest, or correct the file and import it again.</source>
        <translation>有 {count} 个单元格不能导入（见“拒绝”页）。勾选“跳过不能导入的单元格，导入其余部分”后可导入其余内容，或改正文件后重新导入。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="405"/>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="407"/>
        <source>Ask for sign-off</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="409"/>
        <source>Whole row</source>
        <translation>整行</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="417"/>
        <source>Indicator value: {name}</source>
        <translation>指标完成值：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="417"/>
        <source>Indicator value</source>
        <translation>指标完成值</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="455"/>
        <source>Nothing new to import: the ledger already holds every value of “{file}”.</source>
        <translation>没有需要导入的内容：“{file}”中的数值台账上都已有了。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="460"/>
        <source>Imported “{file}” ({community}): {applied} values applied, {decided} conflicts decided, {skipped} cells skipped.</source>
        <translation>已导入“{file}”（{community}）：应用 {applied} 项，裁决 {decided} 项冲突，跳过 {skipped} 个不能导入的单元格。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="471"/>
        <source> {count} conflicts were left undecided; import the file again to decide them.</source>
        <translation>还有 {count} 项冲突未决定，台账上保持原值；可再次导入此文件来决定。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="474"/>
        <source> Backup before the import: {path}</source>
        <translation>导入前的备份：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="249"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="321"/>
        <source>Reading “{file}”…</source>
        <translation>正在读取“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="331"/>
        <source>Nothing was imported; the ledger was not changed.</source>
        <translation>没有导入任何内容，台账未作改动。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="355"/>
        <source>To apply ({count})</source>
        <translation>将应用（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="356"/>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="357"/>
        <source>Refused ({count})</source>
        <translation>拒绝（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="382"/>
        <source>The new value in row {row} is not a number.</source>
        <translation>第 {row} 行填写的新值不是数字。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="384"/>
        <source>A new value is empty in row {row}. Write the value, or choose another decision.</source>
        <translation>第 {row} 行选择了“填写新值”但没有填写。请填写新值，或改选其他处理方式。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="395"/>
        <source>Importing “{file}”…</source>
        <translation>正在导入“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="419"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FillTable</name>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="230"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="231"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="232"/>
        <source>Community / measure</source>
        <translation>居民区 / 整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="233"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="234"/>
        <source>Ledger now</source>
        <translation>台账现值</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="235"/>
        <source>Filled in</source>
        <translation>填报值</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="236"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="251"/>
        <source>Keep the ledger&apos;s</source>
        <translation>保留台账</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="251"/>
        <source>Take the filled-in</source>
        <translation>采用填报</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="151"/>
        <source>Undecided</source>
        <translation>暂不决定</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="155"/>
        <source>Write a new value</source>
        <translation>填写新值</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../ui/table/filters.py" line="45"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="46"/>
        <source>Open (not signed off)</source>
        <translation>未销号</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="56"/>
        <source>Any deadline</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="57"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="58"/>
        <source>Due within 7 days</source>
        <translation>临期（7天内）</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="69"/>
        <source>Search problem, measure, progress</source>
        <translation>搜索反馈问题、整改措施、整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="77"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="78"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="79"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="81"/>
        <source>Communities</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="98"/>
        <source>All communities</source>
        <translation>全部居民区</translation>
    </message>
    <message>
        <location filename="../../ui/table/filters.py" line="102"/>
        <source>Secretary: {name}</source>
        <translation>书记：{name}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/window/dialogs.py" line="36"/>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="39"/>
        <source>e.g. 莘庄工业区党工委</source>
        <translation>例如：莘庄工业区党工委</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="41"/>
        <source>There is no ledger yet. How would you like to start?</source>
        <translation>还没有台账。请选择如何开始：</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="47"/>
        <source>Open the example ledger</source>
        <translation>打开示例台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="49"/>
        <source>Built from a public progress notice; the people in it are invented.</source>
        <translation>根据公开的整改进展通报生成，其中人员均为虚构。</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="53"/>
        <source>Organisation (required)</source>
        <translation>单位名称（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="60"/>
        <source>Create a blank ledger</source>
        <translation>新建空白台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="64"/>
        <source>Open an existing ledger file…</source>
        <translation>打开已有台账文件…</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="73"/>
        <source>Enter the organisation&apos;s name first: it heads the ledger and every export.</source>
        <translation>请先填写单位名称：台账和每份导出文件的标题都要用到它。</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="214"/>
        <source>New blank ledger</source>
        <translation>新建空白台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="215"/>
        <source>Organisation (required), e.g. 莘庄工业区党工委</source>
        <translation>单位名称（必填），例如：莘庄工业区党工委</translation>
    </message>
</context>
<context>
    <name>ForeignImportDialog</name>
    <message>
        <location filename="../../ui/imports/foreign.py" line="48"/>
        <source>Import another ledger</source>
        <translation>导入其他台账</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="55"/>
        <source>Check which column of the file holds each of our fields (guessed from the header). Fields marked * are required. Preview first; nothing is created until you press Import.</source>
        <translation>请核对文件中哪一列对应我们的各个字段（已根据表头自动猜测）。带 * 的字段必须指定。可先点“预览”；点“导入”之前不会创建任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="64"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="67"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="70"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="96"/>
        <location filename="../../ui/imports/foreign.py" line="193"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="101"/>
        <source>Sheet “{sheet}”, header in row {row}: {headers}</source>
        <translation>工作表“{sheet}”，第 {row} 行是表头：{headers}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="109"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="112"/>
        <source>Column {letter}: {header}</source>
        <translation>{letter} 列：{header}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="151"/>
        <source> New communities: {names}.</source>
        <translation>新居民区：{names}。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="158"/>
        <source> Skipped {n} rows whose task the ledger already has (or that repeat an earlier row): rows {rows}.</source>
        <translation>跳过 {n} 行（台账中已有这项任务，或与表中前面的行相同）：第 {rows} 行。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="169"/>
        <source>Preview: {tasks} tasks, {problems} new problems, {categories} new categories, {communities} new communities. Nothing has been created yet.</source>
        <translation>预览：{tasks} 项任务，{problems} 个新问题，新类别 {categories} 个，新居民区 {communities} 个。目前尚未创建任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="183"/>
        <source>Imported: {tasks} tasks, {problems} new problems, {categories} new categories, {communities} new communities.</source>
        <translation>已导入：{tasks} 项任务，{problems} 个新问题，新类别 {categories} 个，新居民区 {communities} 个。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/foreign.py" line="187"/>
        <source> Backup before the import: {path}</source>
        <translation>导入前的备份：{path}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../ui/window/help.py" line="47"/>
        <source>1. Issue</source>
        <translation>1. 下发</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="48"/>
        <source>The work team makes a package per community: File → Issue community packages…. Copy each file to its secretary (USB stick, e-mail).</source>
        <translation>工作专班为每个居民区生成下发包：文件 → 下发社区包…。把文件交给各居民区书记（U 盘、电子邮件）。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="54"/>
        <source>2. Fill in</source>
        <translation>2. 填报</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="55"/>
        <source>The secretary opens the package on their own PC (File → Open ledger…) and writes the progress, the indicators and the evidence of each task; a task that is done gets 申请销号.</source>
        <translation>居民区书记在自己的电脑上打开下发包（文件 → 打开台账…），逐项填写整改进展、量化指标和佐证材料；已完成的任务点“申请销号”。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="61"/>
        <source>3. Return</source>
        <translation>3. 上报</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="62"/>
        <source>The secretary presses “Return…” above the table and gives the return file to the work team.</source>
        <translation>居民区书记点表格上方的“上报…”，把生成的上报文件交回工作专班。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="67"/>
        <source>4. Merge</source>
        <translation>4. 合并</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="68"/>
        <source>The work team imports it: File → Import a community&apos;s return…. A backup is made first; conflicts are shown to decide one by one.</source>
        <translation>工作专班导入上报文件：文件 → 导入居民区上报…。导入前自动备份；有冲突的逐条决定。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="74"/>
        <source>5. Review</source>
        <translation>5. 审核</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="75"/>
        <source>Reviewers find the requests under the “Awaiting my review” tab and approve or return each with an opinion.</source>
        <translation>审核人在“待我审核”页看到销号申请，逐项填写意见后审核通过或退回。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="81"/>
        <source>6. Reconcile</source>
        <translation>6. 对账</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="82"/>
        <source>Each week the “Reconciliation” tab compares the week&apos;s changes with the counts; tick the lines, then close the week.</source>
        <translation>每周在“对账”页核对本周的变化与各项数字，逐行勾选后结账。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="88"/>
        <source>7. Weekly report</source>
        <translation>7. 周报</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="89"/>
        <source>From the closed week the report is drafted (.docx or .xlsx); the wall chart and the ledger can be printed or exported from the File menu.</source>
        <translation>按已结账的一周生成周报草稿（.docx 或 .xlsx）；挂图和台账可在“文件”菜单中打印或导出。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="114"/>
        <source>This ledger</source>
        <translation>本台账文件</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="115"/>
        <source>Automatic backups of this ledger</source>
        <translation>本台账的自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="116"/>
        <source>The program&apos;s log</source>
        <translation>程序日志</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="117"/>
        <source>The program&apos;s settings</source>
        <translation>程序设置</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="127"/>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="133"/>
        <source>The ledger holds the rectification tasks of a round of inspection: each problem, its measures per community, who is responsible, the deadline and the progress. A round goes like this:</source>
        <translation>台账记录一轮巡察整改的全部任务：每个反馈问题、各居民区的整改措施、责任人、整改时限和整改进展。一轮整改按以下步骤进行：</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="139"/>
        <source>Tips: choose a task in the table to see and edit it on the right; right-click the table&apos;s header to show, hide or reorder columns; every change is recorded and can be undone (Ctrl+Z).</source>
        <translation>提示：在表格中选中一项任务，右侧即可查看和编辑；右键点击表头可显示、隐藏列，拖动表头可调整列的顺序；每次修改都有记录，可以撤销（Ctrl+Z）。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="144"/>
        <source>How a round works</source>
        <translation>整改流程</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="149"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="150"/>
        <source>Where your data is</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="173"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="179"/>
        <source>A copy of the ledger is kept in the backups folder each time it closes changed (the newest 10). To move to another PC, copy the ledger file; the backups stay with this PC.</source>
        <translation>台账每次有修改并关闭时，会在备份文件夹里保存一份副本（保留最近 10 份）。换电脑时复制台账文件即可；备份留在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="195"/>
        <source>&lt;h3&gt;Rectification Ledger {version}&lt;/h3&gt;&lt;p&gt;The ledger of an inspection&apos;s rectification tasks: progress, evidence, reviews and sign-off, the wall chart and the weekly report. It works offline; the data stay in the ledger file on this PC.&lt;/p&gt;&lt;p&gt;Python {python} · Qt for Python {qt}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;巡察整改台账 {version}&lt;/h3&gt;&lt;p&gt;管理巡察整改任务的台账：整改进展、佐证材料、审核销号、挂图督战和周报。无需联网，数据保存在本机的台账文件中。&lt;/p&gt;&lt;p&gt;Python {python} · Qt for Python {qt}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/window/help.py" line="209"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>IndicatorTable</name>
    <message>
        <location filename="../../ui/task/indicators.py" line="36"/>
        <source>Indicator</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="36"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="36"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="36"/>
        <source>Actual</source>
        <translation>完成值</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="44"/>
        <location filename="../../ui/task/indicators.py" line="92"/>
        <source>Add indicator</source>
        <translation>添加量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="46"/>
        <source>Remove indicator</source>
        <translation>删除量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="85"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="92"/>
        <source>Indicator name, e.g. 培训次数</source>
        <translation>指标名称，例如：培训次数</translation>
    </message>
    <message>
        <location filename="../../ui/task/indicators.py" line="109"/>
        <source>Remove the indicator “{name}”?</source>
        <translation>删除量化指标“{name}”？</translation>
    </message>
</context>
<context>
    <name>IssuePackagesDialog</name>
    <message>
        <location filename="../../ui/packages/issue.py" line="83"/>
        <location filename="../../ui/packages/issue.py" line="208"/>
        <source>Issue community packages</source>
        <translation>下发社区包</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="86"/>
        <source>A package is a copy of one community&apos;s tasks for its secretary to update offline. Give it to the secretary (USB stick, e-mail); they open it in this program and send back the return file (上报).</source>
        <translation>下发包是一个居民区任务的副本，供居民区书记离线更新。请把它交给书记（U 盘、邮件等）；书记用本程序打开，更新后点“上报”，把生成的上报文件交回工作专班导入。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="94"/>
        <source>All communities (one package each)</source>
        <translation>全部居民区（每个居民区一个包）</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="96"/>
        <source>{name} ({tasks} tasks)</source>
        <translation>{name}（{tasks} 项任务）</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="101"/>
        <location filename="../../ui/packages/issue.py" line="112"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="110"/>
        <source>Optional: the program&apos;s installer, copied beside the packages</source>
        <translation>可选：本程序的安装包，复制到社区包旁边</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="119"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="120"/>
        <source>Folder</source>
        <translation>保存到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="121"/>
        <source>Installer</source>
        <translation>安装程序</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="127"/>
        <source>Issue</source>
        <translation>下发</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="131"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="135"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="170"/>
        <source>The installer “{name}” is beside the packages.</source>
        <translation>安装程序“{name}”已复制到社区包所在的文件夹，可与社区包一起拷给书记。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="176"/>
        <source>Choose a folder first.</source>
        <translation>请先选择保存下发包的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="186"/>
        <source>No community has tasks to issue.</source>
        <translation>没有居民区有可下发的整改任务。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="192"/>
        <source>Issuing the package of {name}… ({done} of {total})</source>
        <translation>正在下发“{name}”的包…（第 {done} 个，共 {total} 个）</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="209"/>
        <source>Issuing packages…</source>
        <translation>正在下发社区包…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="224"/>
        <source>Issuing was cancelled after {count} packages; those listed were written and recorded.</source>
        <translation>已取消下发；取消前已写入并登记 {count} 个包，列在下面。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="227"/>
        <source>{count} packages were issued to “{folder}”:</source>
        <translation>已下发 {count} 个社区包到“{folder}”：</translation>
    </message>
</context>
<context>
    <name>KanbanView</name>
    <message>
        <location filename="../../ui/board/kanban.py" line="363"/>
        <source>Drag a card to another column to start, submit, review or return it; the workflow decides whether the move is allowed.</source>
        <translation>把卡片拖到另一栏即可开始推进、申请销号、审核或退回；能否移动由销号流程决定。</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="404"/>
        <source>Reading the cards…</source>
        <translation>正在读取卡片…</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="73"/>
        <source>Cannot move the card</source>
        <translation>不能移动这张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="114"/>
        <location filename="../../ui/board/kanban.py" line="216"/>
        <source>No deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="117"/>
        <source>(no owner)</source>
        <translation>（未填责任人）</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="211"/>
        <source>no owner</source>
        <translation>未填责任人</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="220"/>
        <source>{n}d late</source>
        <translation>逾期{n}天</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="222"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="222"/>
        <source>{n}d left</source>
        <translation>剩{n}天</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="326"/>
        <source>%1 more not shown; narrow them with the filters</source>
        <translation>还有 %1 张未显示，可用左侧筛选缩小范围</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="438"/>
        <source>move it to “{column}”</source>
        <translation>移到“{column}”</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="440"/>
        <source>No step goes straight to this column.</source>
        <translation>没有哪一步操作能直接到达这一栏。</translation>
    </message>
    <message>
        <location filename="../../ui/board/kanban.py" line="462"/>
        <source>After this step the task goes to “%1”.</source>
        <translation>这一步完成后，任务将进入“%1”。</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="49"/>
        <source>Ticked</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="50"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="51"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="52"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="53"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="54"/>
        <source>Change (field: before → after)</source>
        <translation>变化（字段：前 → 后）</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="55"/>
        <source>Effect</source>
        <translation>影响</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="88"/>
        <location filename="../../ui/reconcile/lines.py" line="89"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="104"/>
        <source>Sign-off request</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="119"/>
        <location filename="../../ui/reconcile/lines.py" line="126"/>
        <source>{first} and {n} more</source>
        <translation>{first} 等 {n} 项</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/lines.py" line="131"/>
        <source>no count changes</source>
        <translation>不影响计数</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/layout.py" line="115"/>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../ui/window/layout.py" line="196"/>
        <source>The ledger has no tasks yet. Start on the “Ledger” tab: import the rectification plan.</source>
        <translation>台账中还没有整改任务。请先在“台账”页导入整改方案。</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="122"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="128"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="131"/>
        <source>Wall chart</source>
        <translation>挂图督战</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="132"/>
        <source>Kanban</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="133"/>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="134"/>
        <source>Awaiting my review</source>
        <translation>待我审核</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="137"/>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="137"/>
        <source>Packages</source>
        <translation>社区包</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="155"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="160"/>
        <source>Task</source>
        <translation>整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="182"/>
        <source>Generated test data: the tasks and people are made up</source>
        <translation>生成的测试数据：任务和人名均为虚构</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="184"/>
        <source>Example ledger: the people in it are invented</source>
        <translation>示例台账：其中人员均为虚构</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="236"/>
        <source>No task selected</source>
        <translation>未选择整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="241"/>
        <source>Choose a task in the ledger to see and edit it here.</source>
        <translation>在台账中选择一项整改任务，即可在此查看和编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="259"/>
        <source>Saved: {measure}</source>
        <translation>已保存：{measure}</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="532"/>
        <source>Delete the task “{measure}” of {community}? It stays in the journal and can be undone.</source>
        <translation>删除{community}的整改任务“{measure}”？删除后仍保留在操作记录中，可以撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="599"/>
        <source>{org} Rectification Ledger — {name} ({role})</source>
        <translation>{org}巡察整改台账 — {name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="607"/>
        <source>{total} tasks · {shown} shown · {overdue} overdue · {closed} signed off</source>
        <translation>共 {total} 项 · 显示 {shown} 项 · 逾期 {overdue} 项 · 已销号 {closed} 项</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="644"/>
        <source>The task has unsaved changes. Save them before closing?</source>
        <translation>当前整改任务有未保存的修改，关闭前是否保存？</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="45"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="49"/>
        <source>New blank ledger…</source>
        <translation>新建空白台账…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="58"/>
        <source>Open ledger…</source>
        <translation>打开台账…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="66"/>
        <source>Open the example ledger</source>
        <translation>打开示例台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="69"/>
        <source>Recent ledgers</source>
        <translation>最近打开的台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="76"/>
        <source>Import rectification plan…</source>
        <translation>导入整改方案…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="80"/>
        <source>Read a plan, feedback or notice (.txt, .docx) into the ledger</source>
        <translation>把整改方案、反馈意见或通报（.txt、.docx）读入台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="86"/>
        <source>Export ledger to Excel…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="90"/>
        <source>An .xlsx ledger that superiors can print as it is</source>
        <translation>导出为 Excel（.xlsx）台账，上报时可直接打印</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="96"/>
        <source>Draft the progress notice…</source>
        <translation>生成通报（草稿）…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="99"/>
        <source>A .docx draft of the 通报 to finish in Word</source>
        <translation>生成 .docx 通报草稿，在 Word 中完善后定稿</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="105"/>
        <source>Export evidence as a zip…</source>
        <translation>导出佐证材料（zip）…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="108"/>
        <source>The evidence of the ledger (or the selected community), arranged community / problem / task</source>
        <translation>整本台账（或所选居民区）的佐证材料，按居民区／问题／任务分文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="116"/>
        <source>Print the wall chart…</source>
        <translation>打印挂图…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="120"/>
        <source>Export the wall chart to PDF or PNG…</source>
        <translation>导出挂图（PDF/PNG）…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="127"/>
        <source>Issue community packages…</source>
        <translation>下发社区包…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="130"/>
        <source>A file per community for its secretary to work on offline</source>
        <translation>为每个居民区生成一个文件，供书记离线填报</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="136"/>
        <source>Import a community&apos;s return…</source>
        <translation>导入上报…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="140"/>
        <source>Preview, decide conflicts, then merge after a backup</source>
        <translation>先预览、决定冲突，备份后再合并</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="143"/>
        <source>Open conflicts…</source>
        <translation>处理未决冲突…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="147"/>
        <source>Export a community&apos;s fill-in form…</source>
        <translation>导出填报表…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="150"/>
        <source>An .xlsx where only progress, actuals and 申请销号 can be filled in</source>
        <translation>只可填写整改进展、指标完成值和申请销号的 Excel 表</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="156"/>
        <source>Import Excel…</source>
        <translation>导入 Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="159"/>
        <source>A filled-in form, or a ledger made with another tool</source>
        <translation>填好的填报表，或用其他工具做的台账</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="166"/>
        <source>Open the folder of automatic backups</source>
        <translation>打开自动备份文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="169"/>
        <source>A copy of this ledger is kept there each time it closes changed (the newest 10)</source>
        <translation>每次关闭台账时，如有修改，就在这里留一份副本（保留最近 10 份）</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="175"/>
        <source>Export the change record…</source>
        <translation>导出修改记录（Excel）…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="178"/>
        <source>Every change, who made it and when, as an .xlsx for the discipline committee</source>
        <translation>每一处修改、谁改的、什么时候改的，导出为 .xlsx，供纪工委审计</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="184"/>
        <source>Check the ledger&apos;s integrity…</source>
        <translation>核对台账完整性…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="187"/>
        <source>Replay the journal against every table, and check the journal anchors printed on a 周报 or 销号审批表</source>
        <translation>用日志重放核对每一张表，并核对周报或销号审批表上印的日志校验码</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="194"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="195"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="196"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="197"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="201"/>
        <source>New task…</source>
        <translation>新建整改任务…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="203"/>
        <source>Delete task…</source>
        <translation>删除整改任务…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="206"/>
        <source>Communities and problems…</source>
        <translation>居民区与反馈问题…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="210"/>
        <source>Look-back re-check…</source>
        <translation>回头看抽查…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="213"/>
        <source>Draw signed-off tasks to re-check, with a recorded seed</source>
        <translation>按记录的随机种子抽取已销号任务进行复查</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="216"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="231"/>
        <source>Task panel</source>
        <translation>任务面板</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="241"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="243"/>
        <source>Show overdue</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="244"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="245"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="246"/>
        <source>Who am I…</source>
        <translation>我是谁…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="247"/>
        <source>People register…</source>
        <translation>人员名册…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="249"/>
        <source>Wall chart colours and warnings…</source>
        <translation>挂图配色与预警…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="272"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="277"/>
        <source>User guide…</source>
        <translation>使用说明…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="284"/>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <location filename="../../ui/window/menus.py" line="310"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/packages/merge.py" line="61"/>
        <source>Import a return</source>
        <translation>导入上报</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="64"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="67"/>
        <source>Keep all ours</source>
        <translation>全部保留我方</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="68"/>
        <source>Take all theirs</source>
        <translation>全部采用对方</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="86"/>
        <source>“{file}” holds nothing new: everything in it was merged before ({count} entries). Nothing to do.</source>
        <translation>“{file}”中没有新的内容：其中 {count} 条修改此前都已合并，无需再次导入。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="92"/>
        <source>“{file}” from {community}: {entries} new changes. Nothing has been changed yet: check the three lists, decide the conflicts, then press Apply.</source>
        <translation>“{file}”（居民区“{community}”）：{entries} 条新的修改。目前台账尚未改动：请查看下面三个列表，逐项决定冲突，再点“应用”。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="96"/>
        <source> {count} entries of this file were merged before and are skipped.</source>
        <translation>此文件中已有 {count} 条此前合并过，不再重复。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="128"/>
        <source>Merged “{file}”: {applied} changes applied, {decided} conflicts decided, {refused} refused.</source>
        <translation>已合并“{file}”：应用 {applied} 项修改，裁决 {decided} 项冲突，拒绝 {refused} 项。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="137"/>
        <source> {count} conflicts are still open: decide them later with File → Decide open conflicts….</source>
        <translation>还有 {count} 项冲突未决定，已留待处理：稍后可在“文件 → 处理未决冲突…”中决定。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="140"/>
        <source> Backup before the merge: {path}</source>
        <translation>合并前的备份：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="249"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="321"/>
        <source>Reading “{file}”…</source>
        <translation>正在读取“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="331"/>
        <source>Nothing was imported; the ledger was not changed.</source>
        <translation>没有导入任何内容，台账未作改动。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="355"/>
        <source>To apply ({count})</source>
        <translation>将应用（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="356"/>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="357"/>
        <source>Refused ({count})</source>
        <translation>拒绝（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="382"/>
        <source>The new value in row {row} is not a number.</source>
        <translation>第 {row} 行填写的新值不是数字。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="384"/>
        <source>A new value is empty in row {row}. Write the value, or choose another decision.</source>
        <translation>第 {row} 行选择了“填写新值”但没有填写。请填写新值，或改选其他处理方式。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="395"/>
        <source>Importing “{file}”…</source>
        <translation>正在导入“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="419"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <location filename="../../ui/window/dialogs.py" line="155"/>
        <source>New task</source>
        <translation>新建整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="174"/>
        <source>Problem</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="175"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="176"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="177"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="178"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="179"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="190"/>
        <source>Add at least one community and one problem first (Edit → Communities and problems).</source>
        <translation>请先添加至少一个居民区和一个反馈问题（编辑 → 居民区与反馈问题）。</translation>
    </message>
</context>
<context>
    <name>NoticeExport</name>
    <message>
        <location filename="../../ui/exports/notice.py" line="25"/>
        <source>{org} rectification progress notice (draft).docx</source>
        <translation>{org}巡察整改进展情况通报（草稿）.docx</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="32"/>
        <source>Save the progress notice draft</source>
        <translation>保存巡察整改进展情况通报（草稿）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="32"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="47"/>
        <location filename="../../ui/exports/notice.py" line="63"/>
        <source>Progress notice</source>
        <translation>生成通报</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="48"/>
        <source>Writing the notice draft…</source>
        <translation>正在生成通报草稿……</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="54"/>
        <source>Cannot write the notice</source>
        <translation>无法生成通报</translation>
    </message>
    <message>
        <location filename="../../ui/exports/notice.py" line="59"/>
        <source>The notice draft was saved to “{path}”. Open it in Word or WPS and fill in the places marked 【待补充】.</source>
        <translation>通报草稿已保存到“{path}”。请在 Word 或 WPS 中打开，补充标有“【待补充】”的地方后定稿。</translation>
    </message>
</context>
<context>
    <name>OpenConflictsDialog</name>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="26"/>
        <source>Decide open conflicts</source>
        <translation>处理未决冲突</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="35"/>
        <source>Keep all ours</source>
        <translation>全部保留我方</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="37"/>
        <source>Take all theirs</source>
        <translation>全部采用对方</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="39"/>
        <source>Apply the decisions</source>
        <translation>执行所选处理</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="42"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="70"/>
        <source>{count} conflicts are open. Choose a decision for each you can settle now; the others stay open.</source>
        <translation>共有 {count} 项未决冲突。请为现在能决定的逐项选择处理方式，其余的继续保留待处理。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="74"/>
        <source>No conflict is open.</source>
        <translation>没有未决冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="91"/>
        <source>A new value is empty in row {row}. Write the value, or choose another decision.</source>
        <translation>第 {row} 行选择了“填写新值”但没有填写。请填写新值，或改选其他处理方式。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="103"/>
        <source>Row {row}: {error}</source>
        <translation>第 {row} 行：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/conflicts.py" line="109"/>
        <source>{done} conflicts decided.</source>
        <translation>已决定 {done} 项冲突。</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <location filename="../../ui/window/dialogs.py" line="110"/>
        <source>Who are you?</source>
        <translation>请填写使用人</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="118"/>
        <source>Every change you make is recorded under this name, for the audit.</source>
        <translation>您的每一处修改都将以此姓名记录在案，以备核查。</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="121"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/window/dialogs.py" line="122"/>
        <source>Role</source>
        <translation>身份</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <location filename="../../ui/board/overview.py" line="311"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="312"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="313"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="314"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="315"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../ui/board/overview.py" line="400"/>
        <source>signed off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="409"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="451"/>
        <source>Signed off per week</source>
        <translation>每周销号数</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="452"/>
        <source>Tasks not yet signed off</source>
        <translation>未销号任务数（每周末）</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="453"/>
        <source>Newly overdue per week</source>
        <translation>每周新增逾期</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="456"/>
        <source>Communities, lowest completion first</source>
        <translation>各居民区完成情况（完成率从低到高）</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="463"/>
        <source>Overdue tasks and their owners</source>
        <translation>逾期任务及责任人</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="511"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="539"/>
        <source>%1 of %2 tasks signed off</source>
        <translation>共 %2 项任务，已销号 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="545"/>
        <source>%1 more overdue tasks; filter by community to see them</source>
        <translation>另有 %1 项逾期任务未列出，可按居民区筛选查看</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="224"/>
        <source>{name}: {tasks} tasks, {closed} signed off ({pct}%), {overdue} overdue</source>
        <translation>{name}：共{tasks}项，已销号{closed}项（{pct}%），逾期{overdue}项</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="256"/>
        <location filename="../../ui/board/overview.py" line="285"/>
        <location filename="../../ui/board/overview.py" line="287"/>
        <source>{n} overdue</source>
        <translation>逾期{n}</translation>
    </message>
</context>
<context>
    <name>PackageStatusView</name>
    <message>
        <location filename="../../ui/packages/status.py" line="44"/>
        <source>Per community: the last package issued, the last return merged and the conflicts still open.</source>
        <translation>各居民区最近一次下发的社区包、最近一次合并的上报，以及尚未决定的冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="51"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="52"/>
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="53"/>
        <source>Last issued</source>
        <translation>最近下发</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="54"/>
        <source>Last merged</source>
        <translation>最近合并</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="55"/>
        <source>Merge result (applied/conflicts/refused)</source>
        <translation>合并结果（应用/冲突/拒绝）</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="56"/>
        <source>Open conflicts</source>
        <translation>未决冲突</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="69"/>
        <source>Issue packages…</source>
        <translation>下发社区包…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="72"/>
        <source>Import a return…</source>
        <translation>导入上报…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="75"/>
        <source>Decide open conflicts…</source>
        <translation>处理未决冲突…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="78"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/packages/status.py" line="112"/>
        <source>{applied} / {conflicts} / {refused}</source>
        <translation>{applied} / {conflicts} / {refused}</translation>
    </message>
</context>
<context>
    <name>Packages</name>
    <message>
        <location filename="../../ui/packages/issue.py" line="42"/>
        <source>Choose the folder for the packages</source>
        <translation>选择保存下发包的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="48"/>
        <source>Choose the program&apos;s installer</source>
        <translation>选择本程序的安装包</translation>
    </message>
    <message>
        <location filename="../../ui/packages/issue.py" line="48"/>
        <source>Installers (*.deb *.exe);;All files (*)</source>
        <translation>安装包 (*.deb *.exe);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="33"/>
        <source>Choose the return file</source>
        <translation>选择上报文件</translation>
    </message>
    <message>
        <location filename="../../ui/packages/merge.py" line="33"/>
        <source>Package files (*.db);;All files (*)</source>
        <translation>社区包文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="26"/>
        <source>Indicator</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="27"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="28"/>
        <source>Request for a later deadline</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="29"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="98"/>
        <source>Deadline moved to {new} (was {old})</source>
        <translation>延期至 {new}（原 {old}）</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="130"/>
        <location filename="../../ui/packages/rows.py" line="154"/>
        <source>Ours: {who} {at}</source>
        <translation>我方：{who} {at}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="132"/>
        <location filename="../../ui/packages/rows.py" line="156"/>
        <source>Theirs: {who} {at}</source>
        <translation>对方：{who} {at}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/window/people.py" line="45"/>
        <source>Signing password</source>
        <translation>签字密码</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="52"/>
        <source>Password</source>
        <translation>签字密码</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="58"/>
        <source>Once more</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="63"/>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="76"/>
        <source>“{act}” is signed by {actor}: type your signing password to confirm it.</source>
        <translation>“{act}”由{actor}签字：请输入您的签字密码确认。</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../ui/window/people.py" line="94"/>
        <source>Who are you?</source>
        <translation>请填写使用人</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="95"/>
        <source>Choose yourself from the people register:</source>
        <translation>请从人员名册中选择您本人：</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="111"/>
        <source>People register</source>
        <translation>人员名册</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="115"/>
        <source>Once the register has people, everyone who changes the ledger is chosen from it, and each may only do what their role allows. Kept by the work team.</source>
        <translation>名册中有人员后，修改台账的人都须从名册中选择，且只能做其身份允许的事。名册由工作专班维护。</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="123"/>
        <location filename="../../ui/window/people.py" line="145"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="123"/>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="123"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="123"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="123"/>
        <source>Password</source>
        <translation>签字密码</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="141"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="147"/>
        <source>Retire / bring back</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="150"/>
        <source>Set my signing password…</source>
        <translation>设置我的签字密码…</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="153"/>
        <source>Clear a forgotten password</source>
        <translation>清除忘记的密码</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="183"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="183"/>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="184"/>
        <source>Set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="222"/>
        <source>Type your current signing password.</source>
        <translation>请输入您现在的签字密码。</translation>
    </message>
    <message>
        <location filename="../../ui/window/people.py" line="226"/>
        <source>Choose a signing password (at least 6 characters).</source>
        <translation>请设置签字密码（至少 6 个字符）。</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <location filename="../../ui/imports/plan.py" line="64"/>
        <source>Import a rectification plan</source>
        <translation>导入整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="68"/>
        <source>No file opened yet.</source>
        <translation>尚未打开文件。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="71"/>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="90"/>
        <source>Categories → problems → measures. Double-click a title to rename it, drag an item to move it; nothing is written before Import.</source>
        <translation>类别 → 问题 → 措施。双击标题可改名，拖动可移到别处；点“导入”之前不会写入台账。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="99"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="99"/>
        <source>Falls to</source>
        <translation>落实到</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="99"/>
        <source>Lines</source>
        <translation>原文行</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="101"/>
        <source>The lines of the document (rows of a table) it came from</source>
        <translation>来自原文的第几行（表格为第几行）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="121"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="122"/>
        <source>Rename the selected title (or double-click it)</source>
        <translation>修改所选标题（也可以双击标题）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="127"/>
        <source>Merge into the item above</source>
        <translation>并入上一项</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="128"/>
        <source>Merge the selected item into the one above it at the same level</source>
        <translation>把所选项并入同一级的上一项</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="133"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="134"/>
        <source>Split the selected measure at the cursor in its text, or else at every “；”</source>
        <translation>在措施内容中光标处拆分所选措施；光标不在文字中间时按“；”拆分</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="139"/>
        <source>Drop</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="140"/>
        <source>Leave the selected items out of the import</source>
        <translation>导入时不包括所选项</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="145"/>
        <source>Up a level</source>
        <translation>升一级</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="147"/>
        <source>Make the selected measure a problem, or problem a category; what follows it at its level comes along under it</source>
        <translation>把选中的措施升为问题、问题升为类别；同一级中排在它后面的内容随之归到它下面</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="154"/>
        <source>Down a level</source>
        <translation>降一级</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="156"/>
        <source>Put the selected category or problem under the one above it, one level down, with what is under it</source>
        <translation>把选中的类别或问题连同其下内容降一级，归到上面那一项之下</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="161"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="161"/>
        <source>Move up (or drag it)</source>
        <translation>上移（也可拖动）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="162"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="180"/>
        <source>Measure text (place the cursor here and press Split to cut it in two)</source>
        <translation>措施内容（把光标放在要断开的位置，再点“拆分”）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="187"/>
        <source>Select a measure to see its text and choose its communities.</source>
        <translation>选择一条措施，查看内容并选择落实到的居民区。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="189"/>
        <source>Communities this measure falls to</source>
        <translation>这条措施落实到的居民区</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="194"/>
        <location filename="../../ui/imports/plan.py" line="312"/>
        <source>All communities</source>
        <translation>全部居民区</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="195"/>
        <source>Give every selected measure to every community</source>
        <translation>所选措施全部落实到所有居民区</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="197"/>
        <source>Those named in the text</source>
        <translation>文中点名的居民区</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="199"/>
        <source>Give each selected measure to the communities its text names (all when it names none)</source>
        <translation>所选措施落实到文中点名的居民区（没有点名的落实到全部居民区）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="235"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="238"/>
        <source>Import the tree into the ledger as one step (a backup is taken first)</source>
        <translation>把预览中的内容作为一步导入台账（导入前自动备份）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="241"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="283"/>
        <source>Open a rectification plan</source>
        <translation>打开整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="285"/>
        <source>Plans, feedback and notices (*.docx *.pdf *.xlsx *.txt);;All files (*)</source>
        <translation>整改方案、反馈意见和通报 (*.docx *.pdf *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="324"/>
        <source>{name} (named in the text, not in the ledger: tick to create)</source>
        <translation>{name}（文中提到，台账中尚无，勾选后新建）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="410"/>
        <source>Leader: {0}</source>
        <translation>责任领导：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="411"/>
        <source>Department: {0}</source>
        <translation>责任部门：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="412"/>
        <source>Responsible: {0}</source>
        <translation>责任人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="413"/>
        <source>Deadline: {0}</source>
        <translation>完成时限：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="476"/>
        <source>All ({n})</source>
        <translation>全部（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="481"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan.py" line="514"/>
        <source>Nothing to import: the tree is empty.</source>
        <translation>没有可导入的内容：预览是空的。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_levels.py" line="129"/>
        <source>A category is already at the top level.</source>
        <translation>类别已是最高一级，不能再升。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_levels.py" line="155"/>
        <source>A measure is already at the lowest level.</source>
        <translation>措施已是最低一级，不能再降。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_levels.py" line="160"/>
        <source>There is nothing above at the same level to put it under.</source>
        <translation>上面没有同一级的项目，无法降级。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_tree.py" line="166"/>
        <source>The ledger has no communities yet: tick the communities named in the text, or add communities first.</source>
        <translation>台账中还没有居民区：请勾选文中提到的居民区，或先添加居民区。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_tree.py" line="282"/>
        <source>There is no item above at the same level to merge with.</source>
        <translation>同一级没有上一项可以合并。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_tree.py" line="323"/>
        <source>Only a measure can be split: select a measure.</source>
        <translation>只能拆分整改措施：请先选择一条措施。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_tree.py" line="330"/>
        <source>Nothing to split: put the cursor inside the text, or use “；” between the parts.</source>
        <translation>没有可拆分的地方：请把光标放在措施内容中间，或用“；”分隔各部分。</translation>
    </message>
    <message>
        <location filename="../../ui/imports/plan_tree.py" line="357"/>
        <source>Select what to drop first.</source>
        <translation>请先选择要删除的项。</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/common/preview.py" line="249"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="321"/>
        <source>Reading “{file}”…</source>
        <translation>正在读取“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="331"/>
        <source>Nothing was imported; the ledger was not changed.</source>
        <translation>没有导入任何内容，台账未作改动。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="355"/>
        <source>To apply ({count})</source>
        <translation>将应用（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="356"/>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="357"/>
        <source>Refused ({count})</source>
        <translation>拒绝（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="382"/>
        <source>The new value in row {row} is not a number.</source>
        <translation>第 {row} 行填写的新值不是数字。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="385"/>
        <source>A new value is empty in row {row}. Write the value, or choose another decision.</source>
        <translation>第 {row} 行选择了“填写新值”但没有填写。请填写新值，或改选其他处理方式。</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="395"/>
        <source>Importing “{file}”…</source>
        <translation>正在导入“{file}”……</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="419"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="49"/>
        <source>回头看 — look-back sampling</source>
        <translation>回头看 — 抽查已销号任务</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="54"/>
        <source>By percentage</source>
        <translation>按比例</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="55"/>
        <source>By number</source>
        <translation>按数量</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="60"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="65"/>
        <source> tasks</source>
        <translation> 项</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="75"/>
        <source>All together</source>
        <translation>全部一起抽</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="76"/>
        <source>Each community separately</source>
        <translation>每个居民区分别抽</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="101"/>
        <source>Leave empty for a new random seed</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="105"/>
        <source>e.g. 2025年第四季度回头看</source>
        <translation>例如：2025年第四季度回头看</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="106"/>
        <source>Draw the sample</source>
        <translation>抽取样本</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="110"/>
        <source>How many</source>
        <translation>抽查多少</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="111"/>
        <source>Drawn from</source>
        <translation>抽取方式</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="112"/>
        <source>Only the ticked communities (all by default)</source>
        <translation>只在勾选的居民区中抽（默认全部）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="115"/>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="117"/>
        <source>Untick all</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="126"/>
        <source>Communities</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="131"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="132"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="133"/>
        <source>Draw a new sample</source>
        <translation>抽取新样本</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="141"/>
        <source>Repeat the draw to verify</source>
        <translation>重新抽取验证</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="150"/>
        <source>Past draws (newest first)</source>
        <translation>历次抽查（最新的在最前）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="165"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="166"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="167"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="168"/>
        <source>What was found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="169"/>
        <source>Checked by</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="170"/>
        <source>Checked</source>
        <translation>核查时间</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="183"/>
        <source>Passed (合格)</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="186"/>
        <source>Relapse (反弹)…</source>
        <translation>反弹…</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="207"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="264"/>
        <source>{amount}%</source>
        <translation>{amount}%</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="264"/>
        <source>{amount} tasks</source>
        <translation>{amount} 项</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="267"/>
        <source>per community</source>
        <translation>每个居民区分别抽</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="267"/>
        <source>overall</source>
        <translation>全部一起抽</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="285"/>
        <source>{at} · {who} · {how}, {scope} · {n} of {total} · seed {seed}</source>
        <translation>{at} · {who} · {how}，{scope} · {total} 项中抽 {n} 项 · 种子 {seed}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="313"/>
        <source>Drawn {at} by {who}: {how}, {scope}, {n} of {total} signed-off tasks. Random seed &lt;b&gt;{seed}&lt;/b&gt;: anyone who repeats the draw with this seed gets the same sample.</source>
        <translation>{at} 由{who}抽取：{how}，{scope}，从 {total} 项已销号任务中抽出 {n} 项。随机种子 &lt;b&gt;{seed}&lt;/b&gt;：任何人用这个种子重新抽取，都会得到同样的样本。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="328"/>
        <source>(task deleted)</source>
        <translation>（任务已删除）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="329"/>
        <source>Pending</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="346"/>
        <source>Choose a draw in the list first.</source>
        <translation>请先在左边选中一次抽查。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="356"/>
        <source>The repeated draw gives the same {n} tasks as recorded: the draw was fair.</source>
        <translation>重新抽取的 {n} 项任务与记录完全一致：这次抽查是公正的。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="363"/>
        <source>The repeated draw does NOT match the recorded sample. Tell the work team; the ledger may have been changed outside the program.</source>
        <translation>重新抽取的结果与记录的样本不一致。请告知工作专班，台账可能在程序之外被改动过。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="402"/>
        <location filename="../../ui/signoff/recheck.py" line="420"/>
        <source>Choose a task in the sample first.</source>
        <translation>请先在样本中选中一项任务。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/recheck.py" line="410"/>
        <source>Record “合格” for “{measure}”? It cannot be changed afterwards.</source>
        <translation>将“{measure}”记录为“合格”？记录后不能更改。</translation>
    </message>
</context>
<context>
    <name>ReconcileView</name>
    <message>
        <location filename="../../ui/reconcile/view.py" line="186"/>
        <source>Week</source>
        <translation>周次</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="196"/>
        <source>Start reconciliation</source>
        <translation>开始对账</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="197"/>
        <source>Tick all</source>
        <translation>全部核对</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="198"/>
        <source>Close the period…</source>
        <translation>结账…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="199"/>
        <source>Weekly report…</source>
        <translation>生成周报…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="200"/>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="268"/>
        <location filename="../../ui/reconcile/view.py" line="276"/>
        <location filename="../../ui/reconcile/view.py" line="290"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="269"/>
        <source>Secretary</source>
        <translation>书记</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="270"/>
        <source>Returned this week</source>
        <translation>本周是否上报</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="271"/>
        <source>Last returned</source>
        <translation>最近上报</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="276"/>
        <location filename="../../ui/reconcile/view.py" line="281"/>
        <location filename="../../ui/reconcile/view.py" line="290"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="276"/>
        <location filename="../../ui/reconcile/view.py" line="290"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="276"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="282"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="283"/>
        <source>Old deadline</source>
        <translation>原时限</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="284"/>
        <source>New deadline</source>
        <translation>新时限</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="285"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="290"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="292"/>
        <source>Chase list</source>
        <translation>催报名单</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="293"/>
        <source>Waiting for sign-off review</source>
        <translation>待审销号</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="294"/>
        <source>Extensions to approve</source>
        <translation>待批延期</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="295"/>
        <source>New overdue this week</source>
        <translation>本周新增逾期</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="357"/>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="357"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="357"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="394"/>
        <source>{start} to {end} (week {week})</source>
        <translation>{start} 至 {end}（第 {week} 周）</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="398"/>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="407"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="408"/>
        <source>Closed</source>
        <translation>已结账</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="408"/>
        <source>Reconciling</source>
        <translation>对账中</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="430"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="480"/>
        <source>This period is closed ({by}, {at}) and cannot be changed any more.</source>
        <translation>本期已结账（{by}，{at}），不能再修改</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="484"/>
        <source>Note: {note}</source>
        <translation>结账说明：{note}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="489"/>
        <source>Reconciliation has not started for this week. Click “Start reconciliation”.</source>
        <translation>本周尚未开始对账。请点击“开始对账”。</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="501"/>
        <source>{n} lines, {u} not ticked</source>
        <translation>共 {n} 行，未核对 {u} 行</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="539"/>
        <source>Balanced</source>
        <translation>已平</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="542"/>
        <source>Not balanced</source>
        <translation>未平</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="548"/>
        <source>Also different: {text}</source>
        <translation>其他差额：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="578"/>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="591"/>
        <source>Starting the reconciliation…</source>
        <translation>正在开始对账…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="594"/>
        <source>Ticking every line…</source>
        <translation>正在逐行勾选…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="620"/>
        <source>Closing the period and keeping its figures…</source>
        <translation>正在结账，保存本期数据…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="637"/>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="638"/>
        <source>Writing the weekly report…</source>
        <translation>正在生成周报…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="646"/>
        <source>The weekly report was saved to {path}.</source>
        <translation>周报已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="653"/>
        <source>No other closed week to compare with.</source>
        <translation>没有其他已结账的周可供比较。</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="69"/>
        <source>Save the weekly report</source>
        <translation>保存周报</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="69"/>
        <source>Word document (*.docx);;Excel workbook (*.xlsx)</source>
        <translation>Word 文档 (*.docx);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="78"/>
        <source>Compare with</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="79"/>
        <source>Compare {week} with which closed week?</source>
        <translation>将 {week} 与哪一个已结账的周比较？</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="119"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="119"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/view.py" line="119"/>
        <source>Never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>RelapseDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="512"/>
        <source>Record a relapse (反弹)</source>
        <translation>记录反弹</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="514"/>
        <source>What was found (required)</source>
        <translation>发现的问题（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="517"/>
        <source>The task is reopened as 反弹重启 and must be signed off again.</source>
        <translation>任务将转为“反弹重启”，需重新整改、重新销号。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="521"/>
        <source>Record the relapse</source>
        <translation>记录反弹</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="492"/>
        <source>Reopen the task</source>
        <translation>重启整改</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="494"/>
        <source>Why it must be rectified again (required)</source>
        <translation>重启理由（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="495"/>
        <source>Reopen</source>
        <translation>重启整改</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="176"/>
        <source>Return — {level}</source>
        <translation>退回 — {level}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="176"/>
        <source>Approve — {level}</source>
        <translation>审核通过 — {level}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="181"/>
        <source>{level}: level {n} of {total}, signed by the {role}</source>
        <translation>{level}：第 {n} 级（共 {total} 级），由{role}签署</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="191"/>
        <source>This level checks: {items}</source>
        <translation>本级核查：{items}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="195"/>
        <source>This level confirms the earlier levels&apos; checks.</source>
        <translation>本级确认前级的核查结果。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="199"/>
        <source>(no statement)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="203"/>
        <source>Closing statement of the owner</source>
        <translation>整改情况说明</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="209"/>
        <source>Current progress</source>
        <translation>目前的整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="213"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="215"/>
        <source>{n} files: {names}</source>
        <translation>{n} 份：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="217"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="222"/>
        <source>Indicators</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="226"/>
        <source>e.g. 措施已落实，佐证材料齐全，同意销号。</source>
        <translation>例如：措施已落实，佐证材料齐全，同意销号。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="227"/>
        <source>Why the task may be signed off without it</source>
        <translation>写明可以例外销号的理由</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="231"/>
        <source>A grade of 一般 or 差 at the last level sends the task back for a second round of rectification; it is not signed off.</source>
        <translation>最后一级评定为“一般”或“差”时，任务将退回二次整改，不会销号。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="243"/>
        <source>The reason is shown on the task and on the wall chart, so the owner knows what to do.</source>
        <translation>退回理由会显示在任务上和挂图上，责任人据此继续整改。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="248"/>
        <source>Reason for returning (required)</source>
        <translation>退回理由（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="249"/>
        <source>Return to the owner</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="255"/>
        <source>This level checks it: complete what is missing first, or write the reason for an exception below.</source>
        <translation>本级负责核查：请先补齐缺少的内容，或在下方填写例外理由。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="274"/>
        <source>Acceptance grade (required)</source>
        <translation>验收评定（必选）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="275"/>
        <source>Opinion (required)</source>
        <translation>审核意见（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="279"/>
        <source>Exception reason (required to approve)</source>
        <translation>例外理由（审核通过时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="284"/>
        <source>A long-term task is signed off for this stage and stays 长期坚持.</source>
        <translation>长期坚持任务：通过后完成阶段性销号，继续长期坚持。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="286"/>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="304"/>
        <source>Please choose a grade: 好, 较好, 一般 or 差.</source>
        <translation>请选择验收评定：好、较好、一般或差。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="258"/>
        <source>Missing before sign-off:</source>
        <translation>销号前还缺少：</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../../ui/signoff/queue.py" line="61"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="62"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="63"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="64"/>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="65"/>
        <source>Waiting for</source>
        <translation>等待级别</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="66"/>
        <source>Days waiting</source>
        <translation>已等待天数</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="120"/>
        <source>{level} (level {n})</source>
        <translation>{level}（第 {n} 级）</translation>
    </message>
</context>
<context>
    <name>ReviewQueueView</name>
    <message>
        <location filename="../../ui/signoff/queue.py" line="170"/>
        <location filename="../../ui/signoff/queue.py" line="206"/>
        <source>Reading the tasks that wait for review…</source>
        <translation>正在读取等待审核的任务……</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="205"/>
        <source>Awaiting my review</source>
        <translation>待我审核</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="221"/>
        <source>{n} tasks wait for your review ({name}, {role}), the oldest first. Click one to open it on the right.</source>
        <translation>有 {n} 项任务等待您审核（{name}，{role}），最早申请的在最前。单击一项即在右侧打开。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="227"/>
        <source>Nothing waits for your review ({name}, {role}).</source>
        <translation>目前没有等待您审核的任务（{name}，{role}）。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/queue.py" line="235"/>
        <source>Only reviewers see tasks here: {roles}. You are signed in as {role}; change it under Settings → Who am I.</source>
        <translation>这里列出等待审核的任务，审核人身份为：{roles}。您当前的身份是{role}，可在“设置—我是谁”中切换。</translation>
    </message>
</context>
<context>
    <name>ReviewTrail</name>
    <message>
        <location filename="../../ui/task/trail.py" line="115"/>
        <source>No review yet. When the task is submitted for sign-off, each level&apos;s decision appears here.</source>
        <translation>尚无审核记录。申请销号后，各级审核的结论会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="124"/>
        <source>Round {n}</source>
        <translation>第 {n} 轮</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="151"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="152"/>
        <source>Approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="153"/>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="154"/>
        <source>Reopened</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="155"/>
        <source>Look-back check</source>
        <translation>回头看</translation>
    </message>
    <message>
        <location filename="../../ui/task/trail.py" line="137"/>
        <source>Exception reason: {reason}</source>
        <translation>例外理由：{reason}</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../ui/packages/rows.py" line="195"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="196"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="197"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="198"/>
        <source>Ours (ledger)</source>
        <translation>我方（台账）值</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="199"/>
        <source>Theirs (return)</source>
        <translation>对方（上报）值</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="200"/>
        <source>Authors and times</source>
        <translation>作者与时间</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="201"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="208"/>
        <source>Keep ours</source>
        <translation>保留我方</translation>
    </message>
    <message>
        <location filename="../../ui/packages/rows.py" line="208"/>
        <source>Take theirs</source>
        <translation>采用对方</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="91"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="151"/>
        <source>Undecided</source>
        <translation>暂不决定</translation>
    </message>
    <message>
        <location filename="../../ui/common/preview.py" line="155"/>
        <source>Write a new value</source>
        <translation>填写新值</translation>
    </message>
</context>
<context>
    <name>SecretaryDialog</name>
    <message>
        <location filename="../../ui/packages/secretary.py" line="62"/>
        <source>Open the community package</source>
        <translation>打开社区包</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="65"/>
        <source>This is the package of {community}, issued on {date}. On this computer you fill it in as the community&apos;s secretary: please confirm your name.</source>
        <translation>这是“{community}”的下发包（{date} 下发）。在这台电脑上，您将以该居民区书记的身份填报，请确认您的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="72"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="73"/>
        <source>Secretary of {community}</source>
        <translation>{community}居民区书记</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="75"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="76"/>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="77"/>
        <source>Every change you make is recorded under this name, for the audit.</source>
        <translation>您的每一处修改都将以此姓名记录在案，以备核查。</translation>
    </message>
    <message>
        <location filename="../../ui/packages/secretary.py" line="83"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>SignoffDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StructureDialog</name>
    <message>
        <location filename="../../ui/window/structure.py" line="32"/>
        <source>Communities and problems</source>
        <translation>居民区与反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="44"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="45"/>
        <location filename="../../ui/window/structure.py" line="59"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="46"/>
        <location filename="../../ui/window/structure.py" line="60"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="47"/>
        <location filename="../../ui/window/structure.py" line="61"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="48"/>
        <location filename="../../ui/window/structure.py" line="62"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="51"/>
        <source>Communities</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="57"/>
        <source>Add category…</source>
        <translation>添加问题类别…</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="58"/>
        <source>Add problem…</source>
        <translation>添加反馈问题…</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="65"/>
        <source>Categories and problems</source>
        <translation>问题类别与反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="131"/>
        <source>Add community</source>
        <translation>添加居民区</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="131"/>
        <location filename="../../ui/window/structure.py" line="139"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="139"/>
        <source>Rename community</source>
        <translation>重命名居民区</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="150"/>
        <source>Delete this community?</source>
        <translation>删除该居民区？</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="173"/>
        <source>Add category</source>
        <translation>添加问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="173"/>
        <source>Title, e.g. 关于……方面的整改</source>
        <translation>标题，例如：关于……方面的整改</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="180"/>
        <source>Choose the category the problem belongs to first.</source>
        <translation>请先选择该问题所属的问题类别。</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="182"/>
        <source>Add problem</source>
        <translation>添加反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="182"/>
        <source>Title, e.g. 针对……的问题</source>
        <translation>标题，例如：针对……的问题</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="190"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="190"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/window/structure.py" line="209"/>
        <source>Delete “{name}”?</source>
        <translation>删除“{name}”？</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="329"/>
        <source>Request sign-off</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="334"/>
        <source>Current progress</source>
        <translation>目前的整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="336"/>
        <source>What was done, with numbers and dates: e.g. 已开展培训 18 次，覆盖 560 人次。</source>
        <translation>写明做了什么、做了多少、何时完成，例如：已开展培训 18 次，覆盖 560 人次。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="340"/>
        <source>What was done (required)</source>
        <translation>整改情况说明（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="350"/>
        <source>The reviewers check this. Add evidence on the 佐证材料 tab first, or the reviewer will have to record an exception.</source>
        <translation>审核人会核查这些内容。请先在“佐证材料”页添加材料，否则审核人须填写例外理由。</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="359"/>
        <source>Submit the request</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="129"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/signoff/dialogs.py" line="346"/>
        <source>Missing before sign-off:</source>
        <translation>销号前还缺少：</translation>
    </message>
</context>
<context>
    <name>TableColumns</name>
    <message>
        <location filename="../../ui/table/columns.py" line="85"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/table/columns.py" line="173"/>
        <source>Default columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../ui/task/panel.py" line="66"/>
        <location filename="../../ui/task/panel.py" line="267"/>
        <source>No task selected</source>
        <translation>未选择整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="90"/>
        <source>No deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="103"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="105"/>
        <source>Save the fields above (Ctrl+S)</source>
        <translation>保存以上内容（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="107"/>
        <source>Revert</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="116"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="117"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="118"/>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="119"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="120"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="121"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="122"/>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="151"/>
        <source>Ask for a later deadline…</source>
        <translation>申请延期…</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="154"/>
        <source>Approve the extension…</source>
        <translation>同意延期…</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="157"/>
        <source>Refuse the extension…</source>
        <translation>不同意延期…</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="160"/>
        <source>Print the sign-off form…</source>
        <translation>打印销号审批表…</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="163"/>
        <source>The 销号审批表 of this task as an A4 PDF, for the reviewers to sign on paper</source>
        <translation>把本任务的销号审批表生成 A4 PDF，打印后交审核人签字</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="181"/>
        <source>Quantitative indicators</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="190"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="194"/>
        <location filename="../../ui/task/panel.py" line="387"/>
        <source>Evidence ({n})</source>
        <translation>佐证（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="201"/>
        <source>Review trail</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="202"/>
        <source>Deadline changes</source>
        <translation>整改时限变更</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="211"/>
        <source>Reviews</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="212"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="214"/>
        <source>The task&apos;s fields and quantitative indicators</source>
        <translation>本任务的各项内容和量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="215"/>
        <source>Evidence: the files proving the measure was done</source>
        <translation>佐证材料：证明措施已落实的文件</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="216"/>
        <source>Review trail and deadline changes</source>
        <translation>审核记录和整改时限变更</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="217"/>
        <source>Every change to this task: who, when, before and after</source>
        <translation>本任务的修改记录：谁、何时、改前、改后</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="268"/>
        <source>Choose a task in the ledger to see and edit it here.</source>
        <translation>在台账中选择一项整改任务，即可在此查看和编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="287"/>
        <source> · example data</source>
        <translation> · 示例数据</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="302"/>
        <source>Original: {date}</source>
        <translation>原定：{date}</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="325"/>
        <source>{n} days overdue</source>
        <translation>已逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="327"/>
        <source>{n} days left</source>
        <translation>剩余 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="338"/>
        <source>Waiting for {level} (level {n} of {total})</source>
        <translation>等待{level}（第 {n} 级，共 {total} 级）</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="348"/>
        <source>Extension requested by {who} on {at}: to {new}, waiting for a leader</source>
        <translation>{who} 于 {at} 申请延期至 {new}，等待领导批复</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="366"/>
        <source>The deadline has passed; an extension must be asked for before it.</source>
        <translation>整改时限已过，延期须在到期前申请。</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="368"/>
        <source>Ask a leader for a later deadline, with a reason (before the current one passes)</source>
        <translation>在整改时限到期前，说明理由，向领导申请延期</translation>
    </message>
    <message>
        <location filename="../../ui/task/panel.py" line="430"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../ui/table/model.py" line="247"/>
        <source>{n}+ (counting…)</source>
        <translation>{n}+（正在计数…）</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="466"/>
        <source>Long-term</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="469"/>
        <source>{n} overdue</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Problem</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/table/model.py" line="147"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/exports/templates.py" line="80"/>
        <source>Ledger templates</source>
        <translation>台账模板</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="90"/>
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="93"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="97"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="104"/>
        <source>The built-in template “{name}” cannot be changed. Change the columns, then save them under a new name.</source>
        <translation>“{name}”是内置模板，不能修改。可以在它的基础上调整各列，再用新名称保存。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="117"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="117"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="117"/>
        <source>Width</source>
        <translation>列宽</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="119"/>
        <source>Column width in characters; a Chinese character takes two.</source>
        <translation>列宽以字符计，一个汉字占 2 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="148"/>
        <source>Add →</source>
        <translation>添加 →</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="151"/>
        <source>← Remove</source>
        <translation>← 移除</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="154"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="157"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="169"/>
        <source>Columns you can add</source>
        <translation>可添加的列</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="170"/>
        <source>Columns of the ledger, left to right</source>
        <translation>台账中的列（从左到右）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="179"/>
        <source>Double-click a header or a width to change it; drag a row, or use Move up and Move down, to change the order.</source>
        <translation>双击表头或列宽即可修改；拖动某一行，或用“上移”“下移”调整列的顺序。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="187"/>
        <source>Template name, e.g. 简版</source>
        <translation>模板名称，例如：简版</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="189"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="194"/>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="202"/>
        <source>Use this template</source>
        <translation>使用此模板</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="204"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="229"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="367"/>
        <source>The columns of “{name}” have unsaved changes. Discard them?</source>
        <translation>“{name}”的列有修改尚未保存。放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="389"/>
        <source>There is already a template named “{name}”. Replace its columns with these?</source>
        <translation>已经有名为“{name}”的模板。要用现在的列替换它吗？</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="401"/>
        <source>Saved the template “{name}”.</source>
        <translation>已保存模板“{name}”。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="414"/>
        <source>“{name}” is now the default template.</source>
        <translation>“{name}”已设为默认模板。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/templates.py" line="431"/>
        <source>Delete the template “{name}”? Files already exported are not affected.</source>
        <translation>删除模板“{name}”？已经导出的文件不受影响。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../ui/board/overview.py" line="148"/>
        <source>Reading the journal…</source>
        <translation>正在读取修改记录…</translation>
    </message>
    <message>
        <location filename="../../ui/board/overview.py" line="148"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <location filename="../../ui/window/upgrade.py" line="31"/>
        <source>tidying the original deadlines</source>
        <translation>整理原定时限</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="32"/>
        <source>indexing the change history</source>
        <translation>建立修改历史索引</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="33"/>
        <source>indexing the sort orders</source>
        <translation>建立排序索引</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="34"/>
        <source>building the search index</source>
        <translation>建立搜索索引</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="43"/>
        <source>Upgrade the ledger file</source>
        <translation>升级台账文件</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="47"/>
        <source>“{name}” was written by an older version of this program. It will be upgraded now so that this version can open it; a copy of it as it is now is kept at
{backup}

For a large ledger this can take a few minutes. You can cancel at any time: the file then stays exactly as it was and is not opened.

Upgrade and open it?</source>
        <translation>“{name}”是旧版本程序写的台账文件，需要先升级，本版本才能打开。升级前会把它现在的样子备份到：
{backup}

台账较大时升级可能需要几分钟。其间可以随时取消：取消后原文件保持原样，不会打开。

现在升级并打开吗？</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="57"/>
        <source>Backing up “{name}” before the upgrade…</source>
        <translation>升级前正在备份“{name}”……</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="59"/>
        <source>The ledger file is upgraded; opening it…</source>
        <translation>台账文件已升级，正在打开……</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="61"/>
        <source>Upgrading the ledger file: step {step} of {steps}, {what}…</source>
        <translation>正在升级台账文件：第 {step} 步，共 {steps} 步（{what}）……</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="65"/>
        <source>Running for {seconds} s</source>
        <translation>已用 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="98"/>
        <source>Upgrading the ledger file</source>
        <translation>升级台账文件</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="109"/>
        <source>The upgrade was cancelled. “{name}” is unchanged (still in the older version&apos;s format) and was not opened. Open it again to upgrade it.</source>
        <translation>已取消升级。“{name}”保持原样（仍是旧版本的格式），没有打开。需要时再次打开它即可升级。</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="113"/>
        <source>Upgrade cancelled</source>
        <translation>已取消升级</translation>
    </message>
    <message>
        <location filename="../../ui/window/upgrade.py" line="117"/>
        <source>Cannot upgrade the ledger file</source>
        <translation>无法升级台账文件</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ui/window/verify.py" line="40"/>
        <source>Check the ledger&apos;s integrity</source>
        <translation>核对台账完整性</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="43"/>
        <source>Every journal entry is checked against the one before it, and every table is replayed from the journal: a change made outside this program shows up. If you have a 周报 or a 销号审批表 at hand, type the journal anchors printed on it below (one per line) to check that the journal has not been rewritten since.</source>
        <translation>逐条核对日志链，并用日志重放核对每一张表：在本程序之外所做的改动都会被发现。如果手头有周报或销号审批表，把上面印的“日志校验码”填在下面（每行一个），可一并核对打印之后日志有没有被改写。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="51"/>
        <source>e.g. 714:2db18125586866ef</source>
        <translation>例如：714:2db18125586866ef</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="63"/>
        <source>Check</source>
        <translation>开始核对</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="67"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="87"/>
        <source>Newest journal anchor now: {anchor} (write it down to check this file against later)</source>
        <translation>当前最新日志校验码：{anchor}（可记下，日后据此核对本文件）</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="103"/>
        <source>“{text}” is not a journal anchor: it should be the entry number, a colon and the hex code, as printed at the foot of a 周报, e.g. 714:2db18125586866ef. Nothing was checked.</source>
        <translation>“{text}”不是日志校验码：应为“条目序号:校验码”，如周报页脚印的 714:2db18125586866ef。尚未核对。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="112"/>
        <location filename="../../ui/window/verify.py" line="117"/>
        <source>Checking the journal… entry {done} of {total}</source>
        <translation>正在核对日志链……第 {done} 条，共 {total} 条</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="119"/>
        <source>Checking the tables… row {done} of {total}</source>
        <translation>正在核对数据表……第 {done} 行，共 {total} 行</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="139"/>
        <source>The check was cancelled; nothing was changed.</source>
        <translation>已取消核对；台账没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="147"/>
        <source>entry {seq} ({at}, {command})</source>
        <translation>第 {seq} 条日志（{at}，{command}）</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="151"/>
        <source>the tables</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="155"/>
        <source>Check failed: {where}: {detail}.</source>
        <translation>核对未通过：{where}：{detail}。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="163"/>
        <source>Check failed: {detail}.</source>
        <translation>核对未通过：{detail}。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="168"/>
        <source>The ledger is sound: the journal chain is whole and every table matches it.</source>
        <translation>台账完好：日志链完整，每张表都与日志相符。</translation>
    </message>
    <message>
        <location filename="../../ui/window/verify.py" line="170"/>
        <source> The {n} anchors from paper match.</source>
        <translation>与纸面上的 {n} 个日志校验码相符。</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../ui/common/worker.py" line="128"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/worker.py" line="153"/>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>dlg</name>
    <message>
        <location filename="../../ui/window/dialogs.py" line="190"/>
        <source>Add at least one community and one problem first (Edit → Communities and problems).</source>
        <translation>请先添加至少一个居民区和一个反馈问题（编辑 → 居民区与反馈问题）。</translation>
    </message>
</context>
<context>
    <name>excel_export</name>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="99"/>
        <source>{org} rectification ledger-{date}.xlsx</source>
        <translation>{org}巡察整改台账-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="111"/>
        <source>Save the ledger as</source>
        <translation>台账保存为</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="111"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="371"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="372"/>
        <source>The ledger was exported: {tasks} tasks.</source>
        <translation>台账已导出，共 {tasks} 条任务。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="376"/>
        <source>File: {path}
Sheets: {sheets}</source>
        <translation>文件：{path}
工作表：{sheets}</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="392"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="393"/>
        <source>OK</source>
        <translation>好</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="403"/>
        <source>The export was cancelled; nothing was written and “{path}” is unchanged.</source>
        <translation>导出已取消，没有写入任何文件，原有的“{path}”保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="405"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="407"/>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="423"/>
        <source>Exporting… {done} of {total}</source>
        <translation>正在导出……（{done} / {total}）</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="425"/>
        <location filename="../../ui/exports/ledger_xlsx.py" line="433"/>
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="433"/>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../ui/exports/ledger_xlsx.py" line="439"/>
        <source>Cannot export the ledger</source>
        <translation>无法导出台账</translation>
    </message>
</context>
<context>
    <name>excel_returns</name>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="55"/>
        <source>Save the fill form as</source>
        <translation>填报表保存为</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="55"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="63"/>
        <source>Choose the Excel file to import</source>
        <translation>选择要导入的 Excel 文件</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="63"/>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="72"/>
        <source>Fill form exported</source>
        <translation>填报表已导出</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="73"/>
        <source>The fill form of {community} was saved to:
{path}</source>
        <translation>已导出“{community}”的填报表：
{path}</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="169"/>
        <source>{community} fill form.xlsx</source>
        <translation>{community}填报表.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="176"/>
        <source>Export fill form</source>
        <translation>导出填报表</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="177"/>
        <source>Writing the fill form of {community}…</source>
        <translation>正在生成{community}的填报表……</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="183"/>
        <source>Cannot export the fill form</source>
        <translation>无法导出填报表</translation>
    </message>
    <message>
        <location filename="../../ui/imports/fill_form.py" line="490"/>
        <location filename="../../ui/imports/foreign.py" line="209"/>
        <source>Import Excel</source>
        <translation>导入 Excel</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/common/messages.py" line="57"/>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/common/messages.py" line="63"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/common/messages.py" line="74"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/common/messages.py" line="78"/>
        <source>Yes</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/common/messages.py" line="79"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>util</name>
    <message>
        <location filename="../../ui/common/util.py" line="99"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/common/util.py" line="126"/>
        <source>Cannot open the folder. Open it yourself: {folder}</source>
        <translation>无法自动打开文件夹，请手动打开：{folder}</translation>
    </message>
</context>
</TS>
