"""Tests for ledger.plan_text: plan / feedback / notice text → categories → problems → measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.core import LedgerError
from ledger.core.errors import MESSAGES
from ledger.plan.file import PlanFileError, read_plan_file
from ledger.plan.text import ParsedPlan, parse_plan

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "xinzhuang-industrial-zone-notice.txt"
DATA = Path(__file__).resolve().parents[1] / "data"


def structure(plan: ParsedPlan) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    return [
        (c.title, [(p.title, [m.title for m in p.measures]) for p in c.problems]) for c in plan.categories
    ]


def all_texts(plan: ParsedPlan) -> list[str]:
    texts: list[str] = []
    for c in plan.categories:
        texts.append(c.title)
        for p in c.problems:
            texts += [p.title, p.detail]
            for m in p.measures:
                texts += [m.title, m.detail]
    return texts


@pytest.fixture(scope="module")
def sample() -> ParsedPlan:
    return parse_plan(read_plan_file(SAMPLE))


# ---------------------------------------------------------------------------
# The real notice


def test_bundled_sample_is_the_shared_sample() -> None:
    shared = Path("/work/shared/samples/xinzhuang-industrial-zone-notice.txt")
    if not shared.exists():
        pytest.skip("shared sample not present on this machine")
    assert SAMPLE.read_bytes() == shared.read_bytes()


def test_sample_counts(sample: ParsedPlan) -> None:
    assert sample.counts() == (4, 10, 28)
    assert sample.structured
    assert sample.warnings == []


def test_sample_category_titles(sample: ParsedPlan) -> None:
    assert [c.title for c in sample.categories] == [
        "关于落实党的理论路线方针政策和党中央重大决策部署及市委、区委工作要求方面的整改",
        "关于群众身边不正之风和腐败问题以及群众反映强烈的问题方面的整改",
        "关于基层党组织建设和干部队伍建设方面的整改",
        "关于巡察发现问题整改落实方面的整改",
    ]


def test_sample_problem_titles(sample: ParsedPlan) -> None:
    assert [[p.title for p in c.problems] for c in sample.categories] == [
        [
            "针对党建引领基层治理效能不足的问题",
            "针对防范化解安全风险隐患不到位的问题",
            "针对网格化管理体系运转不畅的问题",
        ],
        [
            "针对“四责协同”机制落实虚化的问题",
            "针对中央八项规定精神执行不严的问题",
            "针对补贴发放审核把关不严的问题",
        ],
        [
            "针对组织生活制度落实不严的问题",
            "针对基础党务工作不扎实的问题",
            "针对党群专项经费使用管理不规范的问题",
        ],
        [
            "针对南郊别墅党建引领协同治理机制成效不明显，个别居民饲养家禽问题多年来一直未得到解决的问题",
        ],
    ]


@pytest.mark.parametrize(
    ("category", "problem", "titles"),
    [
        (
            0,
            0,
            [
                "强化宣传培训，提升居民自治意识",
                "完善硬件设施，夯实治理基础",
                "建立常态化治理机制，巩固整改成效",
            ],
        ),
        # "三是……。" is wrapped in ** markers including its full stop
        (
            0,
            1,
            ["压实安全责任，健全管理制度", "开展专项整治，消除安全隐患", "加强日常巡查，建立动态监管机制"],
        ),
        (0, 2, ["优化网格队伍，明确工作职责", "完善工作流程，形成管理闭环", "强化部门联动，提升处置效能"]),
        (
            1,
            0,
            [
                "开展专题培训与知识测评",
                "完成《党员干部廉政风险防控措施表》的填报与落实",
                "建立“一岗双责”常态化责任落实台账",
            ],
        ),
        (1, 1, ["规范采购流程，严格预算审核", "加强资产管理，避免资源闲置", "强化民主监督，提升使用效能"]),
        # "**二是完善审核机制**，堵塞管理漏洞。": the markers sit in the middle of the clause
        (1, 2, ["开展专项清理，追缴违规资金", "完善审核机制，堵塞管理漏洞", "强化警示教育，筑牢思想防线"]),
        (2, 0, ["规范工作流程，确保程序到位", "加强督查指导，提升会议质量", "严格民主评议，强化结果运用"]),
        # "一是强化教育培\n\n训，提升业务能力水平": a page break inside the title
        (
            2,
            1,
            [
                "强化教育培训，提升业务能力水平",
                "规范组织运行，明确层级责任要求",
                "健全管理制度，实现档案规范管理",
            ],
        ),
        (2, 2, ["明确使用范围，严格预算管理", "规范核销程序，强化过程监督", "完善评估机制，确保使用效益"]),
        # no 一是 list: the whole text is one measure
        (3, 0, ["强化党建引领"]),
    ],
)
def test_sample_measure_titles(sample: ParsedPlan, category: int, problem: int, titles: list[str]) -> None:
    assert [m.title for m in sample.categories[category].problems[problem].measures] == titles


@pytest.mark.parametrize(
    ("category", "problem", "measure", "starts", "contains"),
    [
        (0, 0, 0, "组织社区治理能量“加油站”培训 18 次，", "开展垃圾分类培训、楼道安全讲座等主题活动 14 次"),
        # "……专项整治行动，\n\n组织清理车库堆放物" is one paragraph across a page break
        (0, 1, 1, "针对飞线充电、消防通道堵塞等问题", "开展专项整治行动，组织清理车库堆放物"),
        (0, 1, 2, "建立健全“日巡查、周抽查、月考核”的安全巡查制度", "早发现、早处置、早消除。"),
        (1, 0, 0, "组织居民区“两委”班子成员开展专题培训，", "并开展闭卷测试"),
        # "开展谈\n\n心谈话 20 人次"
        (1, 2, 0, "分管领导与各居民区党组织书记开展谈心谈话 20 人次，", "应追尽追、不留死角。"),
        (1, 2, 1, "将补贴发放等涉及群众利益的事项", "三级审核机制"),
        (2, 2, 2, "项目完成后，", "并调查了解成效、满意度、感受度等"),
        (3, 0, 0, "通过召开“四位一体”会议，", "成立由党员带头、居民参与的社区巡逻队"),
    ],
)
def test_sample_measure_details(
    sample: ParsedPlan, category: int, problem: int, measure: int, starts: str, contains: str
) -> None:
    detail = sample.categories[category].problems[problem].measures[measure].detail
    assert detail.startswith(starts)
    assert contains in detail


def test_sample_skips_the_sections_that_are_not_findings(sample: ParsedPlan) -> None:
    text = "".join(all_texts(sample))
    for outside in (
        "党委书记组织落实整改工作情况",  # 一、 (the organisation of the work)
        "牵头抓总",
        "强化组织领导，构建严密责任体系",
        "深化成果固化",  # 三、 (long-term mechanisms)
        "强化能力建设",
        "欢迎广大干部群众",
        "021-34665713",  # contact lines
        "金都路3688号",
        "201108",
        "根据区委统一部署",  # the opening paragraph
    ):
        assert outside not in text


def test_sample_problem_detail_is_its_text_after_the_title(sample: ParsedPlan) -> None:
    problem = sample.categories[0].problems[0]
    assert problem.detail.startswith("一是强化宣传培训，提升居民自治意识。组织社区治理能量")
    assert problem.detail.endswith("清理堆放 120 余处。")


@pytest.mark.parametrize(
    ("category", "problem", "measure", "communities"),
    [
        (0, 0, 0, []),  # "各居民区党组织", "社区治理", "社区文明公约": no names
        (0, 0, 1, ["鑫峰苑", "天恒名城"]),  # "鑫峰苑、天恒名城等居民区"
        (0, 1, 0, ["天恒名城", "南郊别墅"]),
        (0, 2, 1, ["瓶安路", "新源路"]),
        (1, 1, 1, ["天恒名城", "申莘第一"]),  # "天恒名城、申莘第一居民区"
        (1, 1, 2, []),  # "充分考虑社区的实际情况"
        (1, 2, 0, []),  # "对 10 个社区补贴发放情况"
        (3, 0, 0, []),  # "每月深入社区", "社区巡逻队"
    ],
)
def test_sample_measure_communities(
    sample: ParsedPlan, category: int, problem: int, measure: int, communities: list[str]
) -> None:
    assert sample.categories[category].problems[problem].measures[measure].communities == communities


def test_sample_problem_communities_collect_their_measures(sample: ParsedPlan) -> None:
    assert sample.categories[0].problems[0].communities == ["鑫峰苑", "天恒名城"]
    assert sample.categories[0].problems[1].communities == ["天恒名城", "南郊别墅"]


def test_known_communities_are_found_by_name_with_or_without_suffix() -> None:
    plan = parse_plan(read_plan_file(SAMPLE), ["南郊别墅居民区", "天恒名城居民区", "瓶安路"])
    # "针对南郊别墅党建引领……" names the community without the word 居民区
    assert plan.categories[3].problems[0].communities == ["南郊别墅居民区"]
    assert plan.categories[3].problems[0].measures[0].communities == []
    # detected names are reported in the caller's spelling
    assert plan.categories[0].problems[0].measures[1].communities == ["鑫峰苑", "天恒名城居民区"]
    assert plan.categories[0].problems[2].measures[1].communities == ["瓶安路", "新源路"]


# ---------------------------------------------------------------------------
# Our own documents in the genre, each with its own irregularities

PLAN_MIXED_BRACKETS = [
    (
        "关于政治建设和理论学习方面的整改",
        [
            (
                "针对理论学习中心组学习流于形式的问题",
                [
                    "制定年度学习计划，明确学习专题",
                    "建立学习档案，推动学用结合",
                    "开展学习交流，检验学习成效",
                ],
            ),
            (
                "针对意识形态工作责任制落实不到位的问题",
                ["落实阵地管理，规范宣传栏内容", "加强舆情研判，及时回应居民关切"],
            ),
        ],
    ),
    (
        "关于基层党组织建设方面的整改",
        [
            (
                "针对“三会一课”制度执行不严格的问题",
                ["规范会议记录，统一记录本格式", "严格会议程序，党员大会每季度召开一次"],
            ),
            ("针对党员发展程序不规范的问题", ["对近三年发展的党员档案逐一复查，补齐缺失材料"]),
        ],
    ),
]

NOTICE_PAGE_BREAKS = [
    (
        "关于全面从严治党主体责任落实方面的整改",
        [
            (
                "针对“一岗双责”落实不到位的问题",
                ["压实责任链条，细化责任清单", "强化日常监督，开展廉政谈话", "健全考核机制，推动责任落实"],
            ),
            (
                "针对财务管理制度执行不严格的问题",
                ["开展专项审计，全面排查风险", "完善报销制度，规范审批流程"],
            ),
        ],
    ),
    (
        "关于基层治理和为民服务方面的整改",  # the heading itself is broken across two lines
        [
            (
                "针对老旧小区加装电梯推进缓慢的问题",
                ["摸清底数，建立需求清单", "加强协调，破解推进难题", "强化宣传，凝聚居民共识"],
            ),
        ],
    ),
    (
        "关于巡察发现问题整改落实方面的整改",
        [("针对桂花村人居环境整治不彻底的问题", ["清理乱堆乱放", "建立长效保洁机制"])],
    ),
]

CHECKLIST_GB18030 = [
    (
        "关于党的领导弱化方面",
        [
            (
                "针对落实上级决策部署打折扣的问题",
                ["召开专题民主生活会，深刻剖析原因", "建立重点任务督办台账，按月通报进度"],
            ),
            # no 针对: the first sentence is the title; （1）（2）（3） are its measures
            (
                "村级重大事项决策未严格执行“四议两公开”",
                ["对2023年以来的重大事项逐项复核", "修订村级议事规则", "银杏村、白鹭村完成公示栏改造"],
            ),
        ],
    ),
    (
        "关于党的建设缺失方面",
        [("针对发展党员把关不严的问题", ["严格政治审查", "落实发展党员公示制度，公示期不少于 5 个工作日"])],
    ),
]


@pytest.mark.parametrize(
    ("name", "expected", "counts"),
    [
        ("plan_mixed_brackets.txt", PLAN_MIXED_BRACKETS, (2, 4, 8)),
        ("notice_page_breaks.txt", NOTICE_PAGE_BREAKS, (3, 4, 10)),
        ("checklist_gb18030.txt", CHECKLIST_GB18030, (2, 3, 7)),
    ],
)
def test_own_documents_parse_to_their_structure(
    name: str, expected: list[tuple[str, list[tuple[str, list[str]]]]], counts: tuple[int, int, int]
) -> None:
    plan = parse_plan(read_plan_file(DATA / name))
    assert structure(plan) == expected
    assert plan.counts() == counts
    assert plan.structured
    assert plan.warnings == []


@pytest.mark.parametrize(
    "name",
    [
        "plan_mixed_brackets.txt",
        "notice_page_breaks.txt",
        "checklist_gb18030.txt",
        "unstructured_minutes.txt",
    ],
)
def test_no_markers_or_line_debris_in_any_text(name: str) -> None:
    plan = parse_plan(read_plan_file(DATA / name))
    for text in all_texts(plan):
        for debris in ("**", "__", "\n", "\r", "#", "\ufeff", "— 3 —", "\u3000"):
            assert debris not in text, (debris, text)
        assert text == text.strip()
    for title in [t for t in all_texts(plan) if t]:
        assert not title.startswith(("。", "，", "、"))


def test_sample_has_no_markers_or_line_debris(sample: ParsedPlan) -> None:
    for text in all_texts(sample):
        assert "**" not in text and "\n" not in text and "\r" not in text
        assert text == text.strip()


def test_plan_without_top_level_headings_drops_the_closing_sections() -> None:
    plan = parse_plan(read_plan_file(DATA / "plan_mixed_brackets.txt"))
    text = "".join(all_texts(plan))
    assert "工作要求" not in text  # "(三)工作要求" has no 针对……问题 items
    assert "王晓明" not in text  # "联系人：" ends the last problem
    assert "制定本方案" not in text
    single = plan.categories[1].problems[1].measures[0]
    assert single.detail == "复查中发现的问题由支部书记负责整改，年底前完成。"
    assert plan.categories[0].problems[0].measures[1].communities == ["紫藤苑", "金桂园"]


def test_notice_with_page_breaks_and_markdown() -> None:
    plan = parse_plan(read_plan_file(DATA / "notice_page_breaks.txt"))
    first = plan.categories[0].problems[0].measures
    assert first[0].detail == "班子成员结合分管领域制定个人责任清单 12 份，明确廉政风险点 36 个。"
    assert first[2].detail == "将责任清单执行情况纳入年度考核。"  # the page number "— 3 —" is gone
    audit = plan.categories[0].problems[1].measures[0]
    assert audit.detail.startswith("对 8 个居民区近三年经费")
    lift = plan.categories[1].problems[0]
    assert lift.measures[0].communities == ["梧桐苑", "晨曦园", "锦绣里"]
    assert lift.measures[1].detail == "由街道党工委牵头，协调规划、房管等部门现场办公 6 次。"
    assert plan.categories[2].problems[0].communities == ["桂花村"]
    text = "".join(all_texts(plan))
    for outside in ("挂图作战", "回头看", "固化为制度", "021-12345678"):
        assert outside not in text


def test_crlf_and_lone_cr_parse_like_lf() -> None:
    text = (DATA / "notice_page_breaks.txt").read_text(encoding="utf-8")
    expected = parse_plan(text).to_json()
    assert parse_plan(text.replace("\n", "\r\n")).to_json() == expected
    assert parse_plan(text.replace("\n", "\r")).to_json() == expected


def test_fullwidth_digits_and_spaces_in_numbering() -> None:
    text = "（一）关于测试方面的整改\n１．针对甲的问题。一是措施甲。\n2 ． 针对乙的问题。一是措施乙。\n3、针对丙的问题。一是措施丙。\n4.针对丁的问题。一 是 措施丁。"
    plan = parse_plan(text)
    assert structure(plan) == [
        (
            "关于测试方面的整改",
            [
                ("针对甲的问题", ["措施甲"]),
                ("针对乙的问题", ["措施乙"]),
                ("针对丙的问题", ["措施丙"]),
                ("针对丁的问题", ["措施丁"]),
            ],
        )
    ]


def test_problems_directly_under_a_findings_heading_take_its_title() -> None:
    text = "一、基本情况\n今年以来开展了整改。\n二、反馈问题整改情况\n1. 针对台账不全的问题。一是补齐台账。二是每周对账。\n三、下一步打算\n1. 持续巩固成果。"
    plan = parse_plan(text)
    assert structure(plan) == [("反馈问题整改情况", [("针对台账不全的问题", ["补齐台账", "每周对账"])])]


def test_problem_without_measures_warns() -> None:
    plan = parse_plan(
        "（一）关于测试方面的整改\n1. 针对会议记录不全的问题。\n2. 针对台账不清的问题。一是重建台账。"
    )
    assert plan.counts() == (1, 2, 1)
    assert plan.categories[0].problems[0].measures == []
    assert any("针对会议记录不全的问题" in w for w in plan.warnings)


def test_ordinals_inside_words_are_not_measures() -> None:
    plan = parse_plan(
        "（一）关于测试方面的整改\n1. 针对制度不统一的问题。一是统一是非标准，明确口径。二是加强培训。"
    )
    assert [m.title for m in plan.categories[0].problems[0].measures] == [
        "统一是非标准，明确口径",
        "加强培训",
    ]


# ---------------------------------------------------------------------------
# Documents without structure


def test_document_without_findings_gives_nothing_and_says_so() -> None:
    plan = parse_plan(read_plan_file(DATA / "unstructured_minutes.txt"))
    assert not plan.structured
    assert plan.counts() == (0, 0, 0)
    assert len(plan.warnings) == 1
    assert "没有找到巡察发现的问题" in plan.warnings[0]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "** **\n__\n#\n— 2 —"])
def test_empty_text_gives_an_empty_plan(text: str) -> None:
    plan = parse_plan(text)
    assert plan.categories == []
    assert plan.counts() == (0, 0, 0)
    assert not plan.structured
    assert len(plan.warnings) == 1 and "文档没有内容" in plan.warnings[0]


def test_to_json_shape(sample: ParsedPlan) -> None:
    data = sample.to_json()
    assert set(data) == {"categories", "warnings"}
    first = data["categories"][0]
    assert set(first) == {"title", "problems"}
    assert set(first["problems"][0]) == {"title", "measures", "lines"}
    assert first["problems"][0]["measures"][0] == {
        "title": "强化宣传培训，提升居民自治意识",
        "detail": sample.categories[0].problems[0].measures[0].detail,
        "lines": [27, 27],
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "一、|二、反馈问题整改情况|（一）关于|(二)|1. 针对|2、|的问题。|一是|二是|三是|。|，|\n|\n\n|**|__|# |"
            "— 3 —|居民区|社区|村|、|等|天恒名城|各|（1）|②|：|联系电话：|2025年1月1日| |\r\n|１．|十是".split(
                "|"
            )
        ),
        max_size=40,
    )
)
def test_parse_never_crashes(pieces: list[str]) -> None:
    plan = parse_plan("".join(pieces), ["天恒名城居民区"])
    categories, problems, measures = plan.counts()
    assert categories == len(plan.categories)
    assert problems == sum(len(c.problems) for c in plan.categories)
    assert measures == sum(len(p.measures) for c in plan.categories for p in c.problems)
    assert plan.categories or plan.warnings
    for text in all_texts(plan):
        assert "\n" not in text and "**" not in text


# ---------------------------------------------------------------------------
# Community detection


def measure_communities(sentence: str, known: tuple[str, ...] = ()) -> list[str]:
    plan = parse_plan(f"（一）关于测试方面的整改\n1. 针对测试的问题。一是测试措施。{sentence}", known)
    return plan.categories[0].problems[0].measures[0].communities


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("鑫峰苑、天恒名城等居民区完善监控设施。", ["鑫峰苑", "天恒名城"]),
        ("党委书记牵头包联南郊别墅居民区的整改工作。", ["南郊别墅"]),
        ("对梧桐苑、晨曦园、锦绣里等居民区逐楼栋征询意见。", ["梧桐苑", "晨曦园", "锦绣里"]),
        ("牵头包联天和苑居民区。", ["天和苑"]),  # 和 inside a name is not a word break
        ("九星村、友谊村完成公示栏改造。", ["九星村", "友谊村"]),
        ("虹桥社区完成排查。", ["虹桥"]),
        ("各居民区党组织将楼道堆物整治纳入日常工作重点。", []),
        ("组织社区治理能量“加油站”培训。", []),
        ("每月深入社区了解治理难题。", []),
        ("工业区纪工委对 10 个社区补贴发放情况进行梳理清查。", []),
        ("推进乡村振兴和农村人居环境整治，村民代表参与。", []),
        ("制定《莘庄工业区居民区重要事项议事决策工作指引》。", []),
        ("充分考虑社区的实际情况。", []),
    ],
)
def test_detected_communities(sentence: str, expected: list[str]) -> None:
    assert measure_communities(sentence) == expected


def test_known_communities_come_first_in_text_order_without_duplicates() -> None:
    found = measure_communities(
        "金桂园和紫藤苑居民区开展排查，紫藤苑居民区完成整改。", ("金桂园", "紫藤苑居民区")
    )
    assert found == ["金桂园", "紫藤苑居民区"]


# ---------------------------------------------------------------------------
# Reading files


def test_read_sample_utf8() -> None:
    text = read_plan_file(str(SAMPLE))
    assert "巡察反馈意见整改落实情况" in text


def test_read_utf8_with_bom_and_crlf() -> None:
    text = read_plan_file(DATA / "plan_mixed_brackets.txt")
    assert not text.startswith("\ufeff")
    assert text.lstrip().startswith("莘北社区党总支")


def test_read_gb18030() -> None:
    assert "中共春江镇委员会" in read_plan_file(DATA / "checklist_gb18030.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gb18030", "utf-8-sig"])
def test_read_other_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "方案.txt"
    path.write_bytes("（一）关于测试方面的整改\n1. 针对测试的问题。一是测试。".encode(encoding))
    assert parse_plan(read_plan_file(path)).counts() == (1, 1, 1)


def test_read_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("梅园居民区巡察整改方案")
    document.add_paragraph("（一）关于基层党组织建设方面的整改")
    document.add_paragraph("1. 针对会议记录不规范的问题。一是统一记录格式。二是每月检查记录。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2. 针对党费收缴不及时的问题。一是按月收缴党费。"
    table.cell(0, 1).text = "二是建立收缴台账，逐月公示。"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "3. 针对档案管理混乱的问题。一是清理历史档案。"
    document.add_paragraph("(二)关于为民服务方面的整改")
    document.add_paragraph("1．针对为民服务事项办理慢的问题。一是推行首问负责制。")
    path = tmp_path / "整改方案.docx"
    document.save(str(path))

    text = read_plan_file(path)
    assert text.count("清理历史档案") == 1  # a merged cell is read once
    assert text.index("统一记录格式") < text.index("按月收缴党费") < text.index("推行首问负责制")
    plan = parse_plan(text)
    assert structure(plan) == [
        (
            "关于基层党组织建设方面的整改",
            [
                ("针对会议记录不规范的问题", ["统一记录格式", "每月检查记录"]),
                ("针对党费收缴不及时的问题", ["按月收缴党费", "建立收缴台账，逐月公示"]),
                ("针对档案管理混乱的问题", ["清理历史档案"]),
            ],
        ),
        ("关于为民服务方面的整改", [("针对为民服务事项办理慢的问题", ["推行首问负责制"])]),
    ]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("空白.txt", b"", "没有文字内容"),
        ("空白2.txt", b" \r\n\t\n", "没有文字内容"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0 old word", ".docx"),
        ("损坏.pdf", b"%PDF-1.4", "无法作为 PDF 打开"),
        ("无扩展名", "（一）关于".encode(), "不支持"),
        ("损坏.docx", b"this is not a zip file", "无法作为 Word 文档打开"),
    ],
)
def test_unreadable_files_raise_plan_file_error(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(PlanFileError) as info:
        read_plan_file(path)
    said = info.value.message()
    assert says in said
    assert name in said
    assert "请" in said  # says what to do
    assert str(info.value) == said
    assert isinstance(info.value, LedgerError) and info.value.code in MESSAGES  # a code with its English too


def test_empty_docx_raises(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "空文档.docx"
    docx.Document().save(str(path))
    with pytest.raises(PlanFileError, match="没有文字内容"):
        read_plan_file(path)


def test_missing_file_and_folder_raise(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="找不到文件"):
        read_plan_file(tmp_path / "不存在.txt")
    with pytest.raises(PlanFileError, match="文件夹"):
        read_plan_file(tmp_path)


def test_problem_title_does_not_stop_inside_a_quotation() -> None:
    plan = parse_plan("（一）关于测试方面的整改\n1. 针对“台账问题”整改不彻底的问题。一是重建台账。")
    assert plan.categories[0].problems[0].title == "针对“台账问题”整改不彻底的问题"


def test_a_long_document_is_parsed_whole() -> None:
    """Every measure of a 20-fold notice; how fast is benchmarks/test_bench_plan.py's (no timed assert here)."""
    text = "\n".join([SAMPLE.read_text(encoding="utf-8")] * 20)
    plan = parse_plan(text, ["天恒名城居民区", "南郊别墅居民区"])
    assert plan.counts()[2] == 28 * 20
