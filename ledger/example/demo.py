"""The example ledger: the bundled public notice's findings, six named communities, invented people."""

from __future__ import annotations

import datetime as dt
import random
import re
import struct
import uuid
import zlib
from pathlib import Path
from typing import Any

from ledger.core import Action, Clock, FixedClock, Kind, Operator, Role, Status
from ledger.service import Ledger

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "samples" / "xinzhuang-industrial-zone-notice.txt"
)
ORG = "莘庄工业区党工委"
COMMUNITIES = ("南郊别墅", "鑫峰苑", "天恒名城", "瓶安路", "新源路", "申莘第一")
# Invented people: marked as example data (example = 1) in the ledger and in the window.
SECRETARIES = (
    "王建华（示例）",
    "李秀英（示例）",
    "张国强（示例）",
    "刘桂兰（示例）",
    "陈志明（示例）",
    "杨丽华（示例）",
)
OWNERS = ("赵敏", "钱磊", "孙静", "周涛", "吴芳", "郑勇", "冯娟", "陈刚", "褚霞", "卫平", "蒋超", "沈艳")
LEADERS = ("党委书记（示例）", "分管副主任甲（示例）", "分管副主任乙（示例）")
WORK_TEAM = Operator("专班经办人（示例）", Role.WORK_TEAM)
DEPUTY = Operator("专班负责人（示例）", Role.LEADER)
HEAD = Operator("领导小组组长（示例）", Role.LEADER)


def _indicators(text: str) -> list[tuple[str, str, float]]:
    """Figures the notice reports ("开展垃圾分类培训 14 次"): name from the clause before the number."""
    out = []
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(余处|余次|人次|次|篇|个|处|户|人|%)", text):
        clause = re.split(r"[，。；、：,;]", text[: m.start()])[-1].strip()
        name = (
            re.split(r"累计|新增|开展|组织|发布|完成|整改|清理|纠正|召开", clause)[-1].strip()[-14:]
            or "完成数量"
        )
        out.append((name, m[2].replace("余", ""), float(m[1])))
    return out[:2]


def build_demo(path: str | Path, *, clock: Clock | None = None, seed: int = 20250827) -> Ledger:
    """Create the example ledger at ``path`` (refuses to overwrite). Deterministic for a given date and seed."""
    from ledger.plan import parse_plan

    clock = clock or Clock()
    today = clock.today()
    rng = random.Random(seed)
    plan = parse_plan(SAMPLE.read_text(encoding="utf-8"), known_communities=COMMUNITIES)
    led = Ledger.create(path, org=ORG, clock=clock, operator=WORK_TEAM)
    # The example's history happens over the ten weeks before today, so trends and histories have a shape.
    walk = FixedClock(dt.datetime.combine(today - dt.timedelta(days=70), dt.time(9, 0)))
    led.clock = walk
    led.set_setting(
        "inspection",
        {"group": "区委第一巡察组", "from": "2025-03-21", "to": "2025-06-15", "feedback": "2025-08-27"},
    )
    led.set_setting("example", True)
    ids = {}
    for i, name in enumerate(COMMUNITIES):
        ids[name] = led.add_community(
            name, secretary=SECRETARIES[i], leader=LEADERS[i % len(LEADERS)], example=False, id=_uuid(rng)
        )
    plan_rows: dict[str, list[dict[str, Any]]] = {"category": [], "problem": [], "task": [], "indicator": []}
    n = 0
    for ci, cat in enumerate(plan.categories, start=1):
        crow = led.new_row("category", id=_uuid(rng), title=cat.title, sort=ci)
        plan_rows["category"].append(crow)
        for pi, prob in enumerate(cat.problems, start=1):
            prow = led.new_row(
                "problem",
                id=_uuid(rng),
                category_id=crow["id"],
                title=prob.title,
                detail=prob.detail,
                sort=pi,
            )
            plan_rows["problem"].append(prow)
            for mi, measure in enumerate(prob.measures, start=1):
                # The communities a measure names; else those in the problem's title; else all six.
                named = [c for c in measure.communities if c in ids] or [c for c in ids if c in prob.title]
                targets = named or list(COMMUNITIES)
                for com in targets:
                    n += 1
                    kind = (
                        Kind.LONG_TERM
                        if "常态" in measure.title or "长效" in measure.title
                        else (Kind.IMMEDIATE if mi == 1 and pi == 1 else Kind.DEADLINE)
                    )
                    deadline = today + dt.timedelta(
                        days=rng.choice((-21, -9, -3, 2, 5, 6, 12, 20, 30, 35, 41, 48, 56, 63, 75, 90))
                    )
                    trow = led.new_row(
                        "task",
                        id=_uuid(rng),
                        problem_id=prow["id"],
                        community_id=ids[com],
                        measure=measure.title,
                        detail=measure.detail,
                        kind=kind.value,
                        owner=rng.choice(OWNERS) + "（示例）",
                        leader=LEADERS[(ci + pi) % len(LEADERS)],
                        department=f"{com}居民区党组织",
                        deadline=deadline,
                        sort=mi,
                        example=True,
                    )
                    plan_rows["task"].append(trow)
                    for k, (name, unit, value) in enumerate(_indicators(measure.detail), start=1):
                        plan_rows["indicator"].append(
                            led.new_row(
                                "indicator",
                                task_id=trow["id"],
                                name=name,
                                unit=unit,
                                target=value,
                                actual=None,
                                sort=k,
                            )
                        )
    led.bulk_insert("import_plan", plan_rows, {"file": SAMPLE.name, "example": True})
    _advance_states(led, plan_rows, rng, walk, today)
    led.clock = clock
    return led


def _advance_states(
    led: Ledger, rows: dict[str, list[dict[str, Any]]], rng: random.Random, walk: FixedClock, today: dt.date
) -> None:
    """Walk tasks through the real workflow so every state shows, each step journalled as in real use.

    Steps are spread over the weeks before ``today`` (tasks taken in a shuffled order, clock moving forward)."""
    secretary = Operator("居民区书记（示例）", Role.SECRETARY)
    indicators: dict[str, list[dict[str, Any]]] = {}
    for ind in rows["indicator"]:
        indicators.setdefault(ind["task_id"], []).append(ind)
    relapsed: list[str] = []
    plan = [
        "not_started",
        "in_progress",
        "in_progress",
        "submitted",
        "in_review",
        "returned",
        "closed",
        "closed",
        "ongoing",
        "reopened",
        "in_progress",
        "closed",
    ]
    order = list(enumerate(rows["task"]))
    rng.shuffle(order)
    start = walk.at
    end = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(17, 0))
    for step, (i, task) in enumerate(order):
        walk.at = start + (end - start) * (step + 1) / (len(order) + 1)
        target = plan[i % len(plan)]
        if task["kind"] == Kind.LONG_TERM.value and target not in ("not_started",):
            target = "ongoing"
        tid = task["id"]
        if target == "not_started":
            continue
        led.operator = secretary
        if target == "ongoing":
            led.act(tid, Action.SET_ONGOING)
            led.update_progress(tid, "已纳入日常工作，每月报告进展。")
            continue
        led.act(tid, Action.START)
        for ind in indicators.get(tid, []):
            done = (
                ind["target"]
                if target in ("closed", "submitted", "in_review", "reopened")
                else round(ind["target"] * rng.choice((0.3, 0.5, 0.8)))
            )
            led.update_indicator(ind["id"], actual=done)
        led.update_progress(tid, _progress_text(task["measure"], target))
        if target == "in_progress":
            continue
        if target != "returned":
            _attach_examples(led, tid, task, rng)
        led.act(tid, Action.SUBMIT, reason="已按方案完成整改，佐证材料已整理归档。")
        if target == "submitted":
            continue
        led.operator = WORK_TEAM
        if target == "returned":
            led.act(tid, Action.RETURN, reason="佐证材料不全，请补充签到表和现场照片。")
            continue
        led.act(tid, Action.APPROVE, grade="较好", opinion="材料齐全，同意提交复核。")
        if target == "in_review":
            continue
        led.operator = DEPUTY
        led.act(tid, Action.APPROVE, grade="好", opinion="同意。")
        led.operator = HEAD
        led.act(tid, Action.APPROVE, grade="好", opinion="同意销号。")
        if target == "reopened":
            relapsed.append(tid)
    _look_back(led, relapsed, walk, today)
    _extensions(led, rows, walk, today)
    led.operator = WORK_TEAM


def _attach_examples(led: Ledger, task_id: str, task: dict[str, Any], rng: random.Random) -> None:
    """A sign-in sheet and a site photo, generated here (example data), attached as evidence."""
    from ledger.signoff import attach_evidence

    sheet = "姓名,签到时间\n" + "\n".join(f"居民{n}（示例）,09:{n:02d}" for n in range(1, rng.randint(8, 20)))
    attach_evidence(
        led,
        task_id,
        data=("\ufeff" + sheet).encode("utf-8"),
        file_name=f"签到表（示例）-{task['measure'][:8]}.csv",
    )
    colour = rng.choice(((200, 60, 50), (60, 140, 90), (70, 110, 190), (220, 160, 60)))
    attach_evidence(
        led, task_id, data=_png(160, 120, colour), file_name=f"现场照片（示例）-{task['measure'][:8]}.png"
    )


def _uuid(rng: random.Random) -> str:
    """Seeded ids, so the example (and its 回头看 draw, which orders tasks by id) is the same every time."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain one-colour PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _look_back(led: Ledger, relapsed: list[str], walk: FixedClock, today: dt.date) -> None:
    """A 回头看 draw over the signed-off tasks, recorded with its seed; the chosen tasks relapse (反弹)."""
    from ledger.signoff import draw_recheck, recheck_items, record_recheck

    if not relapsed:
        return
    walk.at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(10, 0))
    led.operator = WORK_TEAM
    draw = draw_recheck(led, percent=30, seed=20251119, note="示例：每季度抽查已销号任务")
    for item in recheck_items(led, draw):
        if item.task_id in relapsed:
            record_recheck(led, item.id, "relapse", "回访发现楼道堆物反弹（示例）")
        else:
            record_recheck(led, item.id, "pass", "现场复查合格（示例）")
    for tid in relapsed:  # tasks the sample missed relapse through a reopening with a reason
        if led.task(tid).status == Status.CLOSED:
            led.act(tid, Action.REOPEN, reason="群众反映问题反弹，重新整改（示例）。")


def _extensions(led: Ledger, rows: dict[str, list[dict[str, Any]]], walk: FixedClock, today: dt.date) -> None:
    """Two extension requests: one approved by a leader, one waiting for a decision."""
    from ledger.signoff import decide_extension, request_extension

    walk.at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15, 0))
    candidates = [
        t["id"]
        for t in rows["task"]
        if led.task(t["id"]).status == Status.IN_PROGRESS and (led.task(t["id"]).deadline or today) > today
    ]
    for n, tid in enumerate(candidates[:2]):
        led.operator = Operator("居民区书记（示例）", Role.SECRETARY)
        deadline = led.task(tid).deadline
        assert deadline is not None
        ext = request_extension(
            led, tid, deadline + dt.timedelta(days=30), "涉及多个部门联合执法，需延长一个月（示例）"
        )
        if n == 0:
            led.operator = HEAD
            decide_extension(led, ext, True, "同意延期（示例）")


def _progress_text(measure: str, target: str) -> str:
    if target in ("closed", "submitted", "in_review", "reopened"):
        return f"已完成“{measure}”各项工作，形成工作台账。"
    return f"正在推进“{measure}”，已完成部分工作。"
