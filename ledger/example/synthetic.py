"""Generated ledgers of any size (benchmarks, load tests): realistic Chinese text, a seeded mix of states."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ledger.core import Clock, FixedClock, Kind, Operator, Role, Status
from ledger.service import Ledger

T = TypeVar("T")
_PLACES = "莘庄 鑫峰 天恒 瓶安 新源 申莘 南郊 金都 春申 莲花 古美 虹梅 华漕 七宝 颛桥 马桥 吴泾 浦江 梅陇 江川".split()
_SUFFIX = "苑 名城 花园 新村 家园 别墅 公寓 一村 二村 雅居".split()
_TOPICS = [
    "党建引领基层治理",
    "安全风险隐患排查",
    "网格化管理运转",
    "四责协同机制",
    "中央八项规定精神",
    "补贴发放审核",
    "组织生活制度",
    "基础党务工作",
    "党群专项经费",
    "垃圾分类",
    "群租整治",
    "消防通道",
]
_VERBS = [
    "强化宣传培训",
    "完善硬件设施",
    "建立常态化机制",
    "压实安全责任",
    "开展专项整治",
    "加强日常巡查",
    "优化网格队伍",
    "完善工作流程",
    "强化部门联动",
    "规范采购流程",
    "加强资产管理",
    "强化民主监督",
]
_INDICATORS = ["宣传培训", "专项检查", "入户走访", "隐患整改", "会议学习", "设施维修"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
_STATUSES = [
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.CLOSED,
    Status.CLOSED,
    Status.ONGOING,
    Status.REOPENED,
]


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.6 else "")


BATCH = 25_000  # tasks per journal entry: one "import" of this many keeps a 1M-task run within memory


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng``: the same seed makes the same ledger."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _pick(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice`` without its checks: a million tasks make ten million picks."""
    return seq[int(rng.random() * len(seq))]


def _without_indexes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the secondary indexes of ``tables`` and return their SQL: a bulk load then builds each one by sorting
    once instead of inserting a million random keys into fourteen B-trees."""
    marks = ",".join("?" * len(tables))
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _sql in found:
        conn.execute(f"DROP INDEX {name}")
    return [sql for _name, sql in found]


def generate(
    path: str | Path,
    *,
    tasks: int = 10_000,
    communities: int = 500,
    problems: int | None = None,
    seed: int = 1,
    clock: Clock | None = None,
    org: str = "生成的测试台账",
    progress: Callable[[int, int], None] | None = None,
) -> Ledger:
    """Create a ledger of ``tasks`` tasks over ``communities`` communities; returns it open.

    Journalled like imports: the structure and each ``BATCH`` tasks (with their indicators) are one bulk entry
    each, by 生成器. The ledger is flagged ``generated`` (the window says so, like the example's badge).
    ``progress(done, total)`` is called after each batch."""
    rng = random.Random(seed)
    clock = clock or FixedClock()
    today = clock.today()
    ledger = Ledger.create(path, org=org, clock=clock, operator=Operator("生成器", Role.WORK_TEAM))
    # A bigger page cache while the indexes grow (random keys): the default 2 MB makes 1M inserts seek all day.
    ledger.store.conn.execute("PRAGMA cache_size = -262144")
    ledger.set_setting("generated", {"tasks": tasks, "communities": communities, "seed": seed})
    communities = max(1, min(communities, tasks or 1))
    if problems is None:
        problems = max(1, min(100, tasks // communities or 1))
    structure: dict[str, list[dict[str, Any]]] = {"community": [], "category": [], "problem": []}
    names: set[str] = set()
    for i in range(communities):
        name = rng.choice(_PLACES) + rng.choice(_SUFFIX)
        while name in names:
            name = f"{rng.choice(_PLACES)}{rng.choice(_SUFFIX)}{len(names) + 1}"
        names.add(name)
        structure["community"].append(
            ledger.new_row("community", id=_uuid(rng), name=name, secretary=_person(rng), sort=i + 1)
        )
    n_categories = max(1, min(8, problems // 3 or 1))
    for i in range(n_categories):
        structure["category"].append(
            ledger.new_row(
                "category", id=_uuid(rng), title=f"关于{_TOPICS[i % len(_TOPICS)]}方面的整改", sort=i + 1
            )
        )
    for i in range(problems):
        cat = structure["category"][i % n_categories]
        structure["problem"].append(
            ledger.new_row(
                "problem",
                id=_uuid(rng),
                category_id=cat["id"],
                sort=i + 1,
                title=f"针对{_TOPICS[i % len(_TOPICS)]}不到位的问题（{i + 1}）",
            )
        )
    args = {"tasks": tasks, "communities": communities, "seed": seed}
    ledger.bulk_insert("generate", structure, args)  # first, so that the tasks find their ranks
    conn = ledger.store.conn
    with ledger.store.db.atomic():
        indexes = _without_indexes(conn, ("task", "indicator"))
    people = sorted({_person(rng) for _ in range(3000)})
    task_base = ledger.new_row("task")
    indicator_base = ledger.new_row("indicator")
    kinds = [k.value for k in Kind]
    coms = [(c["id"], c["name"] + "党总支") for c in structure["community"]]
    probs = [p["id"] for p in structure["problem"]]
    deadlines = [(today + dt.timedelta(days=d)).isoformat() for d in range(-60, 121)]
    done = 0
    while done < tasks:
        end = min(tasks, done + BATCH)
        task_rows: list[dict[str, Any]] = []
        indicator_rows: list[dict[str, Any]] = []
        for i in range(done, end):
            com_id, department = coms[i % communities]
            status = _pick(rng, _STATUSES).value
            deadline = _pick(rng, deadlines)
            task = dict(
                task_base,
                id=_uuid(rng),
                problem_id=probs[(i // communities) % problems],
                community_id=com_id,
                sort=i + 1,
                measure=f"{_pick(rng, _VERBS)}，落实整改第{i + 1}项",
                kind=_pick(rng, kinds),
                owner=_pick(rng, people),
                leader=_pick(rng, people),
                department=department,
                deadline=deadline,
                original_deadline=None,  # 原定时限 only once an extension is approved
                status=status,
                progress=f"已开展{_pick(rng, _TOPICS)}工作{1 + int(rng.random() * 30)}次"
                if status != "not_started"
                else "",
            )
            task_rows.append(task)
            if i % 3 == 0:  # a third of the tasks count something (培训 3 次 of 12)
                target = 2 + int(rng.random() * 19)
                indicator_rows.append(
                    dict(
                        indicator_base,
                        id=_uuid(rng),
                        task_id=task["id"],
                        name=_pick(rng, _INDICATORS),
                        unit="次",
                        target=target,
                        actual=int(rng.random() * (target + 1)),
                    )
                )
        ledger.bulk_insert(
            "generate",
            {"task": task_rows, "indicator": indicator_rows},
            {**args, "from": done + 1, "to": end},
        )
        done = end
        if progress is not None:
            progress(done, tasks)
    # each index is one sort of its keys: in memory, not in a temporary file
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        with ledger.store.db.atomic():
            for sql in indexes:
                conn.execute(sql)
    finally:
        conn.execute("PRAGMA temp_store = DEFAULT")
    return ledger
