"""Generated ledgers of any size (benchmarks, load tests): realistic Chinese text, a seeded mix of states."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from ledger.core import Clock, FixedClock, Kind, Operator, Role, Status
from ledger.service import Ledger

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


def generate(
    path: str | Path,
    *,
    tasks: int = 10_000,
    communities: int = 500,
    problems: int | None = None,
    seed: int = 1,
    clock: Clock | None = None,
    org: str = "生成的测试台账",
) -> Ledger:
    """Create a ledger of ``tasks`` tasks over ``communities`` communities; returns it open."""
    rng = random.Random(seed)
    clock = clock or FixedClock()
    today = clock.today()
    ledger = Ledger.create(path, org=org, clock=clock, operator=Operator("生成器", Role.WORK_TEAM))
    if problems is None:
        problems = max(1, min(100, tasks // communities or 1))
    rows: dict[str, list[dict[str, Any]]] = {"community": [], "category": [], "problem": [], "task": []}
    names: set[str] = set()
    for i in range(communities):
        name = rng.choice(_PLACES) + rng.choice(_SUFFIX)
        while name in names:
            name = f"{rng.choice(_PLACES)}{rng.choice(_SUFFIX)}{len(names) + 1}"
        names.add(name)
        rows["community"].append(ledger.new_row("community", name=name, secretary=_person(rng), sort=i + 1))
    n_categories = max(1, min(8, problems // 3 or 1))
    for i in range(n_categories):
        rows["category"].append(
            ledger.new_row("category", title=f"关于{_TOPICS[i % len(_TOPICS)]}方面的整改", sort=i + 1)
        )
    for i in range(problems):
        cat = rows["category"][i % n_categories]
        rows["problem"].append(
            ledger.new_row(
                "problem",
                category_id=cat["id"],
                sort=i + 1,
                title=f"针对{_TOPICS[i % len(_TOPICS)]}不到位的问题（{i + 1}）",
            )
        )
    kinds = [k.value for k in Kind]
    for i in range(tasks):
        com = rows["community"][i % communities]
        prob = rows["problem"][(i // communities) % problems]
        status = rng.choice(_STATUSES)
        deadline = today + dt.timedelta(days=rng.randint(-60, 120))
        rows["task"].append(
            ledger.new_row(
                "task",
                problem_id=prob["id"],
                community_id=com["id"],
                sort=i + 1,
                measure=f"{rng.choice(_VERBS)}，落实整改第{i + 1}项",
                kind=rng.choice(kinds),
                owner=_person(rng),
                leader=_person(rng),
                department=com["name"] + "党总支",
                deadline=deadline,
                status=status,
                progress=f"已开展{rng.choice(_TOPICS)}工作{rng.randint(1, 30)}次"
                if status != Status.NOT_STARTED
                else "",
            )
        )
    ledger.bulk_insert("generate", rows, {"tasks": tasks, "communities": communities, "seed": seed})
    return ledger
