"""Find community names (……居民区, ……社区, ……村, and the ledger's own names) in a plan's text, in order of appearance."""

from __future__ import annotations

import re

# CJK ideographs; ledger.plan_text's patterns use this class too
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_COMMUNITY_SUFFIX_RE = re.compile(r"居民区|社区|村")
_NAME_DELIMITERS = sorted(
    (
        "包联 联系 牵头 指导 督促 推动 组织 深入 走进 走访 前往 来到 进入 通过 作为 关于 下辖 所辖 辖区 包括 "
        "以及 其中 例如 比如 覆盖 规范 加强 强化 提升 推进 开展 服务 建设 完善 健全 全体 所有 部分 个别 相关 "
        "有关 涉及 位于 针对 围绕 聚焦 结合 依托 联合 协调 配合 支持 帮助 帮扶 成立 打造 创建 评为 "
        "对 由 在 向 与 和 及 同 为 将 把 从 到 给 的 了 各 全 该 本 每 个 是 如 至 于 被 让 使 经 按 据 并 且 或 即 其 等"
    ).split(),
    key=len,
    reverse=True,
)
_GENERIC_NAMES = frozenset(
    "城市 农村 乡村 城乡 老旧 新建 商品房 动迁 部分 个别 其他 其它 相关 重点 辖区 下辖 周边 所在 所属 "
    "全部 示范 试点 文明 和谐 美丽 智慧 平安 绿色 规范 涉及 有关 多个 若干 其余 剩余 上述 以上 以下 "
    "这些 那些 行政 自然 城中 新型 农民 移民 典型 先进 优秀".split()
)
_GENERIC_PARTS = tuple(
    "党 委 组织 居民 干部 群众 治理 工作 管理 服务 建设 活动 培训 会议 宣传 机制 问题 整改 巡察 工业区 街道 镇".split()
)
_VILLAGE_NOT_FOLLOWED_BY = "民委务级干组庄落镇官规"
_PLACE_ENDINGS = frozenset(
    "苑园城府湾庭邸墅路里坊寓居舍轩阁庄岸湖港都景第厦场汇弄街巷宅堂院谷台洲岛林山江河桥门塘浜泾滨村"
    "东西南北中新一二三四五六七八九十"
)


def _name_run(text: str, end: int) -> tuple[str, int]:
    """The ideographs ending at end (at most 14): (run, start)."""
    start = end
    while start > 0 and end - start < 14 and re.match(f"[{IDEOGRAPHS}]", text[start - 1]):
        start -= 1
    return text[start:end], start


def _cut_name(run: str) -> tuple[str, int] | None:
    """The name at the tail of run, cut after the last function word or verb: (name, offset)."""
    hits: list[tuple[int, int]] = []  # (end of delimiter, start)
    for word in _NAME_DELIMITERS:
        for m in re.finditer(re.escape(word), run):
            hits.append((m.end(), m.start()))
    skipped = False
    for end, _start in sorted(hits, reverse=True):
        if end == len(run):
            return None  # "各居民区", "深入社区": a function word right before the suffix
        if len(run) - end >= 2:
            return (run[end:], end) if not skipped or len(run) - end <= 5 else None
        # one character left: the delimiter is probably part of a short name ("天和苑"); look further left
        skipped = True
    return (run, 0) if not skipped or len(run) <= 5 else None


def _valid_name(name: str, suffix: str = "居民区") -> bool:
    if not 2 <= len(name) <= 8 or name in _GENERIC_NAMES:
        return False
    # "社区" is mostly generic ("充分考虑社区的实际情况"): only take names that end like a place name
    if suffix == "社区" and name[-1] not in _PLACE_ENDINGS:
        return False
    if name.endswith(("区", "市", "县", "乡", "街道")) or "村" in name[:-1] or "社区" in name:
        return False
    return not any(part in name for part in _GENERIC_PARTS)


def _detected_communities(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _COMMUNITY_SUFFIX_RE.finditer(text):
        suffix = m.group()
        if suffix == "村":
            after = text[m.end() : m.end() + 1]
            if after and after in _VILLAGE_NOT_FOLLOWED_BY:
                continue
        run, start = _name_run(text, m.start())
        if suffix != "村":
            while run.endswith("等"):
                run = run[:-1]
        cut = _cut_name(run)
        if cut is None:
            continue
        name, offset = cut
        if not _valid_name(name, suffix):
            continue
        if suffix == "村":
            found.append((start + offset, name + "村"))
            continue
        found.append((start + offset, name))
        # an enumeration before it: "鑫峰苑、天恒名城等居民区"
        pos = start + offset
        while pos > 0 and text[pos - 1] == "、":
            prev_run, prev_start = _name_run(text, pos - 1)
            prev = _cut_name(prev_run)
            if prev is None or not _valid_name(prev[0], suffix):
                break
            pos = prev_start + prev[1]  # after a cut the list started behind a verb and ends here
            found.append((pos, prev[0]))
    return found


def _base_name(name: str) -> str:
    for suffix in ("居民区", "居委会", "党总支", "党支部", "社区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def communities_named(text: str, known: list[str]) -> list[str]:
    hits: list[tuple[int, str]] = []
    known_by_base: dict[str, str] = {}
    for name in known:
        base = _base_name(name)
        known_by_base.setdefault(base, name)
        positions = [p for p in (text.find(name), text.find(base)) if p >= 0]
        if positions:
            hits.append((min(positions), name))
    for pos, name in _detected_communities(text):
        hits.append((pos, known_by_base.get(_base_name(name), name)))
    result: list[str] = []
    for _pos, name in sorted(hits, key=lambda h: h[0]):
        if name not in result:
            result.append(name)
    return result
