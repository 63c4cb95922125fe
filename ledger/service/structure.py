"""The ledger's commands on communities, categories and problems (a part of ``Ledger``, ledger/service/commands.py)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError
from ledger.storage import new_id

if TYPE_CHECKING:
    from ledger.service.tx import Tx
    from ledger.storage import Store


class StructureCommands:
    """Add, rename, reorder and delete communities, categories and problems; mixed into ``Ledger``, whose
    ``command`` runs each one as a journalled transaction."""

    store: Store
    command: Callable[[str, str | None, dict[str, Any]], AbstractContextManager[Tx]]
    _next_sort: Callable[..., int]

    def community_id(self, name: str) -> str:
        cid = self.store.one("SELECT id FROM community WHERE name = ?", (name.strip(),))
        if cid is None:
            raise LedgerError("no_such_community", name=name)
        return str(cid)

    def add_community(
        self,
        name: str,
        *,
        kind: str = "居民区",
        secretary: str = "",
        leader: str = "",
        example: bool = False,
        id: str | None = None,
    ) -> str:
        name = name.strip()
        if not name:
            raise LedgerError("empty_field", field="居民区名称")
        if self.store.one("SELECT 1 FROM community WHERE name = ?", (name,)):
            raise LedgerError("duplicate_name", name=name, what="居民区")
        cid = id or new_id()
        with self.command("add_community", None, {"name": name}) as tx:
            tx.insert(
                "community",
                {
                    "id": cid,
                    "name": name,
                    "kind": kind,
                    "secretary": secretary.strip(),
                    "leader": leader.strip(),
                    "sort": self._next_sort("community"),
                    "example": int(example),
                },
            )
        return cid

    def update_community(self, community_id: str, **fields: Any) -> None:
        allowed = {"name", "kind", "secretary", "leader"}
        bad = set(fields) - allowed
        if bad:
            raise LedgerError("bad_value", field="居民区字段", value=",".join(sorted(bad)), detail="不能修改")
        if "name" in fields:
            fields["name"] = str(fields["name"]).strip()
            if not fields["name"]:
                raise LedgerError("empty_field", field="居民区名称")
            other = self.store.one("SELECT id FROM community WHERE name = ?", (fields["name"],))
            if other and other != community_id:
                raise LedgerError("duplicate_name", name=fields["name"], what="居民区")
        with self.command("update_community", None, {"id": community_id, **fields}) as tx:
            tx.update("community", community_id, **fields)

    def _move(self, table: str, id_: str, delta: int, group_col: str | None, command: str) -> None:
        row = self.store.row(table, id_)
        if row is None:
            raise LedgerError(f"no_such_{table}", id=id_, name=id_)
        where = "1"
        params: tuple[Any, ...] = ()
        if group_col:
            where, params = (f"{group_col} = ?", (row[group_col],))
        ids = [
            r[0]
            for r in self.store.conn.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY sort, rowid", params
            )
        ]
        i = ids.index(id_)
        j = max(0, min(len(ids) - 1, i + delta))
        if i == j:
            return
        ids.insert(j, ids.pop(i))
        with self.command(command, None, {"id": id_, "delta": delta}) as tx:
            for n, other in enumerate(ids, start=1):
                tx.update(table, other, sort=n)

    def move_community(self, community_id: str, delta: int) -> None:
        self._move("community", community_id, delta, None, "move_community")

    def delete_community(self, community_id: str) -> None:
        self._delete_container(
            "community",
            community_id,
            "SELECT COUNT(*) FROM task WHERE community_id = ? AND deleted_at IS NULL",
            "name",
            "delete_community",
        )

    def add_category(self, title: str, *, id: str | None = None) -> str:
        title = title.strip()
        if not title:
            raise LedgerError("empty_field", field="问题类别")
        cid = id or new_id()
        with self.command("add_category", None, {"title": title}) as tx:
            tx.insert("category", {"id": cid, "title": title, "sort": self._next_sort("category")})
        return cid

    def update_category(self, category_id: str, title: str) -> None:
        if not title.strip():
            raise LedgerError("empty_field", field="问题类别")
        with self.command("update_category", None, {"id": category_id, "title": title.strip()}) as tx:
            tx.update("category", category_id, title=title.strip())

    def move_category(self, category_id: str, delta: int) -> None:
        self._move("category", category_id, delta, None, "move_category")

    def delete_category(self, category_id: str) -> None:
        self._delete_container(
            "category",
            category_id,
            "SELECT COUNT(*) FROM problem WHERE category_id = ?",
            "title",
            "delete_category",
        )

    def add_problem(self, category_id: str, title: str, detail: str = "", *, id: str | None = None) -> str:
        title = title.strip()
        if not title:
            raise LedgerError("empty_field", field="反馈问题")
        if self.store.row("category", category_id) is None:
            raise LedgerError("no_such_category", id=category_id)
        pid = id or new_id()
        with self.command("add_problem", None, {"category_id": category_id, "title": title}) as tx:
            tx.insert(
                "problem",
                {
                    "id": pid,
                    "category_id": category_id,
                    "title": title,
                    "detail": detail,
                    "sort": self._next_sort("problem", "category_id = ?", (category_id,)),
                },
            )
        return pid

    def update_problem(self, problem_id: str, **fields: Any) -> None:
        bad = set(fields) - {"title", "detail", "category_id"}
        if bad:
            raise LedgerError(
                "bad_value", field="反馈问题字段", value=",".join(sorted(bad)), detail="不能修改"
            )
        if "title" in fields and not str(fields["title"]).strip():
            raise LedgerError("empty_field", field="反馈问题")
        with self.command("update_problem", None, {"id": problem_id, **fields}) as tx:
            tx.update("problem", problem_id, **fields)

    def move_problem(self, problem_id: str, delta: int) -> None:
        self._move("problem", problem_id, delta, "category_id", "move_problem")

    def delete_problem(self, problem_id: str) -> None:
        self._delete_container(
            "problem",
            problem_id,
            "SELECT COUNT(*) FROM task WHERE problem_id = ? AND deleted_at IS NULL",
            "title",
            "delete_problem",
        )

    def _delete_container(self, table: str, id_: str, count_sql: str, name_col: str, command: str) -> None:
        row = self.store.row(table, id_)
        if row is None:
            raise LedgerError(f"no_such_{table}", id=id_, name=id_)
        count = int(self.store.one(count_sql, (id_,)))
        if count:
            what = "个反馈问题" if table == "category" else "条整改任务"
            raise LedgerError("not_empty", name=row[name_col], count=count, what=what)
        with self.command(command, None, {"id": id_}) as tx:
            if table in ("community", "problem"):
                # Tasks deleted earlier still hold rows; they go with their container. The journal keeps them.
                col = "community_id" if table == "community" else "problem_id"
                for (tid,) in self.store.conn.execute(
                    f"SELECT id FROM task WHERE {col} = ?", (id_,)
                ).fetchall():
                    for dep in ("indicator", "evidence", "review", "extension", "recheck_item"):
                        for (did,) in self.store.conn.execute(
                            f"SELECT id FROM {dep} WHERE task_id = ?", (tid,)
                        ).fetchall():
                            tx.delete(dep, did)
                    tx.delete("task", tid)
            tx.delete(table, id_)
