<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/plan_import.py" line="266"/>
        <source>Open a rectification plan</source>
        <translation>打开整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="267"/>
        <source>Plans, feedback and notices (*.docx *.txt);;All files (*)</source>
        <translation>整改方案、反馈意见和通报 (*.docx *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/kanban.py" line="440"/>
        <source>What was done (required):</source>
        <translation>整改情况说明（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="442"/>
        <source>Grade:</source>
        <translation>验收评定：</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="443"/>
        <source>Opinion:</source>
        <translation>审核意见：</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="449"/>
        <source>Exception reason (required):</source>
        <translation>例外理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="451"/>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="454"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BoardPrint</name>
    <message>
        <location filename="../../ui/board_print.py" line="380"/>
        <source>The printer could not be started. Check that it is switched on and try again.</source>
        <translation>无法启动打印机。请检查打印机是否已开启，然后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="400"/>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="400"/>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="402"/>
        <source>%1 landscape, %2</source>
        <translation>%1 横向，%2</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="405"/>
        <source>Export the wall chart</source>
        <translation>导出挂图</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="413"/>
        <source>Exporting the wall chart…</source>
        <translation>正在导出挂图……</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="413"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="414"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/board_print.py" line="434"/>
        <source>The file could not be written (%1). Choose another folder and try again.</source>
        <translation>文件无法写入（%1）。请换一个文件夹后重试。</translation>
    </message>
</context>
<context>
    <name>BoardSettingsDialog</name>
    <message>
        <location filename="../../ui/board_settings.py" line="82"/>
        <source>Wall chart colours</source>
        <translation>挂图配色</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="90"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="93"/>
        <source>Colour and letter of each state</source>
        <translation>各状态的颜色和代字</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="95"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="96"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="97"/>
        <source>Letter</source>
        <translation>代字</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="111"/>
        <source>Border of 未启动 cells</source>
        <translation>未启动格子的边框</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="113"/>
        <source>Border</source>
        <translation>边框</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="116"/>
        <source>Warnings before the deadline</source>
        <translation>到期前预警</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="118"/>
        <source>A task this many days or fewer before its deadline takes the warning colour. Up to three steps, the farthest first, e.g. 20 and 10.</source>
        <translation>距整改时限不超过设定天数的任务显示预警颜色。最多三档，从远到近，例如 20 天、10 天。</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="126"/>
        <source>Add a warning step</source>
        <translation>增加一档预警</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="128"/>
        <source>Remove the last step</source>
        <translation>删除最后一档</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="135"/>
        <source>Letter of the warning steps</source>
        <translation>预警的代字</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="141"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="149"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="150"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="155"/>
        <source>Preset:</source>
        <translation>预设方案：</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="176"/>
        <source>One character shown in the cell, so the state reads without colour</source>
        <translation>格子里显示的一个字，黑白打印也能看出状态</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="186"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="189"/>
        <source>Warning colour</source>
        <translation>预警颜色</translation>
    </message>
    <message>
        <location filename="../../ui/board_settings.py" line="197"/>
        <source>Step %1:</source>
        <translation>第 %1 档：</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/board.py" line="668"/>
        <source>Signed off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="669"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="670"/>
        <source>Tasks</source>
        <translation>任务总数</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="681"/>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="685"/>
        <source>Problems</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="685"/>
        <source>Categories</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="685"/>
        <source>Owners</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="686"/>
        <source>Weeks to deadline</source>
        <translation>倒排工期</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="687"/>
        <source>One column per problem, grouped by category</source>
        <translation>每个反馈问题一列，按问题类别分组</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="688"/>
        <source>One column per category</source>
        <translation>每个问题类别一列</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="689"/>
        <source>One column per responsible person</source>
        <translation>每位责任人一列</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="690"/>
        <source>One column per deadline week, scheduled backwards; this week is marked</source>
        <translation>按整改时限所在周排列（倒排工期），本周标红</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="703"/>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="706"/>
        <source>Colour scheme of the chart, saved in the ledger</source>
        <translation>挂图的配色方案，保存在台账中</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="709"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="712"/>
        <source>Colours and warnings…</source>
        <translation>配色与预警…</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="713"/>
        <source>Change each colour and the warning days before deadlines</source>
        <translation>修改各状态颜色和到期前的预警天数</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="717"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="718"/>
        <source>Print the chart on A3 landscape sheets</source>
        <translation>用 A3 横向纸打印挂图</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="720"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="721"/>
        <source>Save the chart as a PDF to print or send</source>
        <translation>把挂图存为 PDF，便于打印或报送</translation>
    </message>
    <message>
        <location filename="../../ui/board.py" line="823"/>
        <source>%1 — inspection rectification wall chart</source>
        <translation>%1巡察整改挂图督战</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../ui/app.py" line="142"/>
        <source>New ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="143"/>
        <source>Ledger files (*.db)</source>
        <translation>台账文件 (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="147"/>
        <source>Open ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="148"/>
        <source>Ledger files (*.db);;All files (*)</source>
        <translation>台账文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="161"/>
        <source>Cannot open the ledger</source>
        <translation>无法打开台账</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/excel_export.py" line="240"/>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="246"/>
        <source>The whole ledger ({n} tasks)</source>
        <translation>整本台账（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="247"/>
        <source>The current filter ({n} tasks)</source>
        <translation>当前筛选结果（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="248"/>
        <source>Only the tasks the table shows now, with the filters on the left.</source>
        <translation>只导出表格中现在显示的任务（左侧筛选条件下的结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="249"/>
        <source>One community:</source>
        <translation>一个居民区：</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="258"/>
        <source>{name} ({n} tasks)</source>
        <translation>{name}（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="271"/>
        <source>What to export</source>
        <translation>导出范围</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="284"/>
        <source>Edit templates…</source>
        <translation>编辑模板…</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="291"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="292"/>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="294"/>
        <source>One sheet per community</source>
        <translation>每个居民区一张工作表</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="296"/>
        <source>After the ledger sheet, one more sheet for each community with only its tasks.</source>
        <translation>在“整改台账”表之后，再为每个居民区各加一张只含本居民区任务的工作表。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="299"/>
        <source>The three lists (problems, tasks, responsibilities)</source>
        <translation>三张清单（问题清单、任务清单、责任清单）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="301"/>
        <source>Adds the 问题清单, 任务清单 and 责任清单 sheets.</source>
        <translation>另加“问题清单”“任务清单”“责任清单”三张工作表。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="304"/>
        <source>Layout</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="309"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="311"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="319"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="323"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="328"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="331"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="349"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="360"/>
        <source>{count} columns: {names}</source>
        <translation>共 {count} 列：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="415"/>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="418"/>
        <source>The folder “{folder}” does not exist. Choose an existing folder with “Browse…”.</source>
        <translation>文件夹“{folder}”不存在。请点“浏览…”选择一个已有的文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="422"/>
        <source>“{name}” already exists in “{folder}”. Replace it?</source>
        <translation>“{folder}”中已有“{name}”。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../ui/filter_panel.py" line="32"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="33"/>
        <source>Open (not signed off)</source>
        <translation>未销号</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="42"/>
        <source>Any deadline</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="42"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="43"/>
        <source>Due within 7 days</source>
        <translation>临期（7天内）</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="53"/>
        <source>Search problem, measure, progress</source>
        <translation>搜索反馈问题、整改措施、整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="61"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="62"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="63"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="65"/>
        <source>Communities</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="82"/>
        <source>All communities</source>
        <translation>全部居民区</translation>
    </message>
    <message>
        <location filename="../../ui/filter_panel.py" line="89"/>
        <source>Secretary: {name}</source>
        <translation>书记：{name}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="27"/>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="30"/>
        <source>e.g. 莘庄工业区党工委</source>
        <translation>例如：莘庄工业区党工委</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="32"/>
        <source>There is no ledger yet. How would you like to start?</source>
        <translation>还没有台账。请选择如何开始：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="38"/>
        <source>Open the example ledger</source>
        <translation>打开示例台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="40"/>
        <source>Built from a public progress notice; the people in it are invented.</source>
        <translation>根据公开的整改进展通报生成，其中人员均为虚构。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="44"/>
        <source>Organisation</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="46"/>
        <source>Create a blank ledger</source>
        <translation>新建空白台账</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="50"/>
        <source>Open an existing ledger file…</source>
        <translation>打开已有台账文件…</translation>
    </message>
</context>
<context>
    <name>KanbanView</name>
    <message>
        <location filename="../../ui/kanban.py" line="338"/>
        <source>Drag a card to another column to start, submit, review or return it; the workflow decides whether the move is allowed.</source>
        <translation>把卡片拖到另一栏即可开始推进、申请销号、审核或退回；能否移动由销号流程决定。</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="71"/>
        <source>Cannot move the card</source>
        <translation>不能移动这张卡片</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="303"/>
        <source>%1 more not shown; narrow them with the filters</source>
        <translation>还有 %1 张未显示，可用左侧筛选缩小范围</translation>
    </message>
    <message>
        <location filename="../../ui/kanban.py" line="389"/>
        <source>After this step the task goes to “%1”.</source>
        <translation>这一步完成后，任务将进入“%1”。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Wall chart</source>
        <translation>挂图督战</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>Kanban</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Task</source>
        <translation>整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>Example ledger: the people in it are invented</source>
        <translation>示例台账：其中人员均为虚构</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>New blank ledger…</source>
        <translation>新建空白台账…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Open ledger…</source>
        <translation>打开台账…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>Open the example ledger</source>
        <translation>打开示例台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>Import rectification plan…</source>
        <translation>导入整改方案…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Read a plan, feedback or notice (.txt, .docx) into the ledger</source>
        <translation>把整改方案、反馈意见或通报（.txt、.docx）读入台账</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Export ledger to Excel…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>An .xlsx ledger that superiors can print as it is</source>
        <translation>导出为 Excel（.xlsx）台账，上报时可直接打印</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Draft the progress notice…</source>
        <translation>生成通报（草稿）…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>A .docx draft of the 通报 to finish in Word</source>
        <translation>生成 .docx 通报草稿，在 Word 中完善后定稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Print the wall chart…</source>
        <translation>打印挂图…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Export the wall chart to PDF or PNG…</source>
        <translation>导出挂图（PDF/PNG）…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>New task…</source>
        <translation>新建整改任务…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>Delete task…</source>
        <translation>删除整改任务…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>Communities and problems…</source>
        <translation>居民区与反馈问题…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>Show overdue</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Who am I…</source>
        <translation>当前使用人…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>Wall chart colours and warnings…</source>
        <translation>挂图配色与预警…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="412"/>
        <source>Delete the task “{measure}” of {community}? It stays in the journal and can be undone.</source>
        <translation>删除{community}的整改任务“{measure}”？删除后仍保留在操作记录中，可以撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450"/>
        <source>{org} Rectification Ledger — {name} ({role})</source>
        <translation>{org}巡察整改台账 — {name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>{total} tasks · {shown} shown · {overdue} overdue · {closed} signed off</source>
        <translation>共 {total} 项 · 显示 {shown} 项 · 逾期 {overdue} 项 · 已销号 {closed} 项</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483"/>
        <source>The task has unsaved changes. Save them before closing?</source>
        <translation>当前整改任务有未保存的修改，关闭前是否保存？</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="121"/>
        <source>New task</source>
        <translation>新建整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="140"/>
        <source>Problem</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="141"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="142"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="143"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="144"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="145"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="157"/>
        <source>Add at least one community and one problem first (Edit → Communities and problems).</source>
        <translation>请先添加至少一个居民区和一个反馈问题（编辑 → 居民区与反馈问题）。</translation>
    </message>
</context>
<context>
    <name>NoticeExport</name>
    <message>
        <location filename="../../ui/notice_export.py" line="34"/>
        <source>{org} rectification progress notice (draft).docx</source>
        <translation>{org}巡察整改进展情况通报（草稿）.docx</translation>
    </message>
    <message>
        <location filename="../../ui/notice_export.py" line="40"/>
        <source>Save the progress notice draft</source>
        <translation>保存巡察整改进展情况通报（草稿）</translation>
    </message>
    <message>
        <location filename="../../ui/notice_export.py" line="41"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../ui/notice_export.py" line="55"/>
        <source>Cannot write the notice</source>
        <translation>无法生成通报</translation>
    </message>
    <message>
        <location filename="../../ui/notice_export.py" line="58"/>
        <source>The notice draft was saved to “{path}”. Open it in Word or WPS and fill in the places marked 【待补充】.</source>
        <translation>通报草稿已保存到“{path}”。请在 Word 或 WPS 中打开，补充标有“【待补充】”的地方后定稿。</translation>
    </message>
    <message>
        <location filename="../../ui/notice_export.py" line="59"/>
        <source>Progress notice</source>
        <translation>生成通报</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="72"/>
        <source>Who are you?</source>
        <translation>请填写使用人</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="80"/>
        <source>Every change you make is recorded under this name, for the audit.</source>
        <translation>您的每一处修改都将以此姓名记录在案，以备核查。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="83"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="84"/>
        <source>Role</source>
        <translation>身份</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <location filename="../../ui/overview.py" line="247"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="247"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="247"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="247"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="248"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../ui/overview.py" line="315"/>
        <source>signed off</source>
        <translation>已销号</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="324"/>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="359"/>
        <source>Signed off per week</source>
        <translation>每周销号数</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="360"/>
        <source>Tasks not yet signed off</source>
        <translation>未销号任务数（每周末）</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="361"/>
        <source>Newly overdue per week</source>
        <translation>每周新增逾期</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="364"/>
        <source>Communities, lowest completion first</source>
        <translation>各居民区完成情况（完成率从低到高）</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="371"/>
        <source>Overdue tasks and their owners</source>
        <translation>逾期任务及责任人</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="407"/>
        <source>%1 of %2 tasks signed off</source>
        <translation>共 %2 项任务，已销号 %1 项</translation>
    </message>
    <message>
        <location filename="../../ui/overview.py" line="411"/>
        <source>%1 more overdue tasks; filter by community to see them</source>
        <translation>另有 %1 项逾期任务未列出，可按居民区筛选查看</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <location filename="../../ui/plan_import.py" line="117"/>
        <source>Import a rectification plan</source>
        <translation>导入整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="121"/>
        <source>No file opened yet.</source>
        <translation>尚未打开文件。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="124"/>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="138"/>
        <source>Categories → problems → measures. Double-click a title to rename it; nothing is written before Import.</source>
        <translation>问题类别 → 反馈问题 → 整改措施。双击标题可改名；点“导入”之前不会写入台账。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="144"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="144"/>
        <source>Falls to</source>
        <translation>落实到</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="160"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="160"/>
        <source>Rename the selected title (or double-click it)</source>
        <translation>修改所选标题（也可以双击标题）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="161"/>
        <source>Merge into the item above</source>
        <translation>并入上一项</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="162"/>
        <source>Merge the selected item into the one above it at the same level</source>
        <translation>把所选项并入同一级的上一项</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="163"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="164"/>
        <source>Split the selected measure at the cursor in its text, or else at every “；”</source>
        <translation>在措施内容中光标处拆分所选措施；光标不在文字中间时按“；”拆分</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="165"/>
        <source>Drop</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="165"/>
        <source>Leave the selected items out of the import</source>
        <translation>导入时不包括所选项</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="166"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="167"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="184"/>
        <source>Measure text (place the cursor here and press Split to cut it in two)</source>
        <translation>措施内容（把光标放在要断开的位置，再点“拆分”）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="189"/>
        <source>Select a measure to see its text and choose its communities.</source>
        <translation>选择一条措施，查看内容并选择落实到的居民区。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="190"/>
        <source>Communities this measure falls to</source>
        <translation>这条措施落实到的居民区</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="195"/>
        <location filename="../../ui/plan_import.py" line="354"/>
        <source>All communities</source>
        <translation>全部居民区</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="196"/>
        <source>Give every selected measure to every community</source>
        <translation>所选措施全部落实到所有居民区</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="198"/>
        <source>Those named in the text</source>
        <translation>文中点名的居民区</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="199"/>
        <source>Give each selected measure to the communities its text names (all when it names none)</source>
        <translation>所选措施落实到文中点名的居民区（没有点名的落实到全部居民区）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="230"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="232"/>
        <source>Import the tree into the ledger as one step (a backup is taken first)</source>
        <translation>把预览中的内容作为一步导入台账（导入前自动备份）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="234"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="272"/>
        <source>Open a rectification plan</source>
        <translation>打开整改方案</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="273"/>
        <source>Plans, feedback and notices (*.docx *.txt);;All files (*)</source>
        <translation>整改方案、反馈意见和通报 (*.docx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="345"/>
        <source>The ledger has no communities yet: tick the communities named in the text, or add communities first.</source>
        <translation>台账中还没有居民区：请勾选文中提到的居民区，或先添加居民区。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="365"/>
        <source>{name} (named in the text, not in the ledger: tick to create)</source>
        <translation>{name}（文中提到，台账中尚无，勾选后新建）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="476"/>
        <source>There is no item above at the same level to merge with.</source>
        <translation>同一级没有上一项可以合并。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="513"/>
        <source>Only a measure can be split: select a measure.</source>
        <translation>只能拆分整改措施：请先选择一条措施。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="520"/>
        <source>Nothing to split: put the cursor inside the text, or use “；” between the parts.</source>
        <translation>没有可拆分的地方：请把光标放在措施内容中间，或用“；”分隔各部分。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="545"/>
        <source>Select what to drop first.</source>
        <translation>请先选择要删除的项。</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="693"/>
        <source>All ({n})</source>
        <translation>全部（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="698"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/plan_import.py" line="730"/>
        <source>Nothing to import: the tree is empty.</source>
        <translation>没有可导入的内容：预览是空的。</translation>
    </message>
</context>
<context>
    <name>StructureDialog</name>
    <message>
        <location filename="../../ui/structure.py" line="22"/>
        <source>Communities and problems</source>
        <translation>居民区与反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="31"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="31"/>
        <location filename="../../ui/structure.py" line="36"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="32"/>
        <location filename="../../ui/structure.py" line="36"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="32"/>
        <location filename="../../ui/structure.py" line="37"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="33"/>
        <location filename="../../ui/structure.py" line="37"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="33"/>
        <source>Communities</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="35"/>
        <source>Add category…</source>
        <translation>添加问题类别…</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="35"/>
        <source>Add problem…</source>
        <translation>添加反馈问题…</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="38"/>
        <source>Categories and problems</source>
        <translation>问题类别与反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="103"/>
        <source>Add community</source>
        <translation>添加居民区</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="103"/>
        <location filename="../../ui/structure.py" line="111"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="111"/>
        <source>Rename community</source>
        <translation>重命名居民区</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="122"/>
        <source>Delete this community?</source>
        <translation>删除该居民区？</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="131"/>
        <source>Add category</source>
        <translation>添加问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="131"/>
        <source>Title, e.g. 关于……方面的整改</source>
        <translation>标题，例如：关于……方面的整改</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="138"/>
        <source>Choose the category the problem belongs to first.</source>
        <translation>请先选择该问题所属的问题类别。</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="141"/>
        <source>Add problem</source>
        <translation>添加反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="141"/>
        <source>Title, e.g. 针对……的问题</source>
        <translation>标题，例如：针对……的问题</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="149"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="149"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/structure.py" line="166"/>
        <source>Delete “{name}”?</source>
        <translation>删除“{name}”？</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../ui/task_panel.py" line="68"/>
        <location filename="../../ui/task_panel.py" line="197"/>
        <source>No task selected</source>
        <translation>未选择整改任务</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="90"/>
        <source>No deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="100"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="102"/>
        <source>Save the fields above (Ctrl+S)</source>
        <translation>保存以上内容（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="104"/>
        <source>Revert</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="112"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="113"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="114"/>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="115"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="116"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="117"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="118"/>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="126"/>
        <source>Indicator</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="126"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="126"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="127"/>
        <source>Actual</source>
        <translation>完成值</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="132"/>
        <location filename="../../ui/task_panel.py" line="325"/>
        <source>Add indicator</source>
        <translation>添加量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="134"/>
        <source>Remove indicator</source>
        <translation>删除量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="154"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="154"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="154"/>
        <source>Field</source>
        <translation>修改项</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="155"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="155"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="165"/>
        <source>Quantitative indicators</source>
        <translation>量化指标</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="173"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="174"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="198"/>
        <source>Choose a task in the ledger to see and edit it here.</source>
        <translation>在台账中选择一项整改任务，即可在此查看和编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="210"/>
        <source> · example data</source>
        <translation> · 示例数据</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="217"/>
        <source>{n} days overdue</source>
        <translation>已逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="218"/>
        <source>{n} days left</source>
        <translation>剩余 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="298"/>
        <location filename="../../ui/task_panel.py" line="319"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="325"/>
        <source>Indicator name, e.g. 培训次数</source>
        <translation>指标名称，例如：培训次数</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="341"/>
        <source>Remove the indicator “{name}”?</source>
        <translation>删除量化指标“{name}”？</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="355"/>
        <source>Describe what was done (closing statement):</source>
        <translation>整改完成情况（销号说明）：</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="356"/>
        <source>Reason for returning (required):</source>
        <translation>退回理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="357"/>
        <source>Reason for reopening (required):</source>
        <translation>重启整改理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="364"/>
        <source>Acceptance grade:</source>
        <translation>验收评定：</translation>
    </message>
    <message>
        <location filename="../../ui/task_panel.py" line="368"/>
        <source>Opinion:</source>
        <translation>审核意见：</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../ui/models.py" line="242"/>
        <source>{n} overdue</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Community</source>
        <translation>居民区</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Problem</source>
        <translation>反馈问题</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Kind</source>
        <translation>整改类型</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Progress</source>
        <translation>整改进展</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="63"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/excel_export.py" line="462"/>
        <source>Ledger templates</source>
        <translation>台账模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="472"/>
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="475"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="479"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="483"/>
        <source>The built-in template “{name}” cannot be changed. Change the columns, then save them under a new name.</source>
        <translation>“{name}”是内置模板，不能修改。可以在它的基础上调整各列，再用新名称保存。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="494"/>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="494"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="494"/>
        <source>Width</source>
        <translation>列宽</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="495"/>
        <source>Column width in characters; a Chinese character takes two.</source>
        <translation>列宽以字符计，一个汉字占 2 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="522"/>
        <source>Add →</source>
        <translation>添加 →</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="525"/>
        <source>← Remove</source>
        <translation>← 移除</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="528"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="531"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="543"/>
        <source>Columns you can add</source>
        <translation>可添加的列</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="544"/>
        <source>Columns of the ledger, left to right</source>
        <translation>台账中的列（从左到右）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="550"/>
        <source>Double-click a header or a width to change it; drag a row, or use Move up and Move down, to change the order.</source>
        <translation>双击表头或列宽即可修改；拖动某一行，或用“上移”“下移”调整列的顺序。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="555"/>
        <source>Template name, e.g. 简版</source>
        <translation>模板名称，例如：简版</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="557"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="562"/>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="570"/>
        <source>Use this template</source>
        <translation>使用此模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="572"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="596"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="715"/>
        <source>The columns of “{name}” have unsaved changes. Discard them?</source>
        <translation>“{name}”的列有修改尚未保存。放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="730"/>
        <source>There is already a template named “{name}”. Replace its columns with these?</source>
        <translation>已经有名为“{name}”的模板。要用现在的列替换它吗？</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="739"/>
        <source>Saved the template “{name}”.</source>
        <translation>已保存模板“{name}”。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="752"/>
        <source>“{name}” is now the default template.</source>
        <translation>“{name}”已设为默认模板。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="768"/>
        <source>Delete the template “{name}”? Files already exported are not affected.</source>
        <translation>删除模板“{name}”？已经导出的文件不受影响。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../ui/overview.py" line="121"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>dlg</name>
    <message>
        <location filename="../../ui/dialogs.py" line="157"/>
        <source>Add at least one community and one problem first (Edit → Communities and problems).</source>
        <translation>请先添加至少一个居民区和一个反馈问题（编辑 → 居民区与反馈问题）。</translation>
    </message>
</context>
<context>
    <name>excel_export</name>
    <message>
        <location filename="../../ui/excel_export.py" line="202"/>
        <source>{org} rectification ledger-{date}.xlsx</source>
        <translation>{org}巡察整改台账-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="213"/>
        <source>Save the ledger as</source>
        <translation>台账保存为</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="214"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="797"/>
        <location filename="../../ui/excel_export.py" line="850"/>
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="797"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="798"/>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="809"/>
        <source>Cannot open the folder. Open it yourself: {folder}</source>
        <translation>无法自动打开文件夹，请手动打开：{folder}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="814"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="815"/>
        <source>The ledger was exported: {tasks} tasks.</source>
        <translation>台账已导出，共 {tasks} 条任务。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="816"/>
        <source>File: {path}
Sheets: {sheets}</source>
        <translation>文件：{path}
工作表：{sheets}</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="824"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="825"/>
        <source>OK</source>
        <translation>好</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="834"/>
        <source>The export was cancelled; nothing was written and “{path}” is unchanged.</source>
        <translation>导出已取消，没有写入任何文件，原有的“{path}”保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="835"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="836"/>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="849"/>
        <source>Exporting… {done} of {total}</source>
        <translation>正在导出……（{done} / {total}）</translation>
    </message>
    <message>
        <location filename="../../ui/excel_export.py" line="864"/>
        <source>Cannot export the ledger</source>
        <translation>无法导出台账</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="33"/>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="44"/>
        <source>Yes</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
