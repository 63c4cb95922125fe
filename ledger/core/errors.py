"""Errors a user can cause: a stable code, the facts, and a plain Chinese sentence (DESIGN promise 6)."""

from __future__ import annotations

from typing import Any

# code -> (Chinese sentence, English sentence). Each says what happened and what to do.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_a_ledger": (
        "“{path}”不是整改台账文件（{detail}）。请确认选择的是本程序保存的 .db 台账文件；文件未作任何改动。",
        "“{path}” is not a rectification ledger ({detail}). Choose a ledger file saved by this program; the file was not changed.",
    ),
    "damaged": (
        "台账文件“{path}”已损坏，无法读取（{detail}）。请用备份文件恢复；文件未作任何改动。",
        "The ledger “{path}” is damaged and cannot be read ({detail}). Restore it from a backup; the file was not changed.",
    ),
    "too_new": (
        "台账文件“{path}”由更新版本的程序保存（格式版本 {found}，本程序只认识到 {known}）。请升级程序后再打开；文件未作任何改动。",
        "The ledger “{path}” was saved by a newer version (format {found}; this program knows up to {known}). Upgrade the program; the file was not changed.",
    ),
    "needs_upgrade": (
        "台账文件“{path}”由旧版本的程序保存（格式版本 {found}），要先升级才能读取；这里只读取、不升级它。"
        "请先在程序窗口中打开它（程序会先备份原文件再升级），然后再试；文件未作任何改动。",
        "The ledger “{path}” was saved by an older version (format {found}) and must be upgraded before it can be "
        "read; it is only read here and was not upgraded. Open it in the program's window first (the program backs "
        "it up, then upgrades it), then try again; the file was not changed.",
    ),
    "locked": (
        "台账文件“{path}”已在另一个窗口或程序中打开。请先关闭那边，再在这里打开。",
        "The ledger “{path}” is open in another window or program. Close it there first.",
    ),
    "exists": (
        "文件“{path}”已经存在，为避免覆盖没有写入。请换一个文件名，或先把旧文件移走。",
        "“{path}” already exists and was not overwritten. Choose another name or move the old file away.",
    ),
    "not_found": (
        "找不到文件“{path}”。请检查路径是否正确。",
        "“{path}” was not found. Check the path.",
    ),
    "installer_missing": (
        "找不到安装程序“{path}”，没有复制。社区包已照常下发；请在“下发社区包”中重新选择安装程序文件。",
        "The installer “{path}” was not found and was not copied. The packages were issued as usual; choose the "
        "installer file again in Issue community packages.",
    ),
    "unreadable": (
        "无法读取台账文件“{path}”（{detail}）。请检查文件的权限，或把它复制到自己的文件夹后再打开；文件未作任何改动。",
        "The ledger “{path}” cannot be read ({detail}). Check the file's permissions, or copy it to a folder of your "
        "own and open it there; the file was not changed.",
    ),
    "read_only": (
        "台账文件“{path}”是只读的，无法保存修改。请复制到可写的文件夹再打开。",
        "The ledger “{path}” is read-only. Copy it to a writable folder and open it there.",
    ),
    "busy": (
        "台账文件“{path}”正被另一个程序读写，这次修改没有保存；台账保持修改前的样子。请稍候再试；"
        "若一直如此，请关闭也打开着这个文件的程序（如备份或同步软件）。",
        "The ledger “{path}” is busy in another program; the change was not saved. Try again in a moment; if it "
        "persists, close the other program that has the file open (such as backup or sync software).",
    ),
    "io_error": (
        "读写台账文件“{path}”时出错（{detail}），这次修改没有保存。请检查磁盘或网络盘是否连接正常后再试；"
        "如果再次出错，请把台账复制到本机的文件夹再打开。",
        "Reading or writing the ledger “{path}” failed ({detail}); the change was not saved. Check that the disk "
        "or network drive is connected and try again; if it fails again, copy the ledger to a local folder.",
    ),
    "disk_full": (
        "磁盘已满，修改没有保存。请清理磁盘空间后再试；台账保持修改前的样子。",
        "The disk is full; the change was not saved. Free some space and try again.",
    ),
    # ---- hostile input: untrusted files and text that is not text (ledger/storage/untrusted.py, core/values.py) ----
    "file_too_slow": (
        "读取“{path}”时，一条查询超过 {seconds} 秒仍未完成，已停止：文件的结构异常，可能是人为构造的。"
        "没有从中读取任何内容，台账未作任何改动。请让对方重新发送，或用备份恢复。",
        "Reading “{path}” stopped: one query ran longer than {seconds} s, so the file's structure is abnormal and "
        "may have been crafted. Nothing was read from it and the ledger was not changed. Ask for it again or restore a backup.",
    ),
    "unexpected_schema": (
        "“{path}”的结构与本程序建立的不符（{detail}），可能在程序之外被改动过，为安全起见没有打开；文件未作任何改动。"
        "请用备份恢复，或让对方重新发送。",
        "The structure of “{path}” differs from what this program creates ({detail}); it may have been changed "
        "outside the program and was not opened. The file was not changed. Restore a backup or ask for it again.",
    ),
    "bad_text": (
        "“{field}”含有不能保存的字符（{what}，在第 {at} 个字符处），没有保存；台账未作任何改动。"
        "请删去这个字符后再试（从网页或其他程序复制的文字常带有这类看不见的字符）。",
        "“{field}” contains a character that cannot be saved ({what}, at character {at}); nothing was saved. "
        "Remove it and try again (text copied from web pages or other programs often carries such invisible characters).",
    ),
    "number_not_finite": (
        "量化指标的“{field}”必须是一个有限的数字，“{value}”不是。请填写数字，例如 18 或 12.5。",
        "The indicator's “{field}” must be a finite number; “{value}” is not.",
    ),
    "number_negative": (
        "量化指标的“{field}”不能是负数（{value}）。请填写 0 或正数。",
        "The indicator's “{field}” must not be negative ({value}).",
    ),
    "date_out_of_range": (
        "日期“{value}”不在 {low} 年至 {high} 年之间，没有保存。请检查年份是否写错。",
        "The date “{value}” is not between {low} and {high}; nothing was saved. Check the year.",
    ),
    "office_damaged": (
        "“{path}”已损坏或不是有效的 {kind} 文件（{detail}），无法读取，没有导入；台账未作任何改动。"
        "请在 Word、Excel 或 WPS 中打开它，另存一份后再导入。",
        "“{path}” is damaged or not a valid {kind} file ({detail}); nothing was imported and the ledger was not "
        "changed. Open it in Word, Excel or WPS, save a copy and import that.",
    ),
    "office_too_big": (
        "“{path}”解压后过大（{detail}），可能是损坏或恶意构造的文件，没有读取；台账未作任何改动。"
        "请确认文件来源，或把内容复制到一个新文件后再导入。",
        "“{path}” is too large once unpacked ({detail}); it may be damaged or crafted and was not read. The ledger "
        "was not changed. Check where it came from, or copy its content into a new file and import that.",
    ),
    "office_xls": (
        "“{path}”是旧版 Excel 97-2003 工作簿（.xls），程序只能读取 .xlsx，没有导入；台账未作任何改动。"
        "请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。",
        "“{path}” is an old Excel 97-2003 workbook (.xls); only .xlsx can be read and nothing was imported. Open it "
        "in Excel or WPS and save it as an Excel workbook (.xlsx).",
    ),
    "office_old_doc": (
        "“{path}”是旧版 Word 97-2003 文档（.doc），程序只能读取 .docx，没有导入；台账未作任何改动。"
        "请在 Word 或 WPS 中打开它，“另存为”Word 文档（.docx）后再导入。",
        "“{path}” is an old Word 97-2003 document (.doc); only .docx can be read and nothing was imported. Open it "
        "in Word or WPS and save it as a Word document (.docx).",
    ),
    "office_encrypted": (
        "“{path}”设置了打开密码（已加密），程序无法读取，没有导入；台账未作任何改动。"
        "请在 Word、Excel 或 WPS 中取消打开密码后再导入。",
        "“{path}” is password-protected (encrypted) and cannot be read; nothing was imported. Remove the password "
        "in Word, Excel or WPS and try again.",
    ),
    "no_such_task": (
        "找不到这条整改任务（{task}），它可能已被删除。请刷新后再试。",
        "Task {task} was not found; it may have been deleted.",
    ),
    "no_such_community": (
        "找不到居民区“{name}”。请检查名称，或先添加该居民区。",
        "Community “{name}” was not found.",
    ),
    "no_such_category": ("找不到问题类别（{id}）。", "Category {id} was not found."),
    "no_such_problem": ("找不到反馈问题（{id}）。", "Problem {id} was not found."),
    "no_such_indicator": ("找不到量化指标（{id}）。", "Indicator {id} was not found."),
    "empty_field": ("“{field}”不能为空。请填写后再保存。", "“{field}” must not be empty."),
    "bad_date": (
        "“{value}”不是有效日期。请按“2025-11-30”的格式填写整改时限。",
        "“{value}” is not a valid date. Use the form 2025-11-30.",
    ),
    "bad_number": (
        "量化指标的“{field}”必须是数字，“{value}”不是。请填写数字，例如 18 或 12.5。",
        "The indicator's “{field}” must be a number; “{value}” is not.",
    ),
    "bad_kind": (
        "整改类型只能是立行立改、限期整改或长期坚持，“{value}”不在其中。",
        "Kind must be 立行立改, 限期整改 or 长期坚持, not “{value}”.",
    ),
    "bad_role": (
        "身份只能是工作专班、居民区书记或领导，“{value}”不在其中。",
        "Role must be work team, secretary or leader, not “{value}”.",
    ),
    "duplicate_name": (
        "已经有名为“{name}”的{what}。请换一个名称。",
        "There is already a {what} named “{name}”.",
    ),
    "not_allowed": (
        "不能从“{state}”执行“{action}”：{reason}",
        "Cannot {action} from “{state}”: {reason}",
    ),
    "wrong_role": (
        "“{action}”需要{need}身份，当前操作人“{actor}”的身份是{role}。请由相应人员操作，或在“设置—我是谁”中切换身份。",
        "“{action}” needs the role {need}; the operator “{actor}” is {role}.",
    ),
    "same_reviewer": (
        "“{actor}”已签过本任务的“{level}”，同一人不能签两级审核。请由另一位审核人签署。",
        "“{actor}” already signed “{level}” of this task; one person cannot sign two levels.",
    ),
    "reason_required": ("{what}必须填写理由。请写明原因后再提交。", "{what} needs a reason."),
    "nothing_to_undo": ("没有可以撤销的操作。", "Nothing to undo."),
    "undo_conflict": (
        "无法撤销：“{field}”在这之后又被修改过（现在是“{now}”）。请直接编辑该字段。",
        "Cannot undo: “{field}” was changed again since (now “{now}”).",
    ),
    "not_empty": (
        "“{name}”下还有 {count} {what}，不能删除。请先删除或移走它们。",
        "“{name}” still has {count} {what}.",
    ),
    "task_locked": (
        "“{measure}”已销号，台账上已锁定，不能再修改。如确需修改，请先“重启整改”并写明理由。",
        "“{measure}” is signed off and locked. Reopen it (with a reason) to change it.",
    ),
    # ---- people, roles and signatures (人员名册, 签字确认) ----
    "not_in_register": (
        "“{actor}”不在本台账的人员名册中（或不是{role}，或已停用），不能修改台账。请从名册中选择本人，或请工作专班把您加入名册；台账未作任何改动。",
        "“{actor}” is not in this ledger's register as {role} (or is inactive) and cannot change the ledger. Choose yourself from the register, or ask the work team to add you; nothing was changed.",
    ),
    "person_two_roles": (
        "“{actor}”在人员名册中有两种身份（{roles}）。请用 --role 说明这次以哪种身份操作。",
        "“{actor}” holds two roles in the register ({roles}). Say with --role which one this is.",
    ),
    "not_your_community": (
        "“{actor}”是其他居民区的书记，不能对居民区“{community}”的任务执行“{action}”；台账未作任何改动。",
        "“{actor}” is the secretary of another community and cannot {action} a task of “{community}”; nothing was changed.",
    ),
    "password_required": (
        "“{action}”需要“{actor}”输入本人的签字密码确认；台账未作任何改动。",
        "“{action}” needs “{actor}”'s own signing password; nothing was changed.",
    ),
    "password_wrong": (
        "“{actor}”的签字密码不对，“{action}”没有执行；台账未作任何改动。请重新输入。",
        "The signing password of “{actor}” is wrong; “{action}” was not done and nothing was changed.",
    ),
    "password_too_short": (
        "签字密码至少要 6 个字符。请换一个更长的密码。",
        "A signing password needs at least 6 characters.",
    ),
    "under_review": (
        "“{measure}”已申请销号，审核人签的是提交时的内容：{what}在退回前不能修改；台账未作任何改动。",
        "“{measure}” has been submitted for sign-off; {what} cannot change until it is returned; nothing was changed.",
    ),
    "self_review": (
        "“{actor}”提交了本轮销号申请，不能再签本轮的“{level}”；台账未作任何改动。请由另一位审核人签署。",
        "“{actor}” submitted this round and cannot sign its “{level}”; nothing was changed.",
    ),
    "secretary_in_chain": (
        "审核链不能有居民区书记一级：书记是申请销号的一方，不能审核自己的申请。请改为工作专班或领导。",
        "The review chain cannot contain a secretary level: secretaries apply for sign-off and cannot review it.",
    ),
    "chain_needs_leader": (
        "修改审核链需要一位领导确认（{detail}）；审核链未作改动。",
        "Changing the review chain needs a leader's confirmation ({detail}); the chain was not changed.",
    ),
    "register_first_self": (
        "人员名册的第一位须是工作专班的您本人（“{actor}”），否则添加后您将无法再修改名册；名册未作改动。",
        "The register's first entry must be yourself (“{actor}”) as work team; nothing was changed.",
    ),
    "person_exists": (
        "人员名册中已有“{name}”（{role}）。同名的人请在名字后加以区分。",
        "“{name}” ({role}) is already in the register.",
    ),
    "no_such_person": (
        "人员名册中没有“{name}”{role}。请检查姓名。",
        "“{name}” {role} is not in the register.",
    ),
    "person_needs_community": (
        "居民区书记须写明所在居民区（“{name}”）。",
        "A secretary needs their community (“{name}”).",
    ),
    "register_secret": (
        "设置“{key}”只能通过人员名册修改；台账未作任何改动。",
        "The setting “{key}” changes only through the register; nothing was changed.",
    ),
    "constraint": (
        "这项修改与台账中已有的记录冲突（{detail}），没有保存；台账保持原样。",
        "The change conflicts with existing records ({detail}); nothing was saved.",
    ),
    "bad_setting": ("设置“{key}”的值无效：{detail}", "Setting “{key}” is invalid: {detail}"),
    "bad_value": ("{field}的值“{value}”无效：{detail}", "{field}: “{value}” is invalid: {detail}"),
    # ---- 销号: evidence, extensions, 回头看 ----
    "evidence_missing": (
        "找不到文件“{path}”，没有添加佐证材料。请检查文件是否已被移走或改名，再重新选择。",
        "“{path}” was not found; nothing was attached. Check whether the file was moved or renamed.",
    ),
    "evidence_unreadable": (
        "文件“{path}”无法读取（{detail}），没有添加佐证材料。请确认它是一个文件、有读取权限、没有被其他程序锁定，然后再试。",
        "“{path}” cannot be read ({detail}); nothing was attached. Make sure it is a readable file not locked by another program.",
    ),
    "evidence_empty": (
        "文件“{name}”是空的（0 字节），没有添加佐证材料。请选择有内容的文件；扫描件请确认已保存完成。",
        "“{name}” is empty (0 bytes); nothing was attached. Choose a file with content.",
    ),
    "evidence_too_big": (
        "文件“{name}”大小为 {size}，超过佐证材料的大小上限 {limit}，没有添加。请压缩图片或拆分文件后再添加，或请工作专班在设置中调高上限。",
        "“{name}” is {size}, over the evidence size limit of {limit}; nothing was attached. Compress or split it, or ask the work team to raise the limit.",
    ),
    "evidence_duplicate": (
        "这份文件已经作为“{name}”添加到本任务（{by}，{at}），没有重复添加。",
        "This file is already attached to the task as “{name}” ({by}, {at}); it was not added twice.",
    ),
    "no_such_evidence": (
        "找不到这份佐证材料（{id}），它可能已被删除。请刷新后再试。",
        "Evidence {id} was not found; refresh and try again.",
    ),
    "evidence_removed": (
        "佐证材料“{name}”已于 {at} 删除，不能再次删除。请刷新后查看。",
        "The evidence “{name}” was already removed on {at}.",
    ),
    "evidence_released": (
        "佐证材料“{name}”已删除，且没有其他任务使用同一文件，文件内容已从台账中清除，无法另存。可在日志中查看它的记录。",
        "The evidence “{name}” was removed and its bytes released; it cannot be saved. Its record stays in the journal.",
    ),
    "evidence_locked": (
        "任务已销号，它的佐证材料“{name}”不能删除。如确需更正，请先由工作专班或领导重启整改。",
        "The task is signed off; its evidence “{name}” cannot be removed. Reopen the task first if it must be corrected.",
    ),
    "evidence_none": (
        "{scope}还没有佐证材料，没有生成文件。请先为任务添加佐证材料。",
        "{scope} has no evidence yet; no file was written.",
    ),
    "no_such_extension": (
        "找不到这条延期申请（{id}）。请刷新后再试。",
        "Extension request {id} was not found.",
    ),
    "extension_no_deadline": (
        "任务“{measure}”没有整改时限，无需申请延期。如需设定时限，请直接编辑任务。",
        "The task “{measure}” has no deadline; there is nothing to extend.",
    ),
    "extension_too_late": (
        "任务“{measure}”的整改时限 {deadline} 已过（今天是 {today}），不能再申请延期。延期须在时限到期前提出；请尽快完成整改，并向工作专班说明情况。",
        "The deadline {deadline} of “{measure}” has passed (today is {today}); an extension must be asked for before it.",
    ),
    "extension_not_later": (
        "申请的新时限 {new} 必须晚于现在的整改时限 {old}。请重新选择日期。",
        "The new deadline {new} must be later than the current deadline {old}.",
    ),
    "extension_pending": (
        "任务“{measure}”已有一条待批的延期申请（{by} 于 {at} 提出，申请延至 {new}）。请等领导批复后再提出新的申请。",
        "“{measure}” already has a pending extension request ({by}, {at}, to {new}). Wait for the decision first.",
    ),
    "extension_closed_task": (
        "任务“{measure}”当前为“{state}”，不需要申请延期。",
        "The task “{measure}” is “{state}”; it needs no extension.",
    ),
    "extension_decided": (
        "这条延期申请已由{by}于 {at} {decision}，不能再次批复。",
        "This extension request was already {decision} by {by} on {at}.",
    ),
    "recheck_empty": (
        "{scope}没有已销号的任务，无法抽取回头看样本。请在有任务销号后再开展回头看。",
        "{scope} has no signed-off tasks to sample for a look-back.",
    ),
    "no_such_recheck": ("找不到这次回头看抽查（{id}）。请刷新后再试。", "Look-back draw {id} was not found."),
    "no_such_recheck_item": (
        "找不到这条回头看核查记录（{id}）。请刷新后再试。",
        "Look-back item {id} was not found.",
    ),
    "recheck_recorded": (
        "这条回头看核查已由{by}于 {at} 记录为“{result}”，不能重复记录。如有新情况，请在下一次回头看中核查。",
        "This look-back item was already recorded as “{result}” by {by} on {at}.",
    ),
    "recheck_not_closed": (
        "任务“{measure}”当前为“{state}”，不是已销号状态，不能记录回头看结果。请刷新后查看它的最新情况。",
        "The task “{measure}” is “{state}”, not signed off; a look-back result cannot be recorded.",
    ),
    # ---- community packages: 下发包 / 上报包 (ledger.exchange) ----
    "package_replace_mismatch": (
        "新的下发包“{new}”是“{new_community}”的，旧的“{old}”是“{old_community}”的，不是同一个居民区或同一本台账，"
        "请勿替换；两个文件都没有改动。",
        "The new package “{new}” is for “{new_community}” and the old one “{old}” for “{old_community}”: not the same "
        "community or ledger. Do not replace it; neither file was changed.",
    ),
    "package_not_package": (
        "“{path}”不是本程序的下发包或上报包（{detail}），没有导入；台账未作任何改动。请选择居民区书记用“上报”生成的文件。",
        "“{path}” is not a package of this program ({detail}); nothing was imported and the ledger was not changed.",
    ),
    "package_damaged": (
        "上报包“{path}”已损坏或不完整（{detail}），可能在传送中被截断，没有导入；台账未作任何改动。请让居民区书记重新上报一份。",
        "The return “{path}” is damaged or incomplete ({detail}); nothing was imported. Ask for it to be sent again.",
    ),
    "package_tampered": (
        "上报包“{path}”第 {seq} 条日志（{at}，{command}）校验失败：{detail}。文件在程序之外被改动过，已拒绝导入；台账未作任何改动。请让居民区书记重新上报，并核实文件来源。",
        "The return “{path}” failed verification at entry {seq} ({at}, {command}): {detail}. It was edited outside the program; nothing was imported.",
    ),
    "package_other_ledger": (
        "“{path}”是另一本台账（{other}）下发的包，不是本台账（{ours}）的，没有导入；台账未作任何改动。请在下发它的台账中导入。",
        "“{path}” was issued by another ledger ({other}), not this one ({ours}); nothing was imported.",
    ),
    "package_not_issued": (
        "本台账从未下发过“{path}”（包编号 {package_id}，居民区“{community}”），没有导入；台账未作任何改动。请确认文件来自本台账下发的包。",
        "This ledger never issued “{path}” (package {package_id}, {community}); nothing was imported.",
    ),
    "package_out_of_scope": (
        "上报包“{path}”第 {seq} 条日志（{actor}，{command}）涉及{what}，超出本包的范围（居民区“{community}”），已拒绝导入整个文件；台账未作任何改动。请核实文件来源。",
        "Entry {seq} of “{path}” ({actor}, {command}) touches {what}, outside the package's community “{community}”; the whole file was refused.",
    ),
    "package_unreturned": (
        "旧的下发包“{old}”中还有 {count} 条修改（最近一条：{last}）{state}。请先{todo}，再打开新的下发包；两个文件都没有改动。",
        "The old package “{old}” still holds {count} changes ({last}) that were not returned and merged; nothing was changed.",
    ),
    "package_mode": (
        "这是居民区“{community}”的下发包（居民区模式）：“{action}”由工作专班在主台账上办理，不能在下发包中操作。",
        "This is the package of “{community}” (community mode): “{action}” is done by the work team on the master ledger.",
    ),
    "package_is_package": (
        "“{path}”是居民区“{community}”的下发包，不是主台账，不能从它下发或向它导入上报包。请打开工作专班的主台账。",
        "“{path}” is a community package, not the master ledger.",
    ),
    # ---- 对账销账 (ledger.reconcile) ----
    "bad_week": (
        "“{value}”不是有效的周次。请按“2025-W47”的格式填写（年份-W周数）。",
        "“{value}” is not a valid week. Use the form 2025-W47.",
    ),
    "no_such_period": (
        "第 {week} 周还没有开始对账。请先“开始对账”。",
        "Week {week} has no reconciliation period; open it first.",
    ),
    "period_exists": (
        "第 {week} 周的对账已经开始过（{state}），不能再次开始。",
        "Week {week} was already opened ({state}).",
    ),
    "period_closed": (
        "第 {week} 周的对账已于 {at} 由{by}结账，已结账的对账期不能再改动。更正请记入下一期，并注明更正的是哪一期。",
        "Week {week} was closed on {at} by {by}; a closed period never changes. Record a correction in the next period.",
    ),
    "period_other_open": (
        "第 {other} 周的对账还没有结账。请先结账，再开始第 {week} 周。",
        "Week {other} is still open; close it before opening week {week}.",
    ),
    "period_too_early": (
        "第 {week} 周不晚于已结账的第 {last} 周，不能再开始对账。更正请记入下一期。",
        "Week {week} is not after the last closed week {last}; record a correction in the next period.",
    ),
    "not_a_line": (
        "日志条目 {entry} 不是第 {week} 周对账中的一行。请刷新后再试。",
        "Journal entry {entry} is not a line of week {week}.",
    ),
    "period_unbalanced": (
        "第 {week} 周还有 {count} 行没有核对（差额：{diff}）。请逐行核对打勾，或填写说明解释每一行未核对的原因后再结账。",
        "Week {week} has {count} unticked lines (difference: {diff}). Tick them, or give a note explaining each.",
    ),
    "package_exists": (
        "居民区“{community}”已有 {at} 下发的社区包“{file}”。再下发一个新包，旧包“{file}”就作废：书记应改用新包填报，"
        "旧包里还没上报的修改请先上报并导入。确要再下发，请加 --replace。",
        "“{community}” already has the package “{file}” issued on {at}. A new package makes “{file}” obsolete: the "
        "secretary should work in the new one, and return what is not yet returned from the old one first. To issue "
        "a new one anyway, add --replace.",
    ),
    "no_such_conflict_key": (
        "这次导入中没有与“{key}”对应的冲突（或对应了不止一项）。请按预览列出的编号填写 --decide。",
        "No conflict of this import matches “{key}” (or more than one does). Use the keys the preview lists.",
    ),
    "no_such_conflict": ("找不到这条合并冲突（{id}）。请刷新后再试。", "Merge conflict {id} was not found."),
    "conflict_decided": (
        "这条合并冲突已由{by}于 {at} 处理（{status}），不能再次处理。",
        "This merge conflict was already decided by {by} on {at} ({status}).",
    ),
    # ---- Excel returns: 填报表 and other tools' ledgers (ledger/office/fill_form.py, ledger/office/foreign.py) ----
    "excel_not_xlsx": (
        "“{path}”不是 Excel 工作簿（.xlsx）（{detail}），没有导入；台账未作任何改动。请在 Excel 或 WPS 中打开后“另存为”.xlsx 格式再导入。",
        "“{path}” is not an Excel workbook (.xlsx) ({detail}); nothing was imported. Save it as .xlsx in Excel or WPS and try again.",
    ),
    "excel_encrypted": (
        "“{path}”设置了打开密码（已加密），程序无法读取，没有导入；台账未作任何改动。请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入。",
        "“{path}” is password-protected (encrypted) and cannot be read; nothing was imported. Remove the password in Excel and try again.",
    ),
    "excel_empty": (
        "“{path}”的工作表“{sheet}”是空的，没有可导入的内容；台账未作任何改动。请确认选择了填好的文件。",
        "Sheet “{sheet}” of “{path}” is empty; nothing was imported. Check that you chose the filled-in file.",
    ),
    "excel_nothing_new": (
        "“{path}”中的 {n} 项任务台账里都已经有了（同一反馈问题、同一居民区、同一整改措施），没有可新增的；台账未作任何改动。"
        "如果要更新这些任务的进展，请用填报表或直接在台账中修改。",
        "All {n} tasks in “{path}” are in the ledger already (same problem, community and measure); nothing was added "
        "and the ledger is unchanged. To update their progress use a fill-in form or edit them in the ledger.",
    ),
    "excel_header_unmapped": (
        "“{path}”的工作表“{sheet}”找不到这些列：{missing}，无法对应到台账，没有导入；台账未作任何改动。请检查表头（或在导入时指定各列的对应关系）。",
        "Sheet “{sheet}” of “{path}” lacks these columns: {missing}; it cannot be mapped and nothing was imported. Check the header row or give the column mapping.",
    ),
    "excel_bad_cell": (
        "“{path}”第 {row} 行 {column} 列（{field}）：{detail}，没有导入；台账未作任何改动。请改正这个单元格后再导入。",
        "“{path}” row {row}, column {column} ({field}): {detail}; nothing was imported. Correct the cell and try again.",
    ),
    "excel_write_failed": (
        "无法写入“{path}”（{detail}）。请关闭在 Excel 中打开的同名文件，或换一个文件夹后再试。",
        "Could not write “{path}” ({detail}). Close the file if it is open in Excel, or choose another folder.",
    ),
    "fill_form_not_ours": (
        "“{path}”不是本台账导出的填报表（{detail}），没有导入；台账未作任何改动。请使用从本台账导出的填报表。",
        "“{path}” is not a fill-in form exported from this ledger ({detail}); nothing was imported. Use a form exported from this ledger.",
    ),
    "fill_form_rows_separated": (
        "填报表“{path}”的隐藏编号列（A–C 列）与表中各行分开了（例如第 {row} 行）：排序时只选中了部分列，"
        "行的内容和它的任务编号不再对应，没有导入；台账未作任何改动。请在 Excel 或 WPS 中撤销这次排序"
        "（或重新导出填报表再填写），排序请用表头的筛选按钮，它会带着整行一起移动。",
        "In the form “{path}” the hidden id columns (A–C) were separated from the rows (e.g. row {row}): only some "
        "columns were sorted, so rows no longer match their task ids; nothing was imported. Undo that sort in "
        "Excel or WPS (or export the form again), and sort with the header's filter buttons, which move whole rows.",
    ),
    "fill_form_refused": (
        "填报表“{path}”有 {count} 处不能导入（例如：{first}），整张表都没有导入；台账未作任何改动。请改正后重新导入，或确认跳过这些单元格后再导入。",
        "The form “{path}” has {count} cells that cannot be imported (e.g. {first}); nothing was imported. Correct them, or accept skipping them, and import again.",
    ),
    "last_work_team": (
        "{name}是人员名册中唯一在用的工作专班成员，停用后就没有人能再维护人员名册和台账，没有停用。"
        "请先添加另一位工作专班成员，再停用{name}。",
        "{name} is the register's only active work-team member; retiring them would leave no one to keep the "
        "register and the ledger, so they were not retired. Add another work-team member first.",
    ),
    # a 整改方案 file that cannot be read (ledger/plan/file.py's PlanFileError)
    "plan_encoding": (
        "无法识别文件“{name}”的文字编码，读不出内容。请用记事本打开后“另存为”UTF-8 编码的文本文件，再重新导入。",
        "The text encoding of “{name}” could not be recognised. Open it in Notepad, save it as UTF-8 text and import that.",
    ),
    "plan_docx_damaged": (
        "文件“{name}”无法作为 Word 文档打开（可能已损坏、设置了密码或其实不是 .docx 文件）。"
        "请在 Word 或 WPS 中打开它，取消密码后“另存为”.docx 或纯文本（.txt），再重新导入。",
        "“{name}” cannot be opened as a Word document (damaged, password-protected or not really a .docx). Open it "
        "in Word or WPS, remove the password, save it as .docx or plain text (.txt) and import that.",
    ),
    "plan_pdf_password": (
        "PDF 文件“{name}”设置了打开密码，无法读取。请用 PDF 阅读器输入密码后“另存为”无密码的 PDF，再重新导入。",
        "The PDF “{name}” has an opening password. Open it in a PDF reader, save a copy without a password and import that.",
    ),
    "plan_pdf_damaged": (
        "文件“{name}”无法作为 PDF 打开（可能已损坏或其实不是 PDF）。请用 PDF 阅读器打开确认，"
        "或复制其中文字另存为 .txt 后再导入。",
        "“{name}” cannot be opened as a PDF (damaged or not really a PDF). Check it in a PDF reader, or copy its "
        "text into a .txt file and import that.",
    ),
    "plan_pdf_scanned": (
        "PDF 文件“{name}”里没有可读取的文字（共 {pages} 页），它可能是扫描件或图片。"
        "请先用 WPS、Acrobat 等软件的文字识别（OCR）功能转换为文字，或找到原始的 Word/文本文件再导入。",
        "The PDF “{name}” has no readable text ({pages} pages); it may be a scan. Convert it to text with OCR "
        "(WPS, Acrobat…) or find the original Word or text file.",
    ),
    "plan_missing": (
        "找不到文件“{name}”。请确认文件仍在原来的位置，再重新选择。",
        "“{name}” was not found. Check that the file is still where it was and choose it again.",
    ),
    "plan_folder": (
        "“{name}”是一个文件夹，不是文件。请选择其中的整改方案文件（.docx、.pdf 或 .txt）。",
        "“{name}” is a folder, not a file. Choose the plan file in it (.docx, .pdf or .txt).",
    ),
    "plan_old_word": (
        "暂不支持旧版 Word/WPS 文档“{name}”。请在 Word 或 WPS 中把它“另存为”.docx 或纯文本（.txt），再重新导入。",
        "Old Word/WPS documents such as “{name}” cannot be read. Save it as .docx or plain text (.txt) in Word or WPS.",
    ),
    "plan_kind": (
        "不支持“{name}”这种文件（{suffix}）。请选择 Word 文档（.docx）、PDF、Excel 表格（.xlsx）或纯文本文件（.txt）。",
        "Files like “{name}” ({suffix}) cannot be imported. Choose a Word document (.docx), a PDF, an Excel "
        "workbook (.xlsx) or a plain text file (.txt).",
    ),
    "plan_no_permission": (
        "没有权限读取文件“{name}”。请确认文件没有被其他程序独占，或复制到桌面后再试。",
        "“{name}” may not be read. Check that no other program holds it, or copy it to the desktop and try again.",
    ),
    "plan_read_failed": (
        "读取文件“{name}”时出错（{detail}）。请确认文件可以正常打开后再试。",
        "Reading “{name}” failed ({detail}). Check that the file opens normally and try again.",
    ),
    "plan_no_measure_column": (
        "工作表“{sheet}”的前 10 行里没有找到“整改措施”列。请确认第一张工作表是整改清单，"
        "表头含“问题”“整改措施”“责任人”“完成时限”等列名。",
        "No “整改措施” (measure) column in the first 10 rows of the sheet “{sheet}”. Check that the first sheet is "
        "the rectification list, with headers such as 问题, 整改措施, 责任人 and 完成时限.",
    ),
    "plan_empty": (
        "文件“{name}”里没有文字内容。请确认选对了文件，或在原文档中检查内容后再导入。",
        "“{name}” has no text. Check that it is the right file, or look at its content in the original document.",
    ),
}


class LedgerError(Exception):
    """An error a user can cause or meet: ``code`` is stable, ``facts`` fill the sentence."""

    def __init__(self, code: str, **facts: Any) -> None:
        self.code = code
        self.facts = facts
        super().__init__(self.message())

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, ("{detail}", "{detail}"))
        template = en if lang == "en" else zh
        try:
            return template.format(**self.facts)
        except (KeyError, IndexError):
            return f"{template} {self.facts}"


class KnownStorageError(LedgerError):
    """The environment's fault, not a bug: shown to the user. Its codes: busy, locked (open in another window),
    read_only, disk_full, damaged, not_a_ledger, unreadable, io_error, too_new, needs_upgrade (an older file
    opened only to read)."""
