"""The one write path: named commands, checked, written and journalled in one transaction (DESIGN promise 1)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.core import (
    FIELD_LABELS,
    Clock,
    Kind,
    LedgerError,
    Operator,
    Role,
    Status,
    parse_date,
)
from ledger.core.people import PASSWORDS_SETTING, PEOPLE_SETTING
from ledger.service import permissions
from ledger.service.bulk import BulkCommands
from ledger.service.reads import LedgerReads
from ledger.service.steps import StepCommands
from ledger.service.structure import StructureCommands
from ledger.storage import Store, new_id
from ledger.storage.store import known_storage_error

if TYPE_CHECKING:
    from ledger.core import workflow
    from ledger.service.tx import Changed, Tx
    from ledger.storage.journal import Change

log = logging.getLogger(__name__)

DEFAULT_ORIGIN = "本机"
SYSTEM = Operator("系统", Role.WORK_TEAM)

# Commands a person may undo; sign-off decisions are corrected by the workflow (return, reopen), not undone.
UNDOABLE = frozenset(
    {
        "update_task",
        "update_progress",
        "add_task",
        "delete_task",
        "add_indicator",
        "update_indicator",
        "remove_indicator",
        "add_community",
        "update_community",
        "delete_community",
        "move_community",
        "add_category",
        "update_category",
        "delete_category",
        "move_category",
        "add_problem",
        "update_problem",
        "delete_problem",
        "move_problem",
        "start",
        "set_ongoing",
        "undo",
        "set_setting",
    }
)

# In a community package (居民区模式) the secretary may run only these commands; the rest belong to the work team
# on the master ledger. Field-level limits (progress only, indicators' actuals) are checked in the commands.
PACKAGE_COMMANDS = permissions.SECRETARY_WORK | {
    "update_task",  # progress only (PACKAGE_TASK_FIELDS)
    "undo",
    "return_package",
    "issue_package",
}
PACKAGE_TASK_FIELDS = frozenset({"progress"})
COMMAND_LABELS_ZH = {
    "update_task": "修改任务",
    "add_task": "新增任务",
    "delete_task": "删除任务",
    "approve": "审核通过",
    "return": "退回",
    "reopen": "重启整改",
    "set_setting": "修改台账设置",
    "decide_extension": "审批延期",
    "draw_recheck": "回头看抽查",
    "record_recheck": "记录回头看结果",
    "update_indicator": "修改指标目标值",
    "remove_indicator": "删除下发的量化指标",
    "add_community": "新增居民区",
    "update_community": "修改居民区",
    "delete_community": "删除居民区",
    "move_community": "调整居民区顺序",
    "add_category": "新增问题类别",
    "update_category": "修改问题类别",
    "delete_category": "删除问题类别",
    "move_category": "调整问题类别顺序",
    "add_problem": "新增反馈问题",
    "update_problem": "修改反馈问题",
    "delete_problem": "删除反馈问题",
    "move_problem": "调整反馈问题顺序",
    "import_plan": "导入整改方案",
    "generate": "批量生成",
}


class Ledger(StructureCommands, StepCommands, BulkCommands, LedgerReads):
    """An open ledger with its clock, its operator and its origin. Every write goes through a method here."""

    def __init__(
        self,
        store: Store,
        clock: Clock | None = None,
        operator: Operator | None = None,
        origin: str = DEFAULT_ORIGIN,
    ) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.operator = operator or SYSTEM
        self.origin = origin
        self.occurred_at: str | None = (
            None  # when what is being written happened elsewhere (a package's entry)
        )
        self._joining: Tx | None = None  # an open command whose entry the commands inside it join
        self._observers: list[Callable[[Changed], None]] = []
        self._batch: list[Changed] | None = None  # the notices held by an open batch()
        self._stats_cache: tuple[tuple[int, str], dict[str, Any]] | None = None
        # The password the person at the keyboard gave for the signing act in hand (``sign_with``); never stored.
        self.signing_password: str | None = None
        self.chain_confirmed_by: str = ""  # the leader who confirmed a change of the review chain
        # Asked for the signer's password at the moment of a signing act when none was given (the window's dialog):
        # (signer, act) -> the password, or None when the person cancels.
        self.password_prompt: Callable[[str, str], str | None] | None = None

    # ---- opening ---------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        clock: Clock | None = None,
        operator: Operator | None = None,
        lock: bool = True,
        read_only: bool = False,
        upgrade: bool = True,
    ) -> Ledger:
        """The ledger at ``path`` (``Store.open``): ``read_only`` for work that only reads beside the window that
        holds the file, ``upgrade=False`` for work that only reads and has no one to ask: an older file is then
        refused (``needs_upgrade``), never upgraded."""
        return cls(Store.open(path, lock=lock, read_only=read_only, upgrade=upgrade), clock, operator)

    @classmethod
    def create(
        cls, path: str | Path, *, org: str = "", clock: Clock | None = None, operator: Operator | None = None
    ) -> Ledger:
        ledger = cls(Store.open(path, create=True), clock, operator)
        from ledger.core import workflow

        with ledger.command("create_ledger", None, {"org": org}) as tx:
            ledger.put_setting(tx, "ledger_id", new_id())
            ledger.put_setting(tx, "org_name", org.strip() or "本单位")
            ledger.put_setting(tx, "review_chain", workflow.chain_to_setting(workflow.DEFAULT_CHAIN))
            ledger.put_setting(tx, "due_soon_days", 7)
        return ledger

    def close(self) -> None:
        self.store.close()

    @property
    def path(self) -> Path:
        return self.store.path

    def subscribe(self, callback: Callable[[Changed], None]) -> None:
        self._observers.append(callback)

    def unsubscribe(self, callback: Callable[[Changed], None]) -> None:
        with contextlib.suppress(ValueError):
            self._observers.remove(callback)

    # ---- the transaction every command runs in ---------------------------------------------
    @property
    def package(self) -> dict[str, Any] | None:
        """The package record when this file is a community package (居民区模式), else None.

        Read once and kept until a command changes a setting (it is asked for by every command)."""
        if not hasattr(self, "_package"):
            value = self.setting("package")
            self._package = value if isinstance(value, dict) else None
        return self._package

    def _package_guard(self, command: str, what: str | None = None) -> None:
        info = self.package
        if info is None:
            return
        if what is not None or command not in PACKAGE_COMMANDS:
            raise LedgerError(
                "package_mode",
                community=info.get("community", ""),
                action=what or COMMAND_LABELS_ZH.get(command, command),
            )

    @contextlib.contextmanager
    def acting_as(
        self, operator: Operator | None = None, origin: str | None = None, occurred_at: str | None = None
    ) -> Iterator[None]:
        """Write as ``operator`` from ``origin`` (None: unchanged) inside the block, recording ``occurred_at`` as
        when it happened (a replayed package entry: the time on the community's computer); all are restored after
        it, also when it fails (a replayed package entry is journalled as its secretary, from the package file)."""
        saved = (self.operator, self.origin, self.occurred_at)
        self.operator = operator or self.operator
        self.origin = origin if origin is not None else self.origin
        self.occurred_at = occurred_at if occurred_at is not None else self.occurred_at
        try:
            yield
        finally:
            self.operator, self.origin, self.occurred_at = saved

    @contextlib.contextmanager
    def sign_with(self, password: str | None) -> Iterator[None]:
        """Run the signing acts inside the block confirmed by ``password`` (签字确认): a signer who has a password
        is refused without it, or with a wrong one. The password is forgotten after the block."""
        saved = self.signing_password
        self.signing_password = password
        try:
            yield
        finally:
            self.signing_password = saved

    @contextlib.contextmanager
    def batch(self, command: str | None = None, *, source: object = None) -> Iterator[None]:
        """One operation, one notice: the notices of the commands inside are merged into one ``Changed`` (named
        ``command`` when given, carrying ``source``: the view that started it) and sent when the outermost block
        ends. When it fails, only what stayed written is told: a command rolled back with an enclosing transaction
        has no journal entry any more, one that committed before the failure has. Nested blocks join the
        outermost."""
        outer = self._batch is None
        if outer:
            self._batch = []
        try:
            yield
        except BaseException:
            if outer:
                held, self._batch = self._batch or [], None
                kept = [
                    c for c in held if self.store.one("SELECT 1 FROM journal WHERE id = ?", (c.entry_id,))
                ]
                if kept:
                    self._send_merged(kept, command, source)
            raise
        if not outer:
            return
        held, self._batch = self._batch or [], None
        if held:
            self._send_merged(held, command, source)

    def _send_merged(self, held: list[Changed], command: str | None, source: object) -> None:
        merged = held[0]
        for changed in held[1:]:
            merged = merged | changed
        merged = dataclasses.replace(
            merged,
            command=command or merged.command,
            source=source if source is not None else merged.source,
        )
        self._send(merged)

    def notify(self, changed: Changed) -> None:
        """Tell the observers about ``changed`` (inside a batch: add it to the batch's one notice). For writes an
        operation makes beside the commands, such as a package merge's replayed rows."""
        if self._batch is not None:
            self._batch.append(changed)
        else:
            self._send(changed)

    def _send(self, changed: Changed) -> None:
        for callback in list(self._observers):
            callback(changed)

    @contextlib.contextmanager
    def command(
        self, command: str, task_id: str | None, args: dict[str, Any], *, absorb: bool = False
    ) -> Iterator[Tx]:
        """One journalled transaction. ``absorb``: the commands run inside this one (e.g. the write a conflict
        decision makes) add their changes to THIS entry instead of making their own, so one act is one entry."""
        # What a command writes and tells: imported when the first command runs, not before the window's first
        # paint (Changed, a frozen dataclass, costs ~6 M instructions to create).
        from ledger.service.tx import Changed, Tx, changed_tables

        self._package_guard(command)
        if permissions.check(self, command, task_id, args):
            args = {**args, "signed": True}
        if self._joining is not None:
            outer = self._joining
            mark = len(outer.changes)
            try:
                with self.store.db.atomic():
                    yield outer
            except BaseException:
                del outer.changes[mark:]  # rolled back to the savepoint: not part of the entry either
                raise
            return
        tx = Tx(self)
        try:
            with self.store.db.atomic():
                self._joining = tx if absorb else None
                try:
                    yield tx
                finally:
                    self._joining = None
                self._refresh_order(tx.changes)
                if tx.changes:
                    from ledger.storage import journal

                    tx.entry = journal.append(
                        self.store,
                        at=self.clock.now().isoformat(sep=" "),
                        actor=self.operator.name,
                        role=self.operator.role.value,
                        origin=self.origin,
                        command=command,
                        task_id=task_id,
                        args=args,
                        changes=tx.changes,
                        occurred_at=self.occurred_at,
                    )
        except sqlite3.Error as exc:
            raise known_storage_error(exc, self.store.path) from exc
        if tx.entry is None:
            return
        tables = changed_tables(tx.changes)
        if "setting" in tables and hasattr(self, "_package"):
            del self._package
        changed = Changed(
            command,
            tx.entry.id,
            frozenset(c.id for c in tx.changes if c.table == "task")
            | frozenset(str((c.row or {}).get("task_id") or "") for c in tx.changes if c.table != "task")
            - {""}
            | ({task_id} if task_id else set()),
            tables,
            frozenset(c.field or "*" for c in tx.changes),
            frozenset(c.table for c in tx.changes if c.op != "update" or c.field == "deleted_at"),
            frozenset(c.id for c in tx.changes if c.table == "setting"),
        )
        self.notify(changed)

    def _refresh_order(self, changes: list[Change]) -> None:
        """Keep the derived order keys (problem.rank, community.rank, task.ord_*) in step; not journalled."""
        structure = any(c.table in ("community", "category", "problem") for c in changes)
        new_tasks = [c.id for c in changes if c.table == "task" and c.op == "insert"]
        moved = [c.id for c in changes if c.table == "task" and c.field in ("problem_id", "community_id")]
        if not (structure or new_tasks or moved):
            return
        conn = self.store.conn
        if structure:
            for table, order_sql, col in (
                (
                    "problem",
                    "SELECT p.id, p.rank FROM problem p JOIN category c ON c.id = p.category_id "
                    "ORDER BY c.sort, c.rowid, p.sort, p.rowid",
                    "ord_problem",
                ),
                ("community", "SELECT id, rank FROM community ORDER BY sort, rowid", "ord_community"),
            ):
                changed = [
                    (i, id_)
                    for i, (id_, old) in enumerate(conn.execute(order_sql).fetchall(), start=1)
                    if old != i
                ]
                conn.executemany(f"UPDATE {table} SET rank = ? WHERE id = ?", changed)
                key = "problem_id" if table == "problem" else "community_id"
                conn.executemany(f"UPDATE task SET {col} = ? WHERE {key} = ?", changed)
        per_task = (
            "UPDATE task SET ord_problem = (SELECT rank FROM problem WHERE id = task.problem_id), "
            "ord_community = (SELECT rank FROM community WHERE id = task.community_id)"
        )
        if len(new_tasks) > 500:
            conn.execute(per_task + " WHERE ord_problem = 0 OR ord_community = 0")
            new_tasks = []
        conn.executemany(per_task + " WHERE id = ?", [(t,) for t in new_tasks + moved])

    # ---- settings --------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        raw = self.store.one("SELECT value FROM setting WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def put_setting(self, tx: Tx, key: str, value: Any) -> None:
        from ledger.storage.journal import Change

        text = json.dumps(value, ensure_ascii=False)
        old = self.store.one("SELECT value FROM setting WHERE key = ?", (key,))
        if old is None:
            self.store.conn.execute("INSERT INTO setting(key, value) VALUES (?, ?)", (key, text))
            tx.changes.append(Change("insert", "setting", key, row={"key": key, "value": value}))
        elif old != text:
            self.store.conn.execute("UPDATE setting SET value = ? WHERE key = ?", (text, key))
            tx.changes.append(Change("update", "setting", key, "value", json.loads(old), value))

    def set_setting(self, key: str, value: Any) -> str | None:
        """The journal entry's id, or None when the setting already had this value."""
        if key == "app":
            raise LedgerError("bad_setting", key=key, detail="这是程序内部使用的设置")
        if key in (PEOPLE_SETTING, PASSWORDS_SETTING):
            raise LedgerError("register_secret", key=key)
        if key == "review_chain":
            from ledger.core import workflow

            workflow.check_chain(workflow.chain_from_setting(value))
            if permissions.register(self) and not self.chain_confirmed_by:
                raise LedgerError(
                    "chain_needs_leader", detail="请在“审核链”中选择确认的领导，并由其输入签字密码"
                )
        if key == "due_soon_days" and (not isinstance(value, int) or value < 0):
            raise LedgerError("bad_setting", key="临期天数", detail="必须是不小于 0 的整数")
        args = {"key": key, "value": value}
        if key == "review_chain" and self.chain_confirmed_by:
            args["confirmed_by"] = self.chain_confirmed_by
        with self.command("set_setting", None, args) as tx:
            self.put_setting(tx, key, value)
        return tx.entry.id if tx.entry else None

    @property
    def org_name(self) -> str:
        return str(self.setting("org_name", "本单位"))

    @property
    def chain(self) -> tuple[workflow.Level, ...]:
        from ledger.core import workflow  # the review workflow: not imported before the first paint

        return workflow.chain_from_setting(self.setting("review_chain"))

    @property
    def due_soon_days(self) -> int:
        return int(self.setting("due_soon_days", 7))

    def _next_sort(self, table: str, where: str = "1", params: tuple[Any, ...] = ()) -> int:
        return int(self.store.one(f"SELECT COALESCE(MAX(sort), 0) + 1 FROM {table} WHERE {where}", params))

    # ---- tasks -----------------------------------------------------------------------------
    def _check_task_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key in ("measure", "owner"):
                text = str(value or "").strip()
                if not text:
                    raise LedgerError("empty_field", field="整改措施" if key == "measure" else "责任人")
                out[key] = text
            elif key in ("leader", "department", "progress", "detail"):
                out[key] = str(value or "").strip() if key != "progress" else str(value or "").rstrip()
            elif key == "deadline":
                out[key] = parse_date(value)
            elif key == "kind":
                kinds = {k.value for k in Kind}
                if value not in kinds:
                    raise LedgerError("bad_kind", value=value)
                out[key] = value
            elif key == "community_id":
                if self.store.row("community", str(value)) is None:
                    raise LedgerError("no_such_community", name=value)
                out[key] = value
            elif key == "problem_id":
                if self.store.row("problem", str(value)) is None:
                    raise LedgerError("no_such_problem", id=value)
                out[key] = value
            else:
                raise LedgerError("bad_value", field="任务字段", value=key, detail="不能直接修改")
        return out

    def add_task(
        self,
        problem_id: str,
        community_id: str,
        measure: str,
        *,
        id: str | None = None,
        status: Status = Status.NOT_STARTED,
        example: bool = False,
        **fields: Any,
    ) -> str:
        checked = self._check_task_fields(
            {"problem_id": problem_id, "community_id": community_id, "measure": measure, **fields}
        )
        now = self.clock.now().isoformat(sep=" ")
        tid = id or new_id()
        row = {
            "id": tid,
            "problem_id": problem_id,
            "community_id": community_id,
            "measure": checked["measure"],
            "detail": checked.get("detail", ""),
            "kind": checked.get("kind", Kind.DEADLINE.value),
            "owner": checked.get("owner", ""),
            "leader": checked.get("leader", ""),
            "department": checked.get("department", ""),
            "deadline": checked.get("deadline"),
            "original_deadline": None,  # 原定时限: set when the first extension is approved, never before
            "status": Status(status).value,
            "progress": checked.get("progress", ""),
            "return_reason": "",
            "review_round": 0,
            "review_level": 0,
            "sort": self._next_sort(
                "task", "problem_id = ? AND community_id = ?", (problem_id, community_id)
            ),
            "example": int(example),
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
        }
        with self.command(
            "add_task",
            tid,
            {"problem_id": problem_id, "community_id": community_id, "measure": row["measure"]},
        ) as tx:
            tx.insert("task", row)
        return tid

    def require_task(self, task_id: str) -> dict[str, Any]:
        row = self.store.row("task", task_id)
        if row is None or row["deleted_at"] is not None:
            raise LedgerError("no_such_task", task=task_id)
        return row

    def _require_open_task(self, task_id: str) -> dict[str, Any]:
        """A task that may still be edited: a signed-off task is locked until it is reopened with a reason."""
        row = self.require_task(task_id)
        if row["status"] == Status.CLOSED.value:
            raise LedgerError("task_locked", measure=row["measure"])
        return row

    def update_task(self, task_id: str, **fields: Any) -> str | None:
        """Edit a task's plain fields (owner, leader, department, deadline, kind, progress, measure, detail)."""
        current = self._require_open_task(task_id)
        if "progress" in fields and permissions.locked_for_review(current):
            if str(fields["progress"] or "").rstrip() != current["progress"]:
                raise LedgerError("under_review", measure=current["measure"], what="整改进展")
        if self.package is not None and set(fields) - PACKAGE_TASK_FIELDS:
            self._package_guard(
                "update_task",
                "修改" + "、".join(FIELD_LABELS.get(k, k) for k in sorted(set(fields) - PACKAGE_TASK_FIELDS)),
            )
        # A direct change of the deadline is a correction (更正), whoever makes it: 原定时限 is only fixed by the
        # approval of an extension (ledger.signoff.deadlines), so a correction never moves it.
        checked = self._check_task_fields(fields)
        command = "update_progress" if set(checked) == {"progress"} else "update_task"
        with self.command(command, task_id, {"task": task_id, **checked}) as tx:
            if tx.update("task", task_id, _row=current, **checked):
                tx.update("task", task_id, updated_at=self.clock.now().isoformat(sep=" "))
        return tx.entry.id if tx.entry else None

    def update_progress(self, task_id: str, text: str) -> str | None:
        return self.update_task(task_id, progress=text)

    def delete_task(self, task_id: str) -> None:
        self._require_open_task(task_id)
        with self.command("delete_task", task_id, {"task": task_id}) as tx:
            tx.update("task", task_id, deleted_at=self.clock.now().isoformat(sep=" "))

    # ---- reads (the rest are in ledger/service/reads.py) -------------------------------------------------
    def today(self) -> dt.date:
        return self.clock.today()

    # ---- undo ------------------------------------------------------------------------------
    def undo(self, entry_id: str) -> str | None:
        """Reverse one journal entry as a new entry (its inverse); returns the new entry's id (None when the rows
        are already as the entry found them: nothing to reverse)."""
        from ledger.storage import journal

        target = journal.entry(self.store, entry_id)
        if (
            target is None
            or target.command not in UNDOABLE
            or target.args.get("key") in permissions.SIGNED_SETTINGS
        ):
            raise LedgerError("nothing_to_undo")  # a chain confirmed by a leader is changed again, not undone
        for change in target.changes:
            if (
                change.table == "task"
                and change.op == "update"
                and change.field not in ("status", "deleted_at")
            ):
                row = self.store.row("task", change.id)
                if row is not None and row["status"] == Status.CLOSED.value:
                    raise LedgerError("task_locked", measure=row["measure"])
        from ledger.service.tx import TABLE_KEY

        with self.command("undo", target.task_id, {"entry": entry_id, "of": target.command}) as tx:
            for change in reversed(target.changes):
                key = TABLE_KEY.get(change.table, "id")
                if change.op == "update" and change.field is not None:
                    now_rows = self.store.rows(f"SELECT * FROM {change.table} WHERE {key} = ?", (change.id,))
                    now = now_rows[0][change.field] if now_rows else None
                    if change.table == "setting":
                        now = json.loads(now) if now is not None else None
                    if now != change.after and change.field != "updated_at":
                        raise LedgerError(
                            "undo_conflict", field=FIELD_LABELS.get(change.field, change.field), now=now
                        )
                    if change.table == "setting":
                        self.put_setting(tx, change.id, change.before)
                    else:
                        tx.update(change.table, change.id, **{change.field: change.before})
                elif change.op == "insert":
                    now_rows = self.store.rows(f"SELECT * FROM {change.table} WHERE {key} = ?", (change.id,))
                    if now_rows:
                        for name, value in (change.row or {}).items():
                            if name not in ("updated_at", "sort") and now_rows[0].get(name) != value:
                                raise LedgerError(
                                    "undo_conflict",
                                    field=FIELD_LABELS.get(name, name),
                                    now=now_rows[0].get(name),
                                )
                    try:
                        tx.delete(change.table, change.id)
                    except sqlite3.IntegrityError:
                        raise LedgerError(
                            "undo_conflict", field="下级记录", now="已添加了指标、任务或其他下级记录"
                        ) from None
                elif change.op == "delete" and change.row is not None:
                    tx.insert(change.table, change.row)
        return tx.entry.id if tx.entry else None
