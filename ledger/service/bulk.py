"""Many new rows as one journalled command (plan import, example and generated ledgers); a part of ``Ledger``."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from ledger.core.errors import LedgerError
from ledger.core.model import Kind, Status
from ledger.core.values import parse_date, parse_number
from ledger.storage.schema import new_id

if TYPE_CHECKING:
    from ledger.core.clock import Clock
    from ledger.service.tx import Tx
    from ledger.storage.store import Store


class BulkCommands:
    """``bulk_insert`` and the complete rows it takes (``new_row``); mixed into ``Ledger``, whose ``command``
    runs the insert as one journalled transaction."""

    store: Store
    clock: Clock
    command: Callable[[str, str | None, dict[str, Any]], AbstractContextManager[Tx]]

    def bulk_insert(
        self, command: str, tables: dict[str, list[dict[str, Any]]], args: dict[str, Any]
    ) -> str | None:
        """Insert many new rows as ONE journalled command (plan import, example and generated ledgers).

        Rows must be complete (see ``new_row``). Uses executemany on the connection inside the command's
        transaction: the bulk path MEASURED.md recommends."""
        order = ("community", "category", "problem", "task", "indicator")
        unknown = set(tables) - set(order) - {"review", "evidence"}
        if unknown:
            raise LedgerError(
                "bad_value", field="表", value=",".join(sorted(unknown)), detail="不支持批量写入"
            )
        from ledger.service.tx import TABLE_KEY, cleaned

        with self.command(command, None, args) as tx:
            for table in order + tuple(t for t in tables if t not in order):
                rows = tables.get(table) or []
                if not rows:
                    continue
                rows = [cleaned(table, r) for r in rows]
                cols = list(rows[0])
                marks = ",".join("?" * len(cols))
                if table == "task" and "problem_id" in cols and "community_id" in cols:
                    # The derived order keys (not journalled) at once, from the ranks the problems and
                    # communities already have: refreshing them afterwards rewrote every new row in 9 indexes.
                    # Rows of a problem or community made in this same command still get theirs afterwards.
                    cols_sql = ",".join(cols) + ",ord_problem,ord_community"
                    marks += (
                        ",COALESCE((SELECT rank FROM problem WHERE id = ?), 0)"
                        ",COALESCE((SELECT rank FROM community WHERE id = ?), 0)"
                    )
                    values: Any = ([r[c] for c in cols] + [r["problem_id"], r["community_id"]] for r in rows)
                else:
                    cols_sql = ",".join(cols)
                    values = ([r[c] for c in cols] for r in rows)
                self.store.conn.executemany(f"INSERT INTO {table} ({cols_sql}) VALUES ({marks})", values)
                key = TABLE_KEY.get(table, "id")
                from ledger.storage.journal import Change

                tx.changes.extend(Change("insert", table, r[key], row=r) for r in rows)
        return tx.entry.id if tx.entry else None

    def new_row(self, table: str, **values: Any) -> dict[str, Any]:
        """A complete row for ``table`` with defaults filled in and values checked like the single commands."""
        now = self.clock.now().isoformat(sep=" ")
        if table == "community":
            base = {
                "id": new_id(),
                "name": "",
                "kind": "居民区",
                "secretary": "",
                "leader": "",
                "sort": 0,
                "example": 0,
            }
        elif table == "category":
            base = {"id": new_id(), "title": "", "sort": 0}
        elif table == "problem":
            base = {"id": new_id(), "category_id": "", "title": "", "detail": "", "sort": 0}
        elif table == "task":
            base = {
                "id": new_id(),
                "problem_id": "",
                "community_id": "",
                "measure": "",
                "detail": "",
                "kind": Kind.DEADLINE.value,
                "owner": "",
                "leader": "",
                "department": "",
                "deadline": None,
                "original_deadline": None,
                "status": Status.NOT_STARTED.value,
                "progress": "",
                "return_reason": "",
                "review_round": 0,
                "review_level": 0,
                "sort": 0,
                "example": 0,
                "created_at": now,
                "updated_at": now,
                "deleted_at": None,
            }
            if "deadline" in values:
                values["deadline"] = parse_date(values["deadline"])
            if values.get("original_deadline") is not None:
                values["original_deadline"] = parse_date(values["original_deadline"])
            if "kind" in values and values["kind"] not in {k.value for k in Kind}:
                raise LedgerError("bad_kind", value=values["kind"])
            if "status" in values:
                values["status"] = Status(values["status"]).value
        elif table == "indicator":
            base = {
                "id": new_id(),
                "task_id": "",
                "name": "",
                "unit": "",
                "target": None,
                "actual": None,
                "sort": 0,
            }
            for k in ("target", "actual"):
                if k in values:
                    values[k] = parse_number(
                        values[k], "目标值" if k == "target" else "完成值", non_negative=k == "target"
                    )
        else:
            raise LedgerError("bad_value", field="表", value=table, detail="不支持批量写入")
        unknown = set(values) - set(base)
        if unknown:
            raise LedgerError(
                "bad_value", field=table, value=",".join(sorted(unknown)), detail="没有这些字段"
            )
        for k in ("example",):
            if k in values:
                values[k] = int(values[k])
        base.update(values)
        return base
