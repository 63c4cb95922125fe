"""The ledger's commands on a task's indicators and its workflow steps (start … approve, return, reopen); a part of
``Ledger``."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from ledger.core.errors import LedgerError
from ledger.core.model import FIELD_LABELS, Operator, Status
from ledger.core.values import parse_number
from ledger.storage.schema import new_id

if TYPE_CHECKING:
    from ledger.core import workflow
    from ledger.core.clock import Clock
    from ledger.core.indicator import Indicator
    from ledger.service.tx import Tx
    from ledger.storage.store import Store


class StepCommands:
    """Indicators (targets, actuals) and workflow steps of one task; mixed into ``Ledger``, whose ``command``
    runs each one as a journalled transaction."""

    store: Store
    clock: Clock
    operator: Operator
    command: Callable[[str, str | None, dict[str, Any]], AbstractContextManager[Tx]]
    _next_sort: Callable[..., int]
    _package_guard: Callable[..., None]
    require_task: Callable[[str], dict[str, Any]]
    _require_open_task: Callable[[str], dict[str, Any]]

    if TYPE_CHECKING:

        @property
        def package(self) -> dict[str, Any] | None: ...

        @property
        def chain(self) -> tuple[workflow.Level, ...]: ...

    # ---- indicators ------------------------------------------------------------------------
    def add_indicator(
        self,
        task_id: str,
        name: str,
        unit: str = "",
        target: Any = None,
        actual: Any = None,
        *,
        id: str | None = None,
    ) -> str:
        self._require_open_task(task_id)
        if not name.strip():
            raise LedgerError("empty_field", field="指标名称")
        iid = id or new_id()
        row = {
            "id": iid,
            "task_id": task_id,
            "name": name.strip(),
            "unit": unit.strip(),
            "target": parse_number(target, "目标值", non_negative=True),
            "actual": parse_number(actual, "完成值"),
            "sort": self._next_sort("indicator", "task_id = ?", (task_id,)),
        }
        with self.command("add_indicator", task_id, {"task": task_id, "name": row["name"]}) as tx:
            tx.insert("indicator", row)
            tx.update("task", task_id, updated_at=self.clock.now().isoformat(sep=" "))
        return iid

    def update_indicator(self, indicator_id: str, **fields: Any) -> None:
        row = self.store.row("indicator", indicator_id)
        if row is None:
            raise LedgerError("no_such_indicator", id=indicator_id)
        self._require_open_task(row["task_id"])
        if self.package is not None and set(fields) - {"actual"} and not self._added_here(indicator_id):
            self._package_guard(
                "update_indicator",
                "修改下发指标的"
                + "、".join(FIELD_LABELS.get(k, k) for k in sorted(set(fields) - {"actual"})),
            )
        checked: dict[str, Any] = {}
        for key, value in fields.items():
            if key in ("target", "actual"):
                checked[key] = parse_number(
                    value, "目标值" if key == "target" else "完成值", non_negative=key == "target"
                )
            elif key == "name":
                if not str(value).strip():
                    raise LedgerError("empty_field", field="指标名称")
                checked[key] = str(value).strip()
            elif key == "unit":
                checked[key] = str(value).strip()
            else:
                raise LedgerError("bad_value", field="指标字段", value=key, detail="不能修改")
        with self.command("update_indicator", row["task_id"], {"indicator": indicator_id, **checked}) as tx:
            if tx.update("indicator", indicator_id, **checked):
                tx.update("task", row["task_id"], updated_at=self.clock.now().isoformat(sep=" "))

    def _added_here(self, indicator_id: str) -> bool:
        """Whether an indicator was added in this file (not received in the package)."""
        return (
            self.store.one(
                "SELECT 1 FROM journal WHERE command = 'add_indicator' AND payload LIKE ?",
                (f'%"id":"{indicator_id}"%',),
            )
            is not None
        )

    def remove_indicator(self, indicator_id: str) -> None:
        row = self.store.row("indicator", indicator_id)
        if row is None:
            raise LedgerError("no_such_indicator", id=indicator_id)
        self._require_open_task(row["task_id"])
        if self.package is not None and not self._added_here(indicator_id):
            self._package_guard("remove_indicator", "删除下发的量化指标")
        with self.command("remove_indicator", row["task_id"], {"indicator": indicator_id}) as tx:
            tx.delete("indicator", indicator_id)

    def indicators(self, task_id: str) -> list[Indicator]:
        from ledger.core.indicator import Indicator

        return [
            Indicator(r["id"], r["task_id"], r["name"], r["unit"], r["target"], r["actual"], r["sort"])
            for r in self.store.rows(
                "SELECT * FROM indicator WHERE task_id = ? ORDER BY sort, rowid", (task_id,)
            )
        ]

    # ---- workflow --------------------------------------------------------------------------
    # Each step imports the workflow where it runs: the window's first paint takes none (~18 M instructions).
    def task_state(self, task_id: str) -> workflow.TaskState:
        from ledger.core import workflow

        t = self.require_task(task_id)
        signed_rows = self.store.conn.execute(
            "SELECT reviewer, level_name FROM review WHERE task_id = ? AND round = ? AND decision = 'approve' "
            "ORDER BY level",
            (task_id, t["review_round"]),
        ).fetchall()
        signed = tuple(r[0] for r in signed_rows)
        evidence = int(
            self.store.one(
                "SELECT COUNT(*) FROM evidence WHERE task_id = ? AND removed_at IS NULL", (task_id,)
            )
        )
        unmet = tuple(
            i.name
            for i in self.indicators(task_id)
            if i.target is not None and (i.actual is None or i.actual < i.target)
        )
        submitted_by = ""
        if t["status"] in (Status.SUBMITTED.value, Status.IN_REVIEW.value):
            submitted_by = self._round_submit(task_id)[0]
        return workflow.TaskState(
            Status(t["status"]),
            t["kind"],
            t["review_level"],
            signed,
            evidence,
            unmet,
            t["statement"],
            tuple(r[1] for r in signed_rows),
            submitted_by=submitted_by,
        )

    def _round_submit(self, task_id: str) -> tuple[str, list[Any] | None]:
        """Who applied for the task's current round, and the review chain in force for it (fixed when it was
        submitted); ("", None) when the journal holds no submission."""
        row = self.store.conn.execute(
            "SELECT actor, payload FROM journal WHERE task_id = ? AND command = 'submit' ORDER BY seq DESC LIMIT 1",
            (task_id,),
        ).fetchone()
        if row is None:
            return "", None
        chain = json.loads(row[1]).get("args", {}).get("chain")
        return str(row[0]), chain if isinstance(chain, list) else None

    def round_chain(self, task_id: str) -> tuple[workflow.Level, ...]:
        """The review chain in force for the task's round under review: the one in force when it was submitted (a
        later change of the chain applies from the next round on); the ledger's chain otherwise."""
        from ledger.core import workflow

        t = self.require_task(task_id)
        if t["status"] in (Status.SUBMITTED.value, Status.IN_REVIEW.value):
            chain = self._round_submit(task_id)[1]
            if chain:
                return workflow.chain_from_setting(chain)
        return self.chain

    @property
    def review_checks(self) -> tuple[tuple[str, ...], ...]:
        """What each level of the chain checks (setting ``review_checks``; default: 初审 checks the materials)."""
        from ledger.core import workflow

        return workflow.checks_from_setting(self.setting(workflow.CHECKS_SETTING), self.chain)  # type: ignore[attr-defined]

    def act(
        self,
        task_id: str,
        action: workflow.Action | str,
        *,
        reason: str = "",
        grade: str = "",
        opinion: str = "",
        exception: str = "",
    ) -> workflow.Outcome:
        """Take one workflow step (start, submit, set_ongoing, approve, return, reopen)."""
        from ledger.core import workflow

        action = workflow.Action(action)
        state = self.task_state(task_id)
        t = self.require_task(task_id)
        chain = self.round_chain(task_id)
        outcome = workflow.decide(
            action,
            state,
            self.operator,
            chain,
            reason=reason,
            grade=grade,
            exception=exception,
            checks=workflow.checks_from_setting(self.setting(workflow.CHECKS_SETTING), chain),  # type: ignore[attr-defined]
        )
        now = self.clock.now().isoformat(sep=" ")
        args: dict[str, Any] = {
            "task": task_id,
            "reason": reason,
            "grade": grade,
            "opinion": opinion,
            "exception": exception,
        }
        if action == workflow.Action.SUBMIT:
            args["chain"] = workflow.chain_to_setting(self.chain)
        with self.command(action.value, task_id, args) as tx:
            fields: dict[str, Any] = {
                "status": outcome.status.value,
                "review_level": outcome.review_level,
                "updated_at": now,
            }
            if action == workflow.Action.SUBMIT:
                fields["review_round"] = t["review_round"] + 1
                fields["return_reason"] = ""
                # 销号说明 belongs to this review round: its own field, never appended to the progress text
                fields["statement"] = reason.strip()
            elif action in (workflow.Action.APPROVE, workflow.Action.RETURN):
                level_index = min(state.review_level, len(chain) - 1)
                level = chain[level_index]
                tx.insert(
                    "review",
                    {
                        "id": new_id(),
                        "task_id": task_id,
                        "round": t["review_round"],
                        "level": level_index + 1,
                        "level_name": level.name,
                        "reviewer": self.operator.name,
                        "role": self.operator.role.value,
                        "decision": action.value,
                        "grade": grade,
                        "opinion": opinion or reason,
                        "exception": exception,
                        "at": now,
                        "statement": t["statement"],
                    },
                )
                if action == workflow.Action.RETURN:
                    fields["return_reason"] = f"{level.name}退回：{reason.strip()}"
                elif outcome.second_round:
                    fields["return_reason"] = outcome.notes[0]
            elif action == workflow.Action.REOPEN:
                fields["return_reason"] = f"重启整改：{reason.strip()}"
            tx.update("task", task_id, **fields)
        return outcome
